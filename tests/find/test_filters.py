"""Filters: names the gazetteer knows that are no place mention here (made-up world)."""

from __future__ import annotations

import pytest

from geo.find.filters import place_mentions


@pytest.fixture(scope="module")
def kept(world, items_of):
    """text -> the surfaces of the items the filters keep, in order."""

    def surfaces(text: str) -> list[str]:
        return [item.span.surface for item in place_mentions(text, items_of(text), world)]

    return surfaces


@pytest.mark.parametrize(("text", "expected"), [
    # short all-caps words are acronyms, unless a region's or country's (the ZNR, like the DPR)
    ("Shelling hit ZHUR, Zhur and the ZNR.", ["Zhur", "ZNR"]),
    # a foreign place only by its own (GeoNames) name, as spelled: "Alder" is an alternate
    ("Alder traders and Port Alder officials met.", ["Port Alder"]),
    # a name followed by a capitalised word is part of a longer proper noun...
    ("Workers at Kamianopil Steel heard that fans of Velmarsk Dynamo would come.", []),
    # ...unless the word describes the place; a reservoir (or a river) named after a town is
    # water, not the town
    ("Drones hit the Zoriansk Airport and the dam of the Lisovsk Reservoir.", ["Zoriansk"]),
    # a settlement followed by "said" is a person, unless a capital (a government: an actor)
    ("Bortnyk said the line held. Velmarsk said the talks were over.", ["Velmarsk"]),
    ("Бортник заявив, що лінія тримається.", []),
])
def test_what_is_not_a_place_mention(kept, text, expected):
    assert kept(text) == expected


def test_water_and_titles_are_told_apart_from_the_towns_around_them(kept):
    # a town far before the river, the river, a town just after it, a title in quotes: the
    # words near each mention decide for it alone
    text = ("Troops held Zhur all week, the brigade said on Tuesday morning. Later they "
            "crossed the Lisovsk near Zoriansk, and the «Velmarsk» unit moved up to Zhur.")
    assert kept(text) == ["Zhur", "Zoriansk", "Zhur"]


def test_a_small_place_in_surname_position_is_a_surname_all_article_long(kept):
    text = "Gen. Taras Bortnyk visited the front. Later, Bortnyk was shelled, as was Zhur."
    assert kept(text) == ["Zhur"]


def test_a_big_town_after_a_capitalised_word_is_still_a_town(kept):
    text = "Logistics Hub Zoriansk under fire, the governor wrote on a long scraped page."
    assert kept(text) == ["Zoriansk"]


@pytest.mark.parametrize("text", [
    "Drone Strikes Hit Zoriansk And Mayor Bortnyk Overnight\nNothing else.",  # a headline
    "On Monday Bortnyk was calm.",  # a weekday is no first name
    "Near Bortnyk the line held.",  # nor is a sentence-opening word
])
def test_a_capitalised_word_before_is_not_always_a_first_name(kept, text):
    assert "Bortnyk" in kept(text)


def test_unknown_names_in_a_place_context_are_kept(kept):
    assert kept("Troops entered the village of Tykhovody.") == ["Tykhovody"]
