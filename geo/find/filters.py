"""What is not a place mention, though the gazetteer knows the name.

- one- or two-letter words, and short all-caps words that are not a region or country (BM, BA);
- names of places outside the theatre met through anything but their GeoNames name (GeoNames
  lists "Main" and "Lies" as names of German and English towns);
- names that are part of a longer proper noun (Vladimir Putin, Johns Hopkins, Wagner Group);
  an oblast, raion or hromada adjective after a name is not one (Липцы Харьковской области);
- a small place's name in surname position (Gen. Oleksandr Syrskyi), and then all article long;
- a settlement's name followed by "said" (a person), unless it is a capital ("Moscow said" is a
  government: ``classify.role``);
- names of things that are not settlements: rivers ("across the Oskil River", "на левом берегу
  Днепра"), military formations ("the Tavria operational group", "силами Южной группы",
  "группировки войск «Восток»") and titles in quotes («Ахмат-Чечня», "Azov");
- ordinary Russian and Ukrainian words capitalised only because they open a sentence ("Поселок
  находится...", "Серед постраждалих..."), and adjectives that qualify the noun after them
  ("Українським захисникам"): unless a place context vouches for them, or the same word is
  capitalised inside a sentence elsewhere in the article;
- a small place outside the theatre (under ``FOREIGN_MIN_POPULATION``) that no place context
  vouches for: "renamed Novgorodskoye - New City -" is no town in Illinois.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from gazetteer import (
    COUNTRY,
    REGION,
    SETTLEMENT,
    Gazetteer,
    fold_key,
    has_cyrillic,
    is_attribute,
    is_common_noun,
    is_function_word,
)
from geo.find import locators
from geo.find.candidates import Resolved, spelled_as
from geo.find.recognise import Span, _place_context

# Above this population a capitalised word before the name is more likely a headline fragment
# ("Military Hub Pokrovsk") than a first name.
SURNAME_MAX_POPULATION = 20000
# A town this big keeps its name at the start of a sentence even when the name is also a word
# (Лиман: an estuary; the town has 20,000 people).
ORDINARY_WORD_MAX_POPULATION = 20000
# Outside the theatre only places this big are worth a dot on a name alone.
FOREIGN_MIN_POPULATION = 100_000
HEADLINE_MAX_WORDS = 16

# Words after a place name that still describe the place (not a longer proper noun).
_GEOGRAPHIC_NEXT = re.compile(
    r"\W{0,2}(?:Oblast|Region|Province|District|Raion|Rayon|Krai|Kray|Republic|Direction|Axis|"
    r"Front|Sector|Agglomeration|City|Town|Village|Area|Border|Bridge|Airport|"
    r"Област|Район|Направлени|Напрям)", re.IGNORECASE)
_CAPITALISED_WORD = re.compile(r"[ \t]+([A-ZА-ЯЁІЇЄҐ][\w'’-]*)")
_PREVIOUS_WORD = re.compile(r"([A-ZА-ЯЁІЇЄҐ][\w'’-]*)[ \t]+$")
# Capitalised words that are not given names: weekdays, months, sentence-opening function words.
_NOT_A_NAME = re.compile(
    r"^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|"
    r"May|June|July|August|September|October|November|December|On|In|At|By|From|To|Near|Since|"
    r"Until|After|Before|And|But|Or|The|A|An|When|While|As|If|Late|Early|Last|This|Then|"
    r"В|Во|На|Под|Из|У|Біля|Від|До|И|І|Та|А|Но)$")
_SPEECH_AFTER = re.compile(r"\s+(?:said|says|told|added|noted|stressed|explained|wrote|"
                           r"сказал|заявил|сказав|заявив)\b", re.IGNORECASE)
# Rivers and water: the words before or after a name that make it one.
_WATER_BEFORE = re.compile(
    r"(?:\b(?:rivers?|(?:left|right|east|eastern|west|western|opposite|other|north|northern|"
    r"south|southern)\s+banks?\s+of|banks?\s+of|across|cross(?:ed|ing|es)?|forded|fording|"
    r"along|upstream\s+on|downstream\s+on)\s+(?:the\s+)?|"
    r"\b(?:рек[аиуеой]|рекой|річк[аиуі]|річкою|р\.|берег\w*|берез[іи]|правобереж\w*|"
    r"лівобереж\w*|левобереж\w*|форсир\w*|форсув\w*|переправ\w*|водохранилищ\w*|"
    r"водосховищ\w*)\s+(?:(?:рек\w*|річк\w*)\s+)?)$", re.IGNORECASE)
# How the words of those expressions start, and the quotes: where none stands near a name, the
# expressions need not run (``_Cues``).
_NOT_SETTLEMENT_STEMS = (
    "river", "bank", "across", "cross", "ford", "along", "upstream", "downstream", "reservoir",
    "lake", "estuar", "lagoon", "canal",
    "рек", "річк", "р.", "берег", "берез", "правобереж", "лівобереж", "левобереж", "форсир",
    "форсув", "переправ", "водохранилищ", "водосховищ",
    "strategic", "operational", "tactical", "group", "battle", "brigade", "regiment", "battalion",
    "division", "corps", "army", "fleet",
    "групп", "угрупован", "бригад", "полк", "батальон", "дивизи", "дивізі", "корпус", "арми",
    "армі", "бойц", "бійц", "подразделени", "підрозділ", "войск", "військ",
)  # fmt: skip


def _cue_pattern(stems: tuple[str, ...], quotes: str) -> re.Pattern:
    """The stems at a word's start, or a quote: "\\b(?:r(?:iver|eservoir)|...)|[«...]". The word
    start is tested once per position, before the stems (grouped by their first letter): faster
    in C than a look-behind after each first letter, as measured on whole articles."""
    by_first: dict[str, list[str]] = {}
    for stem in stems:
        by_first.setdefault(stem[0], []).append(re.escape(stem[1:]))
    branches = [f"{re.escape(first)}(?:{'|'.join(rests)})" for first, rests in by_first.items()]
    return re.compile(rf"\b(?:{'|'.join(branches)})|[{re.escape(quotes)}]")


_CUE = _cue_pattern(_NOT_SETTLEMENT_STEMS, "«\"“„'‘")
_WATER_AFTER = re.compile(r"\s+(?:rivers?|reservoir|lake|estuary|lagoon|canal)\b", re.IGNORECASE)
# Military formations named after places or directions.
_FORMATION_AFTER = re.compile(
    r"\W{0,2}\s*(?:(?:strategic|operational|tactical|operational-strategic|"
    r"strategic-operational|operational-tactical)\b[\s-]*)*(?:group(?:ing)?|battle\s*group|"
    r"brigade|regiment|battalion|division|corps|army|fleet|"
    r"групп\w*|группировк\w*|угрупован\w*|бригад\w*|полк\w*|батальон\w*|дивизи\w*|"
    r"дивізі\w*|корпус\w*|арми\w*|армі\w*)\b", re.IGNORECASE)
_FORMATION_BEFORE = re.compile(
    r"(?:\b(?:battle\s*group|battlegroup|group\s+of\s+forces|grouping|"
    r"группировк\w*(?:\s+войск)?|групп\w*(?:\s+войск)?|угрупован\w*(?:\s+військ)?|"
    r"бойц\w*|бійц\w*|подразделени\w*|підрозділ\w*|полк\w*|бригад\w*|батальон\w*)\s+)$",
    re.IGNORECASE)
# Both kinds of words before a name in one search, both after it in one match: a river or a
# formation is one question.
_NOT_SETTLEMENT_BEFORE = re.compile(f"{_WATER_BEFORE.pattern}|{_FORMATION_BEFORE.pattern}",
                                    re.IGNORECASE)
_NOT_SETTLEMENT_AFTER = re.compile(f"{_WATER_AFTER.pattern}|{_FORMATION_AFTER.pattern}",
                                   re.IGNORECASE)
# A title in quotes (a unit, a medium, an operation); a settlement word before it keeps it.
_OPENING_QUOTES, _CLOSING_QUOTES = "«\"“„'‘", "»\"”'’"
_SETTLEMENT_BEFORE_QUOTE = re.compile(
    r"(?:village|town|city|settlement|сел\w*|посел\w*|посёл\w*|город\w*|міст\w*|селищ\w*)\s*$",
    re.IGNORECASE)
_DIRECTION_NOUN = re.compile(r"(?:направлени|напрям|участ|ділянц|ділянк)", re.IGNORECASE)
# Settlement words that introduce a name ("the settlement of X Y", "у селі X Y").
_PLACE_WORD_BEFORE = re.compile(
    r"(?:\b(?:village|town|city|settlement|hamlet)s?\s+of\s+|"
    r"\b(?:сел[оаеіу]|селищ\w*|поселк\w*|посёлк\w*|поселок|посёлок|город\w*|міст\w*|"
    r"населенн\w+\s+пункт\w*|населен\w+\s+пункт\w*)\s+)$", re.IGNORECASE)
_NEXT_WORD = re.compile(r"[ \t]+([^\W\d_][\w'’-]*)")
_WORD_LETTERS = re.compile(r"[^\W\d_]+")
_TITLE_ABBREVIATION = re.compile(r"\b(?:Gen|Col|Lt|Maj|Capt|Sgt|Mr|Mrs|Ms|Dr|Sen|Rep|Pres|Gov|"
                                 r"Prof|St)\.$")


def place_mentions(text: str, items: list[Resolved], gazetteer: Gazetteer) -> list[Resolved]:
    """The items that are place mentions. A name once seen in surname position (Oleksandr
    Syrskyi) is a surname all article long."""
    surnames = {fold_key(item.span.surface) for item in items if _could_be_surname(text, item)}
    cues = _Cues(text)
    return [item for item in items
            if not (surnames and fold_key(item.span.surface) in surnames)
            and _is_place_mention(text, item, gazetteer, cues)]


class _Cues:
    """Whether a word of the river, formation or quote tests stands near a mention: a mention
    far from all of them needs none of those expressions. The next cue after a mention's window
    is kept: the mentions are asked about in text order, and for those that follow it is often
    still the next one, so it is searched for once, not once per mention (a window outside what
    is known is searched again: any order gives the same answers)."""

    def __init__(self, text: str):
        self.lowered = text.lower()
        # no cue starts in [searched_from, next_cue); one starts at next_cue (inf: none does)
        self.searched_from, self.next_cue = -1, -1

    def near(self, start: int, end: int) -> bool:
        """A cue starts from 50 characters before ``start`` to 30 after ``end``. (A cue opens a
        word or is a quote, so none lies inside another: a search from ``start - 50`` meets
        the cues a scan of the whole text would.)"""
        window = max(0, start - 50)
        if not self.searched_from <= window <= self.next_cue:
            cue = _CUE.search(self.lowered, window)
            self.searched_from, self.next_cue = window, cue.start() if cue else math.inf
        return self.next_cue < end + 30


def _is_place_mention(text: str, item: Resolved, gazetteer: Gazetteer,
                      cues: _Cues | None = None) -> bool:
    """(Surnames are ruled out by the caller, article-wide.)"""
    span, best = item.span, item.best
    too_short, acronym, cyrillic_word = _name_traits(span.surface)
    if too_short:
        return False
    kind = best.place.kind if best is not None else None
    wide = kind in (REGION, COUNTRY)  # a region or a country
    if acronym and not wide:
        return False
    if _before_proper_noun(text, span):
        return False
    if not wide and (cues is None or cues.near(span.start, span.end)) and _names_no_settlement(
            text, span):
        return False
    # (the dictionaries know Russian and Ukrainian words: a name in Latin letters is none)
    if cyrillic_word and not (span.in_context or locators.follows_name(text, span.end)) and (
            _ordinary_word(text, item)):  # Липцы Харьковской области: vouched for
        return False
    if _fragment_of_a_name(text, span):
        return False
    if best is None:
        return not span.known
    if kind == SETTLEMENT and _SPEECH_AFTER.match(text, span.end, span.end + 20) and (
            not gazetteer.is_national_capital(best.place)):
        return False  # "Syrskyi said": a person; "Moscow said" is handled as an actor
    # a place outside the theatre only by its GeoNames name, spelled as such, and only a big one
    # or one that a place context vouches for
    foreign = kind == SETTLEMENT and not gazetteer.in_theatre(best.place)
    return not foreign or (spelled_as(best, span.surface) and best.match_type == "official" and (
        best.place.population >= FOREIGN_MIN_POPULATION or span.in_context))


@lru_cache(maxsize=65536)
def _name_traits(name: str) -> tuple[bool, bool, bool]:
    """What the name alone says, kept per name as names recur from article to article: too
    short for a place (two letters: "BM"), a short all-caps word (BM, BA: a place only when a
    region or country), a single Cyrillic word (which may be an ordinary word)."""
    letters = sum(c.isalpha() for c in name)
    return letters <= 2, letters <= 4 and name.isupper(), " " not in name and has_cyrillic(name)


def _names_no_settlement(text: str, span: Span) -> bool:
    """A river, a military formation or a title in quotes, by the words around the name."""
    # (the words before are searched in a slice, where "\b" at its start holds whatever precedes)
    return bool(_NOT_SETTLEMENT_AFTER.match(text, span.end, span.end + 50)
                or _NOT_SETTLEMENT_BEFORE.search(text[max(0, span.start - 50):span.start])
                or _in_quotes(text, span))


def _in_quotes(text: str, span: Span) -> bool:
    """«Восток», "Ахмат-Чечня": the name is the title between a pair of quotes on its line."""
    rest = text[span.end:span.end + 3]
    if not rest or rest[0] not in _CLOSING_QUOTES:
        return False  # no closing quote after the name (the common case, asked first)
    before = text[max(0, span.start - 25):span.start]
    opening = max(before.rfind(q) for q in _OPENING_QUOTES)
    if opening < 0 or "\n" in before[opening:]:
        return False
    inside = before[opening + 1:]
    if any(q in inside for q in _CLOSING_QUOTES if q not in _OPENING_QUOTES):
        return False
    if inside and not re.fullmatch(r"[\w'’ -]*-", inside):  # only «Ахмат-... may come first
        return False
    return not _SETTLEMENT_BEFORE_QUOTE.search(before[:opening])


def _ordinary_word(text: str, item: Resolved) -> bool:
    """An ordinary Russian or Ukrainian word that is capitalised because it opens the sentence
    (a function word; a common noun, unless the place is big), or an adjective that qualifies the
    lower-case noun after it (but not a direction: "на Покровском направлении"): not a name,
    unless the same word is capitalised inside a sentence elsewhere in the article. (Asked of
    single Cyrillic words only: ``_name_traits``.)"""
    span, best = item.span, item.best
    big = best is not None and best.place.population >= ORDINARY_WORD_MAX_POPULATION
    opens = _opens_sentence(text, span.start)
    ordinary = opens and (is_function_word(span.surface) or (
        not big and is_common_noun(span.surface)))
    if not ordinary and not _attribute_at(text, span.start, span.end):
        return False
    return not _used_as_a_name(text, span.surface)


def _fragment_of_a_name(text: str, span: Span) -> bool:
    """The second word of a two-word name that a place context introduces ("the settlement of
    Myrna Dolyna", "у селі Червоний Маяк"): Dolyna alone is another place."""
    end = span.start - 1  # the one space between the two words
    if end < 1 or text[end] != " " or not text[end - 1].isalpha():
        return False
    start = end
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "'’-"):
        start -= 1
    if not text[start].isupper():
        return False
    return _place_context(text, start, end) is not None and (
        _PLACE_WORD_BEFORE.search(text, max(0, start - 40), start) is not None)


def _used_as_a_name(text: str, word: str) -> bool:
    """Somewhere in the text the word is capitalised inside a sentence and qualifies nothing."""
    name = re.escape(word)  # first, its left edge checked behind it: searched for in C
    for match in re.finditer(rf"{name}(?<![\w'’-]{name})(?![\w'’-])", text):
        if not _opens_sentence(text, match.start()) and not _attribute_at(
                text, match.start(), match.end()):
            return True
    return False


def _opens_sentence(text: str, start: int) -> bool:
    """Only white space, and maybe an opening quote or a dash, since the last sentence end."""
    i = start - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    if i >= 0 and text[i] in "«\"“„(—–-":
        i -= 1
        while i >= 0 and text[i] in " \t":
            i -= 1
    return i < 0 or text[i] in ".!?…\n"


def _attribute_at(text: str, start: int, end: int) -> bool:
    following = _NEXT_WORD.match(text, end, min(len(text), end + 40))
    return following is not None and not _DIRECTION_NOUN.match(following.group(1)) and (
        is_attribute(text[start:end], following.group(1)))


def _could_be_surname(text: str, item: Resolved) -> bool:
    """In surname position, and not a town big enough that a capitalised word before it is more
    likely a headline fragment ("Military Hub Pokrovsk") than a first name."""
    best = item.best
    big = best is not None and best.place.population >= SURNAME_MAX_POPULATION
    return not big and _surname_position(text, item.span)


def _before_proper_noun(text: str, span: Span) -> bool:
    """Vladimir Putin, Johns Hopkins, Wagner Group: a capitalised word follows."""
    end = span.end
    return bool(_CAPITALISED_WORD.match(text, end, end + 40)
                and not _GEOGRAPHIC_NEXT.match(text, end, end + 40)
                and not locators.follows_name(text, end) and not _is_headline(text, span.start))


def _surname_position(text: str, span: Span) -> bool:
    """Oleksandr Syrskyi: a capitalised word that does not start the sentence comes before."""
    if span.start == 0 or text[span.start - 1] not in " \t\n":
        return False  # no white space before: no word before (the common case, asked cheaply)
    previous = _PREVIOUS_WORD.search(text, max(0, span.start - 40), span.start)
    if not previous or _is_headline(text, span.start) or _NOT_A_NAME.match(previous.group(1)):
        return False
    start = span.start - len(previous.group())
    preceding = text[max(0, start - 6):start].strip()
    sentence_initial = not preceding or (preceding[-1] in ".!?\n\"“«(" and not
                                         _TITLE_ABBREVIATION.search(preceding))
    return not sentence_initial


def _is_headline(text: str, offset: int) -> bool:
    """A short title-case line (most words capitalised) that is not a sentence: capitals there
    say nothing. A long line of names ("Bakhmut, Soledar, Klishchiivka and Andriivka were
    shelled") is prose, where a capital still marks a name."""
    line_start = text.rfind("\n", 0, offset) + 1
    line_end = text.find("\n", offset)
    return _is_headline_line(text[line_start:line_end if line_end >= 0 else None].strip())


def _is_headline_line(line: str) -> bool:
    """(Not cached across articles: a cache keyed on a line of text would make a corpus that
    repeats its lines look faster than real reports. A line that ends like a sentence, as
    prose does, is answered before its words are split.)"""
    if line.endswith((".", ";", ":", ",")):
        return False
    words = _WORD_LETTERS.findall(line)
    if len(words) > HEADLINE_MAX_WORDS:
        return False
    long_words = [w for w in words if len(w) > 3]
    return len(long_words) >= 3 and sum(w[0].isupper() for w in long_words) >= 0.7 * len(
        long_words)
