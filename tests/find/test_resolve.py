"""Resolve: an article's spans resolved together, the steps in their order (made-up world).

Each step has its own tests (test_filters, test_aliases, test_coherence, classify/test_role);
these show that ``resolve_spans`` chains them so that each sees what the one before decided.
"""

from __future__ import annotations

import pytest

from geo.find.resolve import resolve_spans
from geo.schema import ResolutionStatus, Role
from tests.world import ID


@pytest.fixture(scope="module")
def resolved(world, recogniser):
    def run(text: str) -> list:
        return resolve_spans(text, recogniser.spans(text), world)

    return run


def outcome(items):
    return [(i.span.surface, i.best.place.place_id if i.best else None, i.resolution, i.role)
            for i in items]


def test_items_come_back_in_text_order_with_learned_aliases_found_again(resolved):
    text = ("Units left Kamianopil (known as Krasnoshakht in enemy reports) overnight. Later, "
            "Krasnoshakht was quiet.")
    items = resolved(text)
    assert [i.span.start for i in items] == sorted(i.span.start for i in items)
    assert outcome(items) == [("Kamianopil", ID["kamianopil"], "resolved", "location")] + [
        ("Krasnoshakht", ID["kamianopil"], "resolved", "location")] * 2


def test_filtered_names_never_reach_the_later_steps(resolved):
    text = "Gen. Taras Bortnyk said Hrushanka held. Bortnyk (known as Krasnoshakht) is a hero."
    assert outcome(resolved(text)) == [  # no alias learned from a surname
        ("Hrushanka", ID["hrushanka"], "ambiguous", "location"),
        ("Krasnoshakht", None, "unresolved", "location")]


def test_an_acting_capital_is_known_before_coherence_ranks(resolved):
    text = "Velmarsk said its troops had taken Hrushanka, the governor of the ZNR denied it."
    assert outcome(resolved(text)) == [
        ("Velmarsk", ID["velmarsk"], "resolved", "actor"),
        ("Hrushanka", ID["hrushanka"], "resolved", "location"),  # by the ZNR, not the capital
        ("ZNR", ID["zoriana-oblast"], "resolved", "location"),
    ]


def test_the_capital_as_a_place_pulls_its_namesake(resolved):
    items = resolved("Drones hit Velmarsk overnight; debris fell on Hrushanka.")
    assert outcome(items) == [("Velmarsk", ID["velmarsk"], "resolved", "location"),
                              ("Hrushanka", ID["hrushanka-velmarsk"], "resolved", "location")]


def test_a_name_met_only_through_folding_far_from_the_rest_is_not_placed(resolved):
    text = "Fighting raged in Zoriansk, Kamianopil and Sokil Yar, and around Tumanovka."
    tumanovka = resolved(text)[-1]
    assert tumanovka.span.surface == "Tumanovka"
    assert tumanovka.resolution == ResolutionStatus.UNRESOLVED
    assert tumanovka.best.place.place_id == ID["tumanivka"]  # still listed as a candidate
    assert tumanovka.role == Role.LOCATION
