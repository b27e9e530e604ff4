"""The curated supplement is data with sources: check it against GeoNames, not against memory."""

from __future__ import annotations

import re

import pytest

from gazetteer import sources
from gazetteer.adjectives import town_forms
from gazetteer.normalize import exact_key, fold_key
from gazetteer.records import NAME_TYPES

ALIASES = sources.read_curated("aliases.csv")
REGIONS = sources.read_curated("regions.csv")


@pytest.fixture(scope="module")
def cities():
    return sources.geonames_cities()


@pytest.mark.parametrize("row", ALIASES, ids=[r["name"] for r in ALIASES])
def test_alias_row_is_complete_and_points_at_a_geonames_place(row, cities):
    assert row["name_type"] in NAME_TYPES[2:6], "historical, russian, transliteration, misspelling"
    assert len(row["source"]) > 20, "every hand-added fact carries a source note"
    geonameid = row["place_id"].removeprefix("geonames:")
    assert geonameid in cities, f"{row['place_id']} is not a GeoNames place >= 500 inhabitants"


CITED = [r for r in ALIASES if re.search(r"GeoNames alternate names of (\d+)", r["source"])]


@pytest.mark.parametrize("row", CITED, ids=[r["name"] for r in CITED])
def test_alias_citing_geonames_is_in_geonames(row, cities):
    cited = re.search(r"GeoNames alternate names of (\d+)", row["source"]).group(1)
    city = cities[cited]
    names = {fold_key(n) for n in [city["name"], *city["alternatenames"]]}
    assert fold_key(row["name"]) in names


@pytest.mark.parametrize("row", REGIONS, ids=[r["region_id"] for r in REGIONS])
def test_region_row_matches_geonames(row, cities):
    codes = row["geonames_admin1"].split("|")
    members = [c for c in cities.values()
               if c["countrycode"] == row["country"] and c["admin1code"] in codes]
    assert len(members) >= 10, "a region's point is the mean of its GeoNames places"
    if row["seat"]:
        assert row["seat"] in cities
    if not row["region_id"].startswith("frontline:"):
        # the ISO name and the English name share their stem (Donetska oblast ~ Donetsk Oblast)
        iso = sources.subdivision_iso_names(row["region_id"])[0]
        assert exact_key(iso)[:3] == exact_key(row["name"])[:3] or row["region_id"] == "UA-43", (
            iso, row["name"])
    assert row["source"]


NON_TOWN_ADJECTIVES = sources.read_curated("non_town_adjectives.csv")


@pytest.mark.parametrize("row", NON_TOWN_ADJECTIVES, ids=[r["word"] for r in NON_TOWN_ADJECTIVES])
def test_non_town_adjective_row_is_a_place_adjective_with_a_source(row):
    assert row["word"] == row["word"].lower() and row["word"].endswith(("ий", "ый"))
    assert town_forms(row["word"]), "the rule reads it as a place adjective (else it needs no row)"
    assert len(row["source"]) > 20, "every hand-added fact carries a source note"
