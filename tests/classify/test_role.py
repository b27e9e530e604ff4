"""Role: a national capital that acts stands for its government (made-up world: Velmarsk is
Valdoria's capital, once called Velikomarsk; Nordgrad is Borealia's; Zoriansk is no capital)."""

from __future__ import annotations

import pytest

from geo.classify.role import role_of
from geo.find.candidates import Resolved, candidates_of
from geo.find.recognise import Recogniser, Span
from geo.schema import Role


@pytest.fixture(scope="module")
def roles(world):
    lookup = world.resolve
    recogniser = Recogniser(world, lookup)

    def run(text: str) -> list[tuple[str, Role]]:
        items = [Resolved(s, *candidates_of(s, lookup)) for s in recogniser.spans(text)]
        return [(item.span.surface, role_of(text, item, world)) for item in items]

    return run


@pytest.mark.parametrize("text", [
    "Velmarsk said the talks were over.",
    "Velmarsk has warned it will not sign.",
    "Velmarsk's government denied it.",
    "The Velikomarsk regime is buying time.",  # the old name: a government all the same
    "The envoy urged Velmarsk to hold firm.",
    "Nordgrad accused the rear of delays.",
    "Pressure on Velmarsk grows.",
    "After a week of talks\nwith  Velmarsk, the envoy left.",  # the verb across a line break
    "Вельмарськ заявив про перемир'я.",
    "Вельмарск требует гарантий.",
])
def test_a_capital_that_acts_is_an_actor(roles, text):
    assert [role for _surface, role in roles(text)] == [Role.ACTOR]


@pytest.mark.parametrize("text", [
    "Drones hit Velmarsk overnight.",
    "Trains from Velmarsk to Zoriansk run again.",
    "In Velmarsk, officials said the talks were over.",  # "said" is not Velmarsk's
    "Zoriansk said it had no water.",  # no capital: no government
    "The Zoriansk administration urged calm.",
    "The storm pressed on, and Velmarsk flooded.",  # a verb, but not the one before the name
])
def test_a_capital_as_a_place_and_other_places_are_locations(roles, text):
    assert {role for _surface, role in roles(text)} == {Role.LOCATION}


def test_an_unknown_name_is_a_location(world):
    item = Resolved(Span(0, 9, "Tykhovody", ("Tykhovody",), known=False))
    assert role_of("Tykhovody said nothing.", item, world) == Role.LOCATION
