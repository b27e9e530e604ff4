"""The mention record, defined once: every other shape of a row is derived from it.

A row of the mentions table is the article's columns (``ArticleColumns``) followed by one
mention's (``Mention``). The Arrow schema the pipeline streams and stores, the exported column
order and the GeoDataFrame users get are all made from these two dataclasses, so a column is
added or renamed in one place. The table is the contract with users: the README documents its
columns (``tests/e2e/test_docs.py`` checks them) and they must not change lightly.

A row ends with the front-line check's columns (``FrontlineColumns``): empty as the pipeline
assembles the table, filled over the whole table when a front-line reference is given
(``geo.classify.frontline_check``), never per article, so the store's results do not depend on
the reference.

The values a column can take are enums (``StrEnum``: each member *is* its string, so it goes
into Arrow, JSON and CSV as the plain value). The map's JavaScript gets the same values from
``enums_for_js``.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
import pyarrow as pa

from gazetteer import Kind

if TYPE_CHECKING:
    import geopandas as gpd

CRS = "EPSG:4326"  # the table's points: WGS84 longitude/latitude


class Role(StrEnum):
    LOCATION = "location"
    ACTOR = "actor"  # a capital standing for its government ("Moscow said")


class ResolutionStatus(StrEnum):
    RESOLVED = "resolved"
    AMBIGUOUS = "ambiguous"  # the best place is kept, the close rivals are in ``candidates``
    UNRESOLVED = "unresolved"  # no geometry; the candidates, if any, are listed


class PublishedSource(StrEnum):
    """Where a publication date came from, most trusted first."""

    METADATA = "metadata"  # a header line, HTML metadata, a JSON field
    URL = "url"  # a date in the article's URL (/2025/11/04/, /20251124/, a Unix timestamp)
    DATELINE = "dateline"  # a date stamp near the top of the text
    INFERRED = "inferred"  # the latest date the text mentions that is not background
    CORPUS = "corpus"  # the year (or the day) from the run's other articles on the same places
    UNKNOWN = "unknown"


class DateSource(StrEnum):
    """Where a mention's date came from."""

    EVENT = "event"  # the sentence's own date
    PUBLISHED = "published"  # the article's publication date
    UNKNOWN = "unknown"


class Event(StrEnum):
    """What the report says happened at the place (definitions as in the dev set's README):
    ``capture``: a side took, liberated, occupied or established full control of the whole
    place; ``withdrawal``: a side withdrew or retreated from it; ``denial``: a side or official
    denies a capture; ``fighting``: assaults, battles, advances toward, entering, "most of";
    ``strike``: shelling, missile, drone, glide-bomb or air strike hitting it; ``humanitarian``:
    evacuation, civilian harm not from a strike in the text, aid. No event: only mentioned."""

    CAPTURE = "capture"
    WITHDRAWAL = "withdrawal"
    DENIAL = "denial"
    FIGHTING = "fighting"
    STRIKE = "strike"
    HUMANITARIAN = "humanitarian"


class Side(StrEnum):
    """The side that captured, withdrew, attacked or struck (for a denial: the side said to
    have captured)."""

    RU = "RU"
    UA = "UA"


class Claimant(StrEnum):
    """Who says so."""

    RU_OFFICIAL = "RU_official"  # MoD, Kremlin, Russian-installed officials, commanders
    UA_OFFICIAL = "UA_official"  # General Staff, Syrskyi, Zelensky, units, administrations
    THIRD_PARTY = "third_party"  # ISW, DeepState, foreign officials, analysts
    OUTLET = "outlet"  # the outlet's own voice


class FrontlineCheck(StrEnum):
    """A capture or withdrawal claim against a dated front-line reference: does the place pass
    to the side the claim says (inside the controlled area for Russia, outside it for Ukraine)
    within ``frontline_check.WINDOW_DAYS`` of the claim?"""

    CONFIRMED = "confirmed"  # on that side in a snapshot from the claim's day to 14 days later
    NOT_CONFIRMED = "not_confirmed"  # still not, 14 days later
    ALREADY = "already"  # on that side already in the snapshot in effect the day before
    NO_DATA = "no_data"  # the reference does not cover the claim's dates (or its country)


PUBLISHED_SOURCES = tuple(PublishedSource)
DATE_SOURCES = tuple(DateSource)


@dataclass(frozen=True)
class Article:
    """One article as read from disk: text plus whatever metadata came with it.

    ``published`` is only what the input's metadata said (a header line, HTML metadata, a JSON
    field); the dates stage decides the final publication date.
    """

    article_id: str
    text: str
    title: str = ""
    source: str = ""
    url: str = ""
    published: dt.date | None = None
    path: str = ""  # file it came from ("file.jsonl:12" for a JSONL line)
    published_raw: str = ""  # a metadata date as written when it is no real date (2025-13-45)


@dataclass(frozen=True)
class Skipped:
    """An input that could not be read, and why (reported, never silently dropped)."""

    path: str
    reason: str


@dataclass(frozen=True)
class ArticleColumns:
    """The article's columns of every one of its rows."""

    article_id: str
    title: str
    source: str  # the outlet (``geo.read.outlets``): metadata, the URL's domain, bylines
    outlet_country: str  # its home country, ISO 3166 alpha-2; empty when unknown
    url: str
    published: dt.date | None
    published_source: PublishedSource


class Mention(NamedTuple):
    """One place mention: ``surface == text[start:end]`` of its article, always. A named tuple,
    immutable like a frozen dataclass, several times faster to make. A table's rows are the
    same tuples bar two cells (``result_batch``)."""

    surface: str
    start: int
    end: int
    sentence: str
    place_id: str | None
    name: str | None
    kind: Kind
    role: Role
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    confidence: float
    resolution: ResolutionStatus
    candidates: tuple[str, ...] = ()  # "place_id name (confidence)"
    date: dt.date | None = None
    date_source: DateSource = DateSource.UNKNOWN
    event: Event | None = None  # None: the place is only mentioned
    event_side: Side | None = None
    claimant: Claimant | None = None


@dataclass(frozen=True)
class FrontlineColumns:
    """The front-line check's columns of a row (``geo.classify.frontline_check``); empty without
    a reference."""

    frontline_check: FrontlineCheck | None = None  # claims of capture or withdrawal only
    frontline_date: dt.date | None = None  # the snapshot the check (or the distance) rests on
    km_to_front: float | None = None  # signed distance to the area's edge, negative inside


def _arrow_type(hint) -> pa.DataType:
    """Numbers stay numbers (a missing float is null); everything else is a string column:
    enums by value, dates in ISO form, tuples joined with "; "."""
    options = set(typing.get_args(hint)) - {type(None)} if isinstance(
        hint, types.UnionType) else {hint}
    if options == {int}:
        return pa.int64()
    if options == {float}:
        return pa.float64()
    return pa.string()


def _schema(record) -> pa.Schema:
    """A record's columns in the order of its fields (a dataclass's or a named tuple's)."""
    return pa.schema([(name, _arrow_type(hint))
                      for name, hint in typing.get_type_hints(record).items()])


ARTICLE_SCHEMA = _schema(ArticleColumns)
RESULT_SCHEMA = _schema(Mention)  # what one article's extraction gives, per row
FRONTLINE_SCHEMA = _schema(FrontlineColumns)  # filled over the table (front-line reference)
SCHEMA = pa.schema([*ARTICLE_SCHEMA, *RESULT_SCHEMA, *FRONTLINE_SCHEMA])  # the whole table
ARTICLE_COLUMNS = tuple(ARTICLE_SCHEMA.names)
MENTION_COLUMNS = tuple(SCHEMA.names)


_ROW_TYPE = pa.struct(list(RESULT_SCHEMA))


def result_batch(rows: list[tuple]) -> pa.RecordBatch:
    """One article's mentions as an Arrow record batch of ``RESULT_SCHEMA``, from row tuples in
    its order whose cells are as Arrow takes them (``Mention``'s, with the candidates joined by
    "; " and the date in ISO form). Built as one struct array: one conversion into Arrow per
    article, not one per column (this runs for every article)."""
    return pa.RecordBatch.from_struct_array(pa.array(rows, type=_ROW_TYPE))


def frame_of(table: pa.Table | pa.RecordBatch) -> gpd.GeoDataFrame:
    """Arrow rows of ``SCHEMA`` -> the mentions GeoDataFrame (EPSG:4326; NaN lat/lon and no
    geometry for an unplaced mention). geopandas is imported here, not at the top: a run that
    streams Arrow batches to GeoJSON or Parquet never needs it (it is slow to import)."""
    import geopandas as gpd
    import pandas as pd

    data = {}
    for name, kind in zip(SCHEMA.names, SCHEMA.types, strict=True):
        column = table.column(name)
        if kind == pa.string():
            data[name] = pd.Series(pd.arrays.ArrowStringArray(column))
        else:  # numbers: plain numpy (NaN for a missing lat/lon)
            data[name] = np.asarray(column.to_numpy(zero_copy_only=False),
                                    dtype=float if kind == pa.float64() else np.int64)
    lat, lon = data["lat"], data["lon"]
    geometry = gpd.points_from_xy(lon, lat, crs=CRS)
    geometry[np.isnan(lat)] = None
    return gpd.GeoDataFrame(data, geometry=geometry, crs=CRS)


def enums_for_js() -> dict[str, dict[str, str]]:
    """The enums' values by member name, for the map's JavaScript (no bare strings there)."""
    return {enum.__name__: {member.name: member.value for member in enum}
            for enum in (Kind, Role, ResolutionStatus, PublishedSource, DateSource, Event, Side,
                         Claimant, FrontlineCheck)}
