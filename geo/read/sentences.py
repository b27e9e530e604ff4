"""Sentence boundaries, so each mention carries the sentence it stands in (and its date).

A plain rule, good enough for news prose in English, Russian and Ukrainian: a sentence ends at a
line break, or at . ! ? … (with closing quotes or brackets) followed by a space and an
upper-case letter, a digit or an opening quote. Abbreviations such as "Gen." or "U.S." followed
by a capitalised name split a sentence early; that only shortens the sentence shown.
"""

from __future__ import annotations

import re
from bisect import bisect_right

# The character that ends a sentence opens the match, so the engine skips in C to where one
# stands instead of trying the expression at every character; only the match's end is read.
_BOUNDARY = re.compile(r"[.!?…\n](?:(?<=[.!?…])[\"'”’»)\]]*\s+(?=[\"'“«(\[]?[A-ZА-ЯЁІЇЄҐ0-9])"
                       r"|(?<=\n)\n*)")


class Sentences:
    """The sentences of one text, found once, looked up by character offset."""

    def __init__(self, text: str):
        self.text = text
        starts = [0]
        starts += [match.end() for match in _BOUNDARY.finditer(text)]
        if len(starts) > 1 and starts[-1] == len(text):  # only the last break can end the text
            starts.pop()
        self.starts = starts
        self._trimmed: dict[int, tuple[int, int]] = {}  # sentence index -> its bounds

    def around(self, offset: int) -> tuple[int, int]:
        """(start, end) of the sentence holding ``offset``, surrounding white space trimmed."""
        return self._bounds(bisect_right(self.starts, offset) - 1)

    def before(self, bounds: tuple[int, int]) -> tuple[int, int] | None:
        """The bounds of the sentence before the one at ``bounds`` (None for the first)."""
        if bounds[0] <= 0:
            return None
        return self._bounds(bisect_right(self.starts, bounds[0] - 1) - 1)

    def _bounds(self, index: int) -> tuple[int, int]:
        """The trimmed bounds of sentence ``index``, worked out once: an article's names ask
        for the same few sentences again and again."""
        found = self._trimmed.get(index)
        if found is None:
            text, start = self.text, self.starts[index]
            end = self.starts[index + 1] if index + 1 < len(self.starts) else len(text)
            # stepped over in place (a sentence has a character or two of white space about it),
            # not stripped from a copy; as strip() would, for one all white space: (end, start)
            first, last = start, end
            while first < end and text[first].isspace():
                first += 1
            while last > start and text[last - 1].isspace():
                last -= 1
            found = self._trimmed[index] = (first, last)
        return found
