"""geo: articles -> dated place mentions -> dated map layers.

``geo.mentions(paths)`` is imported on first use, so `frontline place` does not pay for
geopandas.
"""

from __future__ import annotations

__all__ = ["mentions"]


def __getattr__(name: str):
    if name == "mentions":
        from geo.run.pipeline import mentions

        return mentions
    raise AttributeError(f"module 'geo' has no attribute {name!r}")
