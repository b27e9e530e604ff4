"""Each article's rows (as the extraction made them) -> the table's record batches.

The article's own columns (id, title, outlet and its country, URL, publication date) are kept
once per article and repeated by Arrow; the mention columns are only put end to end (in one
conversion for the rows this process made as tuples). The outlet is
worked out here, from the article itself (``geo.read.outlets``): no stored result carries one, so
an entry of the store can never give an article another URL's outlet. Batches of about
``CHUNK_ROWS`` rows leave as soon as they are full, so a run of any size streams through in
constant memory.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from geo.read.outlets import outlet_of
from geo.run.extract import ArticleResult, rows_of
from geo.schema import ARTICLE_COLUMNS, FRONTLINE_SCHEMA, RESULT_SCHEMA, SCHEMA, Article


class MentionColumns:
    """The table handed out as Arrow record batches of about ``CHUNK_ROWS`` rows, so a run of
    any size streams through in constant memory. Each article's rows arrive as Arrow (from a
    worker, the store or the held-back results) or as the tuples this process made; a chunk's
    are turned into one batch at once (``extract.rows_of``). The article's own columns (id,
    title, outlet...), kept once per article, are repeated by Arrow."""

    CHUNK_ROWS = 20_000

    def __init__(self):
        self._reset()
        self.ready: list[pa.RecordBatch] = []

    def _reset(self) -> None:
        self.rows = 0
        self.articles: list[tuple] = []  # per article: its ARTICLE_COLUMNS values
        self.counts: list[int] = []  # per article: its number of mentions
        self.results: list[ArticleResult] = []

    def add(self, article: Article, result: ArticleResult) -> None:
        outlet = outlet_of(article)
        self.articles.append((article.article_id, article.title, outlet.name, outlet.country,
                              article.url, result.published, result.published_source))
        self.counts.append(len(result))
        self.results.append(result)
        self.rows += len(result)
        if self.rows >= self.CHUNK_ROWS:
            self._pack()

    def _pack(self) -> None:
        if not self.rows:
            return
        article_of_row = pa.array(np.repeat(np.arange(len(self.counts)), self.counts))
        columns = {}
        for number, name in enumerate(ARTICLE_COLUMNS):
            per_article = pa.array([meta[number] for meta in self.articles], pa.string())
            columns[name] = per_article.take(article_of_row)
        found = rows_of(self.results)
        for name in RESULT_SCHEMA.names:
            columns[name] = found.column(name)
        for field_ in FRONTLINE_SCHEMA:  # empty: filled over the table when there is a reference
            columns[field_.name] = pa.nulls(len(found), field_.type)
        self.ready.append(pa.record_batch([columns[name] for name in SCHEMA.names],
                                          schema=SCHEMA))
        self._reset()

    def take(self, final: bool = False) -> list[pa.RecordBatch]:
        """The batches packed so far (with ``final``, the rows still pending too)."""
        if final:
            self._pack()
        out, self.ready = self.ready, []
        return out
