"""Events and claims: what a report says happened at a place, which side did it, who says so.

Each resolved mention gets an ``Event`` (capture, withdrawal, denial, fighting, strike,
humanitarian; None when the place is only mentioned), the ``Side`` that acted and the
``Claimant`` whose word it is, read from the mention's own clause: in "Russian forces captured
Selydove and are advancing on Kurakhove", Selydove is a capture and Kurakhove fighting.

The rules are here; the words are data, each row with a source note (``data/``):

- ``event_cues.csv``: expressions of each event (English, and Russian/Ukrainian nouns and fixed
  phrases); ``event_lemmas.csv``: Russian and Ukrainian verbs by their dictionary form, found
  through the gazetteer's morphology (``gazetteer.verb_lemma``), so every inflection counts;
- ``sides.csv``: the words that name a side (Russian forces, окупанти, ворог, ЗСУ, Сили оборони,
  DPR units, Wagner...); "the enemy"/"противник" is the other side from the claimant's;
- ``claimants.csv``: who speaks (the Russian MoD and Kremlin, Ukraine's General Staff and
  administrations, ISW, DeepState, analysts...);
- ``modality.csv``: negation, future and conditional, attempts and denials.

A clause is the sentence cut at punctuation, at subordinating words and at a conjunction that
opens a new verb ("... and are advancing"); a list of names stays one clause. A name takes the
event of the nearest cue of its clause. A capture or withdrawal is kept only when it is said to
have happened: negated ("did not capture", "не взяли"), future, conditional or a goal ("would be
the largest city Russia has taken", "aims to capture", "захватят") it is no event, an attempt
("trying to take") is fighting, and recalled in a clause opened by "since", "after", "після"...
it is background, no event. A sentence that denies ("denied", "not true", "спростували") turns
a capture into a denial. A false capture on the map is the worst error: when in doubt, none.

The claimant is the speaker named in the sentence nearest the name; a sentence of reported
speech without one ("he said", "за його словами") takes the one of the sentence before; else the
one the article's opening attributes its report to; else the outlet's own voice.
"""

from __future__ import annotations

import csv
import re
import sys
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from itertools import islice
from operator import methodcaller
from typing import NamedTuple

import ahocorasick

from gazetteer import verb_lemma
from geo.read.patterns import trie
from geo.schema import Claimant, Event, Side

_CYRILLIC = "А-Яа-яЁёІіЇїЄєҐґ"  # (a character set's letters)
_JOINERS = "'’ʼ-"  # in a word, between its letters
_CYRILLIC_LETTER = re.compile(f"[{_CYRILLIC}]")
_WORD = re.compile(r"\w+(?:['’ʼ-]\w+)*")
_UKRAINIAN = re.compile(r"[іїєґІЇЄҐ]")



class _once:  # noqa: N801 (a decorator, named like functools.cached_property)
    """``functools.cached_property`` without the lock it takes before Python 3.12 (an
    article is read by one thread): computed on first use, then a plain attribute."""

    def __init__(self, func):
        self.func, self.name = func, func.__name__
        self.__doc__ = func.__doc__

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.func(obj)
        return value


class _Caseless:
    """An expression matched regardless of case: on the text's lower-cased copy when it has
    one (``_lowered``; matching case-insensitively is slow on Cyrillic), else
    case-insensitively on the text itself. Written in lower case. On the lowered text the
    engine compares letters as they are, and skips in C to where an expression's first
    letters stand (case-insensitively it tries every place). The two readings differ only
    on a few letters case-insensitive matching folds and lower-casing keeps (the long s "ſ"
    for "s"), which war reports do not use."""

    def __init__(self, pattern: str):
        self.pattern = pattern
        self.lower = re.compile(pattern)

    @_once
    def anycase(self) -> re.Pattern:
        """The expression read case-insensitively: compiled only for a text without a lowered
        copy (rare), which saves compiling it when a process starts."""
        return re.compile(self.pattern, re.IGNORECASE)

    def finditer(self, text: str, lowered: str | None) -> Iterator[re.Match]:
        if lowered is None:
            return self.anycase.finditer(text)
        return self.lower.finditer(lowered)

    def search(self, text: str, lowered: str | None, pos: int = 0,
               endpos: int = sys.maxsize) -> re.Match | None:
        if lowered is None:
            return self.anycase.search(text, pos, endpos)
        return self.lower.search(lowered, pos, endpos)

    def match(self, text: str, lowered: str | None, pos: int = 0,
              endpos: int = sys.maxsize) -> re.Match | None:
        if lowered is None:
            return self.anycase.match(text, pos, endpos)
        return self.lower.match(lowered, pos, endpos)


# Clause bounds: punctuation, subordinating words, a conjunction before a verb. A break opens
# with one of its characters, the alternatives tell which after it: the engine skips in C to
# where one stands instead of trying the expression at every character. A dash between
# spaces (" - ") is a break of its own expression, read only in a text with a hyphen: with it,
# every space of a sentence would be a place to try; a line break that opens one is its.
_HARD_BREAK = re.compile(r"[;:()\[\]—–.!?…\n](?:(?<=[;:()\[\]—–])"
                         r"|(?<=[.!?…])(?=\s|$)(?!\s+[a-zа-яёіїєґ])|(?<=\n)(?!-\s))")
_SPACED_DASH = re.compile(r"\s-\s")
# a colon that opens the list of the places counted before it ("took four villages: A and
# B", "освободили населенные пункты: ...") leaves them in the clause of the verb
_COUNTED = _Caseless(r"(?:villages|towns|cities|settlements|localities|hamlets"
                     r"|населённ\w*|населенн\w*|населен\w*|пункт\w*|сел\w*|сёл\w*|посёлк\w*"
                     r"|поселк\w*|город\w*|міст\w*)(?!\w)[^:;.]{0,40}$")
_COMMA = re.compile(r",\s*")
# the words that open a clause (a whole word each; "котор*": every word it begins), found
# off the article's pass (``_Lexicon.openers``); by ``_OPENER`` in a sentence that has no
# lowered copy
_OPENERS = (
    "since", "after", "before", "when", "until", "which", "who", "where", "because", "although",
    "though",
    "после", "когда", "котор*", "где", "поскольку", "хотя", "пока",
    "після", "коли", "котр*", "який", "яка", "яке", "які", "якого", "якої", "яких", "якому", "якій",
    "яким", "якими", "поки", "відколи", "відтоді", "оскільки", "хоча",
)  # fmt: skip
_OPENER = _Caseless("(?:" + trie(_OPENERS, word_start=True) + r")(?!\w)")
# "після того, як", "после того, как", "відтоді, як": the opener's clause goes on past the comma
_AS_WHEN = re.compile(r"(?:\s+(?:того|тех\s+пор|тих\s+пір))?\s*,\s*(?=(?:как|як)(?!\w))",
                      re.IGNORECASE)
# the verb of saying after what was said ("X fell, officials said as ..."), and its day
_SAID = _Caseless(r"sa(?:id|ys)(?<=\w\ssaid|\w\ssays)(?:\s+(?:on\s+)?(?:monday|tuesday"
                  r"|wednesday|thursday|friday|saturday|sunday|today|yesterday))?"
                  r"(?=\s+(?:as|while|after|when)\s)")
# Clauses that recall the past: a capture there is background, not news.
_BACKGROUND_OPENER = re.compile(
    r"since|after|before|when|until|после|когда|пока|після|коли|поки|відколи|відтоді",
    re.IGNORECASE)
# after a comma, a list of places goes on: "..., and Rih", "..., including the town of X"
_LIST_GOES_ON = re.compile(r"(?:and|и|і|та|й)\s+[A-ZА-ЯЁІЇЄҐ]|including|among\s+them|as\s+well\s+as"
                           # "... near Zhur, in Bortnyk, у Зорянську": a place named after its
                           # preposition (a capital letter, whatever the flags) is still listed
                           r"|(?:in|at|near|в|во|у|на|под|біля|возле)\s+(?-i:[A-ZА-ЯЁІЇЄҐ])"
                           r"|а\s+также|а\s+також"
                           r"|в\s+том\s+числе|включая|зокрема|у\s+тому\s+числі|серед\s+них",
                           re.IGNORECASE)
_CONJUNCTION = _Caseless(
    r"\s(?:and|but|while|whereas|и|а|но|однако|і|й|та|але|проте|однак)\s+(?=(\w+))")
_AUXILIARIES = frozenset((
    "are", "is", "were", "was", "have", "has", "had", "will", "would", "continue", "continues",
    "continued", "also", "still", "then", "later", "now", "remain", "remains",
))  # fmt: skip
_CAPTIVE = _Caseless(r"\s+(?:\w+\s+){0,2}?(?:soldier|troop|servicem|prisoner|fighter|pow\b|"
                     r"в\s+плен|у\s+полон|в\s+полон|пленн|полонен|військовополонен)")
# "were taken to Kharkiv", "taken away": people moved, not a place taken
_MOVED = _Caseless(r"\s+(?:to|into|away|out|off)(?!\w)")
_CAPTIVE_BEFORE = _Caseless(
    r"(?:soldier|troop|servicem[ae]n|prisoner|fighter|personnel|pilot|crew|military|военнослужащ"
    r"|бойц|бійц|військовослужбовц|пленн|полонен)\w*\s+(?:\w+\s+)?(?:were|was|been)"
    r"\s*$")
_INSTITUTION_AFTER = _Caseless(
    r"\s+(?:ministry|minister|forces|council|intelligence|headquarters|department|secretary"
    r"|officials?|spokes\w*|industry|budget|spending|pact|agreement)")
_INSTITUTION_BEFORE = _Caseless(
    r"(?:сил\w*|министерств\w*|міністерств\w*|министр\w*|міністр\w*|ministry\s+of|minister"
    r"\s+of|совет\w*\s+безопасности\s+и|рад\w*\s+національної\s+безпеки\s+і)\s+$")
_SPEECH_WORDS = (
    r"said|says|say|added|told|stated|reported|reports|according\s+to|claimed|claims"
    r"|pointed\s+out|stressed|emphasi[sz]ed|explained|acknowledged|admitted"
    r"|признал\w*|признаёт|признает|визнал\w*|визнав|визнає"
    r"|noted|announced|confirmed|informed|wrote|writes|posted"
    r"|заяв\w*|сообщ\w*|по\s+словам|по\s+данным|по\s+информации|отмеча\w*|отметил\w*"
    r"|добавил\w*|уточн\w*|переда\w*|информиру\w*|пише|пишет|подтверд\w*|доложил\w*"
    r"|повідом\w*|зазнач\w*|за\s+словами|за\s+даними|за\s+інформацією|додав\w*|додал\w*"
    r"|уточни\w*|інформу\w*|підтверд\w*|наголоси\w*|розповів\w*|розповіл\w*")
_SPEECH = re.compile(r"(?<!\w)(?:" + _SPEECH_WORDS + r")(?!\w)|:\s")  # on lower-cased text
_SPEECH_COLON = re.compile(r":\s")
_ENEMY_WORDS = r"enemy|enemy's|противник\w*|враг\w*|неприятел\w*"
_CONTROL = _Caseless(r"(?<!\w)(?:control\w*|captur\w*|took|taken|seiz\w*|occup\w*|fall\w*|fell"
                     r"|loss|потер\w*|втрат\w*"
                     r"|падени\w*|падінн\w*|контрол\w*"
                     r"|захват\w*|захоп\w*|взят\w*|взял\w*|взяли|оккуп\w*|окуп\w*|освобо\w*"
                     r"|звільн\w*)")
# a name that locates the one before it: "Hostomel, near Kyiv, ...", "Зорянськ, біля Бортника"
_APPOSITION = re.compile(
    r"(?-i:[A-ZА-ЯЁІЇЄҐ])\w+,\s+(?:near|outside|close\s+to|not\s+far\s+from|возле|около|рядом\s+с"
    r"|недалеко\s+от|вблизи|біля|поблизу|неподалік\s+від|поряд\s+з)\s+(?:the\s+)?"
    r"(?:(?:city|town|village)\s+of\s+)?$", re.IGNORECASE)
# "the loss of X", "потеря X": a capture told by the side that lost it
_LOSS = _Caseless(r"loss|потер|втрат")
# "без боя", "without a fight": no fighting
_WITHOUT = _Caseless(r"(?<!\w)(?:без|without(?:\s+a)?)\s+$")
# the side that denies, as the subject before the denial ("Ukraine has refused to ...")
_DENIER = _Caseless(r"(?<!\w)(ukraine|kyiv|kiev|russia|moscow|the\s+kremlin|украина|киев|україна"
                    r"|київ|россия|москва|кремль|росія)\s+(?:has\s+|have\s+|had\s+)?"
                    r"(?:\w+(?:ly|но)\s+)?$")
_UKRAINE = re.compile(r"ukraine|kyiv|kiev|украина|киев|україна|київ", re.IGNORECASE)
# "attack": an assault, or an air attack in a report of strikes
_ATTACK = _Caseless(r"attack|атак")
# words that make an attack a ground one whatever else the report tells: troops, units, an
# assault, a direction of the front ("Russian units attacked ...", "attacks in the X direction")
_GROUND = _Caseless(r"unit|troop|infantry|assault|direction|axis|sector|войск|військ|подраздел"
                    r"|підрозділ|пехот|піхот|штурм|направлени|напрям")
# fighting words that do not tell of ground combat: an attack, "Defence Forces", "Сили оборони"
_AMBIGUOUS_FIGHTING = _Caseless(r"attack|атак|defen|оборон")
_FROM = _Caseless(r"(?<!\w)(?:from|от|из-под|від|з-під)\s+(?:the\s+)?$")
_BY = _Caseless(r"(?<!\w)by\s+(?:the\s+)?$")
_OTHER = {Side.RU: Side.UA, Side.UA: Side.RU}
_SUBJECT = _Caseless(r"\s+(?:\w+\s+){0,3}?(?:has|have|had)\s+(?!been)(?:\w+\s+)?"
                     r"(?:captur|retak|retook|seiz|liberat|taken|took|withdr)")
_SOURCE_OF = _Caseless(r"(?<!\w)(?:from|of|by)\s+(?:the\s+)?$")
_HARM = _Caseless(r"killed|wounded|injured|casualt|dead|died|погиб|ранен|убит|пострада|загин"
                  r"|загибл|поранен|вбит|травмован|постражд|жертв")
_LEDE_CHARS = 400
_AROUND = 80  # a speaker is named this close to the verb of saying
_ATTRIBUTIONS = 4  # the article's usual speaker: counted at its first verbs of saying
_NEGATION_WORDS = 3  # a negation this many words before the cue negates it

_DONE = (Event.CAPTURE, Event.WITHDRAWAL)  # events that must be said to have happened

# speakers of either side (claimants.csv): a brigade, a governor or mayor; the words next to
# them tell which ("Ukraine's 47th brigade", "the Belgorod region governor")
_UNIT, _OFFICIAL = "unit", "official"
_QUALIFIED = (_UNIT, _OFFICIAL)
_OFFICIAL_OF = {Side.RU: Claimant.RU_OFFICIAL, Side.UA: Claimant.UA_OFFICIAL}
# a qualifier stands at most this many words before the speaker ("Ukraine's 47th Separate
# Mechanised Brigade"), or right after it: "of ..." in English ("a brigade of Battlegroup
# South", "the governor of the Kursk region"), the next words in Russian and Ukrainian
# ("бригада ЗСУ", "губернатор Белгородской области"); never past a clause's punctuation
_QUALIFIER_WORDS = 5
_QUALIFIER_AFTER_WORDS = 3
_QUALIFIER_STOP = re.compile(r"[,;:.!?()\[\]—–\"«»“”]")
_OF_AFTER = re.compile(r"\s+of\s", re.IGNORECASE)
_CYRILLIC_AFTER = re.compile(r"\s+[А-Яа-яЁёІіЇїЄєҐґ]")


@dataclass(frozen=True)
class Claim:
    """A mention's event, the side that acted and who says so (all None: only mentioned)."""

    event: Event | None = None
    side: Side | None = None
    claimant: Claimant | None = None


NONE = Claim()


@cache
def _claim(event: Event, side: Side | None, claimant: Claimant) -> Claim:
    """The one ``Claim`` of each combination: a frozen dataclass is slow to build, and an
    article's names share a handful."""
    return Claim(event, side, claimant)


class _Cue(NamedTuple):  # a tuple: made by the ten thousand, faster than a frozen dataclass
    start: int
    end: int
    event: Event
    side: Side | None
    form: str = ""  # a Russian/Ukrainian verb's part of speech and tense: "VERB past"...


def _rows(name: str) -> list[dict[str, str]]:
    with resources.files("geo.classify").joinpath("data", name).open(encoding="utf-8") as f:
        return [row for row in csv.DictReader(f) if row["pattern" if "pattern" in row
                                                       else "lemma"].strip()]


def _alternation(rows: list[dict[str, str]]) -> re.Pattern:
    """One expression of every row, each row a named group ``r<index>``."""
    return re.compile(_alternative(rows), re.IGNORECASE)


def _alternative(rows: list[dict[str, str]]) -> str:
    """The text of ``_alternation(rows)``."""
    parts = [f"(?P<r{i}>{row['pattern']})" for i, row in enumerate(rows)]
    return r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)"


def _branches(pattern: str) -> list[str]:
    """The top-level alternatives of a regular expression."""
    parts, depth, start, index = [], 0, 0, 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(pattern[start:index])
            start = index + 1
        index += 1
    parts.append(pattern[start:])
    return parts


def _expanded(pattern: str) -> list[str]:
    """The top-level alternatives, a leading group's alternatives spelled out:
    "(?:russian|russia's)\\s+army" -> "russian\\s+army", "russia's\\s+army"."""
    out = []
    for branch in _branches(pattern):
        close = _group_end(branch) if branch.startswith("(?:") else -1
        if close > 0 and (close + 1 >= len(branch) or branch[close + 1] not in "?*+{"):
            inner, rest = branch[3:close], branch[close + 1:]
            out.extend(alternative + rest for alternative in _expanded(inner))
        else:
            out.append(branch)
    return out


def _group_end(branch: str) -> int:
    """The index of the parenthesis closing the group that opens ``branch``."""
    depth, index = 0, 0
    while index < len(branch):
        char = branch[index]
        if char == "\\":
            index += 2
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return index
        index += 1
    return -1


def _lead(branch: str, longest: int) -> str:
    """The literal letters every match of ``branch`` starts with, at most ``longest`` of them
    and up to the first that is no word character (lower case; "" if none): a lead never
    spans two words, so the word starts of a text are the places to look, whatever the
    leads."""
    lead, index = "", 0
    while index < len(branch) and len(lead) < longest:
        char = branch[index]
        if char in "?*{":
            return lead[:-1]
        if char == "\\" or char in "()[].^$|+" or not char.isalnum():
            return lead
        lead += char.lower()
        index += 1
    if index < len(branch) and branch[index] in "?*{":
        return lead[:-1]
    return lead


class _Group:
    """The alternatives a scanner tries where a word starts with one lead: ``rows``, the row
    of each named alternative; ``lower``, the expression for lowered text when it is written
    in lower case (else None: it reads capitals), which the article's pass uses;
    ``anycase``, the expression read case-insensitively in the text itself, compiled on first
    use (few groups are ever read so: compiling all of them would slow a process's start)."""

    def __init__(self, source: str, rows: dict[str, int]):
        self.source, self.rows = source, rows
        self.lower = re.compile(source) if _lower_case(source) else None

    @_once
    def anycase(self) -> re.Pattern:
        return re.compile(self.source, re.IGNORECASE)


class _Scanner:
    """``finditer`` of the rows' alternatives, fast: the alternatives are grouped by the
    literal letters they start with (their lead); one pass in C finds the word starts that
    begin with a lead (the longest that fits), and only the alternatives that can start there
    are tried (war-report sentences are read word by word, not letter by letter). A match
    gives its row's index. At a place, the alternative tried first is the first row's, as in
    one alternation of all rows."""

    LEAD = 6  # letters of a lead: longer leads, fewer word starts to try

    def __init__(self, rows: list[dict[str, str]]):
        branches: list[tuple[str, int, str]] = []  # (lead, row, branch)
        for i, row in enumerate(rows):
            branches.extend((_lead(branch, self.LEAD), i, branch)
                            for branch in _expanded(row["pattern"]))
        leads = {lead for lead, _, _ in branches}
        if "" in leads:
            raise ValueError(f"an alternative that starts with no letter: {rows}")
        self.groups: dict[str, _Group] = {}
        for lead in leads:  # a group holds every alternative its letters can start
            parts = [(f"r{n}", row, branch) for n, (other, row, branch) in
                     enumerate(branches) if lead.startswith(other)]
            source = "(?:" + "|".join(f"(?P<{name}>{branch})" for name, _, branch
                                      in parts) + r")(?!\w)"
            self.groups[lead] = _Group(source, {name: row for name, row, _ in parts})
        # matched on lower-cased text: case-insensitive Cyrillic matching is slow
        self.starts = re.compile(r"\b" + trie(sorted(leads)))

    def group_of(self, lead: str) -> _Group | None:
        """The group to try where a word starts with ``lead`` (a lead of any scanner): this
        scanner's longest lead that ``lead`` starts with, as its own pass would find."""
        for size in range(len(lead), 0, -1):
            found = self.groups.get(lead[:size])
            if found is not None:
                return found
        return None

    def matches(self, text: str, lowered: str, hits: list[tuple[int, tuple]], index: int,
                start: int = 0, end: int | None = None, base: int = 0,
                limit: int | None = None) -> list[tuple[int, int, int]]:
        """What ``finditer(text, start, end)`` finds, from the word starts in text[start:end]
        that begin with a lead of any scanner (``ArticleEvents.hits``, at offsets ``base``
        past text's; ``index``: this scanner's place among them); the first ``limit``.
        ``lowered``: the text's ``_lowered``, where a group written in lower case is read."""
        end = len(text) if end is None else end
        found, after = [], start
        for position, groups in hits:
            group = groups[index]
            if group is None:  # most word starts: a lead of another scanner's only
                continue
            position -= base
            if position < after:
                continue
            if group.lower is None:
                match = group.anycase.match(text, position, end)
            else:
                match = group.lower.match(lowered, position, end)
            if match is not None:
                after = match.end()
                found.append((position, after, group.rows[match.lastgroup]))
                if len(found) == limit:
                    break
        return found

    def opening(self, text: str, start: int, end: int, lowered: str
                ) -> tuple[int, int, int] | None:
        """(start, end, row) of the match ``finditer(text, start, end)`` finds at ``start``,
        if any (``lowered``: text[start:end] in lower case)."""
        lead = self.starts.match(lowered)
        if lead is None:
            return None
        group = self.groups[lead.group()]
        match = group.anycase.match(text, start, end)
        return None if match is None else (start, match.end(), group.rows[match.lastgroup])

    def finditer(self, text: str, start: int = 0, end: int | None = None,
                 lowered: str | None = None) -> list[tuple[int, int, int]]:
        """(start, end, row) of each match, left to right, none overlapping. ``lowered``:
        the whole text's ``_lowered``, when the caller has it (then from start to end)."""
        end = len(text) if end is None else end
        found, after = [], start
        if lowered is None or start or end != len(text):
            piece = text[start:end]
            lowered = _lowered(piece) or piece  # shifted offsets: the text as it is
        groups = self.groups
        for word in self.starts.finditer(lowered):
            position = word.start() + start
            if position < after:
                continue
            group = groups[word.group()]
            match = group.anycase.match(text, position, end)
            if match is not None:
                after = match.end()
                found.append((position, after, group.rows[match.lastgroup]))
        return found


def _lower_case(pattern: str) -> bool:
    """Whether an expression is written in lower case and sets no flag of its own: it then
    matches a text's lowered copy as it matches the text case-insensitively."""
    bare = re.sub(r"\\.|\(\?(?:P<|<?[=!]|:)", "", pattern)  # escapes, groups, lookarounds
    return bare == bare.lower() and "(?" not in bare


def _lowered(text: str) -> str | None:
    """The text in lower case, for expressions that match lower-case letters only (matching
    case-insensitively is slow on Cyrillic); None when lowering would shift offsets (a
    letter whose lower case is longer)."""
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else None


class _Leads:
    """The leads of several scanners in one Aho-Corasick automaton: one pass over an article
    finds the word starts that any of them may match at, and which group each scanner tries
    there; a sentence's matches are then read off the article's pass (``_Scanner.matches``)
    instead of a pass per scanner and sentence."""

    def __init__(self, scanners: list[_Scanner]):
        self.automaton = ahocorasick.Automaton()
        # added in sorted order, not a set's (which changes with the hash seed): the automaton
        # is the same in every process, and walks an article in fewer instructions than it
        # does on average in a set's order (429k against 441k-517k an article of the
        # benchmark's, under callgrind)
        for lead in sorted({lead for scanner in scanners for lead in scanner.groups}):
            self.automaton.add_word(lead, (len(lead) - 1, tuple(
                scanner.group_of(lead) for scanner in scanners)))
        self.automaton.make_automaton()

    def hits(self, lowered: str) -> tuple[list[int], list[tuple[int, tuple]]]:
        """The offsets of the word starts of a lower-cased text that begin with a lead, and
        the same with at each the group of every scanner (None: nothing of it starts there).
        The longest lead at each place (``iter_long``); leads are word characters, so one
        found inside a word never hides one at the start of the next."""
        hits = [(start, group) for last, (length, group) in self.automaton.iter_long(lowered)
                if not (start := last - length) or not (
                    (before := lowered[start - 1]).isalnum() or before == "_")]
        return [start for start, _ in hits], hits


class _Lexicon:
    """The data files, loaded once per process."""

    def __init__(self):
        self.cue_rows = _rows("event_cues.csv")
        self.cues = _Scanner(self.cue_rows)
        self.lemmas = {row["lemma"]: (Event(row["event"]), Side(row["side"]) if row["side"]
                                      else None) for row in _rows("event_lemmas.csv")}
        # the first letters of every form of those verbs: other words are not looked up
        # (the past of a -йти verb changes its stem: войти -> вошли)
        self.lemma_starts = frozenset(
            [lemma[:3] for lemma in self.lemmas]
            + [(lemma[:-3] + "ш")[:3] for lemma in self.lemmas if lemma.endswith("йти")])
        self.verb_words = _words_starting(self.lemma_starts)
        self.cue_events = [Event(row["event"]) for row in self.cue_rows]
        self.cue_sides = [Side(row["side"]) if row["side"] else None for row in self.cue_rows]
        side_rows = _rows("sides.csv")
        self.sides = _Scanner(side_rows)
        self.side_of = [Side(row["side"]) for row in side_rows]
        claimant_rows = _rows("claimants.csv")
        self.claimants = _Scanner(claimant_rows)
        # a Claimant, or _UNIT / _OFFICIAL: a speaker whose side its qualifier decides
        self.claimant_of = [row["claimant"] if row["claimant"] in _QUALIFIED
                            else Claimant(row["claimant"]) for row in claimant_rows]
        region_rows = _rows("regions.csv")
        self.regions = _alternation(region_rows)
        self.region_of = {f"r{i}": Side(row["side"]) for i, row in enumerate(region_rows)}
        self.enemy = _Scanner([{"pattern": _ENEMY_WORDS}])
        self.speech = _Scanner([{"pattern": _SPEECH_WORDS}])
        self.openers = _Scanner([{"pattern": word.replace("*", r"\w*")} for word in _OPENERS])
        # the scanners read off one pass over the article, in this order (``_Leads``)
        self.leads = _Leads([self.cues, self.sides, self.claimants, self.enemy, self.speech,
                             self.openers])
        modality = {}
        for row in _rows("modality.csv"):
            modality.setdefault(row["kind"], []).append(row)
        self.negation = _alternation(modality["negation"])
        # read in a sentence's text (the others in a few words joined)
        self.irrealis = _Caseless(_alternative(modality["irrealis"]))
        self.attempt = _Caseless(_alternative(modality["attempt"]))
        self.denial = _Caseless(_alternative(modality["denial"]))
        self.partial = _alternation(modality["partial"])
        where = {}
        for row in _rows("references.csv"):
            where.setdefault(row["where"], []).append(row["pattern"])
        tail = r"\s+(?:the\s+)?(?:(?:village|town|city|settlement)s?\s+of\s+)?$"
        self.near = _Caseless(r"(?<!\w)(?:" + "|".join(where["near"]) + ")" + tail)
        self.distance = _Caseless(r"(?<!\w)(?:" + "|".join(where["distance"]) + ")" + tail)
        self.sector = _Caseless(r"\s*(?:" + "|".join(where["after"]) + r")(?!\w)")


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    return _Lexicon()


# a scanner's place in ``_Lexicon.leads``
_CUES, _SIDES, _CLAIMANTS, _ENEMY, _SPEECH_WORD, _OPENER_WORD = range(6)


class _Sentence:
    """One sentence's clauses, cues, sides and speakers, found once for all its names.
    ``hits``: its word starts that begin with a lead, from the article's one pass
    (``ArticleEvents.hits``), offsets from the sentence's start; None: each scanner reads the
    sentence itself."""

    def __init__(self, text: str, lexicon: _Lexicon, hits: list[tuple[int, tuple]] | None,
                 base: int = 0, lowered: str | None = None):
        self.text = text
        self.lowered = _lowered(text) if lowered is None else lowered  # given: the article's
        self.lexicon = lexicon
        self.hits = hits
        self.base = base  # the sentence's offset in the article, the hits' origin
        self._sides_near: dict[tuple[_Cue, int], Side | None | str] = {}

    def found(self, index: int, scanner: _Scanner) -> list[tuple[int, int, int]]:
        """(start, end, row) of each match of ``scanner`` (``index``: its place in
        ``_Lexicon.leads``)."""
        if self.hits is None:
            return scanner.finditer(self.text, lowered=self.lowered)
        return scanner.matches(self.text, self.lowered, self.hits, index, base=self.base)

    @_once
    def cues(self) -> list[_Cue]:
        return _cues(self.text, self.lexicon, self.found(_CUES, self.lexicon.cues),
                     self.lowered)

    @_once
    def clauses(self) -> list[tuple[int, int, bool]]:
        """(start, end, background) of each clause: asked only of a sentence with cues."""
        return _clauses(self.text, self.lowered, self._openers())

    def _openers(self) -> list[tuple[int, int, int]]:
        """(start, end, row) of each word that opens a clause ("since", "which", "після"):
        off the article's pass, as ``_OPENER`` finds them on the lowered text (a sentence
        without a lowered copy is read case-insensitively by the expression itself)."""
        if self.lowered is None:
            return [(*match.span(), 0) for match in _OPENER.finditer(self.text, None)]
        return self.found(_OPENER_WORD, self.lexicon.openers)

    @_once
    def starts(self) -> list[int]:
        return [start for start, _, _ in self.clauses]

    @_once
    def denies(self) -> bool:
        """Whether the sentence denies a capture ("denied", "not true", "спростували")."""
        return bool(self.lexicon.denial.search(self.text, self.lowered)) and bool(
            _CONTROL.search(self.text, self.lowered))

    def denier(self) -> Claimant | None:
        """The side that denies, named as the subject of the denial ("Kyiv has refused to
        acknowledge", "Москва опровергла"): its officials speak."""
        found = self.lexicon.denial.search(self.text, self.lowered)
        if found is None:
            return None
        named = _DENIER.search(self.text, self.lowered, max(0, found.start() - 40),
                               found.start())
        if named is None:
            return None
        return Claimant.UA_OFFICIAL if _UKRAINE.match(named.group(1)) else Claimant.RU_OFFICIAL

    @_once
    def speech(self) -> bool:
        """Whether the sentence reports speech ("said", "за його словами")."""
        if self.hits is None:
            return bool(_SPEECH.search(self.text.lower()))
        return bool(self.found(_SPEECH_WORD, self.lexicon.speech)
                    or _SPEECH_COLON.search(self.text))

    @_once
    def sides(self) -> list[tuple[int, int, Side | None]]:
        """The sides named, in order (None: "the enemy")."""
        side_of = self.lexicon.side_of
        sides = [(s, e, side_of[row]) for s, e, row in self.found(_SIDES, self.lexicon.sides)]
        return sides + [(s, e, None) for s, e, _ in self.found(_ENEMY, self.lexicon.enemy)]

    @_once
    def claimants(self) -> list[tuple[int, int, Claimant | str, Side | None]]:
        """The speakers named, each with the side its qualifier names (``_qualifier``) when
        only that decides it (a brigade, a governor)."""
        claimant_of, lexicon = self.lexicon.claimant_of, self.lexicon
        return [(s, e, claimant_of[row], _qualifier(self.text, s, e, lexicon)
                 if claimant_of[row] in _QUALIFIED else None)
                for s, e, row in self.found(_CLAIMANTS, lexicon.claimants)]

    @_once
    def speaking(self) -> list[bool]:
        """Whether each clause holds a verb of saying ("said", "claims", "заявили")."""
        lowered = self.lowered if self.lowered is not None else self.text.lower()
        return [bool(_SPEECH.search(lowered, left, right)) for left, right, _ in self.clauses]

    def clause(self, offset: int) -> int:
        return max(0, bisect_right(self.starts, offset) - 1)

    def event_at(self, start: int, end: int) -> tuple[_Cue | None, Event | None]:
        """The cue of the name at text[start:end] and the event it makes (after modality)."""
        if self.lexicon.sector.match(self.text, self.lowered, end):
            return None, None  # "the Pokrovsk direction", "Moscow's forces": not the place
        index = self.clause(start)
        cue = self._nearest(index, start, end)
        if cue is None and _words(self.text, *self.clauses[index][:2]) <= 4:
            # a short clause of its own: "In Kurakhove, fighting goes on", "... - near X";
            # a neighbour's fighting or strike reaches it, never its capture
            for other in (index + 1, index - 1):
                if 0 <= other < len(self.clauses):
                    cue = self._nearest(other, start, end)
                    if cue is not None:
                        if cue.event in _DONE:
                            return None, None
                        index = other
                        break
        if cue is None:
            return None, None
        event = self._modal(cue, index, start)
        if event in _DONE and _SUBJECT.match(self.text, self.lowered, end):
            return cue, None  # "Kyiv appears to have retaken ...": the name is the taker
        if event is not None and event != Event.FIGHTING:
            before = self._between(max(self.clauses[index][0], cue.end if cue.end <= start
                                       else 0), start)
            if self.lexicon.distance.search(*before):
                return cue, None  # "captured X, 12 km from Y", "evacuated villages north of
                # Y": Y is a reference point (fighting "west of Y" is fighting for Y)
        if "," in self.text[max(0, start - 40):start] and _APPOSITION.search(
                self.text, max(0, start - 40), start):
            return cue, None  # "Hostomel, near Kyiv, saw heavy fighting": Kyiv locates it
        if event in _DONE:
            before = self._between(max(self.clauses[index][0], cue.end if cue.end <= start
                                       else 0), start)
            if event == Event.CAPTURE and self.lexicon.near.search(*before):
                return cue, Event.FIGHTING  # "captured five villages near Y"
            # a withdrawal "near Y", "в районе Y" is one from the positions at Y
        return cue, event

    def _between(self, start: int, end: int) -> tuple[str, str | None]:
        """text[start:end] and its lowered copy (None: the sentence has none), for a
        ``_Caseless`` expression that reads that stretch alone."""
        return self.text[start:end], None if self.lowered is None else self.lowered[start:end]

    def _nearest(self, index: int, start: int, end: int) -> _Cue | None:
        left, right, _ = self.clauses[index]
        best, distance = None, None
        for cue in self.cues:
            if cue.end <= left or cue.start >= right or (cue.start < end and cue.end > start):
                continue
            gap = start - cue.end if cue.end <= start else cue.start - end
            if distance is None or gap < distance:
                best, distance = cue, gap
        return best

    def _modal(self, cue: _Cue, index: int, start: int) -> Event | None:
        """The cue's event as said of the name at ``start``: a capture or withdrawal negated,
        future, conditional, a goal or recalled in the past is none; attempted, or of a share
        of the place, fighting."""
        left, _, background = self.clauses[index]
        event = cue.event
        if event not in _DONE:
            return event
        before = self._between(left, cue.start)
        between = self._between(cue.end, start)  # empty when the name comes first
        words = _WORD.findall(before[0])
        if words and self.lexicon.negation.search(" ".join(words[-_NEGATION_WORDS:])):
            return None
        if self.lexicon.attempt.search(*before):
            return Event.FIGHTING
        if background or self.lexicon.irrealis.search(*before) or self.lexicon.irrealis.search(
                *between) or cue.form.startswith(("INFN", "PRTF")) or cue.form.endswith("futr"):
            return None
        if self.lexicon.partial.search(between[0]) or self.lexicon.partial.search(
                " ".join(words[-3:])):
            return Event.FIGHTING
        return event

    def side_near(self, cue: _Cue, index: int) -> Side | None | str:
        """The side that acted: in the cue's clause, the agent ("by Russian forces"), else the
        subject nearest before the cue, else the side named nearest it; a side the place was
        taken from ("liberated from the invader", "от ВСУ") is the other one. Else the
        sentence's side nearest the cue. "enemy": the string "enemy". Worked out once per cue
        and clause: the names a cue governs ("took A, B and C") share it."""
        key = (cue, index)
        if key not in self._sides_near:
            self._sides_near[key] = self._side_near(cue, index)
        return self._sides_near[key]

    def _side_near(self, cue: _Cue, index: int) -> Side | None | str:
        left, right, _ = self.clauses[index]
        for scope in ((left, right), (0, len(self.text))):
            found = []
            for s, e, side in self.sides:
                if not scope[0] <= s < scope[1]:
                    continue
                if side is not None and _FROM.search(self.text, self.lowered, max(0, s - 12),
                                                     s):
                    side = _OTHER[side]
                rank = abs((s + e) // 2 - (cue.start + cue.end) // 2)
                if s >= cue.end and (_BY.search(self.text, self.lowered, max(0, s - 12), s) or (
                        cue.event == Event.WITHDRAWAL and not self.text[cue.end:s].strip())):
                    # the agent ("by Russian forces"), or the side a withdrawal word qualifies
                    # or takes ("retreating Russian forces", "withdrawing Ukrainian troops")
                    rank = -10_000
                elif e <= cue.start:
                    rank -= 1000
                found.append((rank, side))
            if found:
                side = min(found, key=lambda item: item[0])[1]
                return "enemy" if side is None else side
        return None

    def claimant_near(self, start: int, denial: bool = False, resolve=None,
                      cue: int | None = None) -> Claimant | None:
        """The speaker of what is said at ``start``; for a denial, not the one whose claim is
        denied ("reports from the Kremlin ... are not true"). With ``cue`` (the offset of the
        event's cue), a speaker in the cue's own clause when that clause has its verb of
        saying ("Russia claims to have captured X, but Ukraine says ..."), else one in a
        clause with a verb of saying (", the General Staff said"), else any; the nearest
        ``start`` of those. ``resolve(kind, side)`` names the claimant of a speaker its
        qualifier decides (None: no claimant)."""
        named = []
        for s, _, claimant, side in self.claimants:
            if denial and _SOURCE_OF.search(self.text, self.lowered, max(0, s - 12), s):
                continue
            if claimant in _QUALIFIED:
                claimant = resolve(claimant, side) if resolve else _OFFICIAL_OF.get(side)
                if claimant is None:
                    continue
            named.append((s, claimant))
        if not named:
            return None
        if cue is None or len(named) == 1:
            return min(named, key=lambda c: abs(c[0] - start))[1]
        own, speaking = self.clause(cue), self.speaking

        def rank(item: tuple[int, Claimant]) -> tuple[int, int]:
            index = self.clause(item[0])
            tier = 0 if index == own and speaking[own] else 1 if speaking[index] else 2
            return tier, abs(item[0] - start)

        return min(named, key=rank)[1]


_TWO_WORD_CHARS = re.compile(r"\w\w")


def _inside_word(text: str, offset: int) -> bool:
    """Whether text[offset] and the character before it are both word characters."""
    return offset > 0 and _TWO_WORD_CHARS.match(text, offset - 1) is not None


def _words(text: str, start: int, end: int) -> int:
    return len(_WORD.findall(text, start, end))


def _qualifier(text: str, start: int, end: int, lexicon: _Lexicon) -> Side | None:
    """The side of the words that qualify the speaker at text[start:end] (a brigade, a
    governor): a side named next to it ("Russian", "ЗСУ", "Battlegroup", "Russian-installed"),
    else a region or city of one country ("Belgorod", "Харківської")."""
    before = text[max(0, start - 60):start]
    stops = list(_QUALIFIER_STOP.finditer(before))
    if stops:
        before = before[stops[-1].end():]
    words = list(_WORD.finditer(before))[-_QUALIFIER_WORDS:]
    before = before[words[0].start():] if words else ""
    after = ""
    if _OF_AFTER.match(text, end) or _CYRILLIC_AFTER.match(text, end):
        after = text[end:end + 60]
        stop = _QUALIFIER_STOP.search(after)
        after = after[:stop.start()] if stop else after
        speech = _SPEECH.search(after.lower())
        after = after[:speech.start()] if speech else after
        words = list(_WORD.finditer(after))[:_QUALIFIER_AFTER_WORDS + 1]
        after = after[:words[-1].end()] if words else ""
    for window, last in ((before, True), (after, False)):
        named = lexicon.sides.finditer(window)
        if named:
            return lexicon.side_of[named[-1 if last else 0][2]]
    for window, last in ((before, True), (after, False)):
        found = list(lexicon.regions.finditer(window))
        if found:
            return lexicon.region_of[found[-1 if last else 0].lastgroup]
    return None


_END = methodcaller("end")


def _clauses(text: str, lowered: str | None, openers: list[tuple[int, int, int]]
             ) -> list[tuple[int, int, bool]]:
    """(start, end, background) of each clause of a sentence (``lowered``: its
    ``_lowered``; ``openers``: the (start, end, row) of its words that open a clause, as
    ``_Lexicon.openers`` finds them)."""
    cuts: dict[int, bool] = {0: False}
    for end in map(_END, _HARD_BREAK.finditer(text)):
        if not (text[end - 1] == ":"
                and _COUNTED.search(text, lowered, max(0, end - 70), end - 1)):
            cuts[end] = False
    if "-" in text:
        cuts.update(dict.fromkeys(map(_END, _SPACED_DASH.finditer(text)), False))
    for end in map(_END, _COMMA.finditer(text) if "," in text else ()):
        if text[end:end + 1].islower() and not _LIST_GOES_ON.match(text, end, end + 40):
            cuts[end] = False
    read = text if lowered is None else lowered
    for start, end, _ in openers:
        background = cuts[start] = bool(_BACKGROUND_OPENER.fullmatch(read, start, end))
        tail = _AS_WHEN.match(text, end) if background else None
        if tail is not None:  # "після того, як взяли", "с тех пор, как": one clause
            cuts.pop(tail.end(), None)
    # (most sentences have no "sa": a look for it is cheaper than the expression's call)
    for match in _SAID.finditer(text, lowered) if lowered is None or "sa" in lowered else ():
        cuts[match.end()] = False  # "..., officials said Saturday as ...": what was said ends
    for match in _CONJUNCTION.finditer(text, lowered):
        word = text[match.start(1):match.end(1)]
        if word[:1].islower() and _verb_like(word):
            cuts[match.start()] = False
    bounds = sorted(cuts)
    ends = bounds[1:] + [len(text)]
    return [(start, end, cuts[start]) for start, end in zip(bounds, ends, strict=True)]


# nouns that are also verb forms (сесть -> село): after "и", "та" they name a place
_NOUNS_FIRST = frozenset(("село", "села"))


@lru_cache(maxsize=65536)
def _verb_like(word: str) -> bool:
    low = word.lower()
    if low in _AUXILIARIES or low.endswith(("ed", "ing")):
        return True
    if low in _NOUNS_FIRST:
        return False
    found = verb_lemma(low)
    return found is not None and found[1] in ("VERB", "GRND", "PRTS")


def _words_starting(starts: frozenset[str]) -> _Caseless:
    """The Cyrillic words (a letter, then letters and ``_JOINERS``) that open with one of
    ``starts`` (three letters, or a whole shorter word), and some that only seem to: a start
    right after an apostrophe or a hyphen that may continue a word (``_continues_word``
    tells). The engine skips in C to the starts' first letters, instead of a loop looking at
    every word."""
    rests: dict[str, list[str]] = {}
    for start in sorted(starts):
        whole = "" if len(start) == 3 else f"(?![{_CYRILLIC}{_JOINERS}])"
        rests.setdefault(start[0], []).append(re.escape(start[1:]) + whole)
    return _Caseless("(?:" + "|".join(
        f"{re.escape(first)}(?<![{_CYRILLIC}].)(?:{'|'.join(others)})"
        for first, others in rests.items()) + f")[{_CYRILLIC}{_JOINERS}]*")


def _continues_word(text: str, start: int) -> bool:
    """Whether the letter at ``start`` continues a Cyrillic word through apostrophes or
    hyphens ("по-взяли"): then it opens no word of its own."""
    before = start
    while before and text[before - 1] in _JOINERS:
        before -= 1
    return 0 < before < start and _CYRILLIC_LETTER.match(text, before - 1) is not None


def _cues(text: str, lexicon: _Lexicon, found: list[tuple[int, int, int]],
          lowered: str | None = None) -> list[_Cue]:
    """The sentence's cues, from the cue scanner's matches (``found``) and its verbs
    (``lowered``: the sentence's ``_lowered``, when it has one)."""
    cues = []
    for start, end, index in found:
        event = lexicon.cue_events[index]
        if event == Event.CAPTURE and (_CAPTIVE.match(text, lowered, end)
                                       or _CAPTIVE_BEFORE.search(text, lowered,
                                                                 max(0, start - 40), start)):
            continue  # "captured Ukrainian soldiers", "soldiers were captured": prisoners
        if event == Event.CAPTURE and _MOVED.match(text, lowered, end):
            continue  # "residents were taken to X": moved there, nothing captured
        if event == Event.FIGHTING and (_INSTITUTION_AFTER.match(text, lowered, end)
                                        or _INSTITUTION_BEFORE.search(
                                            text, lowered, max(0, start - 30), start)):
            continue  # "the Defence Ministry", "Сили оборони": a name, not a battle
        if event == Event.FIGHTING and _WITHOUT.search(text, lowered, max(0, start - 12),
                                                       start):
            continue  # "оставили город без боя": left without a fight
        cues.append(_Cue(start, end, event, lexicon.cue_sides[index]))
    starts, scanned, read = lexicon.lemma_starts, len(cues), text if lowered is None else lowered
    for match in (() if text.isascii() else  # (a check of a flag: no Cyrillic in ASCII)
                  lexicon.verb_words.finditer(text, lowered)):
        if _continues_word(read, match.start()):
            continue
        word = match.group().lower() if lowered is None else match.group()
        if word[:3] not in starts:
            continue
        found = verb_lemma(word)
        if found is None or found[0] not in lexicon.lemmas:
            continue
        event, side = lexicon.lemmas[found[0]]
        if event == Event.CAPTURE and _CAPTIVE.match(text, lowered, match.end()):
            continue
        if any(c.start <= match.start() < c.end for c in cues):
            continue
        cues.append(_Cue(match.start(), match.end(), event, side, f"{found[1]} {found[2]}"))
    if len(cues) > scanned:  # the scanner's come in order; verbs found after them go in it
        cues.sort(key=lambda c: c.start)
    # "drone attack", "ракетный удар": a strike word next to a combat word makes a strike
    merged: list[_Cue] = []
    for cue in cues:
        if merged and not text[merged[-1].end:cue.start].strip() and Event.STRIKE in (
                merged[-1].event, cue.event):
            last = merged.pop()
            cue = _Cue(last.start, cue.end, Event.STRIKE, last.side or cue.side)
        merged.append(cue)
    return merged


class ArticleEvents:
    """The events of one article's mentions: ``at`` gives a mention's ``Claim``; each sentence
    is read once however many names it holds.

    Parameters
    ----------
    text:
        The article's text (mention offsets are offsets into it).
    outlet_country:
        The outlet's home country (``geo.read.outlets``), empty when unknown: the outlet's own
        "enemy" is the other side from its country's, and an unqualified brigade it cites is
        its country's.
    """

    def __init__(self, text: str, outlet_country: str = ""):
        self.text = text
        self.outlet_country = outlet_country  # the outlet's home country ("RU", "UA", "GB"...)
        self.lexicon = _lexicon()
        self.read: dict[tuple[int, int], _Sentence] = {}
        self._lede: Claimant | None | bool = False
        self._struck: bool | None = None

    @_once
    def ukrainian(self) -> bool:
        """Whether the article is in Ukrainian (asked only of a speaker or "enemy" whose side
        the language decides)."""
        return len(_UKRAINIAN.findall(self.text[:2000])) >= 5

    def sentence(self, bounds: tuple[int, int]) -> _Sentence:
        found = self.read.get(bounds)
        if found is None:
            start, end = bounds
            # the article's lowered text cut at the sentence's bounds (white space: no letter's
            # lower case there depends on what lies past them) is the sentence's own
            lowered = None if self.lowered is None else self.lowered[start:end]
            found = self.read[bounds] = _Sentence(self.text[start:end], self.lexicon,
                                                  self.hits(start, end), start, lowered)
        return found

    @_once
    def lowered(self) -> str | None:
        """The article's ``_lowered`` text."""
        return _lowered(self.text)

    @_once
    def _pass(self) -> tuple[list[int], list[tuple]] | None:
        """The scanners' one pass over the article (``_Leads.hits``); None when lowering
        the text shifts its offsets (then each sentence is read by itself)."""
        return None if self.lowered is None else self.lexicon.leads.hits(self.lowered)

    def hits(self, start: int, end: int) -> list[tuple[int, tuple]] | None:
        """The word starts in text[start:end] that begin with a lead (``_Leads.hits``): what
        a pass over text[start:end] alone would find. None when it might not (``start``
        inside a word). An ``end`` inside a word changes no match: a lead it cuts short
        only adds alternatives whose letters run past it, which cannot match by ``end``."""
        if self._pass is None or _inside_word(self.text, start):
            return None
        return self._pass_between(start, end)

    def _pass_between(self, start: int, end: int) -> list[tuple[int, tuple]]:
        """The hits of the article's pass (there is one) that start in text[start:end]."""
        positions, hits = self._pass
        return hits[bisect_left(positions, start):bisect_left(positions, end)]

    def _scanned(self, index: int, scanner: _Scanner, start: int = 0, end: int | None = None
                 ) -> list[tuple[int, int, int]]:
        """``scanner.finditer(self.text, start, end)``, read off the article's pass: a
        stretch around a verb of saying mostly starts inside a word, where a pass over the
        stretch alone starts one; that word is tried by itself."""
        end = len(self.text) if end is None else end
        if self._pass is None:
            return scanner.finditer(self.text, start, end)
        hits = self._pass_between(start, end)
        found, after = [], start
        if _inside_word(self.text, start):
            opening = scanner.opening(self.text, start, end, self.lowered[start:end])
            if opening is not None:
                found, after = [opening], opening[1]
        return found + scanner.matches(self.text, self.lowered, hits, index, after, end)

    def at(self, bounds: tuple[int, int], start: int, end: int, *,
           country: str | None = None, previous: tuple[int, int] | None = None) -> Claim:
        """The claim of the name at text[start:end] of the sentence at ``bounds``.

        Parameters
        ----------
        bounds:
            The sentence's (start, end) in the article's text.
        start, end:
            The name's offsets in the article's text.
        country:
            The place's country code: a strike with no side named came from the other side.
        previous:
            The bounds of the sentence before, for reported speech that names its speaker
            there.
        """
        sentence = self.sentence(bounds)
        if not sentence.cues:
            return NONE
        offset = start - bounds[0]
        cue, event = sentence.event_at(offset, end - bounds[0])
        if cue is None:
            return NONE
        if cue.event == Event.CAPTURE and event in (Event.CAPTURE, None) and sentence.denies:
            event = Event.DENIAL
        if event is None:
            return NONE
        text, lowered = sentence.text, sentence.lowered
        if event == Event.HUMANITARIAN and _HARM.match(text, lowered, cue.start) and self.struck():
            event = Event.STRIKE  # the dead and wounded of a strike the article reports
        if event == Event.FIGHTING and _ATTACK.match(text, lowered, cue.start) \
                and self.air_war and not _GROUND.search(text, lowered):
            event = Event.STRIKE
        claimant = self._claimant(sentence, offset, previous, event == Event.DENIAL,
                                  self._resolver(sentence, cue, event, country), cue.start)
        side = None
        if event != Event.HUMANITARIAN:
            side = self._side(sentence, cue, event, claimant, country)
        return _claim(event, side, claimant)

    def _claimant(self, sentence: _Sentence, offset: int, previous: tuple[int, int] | None,
                  denial: bool = False, resolve=None, cue: int | None = None) -> Claimant:
        found = (denial and sentence.denier()) or sentence.claimant_near(offset, denial,
                                                                          resolve, cue)
        if found is None and sentence.speech and previous is not None:
            # the speaker named last in the sentence before (offsets within that sentence)
            found = self.sentence(previous).claimant_near(previous[1] - previous[0],
                                                          resolve=resolve)
        if found is None:
            found = self.lede()
        return found or Claimant.OUTLET

    def _resolver(self, sentence: _Sentence, cue: _Cue, event: Event, country: str | None):
        """``resolve(kind, side)`` for a speaker only its qualifier decides: the side its
        qualifier names; else a governor or mayor reporting a strike by one side is the
        other's (officials report the strikes on their own ground), or the official of the
        place's country; a brigade is the outlet's country's, or a Ukrainian-language
        report's own; else none."""

        def resolve(kind: str, side: Side | None) -> Claimant | None:
            if side is None and kind == _OFFICIAL:
                if event == Event.STRIKE:
                    named = sentence.side_near(cue, sentence.clause(cue.start)) or cue.side
                    side = _OTHER.get(named) if named in _OTHER else None
                if side is None and country in ("RU", "UA"):
                    side = Side(country)
            if side is None and kind == _UNIT:
                side = self._home()
            return _OFFICIAL_OF.get(side)

        return resolve

    def _home(self) -> Side | None:
        """The side of the outlet's country, else of a Ukrainian-language report."""
        if self.outlet_country in ("RU", "UA"):
            return Side(self.outlet_country)
        return Side.UA if self.ukrainian else None

    def lede(self) -> Claimant | None:
        """The speaker the article attributes its report to: the one its opening cites, else
        the one it names most next to a verb of saying (a report relaying the General Staff's
        summary is the General Staff's); None when it names none."""
        if self._lede is False:
            claimant_of = self.lexicon.claimant_of
            self._lede = None
            # the opening's first speaker, if the opening reports speech (asked only when it
            # names one)
            first = [self._qualified(s, e, claimant_of[row]) for s, e, row in
                     self._scanned(_CLAIMANTS, self.lexicon.claimants, 0, _LEDE_CHARS)]
            first = [claimant for claimant in first if claimant is not None]
            if first and self._opening_speaks():
                self._lede = first[0]
            if self._lede is None:
                named = [self._qualified(s, e, claimant_of[row])
                         for start, end in self._attributions()
                         for s, e, row in self._scanned(_CLAIMANTS, self.lexicon.claimants,
                                                        start, end)]
                named = [claimant for claimant in named if claimant is not None]
                if named:
                    self._lede = max(set(named),
                                     key=lambda c: (named.count(c), -named.index(c)))
        return self._lede

    def _opening_speaks(self) -> bool:
        """Whether the article's opening reports speech (``_SPEECH`` finds it there): its
        words of saying come off the article's pass, as the speakers do (the expression,
        which opens with a look behind, would be tried at each of its 400 places), then a
        colon."""
        if self._pass is None:
            return _SPEECH.search(self.text[:_LEDE_CHARS].lower()) is not None
        return bool(self._scanned(_SPEECH_WORD, self.lexicon.speech, 0, _LEDE_CHARS)
                    or _SPEECH_COLON.search(self.text, 0, _LEDE_CHARS))

    def _qualified(self, start: int, end: int, claimant: Claimant | str) -> Claimant | None:
        """A speaker of the article's opening: one only its qualifier decides is the side's
        it names, else (a brigade) the outlet's country's; else none."""
        if claimant not in _QUALIFIED:
            return claimant
        side = _qualifier(self.text, start, end, self.lexicon)
        if side is None and claimant == _UNIT:
            side = self._home()
        return _OFFICIAL_OF.get(side)

    def _attributions(self) -> list[tuple[int, int]]:
        """The stretches of text around its verbs of saying ("said", "according to",
        "повідомили"), where a report names its sources."""
        spans: list[tuple[int, int]] = []
        if self._pass is None:
            lowered = self.text.lower()
            if len(lowered) != len(self.text):
                lowered = self.text
            said = [match.span() for match in _SPEECH.finditer(lowered)]
        else:  # the words of saying, read off the article's pass, and the colons
            words = self.lexicon.speech.matches(self.text, self.lowered, self._pass[1],
                                                _SPEECH_WORD, limit=_ATTRIBUTIONS)
            said = sorted([(s, e) for s, e, _ in words] + [
                match.span() for match in islice(_SPEECH_COLON.finditer(self.text),
                                                 _ATTRIBUTIONS)])
        for count, (said_start, said_end) in enumerate(said):
            if count == _ATTRIBUTIONS:
                break
            start = max(0, said_start - _AROUND)
            end = min(len(self.text), said_end + _AROUND)
            if spans and start <= spans[-1][1]:
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((start, end))
        return spans

    def struck(self) -> bool:
        """Whether the article reports strikes: then its dead and wounded are a strike's."""
        if self._struck is None:
            self._struck = any(self.lexicon.cue_events[row] == Event.STRIKE
                               for _, _, row in self._cue_pass)
        return self._struck

    @_once
    def _cue_pass(self) -> list[tuple[int, int, int]]:
        return self._scanned(_CUES, self.lexicon.cues)

    @_once
    def air_war(self) -> bool:
        """Whether the article reports strikes and no ground combat (no battle, assault,
        advance...): then its "attacks" are the strikes' ("russians attacked the city
        overnight" in a report of missiles and drones)."""
        if not self.struck():
            return False
        events, text, lowered = self.lexicon.cue_events, self.text, self.lowered
        return not any(events[row] == Event.FIGHTING
                       and not _AMBIGUOUS_FIGHTING.match(text, lowered, s)
                       for s, _, row in self._cue_pass)

    def _side(self, sentence: _Sentence, cue: _Cue, event: Event, claimant: Claimant,
              country: str | None) -> Side | None:
        index = sentence.clause(cue.start)
        side = sentence.side_near(cue, index) or cue.side
        if side in _OTHER and event == Event.CAPTURE and _LOSS.match(
                sentence.text, sentence.lowered, cue.start):
            side = _OTHER[side]  # "Ukraine's loss of X": Russia took it
        if side == "enemy":  # the other side from the speaker's
            if claimant == Claimant.RU_OFFICIAL and not self.ukrainian:
                side = Side.UA
            elif claimant == Claimant.UA_OFFICIAL:
                side = Side.RU
            else:  # the outlet's own voice, or another's: the enemy of the outlet's country
                side = Side.UA if self.outlet_country == "RU" else Side.RU
        if event == Event.DENIAL:
            # the side said to have captured: the denier's adversary
            if claimant == Claimant.RU_OFFICIAL:
                return Side.UA
            if claimant == Claimant.UA_OFFICIAL:
                return Side.RU
            return side or Side.RU
        if side is None and event == Event.STRIKE and country in ("UA", "RU"):
            side = Side.RU if country == "UA" else Side.UA
        if side is None and event == Event.CAPTURE:
            side = {Claimant.RU_OFFICIAL: Side.RU, Claimant.UA_OFFICIAL: Side.UA}.get(claimant)
        return side
