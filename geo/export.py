"""Write the mentions table: GeoJSON, CSV, GeoPackage or Parquet, always atomically.

A file is written next to its destination under a temporary name and renamed into place, so an
interrupted run never leaves half a table behind. GeoJSON is streamed feature by feature (a
geopandas ``to_json`` of 300,000 mentions needs gigabytes), deterministic: the same table gives
the same bytes. ``-`` writes GeoJSON to standard output.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import geopandas as gpd
import pandas as pd

from gazetteer.files import atomic_path

BATCH_ROWS = 20_000
FORMATS = {".geojson": "geojson", ".json": "geojson", ".csv": "csv", ".gpkg": "gpkg",
           ".parquet": "parquet"}


class ExportError(ValueError):
    """The output cannot be written (unknown format, unwritable folder)."""


def format_for(output: str, explicit: str | None) -> str:
    if explicit:
        return explicit
    if output == "-":
        return "geojson"
    suffix = Path(output).suffix.lower()
    if suffix not in FORMATS:
        raise ExportError(f"cannot tell the format of {output!r}: use --format "
                          f"geojson|csv|gpkg|parquet or one of {', '.join(FORMATS)}")
    return FORMATS[suffix]


def geojson_chunks(frame: gpd.GeoDataFrame) -> Iterator[str]:
    """The table as a GeoJSON FeatureCollection (RFC 7946, WGS84), one feature per line."""
    columns = [c for c in frame.columns if c != frame.geometry.name]
    yield '{"type": "FeatureCollection", "features": [\n'
    for first in range(0, len(frame), BATCH_ROWS):  # Python objects for one batch at a time
        batch = frame.iloc[first:first + BATCH_ROWS]
        values = [_plain_values(batch[c]) for c in columns]
        for number, row in enumerate(zip(*values, strict=True), start=first):
            properties = dict(zip(columns, row, strict=True))
            lat, lon = properties["lat"], properties["lon"]
            geometry = None if lat is None else {"type": "Point", "coordinates": [lon, lat]}
            feature = {"type": "Feature", "properties": properties, "geometry": geometry}
            yield ("" if number == 0 else ",\n") + _ENCODER.encode(feature)
    yield "\n]}\n"


_ENCODER = json.JSONEncoder(ensure_ascii=False)


def _plain_values(column: pd.Series) -> list:
    """A column as JSON-ready Python values: missing values (NaN, NA) become None."""
    return column.astype(object).where(column.notna(), None).tolist()


def write_report(report: dict, output: str) -> None:
    """The run report as JSON, written atomically like every output."""
    with _writing(output) as temporary:
        temporary.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n",
                             encoding="utf-8")


@contextmanager
def _writing(output: str) -> Iterator[Path]:
    """``atomic_path``, with an OS error turned into a message for the user."""
    try:
        with atomic_path(output) as temporary:
            yield temporary
    except OSError as error:
        raise ExportError(f"cannot write {output}: {error.strerror or error}") from error


def write(frame: gpd.GeoDataFrame, output: str, fmt: str) -> None:
    if output == "-":
        if fmt != "geojson":
            raise ExportError("standard output takes GeoJSON only")
        sys.stdout.writelines(geojson_chunks(frame))
        return
    if fmt not in FORMATS.values():
        raise ExportError(f"unknown format {fmt!r}")
    with _writing(output) as temporary:
        if fmt == "geojson":
            with open(temporary, "w", encoding="utf-8") as handle:
                handle.writelines(geojson_chunks(frame))
        elif fmt == "csv":
            frame.drop(columns="geometry").to_csv(temporary, index=False)
        elif fmt == "parquet":
            frame.to_parquet(temporary, index=False)
        else:  # gpkg: the driver wants to create the file itself
            temporary.unlink()
            frame.to_file(temporary, driver="GPKG", layer="mentions")
