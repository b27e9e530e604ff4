"""Looking a name up: how it matched, how candidates rank, how sure the winner is (on the
made-up world, tests/world.py; the real names are in test_resolver.py)."""

from __future__ import annotations

import pytest

from gazetteer.ranking import THEATRE_WEIGHT, Context, place_score
from tests.world import ID

# (query, place, matched name, match type): the kind of name the query spelled, else how it met it
MATCHES = [
    ("Zoriansk", "zoriansk", "Zoriansk", "official"),
    ("ZORIANSK", "zoriansk", "Zoriansk", "official"),
    ("Зорянськ", "zoriansk", "Зорянськ", "alternate"),  # spelled as GeoNames lists it
    ("Kvilmur", "quillmoor", "Kvilmur", "alternate"),
    ("Velikomarsk", "velmarsk", "Velikomarsk", "russian"),  # the curated Russian name
    ("Shakhtograd", "kamianopil", "Shakhtograd", "russian"),
    ("Zorjansk", "zoriansk", "Zoriansk", "transliteration"),  # met through folding only
    ("Kamianopyl", "kamianopil", "Kamianopil", "transliteration"),
    ("Зорянске", "zoriansk", "Zoriansk", "inflected"),  # a Russian case ending
    ("Кам'янополі", "kamianopil", "Kamianopil", "inflected"),  # a Ukrainian one
    ("Зорянской области", "zoriana-oblast", "Зорянська область", "inflected"),
    ("Валдорії", "valdoria", "Valdoria", "inflected"),
    ("Zoriansck", "zoriansk", "Zoriansk", "fuzzy"),  # one letter added
    ("ZNR", "zoriana-oblast", "ZNR", "alternate"),
    ("Zoriansk region", "zoriana-oblast", "Zoriansk region", "alternate"),
]


@pytest.mark.parametrize(("query", "slug", "matched", "match_type"), MATCHES)
def test_how_a_name_matched(world, query, slug, matched, match_type):
    match = world.resolve(query).match
    assert (match.place.place_id, match.matched_name, match.match_type) == (
        ID[slug], matched, match_type)


def test_the_better_the_match_the_surer(world):
    def confidence(query):
        return world.resolve(query).match.confidence

    assert confidence("Zoriansk") == confidence("Зорянськ") == 1.0
    assert 1.0 > confidence("Зорянске") > confidence("Zorjansk") > confidence("Zoriansck")


def test_a_current_name_beats_the_former_name_of_another_place(world):
    """Zhur is a village's name and the old name of Sokil Yar, a town 14 times its size."""
    resolution = world.resolve("Zhur")
    assert resolution.match.place.place_id == ID["zhur"] and not resolution.ambiguous
    assert [(c.place.place_id, c.match_type) for c in resolution.candidates] == [
        (ID["sokil-yar"], "historical")]


def test_namesakes_rank_by_size_and_say_they_are_close(world):
    resolution = world.resolve("Hrushanka")  # 3,000 and 1,000 people
    assert resolution.match.place.place_id == ID["hrushanka"] and resolution.ambiguous
    ranked = (resolution.match, *resolution.candidates)
    assert [c.score for c in ranked] == sorted((c.score for c in ranked), reverse=True)
    assert all(0.0 <= c.confidence <= 1.0 for c in ranked)
    assert resolution.match.confidence < 0.75


@pytest.mark.parametrize("context", [{"near": (1.1, 3.1)}, {"admin1": "Velmarsk"},
                                     {"near": (1.2, 3.0), "admin1": "Velmarsk City"}])
def test_context_picks_the_namesake(world, context):
    resolution = world.resolve("Hrushanka", **context)
    assert resolution.match.place.place_id == ID["hrushanka-velmarsk"]
    assert not resolution.ambiguous


def test_the_country_counts_as_context(world):
    assert world.resolve("Hrushanka", country="xa").ambiguous  # both are in Valdoria
    assert world.resolve("Hrushanka", country="XA", near=(2.1, 2.4)).match.place.place_id == (
        ID["hrushanka"])


def test_the_theatre_prior():
    plain = Context()
    assert place_score(1000, 1.0, 0, 0, "XA", "", plain) - place_score(
        1000, 0.0, 0, 0, "XF", "", plain) == pytest.approx(THEATRE_WEIGHT)
    assert place_score(10_000, 0.0, 0, 0, "XF", "", plain) - place_score(
        1000, 0.0, 0, 0, "XF", "", plain) == pytest.approx(0.1, abs=1e-3)  # 0.1 per decade


@pytest.mark.parametrize("query", ["Tykhovody", "Xoriansk", "Qwertyuiop", ""])
def test_unknown_names_match_nothing(world, query):
    resolution = world.resolve(query)
    assert resolution.match is None and resolution.candidates == ()


def test_a_near_miss_beyond_the_threshold_is_only_suggested(world):
    resolution = world.resolve("Zorainsky")  # two edits: one at most under 10 letters
    assert resolution.match is None and resolution.suggestions == ("Zoriansk",)


def test_what_running_text_is_searched_for(world):
    """The theatre's places (prior above 0), regions, countries and big places elsewhere: a
    hamlet abroad is found by a lookup, never in running text."""
    keys = set(world.findable_keys())
    assert {"zoransk", "nordgrad", "port alder", "valdora", "zorana regon"} <= keys
    assert "kvilmur" not in keys and "quillmoor" not in keys
    assert world.resolve("Quillmoor").match is not None


def test_theatre_and_capitals(world):
    place = {slug: world.place(place_id) for slug, place_id in ID.items()}
    assert world.in_theatre(place["zoriansk"]) and world.in_theatre(place["nordgrad"])
    assert not world.in_theatre(place["port-alder"])
    assert world.is_national_capital(place["velmarsk"])
    assert not world.is_national_capital(place["zoriansk"])
    assert not world.is_national_capital(place["valdoria"])  # a country is no capital


def test_every_spelling_of_a_place_for_the_maps_search_box(world):
    names = world.names_for({ID["kamianopil"], "world:nowhere"})
    assert names == {ID["kamianopil"]: ["Kamenopol", "Kamianopil", "Shakhtograd", "Shakhtohrad",
                                        "Кам'янопіль", "Каменополь", "Шахтоград"]}


def test_limit_caps_the_candidates(world):
    assert len(world.resolve("Hrushanka", limit=1).candidates) == 0
    assert len(world.resolve("Hrushanka").candidates) == 1
