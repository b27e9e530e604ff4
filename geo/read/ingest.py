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

The stage in three modules: here, walking and dispatch; ``decoding`` (bytes -> text);
``formats`` (text -> articles, per file type).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from geo.errors import InputError
from geo.read import formats
from geo.read.decoding import decode
from geo.read.formats import (
    MAX_FILE_BYTES,
    READERS,
    SUPPORTED_SUFFIXES,
    file_size,
    os_reason,
    stream_jsonl,
)
from geo.schema import Article, Skipped

__all__ = ["MAX_FILE_BYTES", "SUPPORTED_SUFFIXES", "read_articles"]


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
        yield Skipped(str(folder), f"cannot read folder: {os_reason(error)}")
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
            yield Skipped(str(path), f"cannot read: {os_reason(error)}")
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
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        kind = f"'{path.suffix}'" if path.suffix else "(no suffix)"
        yield Skipped(
            str(path), f"unsupported file type {kind}; supported: {', '.join(SUPPORTED_SUFFIXES)}"
        )
        return
    if path.suffix.lower() == ".jsonl" and file_size(path) > formats.MAX_FILE_BYTES:
        yield from stream_jsonl(path)  # a big JSONL file is read line by line, UTF-8 only
        return
    try:
        text = decode(_load(path))
    except InputError as error:
        yield Skipped(str(path), str(error))
        return
    yield from reader(path, text)


def _load(path: Path) -> bytes:
    """The file's bytes, after checking it is a regular file within the size limit."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise InputError("not a regular file")
        limit = formats.MAX_FILE_BYTES
        if info.st_size > limit:
            raise InputError(f"file too large: {info.st_size:,} bytes, over the limit of "
                             f"{limit:,} bytes ({limit / 2**20:g} MiB, MAX_FILE_BYTES)")
        return path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read: {os_reason(error)}") from error
