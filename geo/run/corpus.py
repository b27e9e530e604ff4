"""Publication dates from the run's other articles (rule 4 of the dating rules).

An article whose own metadata, URL and text do not fix the year of its publication ("On November
3", "said on Saturday", no date at all: ``ArticleResult.year_known`` is False) is dated by the
run's other articles that name the same places: reports of a battle cluster in time. Each article
that dates itself adds its publication day to every settlement it places (``CorpusDates.add``;
national capitals aside); an undated article's *anchor* is the weighted median of those days over
its own settlements, a settlement named by fewer of the run's articles weighing more, and only
when most of the weight, and two reports at least, lie within two months of it
(``CorpusDates.anchor``). The dates
stage then puts the article's year-less days in the year nearest the anchor, or takes the anchor
itself when the text has no day (``dates.publication``), and says so: ``published_source`` is
``corpus``. An article that names no settlement dated elsewhere in the run keeps its own reading
(the run date's year).

How it fits a streamed run (``pipeline.mention_batches``): the per-article results stay what
the article alone gives, so the store keeps only those and any engine can work them out. The run
streams its rows in input order until the first article that wants the corpus; from there on,
every article's result waits in a temporary file (``Held``: memory stays flat), and once
the whole run has been read, they are replayed in input order, the ones wanting it re-dated from
the now complete corpus (``dated``: only the dates change, nothing is worked out again). A run
where every article dates itself never holds anything back.
"""

from __future__ import annotations

import datetime as dt
import pickle
import tempfile
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator
from itertools import accumulate
from typing import NamedTuple

import pyarrow as pa

from gazetteer import Gazetteer
from geo.run.extract import ArticleResult, Extractor, redated, rows_of
from geo.schema import RESULT_SCHEMA, Article, Kind, ResolutionStatus, Role

AGREE_DAYS = 60  # how near the median most of the corpus's days must lie to be trusted


class CorpusDates:
    """Per settlement, the publication days of the run's articles that date themselves, and
    how many of the run's articles name it."""

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        self.days: dict[str, Counter] = {}  # place id -> {ordinal of the day: articles}
        self.articles: Counter = Counter()  # place id -> articles of the run that name it
        self._capitals: dict[str, bool] = {}
        self._settled: dict[str, _PlaceDays | None] = {}  # emptied by ``add``

    def places(self, result: ArticleResult) -> set[str]:
        """The settlements an article places (resolved or ambiguous, named as places), national
        capitals aside: they are named as datelines and governments whatever the news."""
        if not len(result):
            return set()
        columns = [result.column(name) for name in ("place_id", "kind", "role", "resolution")]
        return {place for place, kind, role, resolution in zip(*columns, strict=True)
                if place and kind == Kind.SETTLEMENT and role == Role.LOCATION
                and resolution != ResolutionStatus.UNRESOLVED and not self._capital(place)}

    def _capital(self, place_id: str) -> bool:
        known = self._capitals.get(place_id)
        if known is None:
            place = self.gazetteer.place(place_id)
            known = self._capitals[place_id] = bool(
                place and self.gazetteer.is_national_capital(place))
        return known

    def add(self, result: ArticleResult, places: set[str]) -> None:
        """Count an article of the run; one that dates itself lends its day to its places."""
        self._settled.clear()
        self.articles.update(places)
        if not result.year_known or result.published is None:
            return
        day = dt.date.fromisoformat(result.published).toordinal()
        for place in places:
            self.days.setdefault(place, Counter())[day] += 1

    @staticmethod
    def wants(result: ArticleResult, places: set[str]) -> bool:
        """Whether the article may take its date from the corpus."""
        return not result.year_known and bool(places)

    def anchor(self, places: set[str]) -> dt.date | None:
        """The weighted median of the days of the self-dated articles that name these places,
        or None when none do or they do not agree.

        Each place weighs one over the number of the run's articles that name it (a place in
        every report says little), shared among its days. The days agree when more than half
        the weight, and at least two reports, lie within ``AGREE_DAYS`` of the median: reports
        of one battle cluster in time, an archive of years of reports on a city does not, and
        one report alone is no agreement."""
        weights: Counter = Counter()
        for place in sorted(places):
            days = self._days_of(place)
            if days is not None:
                weights.update(days.weights)  # in day order, as the sum below relies on
        if not weights:
            return None
        total, running, median = sum(weights.values()), 0.0, None
        for day in sorted(weights):
            running += weights[day]
            if running >= total / 2 - 1e-12:
                median = day
                break
        near = sum(w for day, w in weights.items() if abs(day - median) <= AGREE_DAYS)
        if near <= total / 2 + 1e-12 or self._reports_near(places, median) < 2:
            return None
        return dt.date.fromordinal(median)

    def _reports_near(self, places: set[str], median: int) -> int:
        """How many reports at least lie within ``AGREE_DAYS`` of the median: the most of one
        place's, or the number of days (reports of two days are two reports)."""
        days, most = set(), 0
        for place in places:
            found = self._days_of(place)
            if found is None:
                continue
            first = bisect_left(found.days, median - AGREE_DAYS)
            last = bisect_right(found.days, median + AGREE_DAYS)
            days.update(found.days[first:last])
            most = max(most, found.reports_before[last] - found.reports_before[first])
        return max(most, len(days))

    def _days_of(self, place: str) -> _PlaceDays | None:
        """The place's days as an anchor reads them (None: no self-dated article names it),
        worked out once while the corpus stands still, as it does while the held-back
        articles are dated: a place of the front is named by thousands of a long run's
        articles, over hundreds of days, and a hundred of its undated articles ask."""
        if place in self._settled:
            return self._settled[place]
        days = self.days.get(place)
        found = None
        if days:
            ordered = sorted(days.items())
            share = 1 / (self.articles[place] * sum(days.values()))
            found = _PlaceDays(
                weights={day: count * share for day, count in ordered},
                days=[day for day, _ in ordered],
                reports_before=list(accumulate((count for _, count in ordered), initial=0)))
        self._settled[place] = found
        return found

    def dated(self, article: Article, result: ArticleResult, places: set[str],
              extractor: Extractor) -> ArticleResult:
        """The result dated from the corpus, or as it was when no other article names its
        places or the corpus changes nothing."""
        anchor = self.anchor(places)
        if anchor is None:
            return result
        publication = extractor.publication(article, anchor)
        found = publication.day.isoformat() if publication.day else None
        if (found, publication.source) == (result.published, result.published_source):
            return result
        return redated(article, result, publication)


class _PlaceDays(NamedTuple):
    """One place's days in the corpus: each day's weight in an anchor (its reports over all
    the place's reports and the run's articles naming it), the days in order, and how many
    reports come before each."""

    weights: dict[int, float]
    days: list[int]
    reports_before: list[int]


class Held:
    """Articles and their results kept back, in order, in a temporary file.

    They are written a chunk of about ``CHUNK_ROWS`` rows at a time: the chunk's rows as one
    LZ4-compressed Arrow stream and its articles as one pickle. A run of the benchmark's size
    holds nearly every article, and a pack and a pickle per article cost several per cent of
    it; per chunk they cost next to nothing, and memory stays flat all the same. Each result is
    kept with its settlements (``CorpusDates.places``), so the replay need not find them
    again."""

    CHUNK_ROWS = 10_000

    def __init__(self):
        self.file = tempfile.TemporaryFile()  # noqa: SIM115 (closed by ``close``)
        self.chunks = 0
        self.pending: list[tuple[Article, ArticleResult, set[str]]] = []
        self.pending_rows = 0

    def add(self, article: Article, result: ArticleResult, places: set[str]) -> None:
        self.pending.append((article, result, places))
        self.pending_rows += len(result)
        if self.pending_rows >= self.CHUNK_ROWS:
            self._write()

    def _write(self) -> None:
        if not self.pending:
            return
        sink = pa.BufferOutputStream()
        options = pa.ipc.IpcWriteOptions(compression="lz4")
        with pa.ipc.new_stream(sink, RESULT_SCHEMA, options=options) as stream:
            stream.write_batch(rows_of([result for _, result, _ in self.pending]))
        articles = [(article, result.published, result.published_source, result.year_known,
                     result.note, len(result), places)
                    for article, result, places in self.pending]
        pickle.dump((articles, sink.getvalue().to_pybytes()), self.file,
                    protocol=pickle.HIGHEST_PROTOCOL)
        self.chunks += 1
        self.pending, self.pending_rows = [], 0

    def __iter__(self) -> Iterator[tuple[Article, ArticleResult, set[str]]]:
        """The articles in the order they were added, each with its result and settlements."""
        self._write()
        self.file.seek(0)
        for _ in range(self.chunks):
            articles, stream = pickle.load(self.file)
            rows = pa.ipc.open_stream(stream).read_next_batch()
            start = 0
            for article, published, source, year_known, note, count, places in articles:
                yield article, ArticleResult(published, source, rows.slice(start, count),
                                             year_known, note), places
                start += count

    def close(self) -> None:
        self.file.close()
