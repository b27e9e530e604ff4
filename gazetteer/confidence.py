"""How sure a ranking is: one rule, for `frontline place` and for every mention in an article.

``ranking`` scores each candidate place of a name; the article stages of ``geo`` add the
article's context to those scores. Either way the candidates end here, and the same rule says
how sure the winner is:

- confidence is how clearly a candidate beats its best rival (a logistic of the score gap: 0.5
  at a tie, near 1 far ahead, 1 alone), times the quality of the match (``Candidate.quality``:
  1 for the name as spelled, less through a case ending, transliteration folding or edits);
- a rival is another place: candidates within ``SAME_PLACE_KM`` of each other are one place for
  the map (GeoNames lists some towns twice);
- the winner is ambiguous when a rival scores within ``AMBIGUITY_GAP`` of it.

So a name with no context gets the same confidence and the same ambiguity from
``Gazetteer.resolve`` and from a one-sentence article.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .ranking import haversine_km
from .records import Candidate, Place

# How the query met the name: spelled the same, through a case ending, through folding.
HOW_QUALITY = {"exact": 1.0, "inflected": 0.97, "folded": 0.92}
# A name only an online geocoder vouches for (one answer to a bare name, no cross-check): its
# match is never as sure as a name the gazetteer's own data gives.
NAME_QUALITY = {"online": 0.7}
TEMPERATURE = 0.1
AMBIGUITY_GAP = 0.1
SAME_PLACE_KM = 5.0


def fuzzy_quality(edits: int, length: int) -> float:
    """A misspelling caught by the fuzzy fallback: every edit in a short name costs a lot."""
    return max(0.0, 1.0 - 2.0 * edits / length)


def margin_confidence(score: float, rival: float | None) -> float:
    """How sure ``score`` beats its best rival: 0.5 at a tie, near 1 far ahead, 1 alone."""
    if rival is None:
        return 1.0
    return 1.0 / (1.0 + math.exp(-(score - rival) / TEMPERATURE))


def same_place(a: Place, b: Place) -> bool:
    # A degree of latitude is over 111 km anywhere: places further apart in latitude alone are
    # two places whatever their longitudes, and need no great-circle distance (most rivals).
    if abs(a.lat - b.lat) * 111.0 > SAME_PLACE_KM:
        return False
    return haversine_km(a.lat, a.lon, b.lat, b.lon) <= SAME_PLACE_KM


@dataclass(frozen=True)
class Scored:
    """Candidates best first with their confidences set, and whether the best is ambiguous."""

    candidates: tuple[Candidate, ...]
    ambiguous: bool

    @property
    def best(self) -> Candidate | None:
        return self.candidates[0] if self.candidates else None


def _rival(top: Place, others: Iterable[tuple[Place, float]]) -> float | None:
    """The score of the best of ``others`` (places with their scores, best first) that is
    another place than ``top``."""
    return next((score for place, score in others if not same_place(top, place)), None)


def is_ambiguous(ordered: Sequence[Candidate]) -> bool:
    """Candidates best first: does another place score within ``AMBIGUITY_GAP`` of the best?"""
    if not ordered:
        return False
    rival = _rival(ordered[0].place, ((c.place, c.score) for c in ordered[1:]))
    return rival is not None and ordered[0].score - rival < AMBIGUITY_GAP


def judge(candidates: Iterable[Candidate], scores: Iterable[float] | None = None) -> Scored:
    """Order candidates by score (``scores`` when given, else each one's ``score``; ties keep
    their order) and set each one's score and confidence: the winner's against its best rival,
    every other one's against the winner."""
    candidates = list(candidates)
    scores = [c.score for c in candidates] if scores is None else list(scores)
    order = sorted(range(len(candidates)), key=scores.__getitem__, reverse=True)  # stable
    if not order:
        return Scored((), False)
    top_place, top = candidates[order[0]].place, scores[order[0]]
    rival = _rival(top_place, ((candidates[i].place, scores[i]) for i in order[1:]))
    judged = []
    against = rival  # the winner's margin is over its rival, every other one's over the winner
    for i in order:
        c, score = candidates[i], scores[i]
        confidence = _confidence(score, against, c.quality)
        against = top
        if confidence == c.confidence and score == c.score:
            judged.append(c)  # judged so already (a frozen record: shared, never changed)
        else:  # not dataclasses.replace: this runs per candidate
            judged.append(Candidate(c.place, c.matched_name, c.match_type, confidence, score,
                                    c.quality))
    return Scored(tuple(judged), rival is not None and top - rival < AMBIGUITY_GAP)


def _confidence(score: float, rival: float | None, quality: float) -> float:
    """``margin_confidence`` times the match's quality, to three places. Most candidates trail
    the winner so far that this rounds to 0: they are answered without ``round`` (which
    converts its number to decimal exactly, at a cost), as a number under 0.0005 rounds to 0."""
    confidence = margin_confidence(score, rival) * quality
    return round(confidence, 3) if confidence >= 0.0005 else 0.0
