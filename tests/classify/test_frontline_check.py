"""The front-line check on areas drawn here: four weekly snapshots of a held area (Russian-held,
as an occupied-area map is) that grows east over one town and gives another back.

    2025-11-03   WEST (37.0-37.5 E) and FAR_EAST (38.5-39.0 E)
    2025-11-10   WIDE (37.0-38.0 E): NEW_TOWN taken, EAST_TOWN given back
    2025-11-17   WIDE
    2025-11-24   WIDE
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
import shapely
from pyproj import Geod

from geo.classify.frontline_check import Frontline, check_batch, check_frame, frontline_columns
from geo.schema import SCHEMA, frame_of

WEST = shapely.box(37.0, 48.0, 37.5, 48.5)
WIDE = shapely.box(37.0, 48.0, 38.0, 48.5)
FAR_EAST = shapely.box(38.5, 48.0, 39.0, 48.5)
HELD_TOWN = (37.25, 48.25)  # held throughout
NEW_TOWN = (37.75, 48.25)  # taken by 2025-11-10
FREE_TOWN = (38.25, 48.25)  # never held
EAST_TOWN = (38.75, 48.25)  # given back by 2025-11-10


@pytest.fixture(scope="module")
def front():
    snapshots = gpd.GeoDataFrame(
        {"date": pd.to_datetime(["2025-11-03", "2025-11-10", "2025-11-17", "2025-11-24"])},
        geometry=[shapely.union(WEST, FAR_EAST), WIDE, WIDE, WIDE], crs="EPSG:4326")
    return Frontline(snapshots)


def columns(front, *claims):
    """(place, day, event, side[, country[, kind]]) per row -> the three columns, as tuples."""
    rows = [claim + ("UA", "settlement")[len(claim) - 4:] for claim in claims]
    out = frontline_columns(
        lon=np.array([r[0][0] for r in rows], float), lat=np.array([r[0][1] for r in rows], float),
        days=np.array([r[1] for r in rows], dtype="datetime64[D]"),
        event=np.array([r[2] for r in rows], object), side=np.array([r[3] for r in rows], object),
        country=np.array([r[4] for r in rows], object), kind=np.array([r[5] for r in rows], object),
        frontline=front)
    return list(zip(out["frontline_check"], out["frontline_date"], out["km_to_front"],
                    strict=True))


@pytest.mark.parametrize(("claim", "check", "decided_on"), [
    # a Wednesday between snapshots: the Monday before says "before", the next two the window
    ((NEW_TOWN, "2025-11-05", "capture", "RU"), "confirmed", "2025-11-10"),
    ((HELD_TOWN, "2025-11-05", "capture", "RU"), "already", "2025-11-03"),
    ((FREE_TOWN, "2025-11-05", "capture", "RU"), "not_confirmed", "2025-11-17"),
    # a withdrawal hands the place to the other side
    ((NEW_TOWN, "2025-11-05", "withdrawal", "UA"), "confirmed", "2025-11-10"),
    ((FREE_TOWN, "2025-11-05", "withdrawal", "UA"), "not_confirmed", "2025-11-17"),
    # the other side's gains are outside the area
    ((EAST_TOWN, "2025-11-05", "capture", "UA"), "confirmed", "2025-11-10"),
    ((EAST_TOWN, "2025-11-05", "withdrawal", "RU"), "confirmed", "2025-11-10"),
    ((FREE_TOWN, "2025-11-05", "capture", "UA"), "already", "2025-11-03"),
    ((HELD_TOWN, "2025-11-05", "capture", "UA"), "not_confirmed", "2025-11-17"),
    # a claim on a snapshot's own day: that snapshot is in the window, the one before is not
    ((NEW_TOWN, "2025-11-10", "capture", "RU"), "confirmed", "2025-11-10"),
    ((NEW_TOWN, "2025-11-11", "capture", "RU"), "already", "2025-11-10"),
])
def test_each_check_value(front, claim, check, decided_on):
    assert columns(front, claim)[0][:2] == (check, decided_on)


@pytest.mark.parametrize("claim", [
    (NEW_TOWN, "2025-11-03", "capture", "RU"),  # nothing before the claim to compare with
    (NEW_TOWN, "2025-10-01", "capture", "RU"),  # before the reference
    (FREE_TOWN, "2025-11-20", "capture", "RU"),  # its 14 days end after the reference does
    (NEW_TOWN, "2025-11-05", "capture", "RU", "RU"),  # a place in another country
])
def test_no_data_outside_the_reference(front, claim):
    assert columns(front, claim)[0][0] == "no_data"


def test_a_claim_borne_out_after_the_window_ends_is_not_confirmed(front):
    """Taken 2025-11-10: a claim of 2025-10-27 (if the reference began earlier) or, here, one
    whose 14 days hold only snapshots without it."""
    late = Frontline(gpd.GeoDataFrame(
        {"date": pd.to_datetime(["2025-10-20", "2025-10-27", "2025-11-03", "2025-11-10"])},
        geometry=[WEST, WEST, WEST, WIDE], crs="EPSG:4326"))
    assert columns(late, (NEW_TOWN, "2025-10-21", "capture", "RU"))[0][:2] == (
        "not_confirmed", "2025-11-03")
    assert columns(late, (NEW_TOWN, "2025-10-28", "capture", "RU"))[0][:2] == (
        "confirmed", "2025-11-10")


def test_only_claims_of_control_of_placed_settlements_are_checked(front):
    rows = columns(front, (NEW_TOWN, "2025-11-05", "fighting", "RU"),
                   (NEW_TOWN, "2025-11-05", "denial", "RU"),
                   (NEW_TOWN, "2025-11-05", None, None),
                   (NEW_TOWN, "2025-11-05", "capture", None),  # no side: nothing to check
                   (NEW_TOWN, "2025-11-05", "capture", "RU", "UA", "region"),
                   ((np.nan, np.nan), "2025-11-05", "capture", "RU"),
                   (NEW_TOWN, None, "capture", "RU"))
    assert [r[0] for r in rows] == [None] * 7
    assert [r[1] for r in rows] == ["2025-11-03"] * 4 + [None] * 3


def test_km_to_front_is_signed_geodesic_kilometres_at_the_mentions_date(front):
    geod = Geod(ellps="WGS84")
    to_edge = geod.inv(37.25, 48.25, 37.5, 48.25)[2] / 1000  # the nearest edge: 37.5 E
    rows = columns(front, (HELD_TOWN, "2025-11-05", None, None),
                   (FREE_TOWN, "2025-11-05", None, None),  # 37.5 E then, 38.0 E a week on
                   (FREE_TOWN, "2025-11-12", None, None),
                   (FREE_TOWN, "2025-10-01", None, None))  # before the reference
    assert rows[0][2] == pytest.approx(-to_edge, abs=0.01)  # inside: negative
    assert rows[0][2] == pytest.approx(-18.57, abs=0.01)  # kilometres, not 0.25 degrees
    assert rows[1][2] == pytest.approx(geod.inv(38.25, 48.25, 38.5, 48.25)[2] / 1000, abs=0.01)
    assert rows[2][1:] == ("2025-11-10", pytest.approx(rows[1][2], abs=0.01))
    assert rows[3][1] is None and np.isnan(rows[3][2])


def test_a_far_point_is_measured_on_the_ellipsoid(front):
    """Lviv-far from the area's centre, where a flat projection would stretch: the distance to
    the nearest corner is the geodesic one."""
    km = columns(front, ((24.0, 49.8), "2025-11-05", None, None))[0][2]
    corner = Geod(ellps="WGS84").inv(24.0, 49.8, 37.0, 48.5)[2] / 1000
    assert km == pytest.approx(corner, rel=0.001)


def test_any_batching_gives_the_same_columns_and_the_frame_too(front):
    frame = pd.DataFrame({name: [None] * 6 for name in SCHEMA.names})
    places = [NEW_TOWN, HELD_TOWN, FREE_TOWN, EAST_TOWN, NEW_TOWN, NEW_TOWN]
    frame["lon"] = [p[0] for p in places]
    frame["lat"] = [p[1] for p in places]
    frame["start"] = frame["end"] = 0
    frame["confidence"] = 0.9
    frame["kind"], frame["country"] = "settlement", "UA"
    frame["date"] = ["2025-11-05", None, "2025-11-05", "2025-11-05", None, "2025-11-12"]
    frame["published"] = ["2025-11-06", "2025-11-05", "2025-11-06", "2025-11-06", None, None]
    frame["event"] = ["capture", "capture", "capture", "withdrawal", "capture", "strike"]
    frame["event_side"] = ["RU", "RU", "RU", "RU", "RU", "UA"]
    table = pa.Table.from_pandas(frame, schema=SCHEMA, preserve_index=False)
    whole = check_batch(table.to_batches()[0], front)
    parts = [check_batch(b, front) for b in table.to_batches(max_chunksize=2)]
    assert pa.Table.from_batches(parts).equals(pa.Table.from_batches([whole]))
    assert whole.column("frontline_check").to_pylist() == [
        "confirmed", "already", "not_confirmed", "confirmed", None, None]
    checked = check_frame(frame_of(table), front)
    assert checked["frontline_check"].tolist()[:4] == ["confirmed", "already", "not_confirmed",
                                                       "confirmed"]
    assert checked["km_to_front"].tolist() == whole.column("km_to_front").to_pylist()[:4] + [
        pytest.approx(np.nan, nan_ok=True), whole.column("km_to_front")[5].as_py()]


def test_the_same_area_on_several_dates_is_prepared_once(front):
    first, *rest = front.shape_of
    assert len(front.areas) == 2 and len(set(rest)) == 1 and first not in rest


def test_no_snapshot_within_the_fourteen_days_is_no_data():
    """Snapshots three weeks apart: a claim between them has none in its window, so the record
    neither bears it out nor belies it, though it reaches past the window's end."""
    sparse = Frontline(gpd.GeoDataFrame(
        {"date": pd.to_datetime(["2025-11-03", "2025-11-24"])},
        geometry=[WEST, WIDE], crs="EPSG:4326"))
    assert columns(sparse, (FREE_TOWN, "2025-11-05", "capture", "RU"))[0][0] == "no_data"
    assert columns(sparse, (FREE_TOWN, "2025-11-10", "capture", "RU"))[0][0] == "not_confirmed"


def test_no_distance_across_the_border_of_the_reference_s_country(front):
    """An occupied-area map of Ukraine says nothing of ground in Russia: no distance there."""
    inside_ua, across = columns(front, (HELD_TOWN, "2025-11-05", None, None),
                                (HELD_TOWN, "2025-11-05", None, None, "RU"))
    assert inside_ua[2] < 0
    assert np.isnan(across[2])
