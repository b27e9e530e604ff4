"""This machine's speed today, printed beside every benchmark's figures.

Shared machines vary by 2x from hour to hour; the time of a plain Python loop, measured in the
same run, says how to read the other figures.
"""

from __future__ import annotations

import time


def machine_speed() -> float:
    """Seconds for 10 million steps of a plain Python loop."""
    started = time.perf_counter()
    total = 0
    for step in range(10_000_000):
        total += step
    return time.perf_counter() - started
