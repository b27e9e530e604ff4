"""The user's GeoNames import: `frontline gazetteer import` reads dump files (``dumps``) into one
SQLite table in the user data folder, and the index build merges it with the embedded data.

Where: ``$FRONTLINE_DATA_DIR/geonames-import.sqlite``, else the platform data folder. Tables:

- ``places``: one row per geonameid (a later file's row replaces an earlier one's), the
  feature class and code kept so the build can treat sections (PPLX) and historical,
  abandoned and destroyed places (PPLH, PPLQ, PPLW) with care;
- ``names``: (geonameid, name) -> language, historic and colloquial flags; the names of a place's
  own row (no language) and of an alternateNames file;
- ``sources``: every file imported, when, with what options, and what came of it;
- ``meta``: the table's format and the import's *version*: a hash of the files' contents and the
  options, in the order imported. The index cache and the mentions store are keyed by it (through
  ``sources.data_version``), so an import, a re-import of other files or a removal is never
  answered from a cache made without it, while the same files imported again give the same key.

Each import is written to a copy of the table that replaces it only when complete
(``common.atomic_path``): an interrupted import leaves the previous one as it was. No import, no
file: the embedded gazetteer alone, at no cost.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import shutil
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from . import dumps
from .common import FrontlineError, atomic_path, data_dir

FORMAT = 1
FILE_NAME = "geonames-import.sqlite"
DEFAULT_COUNTRIES = ("UA", "RU", "BY", "MD")

log = logging.getLogger(__name__)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS sources (id INTEGER PRIMARY KEY, file TEXT, path TEXT, bytes INTEGER,
    digest TEXT, layout TEXT, countries TEXT, imported TEXT, lines INTEGER, kept INTEGER,
    malformed INTEGER);
CREATE TABLE IF NOT EXISTS places (geonameid INTEGER PRIMARY KEY, name TEXT, lat REAL, lon REAL,
    feature_class TEXT, feature_code TEXT, country TEXT, admin1 TEXT, admin2 TEXT,
    population INTEGER, source INTEGER);
CREATE TABLE IF NOT EXISTS names (geonameid INTEGER, name TEXT, language TEXT,
    historic INTEGER, colloquial INTEGER, source INTEGER,
    PRIMARY KEY (geonameid, name)) WITHOUT ROWID;
"""


class GazetteerImportError(FrontlineError, ValueError):
    """An import that cannot be done (no such file, not a GeoNames table, an unusable folder)."""


@dataclass(frozen=True)
class Source:
    """One imported table (a file, or a member of a zip) and what came of it."""

    file: str
    path: str
    bytes: int
    layout: str
    countries: str
    imported: str
    lines: int
    kept: int
    malformed: int


@dataclass(frozen=True)
class Status:
    path: Path
    bytes: int
    version: str
    sources: list[Source]
    places: dict[str, int]  # feature code -> count
    names: int

    @property
    def total_places(self) -> int:
        return sum(self.places.values())


@dataclass(frozen=True)
class ImportedPlace:
    """A place of the import with its names: (name, language, historic)."""

    geonameid: int
    name: str
    lat: float
    lon: float
    feature_code: str
    country: str
    admin1: str
    population: int
    names: tuple[tuple[str, str, bool], ...]


def import_path() -> Path:
    return data_dir() / FILE_NAME


def version(path: Path | None = None) -> str:
    """The current import's version; "" when there is none (one ``stat`` then)."""
    path = path or import_path()
    if not path.exists():
        return ""
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
            row = db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
    except sqlite3.Error as error:
        raise _unreadable(path, error) from error
    return row[0] if row else ""


def _unreadable(path: Path, error: sqlite3.Error) -> GazetteerImportError:
    """A corrupt or unreadable import: the error names the remedy."""
    return GazetteerImportError(
        f"cannot read the GeoNames import {path} ({error}): remove it with `frontline gazetteer "
        "remove`, then import the GeoNames files again")


def import_files(paths: Iterable[str | Path], countries: Iterable[str] | None = DEFAULT_COUNTRIES,
                 *, path: Path | None = None) -> list[Source]:
    """Add the GeoNames tables in ``paths`` to the import; returns what each came to.

    ``countries``: ISO alpha-2 codes whose places are kept (None: every country). Places tables
    are read before alternate-names tables, whatever the order given, so one command can import
    a country file and its alternate names."""
    path = path or import_path()
    wanted = None if countries is None else frozenset(c.strip().upper() for c in countries)
    try:
        parts = [part for file in paths for part in dumps.parts_of(file)]
    except dumps.DumpError as error:
        raise GazetteerImportError(str(error)) from error
    parts.sort(key=lambda part: part.layout != dumps.GEONAMES)
    done = []
    try:
        with atomic_path(path) as temporary:
            if path.exists():
                shutil.copyfile(path, temporary)
            with closing(sqlite3.connect(temporary, isolation_level=None)) as db:
                db.execute("PRAGMA journal_mode=OFF")  # the copy is thrown away on failure
                db.execute("PRAGMA synchronous=OFF")
                db.executescript(_SCHEMA)
                _check_format(db, path)
                for part in parts:
                    done.append(_import_part(db, part, wanted))
                db.execute("INSERT OR REPLACE INTO meta VALUES ('format', ?)", (str(FORMAT),))
                db.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)",
                           (_version_of(db),))
    except (OSError, sqlite3.Error) as error:
        raise GazetteerImportError(f"cannot write the GeoNames import {path}: {error}") from error
    return done


def _check_format(db: sqlite3.Connection, path: Path) -> None:
    row = db.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
    if row is not None and row[0] != str(FORMAT):
        raise GazetteerImportError(
            f"{path} is an import of another frontline version (format {row[0]}): "
            "`frontline gazetteer remove`, then import again")


def _import_part(db: sqlite3.Connection, part: dumps.DumpPart,
                 countries: frozenset[str] | None) -> Source:
    tally = dumps.Tally()
    db.execute("BEGIN")
    source_id = db.execute("SELECT coalesce(max(id), 0) + 1 FROM sources").fetchone()[0]
    if part.layout == dumps.GEONAMES:
        for rows in dumps.read_places(part, countries, tally):
            db.executemany("INSERT OR REPLACE INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)", [
                (r.geonameid, r.name, r.lat, r.lon, r.feature_class, r.feature_code, r.country,
                 r.admin1, r.admin2, r.population, source_id) for r in rows])
            db.executemany("INSERT OR IGNORE INTO names VALUES (?,?,'',0,0,?)", [
                (r.geonameid, name, source_id) for r in rows for name in r.alternates])
        chosen = ",".join(sorted(countries)) if countries is not None else "all"
    else:
        known = _known_ids(db)
        if not len(known):
            log.warning("%s: no imported places yet, so no alternate names to keep: import a "
                        "country file (UA.zip) first, or in the same command", part.label)
        for rows in dumps.read_names(part, known, tally):
            db.executemany("INSERT OR REPLACE INTO names VALUES (?,?,?,?,?,?)", [
                (r.geonameid, r.name, r.language, int(r.historic), int(r.colloquial), source_id)
                for r in rows])
        chosen = ""
    # the same table imported again replaces its earlier entry, so the version stays the same
    db.execute("DELETE FROM sources WHERE digest = ? AND countries = ?", (tally.digest, chosen))
    source = Source(part.label, str(part.path.resolve()), part.path.stat().st_size, part.layout,
                    chosen, dt.datetime.now().isoformat(timespec="seconds"), tally.lines,
                    tally.kept, tally.malformed)
    db.execute("INSERT INTO sources VALUES (?,?,?,?,?,?,?,?,?,?,?)", (
        source_id, source.file, source.path, source.bytes, tally.digest, source.layout,
        source.countries, source.imported, source.lines, source.kept, source.malformed))
    db.execute("COMMIT")
    log.debug("%s: %s lines, %s %s kept, %s malformed skipped", part.label, f"{tally.lines:,}",
             f"{tally.kept:,}", "places" if part.layout == dumps.GEONAMES else "names",
             f"{tally.malformed:,}")
    return source


def _known_ids(db: sqlite3.Connection):
    import numpy as np

    ids = np.fromiter((row[0] for row in db.execute(
        "SELECT geonameid FROM places ORDER BY geonameid")), dtype=np.int64)
    return ids


def _version_of(db: sqlite3.Connection) -> str:
    digest = hashlib.sha256(f"format {FORMAT}".encode())
    for layout, countries, content in db.execute(
            "SELECT layout, countries, digest FROM sources ORDER BY id"):
        digest.update(f"\n{layout};{countries};{content}".encode())
    return digest.hexdigest()[:16]


def status(path: Path | None = None) -> Status | None:
    """What the import holds, or None when there is none."""
    path = path or import_path()
    if not path.exists():
        return None
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
            sources = [Source(*row) for row in db.execute(
                "SELECT file, path, bytes, layout, countries, imported, lines, kept, malformed "
                "FROM sources ORDER BY id")]
            places = dict(db.execute(
                "SELECT feature_code, count(*) FROM places GROUP BY feature_code "
                "ORDER BY count(*) DESC, feature_code").fetchall())
            names = db.execute("SELECT count(*) FROM names").fetchone()[0]
    except sqlite3.Error as error:
        raise _unreadable(path, error) from error
    return Status(path, path.stat().st_size, version(path), sources, places, names)


def remove(path: Path | None = None) -> bool:
    """Delete the import; False when there was none."""
    path = path or import_path()
    if not path.exists():
        return False
    path.unlink()
    return True


def imported_places(path: Path | None = None) -> Iterator[ImportedPlace]:
    """Every place of the import with its names, by geonameid (for the index build)."""
    path = path or import_path()
    if not path.exists():
        return
    try:
        yield from _places_of(path)
    except sqlite3.Error as error:
        raise _unreadable(path, error) from error


def _places_of(path: Path) -> Iterator[ImportedPlace]:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        names = db.execute("SELECT geonameid, name, language, historic FROM names "
                           "ORDER BY geonameid, name")
        pending = next(names, None)
        for gid, name, lat, lon, code, country, admin1, population in db.execute(
                "SELECT geonameid, name, lat, lon, feature_code, country, admin1, population "
                "FROM places ORDER BY geonameid"):
            own = []
            while pending is not None and pending[0] <= gid:
                if pending[0] == gid:
                    own.append((pending[1], pending[2], bool(pending[3])))
                pending = next(names, None)
            yield ImportedPlace(gid, name, lat, lon, code, country, admin1, population,
                                tuple(own))
