"""Where the per-article work runs: this process, a pool of local processes (``--jobs N``), or a
Dask distributed cluster (``--engine dask [--scheduler ADDRESS]``).

Every engine maps ``extract_batch`` over batches of articles and hands the results back in
input order, with a bounded number of batches in flight: the table comes out the same whatever
runs it, and memory does not grow with the corpus (a pool's ``imap`` would read the whole corpus
ahead into its queue).

A worker builds its own ``Extractor`` once and keeps it for the run. It loads the gazetteer of
the installed frontline with the run's user-supplement rows (sent along, since a worker on
another machine has other files) and refuses to work if its gazetteer's fingerprint is not the
run's: a cluster with another frontline version would otherwise give another table silently.
"""

from __future__ import annotations

import datetime as dt
import gc
import multiprocessing
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from geo.errors import EngineError
from geo.run.extract import ArticleResult, Extractor
from geo.run.store import context_of
from geo.schema import Article

ENGINES = ("local", "dask")
IN_FLIGHT_PER_WORKER = 4


@dataclass(frozen=True)
class Setup:
    """What a worker needs to build the run's extractor."""

    reference: dt.date
    supplement_rows: tuple
    fingerprint: str  # the run's store context: its gazetteer, code and dependencies


_extractors: dict[Setup, Extractor] = {}  # per worker process: built once per run set-up


def extract_batch(setup: Setup, articles: list[Article]) -> list[bytes]:
    """The work of one batch in a worker: each article's ``ArticleResult``, packed."""
    extractor = _extractors.get(setup)
    if extractor is None:
        extractor = _extractors[setup] = _build(setup)
    return [extractor.article_result(article).pack() for article in articles]


def _build(setup: Setup) -> Extractor:
    from gazetteer import Gazetteer

    gazetteer = Gazetteer.load(supplement=[dict(row) for row in setup.supplement_rows])
    fingerprint = context_of(gazetteer.fingerprint)
    if fingerprint != setup.fingerprint:
        raise EngineError(
            f"this worker's frontline (fingerprint {fingerprint}) is not the run's "
            f"({setup.fingerprint}): install the same frontline version, and the same GeoNames "
            "import (`frontline gazetteer import`), on every worker")
    return Extractor(gazetteer, setup.reference)


def setup_for(extractor: Extractor) -> Setup:
    rows = tuple(tuple(sorted(row.items())) for row in extractor.gazetteer.supplement_rows)
    return Setup(extractor.reference, rows, context_of(extractor.gazetteer.fingerprint))


class Engine:
    """Runs ``extract_batch`` over batches; ``ordered`` yields each batch's results, in input
    order (unpacked here from what the workers send)."""

    workers = 1

    def __init__(self, extractor: Extractor):
        self.setup = setup_for(extractor)

    def ordered(self, batches: Iterable[list[Article]]) -> Iterator[list[ArticleResult]]:
        in_flight: deque = deque()
        window = self.workers * IN_FLIGHT_PER_WORKER
        for batch in batches:
            in_flight.append(self._submit(batch))
            if len(in_flight) >= window:
                yield self._result(in_flight.popleft())
        while in_flight:
            yield self._result(in_flight.popleft())

    def _submit(self, batch: list[Article]):
        raise NotImplementedError

    def _result(self, future) -> list[ArticleResult]:
        return [ArticleResult.unpack(packed) for packed in future.result()]

    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class SerialEngine(Engine):
    """This process, with the run's own extractor: no copies, no start-up, and nothing packed
    (a result is packed only if the store keeps it)."""

    def __init__(self, extractor: Extractor):
        super().__init__(extractor)
        self.extractor = extractor

    def ordered(self, batches):
        for batch in batches:
            yield [self.extractor.article_result(article) for article in batch]


class ProcessEngine(Engine):
    """``jobs`` local processes. Where the platform can fork, the workers start as copies of
    this process with the gazetteer already loaded (no second load, pages shared until
    written); elsewhere each worker loads it once. ``gc.freeze`` keeps the collector in the
    workers from walking, and so copying, every inherited object."""

    def __init__(self, extractor: Extractor, jobs: int):
        super().__init__(extractor)
        self.workers = jobs
        self.forked = "fork" in multiprocessing.get_all_start_methods()
        if self.forked:
            _extractors[self.setup] = extractor  # inherited by the forked workers
            gc.freeze()
        context = multiprocessing.get_context("fork" if self.forked else "spawn")
        self.pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context,
                                        initializer=_leave_interrupts_to_the_parent)

    def _submit(self, batch):
        return self.pool.submit(extract_batch, self.setup, batch)

    def close(self) -> None:
        self.pool.shutdown(cancel_futures=True)
        _extractors.pop(self.setup, None)
        if self.forked:
            gc.unfreeze()


def _leave_interrupts_to_the_parent() -> None:
    """Ctrl-C reaches every process of the terminal's group: the workers ignore it and the
    parent, which owns the output, stops the pool and reports once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class DaskEngine(Engine):
    """A Dask distributed cluster: the one at ``scheduler`` (``tcp://host:8786``), or else a
    ``LocalCluster`` of ``jobs`` worker processes started for this run."""

    def __init__(self, extractor: Extractor, jobs: int, scheduler: str | None = None):
        super().__init__(extractor)
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError as error:
            raise EngineError("--engine dask needs Dask: pip install "
                              "'frontline-mapper[dask]'") from error
        self.cluster = None
        try:
            if scheduler:
                self.client = Client(scheduler, timeout="20s")
            else:
                self.cluster = LocalCluster(n_workers=jobs, threads_per_worker=1,
                                            processes=True, dashboard_address=None)
                self.client = Client(self.cluster)
        except OSError as error:
            raise EngineError(f"cannot reach the Dask scheduler {scheduler}: {error}") from error
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})))

    def _submit(self, batch):
        return self.client.submit(extract_batch, self.setup, batch, pure=False)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def open_engine(extractor: Extractor, jobs: int = 1, engine: str = "local",
                scheduler: str | None = None) -> Engine:
    if engine == "dask":
        return DaskEngine(extractor, jobs, scheduler)
    if engine != "local":
        raise EngineError(f"unknown engine {engine!r}: one of {', '.join(ENGINES)}")
    if scheduler:
        raise EngineError("--scheduler needs --engine dask")
    return SerialEngine(extractor) if jobs <= 1 else ProcessEngine(extractor, jobs)

