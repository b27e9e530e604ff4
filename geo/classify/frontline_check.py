"""Every claim of capture or withdrawal checked against a dated front-line reference, and every
placed mention's distance to the line: the ``frontline_check``, ``frontline_date`` and
``km_to_front`` columns.

Unlike the rest of ``geo.classify``, this is not read from an article: it is a step over the
table, batch by batch, once the pipeline has placed and dated every mention (the store's results
never depend on a reference). A row's answer depends only on its own place, day, event and side
and on the reference, so any batching gives the same columns.

The reference (``geo.read.frontline``) is the area one side holds, Russian-held ground by
default (``area_side``), as snapshots; the snapshot in effect on a day is the latest on or before
it. A claim says a place passed to a side: a capture by a side to that side, a withdrawal by a
side to the other one; for the reference's side that means inside the area, for the other side
outside it. With D the claim's day (its mention's date, else its article's publication date):

- ``already``: the place was on the claimed side in the snapshot in effect on the day before D;
- ``confirmed``: else, it is on that side in a snapshot from D to D + ``WINDOW_DAYS``
  (``frontline_date``: the first such snapshot);
- ``not_confirmed``: else, when the reference reaches D + ``WINDOW_DAYS`` (``frontline_date``: the
  last snapshot of the window, still on the other side);
- ``no_data``: the reference starts on or after D, ends before the window does, or the place is
  not in the reference's country (``country``: the area is mapped there only; Russian ground is
  outside an occupied-area map whoever holds it).

``km_to_front``, for every placed and dated mention of a settlement from the reference's first
date on: the geodesic distance from the place to the edge of the area in effect on its day,
negative inside the area (a region's or country's point is a label, neither measured nor
checked). ``frontline_date`` is the snapshot a check rests on, else (other mentions, ``no_data``)
the one the distance is measured on.

Nearest points are found in a transverse Mercator projection centred on the reference (through
a shapely STRtree of the edge's segments), and the distance is then measured on the ellipsoid
(pyproj's Geod), so it is in true kilometres, not degrees. The edge is the area's whole outline:
where the area meets the sea or the state border, that is its edge too.

Speed: points are tested with prepared geometries (``shapely.intersects_xy``) and each distinct
place and snapshot is worked out once, so 100,000 mentions against 109 weekly snapshots take a
second or two (``benchmarks/bench_frontline.py``).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa
import shapely
from pyproj import CRS as ProjCRS
from pyproj import Geod, Transformer

from geo.schema import CRS, FRONTLINE_SCHEMA, SCHEMA, Event, FrontlineCheck, Kind, Side

if TYPE_CHECKING:  # geopandas is slow to import: a streamed run reads the reference only
    import geopandas as gpd

GROUND = (Kind.SETTLEMENT.value, Kind.OTHER.value)  # the kinds of place a check is about
WINDOW_DAYS = 14  # a claim is borne out when the reference shows it within this many days
_DAY = np.timedelta64(1, "D")
_GEOD = Geod(ellps="WGS84")


class Frontline:
    """A front-line reference prepared for checks: its snapshots' dates, each distinct area once
    (prepared for point tests), and the edges' segment trees, built when first needed.

    :param snapshots: ``read_frontline``'s frame (``date``, ``geometry`` in EPSG:4326).
    :param area_side: the side that holds the area (default Russia: an occupied-area map).
    :param country: ISO code of the country the reference maps; claims about places elsewhere
        are ``no_data``.
    """

    def __init__(self, snapshots: gpd.GeoDataFrame, *, area_side: Side = Side.RU,
                 country: str = "UA"):
        attrs = {"name": "front line", "problems": [], **snapshots.attrs}
        if snapshots.crs is not None and not snapshots.crs.equals(CRS):
            snapshots = snapshots.to_crs(CRS)
        self.snapshots = snapshots.sort_values("date")
        self.snapshots.attrs = attrs  # its name and what reading it left out or repaired
        self.name = attrs["name"]
        self.area_side, self.country = Side(area_side), country
        snapshots = self.snapshots
        self.dates = snapshots["date"].to_numpy().astype("datetime64[D]")
        if not len(self.dates):
            raise ValueError("a front-line reference needs at least one snapshot")
        wkb = shapely.to_wkb(snapshots.geometry.to_numpy())
        distinct, self.shape_of = np.unique(wkb, return_inverse=True)  # snapshot -> its area
        self.shape_of = self.shape_of.ravel()
        self.areas = shapely.from_wkb(distinct)
        shapely.prepare(self.areas)
        west, south, east, north = shapely.total_bounds(self.areas)
        self.metric = ProjCRS.from_proj4(
            f"+proj=tmerc +lat_0={(south + north) / 2:.4f} +lon_0={(west + east) / 2:.4f} "
            "+k=1 +x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs")
        self._forward = Transformer.from_crs(CRS, self.metric, always_xy=True)
        self._back = Transformer.from_crs(self.metric, CRS, always_xy=True)
        self._edges: dict[int, tuple[shapely.STRtree, np.ndarray]] = {}

    @classmethod
    def of(cls, source: Frontline | gpd.GeoDataFrame | str | Path, *,
           date_field: str = "date") -> Frontline:
        """A ``Frontline`` from a reference's path (``geo.read_frontline``) or frame."""
        if isinstance(source, Frontline):
            return source
        if isinstance(source, str | Path):
            from geo.read.frontline import read_frontline

            source = read_frontline(source, date_field=date_field)
        return cls(source)

    @property
    def first(self) -> dt.date:
        return self.dates[0].astype(dt.date)

    @property
    def last(self) -> dt.date:
        return self.dates[-1].astype(dt.date)

    def in_effect(self, days: np.ndarray) -> np.ndarray:
        """Per day (datetime64[D], NaT allowed), the snapshot in effect: the latest on or
        before it; -1 before the first snapshot or for no day."""
        at = np.searchsorted(self.dates, days, side="right") - 1
        at[np.isnat(days)] = -1
        return at

    def inside(self, lon: np.ndarray, lat: np.ndarray, snapshot: np.ndarray) -> np.ndarray:
        """Whether each point lies in (or on the edge of) the area of its snapshot (>= 0)."""
        out = np.zeros(len(lon), bool)
        shapes = self.shape_of[snapshot]
        for shape in np.unique(shapes):
            rows = np.flatnonzero(shapes == shape)
            out[rows] = shapely.intersects_xy(self.areas[shape], lon[rows], lat[rows])
        return out

    def km_to_edge(self, lon: np.ndarray, lat: np.ndarray, snapshot: np.ndarray) -> np.ndarray:
        """Geodesic kilometres from each point to the edge of its snapshot's area, unsigned."""
        out = np.full(len(lon), np.nan)
        x, y = self._forward.transform(lon, lat)
        points = shapely.points(x, y)
        shapes = self.shape_of[snapshot]
        for shape in np.unique(shapes):
            rows = np.flatnonzero(shapes == shape)
            tree, segments = self._edge(shape)
            nearest = tree.query_nearest(points[rows], all_matches=False)
            rows, segment = rows[nearest[0]], segments[nearest[1]]
            ends = shapely.get_coordinates(
                shapely.get_point(shapely.shortest_line(points[rows], segment), 1))
            end_lon, end_lat = self._back.transform(ends[:, 0], ends[:, 1])
            _, _, metres = _GEOD.inv(lon[rows], lat[rows], end_lon, end_lat)
            out[rows] = metres / 1000
        return out

    def _edge(self, shape: int) -> tuple[shapely.STRtree, np.ndarray]:
        """The area's outline in the metric projection as single segments in an STRtree: a
        nearest-segment query then costs a few segments, not the whole outline."""
        if shape not in self._edges:
            rings = shapely.get_rings(shapely.get_parts(self.areas[shape]))
            starts, ends = [], []
            for ring in rings:
                x, y = self._forward.transform(*shapely.get_coordinates(ring).T)
                coords = np.column_stack([x, y])
                starts.append(coords[:-1])
                ends.append(coords[1:])
            pairs = np.stack([np.concatenate(starts), np.concatenate(ends)], axis=1)
            segments = shapely.linestrings(pairs)
            self._edges[shape] = shapely.STRtree(segments), segments
        return self._edges[shape]


def check_batch(batch: pa.RecordBatch, frontline: Frontline) -> pa.RecordBatch:
    """A record batch of ``SCHEMA`` with its front-line columns filled."""
    columns = frontline_columns(
        lon=_floats(batch, "lon"), lat=_floats(batch, "lat"), days=_days(batch),
        event=_strings(batch, "event"), side=_strings(batch, "event_side"),
        country=_strings(batch, "country"), kind=_strings(batch, "kind"), frontline=frontline)
    for field_ in FRONTLINE_SCHEMA:
        batch = batch.set_column(SCHEMA.get_field_index(field_.name), field_,
                                 pa.array(columns[field_.name], field_.type, from_pandas=True))
    return batch


def check_frame(table: gpd.GeoDataFrame, frontline: Frontline) -> gpd.GeoDataFrame:
    """A mentions table (``geo.mentions``) with its front-line columns filled (a copy)."""
    import pandas as pd

    when = table["date"].astype(object).where(table["date"].notna(), table["published"])
    columns = frontline_columns(
        lon=table["lon"].to_numpy(dtype=float), lat=table["lat"].to_numpy(dtype=float),
        days=np.array([d or None for d in when.to_numpy(dtype=object, na_value=None)],
                      dtype="datetime64[D]"),
        event=table["event"].to_numpy(dtype=object, na_value=None),
        side=table["event_side"].to_numpy(dtype=object, na_value=None),
        country=table["country"].to_numpy(dtype=object, na_value=None),
        kind=table["kind"].to_numpy(dtype=object, na_value=None), frontline=frontline)
    out = table.copy()
    out["frontline_check"] = pd.Series(columns["frontline_check"], index=out.index,
                                       dtype="string")
    out["frontline_date"] = pd.Series(columns["frontline_date"], index=out.index, dtype="string")
    out["km_to_front"] = columns["km_to_front"]
    return out


def frontline_columns(*, lon: np.ndarray, lat: np.ndarray, days: np.ndarray, event: np.ndarray,
                      side: np.ndarray, country: np.ndarray, kind: np.ndarray,
                      frontline: Frontline) -> dict[str, np.ndarray]:
    """The three columns for rows given as arrays: coordinates (NaN when unplaced), days
    (datetime64[D], NaT when undated), event, event side, country and kind of place (None when
    empty). Only places on the ground count: a region's or a country's point is a label (the
    mean of its places), so neither is measured nor checked."""
    rows = len(lon)
    check = np.full(rows, None, dtype=object)
    check_day = np.full(rows, np.datetime64("NaT"), dtype="datetime64[D]")
    km = np.full(rows, np.nan)
    placed = ~np.isnan(lon) & ~np.isnan(lat) & np.isin(kind, GROUND)
    current = frontline.in_effect(days)
    # measured in the reference's country only: across the border its area says nothing of
    # who holds a place (an occupied-area map has no Russian ground), and nor does the distance
    measured = np.flatnonzero(placed & (current >= 0) & (country == frontline.country))
    if len(measured):
        km[measured], check_day[measured] = _signed_km(frontline, lon[measured], lat[measured],
                                                       current[measured])
    claims = np.flatnonzero(placed & np.isin(event, [Event.CAPTURE.value, Event.WITHDRAWAL.value])
                            & np.isin(side, [Side.RU.value, Side.UA.value]) & ~np.isnat(days))
    if len(claims):
        check[claims], decided_on = _checks(
            frontline, lon[claims], lat[claims], days[claims], event[claims], side[claims],
            country[claims])
        decided = ~np.isnat(decided_on)  # no_data: the date stays the distance's
        check_day[claims[decided]] = decided_on[decided]
    check_day_text = np.full(rows, None, dtype=object)
    known = ~np.isnat(check_day)
    check_day_text[known] = check_day[known].astype(str)
    return {"frontline_check": check, "frontline_date": check_day_text,
            "km_to_front": np.round(km, 2)}


def _signed_km(frontline: Frontline, lon: np.ndarray, lat: np.ndarray, snapshot: np.ndarray
               ) -> tuple[np.ndarray, np.ndarray]:
    """Each distinct (place, snapshot) worked out once: the signed distance and the snapshot's
    date."""
    keys = np.column_stack([lon, lat, frontline.shape_of[snapshot]])
    distinct, back = np.unique(keys, axis=0, return_inverse=True)
    back = back.ravel()
    shape_first = np.zeros(len(distinct), np.int64)  # any snapshot with that area will do
    shape_first[back] = snapshot
    inside = frontline.inside(distinct[:, 0], distinct[:, 1], shape_first)
    km = frontline.km_to_edge(distinct[:, 0], distinct[:, 1], shape_first)
    return np.where(inside, -km, km)[back], frontline.dates[snapshot]


def _checks(frontline: Frontline, lon: np.ndarray, lat: np.ndarray, days: np.ndarray,
            event: np.ndarray, side: np.ndarray, country: np.ndarray
            ) -> tuple[np.ndarray, np.ndarray]:
    """The check and its snapshot's date, per claim."""
    claims = len(lon)
    other = np.where(side == Side.RU.value, Side.UA.value, Side.RU.value)
    gains = np.where(event == Event.CAPTURE.value, side, other)  # the side the place passed to
    wants_inside = gains == frontline.area_side.value
    window_end = days + WINDOW_DAYS * _DAY
    before = frontline.in_effect(days - _DAY)  # the snapshot in effect the day before
    first_in = np.searchsorted(frontline.dates, days, side="left")  # the window's snapshots
    last_in = np.searchsorted(frontline.dates, window_end, side="right") - 1
    check = np.full(claims, FrontlineCheck.NO_DATA.value, dtype=object)
    check_day = np.full(claims, np.datetime64("NaT"), dtype="datetime64[D]")
    usable = (before >= 0) & (country == frontline.country)
    # every (claim, snapshot) pair to test: the one before, then the window's, in date order
    spans = np.where(usable, np.maximum(last_in - first_in + 1, 0), 0)
    claim_of = np.repeat(np.arange(claims), spans)
    offsets = np.arange(len(claim_of)) - np.repeat(np.cumsum(spans) - spans, spans)
    pairs_claim = np.concatenate([np.flatnonzero(usable), claim_of])
    pairs_snapshot = np.concatenate([before[usable], first_in[claim_of] + offsets])
    holds = (frontline.inside(lon[pairs_claim], lat[pairs_claim], pairs_snapshot)
             == wants_inside[pairs_claim])
    already = np.zeros(claims, bool)
    already[np.flatnonzero(usable)] = holds[:usable.sum()]
    window = holds[usable.sum():]
    confirmed_at = np.full(claims, len(frontline.dates))  # the first snapshot that bears it out
    np.minimum.at(confirmed_at, claim_of[window], (first_in[claim_of] + offsets)[window])
    confirmed_at[confirmed_at == len(frontline.dates)] = -1
    reaches = window_end <= frontline.dates[-1]
    for rows, value, day in (
            # still on the other side at every snapshot of the window, and the window has
            # one: without a snapshot in it, the record has nothing to say (no_data)
            (usable & reaches & (confirmed_at < 0) & (last_in >= first_in),
             FrontlineCheck.NOT_CONFIRMED,
             frontline.dates[np.clip(last_in, 0, None)]),
            (usable & (confirmed_at >= 0), FrontlineCheck.CONFIRMED,
             frontline.dates[np.clip(confirmed_at, 0, None)]),
            (usable & already, FrontlineCheck.ALREADY, frontline.dates[np.clip(before, 0, None)])):
        check[rows] = value.value
        check_day[rows] = day[rows]
    return check, check_day


def _floats(batch: pa.RecordBatch, name: str) -> np.ndarray:
    return batch.column(name).to_numpy(zero_copy_only=False).astype(float)


def _strings(batch: pa.RecordBatch, name: str) -> np.ndarray:
    return np.array(batch.column(name).to_pylist(), dtype=object)


def _days(batch: pa.RecordBatch) -> np.ndarray:
    """A row's day: its mention's date, else its article's publication date."""
    when = [d or p for d, p in zip(batch.column("date").to_pylist(),
                                   batch.column("published").to_pylist(), strict=True)]
    return np.array(when, dtype="datetime64[D]")
