"""The find stages' fixtures, on the made-up world: an article's spans with their candidates, as
``find.resolve`` hands them from stage to stage."""

from __future__ import annotations

import pytest

from geo.find.candidates import CANDIDATES_PER_SPAN, Resolved, candidates_of
from geo.find.recognise import Recogniser


@pytest.fixture(scope="session")
def lookup(world):
    return lambda query: world.resolve(query, limit=CANDIDATES_PER_SPAN)


@pytest.fixture(scope="session")
def recogniser(world, lookup):
    return Recogniser(world, lookup)


@pytest.fixture(scope="session")
def items_of(recogniser, lookup):
    """text -> its items (``Resolved``) before any article-level stage."""

    def items(text: str) -> list[Resolved]:
        return [Resolved(span, *candidates_of(span, lookup)) for span in recogniser.spans(text)]

    return items
