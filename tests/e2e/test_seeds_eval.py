"""The sample corpus against its hand-checked gold (../shared/eval), as CI runs it.

A regression guard, not a target: the rules are shown on invented sentences in test_mentions.py;
this only checks that together they still read the seeds as well as they did (F1 >= 0.95).
"""

from __future__ import annotations

import datetime as dt
import runpy
from pathlib import Path

import pytest

from geo.out.table import write
from geo.run.pipeline import mentions

SHARED = Path(__file__).resolve().parents[3] / "shared" / "eval"


@pytest.mark.skipif(not (SHARED / "score.py").exists(), reason="../shared/eval is not beside")
def test_seed_mentions_score_against_gold(gazetteer, tmp_path):
    output = tmp_path / "mentions.geojson"
    write(mentions(["seeds"], gazetteer=gazetteer, reference=dt.date(2026, 11, 21)),
          str(output), "geojson")
    scorer = runpy.run_path(str(SHARED / "score.py"))
    result = scorer["score"](scorer["load_gold"](str(SHARED / "seeds_gold.json")),
                             scorer["load_pred"](str(output)))
    assert result["f1"] >= 0.95, result["rows"]
    assert result["precision"] >= 0.95, "a dot in the wrong village is worse than none"
