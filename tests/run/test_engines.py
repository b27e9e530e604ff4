"""Engines: where the per-article work runs. The same results in the same order whatever runs
them; a worker whose gazetteer is not the run's refuses to work. (Several processes and Dask
are run end to end in tests/e2e/test_scale.py.)"""

from __future__ import annotations

import datetime as dt

import pytest

from gazetteer import Gazetteer
from geo.errors import EngineError
from geo.run import engines
from geo.run.engines import SerialEngine, Setup, extract_batch, open_engine, setup_for
from geo.run.extract import ArticleResult
from geo.schema import Article


@pytest.fixture
def worker(world, monkeypatch):
    """A fresh worker process, as far as ``extract_batch`` knows: no extractor built yet, and
    the gazetteer it loads is the made-up world."""
    monkeypatch.setattr(engines, "_extractors", {})
    monkeypatch.setattr(Gazetteer, "load", classmethod(lambda cls, **_: world))


def test_a_worker_with_another_gazetteer_refuses_to_work(worker):
    setup = Setup(dt.date(2026, 11, 21), (), fingerprint="not-this-one")
    with pytest.raises(EngineError, match="install the same frontline version"):
        extract_batch(setup, [Article("a", "Shelling hit Zoriansk.")])


def test_a_worker_with_the_runs_gazetteer_works_and_keeps_its_extractor(worker, extractor):
    setup = setup_for(extractor)
    (packed,) = extract_batch(setup, [Article("a", "Shelling hit Zoriansk.")])
    assert ArticleResult.unpack(packed).rows.column("place_id").to_pylist() == [
        "world:zoriansk"]
    assert list(engines._extractors) == [setup]


def test_the_serial_engine_gives_each_batchs_results_in_order(extractor):
    batches = [[Article("a", "Drones hit Zoriansk."), Article("b", "Nothing.")],
               [Article("c", "Units held Sokil Yar and Kamianopil.")]]
    with open_engine(extractor) as engine:
        assert isinstance(engine, SerialEngine)
        results = list(engine.ordered(iter(batches)))  # in this process: nothing packed
    assert [[len(r) for r in batch] for batch in results] == [[1, 0], [2]]
    assert results[1][0].rows.column("surface").to_pylist() == ["Sokil Yar", "Kamianopil"]


def test_the_set_up_a_worker_gets(extractor):
    setup = setup_for(extractor)
    assert setup.reference == extractor.reference and setup.supplement_rows == ()
    assert setup == setup_for(extractor)  # a worker builds its extractor once per set-up


@pytest.mark.parametrize(("options", "message"), [
    ({"engine": "spark"}, "unknown engine 'spark'"),
    ({"scheduler": "tcp://127.0.0.1:8786"}, "--scheduler needs --engine dask"),
])
def test_bad_engine_options(extractor, options, message):
    with pytest.raises(EngineError, match=message):
        open_engine(extractor, **options)
