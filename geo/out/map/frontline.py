"""A front-line reference -> the map's front-line layer: each distinct area once, simplified for
display, and which area is in effect from each date.

DeepStateMap's weekly snapshots are some 3,000 vertices each, 109 of them in two years: embedded
as GeoJSON they would be most of the page. So each distinct area (``Frontline.areas``: two
snapshots with the same area share it) is embedded once, simplified with
``shapely.simplify(..., preserve_topology=True)`` (rings stay valid and do not cross) at
``TOLERANCE`` degrees, so no point of the drawn line is more than ``TOLERANCE`` of latitude, 44 m,
from the reference's line: under the 50 m that still looks exact at zoom 12 (a pixel is about
25 m there, at 48° N). Coordinates are integers of ``1 / SCALE`` degrees (about a metre),
each after a ring's first as the difference from the one before, so a vertex costs a few
characters of JSON. The page (``assets/frontline_map.js``) decodes an area when it is first
shown.
"""

from __future__ import annotations

import numpy as np
import shapely

from geo.classify.frontline_check import WINDOW_DAYS, Frontline

TOLERANCE = 0.0004  # degrees: at most 44.5 m of latitude, less of longitude
SCALE = 100_000  # coordinates in 1e-5 degrees (at most 0.8 m off)


def front_layer(frontline: Frontline) -> dict:
    """The page's ``front``: the reference's name, its dates (ISO), per date the index of its
    area in ``areas``, and each area as polygons of rings of delta-encoded integer coordinates
    (``encode``); ``area_side`` holds the area (a claim's check reads "inside" for that side)."""
    return {"name": frontline.name, "dates": [str(d) for d in frontline.dates],
            "shapes": [int(i) for i in frontline.shape_of],
            "areas": [encode(shapely.simplify(area, TOLERANCE, preserve_topology=True))
                      for area in frontline.areas],
            "area_side": str(frontline.area_side), "window_days": WINDOW_DAYS,
            "scale": SCALE}


def encode(area) -> list[list[list[int]]]:
    """A (multi)polygon as [polygon][ring] flat lists: the first vertex's longitude and latitude
    in ``1 / SCALE`` degrees, then each next vertex's differences (the closing vertex left out)."""
    polygons = []
    for polygon in shapely.get_parts(area):
        rings = []
        for ring in [polygon.exterior, *polygon.interiors]:
            whole = np.round(shapely.get_coordinates(ring)[:-1] * SCALE).astype(np.int64)
            steps = np.diff(whole, axis=0, prepend=np.zeros((1, 2), np.int64))
            rings.append(steps.ravel().tolist())
        polygons.append(rings)
    return polygons


def decode(polygons: list[list[list[int]]]) -> shapely.MultiPolygon:
    """``encode``'s lists back to a MultiPolygon (what the page draws), for tests and users."""
    parts = []
    for rings in polygons:
        coords = [np.cumsum(np.array(ring, np.int64).reshape(-1, 2), axis=0) / SCALE
                  for ring in rings]
        parts.append(shapely.Polygon(coords[0], coords[1:]))
    return shapely.MultiPolygon(parts)
