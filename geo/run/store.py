"""The incremental store: every article's extraction result, kept by content hash, so a re-run
over a grown corpus works only on the new or changed articles and gives the same table.

Where it lives: ``--store PATH``; else ``$FRONTLINE_STORE``; else ``mentions-store.sqlite`` in
the cache folder (``$FRONTLINE_CACHE_DIR``, else ``~/.cache/frontline`` on Linux). It is a cache:
safe to delete, and ``--no-cache`` runs without it.

What an entry is keyed by: a SHA-256 of the article's text, its metadata date and the date its
URL carries (``dates.url_date``), the only inputs the extraction reads (title, outlet and URL are
copied from the article, never stored), so a syndicated copy under another id is worked out
once. An entry holds what the article alone gives: a date the run's other articles lend it
(``corpus``) is worked out again by every run, never stored. What an entry holds is only valid
for one *context*, and opening the store under another context empties it (the table is made
anew, so a store of an older layout is replaced too). The context is a hash of everything that
decides a result, with no list for anyone to keep up to date:

- every file of the installed ``gazetteer`` and ``geo`` packages, code and data alike (a ranking
  weight, a stop-word, a curated alias, a regex);
- the versions of Python and of every runtime dependency frontline declares (rapidfuzz,
  pyahocorasick, the pymorphy3 dictionaries, the GeoNames packages...);
- the gazetteer's fingerprint (its index data version and the user supplement);
- this store's format.

So it never serves results that an upgrade, an edit or a ``frontline place add`` would change.

The run date (``--today``) is the one input that is not in the key: it only matters through the
publication date it lets the dates stage infer. An entry records the publication date it was
made with; under another run date it is reused when that date comes out the same (see
``pipeline``), so a daily re-run does not start from scratch.

SQLite, because it is in the standard library, takes one writer and many lookups by key, and
survives an interrupted run with what was committed (each batch is one transaction).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import platform
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from gazetteer import cache_dir
from geo.errors import StoreError
from geo.read.dates import url_date
from geo.schema import Article

FORMAT = 5  # the table's layout and the packing of results
FILE_NAME = "mentions-store.sqlite"
DISTRIBUTION = "frontline-mapper"
PACKAGES = ("gazetteer", "geo")


@dataclass(frozen=True)
class Entry:
    """One article's stored result: the run date and publication date it was made with, and
    the packed ``extract.ArticleResult``."""

    reference: str
    published: str | None
    published_source: str
    packed: bytes


def default_path() -> Path:
    if os.environ.get("FRONTLINE_STORE"):
        return Path(os.environ["FRONTLINE_STORE"])
    return cache_dir() / FILE_NAME


def article_key(text: str, metadata_date: str | None, url_day: str | None = None) -> bytes:
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass"))
    digest.update(b"\0" + (metadata_date or "").encode())
    digest.update(b"\0" + (url_day or "").encode())
    return digest.digest()


def context_of(gazetteer_fingerprint: str, code: str | None = None,
               dependencies: str | None = None) -> str:
    """The store context of a run with this gazetteer (see the module docstring); ``code`` and
    ``dependencies`` default to this installation's ``code_fingerprint()`` and
    ``dependency_versions()``."""
    digest = hashlib.sha256(f"{FORMAT};{gazetteer_fingerprint};".encode())
    digest.update((code or code_fingerprint()).encode())
    digest.update((dependencies or dependency_versions()).encode())
    return digest.hexdigest()[:24]


def package_roots() -> tuple[Path, ...]:
    """The folders of the installed ``gazetteer`` and ``geo`` packages."""
    return tuple(Path(str(files(package))) for package in PACKAGES)


def fingerprinted_files(roots: tuple[Path, ...]) -> list[tuple[str, Path]]:
    """Every file under ``roots`` (compiled caches and hidden files aside), by relative name."""
    out = []
    for root in roots:
        for path in sorted(root.rglob("*")):
            parts = path.relative_to(root).parts
            if path.is_file() and "__pycache__" not in parts and not any(
                    part.startswith(".") for part in parts):
                out.append((f"{root.name}/{'/'.join(parts)}", path))
    return out


def code_fingerprint() -> str:
    """A hash of every file of the installed packages, code and data, by name and content (a
    few milliseconds: done once per run)."""
    digest = hashlib.sha256()
    for name, path in fingerprinted_files(package_roots()):
        digest.update(f"{name}\0".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def dependency_versions(version: Callable[[str], str] | None = None) -> str:
    """Python's version and each declared runtime dependency's installed version, one
    ``name=version`` per line (``missing`` when not installed)."""
    version = version or importlib.metadata.version
    lines = [f"python={platform.python_version()}"]
    for name in _runtime_dependencies():
        try:
            lines.append(f"{name}={version(name)}")
        except importlib.metadata.PackageNotFoundError:
            lines.append(f"{name}=missing")
    return "\n".join(lines)


@lru_cache(maxsize=1)
def _runtime_dependencies() -> tuple[str, ...]:
    """The distributions frontline requires to run (its extras, such as Dask or the test
    tools, decide no result)."""
    try:
        requirements = importlib.metadata.requires(DISTRIBUTION) or []
    except importlib.metadata.PackageNotFoundError:  # run from a source tree, not installed
        return ()
    names = [re.split(r"[\s<>=!~;\[(]", line, maxsplit=1)[0] for line in requirements
             if "extra ==" not in line]
    return tuple(sorted(set(names)))


class MentionStore:
    """Lookups and inserts by article key, for one context."""

    def __init__(self, path: str | Path, context: str):
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # autocommit, transactions by hand; another run writing waits its turn (60 s)
            self.db = sqlite3.connect(self.path, isolation_level=None, timeout=60)
            self._prepare(context)
        except (OSError, sqlite3.Error) as error:
            raise StoreError(f"cannot use the store {self.path}: {error}") from error

    def _prepare(self, context: str) -> None:
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT)")
        row = self.db.execute("SELECT value FROM meta WHERE name = 'context'").fetchone()
        if row is None or row[0] != context:  # another context, maybe another layout: anew
            with self._transaction():
                self.db.execute("DROP TABLE IF EXISTS articles")
                self.db.execute("INSERT OR REPLACE INTO meta VALUES ('context', ?)", (context,))
        self.db.execute("CREATE TABLE IF NOT EXISTS articles (key BLOB PRIMARY KEY, "
                        "reference TEXT, published TEXT, published_source TEXT, packed BLOB) "
                        "WITHOUT ROWID")

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def get_many(self, keys: list[bytes]) -> dict[bytes, Entry]:
        found = {}
        try:
            for first in range(0, len(keys), 500):
                part = keys[first:first + 500]
                marks = ",".join("?" * len(part))
                for key, *values in self.db.execute(
                        f"SELECT key, reference, published, published_source, packed "
                        f"FROM articles WHERE key IN ({marks})", part):
                    found[key] = Entry(*values)
        except sqlite3.Error as error:
            raise StoreError(f"cannot read the store {self.path}: {error}") from error
        return found

    def put_many(self, entries: Iterable[tuple[bytes, Entry]]) -> None:
        rows = [(key, e.reference, e.published, e.published_source, e.packed)
                for key, e in entries]
        if not rows:
            return
        try:
            with self._transaction():
                self.db.executemany("INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?, ?)",
                                    rows)
        except sqlite3.Error as error:
            raise StoreError(f"cannot write the store {self.path}: {error}") from error

    def close(self) -> None:
        self.db.close()


# -- what a run may reuse ------------------------------------------------------------------------
def key_of(article: Article) -> bytes:
    from_url = url_date(article.url)
    return article_key(article.text, article.published.isoformat() if article.published
                       else None, from_url.isoformat() if from_url else None)


def reusable(batch: list[Article], store: MentionStore | None, reference: str,
             publication_date: Callable[[Article], tuple]) -> tuple[list[bytes], dict[int, bytes]]:
    """The batch's store keys, and the (packed) results the store holds that this run can
    reuse: an entry made under another run date (``reference``) holds when the publication
    date comes out the same under this one, since event dates are counted from the publication
    date, not the run date."""
    if store is None:
        return [], {}
    keys = [key_of(article) for article in batch]
    entries = store.get_many(keys)
    reused = {}
    for number, (article, key) in enumerate(zip(batch, keys, strict=True)):
        entry = entries.get(key)
        if entry is None:
            continue
        if entry.reference != reference:
            published, source = publication_date(article)
            if (published.isoformat() if published else None, source) != (
                    entry.published, entry.published_source):
                continue
        reused[number] = entry.packed
    return keys, reused
