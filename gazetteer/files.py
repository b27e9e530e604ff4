"""Writing files so that a reader never sees half of one.

Every file frontline writes (the index cache, the user supplement, tables, maps, reports) goes
through ``atomic_path``: it is written under a temporary name in the destination's folder and
renamed into place only when complete, so an interrupted run (Ctrl-C, kill, a full disk) leaves
either the old file or the new one, never a fragment. Missing folders are created.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


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
