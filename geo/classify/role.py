"""Role: a national capital that acts is a government, not a place.

"Moscow said", "urged Kyiv", "the Kiev regime": the capital's name stands for its government
(role ``actor``). Such a mention is still placed (at the capital) but the map leaves it out
unless asked (``--actors``), and it vouches for nothing about where the article's other places
are (``find.coherence`` does not take it as an anchor).
"""

from __future__ import annotations

import re

from gazetteer import Gazetteer
from geo.find.candidates import Resolved
from geo.schema import Role

_ACTOR_AFTER = re.compile(
    r"^(?:['’]s)?\s+(?:has\s+|have\s+|had\s+|is\s+|was\s+|also\s+|still\s+|again\s+|then\s+)?"
    r"(?:said|says|say|insist\w*|claim\w*|den(?:y|ies|ied)|warn\w*|want\w*|accus\w*|"
    r"announc\w*|refus\w*|reject\w*|agree\w*|demand\w*|continu\w*|hope\w*|believ\w*|stat\w*|"
    r"respond\w*|threaten\w*|vow\w*|promis\w*|plan\w*|seek\w*|sought|decid\w*|confirm\w*|"
    r"regime|government|authorities|leadership|officials|administration|"
    r"заяв\w*|счита\w*|требу\w*|відмов\w*|наполяга\w*)\b", re.IGNORECASE)
_ACTOR_BEFORE = re.compile(
    r"(?:urg\w*|told|tell\w*|accus\w*|ask\w*|press\w*|pressure\s+on|talks\s+with|"
    r"negotiat\w*\s+with|deal\s+with|support\s+for|backed\s+by|relations\s+with|ties\s+with)"
    r"\s+$", re.IGNORECASE)


def role_of(text: str, item: Resolved, gazetteer: Gazetteer) -> Role:
    """``actor`` when the item's place is a national capital that acts in the text."""
    best = item.best
    if not best or not gazetteer.is_national_capital(best.place):
        return Role.LOCATION
    after = text[item.span.end:item.span.end + 40]
    before = text[max(0, item.span.start - 40):item.span.start]
    if _ACTOR_AFTER.match(after) or _acted_on(before):
        return Role.ACTOR
    return Role.LOCATION


def _acted_on(before: str) -> bool:
    """Whether ``_ACTOR_BEFORE`` finds its verb at the end of ``before``. A match is a verb
    (of two words at most, spaced out) and the white space that ends the text, so it lies in
    the text's last two words: the expression is tried on them alone, one space between them
    as ``\\s+`` reads any, not at each of 40 places (where it tries all its verbs)."""
    if not before[-1:].isspace():
        return False
    return _ACTOR_BEFORE.search(" ".join(before.rsplit(None, 2)[-2:]) + " ") is not None
