"""The incremental store: every article's extraction result, kept by content hash, so a re-run
over a grown corpus works only on the new or changed articles and gives the same table.

Where it lives: ``--store PATH``; else ``$FRONTLINE_STORE``; else ``mentions-store.sqlite`` in
the cache folder (``$FRONTLINE_CACHE_DIR``, else ``~/.cache/frontline`` on Linux). It is a cache:
safe to delete, and ``--no-cache`` runs without it.

What an entry is keyed by: a SHA-256 of the article's text and its metadata date, the only
inputs the extraction reads (title, outlet and URL are copied from the article, never stored), so
a syndicated copy under another id is worked out once. What an entry holds is only valid for one
*context*: the gazetteer's fingerprint (index data version and user supplement), the code of the
extraction stages, and this store's format. Opening the store under another context empties it
(the table is made anew, so a store of an older layout is replaced too):
it never serves results that an upgrade or a ``frontline place add`` would change.

The run date (``--today``) is the one input that is not in the key: it only matters through the
publication date it lets the dates stage infer. An entry records the publication date it was
made with; under another run date it is reused when that date comes out the same (see
``pipeline``), so a daily re-run does not start from scratch.

SQLite, because it is in the standard library, takes one writer and many lookups by key, and
survives an interrupted run with what was committed (each batch is one transaction).
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from gazetteer.settings import cache_dir

FORMAT = 2  # the table's layout and the packing of results
FILE_NAME = "mentions-store.sqlite"
# The modules whose code decides an article's result or its packing: a change to any of them
# empties the store. The store's own layout is ``FORMAT``.
EXTRACTION_MODULES = ("dates.py", "sentences.py", "recognise.py", "disambiguate.py",
                      "extract.py")


class StoreError(OSError):
    """The store cannot be opened or written (unwritable folder, not an SQLite file...)."""


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


def article_key(text: str, metadata_date: str | None) -> bytes:
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass"))
    digest.update(b"\0" + (metadata_date or "").encode())
    return digest.digest()


def context_of(gazetteer_fingerprint: str) -> str:
    digest = hashlib.sha256(f"{FORMAT};{gazetteer_fingerprint};".encode())
    here = Path(__file__).parent
    for name in EXTRACTION_MODULES:
        digest.update((here / name).read_bytes())
    return digest.hexdigest()[:24]


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
