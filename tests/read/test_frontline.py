"""Reading a front-line reference: small areas drawn here, written in the formats users have."""

from __future__ import annotations

import json
import logging

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from geo.errors import FrontlineDataError
from geo.read.frontline import read_frontline

WEST = shapely.box(37.0, 48.0, 37.5, 48.5)
WIDE = shapely.box(37.0, 48.0, 38.0, 48.5)


def feature(date, geometry, **properties):
    props = {} if date is ... else {"date": date}
    props.update(properties)
    return {"type": "Feature", "properties": props,
            "geometry": None if geometry is None else shapely.geometry.mapping(geometry)}


def write_geojson(path, *features):
    path.write_text(json.dumps({"type": "FeatureCollection", "features": list(features)}))
    return path


def test_one_area_per_date_sorted_and_unioned(tmp_path):
    path = write_geojson(tmp_path / "front.geojson",
                         feature("2025-11-10", WIDE),
                         feature("2025-11-03", WEST),
                         feature("2025-11-03", shapely.box(38.5, 48.0, 39.0, 48.5)))  # a 2nd part
    front = read_frontline(path)
    assert list(front.columns) == ["date", "geometry"] and front.crs == "EPSG:4326"
    assert [d.isoformat() for d in front["date"].dt.date] == ["2025-11-03", "2025-11-10"]
    first = front.geometry.iloc[0]
    assert first.area == pytest.approx(WEST.area * 2)  # both features of that date
    assert front.attrs["name"] == "front" and front.attrs["problems"] == []


def test_dates_as_written_in_files(tmp_path):
    path = write_geojson(tmp_path / "front.geojson",
                         feature("2025-11-03T00:00:00Z", WEST), feature("20251110", WIDE),
                         feature(20251117, WIDE))
    front = read_frontline(path)
    assert [d.isoformat() for d in front["date"].dt.date] == ["2025-11-03", "2025-11-10",
                                                              "2025-11-17"]


def test_another_date_property_and_the_source_names_the_reference(tmp_path):
    path = write_geojson(tmp_path / "f.geojson",
                         feature(..., WEST, day="2025-11-03", source="DrawnMap (mine, CC0)"))
    with pytest.raises(FrontlineDataError, match="no 'date' property.*day"):
        read_frontline(path)
    front = read_frontline(path, date_field="day")
    assert len(front) == 1 and front.attrs["name"] == "DrawnMap"


def test_any_crs_is_reprojected_to_longitude_latitude(tmp_path):
    drawn = gpd.GeoDataFrame({"date": ["2025-11-03", "2025-11-10"]}, geometry=[WEST, WIDE],
                             crs="EPSG:4326")
    path = tmp_path / "front.gpkg"
    drawn.to_crs("EPSG:32637").to_file(path)  # UTM zone 37N, metres
    front = read_frontline(path)
    assert front.crs == "EPSG:4326"
    assert shapely.hausdorff_distance(front.geometry.iloc[1], WIDE) < 1e-6
    assert front.geometry.iloc[0].contains(shapely.Point(37.25, 48.25))


def test_a_folder_of_date_named_files(tmp_path):
    folder = tmp_path / "snapshots"
    folder.mkdir()
    write_geojson(folder / "2025-11-10.geojson", feature(..., WIDE))
    gpd.GeoDataFrame(geometry=[WEST], crs="EPSG:4326").to_file(folder / "occupied_20251103.gpkg")
    write_geojson(folder / "latest.geojson", feature(..., WIDE))  # no date in its name
    (folder / "README.txt").write_text("not a map")
    front = read_frontline(folder)
    assert [d.isoformat() for d in front["date"].dt.date] == ["2025-11-03", "2025-11-10"]
    assert front.geometry.iloc[0].equals(WEST)
    assert front.attrs["problems"] == [
        f"{folder / 'latest.geojson'}: no date in the file name (expected YYYY-MM-DD); left out"]


def test_kml_placemarks_dated_by_their_timestamp(tmp_path):
    path = tmp_path / "front.kml"
    ring = " ".join(f"{x},{y}" for x, y in WEST.exterior.coords)
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2">'
        "<Document><Placemark><name>occupied</name><TimeStamp><when>2025-11-03</when>"
        "</TimeStamp><Polygon><outerBoundaryIs><LinearRing><coordinates>" + ring +
        "</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark></Document></kml>")
    front = read_frontline(path)
    assert front["date"].dt.date.tolist() == [pd.Timestamp("2025-11-03").date()]
    assert front.geometry.iloc[0].equals(WEST)


def test_bad_features_are_named_and_left_out_and_the_rest_is_read(tmp_path, caplog):
    bow_tie = shapely.Polygon([(37, 48), (38, 48.5), (38, 48), (37, 48.5), (37, 48)])
    path = write_geojson(tmp_path / "front.geojson",
                         feature("2025-11-03", WEST),
                         feature(None, WIDE),  # no date
                         feature("24.11.2025", WIDE),  # day first: not guessed
                         feature("2025-11-10", bow_tie),  # invalid: repaired
                         feature("2025-11-17", shapely.LineString([(37, 48), (38, 48)])),
                         feature("2025-11-24", None))
    with caplog.at_level(logging.WARNING, logger="geo"):
        front = read_frontline(path)
    assert [d.isoformat() for d in front["date"].dt.date] == ["2025-11-03", "2025-11-10"]
    repaired = front.geometry.iloc[1]
    assert repaired.is_valid and len(repaired.geoms) == 2  # both triangles of the bow tie
    assert repaired.area == pytest.approx(0.25)
    where = f"{path}, feature"
    assert front.attrs["problems"] == [
        f"{where} 2 of 6: no date ('date' is empty); left out",
        f"{where} 3 of 6: date '24.11.2025' is not a date (YYYY-MM-DD); left out",
        f"{where} 4 of 6: invalid geometry (Self-intersection[37.5 48.25]); repaired with "
        "make_valid",
        f"{where} 5 of 6: a LineString, not an area (Polygon or MultiPolygon); left out",
        f"{where} 6 of 6: no geometry; left out"]
    assert [r.getMessage() for r in caplog.records] == [
        f"front line: {p}" for p in front.attrs["problems"]]


def test_a_reference_that_gives_nothing_is_an_error_naming_the_file(tmp_path):
    with pytest.raises(FrontlineDataError, match="nowhere.geojson: no such file"):
        read_frontline(tmp_path / "nowhere.geojson")
    empty = write_geojson(tmp_path / "empty.geojson")
    with pytest.raises(FrontlineDataError, match="empty.geojson: empty file"):
        read_frontline(empty)
    undated = write_geojson(tmp_path / "undated.geojson", feature(None, WEST))
    with pytest.raises(FrontlineDataError, match=r"undated.geojson: no dated area \(.*feature "
                                                 r"1 of 1: no date"):
        read_frontline(undated)
    (tmp_path / "broken.geojson").write_text("{not json")
    with pytest.raises(FrontlineDataError, match="broken.geojson: cannot be read"):
        read_frontline(tmp_path / "broken.geojson")
    folder = tmp_path / "folder"
    folder.mkdir()
    write_geojson(folder / "2025-11-03.geojson")  # empty
    with pytest.raises(FrontlineDataError, match="folder: no front-line file.*empty file"):
        read_frontline(folder)


def test_geo_exports_it():
    import geo

    assert geo.read_frontline is read_frontline
