"""The user's places and aliases: written to a CSV, applied to the gazetteer at load (on a fresh
made-up world each test, since applying adds to it)."""

from __future__ import annotations

import pytest

from gazetteer import SupplementError
from gazetteer import user_supplement as supplement
from tests import world as made_up


@pytest.fixture
def world():
    return made_up.build_gazetteer()


def test_a_new_place_with_its_aliases(world, tmp_path):
    path = tmp_path / "places.csv"
    row = supplement.add_place("Zarichne Pole", 2.2, 2.6, aliases=["Зарічне Поле", " "],
                               country="xa", path=path)
    assert supplement.read(path) == [{**row, "lat": "2.200000", "lon": "2.600000", "to": ""}]
    before = world.fingerprint
    supplement.apply(world, supplement.read(path))
    for query in ("Zarichne Pole", "Зарічне Поле", "zarichne-pole"):
        match = world.resolve(query).match
        assert match.place.place_id == "user:zarichne-pole" and match.match_type == "user"
        assert (match.place.lat, match.place.lon, match.place.country) == (2.2, 2.6, "XA")
    assert "zarichne pole" in world.findable_keys()  # found in running text from now on
    assert world.fingerprint != before  # so no stored result made without it is reused


def test_an_alias_of_a_known_place(world, tmp_path):
    path = tmp_path / "places.csv"
    supplement.add_alias("Kamianopil-Pivnichnyi", "world:kamianopil", world, path=path)
    supplement.apply(world, supplement.read(path))
    match = world.resolve("Kamianopil-Pivnichnyi").match
    assert (match.place.place_id, match.matched_name, match.match_type) == (
        "world:kamianopil", "Kamianopil-Pivnichnyi", "user")


def test_an_alias_of_a_place_no_longer_known_is_skipped(world, caplog):
    supplement.apply(world, [{"name": "Nowhere-Pole", "to": "world:gone"}])
    assert world.resolve("Nowhere-Pole").match is None
    assert "unknown place 'world:gone'" in caplog.text


def test_an_online_answer_is_an_online_name(world):
    supplement.apply(world, [{"name": "Tykhovody", "lat": "2.4", "lon": "2.7", "country": "XA",
                              "source": "online:nominatim@example node/1"}])
    assert world.resolve("Tykhovody").match.match_type == "online"


@pytest.mark.parametrize(("call", "message"), [
    (lambda path, world: supplement.add_place(" ", 2.0, 2.0, path=path), "needs a name"),
    (lambda path, world: supplement.add_place("Pole", 95.0, 2.0, path=path), "out of range"),
    (lambda path, world: supplement.add_place("Pole", 2.0, 2.0, kind="river", path=path),
     "kind must be one of"),
    (lambda path, world: supplement.add_alias("Pole", "world:gone", world, path=path),
     "unknown place id"),
])
def test_bad_additions_are_refused_and_nothing_is_written(world, tmp_path, call, message):
    path = tmp_path / "places.csv"
    with pytest.raises(SupplementError, match=message):
        call(path, world)
    assert not path.exists()
