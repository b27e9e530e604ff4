"""What both packages share, and nothing else: the root of frontline's errors, where its files
live, and writing a file so that a reader never sees half of one.

Where files live:
- the cache (gazetteer index, mentions store): ``$FRONTLINE_CACHE_DIR``, else the platform cache
  folder (``~/.cache/frontline`` on Linux). Safe to delete: it is rebuilt on the next run;
- the user supplement (places and aliases added with ``frontline place add``, and ``--online``
  answers): ``$FRONTLINE_DATA_DIR/places.csv``, else the platform data folder
  (``~/.local/share/frontline/places.csv`` on Linux). Every later run reads it.

Every file frontline writes (the index cache, the user supplement, tables, maps, reports) goes
through ``atomic_path``: it is written under a temporary name in the destination's folder and
renamed into place only when complete, so an interrupted run (Ctrl-C, kill, a full disk) leaves
either the old file or the new one, never a fragment. Missing folders are created.

Libraries log (``logging.getLogger("frontline...")``); only the command line prints.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class FrontlineError(Exception):
    """The root of every error frontline raises on purpose: a caller catches this one base. The
    command line turns each into one line on stderr and an exit code."""


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


@contextmanager
def atomic_path(destination: str | Path, mode: int = 0o644) -> Iterator[Path]:
    """A temporary path to write; it becomes ``destination`` when the block ends without an
    error, and is removed otherwise. Raises OSError when the folder cannot be made or written."""
    destination = Path(destination)
    destination.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=destination.parent, prefix=f".{destination.name}.",
                                suffix=f".tmp{destination.suffix}")  # writers go by the suffix
    os.close(fd)
    temporary = Path(name)
    try:
        yield temporary
        os.chmod(temporary, mode)  # mkstemp makes files private; ours are for sharing
        os.replace(temporary, destination)
    finally:
        if temporary.exists():
            temporary.unlink()
