"""Articles -> the mentions table: every place mention, resolved and dated.

    >>> from geo import mentions
    >>> table = mentions(["seeds/"])          # a GeoDataFrame in EPSG:4326

Stages, one module each: ``ingest`` (files -> articles), ``dates`` (publication and event dates),
``recognise`` (text -> name spans), ``disambiguate`` (spans -> places, per article), and here the
assembly into rows with the documented columns (``records.MENTION_COLUMNS``).
"""

from __future__ import annotations

import datetime as dt
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa

from gazetteer import Gazetteer, Resolution

from . import dates
from .disambiguate import CANDIDATES_PER_SPAN, Resolved, resolve_spans
from .ingest import read_articles
from .recognise import Recogniser
from .records import MENTION_COLUMNS, Article, Mention, Skipped
from .sentences import Sentences

CRS = "EPSG:4326"
ANSWER_CACHE_SIZE = 100_000


@dataclass
class RunSummary:
    """What a run read, skipped and found: printed at the end, and kept for reports."""

    articles: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    mentions: int = 0
    resolved: int = 0
    ambiguous: int = 0
    unresolved_names: Counter = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        share = f"{100 * self.resolved / self.mentions:.0f}%" if self.mentions else "-"
        out = [f"articles read: {self.articles}, skipped: {len(self.skipped)}",
               f"mentions: {self.mentions} (resolved {share}, ambiguous {self.ambiguous}, "
               f"unresolved {sum(self.unresolved_names.values())})"]
        if self.unresolved_names:
            names = ", ".join(f"{name} ({count})"
                              for name, count in self.unresolved_names.most_common(20))
            out.append(f"unresolved names: {names}")
        out += [f"skipped {s.path}: {s.reason}" for s in self.skipped]
        out += [f"warning: {w}" for w in self.warnings]
        return out

    def exit_code(self, strict: bool = False) -> int:
        """0: every input was processed; 3: some were skipped (1 with ``strict``); 1: none
        could be processed."""
        if not self.articles:
            return 1
        if self.skipped:
            return 1 if strict else 3
        return 0

    def as_json(self, exit_code: int) -> dict:
        """The run report (``--report FILE``)."""
        return {
            "articles_read": self.articles,
            "skipped": [{"path": s.path, "reason": s.reason} for s in self.skipped],
            "mentions": self.mentions,
            "resolved": self.resolved,
            "ambiguous": self.ambiguous,
            "unresolved": dict(self.unresolved_names.most_common()),
            "warnings": self.warnings,
            "exit_code": exit_code,
        }


class Extractor:
    """Holds what is built once per run (gazetteer, automaton) and turns articles into rows."""

    def __init__(self, gazetteer: Gazetteer | None = None, reference: dt.date | None = None):
        self.gazetteer = gazetteer or Gazetteer.load()
        self.reference = reference or dt.date.today()
        self._answers: dict[str, Resolution] = {}  # gazetteer answers: names recur across articles
        self.recogniser = Recogniser(self.gazetteer, self._lookup)

    def _lookup(self, query: str) -> Resolution:
        answer = self._answers.get(query)
        if answer is None:
            if len(self._answers) >= ANSWER_CACHE_SIZE:
                self._answers.clear()
            answer = self._answers[query] = self.gazetteer.resolve(query,
                                                                   limit=CANDIDATES_PER_SPAN)
        return answer

    def article_mentions(self, article: Article) -> tuple[dt.date | None, str, list[Mention]]:
        published, published_source = dates.publication_date(
            article.text, article.published, self.reference)
        sentences = Sentences(article.text)
        spans = self.recogniser.spans(article.text)
        out, dated = [], {}  # per sentence, its text and date, found once however many names
        for item in resolve_spans(article.text, spans, self.gazetteer, self._lookup):
            bounds = sentences.around(item.span.start)
            if bounds not in dated:
                sentence = article.text[bounds[0]:bounds[1]]
                dated[bounds] = (sentence, *dates.event_date(sentence, published))
            sentence, date, date_source = dated[bounds]
            out.append(_mention(article.article_id, item, sentence, date, date_source))
        return published, published_source, out


def _mention(article_id: str, item: Resolved, sentence: str, date, date_source) -> Mention:
    span, best = item.span, item.best
    placed = best is not None and item.resolution != "unresolved"
    kind = best.place.kind if best else ("settlement" if span.settlement_hint else "other")
    shown = item.candidates[1:] if placed else item.candidates
    return Mention(
        article_id=article_id, surface=span.surface, start=span.start, end=span.end,
        sentence=sentence,
        place_id=best.place.place_id if placed else None,
        name=best.place.name if placed else None,
        kind=kind, role=item.role,
        country=best.place.country if placed else None,
        admin1=(best.place.admin1 or None) if placed else None,
        lat=round(best.place.lat, 5) if placed else None,
        lon=round(best.place.lon, 5) if placed else None,
        confidence=best.confidence if placed else 0.0,
        resolution=item.resolution,
        candidates=tuple(f"{c.place.place_id} {c.place.name} ({c.confidence:.2f})"
                         for c in shown[:5]),
        date=date, date_source=date_source,
    )


_ARTICLE_COLUMNS = ("article_id", "title", "source", "url", "published", "published_source")
_MENTION_ONLY = tuple(c for c in MENTION_COLUMNS if c not in _ARTICLE_COLUMNS)


class MentionColumns:
    """The table accumulated column by column and packed into Arrow arrays every
    ``CHUNK_ROWS`` rows: Python objects exist only for the rows not yet packed, so hundreds of
    thousands of mentions stay compact (Arrow strings, no per-row dicts)."""

    CHUNK_ROWS = 5_000

    def __init__(self):
        self.pending: dict[str, list] = {name: [] for name in MENTION_COLUMNS}
        self.chunks: dict[str, list[pa.Array]] = {name: [] for name in MENTION_COLUMNS}

    def add(self, article: Article, published: dt.date | None, published_source: str,
            found: list[Mention]) -> None:
        meta = (article.article_id, article.title, article.source, article.url,
                published.isoformat() if published else None, published_source)
        for name, value in zip(_ARTICLE_COLUMNS, meta, strict=True):
            self.pending[name].extend([value] * len(found))
        for name in _MENTION_ONLY:
            values = [getattr(m, name) for m in found]
            if name == "candidates":
                values = ["; ".join(v) for v in values]
            elif name == "date":
                values = [v.isoformat() if v else None for v in values]
            self.pending[name].extend(values)
        if len(self.pending["article_id"]) >= self.CHUNK_ROWS:
            self._pack()

    def _pack(self) -> None:
        for name, values in self.pending.items():
            self.chunks[name].append(pa.array(values, type=_ARROW_TYPES.get(name, pa.string())))
            self.pending[name] = []

    def frame(self) -> gpd.GeoDataFrame:
        self._pack()
        data = {}
        for name in MENTION_COLUMNS:
            column = pa.chunked_array(self.chunks.pop(name),
                                      type=_ARROW_TYPES.get(name, pa.string()))
            if name in _ARROW_TYPES:  # numbers: plain numpy (NaN for a missing lat/lon)
                data[name] = column.to_numpy().astype(float if name in _FLOATS else np.int64)
            else:
                data[name] = pd.Series(pd.arrays.ArrowStringArray(column))
        self.chunks = {name: [] for name in MENTION_COLUMNS}
        lat, lon = data["lat"], data["lon"]
        geometry = gpd.points_from_xy(lon, lat, crs=CRS)
        geometry[np.isnan(lat)] = None
        return gpd.GeoDataFrame(data, geometry=geometry, crs=CRS)


_FLOATS = {"lat", "lon", "confidence"}
_ARROW_TYPES = {"start": pa.int64(), "end": pa.int64(), "lat": pa.float64(),
                "lon": pa.float64(), "confidence": pa.float64()}


def mentions(paths: Iterable[str | Path], gazetteer: Gazetteer | None = None,
             reference: dt.date | None = None, summary: RunSummary | None = None,
             progress: Callable[[int], None] | None = None) -> gpd.GeoDataFrame:
    """Every place mention in the articles under ``paths``, one row each (EPSG:4326).

    ``reference`` is "today" for dating (nothing is dated after it); ``summary`` collects what
    was read and skipped; ``progress`` is called with 1 per input handled.
    """
    extractor = Extractor(gazetteer, reference)
    summary = summary if summary is not None else RunSummary()
    table = MentionColumns()
    for item in read_articles(paths):
        if isinstance(item, Skipped):
            summary.skipped.append(item)
        else:
            summary.articles += 1
            published, published_source, found = extractor.article_mentions(item)
            table.add(item, published, published_source, found)
            ignored = item.published_raw or (item.published if published_source != "metadata"
                                             else None)
            if ignored:
                summary.warnings.append(f"{item.path or item.article_id}: metadata date "
                                        f"{ignored} ignored (impossible or in the future)")
            _count(summary, found)
        if progress:
            progress(1)
    return table.frame()


def _count(summary: RunSummary, found: list[Mention]) -> None:
    for mention in found:
        summary.mentions += 1
        if mention.resolution == "resolved":
            summary.resolved += 1
        elif mention.resolution == "ambiguous":
            summary.ambiguous += 1
        else:
            summary.unresolved_names[mention.surface] += 1


def print_summary(summary: RunSummary) -> None:
    for line in summary.lines():
        print(f"frontline: {line}", file=sys.stderr)
