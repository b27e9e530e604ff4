"""Candidates: every query of a span asked of the gazetteer, one ranked list (made-up world)."""

from __future__ import annotations

from geo.find.candidates import DERIVED_QUALITY, candidates_of, spelled_as
from geo.find.recognise import Span
from tests.world import ID


def test_the_surface_and_its_derived_forms(lookup):
    # "the Zoriansk and Lisovsk regions": the region reading first, then the name itself
    span = Span(0, 8, "Zoriansk", ("Zoriansk region", "Zoriansk"))
    candidates, direct = candidates_of(span, lookup)
    assert [c.place.place_id for c in candidates] == [ID["zoriansk"], ID["zoriana-oblast"]]
    assert direct == {ID["zoriansk"]}  # only the surface's own answers
    region = candidates[1]
    assert region.quality == DERIVED_QUALITY  # found through a derived form: a weaker match


def test_a_place_named_by_several_queries_is_listed_once_with_its_best_score(lookup):
    span = Span(0, 11, "Zorianskoye", ("Zorianskoye", "Zoriansk", "Zorian"))
    candidates, direct = candidates_of(span, lookup)
    assert [c.place.place_id for c in candidates] == [ID["zoriansk"]]
    assert candidates[0].match_type == "official"  # through "Zoriansk", not the fuzzy surface


def test_an_unknown_name_has_no_candidates(lookup):
    assert candidates_of(Span(0, 9, "Tykhovody", ("Tykhovody",), known=False), lookup) == (
        [], frozenset())


def test_spelled_as_ignores_case_and_punctuation_only(lookup):
    kamianopil = lookup("Kam'yanopil").match
    assert spelled_as(kamianopil, "KAMIANOPIL")
    assert not spelled_as(kamianopil, "Shakhtograd")
