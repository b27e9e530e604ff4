"""Turn any spelling of a place name into comparable keys.

War reporting spells one town many ways: Pokrovsk, Pokrovs'k, Покровськ, Покровск; Krasny Liman,
Krasnyy Lyman, Красный Лиман. Two keys make those comparable:

- ``exact_key``: the spelling itself, made blind to case, diacritics, apostrophes, hyphens versus
  spaces, soft hyphens, zero-width characters and an English possessive. Two names with the same
  exact key are the same written name.
- ``fold_key``: the exact key transliterated to Latin and folded so that the usual romanisations
  of one Cyrillic name meet (Ukrainian national system, Russian BGN/PCGN, news spellings). It is a
  matching key, not a spelling anyone writes: a hit through it is reported as a transliteration.

Both are pure functions of the string; the gazetteer index is keyed by ``fold_key``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Invisible characters that scrapers leave inside words.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff\u180e"), None)
# Every apostrophe-like mark, and the soft and hard signs' Latin stand-ins, become one mark.
_APOSTROPHES = str.maketrans({c: "'" for c in "’‘ʼʹʻ`´′＇"})
_DASHES = re.compile(r"[\-‐‑‒–—―_/]+")
_POSSESSIVE = re.compile(r"'s\b")  # Pokrovsk's, People's: ignored wherever it stands
_DROP = re.compile(r"['\".,()\[\]«»“”„]")

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[a-zA-Z\u00c0-\u024f\u1e00-\u1eff]")

# Cyrillic to a coarse Latin: one letter each, chosen so that the folding below makes Russian
# and Ukrainian romanisations meet (я -> ia, й -> i, х -> kh, г -> g, ь dropped ...).
_CYR_TO_LAT = str.maketrans(
    {
        "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "ё": "e",
        "є": "ie", "ж": "zh", "з": "z", "и": "i", "і": "i", "ї": "i", "й": "i", "к": "k",
        "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
        "у": "u", "ў": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
        "ъ": "", "ы": "i", "ь": "", "э": "e", "ю": "iu", "я": "ia",
    }
)  # fmt: skip

# Latin folding, applied in order to each word of the transliterated key.
_FOLD_LETTERS = str.maketrans({"y": "i", "j": "i", "w": "v", "q": "k", "x": "ks"})
_LONE_H = re.compile(r"(?<![kzsc])h")  # Ukrainian h = Russian g; kh, zh, sh, ch stay
_REPEATED_DIGRAPH = re.compile(r"(kh|zh|sh|ch)\1+")
_REPEATS = re.compile(r"(.)\1+")
_I_BEFORE_VOWEL = re.compile(r"(?<=[^aeiou ])i(?=[aeou])")
_NOT_KEY = re.compile(r"[^a-z0-9 ]")
# Word endings that differ between Ukrainian and Russian forms of one name:
# -ivka/-ovka, -iv/-ov, -ske/-skoe/-skoye, -ove/-ovo, -ine/-ino, -ne/-noe/-noye.
_ENDINGS = re.compile(r"(ivka|iv|oi?e|(?<=[vn])o)$")
_ENDING_FOLDS = {"ivka": "ovka", "iv": "ov", "oe": "e", "oie": "e", "o": "e"}
_ENDING_TAILS = ("iv", "ivka", "oe", "oie", "vo", "no")


def clean(text: str) -> str:
    """Case-fold and tidy a name: invisible characters, apostrophes, dashes, spaces, possessives."""
    text = unicodedata.normalize("NFKC", text).translate(_INVISIBLE).translate(_APOSTROPHES)
    text = " ".join(_DASHES.sub(" ", text).split()).casefold()
    return _POSSESSIVE.sub("", text) if "'s" in text else text


_LATIN_MARKS = re.compile(r"(?<=[^\u0400-\u04ff])[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff]+")


def _strip_marks(text: str) -> str:
    """Remove diacritics from Latin letters; keep Cyrillic letters (й, ё, ї) whole."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFC", _LATIN_MARKS.sub("", unicodedata.normalize("NFD", text)))


_LATIN_EXTRAS = str.maketrans({"ł": "l", "ø": "o", "ß": "ss", "đ": "d", "ı": "i", "æ": "ae"})


@lru_cache(maxsize=65536)
def exact_key(text: str) -> str:
    """The written name, blind to case, diacritics, punctuation and spacing variants."""
    text = _strip_marks(clean(text)).translate(_LATIN_EXTRAS)
    return " ".join(_DROP.sub("", text).split())


def _collapse(word: str) -> str:
    """Doubled letters (and doubled kh/zh/sh/ch) once: Zaporizhzhia ~ Zaporizhia."""
    if "hh" in word or "h" in word and _REPEATED_DIGRAPH.search(word):
        word = _REPEATED_DIGRAPH.sub(lambda m: m.group(1), word)
    return _REPEATS.sub(lambda m: m.group(1), word) if _REPEATS.search(word) else word


def _fold_word(word: str) -> str:
    """One word's fold, applied again while it still changes the word: a fold can leave another
    foldable ending (oeoe -> oe -> e), and a fold key must fold to itself."""
    folded, changed = _fold_once(word)
    while changed:
        word = folded
        folded, changed = _fold_once(word)
        changed = changed and folded != word
    return folded


def _fold_once(word: str) -> tuple[str, bool]:
    # Each step is skipped when its cheap pre-check says it cannot apply: this runs for every
    # name of the index and every new query.
    word = word.translate(_FOLD_LETTERS)
    if "h" in word:
        word = _LONE_H.sub("g", word)
    word = _collapse(word)
    changed = False
    if "i" in word:
        shorter = _I_BEFORE_VOWEL.sub("", word)
        changed = shorter != word
        word = shorter
    if word.endswith(_ENDING_TAILS):
        word = _ENDINGS.sub(lambda m: _ENDING_FOLDS[m.group(1)], word)
        changed = True
    return (_collapse(word), True) if changed else (word, False)


@lru_cache(maxsize=65536)
def fold_key(text: str) -> str:
    """The matching key: Latin, folded so that the romanisations of one name coincide."""
    return fold_key_of_exact(exact_key(text))


@lru_cache(maxsize=65536)
def fold_key_of_exact(exact: str) -> str:
    """``fold_key`` of a string that is already an ``exact_key`` (skips the cleaning)."""
    latin = _NOT_KEY.sub("", exact.translate(_CYR_TO_LAT))
    return " ".join(_fold_word(w) for w in latin.split())


def has_cyrillic(text: str) -> bool:
    return bool(_CYRILLIC.search(text))


def is_latin_or_cyrillic(text: str) -> bool:
    """True for names written in Latin or Cyrillic script: the scripts of the reports we read."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    return all(_CYRILLIC.match(c) or _LATIN.match(c) for c in letters)


def is_code(name: str) -> bool:
    """GeoNames lists airport and other codes (OZH, DOK, KRQ) among alternate names."""
    return name.isascii() and name.isupper() and " " not in name and len(name) <= 4
