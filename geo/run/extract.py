"""One article -> its place mentions: the per-article work that runs in parallel, anywhere.

``Extractor`` holds what is built once per process (gazetteer, automaton, a cache of gazetteer
answers) and turns an article into mentions. Two shapes of the same result:

- ``article_mentions``: ``Mention`` records, for code and tests that look at one article;
- ``article_result``: an ``ArticleResult``, the article's rows (``schema.RESULT_SCHEMA``) as
  tuples that become an Arrow record batch when asked, packed as LZ4-compressed bytes
  (``ArticleResult.pack``) to cross a process boundary or a network and to be kept by the
  store. Arrow, because the rows are turned into Arrow once, where the work runs (a worker
  packs them; the serial run converts a chunk of articles at once); the process that assembles
  the table, and a re-run that takes them from the store, only concatenate buffers and never
  make a Python object per row.
"""

from __future__ import annotations

import datetime as dt
import marshal
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

import pyarrow as pa

from gazetteer import Candidate, Gazetteer, Resolution
from geo.classify.events import NONE, ArticleEvents, Claim
from geo.find.candidates import CANDIDATES_PER_SPAN, CachedCandidates, Resolved
from geo.find.online import ask_online
from geo.find.recognise import Recogniser
from geo.find.resolve import resolve_spans
from geo.read import dates
from geo.read.outlets import outlet_of
from geo.read.sentences import Sentences
from geo.schema import (
    RESULT_SCHEMA,
    Article,
    DateSource,
    Kind,
    Mention,
    PublishedSource,
    ResolutionStatus,
    Role,
    result_batch,
)

ANSWER_CACHE_SIZE = 100_000


class ArticleResult:
    """An article's mentions (``RESULT_SCHEMA`` rows) plus its publication date (ISO), whether
    the article itself fixes that date's year (``dates.Publication.year_known``: when not, the
    run's other articles may date it, ``geo.run.corpus``) and a note for the run's warnings.

    ``rows`` is an Arrow record batch, or the row tuples as ``Extractor.article_result`` makes
    them (each cell as Arrow takes it). Tuples are turned into Arrow only when asked
    (``rows``, ``pack``), so the run that assembles the table turns the tuples of many articles
    into Arrow at once (``rows_of``): one conversion costs ~25 us however few its rows, more
    than the rows of a typical article cost. Treat a result as read-only."""

    __slots__ = ("_packed", "_rows", "_tuples", "note", "published", "published_source",
                 "year_known")

    def __init__(self, published: str | None, published_source: PublishedSource,
                 rows: pa.RecordBatch | list[tuple], year_known: bool = True, note: str = ""):
        self.published, self.published_source = published, published_source
        self.year_known, self.note = year_known, note
        self._tuples = rows if isinstance(rows, list) else None
        self._rows = None if isinstance(rows, list) else rows
        self._packed: bytes | None = None

    @property
    def rows(self) -> pa.RecordBatch:
        if self._rows is None:
            self._rows = result_batch(self._tuples)
        return self._rows

    def column(self, name: str) -> list:
        """One column's values (enum cells may be the enum member or its value: they compare
        equal)."""
        if self._tuples is None:
            return self._rows.column(name).to_pylist()
        number = RESULT_SCHEMA.get_field_index(name)
        return [row[number] for row in self._tuples]

    def __len__(self) -> int:
        return len(self._tuples) if self._tuples is not None else self._rows.num_rows

    def pack(self) -> bytes:
        """The IPC message of the rows, LZ4-compressed: a few times smaller, for little work,
        so less to send between processes and to keep in the store. Packed once: a result
        unpacked, or kept both by the store and by the run's held-back results, is not packed
        again; one used in this process only is never packed."""
        if self._packed is None:
            rows = self.rows.serialize()
            self._packed = marshal.dumps((self.published, str(self.published_source),
                                          self.year_known, self.note, rows.size,
                                          pa.compress(rows, codec="lz4", asbytes=True)))
        return self._packed

    @classmethod
    def unpack(cls, packed: bytes) -> ArticleResult:
        published, source, year_known, note, size, rows = marshal.loads(packed)
        rows = pa.decompress(rows, decompressed_size=size, codec="lz4")
        result = cls(published, source, pa.ipc.read_record_batch(rows, RESULT_SCHEMA),
                     year_known, note)
        result._packed = packed
        return result


def rows_of(results: list[ArticleResult]) -> pa.RecordBatch:
    """The rows of several results, in order, as one record batch: one conversion for all when
    none is in Arrow yet, else their batches put end to end (a result packed for the store or a
    worker is in Arrow already: it is not converted twice)."""
    if all(result._rows is None for result in results):  # each holds its tuples only
        return result_batch([row for result in results for row in result._tuples])
    return pa.concat_batches([result.rows for result in results])


class _Found(NamedTuple):
    """A resolved name with its sentence, date and claim: one per mention, so a named tuple
    (several times cheaper to make than a frozen dataclass)."""

    item: Resolved
    sentence: tuple[int, int]
    sentence_text: str  # one string per sentence, shared by the rows of its names
    date: dt.date | None
    date_source: DateSource
    claim: Claim = NONE


class Extractor:
    """``online``: ask the online geocoder about unknown names in a place context
    (``geo.find.online``): True for the gazetteer's default (Nominatim), or a geocoder."""

    def __init__(self, gazetteer: Gazetteer | None = None, reference: dt.date | None = None,
                 online=None):
        self.gazetteer = gazetteer or Gazetteer.load()
        self.reference = reference or dt.date.today()
        self.online = online
        self._answers: dict[str, Resolution] = {}  # gazetteer answers: names recur across articles
        self.recogniser = Recogniser(self.gazetteer, self._lookup)
        self._candidates = CachedCandidates(self._lookup, ANSWER_CACHE_SIZE)

    def _lookup(self, query: str) -> Resolution:
        answer = self._answers.get(query)
        if answer is None:
            if len(self._answers) >= ANSWER_CACHE_SIZE:
                self._answers.clear()
            answer = self._answers[query] = self.gazetteer.resolve(
                query, limit=CANDIDATES_PER_SPAN, in_text=True)
        return answer

    def _fresh_lookup(self, query: str) -> Resolution:
        """``_lookup`` after the gazetteer learnt ``query`` online. Every cached answer may be
        stale (the name's own, its inflected forms', a near misspelling's), so both caches are
        emptied (answers come at most once a second: they refill in between), and the
        recogniser learns the name: later articles find it in any sentence, as a later run
        without ``--online`` does."""
        self._answers.clear()
        self._candidates.clear()
        self.recogniser.learn(query)
        return self._lookup(query)

    def publication(self, article: Article, anchor: dt.date | None = None
                    ) -> dates.Publication:
        """The article's publication date from its metadata, URL and text; ``anchor`` is the
        day the run's other articles point to (``geo.run.corpus``), if any."""
        return dates.publication(article.text, article.published, self.reference,
                                 url=article.url, anchor=anchor)

    def publication_date(self, article: Article) -> tuple[dt.date | None, PublishedSource]:
        found = self.publication(article)
        return found.day, found.source

    def _found(self, article: Article, published: dt.date | None) -> Iterator[_Found]:
        spans = self.recogniser.spans(article.text)
        dater = _Dater(article.text, published)
        found = []
        items = resolve_spans(article.text, spans, self.gazetteer, self._lookup,
                              self._candidates)
        if self.online:
            ask_online(items, self.gazetteer, self._fresh_lookup,
                       None if self.online is True else self.online)
        for item in items:
            bounds, (day, source) = dater.at(item.span.start)
            found.append((item, bounds, dater.text_of(bounds), day, source, _eventful(item)))
        events = None  # the events stage: read only for articles with a placed name
        if any(eventful for *_, eventful in found):
            # the outlet's country says whose "enemy" and whose brigade an article means
            events = ArticleEvents(article.text, outlet_of(article).country)
        for item, bounds, sentence, day, source, eventful in found:
            claim = NONE
            if eventful:
                claim = events.at(bounds, item.span.start, item.span.end,
                                  country=item.best.place.country,
                                  previous=dater.before(bounds))
            yield _Found(item, bounds, sentence, day, source, claim)

    def article_mentions(self, article: Article
                         ) -> tuple[dt.date | None, PublishedSource, list[Mention]]:
        found = self.publication(article)
        return found.day, found.source, self._mentions(article, found.day)

    def _mentions(self, article: Article, published: dt.date | None) -> list[Mention]:
        return [_mention(f) for f in self._found(article, published)]

    def article_result(self, article: Article) -> ArticleResult:
        found = self.publication(article)
        rows = [_row(f) for f in self._found(article, found.day)]
        return ArticleResult(found.day.isoformat() if found.day else None, found.source,
                             rows, found.year_known, found.note)


def redated(article: Article, result: ArticleResult,
            publication: dates.Publication) -> ArticleResult:
    """``result`` under another publication date: each row's date is its clause's, counted from
    the new date (the sentences are found again in the text; nothing else is worked out)."""
    published = publication.day
    dater = _Dater(article.text, published)
    days, sources = [], []
    for start in result.column("start"):
        day, source = dater.at(start)[1]
        days.append(day.isoformat() if day else None)
        sources.append(str(source))
    rows = result.rows
    for name, values in (("date", days), ("date_source", sources)):
        index = RESULT_SCHEMA.get_field_index(name)
        rows = rows.set_column(index, RESULT_SCHEMA.field(index), pa.array(values, pa.string()))
    return ArticleResult(published.isoformat() if published else None, publication.source, rows,
                         publication.year_known, result.note)


class _Dater:
    """The date of a name at an offset of the text: its sentence's clause's, each sentence's
    dates found once however many names it holds."""

    def __init__(self, text: str, published: dt.date | None):
        self.text, self.published = text, published
        self.sentences = Sentences(text)
        self.dated: dict[tuple[int, int], dates.SentenceDates] = {}
        self.texts: dict[tuple[int, int], str] = {}

    def at(self, offset: int) -> tuple[tuple[int, int], tuple[dt.date | None, DateSource]]:
        bounds = self.sentences.around(offset)
        found = self.dated.get(bounds)
        if found is None:
            found = self.dated[bounds] = dates.SentenceDates(self.text_of(bounds),
                                                             self.published)
        return bounds, found.at(offset - bounds[0])

    def text_of(self, bounds: tuple[int, int]) -> str:
        """The sentence's text, cut from the article once: its names' rows share the one string,
        so Arrow encodes a Cyrillic sentence to UTF-8 once (Python keeps a string's UTF-8 form
        once asked), not once per name."""
        found = self.texts.get(bounds)
        if found is None:
            found = self.texts[bounds] = self.text[bounds[0]:bounds[1]]
        return found

    def before(self, bounds: tuple[int, int]) -> tuple[int, int] | None:
        """The bounds of the sentence before the one at ``bounds`` (None for the first)."""
        return self.sentences.before(bounds)


def _eventful(item: Resolved) -> bool:
    """Whether the events stage reads the item: a placed settlement, not a capital standing
    for its government nor an all-caps dateline."""
    return (item.best is not None and item.resolution != ResolutionStatus.UNRESOLVED
            and item.best.place.kind == Kind.SETTLEMENT and item.role == Role.LOCATION
            and not item.span.surface.isupper())


_KINDS = {kind.value: kind for kind in Kind}  # Kind(value), without the call through the enum


@lru_cache(maxsize=100_000)
def _point(place_id: str, lat: float, lon: float) -> tuple[float, float]:
    """A place's coordinates to five decimals (about a metre): rounded once per place, not once
    per mention (round() is slow next to a cache look-up). Keyed by the place's id as well: -0.0
    and 0.0 are one key, but round() keeps the sign."""
    return round(lat, 5), round(lon, 5)


_NOWHERE = (None, None, None, None, None, None, 0.0)  # the place cells of an unplaced mention


def _row(found: _Found) -> tuple:
    """One mention as a row of ``RESULT_SCHEMA``, each cell as Arrow takes it (the candidates
    joined with "; ", the date in ISO form): made straight from the found name, with no
    ``Mention`` in between, since a table is all ``article_result`` wants."""
    item, date, claim = found.item, found.date, found.claim
    span, best = item.span, item.best
    if best is None:
        kind, where = Kind.SETTLEMENT if span.settlement_hint else Kind.OTHER, _NOWHERE
    elif item.resolution == ResolutionStatus.UNRESOLVED:
        kind, where = best.place.kind, _NOWHERE
    else:
        place = best.place
        lat, lon = _point(place.place_id, place.lat, place.lon)
        kind = place.kind
        where = (place.place_id, place.name, place.country, place.admin1 or None, lat, lon,
                 best.confidence)
    place_id, name, country, admin1, lat, lon, confidence = where
    return (span.surface, span.start, span.end, found.sentence_text,
            place_id, name, _KINDS[kind], item.role, country, admin1, lat, lon, confidence,
            item.resolution, "; ".join(_labels(item.candidates, where is not _NOWHERE)),
            date.isoformat() if date is not None else None, found.date_source,
            claim.event, claim.side, claim.claimant)


def _labels(candidates: list[Candidate], placed: bool) -> list[str]:
    """The candidates a row lists, "place_id name (confidence)": a placed name's rivals (its
    first candidate is its place), an unplaced one's first candidates; five at most."""
    shown = candidates[1:6] if placed else candidates[:5]
    return [_label(c.place.place_id, c.place.name, c.confidence) for c in shown]


@lru_cache(maxsize=100_000)
def _label(place_id: str, name: str, confidence: float) -> str:
    """One candidate as the table lists it, formatted once per place and confidence: an article
    lists a few dozen, mostly the same places with the same confidences as other articles.
    (A confidence is never negative, so -0.0, one key with 0.0, never comes.)"""
    return f"{place_id} {name} ({confidence:.2f})"


def _mention(found: _Found) -> Mention:
    """The row as a ``Mention`` record, for code and tests that look at one article: the
    candidates a tuple, the date a date."""
    row = Mention._make(_row(found))
    return row._replace(candidates=tuple(_labels(found.item.candidates, row.place_id is not None)),
                        date=found.date)
