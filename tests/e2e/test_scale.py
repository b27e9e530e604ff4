"""Scale: --jobs, the incremental store and the Dask engine give the table a plain run gives.

The corpora are made here: paragraphs of the seed articles and sentences written for these tests,
recombined with a seeded generator, one JSONL record per article.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from geo.run.pipeline import mentions
from geo.run.summary import RunSummary
from geo.schema import Article

TODAY = "2026-11-21"
SEEDS = Path(__file__).resolve().parents[2] / "seeds"
OWN = [
    "Shelling hit Kostiantynivka and Druzhkivka overnight, the regional governor said.",
    "Fighting went on near Pokrovsk and Myrnohrad, where both sides brought up reserves.",
    "Drones struck a fuel depot near Belgorod, the local administration said on 3 November.",
    "Residents of Kupiansk were taken to Kharkiv as artillery fire went on for a third day.",
    "В Покровске и под Мирноградом продолжаются бои, сообщили в штабе.",
    "Окупанти вночі обстріляли Херсон і Запоріжжя, повідомила обласна адміністрація.",
]


def paragraphs() -> list[str]:
    out = list(OWN)
    for path in sorted(SEEDS.glob("*.txt")):
        out += [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n")
                if len(p.strip()) > 80]
    return out


def write_corpus(path: Path, count: int, first: int = 0, seed: int = 11) -> None:
    """``count`` articles, numbered from ``first``, each a distinct recombination; one in four
    has no metadata date (its publication date is inferred from the text)."""
    pool, lines = paragraphs(), []
    for number in range(first, first + count):
        rng = random.Random(seed * 100_003 + number)
        text = "\n\n".join([f"Report {number} from the front."]
                           + rng.sample(pool, rng.randint(2, 4)))
        record = {"id": f"a{number:04d}", "text": text, "source": f"outlet-{number % 3}"}
        if number % 4:
            record["published"] = (dt.date(2026, 1, 1) + dt.timedelta(days=number)).isoformat()
        lines.append(json.dumps(record, ensure_ascii=False))
    with open(path, "a", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")


@pytest.fixture
def corpus(tmp_path) -> Path:
    path = tmp_path / "corpus.jsonl"
    write_corpus(path, 40)
    return path


def report_of(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_jobs_give_the_same_bytes(run_cli, corpus, tmp_path):
    outputs = {}
    for jobs in ("1", "2"):
        table, html = tmp_path / f"m{jobs}.geojson", tmp_path / f"m{jobs}.html"
        for command, out in (("mentions", table), ("map", html)):
            result = run_cli(command, str(corpus), "-o", str(out), "--today", TODAY,
                             "--jobs", jobs, "--no-cache")
            assert result.returncode == 0, result.stderr
        outputs[jobs] = (table.read_bytes(), html.read_bytes())
    assert outputs["1"] == outputs["2"]
    assert outputs["1"][0].count(b'"type": "Feature"') > 100


def test_rerun_with_one_new_article_works_out_only_that_one(run_cli, corpus, tmp_path):
    store, report = tmp_path / "store.sqlite", tmp_path / "report.json"
    first = run_cli("mentions", str(corpus), "-o", str(tmp_path / "first.geojson"),
                    "--today", TODAY, "--store", str(store), "--report", str(report))
    assert first.returncode == 0, first.stderr
    assert report_of(report)["articles_from_store"] == 0
    write_corpus(corpus, 1, first=40)  # the corpus grows by one article
    again = tmp_path / "again.geojson"
    second = run_cli("mentions", str(corpus), "-o", str(again), "--today", TODAY,
                     "--store", str(store), "--report", str(report))
    assert second.returncode == 0, second.stderr
    assert report_of(report)["articles_read"] == 41
    assert report_of(report)["articles_from_store"] == 40
    assert "(40 from the store)" in second.stderr
    fresh = tmp_path / "fresh.geojson"
    assert run_cli("mentions", str(corpus), "-o", str(fresh), "--today", TODAY,
                   "--no-cache").returncode == 0
    assert again.read_bytes() == fresh.read_bytes()


def test_a_changed_gazetteer_is_never_served_old_results(run_cli, tmp_path):
    corpus, store = tmp_path / "made-up.txt", tmp_path / "store.sqlite"
    corpus.write_text("Shelling hit the village of Zarichne-Pole on Monday.\n", encoding="utf-8")
    run = ("mentions", str(corpus), "-o", "-", "--today", TODAY, "--store", str(store))
    before = run_cli(*run)
    assert before.returncode == 0 and '"user:zarichne-pole"' not in before.stdout
    added = run_cli("place", "add", "Zarichne-Pole", "--lat", "48.5", "--lon", "37.9",
                    "--country", "UA")
    assert added.returncode == 0, added.stderr
    after = run_cli(*run)
    assert "from the store" not in after.stderr
    assert '"place_id": "user:zarichne-pole"' in after.stdout


def test_another_run_date_reuses_what_it_dates_alike(gazetteer, tmp_path):
    corpus, store = tmp_path / "corpus.jsonl", tmp_path / "store.sqlite"
    write_corpus(corpus, 12)
    undated = Article("undated", "Shelling hit Kramatorsk on 3 November, officials said.")
    corpus.open("a", encoding="utf-8").write(json.dumps({"id": undated.article_id,
                                                          "text": undated.text}) + "\n")
    mentions([corpus], gazetteer, dt.date(2026, 11, 21), store=store)
    summary = RunSummary()
    earlier = dt.date(2026, 11, 1)  # 3 November is now last year's
    reused = mentions([corpus], gazetteer, earlier, summary, store=store)
    assert 0 < summary.reused < summary.articles
    fresh = mentions([corpus], gazetteer, earlier)
    assert reused.equals(fresh)
    assert set(fresh.loc[fresh.article_id == "undated", "published"]) == {"2025-11-03"}


def test_store_that_cannot_be_used(run_cli, corpus, tmp_path):
    out = tmp_path / "m.geojson"
    not_a_database = tmp_path / "store.sqlite"
    not_a_database.write_bytes(b"this is not an SQLite file" * 100)
    result = run_cli("mentions", str(corpus), "-o", str(out), "--store", str(not_a_database))
    assert result.returncode == 1 and "cannot use the store" in result.stderr
    assert "Traceback" not in result.stderr and not out.exists()


def test_a_store_of_an_older_layout_is_made_anew(run_cli, corpus, tmp_path):
    store = tmp_path / "old.sqlite"
    with sqlite3.connect(store) as db:  # as an earlier frontline left it
        db.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT)")
        db.execute("INSERT INTO meta VALUES ('context', 'an-older-version')")
        db.execute("CREATE TABLE articles (key BLOB PRIMARY KEY, columns BLOB)")
    for expected in ("", "(40 from the store)"):
        result = run_cli("mentions", str(corpus), "-o", str(tmp_path / "m.csv"), "--store",
                         str(store), "--today", TODAY)
        assert result.returncode == 0, result.stderr
        assert expected in result.stderr


def test_default_store_unusable_warns_and_runs_without(run_cli, corpus, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("FRONTLINE_STORE", str(blocker / "store.sqlite"))
    result = run_cli("mentions", str(corpus), "-o", str(tmp_path / "m.csv"))
    assert result.returncode == 0, result.stderr
    assert "running without the store" in result.stderr


def test_no_cache_neither_reads_nor_writes_the_store(run_cli, corpus, tmp_path, monkeypatch):
    default = tmp_path / "default-store.sqlite"
    monkeypatch.setenv("FRONTLINE_STORE", str(default))
    result = run_cli("mentions", str(corpus), "-o", str(tmp_path / "m.csv"), "--no-cache")
    assert result.returncode == 0 and not default.exists()
    result = run_cli("mentions", str(corpus), "-o", str(tmp_path / "m.csv"))
    assert result.returncode == 0 and default.exists()


@pytest.mark.parametrize("args, message", [
    (["--jobs", "0"], "expected a number of processes >= 1"),
    (["--scheduler", "tcp://127.0.0.1:8786"], "--scheduler needs --engine dask"),
])
def test_bad_scale_options_are_explained(run_cli, corpus, tmp_path, args, message):
    result = run_cli("mentions", str(corpus), "-o", str(tmp_path / "m.csv"), *args)
    assert result.returncode in (1, 2) and message in result.stderr
    assert "Traceback" not in result.stderr


def test_ctrl_c_stops_workers_quietly_and_keeps_what_was_done(data_dir, tmp_path):
    corpus, store, out = tmp_path / "corpus.jsonl", tmp_path / "s.sqlite", tmp_path / "m.parquet"
    write_corpus(corpus, 3000)
    process = subprocess.Popen(
        [sys.executable, "-m", "geo.cli", "mentions", str(corpus), "-o", str(out), "--jobs", "2",
         "--store", str(store), "--today", TODAY],
        stderr=subprocess.PIPE, text=True, start_new_session=True)  # a group, as in a terminal

    def stored() -> int:
        try:
            with sqlite3.connect(store) as db:
                return db.execute("SELECT count(*) FROM articles").fetchone()[0]
        except sqlite3.Error:
            return 0

    deadline = time.monotonic() + 120
    while stored() == 0 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.2)
    os.killpg(process.pid, signal.SIGINT)  # Ctrl-C reaches the parent and its workers
    stderr = process.communicate(timeout=60)[1]
    assert process.returncode == 130, stderr
    assert "interrupted" in stderr and "Traceback" not in stderr
    assert not out.exists() and not list(tmp_path.glob(".m.parquet*"))
    assert 0 < stored() < 3000


@pytest.fixture(scope="module")
def cluster():
    """A real Dask cluster on this machine: a scheduler and two worker processes."""
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as local:
        yield local


def test_dask_cluster_gives_the_same_table(cluster, gazetteer, corpus, run_cli, tmp_path):
    reference = dt.date(2026, 11, 21)
    serial = mentions([corpus], gazetteer, reference)
    distributed = mentions([corpus], gazetteer, reference, engine="dask",
                           scheduler=cluster.scheduler_address)
    assert distributed.equals(serial) and len(serial) > 100
    from dask.distributed import Client

    with Client(cluster) as client:  # the work ran in the workers: they built extractors
        built = client.run(lambda: len(__import__("geo.run.engines").run.engines._extractors))
    assert len(built) == 2 and sum(built.values()) >= 1
    plain, on_dask = tmp_path / "plain.geojson", tmp_path / "dask.geojson"
    assert run_cli("mentions", str(corpus), "-o", str(plain), "--today", TODAY,
                   "--no-cache").returncode == 0
    result = run_cli("mentions", str(corpus), "-o", str(on_dask), "--today", TODAY,
                     "--no-cache", "--engine", "dask", "--scheduler", cluster.scheduler_address)
    assert result.returncode == 0, result.stderr
    assert on_dask.read_bytes() == plain.read_bytes()
