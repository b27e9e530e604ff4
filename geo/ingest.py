"""Read articles from files and folders: one Article per article, one Skipped per bad input.

Reports arrive as whatever someone saved: scraped .txt files with a ``date`` header line, saved
web pages, JSON exports, in UTF-8 or in a legacy Cyrillic code page. Every later stage wants the
same thing, a text and its metadata, so this stage turns each input into ``Article`` records and
nothing else reads files. A long run must not die on one bad file: every input that cannot be read
(binary, empty, too large, undecodable, unreadable, a malformed JSON line) is yielded as
``Skipped`` with a reason a user can act on, and reading goes on.

Offsets are sacred: later stages compute character offsets into ``Article.text``, and a mention's
surface must be ``text[start:end]``. So the text of a .txt/.md file is the whole file exactly as
decoded, header lines included; the one change, made for every format, is ``"\\r\\n"`` to ``"\\n"``.

Order is deterministic: explicit paths in the order given; a folder's entries sorted by name and
walked depth-first (a subfolder's files come where its name sorts). Inside folders, hidden entries
and files with other suffixes are ignored; an explicitly named file of another type is reported.

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

import datetime as dt
import json
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import charset_normalizer
import trafilatura

from geo.records import Article, Skipped

SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".json", ".jsonl")
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_TITLE_CHARS = 200


class _Unreadable(Exception):
    """A whole file cannot be read; the message is the reason shown to the user."""


# --- public entry ---------------------------------------------------------------------------


def read_articles(paths: Iterable[str | Path]) -> Iterator[Article | Skipped]:
    """Yield an Article for each article in ``paths`` (files or folders), a Skipped for each
    input that cannot be read. Never raises for a bad input."""
    for given in paths:
        path = Path(given)
        if not os.path.lexists(path):
            yield Skipped(str(path), "no such file or folder")
        elif os.path.isdir(path):
            yield from _read_folder(path)
        else:
            yield from _read_file(path)


# --- folders --------------------------------------------------------------------------------


def _read_folder(root: Path) -> Iterator[Article | Skipped]:
    for item in _walk(root, seen={}, ancestors=frozenset()):
        if isinstance(item, Skipped):
            yield item
        else:
            yield from _read_file(item)


def _walk(
    folder: Path, seen: dict[tuple[int, int], Path], ancestors: frozenset[tuple[int, int]]
) -> Iterator[Path | Skipped]:
    """Supported files under ``folder`` in sorted order. Symlinked folders are followed once:
    a link back to a folder being walked (a loop) or to one already read is reported."""
    try:
        info = folder.stat()
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as error:
        yield Skipped(str(folder), f"cannot read folder: {_os_reason(error)}")
        return
    identity = (info.st_dev, info.st_ino)
    seen[identity] = folder
    inside = ancestors | {identity}
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            is_dir = entry.is_dir()
            target = entry.stat() if is_dir else None
        except OSError as error:
            yield Skipped(str(path), f"cannot read: {_os_reason(error)}")
            continue
        if target is None:
            if path.suffix.lower() in SUPPORTED_SUFFIXES:
                yield path
            continue
        key = (target.st_dev, target.st_ino)
        if key in inside:
            yield Skipped(str(path), "symlink loop: links back to a folder being read")
        elif key in seen:
            yield Skipped(str(path), f"folder already read as {seen[key]}")
        else:
            yield from _walk(path, seen, inside)


# --- files ----------------------------------------------------------------------------------


def _read_file(path: Path) -> Iterator[Article | Skipped]:
    reader = _READERS.get(path.suffix.lower())
    if reader is None:
        kind = f"'{path.suffix}'" if path.suffix else "(no suffix)"
        yield Skipped(
            str(path), f"unsupported file type {kind}; supported: {', '.join(SUPPORTED_SUFFIXES)}"
        )
        return
    if path.suffix.lower() == ".jsonl" and _size(path) > MAX_FILE_BYTES:
        yield from _stream_jsonl(path)  # a big JSONL file is read line by line, UTF-8 only
        return
    try:
        text = _decode(_load(path))
    except _Unreadable as error:
        yield Skipped(str(path), str(error))
        return
    yield from reader(path, text)


def _load(path: Path) -> bytes:
    """The file's bytes, after checking it is a regular file within the size limit."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise _Unreadable("not a regular file")
        if info.st_size > MAX_FILE_BYTES:
            raise _Unreadable(
                f"file too large: {info.st_size:,} bytes, over the limit of "
                f"{MAX_FILE_BYTES:,} bytes ({MAX_FILE_BYTES / 2**20:g} MiB, MAX_FILE_BYTES)"
            )
        return path.read_bytes()
    except OSError as error:
        raise _Unreadable(f"cannot read: {_os_reason(error)}") from error


def _os_reason(error: OSError) -> str:
    return (error.strerror or str(error)).lower()


# --- decoding -------------------------------------------------------------------------------

_MAGIC = (
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


def _decode(data: bytes) -> str:
    """Bytes to text, ``"\\r\\n"`` made ``"\\n"``; raises _Unreadable for binary or empty."""
    if not data:
        raise _Unreadable("empty file")
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise _Unreadable(f"binary file ({kind})")
    text = _with_bom(data)
    if text is None and b"\x00" in data:
        text = _utf16_without_bom(data)
        if text is None:
            raise _Unreadable("binary file (NUL bytes)")
    if text is None:
        text = _utf8(data)
    if text is None:
        text = _legacy(data)
    if len(_CONTROL.findall(text)) > max(1, len(text) // 50):  # no NULs, yet not text either
        raise _Unreadable("binary file (control characters)")
    if not text.strip():
        raise _Unreadable("empty file")
    return _newlines(text)


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n")


def _with_bom(data: bytes) -> str | None:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as error:
                raise _Unreadable(
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
        raise _Unreadable(f"unknown text encoding (tried UTF-8, {encoding})") from error


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


# --- text files: .txt, .md ------------------------------------------------------------------

_HEADER = re.compile(
    r"[ \t]*(?P<key>date|title|url|source)(?:(?P<colon>[ \t]*:)[ \t]*|[ \t]+)(?P<value>\S.*)",
    re.IGNORECASE,
)
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?=$|[T\s])")
_SECTION_WORDS = 3  # "date 2025-11-07 International": at most this many words after the date


def _read_text(path: Path, text: str) -> Iterator[Article]:
    headers, body = _split_headers(text)
    yield Article(
        article_id=path.stem,
        text=text,
        title=headers.get("title") or _title(body),
        source=headers.get("source", ""),
        url=headers.get("url", ""),
        **_dates(headers.get("date")),
        path=str(path),
    )


def _split_headers(text: str) -> tuple[dict[str, str], list[str]]:
    """Header values from the top of the file, and the lines after them (for the title)."""
    headers: dict[str, str] = {}
    lines = text.split("\n")
    for number, line in enumerate(lines):
        if not line.strip():
            continue
        header = _header(line)
        if header is None:
            return headers, lines[number:]
        key, value, rest = header
        headers.setdefault(key, value)
        if rest:  # the scraper ran the first sentence onto the date line
            return headers, [rest, *lines[number + 1 :]]
    return headers, []


def _header(line: str) -> tuple[str, str, str] | None:
    """(key, value, body text left on the line) for a header line, else None.

    A date header needs an ISO date; a url header one token; a title or source header a colon or
    a lower-case key, so that an opening sentence ("Source of the blast ...") is not a header.
    """
    match = _HEADER.match(line)
    if match is None:
        return None
    key, value = match["key"].lower(), match["value"].strip()
    if key == "date":
        date = _ISO_DATE.match(value)
        if date is None:
            return None
        rest = value[date.end() :].strip()
        return key, date.group(), rest if len(rest.split()) > _SECTION_WORDS else ""
    if key == "url":
        return (key, value, "") if len(value.split()) == 1 else None
    if match["colon"] or match["key"].islower():
        return key, value, ""
    return None


def _title(lines: Iterable[str]) -> str:
    """The first non-empty line; one-word lines (scraped "close", "Menu") only if nothing else."""
    stripped = [line.strip() for line in lines if line.strip()]
    if not stripped:
        return ""
    title = next((line for line in stripped if len(line.split()) > 1), stripped[0])
    return title[:MAX_TITLE_CHARS].rstrip()


def _dates(value: object) -> dict:
    """Article fields for a metadata date: the date, or the text as written when it is no date
    (2025-13-45), so the run can warn that it was ignored."""
    parsed = _parse_date(value)
    raw = str(value).strip() if value not in (None, "") and parsed is None else ""
    return {"published": parsed, "published_raw": raw}


def _parse_date(value: object) -> dt.date | None:
    """The date of an ISO date or datetime string; None for anything else or impossible."""
    if not isinstance(value, str):
        return None
    match = _ISO_DATE.match(value.strip())
    if match is None:
        return None
    try:
        return dt.date(*map(int, match.groups()))
    except ValueError:
        return None


# --- web pages: .html, .htm -----------------------------------------------------------------

# Metadata dates only: the dates stage, not htmldate's search of the text, infers the rest.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def _read_html(path: Path, text: str) -> Iterator[Article | Skipped]:
    try:
        document = trafilatura.bare_extraction(
            text, with_metadata=True, date_extraction_params=_DATE_PARAMS
        )
    except Exception as error:  # a third-party parser on arbitrary input: report, never crash
        yield Skipped(str(path), f"HTML extraction failed: {type(error).__name__}: {error}")
        return
    if document is None:
        meta = {}
    else:
        meta = document if isinstance(document, dict) else document.as_dict()
    body = _newlines(meta.get("text") or "").strip()
    if not body:
        yield Skipped(str(path), "no main text found in the HTML page")
        return
    title = " ".join((meta.get("title") or "").split())
    if title and not body.startswith(title):
        body = f"{title}\n{body}"
    yield Article(
        article_id=path.stem,
        text=body,
        title=title[:MAX_TITLE_CHARS] or _title(body.split("\n")),
        source=meta.get("sitename") or meta.get("hostname") or "",
        url=meta.get("url") or "",
        **_dates(meta.get("date")),
        path=str(path),
    )


# --- JSON: .json, .jsonl --------------------------------------------------------------------


def _read_jsonl(path: Path, text: str) -> Iterator[Article | Skipped]:
    # split("\n"), not splitlines(): JSON strings may hold U+2028 and other line separators.
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            yield from _read_jsonl_line(path, number, line)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # let the ordinary reader report why it cannot be read


def _stream_jsonl(path: Path) -> Iterator[Article | Skipped]:
    """A JSONL file over MAX_FILE_BYTES, read one line at a time: its size is not limited, only
    each record's. Such a file must be UTF-8 (as JSONL is by definition; smaller files also get
    the legacy-encoding detection); a line that is not is skipped."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise _Unreadable("not a regular file")
        handle = open(path, "rb")  # noqa: SIM115 - closed below, while yielding
    except OSError as error:
        yield Skipped(str(path), f"cannot read: {_os_reason(error)}")
        return
    except _Unreadable as error:
        yield Skipped(str(path), str(error))
        return
    with handle:
        head = handle.read(8)
        for magic, kind in _MAGIC:
            if head.startswith(magic):
                yield Skipped(str(path), f"binary file ({kind})")
                return
        handle.seek(0)
        seen_record = False
        for number, raw in enumerate(handle, start=1):
            where = f"{path}:{number}"
            if len(raw) > MAX_FILE_BYTES:
                yield Skipped(where, f"record too large: {len(raw):,} bytes, over the limit of "
                                     f"{MAX_FILE_BYTES:,} bytes (MAX_FILE_BYTES)")
                continue
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                yield Skipped(where, "not UTF-8 (JSONL must be UTF-8)")
                continue
            if not line.strip():
                continue
            seen_record = True
            yield from _read_jsonl_line(path, number, line.rstrip("\r\n"))
        if not seen_record:
            yield Skipped(str(path), "empty file")


def _read_jsonl_line(path: Path, number: int, line: str) -> Iterator[Article | Skipped]:
    where = f"{path}:{number}"
    try:
        record = json.loads(line)
    except (ValueError, RecursionError) as error:
        yield Skipped(where, f"invalid JSON: {_json_reason(error)}")
        return
    yield _record(record, where, f"{path.stem}-{number}")


def _read_json(path: Path, text: str) -> Iterator[Article | Skipped]:
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as error:
        yield Skipped(str(path), f"invalid JSON: {_json_reason(error)}")
        return
    if not isinstance(data, list):
        yield _record(data, str(path), path.stem)
        return
    if not data:
        yield Skipped(str(path), "empty JSON list")
    for index, item in enumerate(data, start=1):
        yield _record(item, f"{path}:{index}", f"{path.stem}-{index}")


def _json_reason(error: ValueError | RecursionError) -> str:
    if isinstance(error, json.JSONDecodeError):
        return f"{error.msg} (line {error.lineno}, column {error.colno})"
    if isinstance(error, RecursionError):
        return "nested too deeply"
    return str(error)


_JSON_TYPES = {dict: "object", list: "array", str: "string", int: "number", float: "number",
               bool: "true/false", type(None): "null"}  # fmt: skip


def _record(record: object, where: str, default_id: str) -> Article | Skipped:
    """One JSON object as an Article: ``text`` required; ``id``, ``title``, ``url``,
    ``published``, ``source`` optional."""
    if not isinstance(record, dict):
        return Skipped(where, f"expected a JSON object, got {_JSON_TYPES.get(type(record))}")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        problem = "missing" if text is None else "empty" if isinstance(text, str) else "not text"
        return Skipped(where, f'"text" is {problem}')
    text = _newlines(text)
    raw_id = record.get("id")
    title = _field(record, "title")
    return Article(
        article_id=default_id if raw_id is None or raw_id == "" else str(raw_id),
        text=text,
        title=" ".join(title.split())[:MAX_TITLE_CHARS] or _title(text.split("\n")),
        source=_field(record, "source"),
        url=_field(record, "url"),
        **_dates(record.get("published")),
        path=where,
    )


def _field(record: dict, key: str) -> str:
    value = record.get(key)
    return value.strip() if isinstance(value, str) else ""


_READERS: dict[str, Callable[[Path, str], Iterator[Article | Skipped]]] = {
    ".txt": _read_text, ".md": _read_text, ".html": _read_html, ".htm": _read_html,
    ".json": _read_json, ".jsonl": _read_jsonl,
}  # fmt: skip
