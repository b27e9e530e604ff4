"""In-text aliases: "A (known as B)" makes both names one place, all article long (made-up
world: Kamianopil's old Russian name is Shakhtograd; Krasnoshakht is no name at all)."""

from __future__ import annotations

import pytest

from geo.find.aliases import alias_recurrences, apply_aliases, learn_aliases


def learned(items_of, text):
    """text -> {surface: surface of the item it takes its place from} after learning."""
    items = items_of(text)
    learn_aliases(text, items)
    items += alias_recurrences(text, items)
    return items, {(item.span.surface, item.span.start): items[item.alias_of].span.surface
                   for item in items if item.alias_of is not None}


@pytest.mark.parametrize("text", [
    "Units left Kamianopil (known as Krasnoshakht in enemy reports) overnight.",
    "Units left Kamianopil (also known as Krasnoshakht) overnight.",
    "Units left Kamianopil, formerly Krasnoshakht, overnight.",
    "Fighting near Krasnoshakht (Kamianopil) went on.",  # the sure one keeps, whatever its place
])
def test_an_unknown_name_next_to_a_sure_one_is_its_alias(items_of, text):
    items, aliases = learned(items_of, text)
    assert list(aliases.values()) == ["Kamianopil"]
    assert [surface for surface, _start in aliases] == ["Krasnoshakht"]


def test_the_learned_name_is_found_again_later_bare(items_of):
    text = ("Units left Kamianopil (known as Krasnoshakht in enemy reports) overnight. Later, "
            "Krasnoshakht was quiet, and so was Krasnoshakhtivka.")
    items, aliases = learned(items_of, text)
    first, later_start = text.index("Krasnoshakht"), text.index("Krasnoshakht was")
    assert sorted(aliases) == [("Krasnoshakht", first), ("Krasnoshakht", later_start)]
    later = items[-1]
    assert not later.span.known and later.span.surface == "Krasnoshakht"


def test_no_alias_without_a_sure_keeper_or_the_words_that_make_one(items_of):
    weak = "Units left Hrushanka (known as Krasnoshakht) overnight."  # Hrushanka: two places
    assert learned(items_of, weak)[1] == {}
    apart = "Units left Kamianopil and then Zoriansk overnight."
    assert learned(items_of, apart)[1] == {}


def test_an_alias_takes_the_keepers_candidates_under_its_own_name(items_of):
    text = "Units left Kamianopil (known as Krasnoshakht) overnight. Krasnoshakht was quiet."
    items, _ = learned(items_of, text)
    apply_aliases(items)
    keeper, *takers = items
    for taker in takers:
        assert [c.place for c in taker.candidates] == [c.place for c in keeper.candidates]
        assert taker.best.matched_name == "Krasnoshakht"
        assert taker.best.match_type == "in-text alias"


@pytest.mark.parametrize(("text", "keeper"), [
    ("Units left Shakhtograd (Kamianopil) overnight.", "Shakhtograd"),  # a tie: the first
    ("Бои шли у Каменополя (ранее Шахтоград).", "Шахтоград"),  # the surer one: no case ending
])
def test_two_known_names_of_one_place(items_of, text, keeper):
    items, aliases = learned(items_of, text)
    assert list(aliases.values()) == [keeper]
    apply_aliases(items)
    assert {item.best.place.place_id for item in items} == {"world:kamianopil"}
