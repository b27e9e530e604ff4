"""Bytes -> text: the encodings reports arrive in.

Encodings: a byte-order mark decides (UTF-8, UTF-16 or UTF-32); NUL bytes otherwise mean binary
unless they fall like BOM-less UTF-16's; then strict UTF-8; then charset-normalizer restricted to
the legacy code pages we meet (cp1251, koi8-r, cp1252, latin-1). Two checks follow it, because
these reports are Russian and Ukrainian and its mistakes there cost every place name:

- cp1251 and koi8-r hold the same letters at swapped places (and swapped case), and on short or
  upper-case texts charset-normalizer takes one for the other ("Шёл дождь." in koi8-r comes back
  as cp1251 gibberish). When it answers either, both decodings are scored on Russian prose shape
  (share of common letter pairs, plus share of words cased as words are: lower, Title, UPPER; the
  wrong page gives "пНЯЯХИЯЙХЕ") and the better wins; a tie keeps charset-normalizer's answer.
- An English text quoting one Cyrillic name ("Kharkiv (Харьков)") comes back as cp1252
  ("Õàðüêîâ"). When most words with non-ASCII bytes have no ASCII letter at all, the text is
  Cyrillic (Western languages put é or ü inside Latin words) and the scoring above picks the page.

A file too short for charset-normalizer to judge ("Ой!") is read as Cyrillic, by the same prior.
Ukrainian in koi8-u is not recognised (cp1251 is what Ukrainian sites used).
"""

from __future__ import annotations

import re

import charset_normalizer

from geo.errors import InputError

MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG"), (b"%PDF-", "PDF"), (b"\x1f\x8b", "gzip"),
    (b"PK\x03\x04", "ZIP"), (b"\xff\xd8\xff", "JPEG"), (b"GIF87a", "GIF"), (b"GIF89a", "GIF"),
    (b"\xfd7zXZ\x00", "xz"), (b"7z\xbc\xaf\x27\x1c", "7z"), (b"\x7fELF", "ELF"),
)  # fmt: skip
# UTF-32 before UTF-16: the UTF-32 LE mark begins with the UTF-16 LE one.
_BOMS = (
    (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8-sig"), (b"\xfe\xff", "utf-16"), (b"\xff\xfe", "utf-16"),
)  # fmt: skip
_LEGACY_CANDIDATES = ["cp1251", "koi8_r", "cp1252", "latin_1"]
_CYRILLIC_PAIR = ("cp1251", "koi8_r")
_SCORE_BYTES = 64 * 1024  # enough prose to tell the two code pages apart
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def decode(data: bytes) -> str:
    """Bytes to text, ``"\\r\\n"`` made ``"\\n"``; raises InputError for binary or empty."""
    if not data:
        raise InputError("empty file")
    for magic, kind in MAGIC:
        if data.startswith(magic):
            raise InputError(f"binary file ({kind})")
    text = _with_bom(data)
    if text is None and b"\x00" in data:
        text = _utf16_without_bom(data)
        if text is None:
            raise InputError("binary file (NUL bytes)")
    if text is None:
        text = _utf8(data)
    if text is None:
        text = _legacy(data)
    if len(_CONTROL.findall(text)) > max(1, len(text) // 50):  # no NULs, yet not text either
        raise InputError("binary file (control characters)")
    if not text.strip():
        raise InputError("empty file")
    return newlines(text)


def newlines(text: str) -> str:
    return text.replace("\r\n", "\n")


def _with_bom(data: bytes) -> str | None:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as error:
                raise InputError(
                    f"not valid {codec.upper()} despite its byte-order mark (byte {error.start})"
                ) from error
    return None


def _utf8(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 saved without a mark: the NUL bytes of ASCII (and of nothing else) all fall on the
    same side of each pair. Anything else with NUL bytes is binary."""
    if len(data) % 2:
        return None
    nul_even, nul_odd = data[0::2].count(0), data[1::2].count(0)
    if nul_even and nul_odd:
        return None
    try:
        return data.decode("utf-16-le" if nul_odd else "utf-16-be")
    except UnicodeDecodeError:
        return None


def _legacy(data: bytes) -> str:
    """A legacy code page: charset-normalizer's answer, checked for Cyrillic (see the top)."""
    best = charset_normalizer.from_bytes(data, cp_isolation=_LEGACY_CANDIDATES).best()
    encoding = best.encoding if best is not None else _CYRILLIC_PAIR[0]
    if encoding in _CYRILLIC_PAIR:
        encoding = _cyrillic_tiebreak(data, encoding)
    elif _cyrillic_words(data):
        encoding = _cyrillic_tiebreak(data, _CYRILLIC_PAIR[0])
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise InputError(f"unknown text encoding (tried UTF-8, {encoding})") from error


# A run of letters with at least one byte above ASCII: "caf\xe9" or "\xd5\xe0\xf0\xfc\xea\xee\xe2".
_HIGH_WORD = re.compile(rb"[A-Za-z\x80-\xff]*[\x80-\xff][A-Za-z\x80-\xff]*")
_ASCII_LETTER = re.compile(rb"[A-Za-z]")


def _cyrillic_words(data: bytes) -> bool:
    """True if most words with non-ASCII bytes have no ASCII letter: Cyrillic in a single-byte
    code page writes whole words above ASCII, Western languages put é or ü inside Latin words."""
    words = [w for w in _HIGH_WORD.findall(data[:_SCORE_BYTES]) if len(w) > 1]
    whole = sum(_ASCII_LETTER.search(w) is None for w in words)
    return whole * 2 > len(words)


def _cyrillic_tiebreak(data: bytes, guess: str) -> str:
    """cp1251 or koi8-r, whichever reads more like Russian; charset-normalizer's on a tie."""
    sample = data[:_SCORE_BYTES]
    scores = {}
    for encoding in _CYRILLIC_PAIR:
        try:
            scores[encoding] = _russian_score(sample.decode(encoding))
        except UnicodeDecodeError:  # cp1251 leaves one byte undefined
            continue
    best = max(scores, key=scores.__getitem__, default=guess)
    return guess if scores.get(guess) == scores[best] else best


# The most frequent letter pairs of Russian prose (most are frequent in Ukrainian too).
_COMMON_PAIRS = frozenset({
    "ст", "но", "то", "на", "ен", "ов", "ни", "ра", "во", "ко", "ро", "ре", "по", "пр", "ал",
    "ле", "ол", "ер", "ос", "ли", "го", "ет", "ка", "ан", "ат", "ел", "ти", "ль", "ва", "од",
    "ом", "ны", "ла", "ск", "ин", "ит", "ор", "ть", "де"
})  # fmt: skip
_CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff]+")


def _russian_score(text: str) -> float:
    """Share of common letter pairs plus share of words cased like words (0 to 2)."""
    words = _CYRILLIC_WORD.findall(text)
    if not words:
        return 0.0
    pairs = [w[i : i + 2] for w in map(str.lower, words) for i in range(len(w) - 1)]
    common = sum(p in _COMMON_PAIRS for p in pairs) / len(pairs) if pairs else 0.0
    cased = sum(w.islower() or w.isupper() or w.istitle() for w in words) / len(words)
    return common + cased
