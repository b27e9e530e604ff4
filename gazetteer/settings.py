"""Where frontline keeps its files.

- The index cache: ``$FRONTLINE_CACHE_DIR``, else the platform cache folder
  (``~/.cache/frontline`` on Linux). Safe to delete: it is rebuilt on the next run.
- The user supplement (places and aliases added with ``frontline place add``, and ``--online``
  answers): ``$FRONTLINE_DATA_DIR/places.csv``, else the platform data folder
  (``~/.local/share/frontline/places.csv`` on Linux). Every later run reads it.
"""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path:
    if os.environ.get("FRONTLINE_CACHE_DIR"):
        return Path(os.environ["FRONTLINE_CACHE_DIR"])
    import platformdirs

    return Path(platformdirs.user_cache_dir("frontline"))


def data_dir() -> Path:
    if os.environ.get("FRONTLINE_DATA_DIR"):
        return Path(os.environ["FRONTLINE_DATA_DIR"])
    import platformdirs

    return Path(platformdirs.user_data_dir("frontline"))


def user_supplement_path() -> Path:
    return data_dir() / "places.csv"
