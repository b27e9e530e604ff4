"""Spatial coherence: an article's places are near each other and inside the regions it names
(made-up world: two villages called Hrushanka, one in Zoriana Oblast by Kamianopil, one by the
capital Velmarsk, 130 km apart; Lisova Oblast 400 km east of Zoriansk)."""

from __future__ import annotations

import math

import pytest

from gazetteer import fold_key
from geo.find import coherence
from geo.schema import ResolutionStatus, Role
from tests.world import ID

RESOLVED, AMBIGUOUS, UNRESOLVED = (ResolutionStatus.RESOLVED, ResolutionStatus.AMBIGUOUS,
                                   ResolutionStatus.UNRESOLVED)


@pytest.fixture(scope="module")
def in_context(items_of, lookup, world):
    """text -> its items after the coherence steps, as ``find.resolve`` chains them."""

    def run(text: str, actors: tuple[str, ...] = ()):
        items = items_of(text)
        for item in items:  # what classify.role would say
            if item.span.surface in actors:
                item.role = Role.ACTOR
        regions = coherence.region_hints(items)
        coherence.rerank_in_context(items, regions)
        coherence.region_readings(text, items, regions, lookup)
        coherence.verdicts(items, world)
        return {item.span.surface: item for item in items}

    return run


def test_regions_the_article_names_surely(items_of):
    items = items_of("Shelling in the Zoriana region, the ZNR and Zoriansk; Lisovsk was calm.")
    assert coherence.region_hints(items) == {"Zoriana Oblast"}


def test_anchors_are_sure_places_and_no_name_vouches_for_itself(items_of):
    items = items_of("Zoriansk and Kamianopil were shelled; Velmarsk said nothing.")
    items[2].role = Role.ACTOR  # a government speaking is not where anything happens
    anchors = coherence.Anchors(items)
    assert len(anchors.keys) == 2
    name = fold_key("Zoriansk")
    near_kamianopil = (name, 2.3, 2.2)  # a candidate of the name Zoriansk at Kamianopil
    at_zoriansk = (name, 2.0, 2.0)  # at Zoriansk itself: only Kamianopil may vouch for it
    km_near_kamianopil, km_at_zoriansk = anchors.distances([near_kamianopil, at_zoriansk])
    assert km_near_kamianopil == pytest.approx(0, abs=0.01)
    assert km_at_zoriansk == pytest.approx(40, abs=2)  # 0.3° north, 0.2° east
    assert coherence.Anchors([]).distances([at_zoriansk]) == [math.inf]


def test_a_namesake_alone_is_ambiguous(in_context):
    hrushanka = in_context("Shelling hit Hrushanka.")["Hrushanka"]
    assert hrushanka.resolution == AMBIGUOUS
    assert [c.place.place_id for c in hrushanka.candidates] == [ID["hrushanka"],
                                                                  ID["hrushanka-velmarsk"]]


@pytest.mark.parametrize(("text", "expected"), [
    ("Units attacked Zoriansk, Kamianopil and Hrushanka.", "hrushanka"),
    ("Shelling hit Hrushanka, near Velmarsk.", "hrushanka-velmarsk"),
    ("In the Zoriana region, Hrushanka was shelled.", "hrushanka"),
])
def test_the_namesake_near_the_articles_places_wins(in_context, text, expected):
    hrushanka = in_context(text)["Hrushanka"]
    assert hrushanka.best.place.place_id == ID[expected]
    assert hrushanka.resolution == RESOLVED and hrushanka.best.confidence > 0.9


def test_an_actor_is_no_anchor(in_context):
    text = "Velmarsk said its troops had taken Hrushanka."
    assert in_context(text)["Hrushanka"].best.place.place_id == ID["hrushanka-velmarsk"]
    acting = in_context(text, actors=("Velmarsk",))["Hrushanka"]
    assert acting.best.place.place_id == ID["hrushanka"]  # the bigger one, as with no context
    assert acting.resolution == AMBIGUOUS


def test_a_bare_oblast_centre_in_a_report_about_its_oblast_is_read_as_the_oblast(in_context):
    text = "Troops left villages in the Zoriana region. Progress in Zoriansk was slow."
    zoriansk = in_context(text)["Zoriansk"]
    assert zoriansk.region_reading and zoriansk.resolution == AMBIGUOUS
    assert [c.place.place_id for c in zoriansk.candidates] == [ID["zoriana-oblast"],
                                                               ID["zoriansk"]]


@pytest.mark.parametrize("text", [
    "Progress in Zoriansk was slow.",  # the article names no region
    "Troops left the Zoriana region. Progress in the city of Zoriansk was slow.",
    "Troops left the Lisova region. Progress in Zoriansk was slow.",  # another region
])
def test_the_oblast_centre_stays_the_city(in_context, text):
    zoriansk = in_context(text)["Zoriansk"]
    assert not zoriansk.region_reading and zoriansk.best.place.place_id == ID["zoriansk"]


@pytest.mark.parametrize(("text", "expected"), [
    # small and 400 km from everything else: not placed, its candidates listed
    ("Fighting raged in Zoriansk, Kamianopil and Sokil Yar, and in Tumanivka.", UNRESOLVED),
    # a place context vouches for it
    ("Fighting raged in Zoriansk and Kamianopil, and in the village of Tumanivka.", RESOLVED),
    ("Tumanivka was shelled overnight.", RESOLVED),  # nothing to be far from
])
def test_a_small_place_far_from_everything_else(in_context, text, expected):
    tumanivka = in_context(text)["Tumanivka"]
    assert tumanivka.resolution == expected
    assert tumanivka.best.place.place_id == ID["tumanivka"]


def test_a_big_town_far_away_is_placed(in_context):
    lisovsk = in_context("Units attacked Zoriansk and Kamianopil, and Lisovsk.")["Lisovsk"]
    assert lisovsk.resolution == RESOLVED
