"""The table's writers: every format keeps every value, GeoJSON byte for byte, and an
interrupted write leaves nothing behind (on the made-up world's reports)."""

from __future__ import annotations

import datetime as dt
import json

import geopandas
import pandas
import pytest

from geo.errors import ExportError
from geo.out import table as export
from geo.run.pipeline import mention_batches, mentions
from geo.schema import MENTION_COLUMNS
from tests import world as made_up

TODAY = dt.date(2026, 11, 21)


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    path = tmp_path_factory.mktemp("reports") / "reports.jsonl"
    made_up.write_reports(path)
    return path


@pytest.fixture(scope="module")
def table(world, reports):
    frame = mentions([reports], gazetteer=world, reference=TODAY)
    assert set(frame["resolution"]) == {"resolved", "ambiguous", "unresolved"}
    return frame


@pytest.mark.parametrize("fmt", ["csv", "gpkg", "parquet"])
def test_every_format_reads_back_as_the_table(table, tmp_path, fmt):
    """The streamed writers keep every value and point: what a GIS or a notebook reads back is
    the table the run made (GeoJSON is checked byte for byte elsewhere)."""
    out = tmp_path / f"m.{fmt}"
    export.write(table, str(out), fmt)
    if fmt == "csv":
        back = pandas.read_csv(out, keep_default_na=False, na_values=[""])
    elif fmt == "gpkg":
        back = geopandas.read_file(out)
    else:
        back = geopandas.read_parquet(out)
    assert list(back.columns[:len(MENTION_COLUMNS)]) == list(MENTION_COLUMNS)
    for column in ("surface", "sentence", "place_id", "start", "lat", "date", "candidates"):
        expected = table[column].astype(object).where(table[column].notna(), None).tolist()
        got = back[column].astype(object).where(back[column].notna(), None).tolist()
        if fmt == "csv":  # CSV has one empty cell for both "" and no value
            expected = [None if value == "" else value for value in expected]
        assert got == expected, column
    if fmt != "csv":
        assert back.crs == table.crs
        placed = table.geometry.notna()
        assert back.geometry.isna().tolist() == (~placed).tolist()
        assert back.geometry[placed].geom_equals(table.geometry[placed]).all()


def test_geojson_is_the_same_bytes_however_batched(world, reports, table, tmp_path):
    whole, streamed = tmp_path / "whole.geojson", tmp_path / "streamed.geojson"
    export.write(table, str(whole), "geojson")
    with export.TableWriter(str(streamed), "geojson") as writer:
        for batch in mention_batches([reports], world, TODAY):
            for row in range(batch.num_rows):
                writer.write(batch.slice(row, 1))
    assert streamed.read_bytes() == whole.read_bytes()
    data = json.loads(whole.read_text(encoding="utf-8"))
    features = data["features"]
    assert len(features) == len(table) and list(features[0]["properties"]) == list(
        MENTION_COLUMNS)
    unplaced = [f for f in features if f["properties"]["resolution"] == "unresolved"]
    assert unplaced and all(f["geometry"] is None for f in unplaced)


@pytest.mark.parametrize("fmt", ["geojson", "csv", "parquet", "gpkg"])
def test_interrupted_write_leaves_nothing_behind(table, tmp_path, fmt):
    target = tmp_path / f"m.{fmt}"
    with pytest.raises(KeyboardInterrupt), export.TableWriter(str(target), fmt) as writer:
        writer.write_frame(table)  # the first batches are on disk...
        raise KeyboardInterrupt  # ...when Ctrl-C comes
    assert list(tmp_path.iterdir()) == []


def test_a_discarded_table_is_never_written(table, tmp_path):
    with export.TableWriter(str(tmp_path / "m.csv"), "csv") as writer:
        writer.write_frame(table)
        writer.discard()  # --strict and a skipped input
    assert list(tmp_path.iterdir()) == []


def test_the_format_from_the_name_or_as_told():
    assert [export.format_for(name, None) for name in ("a.geojson", "a.JSON", "a.csv",
                                                       "a.gpkg", "a.parquet", "-")] == [
        "geojson", "geojson", "csv", "gpkg", "parquet", "geojson"]
    assert export.format_for("a.txt", "csv") == "csv"
    with pytest.raises(ExportError, match="cannot tell the format"):
        export.format_for("a.txt", None)
    with pytest.raises(ExportError, match="standard output takes GeoJSON only"):
        export.TableWriter("-", "csv")
