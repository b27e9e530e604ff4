"""The language of war reports: which capitalised names are places, and which place each one is.

Each rule is about how reports are written, in English, Russian and Ukrainian, and each is shown
on sentences written for these tests: a dot is drawn only where the text means a settlement.
"""

from __future__ import annotations

import datetime as dt

import pytest

from geo.run.extract import Extractor
from geo.schema import Article, Kind, ResolutionStatus

PLACED = (ResolutionStatus.RESOLVED, ResolutionStatus.AMBIGUOUS)


@pytest.fixture(scope="module")
def extractor(gazetteer):
    return Extractor(gazetteer, reference=dt.date(2026, 11, 21))


def dots(extractor, text: str) -> dict[str, str]:
    """surface -> the name of the settlement drawn for it (settlements placed on the map)."""
    _, _, found = extractor.article_mentions(Article("t", text, published=dt.date(2025, 6, 2)))
    return {m.surface: m.name for m in found
            if m.kind == Kind.SETTLEMENT and m.resolution in PLACED}


def kinds(extractor, text: str) -> dict[str, tuple[str, str]]:
    _, _, found = extractor.article_mentions(Article("t", text, published=dt.date(2025, 6, 2)))
    return {m.surface: (m.kind, m.resolution) for m in found}


# -- administrative units are not their centre town ----------------------------------------------
@pytest.mark.parametrize("text", [
    "Russian troops now hold parts of the Kharkiv, Sumy and Poltava regions.",
    "Shelling was reported across the Sumy and Chernihiv regions on Friday.",
    "Войска вышли к границам Днепропетровской и Запорожской областей.",
    "Окупанти обстріляли населені пункти Сумської та Чернігівської областей.",
])
def test_names_in_a_list_of_regions_are_regions(extractor, text):
    assert dots(extractor, text) == {}
    assert all(kind == Kind.REGION for kind, _ in kinds(extractor, text).values())


@pytest.mark.parametrize("text", [
    "Evacuations continued in the Izium district and the Kupiansk community.",
    "Удари зафіксували у Київському та Оболонському районах столиці.",
    "Голова Куп'янської громади розповів про евакуацію.",
])
def test_districts_and_communities_get_no_dot(extractor, text):
    assert dots(extractor, text) == {}


def test_a_share_of_territory_is_the_oblast_and_a_point_relation_the_city(extractor):
    text = ("Russia claims about 70 per cent of Zaporizhzhia and Kherson. In the Zaporizhzhia "
            "region, drones struck a depot 20 km from Zaporizhzhia, the governor said.")
    _, _, found = extractor.article_mentions(Article("t", text))
    readings = [(m.surface, m.kind) for m in found if m.surface in ("Zaporizhzhia", "Kherson")]
    assert readings == [("Zaporizhzhia", Kind.REGION), ("Kherson", Kind.REGION),
                        ("Zaporizhzhia", Kind.SETTLEMENT)]


def test_a_place_in_an_oblast_centre_name_makes_it_the_oblast(extractor):
    text = "Moscow said its forces had taken Vovchansk in Kharkiv; Kyiv denied it."
    found = kinds(extractor, text)
    assert found["Kharkiv"] == (Kind.REGION, ResolutionStatus.RESOLVED)
    assert dots(extractor, text)["Vovchansk"] == "Vovchansk"


def test_near_the_capital_is_the_city_even_in_a_report_about_the_region(extractor):
    text = ("Air defence worked over the Kyiv region all night. Debris fell near Kyiv and on "
            "the outskirts of Brovary.")
    assert dots(extractor, text)["Kyiv"] == "Kyiv"


# -- rivers, formations and titles are not settlements -------------------------------------------
@pytest.mark.parametrize(("text", "river", "town"), [
    ("Troops crossed the Oskil River north of Kupiansk on pontoons.", "Oskil", "Kupiansk"),
    ("Marines held a bridgehead on the left bank of the Dnipro near Kherson.", "Dnipro",
     "Kherson"),
    ("Российские войска форсировали реку Оскол у Купянска.", "Оскол", "Купянска"),
    ("Бої тривають на лівому березі Дніпра поблизу Херсона.", "Дніпра", "Херсона"),
])
def test_rivers_are_not_the_towns_that_bear_their_name(extractor, text, river, town):
    placed = dots(extractor, text)
    assert river not in placed and town in placed


@pytest.mark.parametrize(("text", "formation"), [
    ("A spokesman for the Luhansk operational-tactical group said attacks were repelled near "
     "Siversk.", "Luhansk"),
    ("Бойцы группировки войск «Днепр» отразили атаку у Каменского.", "Днепр"),
    ("Силами Южной группировки войск взят под контроль поселок у Торецка.", "Южной"),
    ("Бійці бригади «Хортиця» відбили штурм біля Часового Яру.", "Хортиця"),
])
def test_military_formations_are_not_places(extractor, text, formation):
    assert formation not in dots(extractor, text)


# -- ordinary words and adjectives ----------------------------------------------------------------
@pytest.mark.parametrize(("text", "word"), [
    ("Серед поранених є діти. Удар прийшовся по Краматорську.", "Серед"),
    ("Поселок остается под контролем ВСУ, сообщили в штабе.", "Поселок"),
    ("Восток региона обстреливали всю ночь.", "Восток"),
    ("Українським військовим довелося відійти від Курахового.", "Українським"),
])
def test_ordinary_words_and_attributive_adjectives_are_not_places(extractor, text, word):
    assert word not in dots(extractor, text)


def test_a_town_named_like_a_word_keeps_its_name(extractor):
    """Лиман (an estuary, and a town of 20,000) keeps its dot at the start of a sentence, and a
    village name shaped like an adjective with no noun after it is a place."""
    assert dots(extractor, "Лиман снова под обстрелом.")["Лиман"] == "Lyman"
    assert "Удачное" in dots(extractor, "Бои идут за Удачное, сообщили в штабе.")


def test_a_word_of_a_two_word_name_is_not_another_place(extractor):
    text = "Assaults were reported near the village of Kamyana Dolyna and near Siversk."
    placed = dots(extractor, text)
    assert "Dolyna" not in placed and "Siversk" in placed


def test_a_long_line_of_names_is_prose_not_a_headline(extractor):
    """Capitals in a long listing sentence still mark first names and surnames."""
    text = ("The regional prosecutor Mykola Dolyna said shelling hit Kramatorsk, Sloviansk, "
            "Druzhkivka, Kostiantynivka, Siversk, Lyman and Bakhmut overnight.")
    assert "Dolyna" not in dots(extractor, text)


# -- places far from the war ----------------------------------------------------------------------
def test_a_small_foreign_town_needs_more_than_its_name(extractor):
    text = "A charity based in Winchester sent generators to Kherson. Officials in Warsaw agreed."
    placed = dots(extractor, text)
    assert "Winchester" not in placed
    assert placed["Warsaw"] == "Warsaw" and "Kherson" in placed


def test_a_rear_town_far_from_the_front_is_not_the_place_meant(extractor):
    """A mid-sized Russian town that shares a name with an old Ukrainian name, in a report about
    the front, is left unresolved rather than drawn 800 km away."""
    text = ("Russian officials use the old names Artemovsk and Dmitrov for Bakhmut and "
            "Myrnohrad, where fighting continued near Pokrovsk.")
    placed = dots(extractor, text)
    assert "Dmitrov" not in placed
    assert {"Bakhmut", "Myrnohrad", "Pokrovsk"} <= set(placed)


def test_an_isolated_namesake_does_not_pull_its_neighbours(extractor):
    """In a list of villages near Pokrovsk, one name that only a village in Crimea bears must
    not drag the others to Crimea."""
    text = ("Russian units attacked Rodynske, Mirolyubovka, Zvirove and Udachne on the Pokrovsk "
            "direction.")
    assert dots(extractor, text)["Udachne"] == "Udachne"


def test_place_offers_a_far_small_fuzzy_match_as_a_suggestion(gazetteer):
    """A politician's surname one letter from a small foreign town is no place; a near miss of a
    theatre town is still answered."""
    answer = gazetteer.resolve("Macron")
    assert answer.match is None and "Macon" in answer.suggestions
    assert gazetteer.resolve("Kramatorks").match.place.name == "Kramatorsk"
