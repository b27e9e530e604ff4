"""The one confidence rule: how clearly the best candidate beats its best rival, times the
quality of the match; ambiguous when a rival is close."""

from __future__ import annotations

import pytest

from gazetteer import Candidate, Place, is_ambiguous, judge, same_place
from gazetteer.confidence import AMBIGUITY_GAP, margin_confidence


def place(slug: str, lat: float, lon: float = 2.0) -> Place:
    return Place(f"world:{slug}", slug.title(), "settlement", lat, lon, "XA", "", 1000)


def candidate(where: Place, score: float, quality: float = 1.0) -> Candidate:
    return Candidate(where, where.name, "official", 0.0, score, quality)


A, B = place("alpha", 2.0), place("beta", 3.0)  # 111 km apart
A_TWIN = place("alpha-twin", 2.01)  # 1 km from A: listed twice, one place for the map


def test_alone_it_is_sure():
    (only,) = judge([candidate(A, 1.2)]).candidates
    assert only.confidence == 1.0


def test_confidence_grows_with_the_gap_and_is_half_at_a_tie():
    assert margin_confidence(1.0, 1.0) == 0.5
    assert margin_confidence(1.0, None) == 1.0
    gaps = [margin_confidence(1.0 + gap, 1.0) for gap in (0.05, 0.1, 0.3, 0.6)]
    assert gaps == sorted(gaps) and gaps[-1] > 0.99


def test_candidates_come_out_best_first_each_judged():
    ranked = judge([candidate(B, 1.0), candidate(A, 1.5, quality=0.92)])
    assert [c.place for c in ranked.candidates] == [A, B]
    best, rival = ranked.candidates
    assert best.confidence == round(margin_confidence(1.5, 1.0) * 0.92, 3)
    assert rival.confidence == round(margin_confidence(1.0, 1.5), 3)
    assert not ranked.ambiguous and ranked.best is best


@pytest.mark.parametrize(("rival_score", "ambiguous"), [(1.0 - AMBIGUITY_GAP / 2, True),
                                                        (1.0 - 2 * AMBIGUITY_GAP, False)])
def test_ambiguous_when_another_place_is_close(rival_score, ambiguous):
    ordered = [candidate(A, 1.0), candidate(B, rival_score)]
    assert is_ambiguous(ordered) is ambiguous
    assert judge(ordered).ambiguous is ambiguous


def test_the_same_place_listed_twice_is_no_rival():
    assert same_place(A, A_TWIN) and not same_place(A, B)
    ranked = judge([candidate(A, 1.0), candidate(A_TWIN, 0.99)])
    assert not ranked.ambiguous and ranked.best.confidence == 1.0
    assert not is_ambiguous([])
    assert judge([]).best is None
