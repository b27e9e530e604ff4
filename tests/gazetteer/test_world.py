"""The made-up world of the stage tests (tests/world.py) is small, fast and fictional."""

from __future__ import annotations

import time

from gazetteer import REGION, fold_key
from tests import world as made_up


def test_the_world_builds_in_well_under_a_second():
    started = time.perf_counter()
    gazetteer = made_up.build_gazetteer()
    assert time.perf_counter() - started < 1.0
    assert gazetteer.resolve("Zoriansk").match.place.place_id == made_up.ID["zoriansk"]


def test_no_name_of_the_world_is_a_real_place(gazetteer):
    """Fictional names, so that no test datum passes for a fact about a real place."""
    names = {name for spot in made_up.spots() for name, _type in spot.names}
    real = {name: gazetteer.index.lookup(fold_key(name)) for name in names}
    assert {name: found for name, found in real.items() if found} == {}


def test_regions_and_countries_get_their_points_as_build_does():
    spots = {spot.slug: spot for spot in made_up.spots()}
    zoriana = spots["zoriana-oblast"]
    members = [s for s in made_up.SETTLEMENTS if s.admin1 == zoriana.admin1]
    assert zoriana.kind == REGION and len(members) == 6
    assert zoriana.lat == round(sum(s.lat for s in members) / 6, 5)
    assert (spots["valdoria"].lat, spots["valdoria"].lon) == (spots["velmarsk"].lat,
                                                               spots["velmarsk"].lon)
    assert all(-1 < s.lat < 4 and -1 < s.lon < 6 for s in spots.values())  # at sea, off Africa
