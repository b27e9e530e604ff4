"""Find the place names in an article's text: spans of the original text, never rewritten.

The text is cut into word tokens; each token is folded with the gazetteer's own key function
(so Покровськ, Pokrovs'k and Pokrovsk read alike) and one Aho-Corasick automaton over the
gazetteer's salient keys finds every name in one pass over the folded tokens, whatever the number
of names. A hit must be capitalised in the text and must not be a common word that happens to be
a place name (``gazetteer/data/stopwords.csv``).

More cues find what the automaton cannot:
- Cyrillic words in a case ending (в Покровске, у Костянтинівці) are tried through the
  gazetteer's morphology; two or three capitalised words before their parts, so the longest
  inflected reading wins (из Великой Новоселки, not Новоселки alone).
- A Cyrillic adjective before направление/напрямок, in either case, names the town it is made
  from (на покровском направлении -> Покровск: ``Gazetteer.towns_of_adjective``).
- An adjectival form before "direction" (the Krasnoarmeyskoye direction) is tried
  without its adjective ending as well.
- A capitalised name in a place context ("the village of X", "near X", "X (a town in ...)",
  "в районе X") that the gazetteer does not know is kept as an unknown name: reported, never
  placed, never dropped silently.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache, partial
from itertools import accumulate, chain, compress, count
from operator import attrgetter, itemgetter
from typing import NamedTuple

import ahocorasick

from gazetteer import (
    Gazetteer,
    exact_key,
    fold_key,
    fold_key_of_exact,
    has_cyrillic,
    stopwords,
    town_forms,
)

_POSSESSIVE_ENDINGS = ("'s", "’s", "'S", "’S")
_INSIDE = r"[\w'’ʼ\u00ad\u200b\u200c\u200d\u2060]*[^\W_]"
MAX_NAME_TOKENS = 4

# Words after a name that make it a direction/axis (the Pokrovsk direction) and adjectival endings
# that such names take in English renderings of Russian reports (Krasnoarmeyskoye direction).
# The patterns of words after a name are used with ``match(text, end, end + window)``: no slice
# of the text is made for each name.
_DIRECTION_AFTER = re.compile(
    r"\W{0,3}(?:direction|axis|sector|front|направлени|напрям)", re.IGNORECASE)
_ADJECTIVE_ENDINGS = re.compile(r"(?:skoye|skoe|skiy|skyi|sky|skaya|ske|ska)$", re.IGNORECASE)
_ADJECTIVE_TAIL = re.compile(r"(?:oye|oe|iy|yi|y|aya|e|a)$", re.IGNORECASE)

# Place contexts: words before or after a name that say it is a place.
_CONTEXT_BEFORE = re.compile(
    r"(?:\b(?:village|town|city|settlement|hamlet|outskirts|suburbs|liberation|capture|"
    r"outside|near|towards?|around|north|south|east|west|northeast|northwest|southeast|"
    r"southwest)(?: of)?|(?:also\s+)?known\s+as|formerly|renamed(?: to)?|"
    r"в районе|в районі|под|біля|возле|около|вблизи|поблизу|"
    r"сел[оаеі]|поселк[аеу]|посёлк[аеу]|поселок|посёлок|селищ[еаі]|город[аеу]?|міст[оаі]|"
    r"населенн\w+ пункт\w*|населен\w+ пункт\w*)\s+$",
    re.IGNORECASE,
)
_CONTEXT_AFTER = re.compile(
    r"(?:\s*\(\s*(?:a|the)?\s*(?:village|town|city|settlement|hamlet)\b|,\s*(?:a|the)\s+"
    r"(?:village|town|city|settlement)\b|\s+(?:direction|axis|sector)\b|"
    r"\s*\(\s*(?:село|селище|город|місто|поселок|посёлок)\b)",
    re.IGNORECASE,
)
# Lower-case words that end a region's name (Donetsk region, Донецкая область).
_DESCRIPTORS = frozenset({"region", "oblast", "province", "district", "raion", "krai", "republic",
                          "область", "регион", "район", "край", "обл"})
_DESCRIPTOR_STEMS = ("област", "регион", "район", "край")
_NAME_ENDINGS = (*_DESCRIPTORS, *_DESCRIPTOR_STEMS, "direction", "axis", "sector", "front")
# Lower-case words that join the parts of a name (Rostov-on-Don, Frankfurt am Main, Ростов-на-Дону).
_JOINERS = ("on", "upon", "am", "an", "der", "de", "da", "do", "del", "la", "le", "el", "na",
            "nad", "pod", "на", "над", "под")
# The tokens worth folding, found without visiting other words: a word with a capital first
# letter (Latin or Cyrillic), a joiner, or a word that ends a region's name. The look-ahead for
# the first letters of those words spares trying each of them at every other word's start.
_LOWER_NAME_WORDS = sorted(_NAME_ENDINGS + _JOINERS, key=len, reverse=True)
_TOKEN_WORD = (
    rf"(?:[A-ZÀ-ÖØ-ÞĀ-ž\u0400-\u042f\u0490](?:{_INSIDE})?"
    rf"|(?=[{''.join(sorted({word[0] for word in _LOWER_NAME_WORDS}))}])"
    rf"(?:{'|'.join(_LOWER_NAME_WORDS)})(?:{_INSIDE})?)(?![\w'’ʼ])")
# A token stands after a character that is no part of a word, or at the start of the text. The
# pattern opens with that character (the token is its group), so the engine skips in C from one
# such character to the next instead of trying the pattern at every character of the text.
_NAME_TOKEN = re.compile(rf"[^\w'’ʼ]({_TOKEN_WORD})")
_NAME_TOKEN_AT_START = re.compile(rf"({_TOKEN_WORD})")
# "Donetsk and Luhansk regions", "Luhansk regions": the names stand for regions.
# What a name stands for when the words after it say so, alone or at the head of a list that
# shares them: "the Kharkiv, Sumy and Mykolaiv regions", "Донецкой и Луганской областей" are
# regions; "the Bilopillia district", "Дніпровському та Шевченківському районах", "Андріївської
# громади" are districts and communities, which have no point of their own.
_NAME_WORD = r"[A-ZА-ЯЁІЇЄҐ][\w'’-]*"
_SHARED_LIST = (rf"(?:\s*,\s*{_NAME_WORD})*"
                rf"(?:\s*,?\s+(?:and|or|&|и|і|та|й)\s+{_NAME_WORD})?")
_REGION_WORDS = (r"regions|oblasts|provinces|област\w*|регион\w*|регіон\w*")
_DISTRICT_WORDS = (r"districts?|raions?|rayons?|municipalit(?:y|ies)|communit(?:y|ies)|"
                   r"hromadas?|район\w*|громад\w*|округ\w*|сельсовет\w*|сільрад\w*|"
                   r"муниципал\w*")
_DISTRICT_TAIL = re.compile(r"\s(?:район\w*|district|raion|rayon|rajon)$", re.IGNORECASE)
_UNIT_AFTER = re.compile(  # names capitalised; the unit's words in any case
    rf"{_SHARED_LIST}\s+(?i:(?P<region>{_REGION_WORDS})|(?P<district>{_DISTRICT_WORDS}))\b")
_SETTLEMENT_WORDS = re.compile(r"village|town|city|settlement|hamlet|сел|посел|посёл|город|міст",
                               re.IGNORECASE)


class Span(NamedTuple):
    """A stretch of the article text that names a place (or a name in a place context).

    ``queries``: what to ask the gazetteer, best first (the surface, a region reading, forms
    without an adjective ending); ``known``: False for a name only the context vouches for;
    ``in_context``: a place context vouches for it (near X, the village of X; not "X direction");
    ``settlement_hint``: that context said village/town/city; ``unit``: the words after it make
    the name a ``region`` (an oblast) or a ``district`` (a raion, a community), not a point.
    A named tuple, immutable like a frozen dataclass and made several times faster: an
    article has dozens of spans.
    """

    start: int
    end: int
    surface: str
    queries: tuple[str, ...]
    known: bool = True
    in_context: bool = False
    settlement_hint: bool = False
    unit: str = ""


# A token is a plain tuple (start, end, text, key, joined, common, cyrillic): an article has
# thousands and a tuple is the cheapest record Python makes. ``joined``: only spaces or hyphens
# separate it from the previous token, so the two may belong to one name (Chasiv Yar,
# Rostov-on-Don); ``common``: a common word that is also a place name
# (``gazetteer/data/stopwords.csv``); ``cyrillic``: a capitalised Cyrillic word, which a case
# ending may hide a name in (в Покровске).
_Token = tuple[int, int, str, str, bool, bool, bool]
START, END, TEXT, KEY, JOINED, COMMON, CYRILLIC = range(7)
_IS_CYRILLIC = itemgetter(CYRILLIC)
_JOINING_GAP = re.compile(r"(?:['’]s)?[ \t\-‐‑–—]*")
_JOINING_LAST = frozenset(" \t-‐‑–—")  # what a joining gap ends with (see ``tokens``)
_JOINING_SECOND_LAST = _JOINING_LAST | {"s"}  # and what comes before that in a longer one


def tokens(text: str) -> list[_Token]:
    """The words that can be part of a name, with offsets and fold keys (possessive 's left
    out): capitalised words, joiners (on, am, на) and the words ending a region's name. Other
    lower-case words are never even matched (the regex skips them), which breaks the join
    between their neighbours."""
    out, previous_end = [], -1
    head = _NAME_TOKEN_AT_START.match(text)
    matches = _NAME_TOKEN.finditer(text, head.end() if head else 0)
    for match in chain((head,), matches) if head else matches:
        found = _token_of(match[1])
        if found is None:
            continue
        word, key, common, cyrillic, length = found
        start = match.start(1)
        if key:
            end = start + length
            # the character before a token is no word character (not the s of 's), so a joining
            # gap ends in a space or a hyphen; a gap of that one character (Chasiv Yar) needs no
            # expression to say it joins, and a longer one has a space, a hyphen or the s of 's
            # before it: most gaps (a lower-case word between, " and ") fail that
            joined = (previous_end >= 0 and text[start - 1] in _JOINING_LAST
                      and (previous_end == start - 1
                           or text[start - 2] in _JOINING_SECOND_LAST
                           and _JOINING_GAP.fullmatch(text, previous_end, start) is not None))
            out.append((start, end, word, key, joined, common, cyrillic))
            previous_end = end
        else:
            previous_end = -1
    return out


@lru_cache(maxsize=200_000)
def _token_of(word: str) -> tuple[str, str, bool, bool, int] | None:
    """(the word, possessive 's left out; its fold key, empty when it has none; whether it is a
    common word; whether it is a capitalised Cyrillic word; its length), or None for a word that
    is no part of a name. Worked out once per word: words recur."""
    if not word[0].isupper() and word not in _JOINERS and not word.startswith(_NAME_ENDINGS):
        return None  # a lower-case Latin Extended-A letter, or "onward" let in by "on"
    if word.endswith(_POSSESSIVE_ENDINGS) and len(word) > 3:
        word = word[:-2]
    exact = exact_key(word)
    key = fold_key_of_exact(exact)
    return (word, key if " " not in key else "", exact in stopwords(),
            word[0].isupper() and has_cyrillic(word), len(word))


_BY_OFFSETS = attrgetter("start", "end")  # spans in text order
# A Span from a tuple of all its fields, made in C: the named tuple's own constructor is Python
# code that takes them one by one (a third of a microsecond, for dozens of names an article).
_new_span = partial(tuple.__new__, Span)


class Recogniser:
    """One automaton over the gazetteer's salient keys (and the user's names), built once and
    told the names the gazetteer learns during a run (``learn``)."""

    def __init__(self, gazetteer: Gazetteer, lookup=None):
        self.gazetteer = gazetteer
        self.lookup = lookup or (lambda query: gazetteer.resolve(query, in_text=True))
        self.automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)  # a third of the memory
        for key in gazetteer.findable_keys():
            self.automaton.add_word(f" {key} ", len(key.split()))
        self.automaton.make_automaton()

    def learn(self, name: str) -> None:
        """Find ``name`` in running text from now on: the gazetteer learnt it during the run
        (``--online``), and a later run, whose automaton is built with it, finds it too. The
        automaton is made again (a fraction of a second; answers come at most once a second)."""
        key = fold_key(name)
        if key and not self.automaton.exists(f" {key} "):
            self.automaton.add_word(f" {key} ", len(key.split()))
            self.automaton.make_automaton()

    def spans(self, text: str) -> list[Span]:
        toks = tokens(text)
        # the capitalised Cyrillic words, picked out in C: the case-ending passes visit only
        # them, and an article without any (most English ones) skips those passes
        cyrillic = list(compress(count(), map(_IS_CYRILLIC, toks)))
        directions = self._direction_spans(text)
        found = self._gazetteer_spans(text, toks)
        if cyrillic:
            found = self._longest_inflected_readings(text, toks, cyrillic, found)
        taken = [False] * len(toks)
        if directions:  # few articles have one: the others skip this
            _take_overlapped(toks, directions, taken)
            found = [(first, last) for first, last in found if not any(taken[first:last + 1])]
        for first, last in found:
            for i in range(first, last + 1):
                taken[i] = True
        spans = [s for s in directions if s.queries]
        spans += [self._span(text, toks, first, last) for first, last in found]
        if cyrillic:
            spans += self._inflected_spans(text, toks, cyrillic, taken)
        spans += self._context_spans(text, toks, taken)
        spans.sort(key=_BY_OFFSETS)
        return spans

    # -- names the automaton finds -------------------------------------------------------------
    def _gazetteer_spans(self, text: str, toks: list[_Token]) -> list[tuple[int, int]]:
        """(first, last) token indices of every acceptable name, longest first, no overlaps."""
        # the fold keys one space apart, "| " before a token not joined to the one before (and
        # before the first): no key spans a comma or a skipped word; ends: the index of the
        # space after each token
        pieces = [f"{tok[KEY]} " if tok[JOINED] else f"| {tok[KEY]} " for tok in toks]
        ends = dict(zip(accumulate(map(len, pieces)), count()))
        folded = " " + "".join(pieces)
        singles, longer = [], []  # (first, last) of one-word and of longer names
        for end_index, n_tokens in self.automaton.iter(folded):
            last = ends.get(end_index)
            if last is None:
                continue
            if n_tokens == 1:  # most hits: ``_acceptable`` of one word, without the call
                tok = toks[last]
                if tok[TEXT][0].isupper() and not tok[COMMON]:
                    singles.append((last, last))
            elif last >= n_tokens - 1 and self._acceptable(toks, last - n_tokens + 1, last):
                longer.append((last - n_tokens + 1, last))
        if not longer:  # one-word names never overlap one another
            return singles
        # longer names first, the longest and then the leftmost; one-word names cannot overlap
        # one another, so each is kept when no longer name took its word
        chosen, used = [], set()
        for first, last in sorted(longer, key=lambda fl: (fl[0] - fl[1], fl[0])):
            if used.isdisjoint(range(first, last + 1)):
                used.update(range(first, last + 1))
                chosen.append((first, last))
        chosen += [single for single in singles if single[0] not in used]
        return sorted(chosen)

    def _acceptable(self, toks: list[_Token], first: int, last: int) -> bool:
        head = toks[first][TEXT]
        if not head[0].isupper():
            return False
        if last - first + 1 > MAX_NAME_TOKENS:
            return False
        if first == last:
            return not toks[first][COMMON]
        # every word of a multi-word name is capitalised, bar joiners (Rostov-on-Don) and the
        # words that end a region's name (Donetsk region)
        return all(t[TEXT][0].isupper() or t[TEXT] in _JOINERS or t[TEXT] in _DESCRIPTORS
                   for t in toks[first:last + 1])

    def _span(self, text: str, toks: list[_Token], first: int, last: int) -> Span:
        start, end = toks[first][START], toks[last][END]
        surface = text[start:end]
        if first == last:
            # a single word holds no space, so only the words after it can make it a unit
            unit = unit_after(text, end)
            queries = [surface]
            if _DIRECTION_AFTER.match(text, end, end + 60):
                queries += _adjective_stems(surface)
            if unit == "region":
                descriptor = "область" if has_cyrillic(surface) else "region"
                queries.insert(0, f"{surface} {descriptor}")
            queries = tuple(queries)
        else:
            unit = unit_of(text, start, end)
            queries = (surface,)
        context = _place_context(text, start, end)
        if context is None:  # most names: made from all their fields at once
            return _new_span((start, end, surface, queries, True, False, False, unit))
        return Span(start, end, surface, queries, in_context=_vouches(context),
                    settlement_hint=_SETTLEMENT_WORDS.search(context) is not None, unit=unit)

    # -- Cyrillic adjectives of directions ----------------------------------------------------
    def _direction_spans(self, text: str) -> list[Span]:
        """A Cyrillic adjective right before the word for a direction names its town, upper or
        lower case: на покровском направлении, На Костянтинівському напрямку -> Покровск,
        Костянтинівка. Adjectives listed before one plural noun each name theirs (на Лиманському
        та Сіверському напрямках). The span is the adjective; its one query is the best town
        ``Gazetteer.towns_of_adjective`` derives from it, so only known names count. A place
        adjective that names no town (на украинском направлении, Придніпровському) is a span
        with no query: no other reading of the word is tried, and it is no place mention."""
        if "аправлени" not in text and "апрям" not in text:
            return []  # no word for a direction: two substring searches spare the scan
        out = []
        for noun in _DIRECTION_NOUN.finditer(text):
            if not _WORD_STARTS.match(text, noun.start()):
                continue  # inside another word
            end, before = noun.start(), _WORD_BEFORE_NOUN
            while (word := before.search(text, max(0, end - 60), end)) and town_forms(
                    word.group(1)):
                towns = self.gazetteer.towns_of_adjective(word.group(1))
                out.append(Span(word.start(1), word.end(1), word.group(1), towns[:1]))
                end, before = word.start(1), _WORD_BEFORE_LISTED
        return out

    # -- Cyrillic case endings ----------------------------------------------------------------
    def _longest_inflected_readings(self, text: str, toks: list[_Token], cyrillic: list[int],
                                    found: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """The longest inflected reading wins: in a run of two or three capitalised Cyrillic
        words where the automaton found single words only (из Великой Новоселки: Новоселки), the
        whole run is tried through the case endings first; when it is a known name, it replaces
        the single-word hits it covers. ``cyrillic``: the indices of the capitalised Cyrillic
        tokens, where such runs start."""
        single = in_longer = None  # made for the first run that needs them
        readings, past_run = [], 0
        for i in cyrillic:
            if i < past_run or not _run_word(toks[i]):
                continue
            run_end = i + 1  # the run of joined capitalised Cyrillic words from i
            while run_end < len(toks) and toks[run_end][JOINED] and _run_word(toks[run_end]):
                run_end += 1
            if run_end - i < 2:
                continue
            if single is None:
                single = {first for first, last in found if first == last}
                in_longer = {k for first, last in found if last > first
                             for k in range(first, last + 1)}
            first = i
            while first < run_end - 1:
                for width in (3, 2):
                    last = first + width - 1
                    window = range(first, last + 1)
                    if last >= run_end or single.isdisjoint(window) or not in_longer.isdisjoint(
                            window):
                        continue
                    surface = text[toks[first][START]:toks[last][END]]
                    match = self.lookup(surface).match
                    if match is not None and match.match_type == "inflected":
                        readings.append((first, last))
                        first = last
                        break
                first += 1
            past_run = run_end
        if not readings:
            return found
        covered = {i for first, last in readings for i in range(first, last + 1)}
        return sorted([fl for fl in found if covered.isdisjoint(range(fl[0], fl[1] + 1))]
                      + readings)

    def _inflected_spans(self, text: str, toks: list[_Token], cyrillic: list[int],
                         taken: list[bool]) -> list[Span]:
        """Names in a case ending among the capitalised Cyrillic words (``cyrillic``: their
        indices) that no other name took."""
        out = []
        for i in cyrillic:
            if taken[i]:
                continue
            tok = toks[i]
            # try two capitalised words (Часовом Яру, Красного Лимана) before one
            for width in (2, 1):
                last = i + width - 1
                if last >= len(toks) or any(taken[i:last + 1]) or (
                        width == 2 and not toks[last][JOINED]):
                    continue  # two words are one name only when nothing but a space parts them
                if not all(t[TEXT][0].isupper() or t[TEXT].lower().startswith(_DESCRIPTOR_STEMS)
                           for t in toks[i:last + 1]):
                    continue
                start, end = tok[START], toks[last][END]
                surface = text[start:end]
                if width == 1 and tok[COMMON]:
                    continue
                match = self.lookup(surface).match
                if match is not None and match.match_type == "inflected":
                    unit = unit_of(text, start, end)
                    queries = (f"{surface} область", surface) if unit == "region" else (surface,)
                    out.append(Span(start, end, surface, queries, unit=unit,
                                    in_context=_vouches(_place_context(text, start, end))))
                    for j in range(i, last + 1):
                        taken[j] = True
                    break
        return out

    # -- unknown names in a place context -----------------------------------------------------
    def _context_spans(self, text: str, toks: list[_Token], taken: list[bool]) -> list[Span]:
        out = []
        for i, tok in enumerate(toks):
            if taken[i] or tok[COMMON] or not tok[TEXT][0].isupper():
                continue
            if i > 0 and toks[i - 1][END] == tok[START] - 1 and text[tok[START] - 1] == "-":
                continue  # the second half of a hyphenated compound
            if tok[TEXT].isupper() or _CAPITALISED_NEXT.match(text, tok[END], tok[END] + 30):
                continue  # acronyms (NATO) and longer proper nouns (Wagner Group) are not names
            context = _place_context(text, tok[START], tok[END])
            if context is None:
                continue
            stems = self._direction_stems(text, tok)
            if stems:  # the Kupyanskoye direction: no name itself, its stem is one
                out.append(Span(tok[START], tok[END], tok[TEXT], (tok[TEXT], *stems)))
            else:
                out.append(Span(tok[START], tok[END], tok[TEXT], (tok[TEXT],), known=False,
                                in_context=True,
                                settlement_hint=bool(_SETTLEMENT_WORDS.search(context))))
            taken[i] = True
        return out

    def _direction_stems(self, text: str, tok: _Token) -> list[str]:
        """An adjectival name before "direction" that the gazetteer does not know as such
        (Kupyanskoye, Kurakhovskoye): its stems, when one of them is a name spelled as written
        or through folding or a case ending (a misspelling of a stem is too weak a guess)."""
        if not _DIRECTION_AFTER.match(text, tok[END], tok[END] + 60):
            return []
        stems = _adjective_stems(tok[TEXT])
        for stem in stems:
            match = self.lookup(stem).match
            if match is not None and match.match_type != "fuzzy":
                return stems
        return []


def _take_overlapped(toks: list[_Token], spans: list[Span], taken: list[bool]) -> None:
    """Mark the tokens the spans overlap as taken: found by bisection among the tokens, which
    are in text order and never overlap, not by testing every token against every span."""
    ends = [tok[END] for tok in toks]
    for span in spans:
        i = bisect_right(ends, span.start)  # the first token ending after the span's start
        while i < len(toks) and toks[i][START] < span.end:
            taken[i] = True
            i += 1


_CAPITALISED_NEXT = re.compile(r"[ \t]+[A-ZА-ЯЁІЇЄҐ]")
# The word for a direction (направление, напрямок, any case), and the adjective before it: right
# before it, or before another such adjective in a list (Лиманському, Сіверському та ...). The
# noun is found by its first letters and then checked to start a word (``_WORD_STARTS``): a
# pattern that starts with a look-behind is tried at every character of the text, one that
# starts with a letter lets the regex engine skip to that letter (five times faster).
_DIRECTION_NOUN = re.compile(r"(?:[Нн]аправлени|[Нн]апрям)[а-яёіїєґ]*")
_WORD_STARTS = re.compile(r"(?<![\w'’ʼ-])")
_WORD_BEFORE_NOUN = re.compile(r"(?<![\w'’ʼ-])([^\W\d_][\w'’ʼ]*)[ \t]+$")
_WORD_BEFORE_LISTED = re.compile(
    r"(?<![\w'’ʼ-])([^\W\d_][\w'’ʼ]*)(?:[ \t]*,[ \t]*|[ \t]+(?:и|і|й|та)[ \t]+)$")


def _run_word(tok: _Token) -> bool:
    """A word that can be part of a multi-word Cyrillic name: capitalised, not an acronym."""
    return tok[CYRILLIC] and not tok[TEXT].isupper()


def unit_of(text: str, start: int, end: int) -> str:
    """What the span stands for, by its own last word ("Оболонському районі": a district, though
    GeoNames files some such names as places) or by the words after it (``unit_after``)."""
    if _DISTRICT_TAIL.search(text, start, end):
        return "district"
    return unit_after(text, end)


def unit_after(text: str, end: int) -> str:
    """``region`` or ``district`` when the words after a name (or after the list it heads) make
    it an administrative unit; else empty."""
    match = _UNIT_AFTER.match(text, end, end + 200)  # an end past the text's is the text's
    if not match:
        return ""
    return "region" if match.group("region") else "district"


_CONTEXT_LAST_WORDS = frozenset([
    "village", "town", "city", "settlement", "hamlet", "outskirts", "suburbs", "liberation",
    "capture", "outside", "near", "toward", "towards", "around", "north", "south", "east",
    "west", "northeast", "northwest", "southeast", "southwest", "of", "to", "as", "formerly",
    "районе", "районі", "под", "біля", "возле", "около", "вблизи", "поблизу",
])
_CONTEXT_LAST_STEMS = ("сел", "посел", "посёл", "город", "міст", "пункт")


def _place_context(text: str, start: int, end: int) -> str | None:
    """The words around a name that say it is a place, if any."""
    window = text[max(0, start - 40):start]
    words = window.rsplit(None, 1)  # none when the window is blank
    if words:
        last = words[-1].lower()
        if last in _CONTEXT_LAST_WORDS or last.startswith(_CONTEXT_LAST_STEMS):
            before = _CONTEXT_BEFORE.search(window, _last_words_start(window))
            if before:
                return before.group()
    after = _CONTEXT_AFTER.match(text, end, end + 40)
    return after.group() if after else None


def _last_words_start(window: str) -> int:
    """Where the window's last three words begin (or a little before): a place context before a
    name spans three words at most (also known as), so the search for one, a long list of words
    tried at each position, need not start before them: it finds the same context."""
    head = window.rsplit(None, 3)
    return len(head[0]) if len(head) == 4 else 0


def _vouches(context: str | None) -> bool:
    """A context that says the name is a place (the village of X), not one that only makes an
    adjective of it (the X direction)."""
    return context is not None and not _DIRECTION_AFTER.match(context.lstrip())


def _adjective_stems(surface: str) -> list[str]:
    """Krasnoarmeyskoye -> Krasnoarmeysk, Dimitrovskoye -> Dimitrov (names of directions)."""
    stems = []
    if _ADJECTIVE_ENDINGS.search(surface):
        stems.append(_ADJECTIVE_TAIL.sub("", surface))
        stems.append(_ADJECTIVE_ENDINGS.sub("", surface))
    return [s for s in stems if len(s) >= 4 and s != surface]
