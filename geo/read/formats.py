"""Text -> articles, one reader per file type: .txt/.md (optional header lines), .html (main
text and metadata through trafilatura), .json/.jsonl (records with ``text``). Each reader takes
the decoded text and yields ``Article`` or ``Skipped`` records; a JSONL file too big to read
whole is streamed a line at a time (``stream_jsonl``).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from geo.errors import InputError
from geo.read.decoding import MAGIC, newlines
from geo.schema import Article, Skipped

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_TITLE_CHARS = 200


def os_reason(error: OSError) -> str:
    return (error.strerror or str(error)).lower()


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
    import trafilatura  # here, not at the top: a fifth of a second that a feed of JSONL never needs

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
    body = newlines(meta.get("text") or "").strip()
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


def file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # let the ordinary reader report why it cannot be read


def stream_jsonl(path: Path) -> Iterator[Article | Skipped]:
    """A JSONL file over MAX_FILE_BYTES, read one line at a time: its size is not limited, only
    each record's. Such a file must be UTF-8 (as JSONL is by definition; smaller files also get
    the legacy-encoding detection); a line that is not is skipped."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise InputError("not a regular file")
        handle = open(path, "rb")  # noqa: SIM115 - closed below, while yielding
    except OSError as error:
        yield Skipped(str(path), f"cannot read: {os_reason(error)}")
        return
    except InputError as error:
        yield Skipped(str(path), str(error))
        return
    with handle:
        head = handle.read(8)
        for magic, kind in MAGIC:
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
    text = newlines(text)
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


READERS: dict[str, Callable[[Path, str], Iterator[Article | Skipped]]] = {
    ".txt": _read_text, ".md": _read_text, ".html": _read_html, ".htm": _read_html,
    ".json": _read_json, ".jsonl": _read_jsonl,
}  # fmt: skip
SUPPORTED_SUFFIXES = tuple(READERS)
