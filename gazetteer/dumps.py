"""Reading the GeoNames dump files a user downloads (https://download.geonames.org/export/dump/).

Two layouts, told apart by their number of tab-separated columns:

- the ``geoname`` table (19 columns): a country file (``UA.zip``, ``UA.txt``),
  ``allCountries.zip``, ``cities500.zip``/``cities1000.zip``. Kept: feature class P (populated
  places, all codes; ``PPLH``, ``PPLQ``, ``PPLW`` and ``PPLX`` are marked for the build to
  treat with care) and feature class A codes ADM1/ADM2 (oblasts and raions), of the chosen
  countries;
- the ``alternateNames`` table (10 columns in ``alternateNamesV2``, 8 in the older layout):
  ``alternateNamesV2.zip`` or a country's file under ``alternatenames/``. Kept: names of places
  already kept, in Latin or Cyrillic script, with their language and historic flag; codes
  (postal, IATA, links, Wikidata ids...) are not names.

Files are streamed: pyarrow's CSV reader parses blocks of a few megabytes in C++, the rows are
filtered block by block (feature class, country, known ids) and only the kept rows become
Python objects, so allCountries (1.5 GB unzipped) is read in constant memory. A zip is read
member by member, decompressed as it is read. A line with the wrong number of columns, or a
kept row whose id or coordinates are not numbers, is counted as malformed and skipped.
"""

from __future__ import annotations

import hashlib
import logging
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from .common import FrontlineError
from .normalize import is_code, is_latin_or_cyrillic

GEONAME_COLUMNS = (
    "geonameid", "name", "asciiname", "alternatenames", "latitude", "longitude",
    "feature_class", "feature_code", "country_code", "cc2", "admin1_code", "admin2_code",
    "admin3_code", "admin4_code", "population", "elevation", "dem", "timezone",
    "modification_date",
)  # fmt: skip
ALTERNATE_COLUMNS = (
    "alternatenameid", "geonameid", "isolanguage", "alternate_name", "is_preferred_name",
    "is_short_name", "is_colloquial", "is_historic", "from", "to",
)  # fmt: skip
GEONAMES, ALTERNATES = "geonames", "alternate names"
LAYOUTS = {len(GEONAME_COLUMNS): GEONAMES, len(ALTERNATE_COLUMNS): ALTERNATES, 8: ALTERNATES}
ADMIN_CODES = ("ADM1", "ADM2")
# alternateNames "languages" that are not languages: the entries are codes or links, not names
NOT_LANGUAGES = ("post", "link", "iata", "icao", "faac", "tcid", "unlc", "abbr", "wkdt", "phon",
                 "piny", "fr_1793")
# members of the zips that are documentation, not data
NOT_DATA = ("readme.txt", "iso-languagecodes.txt")
BLOCK_BYTES = 1 << 20

log = logging.getLogger(__name__)


class DumpError(FrontlineError, ValueError):
    """A file that is not a GeoNames dump frontline can read."""


@dataclass(frozen=True)
class PlaceRow:
    geonameid: int
    name: str
    lat: float
    lon: float
    feature_class: str
    feature_code: str
    country: str
    admin1: str
    admin2: str
    population: int
    alternates: tuple[str, ...]


@dataclass(frozen=True)
class NameRow:
    geonameid: int
    name: str
    language: str
    historic: bool
    colloquial: bool


@dataclass
class Tally:
    """What reading one file came to: lines read, rows kept, lines skipped as malformed, and a
    digest of its bytes (the import's version is made of these, so the same files imported
    again give the same version)."""

    lines: int = 0
    kept: int = 0
    malformed: int = 0
    digest: str = ""
    _hash: hashlib.blake2b = field(default_factory=lambda: hashlib.blake2b(digest_size=16),
                                   repr=False)


@dataclass(frozen=True)
class DumpPart:
    """One table of a dump: a plain .txt file, or one member of a zip; ``width``: its number
    of columns."""

    path: Path
    member: str | None
    layout: str
    width: int

    @property
    def columns(self) -> tuple[str, ...]:
        return GEONAME_COLUMNS if self.layout == GEONAMES else ALTERNATE_COLUMNS[:self.width]

    @property
    def label(self) -> str:
        return f"{self.path.name}:{self.member}" if self.member else self.path.name


def parts_of(path: str | Path) -> list[DumpPart]:
    """The GeoNames tables in a file, each with its layout. Raises DumpError for anything else."""
    path = Path(path)
    if not path.is_file():
        raise DumpError(f"{path}: no such file")
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.namelist() if m.lower().endswith(".txt")
                       and Path(m).name.lower() not in NOT_DATA]
        parts = [DumpPart(path, member, *_layout(path, member)) for member in members]
    else:
        parts = [DumpPart(path, None, *_layout(path, None))]
    if not parts:
        raise DumpError(f"{path}: no GeoNames table in this zip")
    return parts


def _layout(path: Path, member: str | None) -> tuple[str, int]:
    with _opened(path, member) as handle:
        for _ in range(20):  # the first full line decides; an empty or broken one is skipped
            line = handle.readline()
            if not line:
                break
            width = line.rstrip(b"\r\n").count(b"\t") + 1
            if width in LAYOUTS:
                return LAYOUTS[width], width
    where = f"{path.name}:{member}" if member else path.name
    raise DumpError(f"{where}: not a GeoNames table (expected {len(GEONAME_COLUMNS)} "
                    f"tab-separated columns, or {len(ALTERNATE_COLUMNS)} for alternate names)")


@contextmanager
def _opened(path: Path, member: str | None) -> Iterator[BinaryIO]:
    if member is None:
        with open(path, "rb") as handle:
            yield handle
    else:
        with zipfile.ZipFile(path) as archive, archive.open(member) as handle:
            yield handle


class _Hashing:
    """A binary file that hashes what is read from it (pyarrow reads it in large blocks)."""

    def __init__(self, handle: BinaryIO, tally: Tally):
        self.handle, self.tally = handle, tally
        self.closed = False

    def read(self, size: int = -1) -> bytes:
        data = self.handle.read(size)
        self.tally._hash.update(data)
        return data

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        self.closed = True


def _batches(part: DumpPart, wanted: list[str], tally: Tally):
    """The part's rows as record batches of ``wanted`` string columns; lines with the wrong
    number of columns are counted as malformed and skipped."""
    import pyarrow as pa
    from pyarrow import csv

    def skip(row) -> str:
        tally.lines += 1
        tally.malformed += 1
        if tally.malformed <= 3:
            log.debug("%s: malformed line %s skipped", part.label, row.number)
        return "skip"

    with _opened(part.path, part.member) as raw:
        hashing = _Hashing(raw, tally)
        reader = csv.open_csv(
            hashing,
            read_options=csv.ReadOptions(column_names=list(part.columns), block_size=BLOCK_BYTES),
            parse_options=csv.ParseOptions(delimiter="\t", quote_char=False, escape_char=False,
                                           invalid_row_handler=skip),
            convert_options=csv.ConvertOptions(
                column_types=dict.fromkeys(wanted, pa.string()), include_columns=wanted,
                strings_can_be_null=False, quoted_strings_can_be_null=False))
        for batch in reader:
            tally.lines += batch.num_rows
            yield batch
        while hashing.read(BLOCK_BYTES):  # the digest covers the whole file
            pass
    tally.digest = tally._hash.hexdigest()


def read_places(part: DumpPart, countries: frozenset[str] | None,
                tally: Tally) -> Iterator[list[PlaceRow]]:
    """The kept places of a ``geoname`` table, a list per block: feature class P, and ADM1/ADM2,
    in ``countries`` (None: every country)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    wanted = ["geonameid", "name", "alternatenames", "latitude", "longitude", "feature_class",
              "feature_code", "country_code", "admin1_code", "admin2_code", "population"]
    country_set = pa.array(sorted(countries)) if countries is not None else None
    for batch in _batches(part, wanted, tally):
        feature_class = batch.column("feature_class")
        mask = pc.or_(pc.equal(feature_class, "P"), pc.and_(
            pc.equal(feature_class, "A"),
            pc.is_in(batch.column("feature_code"), value_set=pa.array(ADMIN_CODES))))
        if country_set is not None:
            mask = pc.and_(mask, pc.is_in(batch.column("country_code"), value_set=country_set))
        kept = batch.filter(mask)
        rows = []
        for values in zip(*(kept.column(name).to_pylist() for name in wanted), strict=True):
            row = _place_row(*values)
            if row is None:
                tally.malformed += 1
                continue
            rows.append(row)
        tally.kept += len(rows)
        if rows:
            yield rows


def _place_row(geonameid, name, alternatenames, lat, lon, feature_class, feature_code,
               country, admin1, admin2, population) -> PlaceRow | None:
    try:
        row_id, lat, lon = int(geonameid), float(lat), float(lon)
        population = int(population or 0)
    except ValueError:
        return None
    if not name.strip() or not (-90 <= lat <= 90 and -180 <= lon <= 180) or row_id <= 0:
        return None
    alternates = tuple(a for a in alternatenames.split(",") if _is_name(a))
    return PlaceRow(row_id, name.strip(), lat, lon, feature_class, feature_code, country,
                    admin1, admin2, max(population, 0), alternates)


def read_names(part: DumpPart, known_ids, tally: Tally) -> Iterator[list[NameRow]]:
    """The kept names of an ``alternateNames`` table, a list per block: names of places whose
    geonameid is in ``known_ids`` (a sorted numpy int64 array), in Latin or Cyrillic script,
    languages that are codes or links left out."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    wanted = ["geonameid", "isolanguage", "alternate_name", "is_colloquial", "is_historic"]
    not_languages = pa.array(NOT_LANGUAGES)
    for batch in _batches(part, wanted, tally):
        ids = batch.column("geonameid")
        numeric = pc.match_substring_regex(ids, r"^[0-9]{1,18}$")
        tally.malformed += len(ids) - (pc.sum(numeric).as_py() or 0)
        batch = batch.filter(numeric)
        if not batch.num_rows:
            continue
        as_ints = pc.cast(batch.column("geonameid"), pa.int64()).to_numpy()
        slots = np.searchsorted(known_ids, as_ints)
        found = np.zeros(len(as_ints), dtype=bool)
        inside = slots < len(known_ids)
        found[inside] = known_ids[slots[inside]] == as_ints[inside]
        mask = pc.and_(pa.array(found),
                       pc.invert(pc.is_in(batch.column("isolanguage"), value_set=not_languages)))
        kept = batch.filter(mask)
        rows = [NameRow(int(gid), name.strip(), language, historic == "1", colloquial == "1")
                for gid, language, name, colloquial, historic in zip(
                    *(kept.column(n).to_pylist() for n in wanted), strict=True)
                if _is_name(name.strip())]
        tally.kept += len(rows)
        if rows:
            yield rows


def _is_name(text: str) -> bool:
    """A name the index can use: Latin or Cyrillic script, not a code (KRQ)."""
    return bool(text) and is_latin_or_cyrillic(text) and not is_code(text)
