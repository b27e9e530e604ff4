"""The index: lookups by fold key, and the on-disk cache keyed by the data version."""

from __future__ import annotations

import pytest

from gazetteer import index as index_module
from gazetteer.build import Tables
from gazetteer.index import NameIndex, load_index
from gazetteer.normalize import fold_key
from gazetteer.records import NAME_TYPES, Place

OFFICIAL, ALTERNATE = NAME_TYPES.index("official"), NAME_TYPES.index("alternate")


def small_tables() -> Tables:
    places = [
        Place("geonames:1", "Alpha", "settlement", 48.0, 37.0, "UA", "Donetsk Oblast", 1200),
        Place("geonames:2", "Beta", "settlement", 50.0, 36.0, "RU", "Belgorod Oblast", 800),
    ]
    entries = sorted([
        (fold_key("Alpha"), 0, "Alpha", OFFICIAL),
        (fold_key("Альфа"), 0, "Альфа", ALTERNATE),
        (fold_key("Beta"), 1, "Beta", OFFICIAL),
        (fold_key("Alfa"), 1, "Alfa", ALTERNATE),
    ])
    return Tables(places=places, priors=[1.0, 1.0], entries=entries,
                  salient_keys=sorted({e[0] for e in entries}))


def test_lookup_returns_every_place_with_the_key():
    index = NameIndex.from_tables(small_tables())
    assert index.lookup(fold_key("Alpha")) == [(0, "Alpha", "official")]
    assert sorted(index.lookup(fold_key("Alfa"))) == [(0, "Альфа", "alternate"),
                                                      (1, "Alfa", "alternate")]
    for absent in ("nothing", "", "aa", "b", "zzz"):  # before, between and after the keys
        assert index.lookup(absent) == []
    assert index.place(1) == small_tables().places[1]
    assert index.index_of("geonames:2") == 1 and index.index_of("geonames:3") is None


def test_columns_round_trip():
    index = NameIndex.from_tables(small_tables())
    again = NameIndex(index.columns())
    assert again.keys == index.keys and again.entry_names == index.entry_names
    assert [again.place(i) for i in range(2)] == [index.place(i) for i in range(2)]


@pytest.fixture
def fake_build(monkeypatch, tmp_path):
    monkeypatch.setenv("FRONTLINE_CACHE_DIR", str(tmp_path))
    calls = []

    def build():
        calls.append(1)
        return small_tables()

    monkeypatch.setattr(index_module, "build_tables", build)
    return calls


def test_cache_is_built_once_per_data_version(fake_build, monkeypatch, tmp_path):
    load_index()
    load_index()
    assert len(fake_build) == 1
    assert len(list(tmp_path.glob("gazetteer-*.marshal"))) == 1
    monkeypatch.setattr(index_module, "data_version", lambda: "another-version")
    assert load_index().lookup(fold_key("Beta")) == [(1, "Beta", "official")]
    assert len(fake_build) == 2
    assert len(list(tmp_path.glob("gazetteer-*.marshal"))) == 2
    assert not list(tmp_path.glob(".gazetteer-*"))  # no temp file left behind


def test_rebuild_forces_a_new_build(fake_build):
    load_index()
    load_index(rebuild=True)
    assert len(fake_build) == 2
