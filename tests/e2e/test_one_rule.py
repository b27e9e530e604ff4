"""One confidence rule: `frontline place NAME` and a one-sentence `frontline mentions` agree.

With no context (no other place in the article, no --near), both answer with the gazetteer's
ranking judged by ``gazetteer.confidence``: the same place, the same confidence, and the same
verdict on ambiguity.
"""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest

from geo.run.extract import Extractor
from geo.schema import Article, ResolutionStatus

# Names met in different ways: spelled as GeoNames has it, an old Russian name, through
# transliteration folding, through a Russian or Ukrainian case ending, and names that several
# places bear (ambiguous).
NAMES = ["Kramatorsk", "Krasnoarmeysk", "Bakhmut", "Pokrovs'k", "Kupyansk", "Lyman",
         "Ivanivka", "Новоселівка", "Покровске", "Костянтинівці", "Dnipro"]


def _sentence(name: str) -> str:
    return f"Reporters travelled to {name}." if name.isascii() else f"Журналісти були в {name}."


@pytest.fixture(scope="module")
def extractor(gazetteer):
    return Extractor(gazetteer, dt.date(2026, 11, 21))


@pytest.mark.parametrize("name", NAMES)
def test_lookup_and_mention_agree_without_context(name, gazetteer, extractor):
    answer = gazetteer.resolve(name)
    _, _, found = extractor.article_mentions(Article("one", _sentence(name)))
    assert [m.surface for m in found] == [name]
    mention = found[0]
    assert mention.place_id == answer.match.place.place_id
    assert mention.confidence == answer.match.confidence
    assert (mention.resolution == ResolutionStatus.AMBIGUOUS) == answer.ambiguous


def test_the_commands_agree(run_cli, tmp_path):
    """The same through the command line, for a name met through folding and an ambiguous
    one."""
    for name in ("Kupyansk", "Новоселівка"):
        looked_up = run_cli("place", name, "--json")
        match = json.loads(looked_up.stdout)["match"]
        ambiguous = "ambiguous" in run_cli("place", name).stdout
        article, table = tmp_path / f"{name}.txt", tmp_path / f"{name}.csv"
        article.write_text(_sentence(name), encoding="utf-8")
        assert run_cli("mentions", str(article), "-o", str(table), "--no-cache").returncode == 0
        row = pd.read_csv(table).iloc[0]
        assert (row["place_id"], row["confidence"]) == (match["place_id"], match["confidence"])
        assert (row["resolution"] == "ambiguous") == ambiguous
