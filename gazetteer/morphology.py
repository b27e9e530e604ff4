"""Russian and Ukrainian case endings: в Покровске, под Покровском, у Костянтинівці.

Two sources of dictionary forms, cheap first: a table of case endings (strip one, restore a
nominative: Покровске -> Покровск), then pymorphy3, which proposes dictionary forms from its
dictionaries and predicts them for unknown names from similar words (Костянтинівці ->
Костянтинівка). Proposals from both the Russian and the Ukrainian analyser are taken; the
gazetteer keeps only those that are a known name, so a wrong proposal costs nothing.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

from .normalize import has_cyrillic

_MAX_PARSES = 4
_MAX_COMBINATIONS = 24
# Case endings of Russian and Ukrainian place names, longest first, each with the nominative
# endings it can come from. pymorphy3's guesses for unknown names miss some (Покровська,
# genitive of Покровськ); stripping one ending and restoring a nominative catches them.
# Only forms that turn out to be known names count.
_CASE_ENDINGS = (
    ("ого", ("ий", "ый", "ое", "е")), ("его", ("ий", "ее", "е")),  # adjectival names
    ("ому", ("ий", "ый", "ое", "е")), ("ему", ("ий", "ее", "е")),
    ("ові", ("",)),  # Ukrainian dative of a masculine name
    ("ой", ("а", "ый", "ой")), ("ою", ("а",)), ("ей", ("я",)), ("ею", ("я",)),  # instrumental
    ("ом", ("", "о")), ("ем", ("", "е", "ь")),
    ("ої", ("а",)), ("ім", ("ий", "е")), ("им", ("ий", "ый", "е")),
    ("а", ("", "о")), ("я", ("е", "ь")),  # genitive
    ("у", ("", "а", "о")), ("ю", ("е", "я", "ь")),  # dative, accusative
    ("е", ("", "а")), ("і", ("", "а", "я")),  # locative
    ("и", ("а", "ь")), ("ы", ("а",)),  # genitive of a feminine name
)
_MIN_STEM = 4
# Ukrainian names in -ів, -їв and -іль open their last syllable outside the nominative, so the
# vowel changes: Харків -> Харкова, Харкові; Київ -> Києва, Києві; Миколаїв -> Миколаєві;
# Тернопіль -> Тернополя. Stripping the ending leaves the oblique stem (харков, києв, тернопол);
# this restores the nominative's.
_ALTERNATION = re.compile(r"^(.{2,}?)(ов|єв|ол)(?:а|у|і|ом|ові|ем|я|ю|і)$")
_NOMINATIVE_SYLLABLE = {"ов": "ів", "єв": "їв", "ол": "іль"}


@lru_cache(maxsize=1)
def _analysers():
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru"), pymorphy3.MorphAnalyzer(lang="uk")


def _ending_forms(low: str) -> list[str]:
    forms = []
    alternation = _ALTERNATION.match(low)
    if alternation:
        forms.append(alternation.group(1) + _NOMINATIVE_SYLLABLE[alternation.group(2)])
    for ending, nominatives in _CASE_ENDINGS:
        stem = low[: -len(ending)]
        if low.endswith(ending) and len(stem) >= _MIN_STEM:
            return forms + [stem + n for n in nominatives]
    return forms


@lru_cache(maxsize=65536)
def word_lemmas(word: str, analysers: bool = True) -> tuple[str, ...]:
    """The word itself and its possible dictionary forms, lower-case: the table's first, then
    (with ``analysers``) pymorphy3's."""
    low = word.lower()
    if not has_cyrillic(low):
        return (low,)
    found = [low]
    found += [f for f in _ending_forms(low) if f not in found]
    if analysers:
        for analyser in _analysers():
            for parse in analyser.parse(low)[:_MAX_PARSES]:
                if parse.normal_form not in found:
                    found.append(parse.normal_form)
    return tuple(found)


def lemma_forms(text: str, analysers: bool = True) -> list[str]:
    """Every combination of the words' dictionary forms (capped), excluding the text itself."""
    words = text.split()
    if not words or not has_cyrillic(text):
        return []
    options = [word_lemmas(w, analysers) for w in words]
    combos = itertools.islice(itertools.product(*options), _MAX_COMBINATIONS)
    original = " ".join(w.lower() for w in words)
    return [form for form in (" ".join(c) for c in combos) if form != original]


def name_lemma(name: str) -> str | None:
    """The most likely dictionary form of a multi-word Cyrillic name (Донецкая область ->
    донецкий область), so that inflected queries (Донецкой области) meet it. None when it
    equals the name."""
    words = name.split()
    if len(words) < 2 or not has_cyrillic(name):
        return None
    lemma = " ".join(_analyser_lemma(w) for w in words)
    return lemma if lemma != name.lower() else None


def _analyser_lemma(word: str) -> str:
    """pymorphy3's most likely dictionary form of one word (the word itself when it has none)."""
    low = word.lower()
    if not has_cyrillic(low):
        return low
    ru, uk = _analysers()
    analyser = uk if any(c in low for c in "іїєґ") else ru
    return analyser.parse(low)[0].normal_form
