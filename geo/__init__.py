"""geo: articles -> dated place mentions -> dated map layers.

``geo.mentions(paths)`` and ``geo.read_frontline(path)`` (a dated front-line reference) are
imported on first use, so `frontline place` does not pay for geopandas.
"""

from __future__ import annotations

__all__ = ["mentions", "read_frontline"]


def __getattr__(name: str):
    if name == "mentions":
        from geo.run.pipeline import mentions

        return mentions
    if name == "read_frontline":
        from geo.read.frontline import read_frontline

        return read_frontline
    raise AttributeError(f"module 'geo' has no attribute {name!r}")
