"""The incremental store: results kept by the article's content, for one context only."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.errors import StoreError
from geo.run.store import Entry, MentionStore, key_of, reusable
from geo.schema import Article

ARTICLE = Article("a", "Drones hit Zoriansk.", title="One", published=dt.date(2025, 11, 12))


def test_the_key_is_the_text_and_the_metadata_date_only():
    assert key_of(ARTICLE) == key_of(Article("copy", ARTICLE.text, title="Another", url="x",
                                             published=ARTICLE.published))
    assert key_of(ARTICLE) != key_of(Article("a", ARTICLE.text))
    assert key_of(ARTICLE) != key_of(Article("a", ARTICLE.text + " "))


def test_entries_hold_for_their_context_only(tmp_path):
    path, entry = tmp_path / "s.sqlite", Entry("2026-11-21", "2025-11-12", "metadata", b"rows")
    store = MentionStore(path, "context-1")
    store.put_many([(key_of(ARTICLE), entry)])
    assert store.get_many([key_of(ARTICLE), b"other"]) == {key_of(ARTICLE): entry}
    store.close()
    assert MentionStore(path, "context-1").get_many([key_of(ARTICLE)]) == {
        key_of(ARTICLE): entry}
    assert MentionStore(path, "context-2").get_many([key_of(ARTICLE)]) == {}  # made anew


def test_another_run_date_reuses_an_entry_whose_publication_date_holds(tmp_path):
    store = MentionStore(tmp_path / "s.sqlite", "context")
    undated = Article("u", "Zoriansk was shelled on 3 November.")
    store.put_many([(key_of(ARTICLE), Entry("2026-11-21", "2025-11-12", "metadata", b"1")),
                    (key_of(undated), Entry("2026-11-21", "2026-11-03", "inferred", b"2"))])

    def publication_date(article):  # what the dates stage says under the new run date
        if article is undated:
            return dt.date(2025, 11, 3), "inferred"  # 3 November is now last year's
        return article.published, "metadata"

    keys, reused = reusable([ARTICLE, undated], store, "2026-11-01", publication_date)
    assert keys == [key_of(ARTICLE), key_of(undated)] and reused == {0: b"1"}
    assert reusable([ARTICLE, undated], store, "2026-11-21", publication_date)[1] == {
        0: b"1", 1: b"2"}  # the same run date: everything
    assert reusable([ARTICLE], None, "2026-11-21", publication_date) == ([], {})


def test_a_file_that_is_no_store_is_an_error(tmp_path):
    path = tmp_path / "s.sqlite"
    path.write_bytes(b"not an SQLite file" * 100)
    with pytest.raises(StoreError, match="cannot use the store"):
        MentionStore(path, "context")
