"""Assemble: each article's rows -> record batches of the table, in order, in bounded memory."""

from __future__ import annotations

import datetime as dt

import pyarrow as pa

from geo.run.assemble import MentionColumns
from geo.schema import SCHEMA, Article

ARTICLES = [  # (article, its number of mentions)
    (Article("a1", "Drones hit Zoriansk and Kamianopil.", title="One", source="Wire",
             url="https://example.org/1", published=dt.date(2025, 11, 12)), 2),
    (Article("a2", "Nothing happened."), 0),
    (Article("a3", "Бої біля Зорянська, у Грушанці та в Кам'янополі.", title="Три"), 3),
]


def assembled(extractor, chunk_rows: int) -> tuple[pa.Table, list[int]]:
    """The table, and the size of each batch handed out as the articles came in."""
    columns = MentionColumns()
    columns.CHUNK_ROWS = chunk_rows
    batches, sizes = [], []
    for article, _count in ARTICLES:
        columns.add(article, extractor.article_result(article))
        ready = columns.take()
        sizes += [len(b) for b in ready]
        batches += ready
    last = columns.take(final=True)
    sizes += [-len(b) for b in last]  # negative: only at the end
    return pa.Table.from_batches(batches + last, schema=SCHEMA), sizes


def test_the_articles_columns_repeat_on_each_of_their_rows(extractor):
    table, _sizes = assembled(extractor, chunk_rows=20_000)
    assert table.schema == SCHEMA and table.num_rows == 5
    assert table.column("article_id").to_pylist() == ["a1", "a1", "a3", "a3", "a3"]
    assert table.column("title").to_pylist() == ["One", "One", "Три", "Три", "Три"]
    assert table.column("url").to_pylist()[:2] == ["https://example.org/1"] * 2
    assert table.column("published").to_pylist() == ["2025-11-12"] * 2 + [None] * 3
    assert table.column("published_source").to_pylist() == ["metadata"] * 2 + ["unknown"] * 3
    assert table.column("surface").to_pylist() == ["Zoriansk", "Kamianopil", "Зорянська",
                                                   "Грушанці", "Кам'янополі"]


def test_batches_leave_as_soon_as_they_are_full(extractor):
    whole, sizes = assembled(extractor, chunk_rows=20_000)
    assert sizes == [-5]  # one batch, at the end
    chunked, sizes = assembled(extractor, chunk_rows=2)
    assert sizes == [2, 3]  # whole articles: a batch closes after the one that fills it
    assert chunked.equals(whole)


def test_no_rows_no_batch():
    columns = MentionColumns()
    assert columns.take(final=True) == []
