"""Articles -> the mentions table: every place mention, resolved and dated.

    >>> from geo import mentions
    >>> table = mentions(["seeds/"])          # a GeoDataFrame in EPSG:4326

The one place where the run is put together: articles are read (``geo.read``) in batches; the
store (``store``) gives back what an earlier run already worked out; the engine (``engines``)
runs ``extract`` (the per-article stages: ``geo.find``, ``geo.classify``, dates) on the rest;
``assemble`` turns the results into record batches of ``schema.SCHEMA``, streamed in input
order so that a run of any size needs the same memory; ``summary`` counts what happened.

Articles that do not date themselves are dated from the run's other articles on the same places
(``corpus``): from the first such article on, results wait in a temporary file until the whole
run has been read, then leave in input order, those articles re-dated. The store only ever holds
what an article alone gives.
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa

from gazetteer import Gazetteer
from geo.read.ingest import read_articles
from geo.run.assemble import MentionColumns
from geo.run.corpus import CorpusDates, Held
from geo.run.engines import open_engine
from geo.run.extract import ArticleResult, Extractor
from geo.run.store import Entry, MentionStore, context_of, reusable
from geo.run.summary import RunSummary, account
from geo.schema import SCHEMA, Article, Skipped, frame_of

if TYPE_CHECKING:
    import geopandas as gpd

    from geo.classify.frontline_check import Frontline

BATCH_ARTICLES = 32  # articles per unit of work sent to an engine


def open_store(path: str | Path, gazetteer: Gazetteer) -> MentionStore:
    """The incremental store at ``path``, for this gazetteer and this code."""
    return MentionStore(path, context_of(gazetteer.fingerprint))


def mention_batches(paths: Iterable[str | Path], gazetteer: Gazetteer | None = None,
                    reference: dt.date | None = None, summary: RunSummary | None = None,
                    progress: Callable[[int], None] | None = None, jobs: int = 1,
                    engine: str = "local", scheduler: str | None = None,
                    store: MentionStore | str | Path | None = None, online=None,
                    frontline: Frontline | None = None) -> Iterator[pa.RecordBatch]:
    """Every place mention in the articles under ``paths``, as Arrow record batches of
    ``SCHEMA`` in input order: the same rows whatever the engine, the jobs or the store.

    ``reference`` is "today" for dating (nothing is dated after it); ``summary`` collects what
    was read and skipped; ``progress`` is called with 1 per input handled; ``jobs``, ``engine``
    and ``scheduler`` choose where the work runs (``engines``); ``store`` (a ``MentionStore`` or
    a path) keeps each article's result for the next run and reuses what it holds;
    ``frontline`` (a prepared reference, ``geo.classify.frontline_check``) fills the front-line
    columns of each batch as it leaves (empty without one).

    ``online`` (True, or a geocoder) asks the online geocoder about unknown names in a place
    context (``geo.find.online``). Its answers change the gazetteer as the run goes, and the
    service takes one request per second from one place: such a run works in this process
    (``jobs`` and ``engine`` are not used) and without the store (an earlier result would
    hide a name the service should be asked about).
    """
    if online:
        jobs, engine, store = 1, "local", None
    extractor = Extractor(gazetteer, reference, online)
    summary = summary if summary is not None else RunSummary()
    progress = progress or (lambda _: None)
    owned = store is not None and not isinstance(store, MentionStore)
    store = open_store(store, extractor.gazetteer) if owned else store
    table = MentionColumns()
    waiting: deque = deque()  # per batch sent to the engine: articles, keys, stored results
    reference_day = extractor.reference.isoformat()
    corpus = CorpusDates(extractor.gazetteer)
    held: Held | None = None  # from the first article the corpus may date, all wait in order

    if frontline is not None:
        from geo.classify.frontline_check import check_batch

    def ready(final: bool = False) -> list[pa.RecordBatch]:
        batches = table.take(final)
        return batches if frontline is None else [check_batch(b, frontline) for b in batches]

    def work() -> Iterator[list[Article]]:
        for batch in _article_batches(read_articles(paths), summary, progress):
            keys, reused = reusable(batch, store, reference_day, extractor.publication_date)
            waiting.append((batch, keys, reused))
            yield [article for number, article in enumerate(batch) if number not in reused]

    try:
        with open_engine(extractor, jobs, engine, scheduler) as runner:
            for computed in runner.ordered(work()):
                batch, keys, reused = waiting.popleft()
                fresh = iter(computed)
                new_entries = []
                for number, article in enumerate(batch):
                    stored = reused.get(number)
                    summary.reused += stored is not None
                    result = next(fresh) if stored is None else ArticleResult.unpack(stored)
                    if store is not None and stored is None:
                        new_entries.append((keys[number], Entry(
                            reference_day, result.published, result.published_source,
                            result.pack())))
                    account(summary, article, result)
                    places = corpus.places(result)
                    corpus.add(result, places)
                    if held is None and corpus.wants(result, places):
                        held = Held()
                    if held is not None:
                        held.add(article, result, places)
                    else:
                        table.add(article, result)
                    progress(1)
                if store is not None:
                    store.put_many(new_entries)
                yield from ready()
        for article, result, places in held or ():
            if corpus.wants(result, places):
                result = corpus.dated(article, result, places, extractor)
            table.add(article, result)
            yield from ready()
        yield from ready(final=True)
    finally:
        if held is not None:
            held.close()
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


def mentions(paths: Iterable[str | Path], gazetteer: Gazetteer | None = None,
             reference: dt.date | None = None, summary: RunSummary | None = None,
             progress: Callable[[int], None] | None = None, **run) -> gpd.GeoDataFrame:
    """Every place mention in the articles under ``paths``, one row each (EPSG:4326).

    The arguments are those of ``mention_batches`` (``jobs``, ``engine``, ``scheduler`` and
    ``store`` go in ``run``, and ``frontline``: a ``Frontline``, or a path or frame of
    ``geo.read_frontline`` to check against); the whole table is built in memory, which the
    command line avoids by streaming the batches to its output.
    """
    if run.get("frontline") is not None:
        from geo.classify.frontline_check import Frontline

        run["frontline"] = Frontline.of(run["frontline"])
    batches = list(mention_batches(paths, gazetteer, reference, summary, progress, **run))
    return frame_of(pa.Table.from_batches(batches, schema=SCHEMA))
