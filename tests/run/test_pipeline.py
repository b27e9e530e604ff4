"""The pipeline: inputs -> the mentions table, in input order, with a summary (made-up world)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from geo.run import pipeline
from geo.run.pipeline import mention_batches, mentions
from geo.run.summary import RunSummary
from geo.schema import MENTION_COLUMNS, SCHEMA
from tests import world as made_up

TODAY = dt.date(2026, 11, 21)


@pytest.fixture
def reports(tmp_path):
    path = tmp_path / "reports.jsonl"
    made_up.write_reports(path)
    return path


def test_table_columns_and_crs(world, tmp_path):
    (tmp_path / "a.txt").write_text(" date 2025-11-12\nTitle here\nShelling hit Zoriansk.\n",
                                    encoding="utf-8")
    frame = mentions([tmp_path], gazetteer=world, reference=TODAY)
    assert list(frame.columns[:-1]) == list(MENTION_COLUMNS)
    assert frame.crs.to_epsg() == 4326
    row = frame.iloc[0]
    assert row["surface"] == "Zoriansk" and row["published"] == "2025-11-12"
    assert row["published_source"] == "metadata" and row["title"] == "Title here"
    assert (row.geometry.x, row.geometry.y) == (2.0, 2.0)


def test_rows_in_input_order_whatever_the_batches(world, reports, monkeypatch):
    whole = mentions([reports], gazetteer=world, reference=TODAY)
    assert list(dict.fromkeys(whole["article_id"])) == ["w1", "w2", "w3", "w4", "w5"]  # w6: none
    monkeypatch.setattr(pipeline, "BATCH_ARTICLES", 2)
    assert mentions([reports], gazetteer=world, reference=TODAY).equals(whole)
    batches = list(mention_batches([reports], world, TODAY))
    assert all(batch.schema == SCHEMA for batch in batches)


def test_the_summary_counts_inputs_and_mentions(world, reports, tmp_path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    summary, ticks = RunSummary(), []
    frame = mentions([reports, tmp_path / "empty.txt"], gazetteer=world, reference=TODAY,
                     summary=summary, progress=ticks.append)
    assert (summary.articles, len(summary.skipped), summary.mentions) == (6, 1, len(frame))
    assert sum(ticks) == 7  # one per input, read or skipped
    assert summary.unresolved_names == {"Tykhovody": 1, "Tumanivka": 1}
    assert summary.ambiguous == 1  # Hrushanka, alone in its article


def test_the_store_gives_back_the_same_table(world, reports, tmp_path):
    store = tmp_path / "store.sqlite"
    first = mentions([reports], gazetteer=world, reference=TODAY, store=store)
    summary = RunSummary()
    again = mentions([reports], gazetteer=world, reference=TODAY, summary=summary, store=store)
    assert summary.reused == 6 and again.equals(first)


def test_future_and_impossible_metadata_dates_are_never_used(world, tmp_path):
    (tmp_path / "a.jsonl").write_text("\n".join(json.dumps(r) for r in [
        {"id": "future", "published": "3000-01-01", "text": "Shelling hit Zoriansk."},
        {"id": "impossible", "published": "2025-13-45", "text": "Shelling hit Kamianopil."},
    ]), encoding="utf-8")
    summary = RunSummary()
    frame = mentions([tmp_path], gazetteer=world, reference=TODAY, summary=summary)
    assert set(frame["published_source"]) == {"unknown"}
    assert frame["date"].isna().all()
    assert len(summary.warnings) == 2
