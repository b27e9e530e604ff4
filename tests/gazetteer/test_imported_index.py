"""What the index makes of a GeoNames import, on the real gazetteer: made-up villages by a real
town become places, in every name and script the files give; a place the embedded data has
stays one place; an oblast joins its curated region; sections and historical places are kept
out of running text; and a run over reports finds the village once imported, and not after the
import is removed, with the same store (whose key changes with the import).

The index with the import is built once (about 40 s the first time) and cached like the
embedded one: the files are made the same way every time, so their import has one version."""

from __future__ import annotations

import csv

import pytest

from gazetteer import Gazetteer, fold_key, imports, sources
from gazetteer.index import cache_path
from geo.run.store import context_of
from tests.gazetteer.geonames_files import Alternate, Row, write_zip

POKROVSK = 704422  # GeoNames' Pokrovsk (Donetsk Oblast), the town the made-up villages are by
DONETSK = "geonames:709717"
VILLAGE = 91_000_001


def dump_files(folder):
    """UA.zip and alternatenames/UA.zip around Pokrovsk: its coordinates and admin1 code are
    read from the embedded data, the villages are a few kilometres off (0.05 degrees)."""
    town = sources.geonames_cities()[str(POKROVSK)]
    lat, lon, admin1 = town["latitude"], town["longitude"], town["admin1code"]
    rows = [
        Row(VILLAGE, "Berestianivka", lat + 0.05, lon - 0.05, admin1=admin1, population=312,
            alternates=("Берестянівка", "Berestyanivka")),
        Row(91_000_002, "Berestianivka", lat - 0.04, lon + 0.06, admin1=admin1,
            feature_code="PPLX"),  # a section of a town elsewhere, with the village's name
        Row(91_000_003, "Tsentralnyi Kvartal", lat + 0.01, lon, admin1=admin1,
            feature_code="PPLX"),
        Row(91_000_004, "Stara Berestianka", lat + 0.06, lon - 0.06, admin1=admin1,
            feature_code="PPLH"),
        Row(91_000_008, "Pokynuta Balka", lat - 0.06, lon + 0.03, admin1=admin1,
            feature_code="PPLQ"),  # abandoned
        Row(91_000_009, "Zruinovanyi Khutir", lat - 0.03, lon - 0.07, admin1=admin1,
            feature_code="PPLW"),  # destroyed
        Row(91_000_005, "Donets'ka Oblast'", lat, lon, admin1=admin1, feature_class="A",
            feature_code="ADM1", alternates=("Донецька область", "Donetsk")),
        Row(91_000_006, "Rzhavtsovo", 56.5, 40.5, country="RU", admin1="21", population=40),
        Row(POKROVSK, town["name"], lat, lon, admin1=admin1, population=town["population"],
            alternates=("Pokrovsk-Donetskyi",)),  # the embedded place, a new name
        "91000007\tcut short\tP",
    ]
    alternates = [
        Alternate(1, VILLAGE, "ru", "Берестяновка"),
        Alternate(2, VILLAGE, "uk", "Берестянівка"),
        Alternate(3, VILLAGE, "", "Krasnoberestianske", historic=True),
        Alternate(4, VILLAGE, "post", "85300"),
    ]
    return [write_zip(folder / "UA.zip", "UA.txt", [r if isinstance(r, str) else r.line()
                                                  for r in rows]),
            write_zip(folder / "alternatenames" / "UA.zip", "UA.txt",
                      [a.line() for a in alternates])]


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """The real gazetteer with the import (the user supplement left out)."""
    folder = tmp_path_factory.mktemp("geonames")
    patch = pytest.MonkeyPatch()
    patch.setenv("FRONTLINE_DATA_DIR", str(folder / "user-data"))
    try:
        imports.import_files(dump_files(folder))
        return Gazetteer.load(supplement=False)
    finally:
        patch.undo()


def _match(gazetteer, query):
    match = gazetteer.resolve(query).match
    return match and (match.place.place_id, match.match_type)


@pytest.mark.parametrize(("query", "expected"), [
    ("Berestianivka", (f"geonames:{VILLAGE}", "official")),
    ("Берестяновка", (f"geonames:{VILLAGE}", "alternate")),  # its Russian name
    ("Берестяновке", (f"geonames:{VILLAGE}", "inflected")),  # and in a case ending
    ("Берестянівці", (f"geonames:{VILLAGE}", "inflected")),
    ("Krasnoberestianske", (f"geonames:{VILLAGE}", "historical")),
    ("Pokrovsk-Donetskyi", (f"geonames:{POKROVSK}", "alternate")),
    ("Донецька область", ("iso3166-2:UA-14", "alternate")),
    ("Donetsk", (DONETSK, "official")),  # not a rival oblast: a bare name is no oblast's name
    ("Stara Berestianka", ("geonames:91000004", "historical")),
    ("Pokynuta Balka", ("geonames:91000008", "historical")),  # abandoned: no village now
    ("Zruinovanyi Khutir", ("geonames:91000009", "historical")),  # destroyed
])
def test_imported_names_resolve(imported, gazetteer, query, expected):
    assert _match(imported, query) == expected
    if expected[0] == f"geonames:{VILLAGE}":
        before = gazetteer.resolve(query).match  # without the import: a guess at most
        assert before is None or before.match_type == "fuzzy"


def test_one_place_per_geonameid(imported, gazetteer):
    ids = imported.index.place_ids
    assert ids.count(f"geonames:{POKROVSK}") == 1
    assert "geonames:91000005" not in ids  # the oblast is the curated region
    assert len(ids) == len(gazetteer.index.place_ids) + 7  # 2 villages, 2 sections, 3 former
    village = imported.place(f"geonames:{VILLAGE}")
    assert (village.kind, village.country, village.admin1, village.population) == (
        "settlement", "UA", "Donetsk Oblast", 312)


def test_sections_and_former_places_are_handled_with_care(imported):
    findable = set(imported.findable_keys())
    assert fold_key("Berestianivka") in findable  # the village, on the front
    assert fold_key("Tsentralnyi Kvartal") not in findable  # a section: not on its own
    assert fold_key("Stara Berestianka") not in findable  # no longer exists
    assert fold_key("Pokynuta Balka") not in findable  # abandoned
    assert fold_key("Zruinovanyi Khutir") not in findable  # destroyed
    assert fold_key("Rzhavtsovo") not in findable  # a hamlet of the rear
    assert _match(imported, "Rzhavtsovo") == ("geonames:91000006", "official")  # but known
    resolution = imported.resolve("Berestianivka")
    assert resolution.match.place.place_id == f"geonames:{VILLAGE}"  # the village, not the
    assert not resolution.ambiguous  # section of the same name


def test_the_import_changes_the_index_and_store_keys(imported, gazetteer, data_dir):
    """The index cache is named by the data version, the store's context hashes the
    fingerprint: both change with the import (and come back without it)."""
    assert imported.version != gazetteer.version
    assert context_of(imported.fingerprint) != context_of(gazetteer.fingerprint)
    assert sources.data_version() == gazetteer.version  # this test's empty data folder
    assert gazetteer.version in cache_path().name


REPORT = """Published: 2024-06-10

Russian forces attacked Berestianivka, west of Pokrovsk, on Sunday.

В Берестяновке продолжаются бои, сообщили в штабе.

Захисники відбили штурм у Берестянівці.
"""


def _rows(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return {row["surface"]: row for row in csv.DictReader(handle)}


def test_running_text_before_during_and_after_an_import(tmp_path, run_cli):
    """One store throughout: the run after the import is not served the run before's results,
    nor is the run after the removal served the import's."""
    (tmp_path / "report.txt").write_text(REPORT, encoding="utf-8")
    files = dump_files(tmp_path / "dumps")
    store = str(tmp_path / "store.sqlite")

    def run(name):
        out = tmp_path / name
        result = run_cli("mentions", str(tmp_path / "report.txt"), "-o", str(out), "--store",
                         store, "--today", "2024-06-11")
        assert result.returncode == 0, result.stderr
        return _rows(out)

    before = run("before.csv")
    assert not any(row["place_id"] == f"geonames:{VILLAGE}" for row in before.values())
    result = run_cli("gazetteer", "import", *map(str, files))
    assert result.returncode == 0, result.stderr
    during = run("during.csv")
    for surface in ("Berestianivka", "Берестяновке", "Берестянівці"):
        row = during[surface]
        assert (row["place_id"], row["resolution"]) == (f"geonames:{VILLAGE}", "resolved")
    assert during["Pokrovsk"]["place_id"] == f"geonames:{POKROVSK}"
    assert run_cli("gazetteer", "remove").returncode == 0
    after = run("after.csv")
    assert not any(row["place_id"] == f"geonames:{VILLAGE}" for row in after.values())
