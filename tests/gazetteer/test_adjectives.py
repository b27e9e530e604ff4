"""Place adjectives -> the towns they are made from, table-driven: the directions and the raions,
hromadas and okrugs of war reports are named after towns (на покровском направлении, Ізюмського
району), and the town must come back, while ordinary adjectives give none.

GeoNames ids were read off the GeoNames data (``frontline place NAME --json``).
"""

from __future__ import annotations

import pytest

from gazetteer.adjectives import compound_forms, names_no_town, town_forms

POKROVSK, MARIUPOL, KOSTIANTYNIVKA, LYMAN, KURAKHOVE = 704422, 701822, 705104, 704204, 695357
DONETSK, TORETSK, KHARKIV, IZIUM, BOHODUKHIV = 709717, 709354, 706483, 707292, 711894
ZAPORIZHZHIA, HULIAIPOLE, DOBROPILLIA, SUMY, SIVERSK = 687700, 707898, 709900, 692194, 694403
KUPIANSK, ORIKHIV, SVATOVE, SUDZHA, CHASIV_YAR = 703656, 698428, 692118, 486816, 710915
VELYKA_NOVOSILKA, KURSK, SHEBEKINO = 690237, 538560, 495112

# (adjective as written, a nominative the rule must propose)
FORMS = [
    ("покровском", "покровск"),  # stem + -ск: на покровском направлении
    ("Покровському", "покровськ"),
    ("Донецкий", "донецк"),  # stem + -к after ц
    ("Торецкого", "торецк"),
    ("Костянтинівському", "костянтинівка"),  # stem + -ка
    ("Андріївської", "андріївка"),
    ("Горловском", "горловка"),
    ("Курахівський", "курахове"),  # -ів stem -> -ове / -ово
    ("Кураховском", "курахово"),
    ("мариупольском", "мариуполь"),  # the bare stem: -поль, -град, -ар
    ("Мирноградского", "мирноград"),
    ("Лиманському", "лиман"),
    ("Гуляйпільському", "гуляйполе"),  # -іль stem -> -оле / -лля
    ("Добропільського", "добропілля"),
    ("добропольском", "доброполье"),
    ("Запорізькому", "запоріжжя"),  # -зьк- after з/ж
    ("Запорожской", "запорожье"),
    ("Сумської", "суми"),  # a plural name
    ("Шебекинского", "шебекино"),  # -ин stem + -о
    ("суджанском", "суджа"),  # -ан stem less -ан + -а
    ("Новоселковском", "новоселка"),  # -ков stem -> -ка
]


@pytest.mark.parametrize(("adjective", "form"), FORMS)
def test_adjective_proposes_the_towns_nominative(adjective, form):
    assert form in town_forms(adjective)


@pytest.mark.parametrize("word", ["южном", "этом", "обратном", "основних", "Покровськ", "ск"])
def test_words_that_are_not_place_adjectives_propose_nothing(word):
    assert town_forms(word) == []


def test_the_adjectives_own_neuter_is_never_proposed():
    # Дніпровське and Покровське are villages; a direction or a raion is not named after them
    assert "покровське" not in town_forms("Покровському")
    assert "покровское" not in town_forms("покровском")


@pytest.mark.parametrize(("adjective", "form"), [
    ("Краснолиманского", "красный лиман"),
    ("Великоновосілківському", "велика новосілка"),
    ("Часовоярському", "часів яр"),
    ("часовоярском", "часов яр"),
])
def test_compound_adjective_proposes_a_two_word_name(adjective, form):
    assert form in compound_forms(adjective)


# (adjective, the place its best town names): directions and units of both languages
TOWNS = [
    ("мариупольском", MARIUPOL),
    ("покровском", POKROVSK),  # Pokrovsk, not the smaller Pokrov
    ("Покровському", POKROVSK),
    ("Костянтинівському", KOSTIANTYNIVKA),  # not Starokostiantyniv, also "Костянтинів"
    ("Лиманському", LYMAN),
    ("Курахівському", KURAKHOVE),  # not the village Kurakhivka
    ("донецком", DONETSK),
    ("Торецькому", TORETSK),
    ("Харківської", KHARKIV),  # not a village Kharkivka
    ("Ізюмського", IZIUM),
    ("Богодухівського", BOHODUKHIV),
    ("Запорізькому", ZAPORIZHZHIA),  # not the village Zaporizke, the adjective's own neuter
    ("Гуляйпольском", HULIAIPOLE),
    ("Добропільському", DOBROPILLIA),
    ("Сумському", SUMY),
    ("Сіверському", SIVERSK),
    ("Куп’янському", KUPIANSK),
    ("Оріхівському", ORIKHIV),
    ("Сватовском", SVATOVE),
    ("суджанском", SUDZHA),
    ("Курской", KURSK),
    ("Шебекинского", SHEBEKINO),
    ("краснолиманском", LYMAN),  # Красный Лиман, the name Russian reports use for Lyman
    ("Часовоярському", CHASIV_YAR),
    ("великоновоселковском", VELYKA_NOVOSILKA),
]


@pytest.mark.parametrize(("adjective", "place"), TOWNS)
def test_adjective_names_its_town(gazetteer, adjective, place):
    towns = gazetteer.towns_of_adjective(adjective)
    assert towns, adjective
    assert gazetteer.resolve(towns[0]).match.place.place_id == f"geonames:{place}"


@pytest.mark.parametrize("adjective", [
    "украинском", "Українському", "российском", "кримському",  # a country or a region
    "Придніпровському", "днепровском", "Таврійському",  # a river, an area (curated)
    "британском", "московском",  # a people, a capital outside the front (curated)
    "турецком", "балтийском",  # towns only outside the front's theatre (Belarus, Kaliningrad)
    "южном", "основному",  # not place adjectives
])
def test_adjective_of_a_country_an_area_or_nothing_names_no_town(gazetteer, adjective):
    assert gazetteer.towns_of_adjective(adjective) == ()


def test_curated_adjectives_are_read_in_any_case_and_gender():
    assert names_no_town("Придніпровському")
    assert names_no_town("приднепровском")
    assert not names_no_town("Покровському")
