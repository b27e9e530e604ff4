"""Ordinary words of Russian and Ukrainian that look like names when capitalised.

A village may be called Маяк (lighthouse), Поселок (settlement) or Восток (east), and GeoNames
lists such words among the alternate names of real places; at the start of a sentence every word
is capitalised. pymorphy3's dictionaries tell an ordinary word from a name: a function word
(preposition, conjunction, particle, pronoun) never names a place, and the Russian dictionary
marks geographic names (``Geox``), so a common noun without that mark is an ordinary word.
Adjectives are left alone here (Удачное, Первомайское are villages). The Ukrainian dictionary
has no geographic mark, so there only function words count.

An adjective that agrees with the lower-case noun after it (Українським захисникам, Южной
группы) is that noun's attribute, not a place name standing alone (Глибоке, Удачне).
"""

from __future__ import annotations

from functools import lru_cache

from .morphology import _analysers
from .normalize import has_cyrillic

_FUNCTION_WORDS = frozenset({"PREP", "CONJ", "PRCL", "NPRO", "INTJ", "PRED"})
# Marks of a proper name in the Russian dictionary: geographic, given name, surname, patronymic,
# organisation. (The two dictionaries share one tag class, so grammemes are tested as strings.)
_NAME_MARKS = frozenset({"Geox", "Name", "Surn", "Patr", "Orgn"})
_MIN_SCORE = 0.1  # parses less likely than this are ignored
_UKRAINIAN_LETTERS = frozenset("іїєґІЇЄҐ")


def _parses(word: str) -> list:
    """Dictionary parses of a word (not guesses) from the analysers of its language: Ukrainian
    for a word with і/ї/є/ґ, Russian for one with ы/э/ё/ъ, else both."""
    ru, uk = _analysers()
    low = word.lower()
    if any(c in _UKRAINIAN_LETTERS for c in low):
        analysers = (uk,)
    elif any(c in "ыэёъ" for c in low):
        analysers = (ru,)
    else:
        analysers = (ru, uk)
    return [p for a in analysers for p in a.parse(low) if p.is_known and p.score >= _MIN_SCORE]


@lru_cache(maxsize=65536)
def is_function_word(word: str) -> bool:
    """A Cyrillic word the dictionaries know as a preposition, conjunction, particle, pronoun
    or interjection (Серед, Также, Там): never a place name."""
    if not has_cyrillic(word) or " " in word.strip():
        return False
    return any(p.tag.POS in _FUNCTION_WORDS for p in _parses(word))


@lru_cache(maxsize=65536)
def is_common_noun(word: str) -> bool:
    """A Russian word the dictionary knows only as a common noun with no name reading (Поселок,
    Восток, Маяк; but also Лиман, an estuary and a town: callers weigh the place's size)."""
    if not has_cyrillic(word) or " " in word.strip():
        return False
    ru, _ = _analysers()
    russian = [p for p in ru.parse(word.lower()) if p.is_known and p.score >= _MIN_SCORE]
    if not russian or any(c in _UKRAINIAN_LETTERS for c in word):
        return False
    return all(p.tag.POS == "NOUN" and not _NAME_MARKS & p.tag.grammemes for p in russian)


@lru_cache(maxsize=65536)
def is_attribute(adjective: str, noun: str) -> bool:
    """``adjective`` is an adjective agreeing in case, number and gender with the noun ``noun``
    (Українським захисникам, Южной группы, Российские военные)."""
    if not (has_cyrillic(adjective) and has_cyrillic(noun)) or not noun.islower():
        return False
    adjectives = [p.tag for p in _parses(adjective) if p.tag.POS == "ADJF"]
    nouns = [p.tag for p in _parses(noun) if p.tag.POS == "NOUN"]
    for a in adjectives:
        for n in nouns:
            if a.case != n.case or a.number != n.number:
                continue
            if a.number == "plur" or a.gender is None or n.gender is None or a.gender == n.gender:
                return True
    return False


_VERB_PARTS = frozenset({"VERB", "INFN", "PRTF", "PRTS", "GRND"})


@lru_cache(maxsize=131072)
def verb_lemma(word: str) -> tuple[str, str, str | None] | None:
    """A Russian or Ukrainian verb form's dictionary form (its infinitive), part of speech
    (``VERB``, ``INFN``, ``PRTF`` full participle, ``PRTS`` short participle, ``GRND`` gerund)
    and tense (``past``, ``pres``, ``futr``, or None): взяли -> (взять, VERB, past), захоплять
    -> (захопити, VERB, futr), захваченный -> (захватить, PRTF, past). None when the
    dictionaries know no verb reading of the word."""
    if not has_cyrillic(word) or " " in word.strip():
        return None
    for parse in _parses(word):
        if parse.tag.POS in _VERB_PARTS:
            return parse.normal_form, str(parse.tag.POS), parse.tag.tense
    return None
