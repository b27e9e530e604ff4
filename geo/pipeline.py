"""Articles -> the mentions table: every place mention, resolved and dated.

    >>> from geo import mentions
    >>> table = mentions(["seeds/"])          # a GeoDataFrame in EPSG:4326

Stages, one module each: ``ingest`` (files -> articles), ``dates`` (publication and event dates),
``recognise`` (text -> name spans), ``disambiguate`` (spans -> places, per article), ``extract``
(one article's work), ``engines`` (where that work runs), ``store`` (results kept for the next
run), and here the assembly into rows with the documented columns (``records.MENTION_COLUMNS``),
streamed as Arrow record batches so that a run of any size needs the same memory.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa

from gazetteer import Gazetteer

from .engines import open_engine
from .extract import ArticleResult, Extractor
from .ingest import read_articles
from .records import ARTICLE_COLUMNS, CRS, RESULT_SCHEMA, SCHEMA, Article, Skipped
from .store import Entry, MentionStore, article_key, context_of

if TYPE_CHECKING:
    import geopandas as gpd


@dataclass
class RunSummary:
    """What a run read, skipped and found: printed at the end, and kept for reports."""

    articles: int = 0
    reused: int = 0  # articles whose result came from the store
    skipped: list[Skipped] = field(default_factory=list)
    mentions: int = 0
    resolved: int = 0
    ambiguous: int = 0
    unresolved_names: Counter = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        share = f"{100 * self.resolved / self.mentions:.0f}%" if self.mentions else "-"
        stored = f" ({self.reused} from the store)" if self.reused else ""
        out = [f"articles read: {self.articles}{stored}, skipped: {len(self.skipped)}",
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
            "articles_from_store": self.reused,
            "skipped": [{"path": s.path, "reason": s.reason} for s in self.skipped],
            "mentions": self.mentions,
            "resolved": self.resolved,
            "ambiguous": self.ambiguous,
            "unresolved": dict(self.unresolved_names.most_common()),
            "warnings": self.warnings,
            "exit_code": exit_code,
        }


BATCH_ARTICLES = 32  # articles per unit of work sent to an engine


class MentionColumns:
    """The table handed out as Arrow record batches of about ``CHUNK_ROWS`` rows, so a run of
    any size streams through in constant memory. Each article's rows arrive as Arrow already
    (``ArticleResult.rows``): here they are only concatenated, and the article's own columns
    (id, title, outlet...), kept once per article, are repeated by Arrow."""

    CHUNK_ROWS = 20_000

    def __init__(self):
        self._reset()
        self.ready: list[pa.RecordBatch] = []

    def _reset(self) -> None:
        self.rows = 0
        self.articles: list[tuple] = []  # per article: its ARTICLE_COLUMNS values
        self.counts: list[int] = []  # per article: its number of mentions
        self.results: list[pa.RecordBatch] = []

    def add(self, article: Article, result: ArticleResult) -> None:
        self.articles.append((article.article_id, article.title, article.source, article.url,
                              result.published, result.published_source))
        self.counts.append(len(result))
        self.results.append(result.rows)
        self.rows += len(result)
        if self.rows >= self.CHUNK_ROWS:
            self._pack()

    def _pack(self) -> None:
        if not self.rows:
            return
        rows_of = pa.array(np.repeat(np.arange(len(self.counts)), self.counts))
        columns = {}
        for number, name in enumerate(ARTICLE_COLUMNS):
            per_article = pa.array([meta[number] for meta in self.articles], pa.string())
            columns[name] = per_article.take(rows_of)
        found = pa.concat_batches(self.results)
        for name in RESULT_SCHEMA.names:
            columns[name] = found.column(name)
        self.ready.append(pa.record_batch([columns[name] for name in SCHEMA.names],
                                          schema=SCHEMA))
        self._reset()

    def take(self, final: bool = False) -> list[pa.RecordBatch]:
        """The batches packed so far (with ``final``, the rows still pending too)."""
        if final:
            self._pack()
        out, self.ready = self.ready, []
        return out


def frame_of(table: pa.Table | pa.RecordBatch) -> gpd.GeoDataFrame:
    """Arrow rows of ``SCHEMA`` -> the mentions GeoDataFrame (EPSG:4326; NaN lat/lon and no
    geometry for an unplaced mention). geopandas is imported here, not at the top: a run that
    streams Arrow batches to GeoJSON or Parquet never needs it (half a second of start-up)."""
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


def open_store(path: str | Path, gazetteer: Gazetteer) -> MentionStore:
    """The incremental store at ``path``, for this gazetteer and this code."""
    return MentionStore(path, context_of(gazetteer.fingerprint))


def mention_batches(paths: Iterable[str | Path], gazetteer: Gazetteer | None = None,
                    reference: dt.date | None = None, summary: RunSummary | None = None,
                    progress: Callable[[int], None] | None = None, jobs: int = 1,
                    engine: str = "local", scheduler: str | None = None,
                    store: MentionStore | str | Path | None = None,
                    ) -> Iterator[pa.RecordBatch]:
    """Every place mention in the articles under ``paths``, as Arrow record batches of
    ``SCHEMA`` in input order: the same rows whatever the engine, the jobs or the store.

    ``reference`` is "today" for dating (nothing is dated after it); ``summary`` collects what
    was read and skipped; ``progress`` is called with 1 per input handled; ``jobs``, ``engine``
    and ``scheduler`` choose where the work runs (``engines``); ``store`` (a ``MentionStore`` or
    a path) keeps each article's result for the next run and reuses what it holds.
    """
    extractor = Extractor(gazetteer, reference)
    summary = summary if summary is not None else RunSummary()
    progress = progress or (lambda _: None)
    owned = store is not None and not isinstance(store, MentionStore)
    store = open_store(store, extractor.gazetteer) if owned else store
    table = MentionColumns()
    waiting: deque = deque()  # per batch sent to the engine: articles, keys, stored results

    def work() -> Iterator[list[Article]]:
        for batch in _article_batches(read_articles(paths), summary, progress):
            keys, reused = _stored(batch, store, extractor)
            waiting.append((batch, keys, reused))
            yield [article for number, article in enumerate(batch) if number not in reused]

    try:
        with open_engine(extractor, jobs, engine, scheduler) as runner:
            for computed in runner.ordered(work()):
                batch, keys, reused = waiting.popleft()
                fresh = iter(computed)
                new_entries = []
                for number, article in enumerate(batch):
                    packed = reused.get(number)
                    summary.reused += packed is not None
                    if packed is None:
                        packed = next(fresh)
                    result = ArticleResult.unpack(packed)
                    if store is not None and number not in reused:
                        new_entries.append((keys[number], Entry(
                            extractor.reference.isoformat(), result.published,
                            result.published_source, packed)))
                    table.add(article, result)
                    _account(summary, article, result)
                    progress(1)
                if store is not None:
                    store.put_many(new_entries)
                yield from table.take()
        yield from table.take(final=True)
    finally:
        if owned:
            store.close()


def _article_batches(items: Iterable[Article | Skipped], summary: RunSummary,
                     progress: Callable[[int], None]) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for item in items:
        if isinstance(item, Skipped):
            summary.skipped.append(item)
            progress(1)
            continue
        batch.append(item)
        if len(batch) >= BATCH_ARTICLES:
            yield batch
            batch = []
    if batch:
        yield batch


def _key(article: Article) -> bytes:
    return article_key(article.text, article.published.isoformat() if article.published
                       else None)


def _stored(batch: list[Article], store: MentionStore | None,
            extractor: Extractor) -> tuple[list[bytes], dict[int, bytes]]:
    """The batch's store keys, and the (packed) results the store holds that this run can
    reuse."""
    if store is None:
        return [], {}
    keys = [_key(article) for article in batch]
    entries = store.get_many(keys)
    reused = {}
    for number, (article, key) in enumerate(zip(batch, keys, strict=True)):
        entry = entries.get(key)
        if entry is not None and _same_dating(entry, article, extractor):
            reused[number] = entry.packed
    return keys, reused


def _same_dating(entry: Entry, article: Article, extractor: Extractor) -> bool:
    """An entry made under another run date holds when the publication date comes out the
    same under this one: event dates are counted from the publication date, not the run
    date."""
    if entry.reference == extractor.reference.isoformat():
        return True
    published, source = extractor.publication_date(article)
    return (published.isoformat() if published else None, source) == (
        entry.published, entry.published_source)


def mentions(paths: Iterable[str | Path], gazetteer: Gazetteer | None = None,
             reference: dt.date | None = None, summary: RunSummary | None = None,
             progress: Callable[[int], None] | None = None, **run) -> gpd.GeoDataFrame:
    """Every place mention in the articles under ``paths``, one row each (EPSG:4326).

    The arguments are those of ``mention_batches`` (``jobs``, ``engine``, ``scheduler`` and
    ``store`` go in ``run``); the whole table is built in memory, which the command line avoids
    by streaming the batches to its output.
    """
    batches = list(mention_batches(paths, gazetteer, reference, summary, progress, **run))
    return frame_of(pa.Table.from_batches(batches, schema=SCHEMA))


def _account(summary: RunSummary, article: Article, result: ArticleResult) -> None:
    summary.articles += 1
    ignored = article.published_raw or (article.published
                                        if result.published_source != "metadata" else None)
    if ignored:
        summary.warnings.append(f"{article.path or article.article_id}: metadata date "
                                f"{ignored} ignored (impossible or in the future)")
    summary.mentions += len(result)
    resolutions = result.rows.column("resolution").to_pylist()
    summary.resolved += resolutions.count("resolved")
    summary.ambiguous += resolutions.count("ambiguous")
    if "unresolved" in resolutions:
        surfaces = result.rows.column("surface").to_pylist()
        summary.unresolved_names.update(surface for surface, resolution
                                        in zip(surfaces, resolutions, strict=True)
                                        if resolution == "unresolved")


def print_summary(summary: RunSummary) -> None:
    for line in summary.lines():
        print(f"frontline: {line}", file=sys.stderr)
