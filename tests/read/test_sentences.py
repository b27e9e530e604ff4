"""Sentences: each offset's sentence, by a plain rule."""

from __future__ import annotations

import pytest

from geo.read.sentences import Sentences

TEXT = ("Drones hit Zoriansk overnight. “Units held,” he said! Then? 3 villages fell…\n"
        "В Зорянске тихо. У Грушанці — ні.\n\n  Gen. Bortnyk spoke. It was 3.5 km away.")


@pytest.mark.parametrize(("word", "sentence"), [
    ("Zoriansk", "Drones hit Zoriansk overnight."),
    ("Units", "“Units held,” he said!"),
    ("Then", "Then?"),
    ("villages", "3 villages fell…"),  # a digit opens a sentence too
    ("Зорянске", "В Зорянске тихо."),
    ("Грушанці", "У Грушанці — ні."),  # a line break ends one
    ("Gen.", "Gen."),  # an abbreviation ends a sentence early (a known limit)
    ("Bortnyk", "Bortnyk spoke."),
    ("km", "It was 3.5 km away."),  # no break inside a number
])
def test_the_sentence_around_an_offset(word, sentence):
    sentences = Sentences(TEXT)
    start, end = sentences.around(TEXT.index(word))
    assert TEXT[start:end] == sentence


def test_one_sentence_and_no_text():
    assert Sentences("Zoriansk").around(3) == (0, 8)
    assert Sentences("").around(0) == (0, 0)
