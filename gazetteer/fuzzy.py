"""Misspellings: the last resort when no name matches, under a strict threshold.

The fuzzy pool is the salient keys (places of the theatre, regions, countries, and places of
15,000+ people elsewhere): a misspelt hamlet in Peru is not worth a wrong dot.
A near key counts as a match when it is at most one edit away (a letter added, dropped,
changed, or two letters swapped; two edits for keys of 10+ letters) and the key is at least
``MIN_LENGTH`` long. Other keys above ``SUGGEST_RATIO`` are only offered as "did you mean".

Only keys with the same first two letters and a length within two are compared, which keeps a
lookup cheap (benchmarks/bench_gazetteer.py); a misspelling in the first two letters is not
caught.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict

from rapidfuzz import fuzz, process
from rapidfuzz.distance import DamerauLevenshtein

SUGGEST_RATIO = 70.0
MIN_LENGTH = 5
LONG_KEY = 10
LENGTH_SLACK = 2
PREFIX = 2


class FuzzyPool:
    """Fold keys grouped by their first two letters, each group sorted by length, so the keys to
    compare are one slice."""

    def __init__(self, keys: list[str]):
        groups: dict[str, list[str]] = defaultdict(list)
        for key in keys:
            if len(key) >= MIN_LENGTH - LENGTH_SLACK:
                groups[key[:PREFIX]].append(key)
        self._groups = {prefix: sorted(group, key=len) for prefix, group in groups.items()}
        self._starts = {  # prefix -> length -> index of the first key that long or longer
            prefix: [bisect_left(group, n, key=len) for n in range(len(group[-1]) + 2)]
            for prefix, group in self._groups.items()
        }

    def _slice(self, key: str) -> list[str]:
        group, starts = self._groups.get(key[:PREFIX]), self._starts.get(key[:PREFIX])
        if not group:
            return []
        last = len(starts) - 1  # starts[last] == len(group)
        low = starts[min(max(0, len(key) - LENGTH_SLACK), last)]
        high = starts[min(len(key) + LENGTH_SLACK + 1, last)]
        return group[low:high]

    def near_keys(self, key: str, limit: int = 8) -> list[tuple[str, float]]:
        """The pool keys most like ``key``, best first, with their similarity ratio 0-100."""
        if len(key) < 3:
            return []
        found = process.extract(key, self._slice(key), scorer=fuzz.ratio, limit=limit,
                                score_cutoff=SUGGEST_RATIO)
        return [(choice, float(score)) for choice, score, _ in found]


def edits(key: str, other: str) -> int:
    return DamerauLevenshtein.distance(key, other)


def is_match(key: str, other: str) -> bool:
    allowed = 2 if len(key) >= LONG_KEY else 1
    return len(key) >= MIN_LENGTH and edits(key, other) <= allowed
