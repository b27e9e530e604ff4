"""Recognise: article text -> name spans, on the made-up world (tests/world.py).

A span is a slice of the text, never a rewrite; what the gazetteer is asked about it is in
``queries``; ``known`` says whether the gazetteer knows the name or only a place context vouches
for it.
"""

from __future__ import annotations

import pytest

from geo.find.recognise import TEXT, Recogniser, tokens


def surfaces(recogniser, text):
    return [span.surface for span in recogniser.spans(text)]


def test_spans_are_exact_slices_of_the_text(recogniser):
    text = ("Strikes hit Zoriansk's port, Kam'yanopil and KAMIANOPIL overnight.\n"
            "Зорянськ и Сокіл Яр: units held Sokil Yar.")
    spans = recogniser.spans(text)
    assert [s.surface for s in spans] == ["Zoriansk", "Kam'yanopil", "KAMIANOPIL", "Зорянськ",
                                          "Сокіл Яр", "Sokil Yar"]
    for span in spans:
        assert text[span.start:span.end] == span.surface and span.known


@pytest.mark.parametrize(("text", "expected"), [
    ("Units entered Zoriansk.", ["Zoriansk"]),
    ("Units entered Zorjansk.", ["Zorjansk"]),  # another romanisation: the fold key meets
    ("Units entered Зорянськ and Зорянск.", ["Зорянськ", "Зорянск"]),
    ("Units entered Shakhtograd.", ["Shakhtograd"]),  # the old Russian name
    ("Units entered Zoriansk’s suburbs.", ["Zoriansk"]),  # possessive left out
    ("Units entered Sokil Yar and Сокол Яр.", ["Sokil Yar", "Сокол Яр"]),  # two words
    ("The Zoriansk-Kamianopil road was cut.", ["Zoriansk", "Kamianopil"]),
    ("Units left zoriansk for sokil yar.", []),  # lower case: not a name
    ("Units entered Sokil yar.", []),  # every word of a name is capitalised
])
def test_names_the_gazetteer_knows(recogniser, text, expected):
    assert surfaces(recogniser, text) == expected


def test_region_names_and_plural_regions(recogniser):
    spans = recogniser.spans("Shelling hit the Zoriana region, the Zoriansk Oblast governor "
                             "said; the Zoriansk and Lisovsk regions are on alert.")
    assert [(s.surface, s.queries) for s in spans] == [
        ("Zoriana region", ("Zoriana region",)),
        ("Zoriansk Oblast", ("Zoriansk Oblast",)),
        ("Zoriansk", ("Zoriansk region", "Zoriansk")),  # "X and Y regions": read as regions
        ("Lisovsk", ("Lisovsk region", "Lisovsk")),
    ]


@pytest.mark.parametrize(("text", "expected"), [
    ("В Зорянске и под Зорянском идут бои.", ["Зорянске", "Зорянском"]),  # Russian
    ("Бои в районе Каменополя и в Грушанке.", ["Каменополя", "Грушанке"]),
    ("Бои в Сокольем Яру и в Зорянской области.", ["Сокольем Яру", "Зорянской области"]),
    ("Бої у Грушанці та біля Лісовська.", ["Грушанці", "Лісовська"]),  # Ukrainian
    ("Вибухи у Кам'янополі.", ["Кам'янополі"]),
])
def test_cyrillic_case_endings(recogniser, text, expected):
    spans = recogniser.spans(text)
    assert [s.surface for s in spans] == expected
    assert all(s.known for s in spans)


def test_unknown_names_in_a_place_context_are_kept_as_unknown(recogniser):
    text = ("Fighting near Tykhovody, in the village of Solovianivka and in Pidhaine (a village "
            "in the Zoriana region); возле Тиховод и у села Соловьяновка.")
    unknown = {s.surface: s for s in recogniser.spans(text) if not s.known}
    assert list(unknown) == ["Tykhovody", "Solovianivka", "Pidhaine", "Тиховод", "Соловьяновка"]
    assert all(s.in_context for s in unknown.values())
    assert [s.surface for s in unknown.values() if s.settlement_hint] == [
        "Solovianivka", "Pidhaine", "Соловьяновка"]


def test_acronyms_and_longer_proper_nouns_are_not_unknown_names(recogniser):
    text = "Troops massed near NATO lines, near Wagner Group camps and near Tykhovody."
    assert [s.surface for s in recogniser.spans(text) if not s.known] == ["Tykhovody"]


def test_which_contexts_vouch_for_a_place(recogniser):
    text = ("Units held the Zoriansk direction, the town of Bortnyk and the area near "
            "Kamianopil; Lisovsk was calm.")
    spans = {s.surface: s for s in recogniser.spans(text)}
    assert not spans["Zoriansk"].in_context  # a direction makes an adjective of the name
    assert spans["Bortnyk"].in_context and spans["Bortnyk"].settlement_hint
    assert spans["Kamianopil"].in_context and not spans["Kamianopil"].settlement_hint
    assert not spans["Lisovsk"].in_context


def test_adjectival_direction_names_are_tried_without_the_ending(recogniser):
    """Russian reports name directions after a town, as an adjective: the Zorianskoye
    direction is Zoriansk's. The adjective is no name of the gazetteer; its stem is."""
    text = ("Attacks grew on the Zorianskoye direction, the Kamianopilskyi axis, the "
            "Tykhovodskoye direction and the Zoriaskoye direction.")
    spans = {s.surface: s for s in recogniser.spans(text)}
    assert spans["Zorianskoye"].known and "Zoriansk" in spans["Zorianskoye"].queries
    assert spans["Kamianopilskyi"].known and "Kamianopil" in spans["Kamianopilskyi"].queries
    assert not spans["Zorianskoye"].in_context  # a direction vouches for no place
    assert not spans["Tykhovodskoye"].known  # no such stem: an unknown name, reported
    assert not spans["Zoriaskoye"].known  # a misspelt stem is too weak a guess


def test_tokens_keep_offsets_and_join_only_across_spaces_and_hyphens():
    text = "Sokil Yar, Velmarsk-on-Sea's port"
    found = [(t[0], t[1], t[2], t[4]) for t in tokens(text)]
    assert found == [(0, 5, "Sokil", False), (6, 9, "Yar", True), (11, 19, "Velmarsk", False),
                     (20, 22, "on", True), (23, 26, "Sea", True)]


def test_a_token_starts_only_where_a_word_starts():
    # a soft hyphen inside a word does not start a second word there, at the start of the text
    # or after it; nor does a capital inside a word or after an apostrophe
    text = "Sokil\u00adYar held; McYar and l'Velmarsk did not, nor Kamianopil\u00adVelmarsk."
    assert [t[TEXT] for t in tokens(text)] == [
        "Sokil\u00adYar", "McYar", "Kamianopil\u00adVelmarsk"]


def test_two_capitalised_words_apart_are_never_asked_as_one_name(world, lookup):
    """Case endings try two capitalised words as one name (Сокольем Яру) only when nothing but
    a space parts them: a sentence between them makes no name, and asking the gazetteer about
    the whole stretch (with every inflected form of every word) costs a run dearly."""
    asked = []
    recogniser = Recogniser(world, lambda query: asked.append(query) or lookup(query))
    spans = recogniser.spans("Вчера войска отошли от реки.\nВ селе Грушанке тихо. Бойцы ушли.")
    assert [s.surface for s in spans] == ["Грушанке"]
    assert not [query for query in asked if "\n" in query or "." in query]
