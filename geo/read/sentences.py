"""Sentence boundaries, so each mention carries the sentence it stands in (and its date).

A plain rule, good enough for news prose in English, Russian and Ukrainian: a sentence ends at a
line break, or at . ! ? … (with closing quotes or brackets) followed by a space and an
upper-case letter, a digit or an opening quote. Abbreviations such as "Gen." or "U.S." followed
by a capitalised name split a sentence early; that only shortens the sentence shown.
"""

from __future__ import annotations

import re
from bisect import bisect_right

_BOUNDARY = re.compile(r"(?<=[.!?…])[\"'”’»)\]]*\s+(?=[\"'“«(\[]?[A-ZА-ЯЁІЇЄҐ0-9])|\n+")


class Sentences:
    """The sentences of one text, found once, looked up by character offset."""

    def __init__(self, text: str):
        self.text = text
        starts, position = [0], 0
        for match in _BOUNDARY.finditer(text):
            position = match.end()
            if position < len(text):
                starts.append(position)
        self.starts = starts

    def around(self, offset: int) -> tuple[int, int]:
        """(start, end) of the sentence holding ``offset``, surrounding white space trimmed."""
        index = bisect_right(self.starts, offset) - 1
        start = self.starts[index]
        end = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.text)
        chunk = self.text[start:end]
        lead = len(chunk) - len(chunk.lstrip())
        return start + lead, start + len(chunk.rstrip())
