"""Every error the geo pipeline raises on purpose, under the one root ``FrontlineError`` (which
the gazetteer's errors share), so a caller catches one base. Each also subclasses the built-in
error it is a kind of. The command line turns them into one line on stderr and an exit code.
"""

from __future__ import annotations

from gazetteer import FrontlineError


class InputError(FrontlineError, OSError):
    """One input cannot be read as an article (reported as skipped, never raised to a caller)."""


class StoreError(FrontlineError, OSError):
    """The store cannot be opened or written (unwritable folder, not an SQLite file...)."""


class EngineError(FrontlineError, RuntimeError):
    """The engine cannot run (Dask not installed, scheduler unreachable, worker mismatch)."""


class ExportError(FrontlineError, ValueError):
    """The output cannot be written (unknown format, unwritable folder)."""


class FrontlineDataError(FrontlineError, ValueError):
    """The front-line reference gives no dated area (no such file, nothing readable, no feature
    with a date and an area); its single bad features are warnings, not this error."""
