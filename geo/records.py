"""Typed records between the stages of geo/: an article in, mentions out.

The mentions table (see ``MENTION_COLUMNS``) is the contract with users: its columns and their
names are documented in the README and must not change lightly.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pyarrow as pa

# Where a publication date came from, most trusted first.
PUBLISHED_SOURCES = ("metadata", "dateline", "inferred", "unknown")
# Where a mention's date came from.
DATE_SOURCES = ("event", "published", "unknown")


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
class Mention:
    """One place mention: ``surface == text[start:end]`` of its article, always."""

    article_id: str
    surface: str
    start: int
    end: int
    sentence: str
    place_id: str | None
    name: str | None
    kind: str  # settlement | region | country | other
    role: str  # location | actor
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    confidence: float
    resolution: str  # resolved | ambiguous | unresolved
    candidates: tuple[str, ...] = field(default=())  # "place_id name (confidence)"
    date: dt.date | None = None
    date_source: str = "unknown"


MENTION_COLUMNS = (
    "article_id", "title", "source", "url", "published", "published_source", "surface", "start",
    "end", "sentence", "place_id", "name", "kind", "role", "country", "admin1", "lat", "lon",
    "confidence", "resolution", "candidates", "date", "date_source",
)  # fmt: skip
CRS = "EPSG:4326"  # the table's points: WGS84 longitude/latitude
ARTICLE_COLUMNS = ("article_id", "title", "source", "url", "published", "published_source")
_NUMBERS = {"start": pa.int64(), "end": pa.int64(), "lat": pa.float64(), "lon": pa.float64(),
            "confidence": pa.float64()}
# The table in Arrow: every column a string but the numbers. RESULT_SCHEMA: the columns that one
# article's extraction gives (the rest are the article's own, the same on each of its rows).
SCHEMA = pa.schema([(name, _NUMBERS.get(name, pa.string())) for name in MENTION_COLUMNS])
RESULT_SCHEMA = pa.schema([field for field in SCHEMA if field.name not in ARTICLE_COLUMNS])
