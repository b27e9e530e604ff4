"""Misspellings: the last resort when no name matches, under a strict threshold.

The fuzzy pool is the fold keys of places worth a guess (the theatre, regions, countries, and
places of 15,000+ people elsewhere): a misspelt hamlet in Peru is not worth a wrong dot.
A near key counts as a match when it is at most one edit away (a letter added, dropped,
changed, or two letters swapped; two edits for keys of 10+ letters) and the key is at least
``MIN_LENGTH`` long. Other keys above ``SUGGEST_RATIO`` are only offered as "did you mean".
"""

from __future__ import annotations

from rapidfuzz import fuzz, process
from rapidfuzz.distance import DamerauLevenshtein

SUGGEST_RATIO = 70.0
MIN_LENGTH = 5
LONG_KEY = 10


def near_keys(key: str, pool: list[str], limit: int = 8) -> list[tuple[str, float]]:
    """The pool keys most like ``key`` (fold keys both), best first, with their ratio 0-100."""
    if len(key) < 3 or not pool:
        return []
    found = process.extract(key, pool, scorer=fuzz.ratio, limit=limit,
                            score_cutoff=SUGGEST_RATIO)
    return [(choice, float(score)) for choice, score, _ in found]


def edits(key: str, other: str) -> int:
    return DamerauLevenshtein.distance(key, other)


def is_match(key: str, other: str) -> bool:
    allowed = 2 if len(key) >= LONG_KEY else 1
    return len(key) >= MIN_LENGTH and edits(key, other) <= allowed
