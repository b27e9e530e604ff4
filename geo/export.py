"""Write the mentions table: GeoJSON, CSV, GeoPackage or Parquet, always atomically.

A file is written next to its destination under a temporary name and renamed into place, so an
interrupted run never leaves half a table behind. GeoJSON is written by geopandas' ``to_json``
(deterministic: the same table gives the same bytes); ``-`` writes GeoJSON to standard output.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import geopandas as gpd

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


def geojson_text(frame: gpd.GeoDataFrame) -> str:
    return frame.to_json(na="null", ensure_ascii=False, indent=None) + "\n"


def write(frame: gpd.GeoDataFrame, output: str, fmt: str) -> None:
    if output == "-":
        if fmt != "geojson":
            raise ExportError("standard output takes GeoJSON only")
        sys.stdout.write(geojson_text(frame))
        return
    path = Path(output)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        os.close(fd)
    except OSError as error:
        raise ExportError(f"cannot write {output}: {error.strerror or error}") from error
    try:
        if fmt == "geojson":
            Path(tmp).write_text(geojson_text(frame), encoding="utf-8")
        elif fmt == "csv":
            frame.drop(columns="geometry").to_csv(tmp, index=False)
        elif fmt == "parquet":
            frame.to_parquet(tmp, index=False)
        elif fmt == "gpkg":
            os.unlink(tmp)  # the GPKG driver wants to create the file itself
            frame.to_file(tmp, driver="GPKG", layer="mentions")
        else:
            raise ExportError(f"unknown format {fmt!r}")
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
