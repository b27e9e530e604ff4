"""Case endings: inflected Russian/Ukrainian forms lead back to the dictionary form."""

from __future__ import annotations

import pytest

from gazetteer.morphology import lemma_forms, name_lemma

CASES = [
    ("покровске", "покровск"),  # Russian locative: в Покровске
    ("покровском", "покровск"),  # Russian instrumental: под Покровском
    ("покровська", "покровськ"),  # Ukrainian genitive: біля Покровська
    ("мирнограде", "мирноград"),
    ("костянтинівці", "костянтинівка"),  # Ukrainian locative: у Костянтинівці
    ("константиновке", "константиновка"),
    ("гуляйполя", "гуляйполе"),
    ("донецкой области", "донецкий область"),
    ("красного лимана", "красный лиман"),
    # Ukrainian -ів/-їв/-іль names change their vowel outside the nominative
    ("харкові", "харків"),  # у Харкові
    ("харковом", "харків"),  # під Харковом
    ("львова", "львів"),  # зі Львова
    ("києві", "київ"),  # у Києві
    ("миколаєва", "миколаїв"),  # до Миколаєва
    ("тернополі", "тернопіль"),  # у Тернополі
    ("сумщині", "сумщина"),  # на Сумщині: an oblast's colloquial name
]


@pytest.mark.parametrize(("inflected", "lemma"), CASES)
def test_inflected_form_yields_dictionary_form(inflected, lemma):
    assert lemma in lemma_forms(inflected)


def test_latin_text_has_no_lemma_forms():
    assert lemma_forms("Pokrovsk") == []


def test_multiword_cyrillic_names_get_a_lemma_key():
    assert name_lemma("Донецкая область") == "донецкий область"
    assert name_lemma("Покровськ") is None  # one word: the query side handles it
