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
from shapely.geometry import Point

from gazetteer import Gazetteer

from . import dates
from .disambiguate import Resolved, resolve_spans
from .ingest import read_articles
from .recognise import Recogniser
from .records import MENTION_COLUMNS, Article, Mention, Skipped
from .sentences import Sentences

CRS = "EPSG:4326"


@dataclass
class RunSummary:
    """What a run read, skipped and found: printed at the end, and kept for reports."""

    articles: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    mentions: int = 0
    resolved: int = 0
    ambiguous: int = 0
    unresolved_names: Counter = field(default_factory=Counter)

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
        return out


class Extractor:
    """Holds what is built once per run (gazetteer, automaton) and turns articles into rows."""

    def __init__(self, gazetteer: Gazetteer | None = None, reference: dt.date | None = None):
        self.gazetteer = gazetteer or Gazetteer.load()
        self.recogniser = Recogniser(self.gazetteer)
        self.reference = reference or dt.date.today()

    def article_mentions(self, article: Article) -> tuple[dt.date | None, str, list[Mention]]:
        published, published_source = dates.publication_date(
            article.text, article.published, self.reference)
        sentences = Sentences(article.text)
        spans = self.recogniser.spans(article.text)
        out = []
        for item in resolve_spans(article.text, spans, self.gazetteer):
            sentence = sentences.sentence(item.span.start)
            date, date_source = dates.event_date(sentence, published)
            out.append(_mention(article.article_id, item, sentence, date, date_source))
        return published, published_source, out

    def rows(self, article: Article) -> list[dict]:
        published, published_source, found = self.article_mentions(article)
        meta = {"article_id": article.article_id, "title": article.title,
                "source": article.source, "url": article.url,
                "published": published.isoformat() if published else None,
                "published_source": published_source}
        return [_row(meta, mention) for mention in found]


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


def _row(meta: dict, mention: Mention) -> dict:
    row = dict(meta)
    for column in MENTION_COLUMNS:
        if column in row:
            continue
        value = getattr(mention, column)
        if column == "candidates":
            value = "; ".join(value)
        elif column == "date":
            value = value.isoformat() if value else None
        row[column] = value
    return row


def to_frame(rows: list[dict]) -> gpd.GeoDataFrame:
    geometry = [Point(r["lon"], r["lat"]) if r["lat"] is not None else None for r in rows]
    frame = gpd.GeoDataFrame(rows, columns=list(MENTION_COLUMNS), geometry=geometry, crs=CRS)
    return frame


def mentions(paths: Iterable[str | Path], gazetteer: Gazetteer | None = None,
             reference: dt.date | None = None, summary: RunSummary | None = None,
             progress: Callable[[int], None] | None = None) -> gpd.GeoDataFrame:
    """Every place mention in the articles under ``paths``, one row each (EPSG:4326).

    ``reference`` is "today" for dating (nothing is dated after it); ``summary`` collects what
    was read and skipped; ``progress`` is called with 1 per input handled.
    """
    extractor = Extractor(gazetteer, reference)
    summary = summary if summary is not None else RunSummary()
    rows: list[dict] = []
    for item in read_articles(paths):
        if isinstance(item, Skipped):
            summary.skipped.append(item)
        else:
            summary.articles += 1
            found = extractor.rows(item)
            rows += found
            _count(summary, found)
        if progress:
            progress(1)
    return to_frame(rows)


def _count(summary: RunSummary, rows: list[dict]) -> None:
    for row in rows:
        summary.mentions += 1
        if row["resolution"] == "resolved":
            summary.resolved += 1
        elif row["resolution"] == "ambiguous":
            summary.ambiguous += 1
        else:
            summary.unresolved_names[row["surface"]] += 1


def print_summary(summary: RunSummary) -> None:
    for line in summary.lines():
        print(f"frontline: {line}", file=sys.stderr)
