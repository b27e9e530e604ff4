"""Write the mentions table: GeoJSON, CSV, GeoPackage or Parquet, always atomically.

A file is written next to its destination under a temporary name and renamed into place, so an
interrupted run never leaves half a table behind. Every format is written batch by batch as the
run produces them (``TableWriter``): a table of millions of mentions never sits in memory whole.
GeoJSON is deterministic: the same rows give the same bytes, however they were batched. ``-``
writes GeoJSON to standard output (spooled, so a failed run prints nothing).
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from gazetteer import atomic_path
from geo.errors import ExportError
from geo.schema import CRS, SCHEMA, frame_of

if TYPE_CHECKING:  # imported where used: GeoJSON and Parquet outputs need neither
    import geopandas as gpd
    import pandas as pd

FORMATS = {".geojson": "geojson", ".json": "geojson", ".csv": "csv", ".gpkg": "gpkg",
           ".parquet": "parquet"}


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


class TableWriter:
    """One output table written batch by batch, so that memory does not grow with the table.

    Use it as a context manager: the file appears at ``output`` when the block ends without an
    error (``-``: the GeoJSON goes to standard output then), nothing appears if it raises or if
    ``discard()`` was called (``--strict`` and a skipped input). Batches are Arrow rows of
    ``schema.SCHEMA``; ``write_frame`` takes a mentions GeoDataFrame instead.
    """

    def __init__(self, output: str, fmt: str):
        if fmt not in FORMATS.values():
            raise ExportError(f"unknown format {fmt!r}")
        if output == "-" and fmt != "geojson":
            raise ExportError("standard output takes GeoJSON only")
        self.output, self.fmt = output, fmt
        self.rows = 0
        self._keep = True
        self._stack = ExitStack()
        self._sink = None

    def __enter__(self) -> TableWriter:
        if self.output == "-":  # spooled: stdout gets all of it or, on failure, nothing
            self.path = Path(self._stack.enter_context(tempfile.TemporaryDirectory())) / "t"
        else:
            self.path = self._stack.enter_context(_writing(self.output))
        self._sink = _SINKS[self.fmt](self.path)
        return self

    def write(self, rows: pa.RecordBatch | pa.Table) -> None:
        if len(rows):
            self._sink.write(rows)
            self.rows += len(rows)

    def write_frame(self, frame: pd.DataFrame) -> None:
        import pandas as pd

        self.write(pa.Table.from_pandas(pd.DataFrame(frame[list(SCHEMA.names)]),
                                        schema=SCHEMA, preserve_index=False))

    def discard(self) -> None:
        self._keep = False

    def __exit__(self, kind, value, traceback) -> bool:
        if kind is None and self._keep:
            try:
                self._sink.close()
                if self.output == "-":
                    with open(self.path, encoding="utf-8") as handle:
                        shutil.copyfileobj(handle, sys.stdout)
                    sys.stdout.flush()
            except BaseException as error:
                self._stack.__exit__(type(error), error, error.__traceback__)
                raise
            return self._stack.__exit__(None, None, None)  # the file moves into place
        self._sink.abandon()
        if kind is None:  # discarded: roll the atomic write back as an error would
            kind, value = _Discarded, _Discarded()
        self._stack.__exit__(kind, value, traceback)
        return False


class _Discarded(Exception):
    """Tells the atomic write to leave nothing behind; never leaves the writer."""


class _GeoJSONSink:
    """A FeatureCollection (RFC 7946, WGS84), one feature per line, deterministic: the same
    rows give the same bytes however they were batched."""

    def __init__(self, path: Path):
        self.handle = open(path, "w", encoding="utf-8")  # noqa: SIM115 (closed by close/abandon)
        self.handle.write('{"type": "FeatureCollection", "features": [\n')
        self.first = True

    def write(self, rows) -> None:
        columns = rows.schema.names
        values = [rows.column(name).to_pylist() for name in columns]
        lat_at, lon_at = columns.index("lat"), columns.index("lon")
        lines = []
        for row in zip(*values, strict=True):
            lat, lon = row[lat_at], row[lon_at]
            geometry = None if lat is None else {"type": "Point", "coordinates": [lon, lat]}
            lines.append(_ENCODER.encode({"type": "Feature",
                                          "properties": dict(zip(columns, row, strict=True)),
                                          "geometry": geometry}))
        self.handle.write(("" if self.first else ",\n") + ",\n".join(lines))
        self.first = False

    def close(self) -> None:
        self.handle.write("\n]}\n")
        self.handle.close()

    def abandon(self) -> None:
        self.handle.close()


class _CSVSink:
    def __init__(self, path: Path):
        self.handle = open(path, "w", encoding="utf-8", newline="")  # noqa: SIM115 (as above)
        self.header = True

    def write(self, rows) -> None:
        frame_of(rows).drop(columns="geometry").to_csv(self.handle, header=self.header,
                                                     index=False)
        self.header = False

    def close(self) -> None:
        if self.header:  # no rows: the header still tells what the columns are
            self.handle.write(",".join(SCHEMA.names) + "\n")
        self.handle.close()

    abandon = close


class _ParquetSink:
    """GeoParquet 1.0: the columns as they are plus the point as WKB, written a row group per
    batch with pyarrow (geopandas writes a whole frame at once)."""

    def __init__(self, path: Path):
        self.path = path
        self.writer = None

    def write(self, rows) -> None:
        table = pa.Table.from_batches([rows]) if isinstance(rows, pa.RecordBatch) else rows
        lat = table.column("lat").to_numpy(zero_copy_only=False)
        lon = table.column("lon").to_numpy(zero_copy_only=False)
        table = table.append_column("geometry", wkb_points(lon, lat))
        if self.writer is None:
            table = table.replace_schema_metadata({b"geo": _geo_metadata()})
            self.writer = pq.ParquetWriter(self.path, table.schema)
        self.writer.write_table(table.cast(self.writer.schema))

    def close(self) -> None:
        if self.writer is None:
            self.write(SCHEMA.empty_table())
        self.writer.close()

    def abandon(self) -> None:
        if self.writer is not None:
            self.writer.close()


_WKB_POINT = np.dtype([("order", "u1"), ("kind", "<u4"), ("x", "<f8"), ("y", "<f8")])


def wkb_points(lon: np.ndarray, lat: np.ndarray) -> pa.Array:
    """ISO WKB of 2D points (little-endian, 21 bytes each, what shapely writes), null where
    ``lat`` is NaN; built with numpy in one pass instead of one geometry object per row."""
    points = np.empty(len(lat), dtype=_WKB_POINT)
    points["order"], points["kind"], points["x"], points["y"] = 1, 1, lon, lat
    placed = ~np.isnan(lat)
    validity = None if placed.all() else pa.array(placed).buffers()[1]
    return pa.FixedSizeBinaryArray.from_buffers(
        pa.binary(21), len(lat), [validity, pa.py_buffer(points.tobytes())]).cast(pa.binary())


def _geo_metadata() -> bytes:
    import pyproj

    crs = pyproj.CRS(CRS).to_json_dict()
    return json.dumps({"version": "1.0.0", "primary_column": "geometry",
                       "columns": {"geometry": {"encoding": "WKB", "geometry_types": ["Point"],
                                                "crs": crs}}}).encode()


class _GeoPackageSink:
    def __init__(self, path: Path):
        path.unlink()  # the driver wants to create the file itself
        self.path = path
        self.written = False

    def write(self, rows) -> None:
        frame_of(rows).to_file(self.path, driver="GPKG", layer="mentions", mode="a"
                             if self.written else "w")
        self.written = True

    def close(self) -> None:
        if not self.written:
            frame_of(SCHEMA.empty_table()).to_file(self.path, driver="GPKG", layer="mentions")

    def abandon(self) -> None:
        pass


_SINKS = {"geojson": _GeoJSONSink, "csv": _CSVSink, "parquet": _ParquetSink,
          "gpkg": _GeoPackageSink}
_ENCODER = json.JSONEncoder(ensure_ascii=False)


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
    """A whole mentions GeoDataFrame to ``output`` (the command line streams batches)."""
    with TableWriter(output, fmt) as writer:
        writer.write_frame(frame)
