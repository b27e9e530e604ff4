"""A dated front-line reference -> one area per date: ``read_frontline(path)``.

Analysts keep the front line as dated areas of control: DeepStateMap's occupied area day by
day, ISW's assessed control, their own drawings, as GeoJSON, GeoPackage or KML. Either one file
whose features carry a date (a ``date`` property, or another named with ``date_field``; a KML
placemark's ``TimeStamp`` when there is no such property), or a folder of files whose names carry
the date (``2025-11-24.geojson``, ``occupied_20251124.gpkg``). Whatever pyogrio reads in any CRS;
everything comes out in EPSG:4326, one (multi)polygon per date (the union of that date's
features), sorted by date.

The area is the one a side controls, Russian-held ground in DeepStateMap's and ISW's maps
(``geo.classify.frontline_check`` reads it so). A reference is data a user brings, with its
faults: a feature without a date or with a date that is no date, a geometry that is not an area
or is empty, an empty file. Each is named (file and feature) in a warning and left out, and the
rest is read; an invalid polygon (a self-intersection, as hand drawings have) is repaired with
``shapely.make_valid`` and a warning. Only a reference that gives no dated area at all is an
error (``FrontlineDataError``): the caller asked for a check it cannot have.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import warnings
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.errors import FrontlineDataError
from geo.schema import CRS

logger = logging.getLogger(__name__)

DATE_FIELD = "date"
KML_DATE_FIELDS = ("timestamp", "begin")  # a placemark's TimeStamp, a TimeSpan's start (LIBKML)
SUFFIXES = (".geojson", ".json", ".gpkg", ".kml", ".kmz", ".shp", ".fgb")  # in a folder
_NAME_DATE = re.compile(r"(?<!\d)(\d{4})-?(\d{2})-?(\d{2})(?!\d)")
_AREAS = ("Polygon", "MultiPolygon")


def read_frontline(path: str | Path, *, date_field: str = DATE_FIELD) -> gpd.GeoDataFrame:
    """The reference at ``path`` (a file or a folder of date-named files) as a GeoDataFrame of
    ``date`` (datetime64, one row per date, sorted) and ``geometry`` (the area on that date,
    EPSG:4326).

    :param date_field: the property that holds a feature's date in a single file (default
        ``date``); ignored for a folder, whose file names give the dates.

    ``frame.attrs["name"]`` names the reference for the map ("DeepStateMap", from a single
    ``source`` property, else the file or folder name); ``frame.attrs["problems"]`` lists what
    was left out or repaired (also logged as warnings). Raises ``FrontlineDataError`` when the
    path does not exist or gives no dated area.
    """
    path = Path(path)
    problems: list[str] = []
    if path.is_dir():
        parts = [part for file in sorted(path.iterdir())
                 if file.suffix.lower() in SUFFIXES and not file.name.startswith(".")
                 for part in [_folder_file(file, problems)] if part is not None]
        if not parts:
            raise FrontlineDataError(_nothing(path, problems, "no front-line file with a date "
                                              f"in its name ({', '.join(SUFFIXES)})"))
        name = path.name
    elif path.exists():
        frame = _open(path, problems)
        parts = [_dated(frame, path, date_field, problems)]
        name = path.stem
    else:
        raise FrontlineDataError(f"{path}: no such file or folder")
    features = pd.concat(parts, ignore_index=True) if parts else None
    if features is None or features.empty:
        raise FrontlineDataError(_nothing(path, problems, "no dated area"))
    by_date = (features.groupby("date", sort=True)["geometry"]
               .agg(lambda areas: areas.iloc[0] if len(areas) == 1
                    else shapely.union_all(areas.to_numpy())))
    result = gpd.GeoDataFrame({"date": pd.to_datetime(by_date.index)},
                              geometry=list(by_date.to_numpy()), crs=CRS)
    result.attrs["name"] = _label(parts, name)
    result.attrs["problems"] = problems
    return result


def _nothing(path: Path, problems: list[str], what: str) -> str:
    shown = "; ".join(problems[:3]) + ("; ..." if len(problems) > 3 else "")
    return f"{path}: {what}" + (f" ({shown})" if shown else "")


def _open(path: Path, problems: list[str]) -> gpd.GeoDataFrame:
    """The file's first layer, reprojected to EPSG:4326 (a file without a CRS is taken as
    longitude/latitude when its coordinates can be, with a warning)."""
    try:
        with warnings.catch_warnings():  # a column of mixed types stays text: we parse it
            warnings.filterwarnings("ignore", "Could not parse column", UserWarning)
            frame = gpd.read_file(path)
    except Exception as error:  # pyogrio's errors for a file it cannot open: one message
        raise FrontlineDataError(f"{path}: cannot be read as a vector file ({error})") from None
    if frame.empty:
        raise FrontlineDataError(f"{path}: empty file (no features)")
    if frame.crs is None:
        west, south, east, north = frame.total_bounds
        if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
            raise FrontlineDataError(f"{path}: no CRS, and the coordinates are not longitude/"
                                     "latitude: save it with its CRS")
        _warn(problems, f"{path}: no CRS; taken as longitude/latitude (EPSG:4326)")
        return frame.set_crs(CRS)
    return frame.to_crs(CRS) if not frame.crs.equals(CRS) else frame


def _folder_file(file: Path, problems: list[str]) -> gpd.GeoDataFrame | None:
    """One file of a folder: its areas, dated by its name; None (and a problem) when it cannot
    be used, so the folder's other files still are."""
    found = _NAME_DATE.search(file.stem)
    day = _day(found.group(0)) if found else None
    if day is None:
        _warn(problems, f"{file}: no date in the file name (expected YYYY-MM-DD); left out")
        return None
    try:
        frame = _open(file, problems)
    except FrontlineDataError as error:
        _warn(problems, f"{error}; left out")
        return None
    return _areas(frame, file, np.full(len(frame), day, dtype=object), problems)


def _dated(frame: gpd.GeoDataFrame, path: Path, date_field: str,
           problems: list[str]) -> gpd.GeoDataFrame:
    """A single file's features, each dated by its own ``date_field``."""
    fields = [date_field] + ([f for f in KML_DATE_FIELDS if f in frame]
                             if date_field == DATE_FIELD else [])
    fields = [f for f in fields if f in frame]
    if not fields:
        raise FrontlineDataError(
            f"{path}: no {date_field!r} property in any feature (properties: "
            f"{', '.join(c for c in frame.columns if c != 'geometry') or 'none'}); name the "
            "date property with --frontline-date-field")
    days = np.empty(len(frame), dtype=object)
    for number, values in enumerate(zip(*(frame[f] for f in fields), strict=True)):
        raw = next((v for v in values if not _missing(v)), None)
        where = _feature(path, number, len(frame))
        if raw is None:
            _warn(problems, f"{where}: no date ({date_field!r} is empty); left out")
            continue
        days[number] = _day(raw)
        if days[number] is None:
            _warn(problems, f"{where}: {date_field} {raw!r} is not a date (YYYY-MM-DD); left out")
    return _areas(frame, path, days, problems)


def _areas(frame: gpd.GeoDataFrame, path: Path, days: np.ndarray,
           problems: list[str]) -> gpd.GeoDataFrame:
    """The dated features whose geometry is an area (repaired when invalid), as ``date`` and
    ``geometry`` (plus ``source`` when the file has one)."""
    geometries = frame.geometry.to_numpy().copy()
    keep = np.zeros(len(frame), bool)
    for number, geometry in enumerate(geometries):
        if days[number] is None:
            continue
        where = _feature(path, number, len(frame))
        if geometry is None or geometry.is_empty:
            _warn(problems, f"{where}: no geometry; left out")
            continue
        if geometry.geom_type not in _AREAS:
            _warn(problems, f"{where}: a {geometry.geom_type}, not an area (Polygon or "
                            "MultiPolygon); left out")
            continue
        if not geometry.is_valid:
            reason = shapely.is_valid_reason(geometry)
            geometry = shapely.make_valid(geometry, method="structure", keep_collapsed=False)
            _warn(problems, f"{where}: invalid geometry ({reason}); repaired with make_valid")
            if geometry.is_empty:
                _warn(problems, f"{where}: nothing of it is left once repaired; left out")
                continue
            geometries[number] = geometry
        keep[number] = True
    out = pd.DataFrame({"date": days[keep], "geometry": geometries[keep]})
    if "source" in frame:
        out["source"] = frame["source"].to_numpy()[keep]
    return out


def _feature(path: Path, number: int, count: int) -> str:
    return f"{path}, feature {number + 1} of {count}"


def _missing(value) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value)) or value == ""


def _day(value) -> dt.date | None:
    """A date from what files hold: ISO text (a date, or a date and time), compact YYYYMMDD,
    a datetime or date; None for anything else (no guessing between day-first and month-first)."""
    if isinstance(value, pd.Timestamp | dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | np.integer):
        value = str(value)
    if not isinstance(value, str):
        return None
    text = value.strip()
    compact = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", text)
    if compact:
        text = "-".join(compact.groups())
    if not re.match(r"\d{4}-\d{2}-\d{2}", text):
        return None
    try:
        return pd.Timestamp(text).date()
    except ValueError:
        return None


def _label(parts: list[pd.DataFrame], fallback: str) -> str:
    """The reference's name: its one ``source`` value up to a parenthesis ("DeepStateMap (via
    ...)" -> "DeepStateMap"), else the file or folder name."""
    sources = {s for part in parts if "source" in part for s in part["source"].dropna()}
    if len(sources) == 1:
        return str(sources.pop()).split(" (")[0].strip() or fallback
    return fallback


def _warn(problems: list[str], message: str) -> None:
    problems.append(message)
    logger.warning("front line: %s", message)
