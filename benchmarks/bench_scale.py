"""The scale benchmark behind `make bench`: synthetic corpora of 10,000 and 100,000 articles
through the real commands, one JSON report.

    python benchmarks/bench_scale.py [--sizes 10000 100000] [--runs 3] [--keep DIR]

For each size (corpora from ``corpus.py``: seeded, so the same bytes every time):

- ``mentions`` serial and with ``--jobs 2`` (``--no-cache``; the runs of the two interleaved):
  articles/s and peak memory;
- the incremental re-run: the store filled from the first 99% of the corpus, then the whole
  corpus run again with that store (a fresh copy each run): seconds, its share of the fresh
  serial run, and whether its table equals the fresh one;
- ``map`` from the filled store (extraction reused, so this is the layers and the HTML): seconds,
  HTML size, and in headless Chromium the time to first render and per slider step (in the
  "that date" window and in the "everything up to it" window).

Each figure is the median of ``--runs`` runs of the real command in a fresh process. Memory:
``peak_rss_mb`` is the largest single process (the parent, or one worker); ``peak_pss_mb`` is the
sum over the process tree sampled every second (proportional set size, so pages that forked
workers share with their parent count once). This process stays small (tables are compared
batch by batch): a forked child's peak RSS would otherwise start at its parent's.

Targets: >= 300 articles/s serial, >= 1.8x with --jobs 2, < 2 GB at 100k, re-run with
1% new < 10% of the fresh run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pyarrow.parquet as pq
from corpus import write_corpus
from machine import machine_speed

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-21"
REPORT = ROOT / "output" / "bench-report.json"


def tree_pss_mb(pid: int) -> float:
    """PSS of a process and all its descendants, in MB (0 for processes gone meanwhile)."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat") as handle:
                    parent = int(handle.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(parent, []).append(int(entry.name))
            except (OSError, ValueError, IndexError):
                continue
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        todo += children.get(current, [])
        try:
            with open(f"/proc/{current}/smaps_rollup") as handle:
                total += next(int(line.split()[1]) for line in handle if line.startswith("Pss:"))
        except (OSError, StopIteration, ValueError):
            continue
    return total / 1024


def run(args: list[str]) -> dict:
    """One `frontline` command in a fresh process: seconds, peak RSS and sampled peak PSS."""
    env = dict(os.environ, TQDM_DISABLE="1")
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "geo.cli", *args], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak, done = [0.0], threading.Event()

    def sample():  # once a second: reading smaps costs CPU that a --jobs run would lose
        while not done.wait(1.0):
            peak[0] = max(peak[0], tree_pss_mb(process.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 3):
        raise RuntimeError(f"frontline {' '.join(args)} failed:\n{stderr.decode()[-2000:]}")
    return {"seconds": seconds, "peak_rss_mb": usage.ru_maxrss / 1024, "peak_pss_mb": peak[0]}


def medians(results: list[dict], articles: int) -> dict:
    out = {key: round(statistics.median(r[key] for r in results), 2) for key in results[0]}
    out["articles_per_s"] = round(articles / out["seconds"])
    out["peak_rss_mb"] = round(max(r["peak_rss_mb"] for r in results))
    out["peak_pss_mb"] = round(max(r["peak_pss_mb"] for r in results))
    return out


def same_table(a: Path, b: Path) -> bool:
    """Equal rows, compared 50,000 at a time."""
    first, second = pq.ParquetFile(a), pq.ParquetFile(b)
    if first.metadata.num_rows != second.metadata.num_rows:
        return False
    pairs = zip(first.iter_batches(50_000), second.iter_batches(50_000), strict=True)
    return all(x.equals(y) for x, y in pairs)


def bench_size(size: int, runs: int, folder: Path, browser) -> dict:
    corpus, head = folder / f"corpus-{size}.jsonl", folder / f"corpus-{size}-99.jsonl"
    new = max(1, size // 100)
    write_corpus(head, size - new)
    shutil.copy(head, corpus)
    write_corpus(corpus, new, first=size - new)  # the 1% that is new on the re-run
    log = lambda text: print(f"[{size:,}] {text}", file=sys.stderr)  # noqa: E731
    fresh_table = folder / "fresh.parquet"
    report = {"articles": size, "corpus_mb": round(corpus.stat().st_size / 2**20, 1)}
    common = ["--today", TODAY]

    parallel_table = folder / "jobs2.parquet"
    serial, parallel = [], []
    for _ in range(runs):  # interleaved, so that the machine's drift weighs on both alike
        serial.append(run(["mentions", str(corpus), "-o", str(fresh_table), "--no-cache",
                           *common]))
        parallel.append(run(["mentions", str(corpus), "-o", str(parallel_table), "--no-cache",
                             "--jobs", "2", *common]))
    report["serial"] = medians(serial, size)
    report["mentions"] = pq.read_metadata(fresh_table).num_rows
    log(f"serial: {report['serial']}")
    report["jobs_2"] = medians(parallel, size)
    report["jobs_2"]["speedup"] = round(report["serial"]["seconds"]
                                        / report["jobs_2"]["seconds"], 2)
    report["jobs_2"]["same_table"] = same_table(parallel_table, fresh_table)
    log(f"--jobs 2: {report['jobs_2']}")

    filled = folder / "store-99.sqlite"
    fill = run(["mentions", str(head), "-o", str(folder / "head.parquet"), "--store",
                str(filled), *common])
    rerun_table, reruns = folder / "rerun.parquet", []
    for _ in range(runs):
        store = folder / "store.sqlite"
        shutil.copy(filled, store)
        reruns.append(run(["mentions", str(corpus), "-o", str(rerun_table), "--store",
                           str(store), *common]))
    report["rerun_1pct_new"] = medians(reruns, size)
    report["rerun_1pct_new"].update(
        new_articles=new, store_fill_s=round(fill["seconds"], 2),
        store_mb=round(filled.stat().st_size / 2**20, 1),
        share_of_fresh=round(report["rerun_1pct_new"]["seconds"] / report["serial"]["seconds"],
                             3),
        same_table=same_table(rerun_table, fresh_table))
    log(f"re-run: {report['rerun_1pct_new']}")

    html, maps = folder / "map.html", []
    for _ in range(runs):
        maps.append(run(["map", str(corpus), "-o", str(html), "--store", str(store), *common]))
    report["map"] = medians(maps, size)
    report["map"]["html_mb"] = round(html.stat().st_size / 2**20, 2)
    if browser is not None:
        from bench_map import measure

        timings = [measure(browser, html, steps=30) for _ in range(runs)]
        report["map"]["first_render_ms"] = round(statistics.median(t[0] for t in timings))
        report["map"]["step_ms"] = round(statistics.median(t[1] for t in timings), 1)
        report["map"]["step_until_ms"] = round(statistics.median(t[2] for t in timings), 1)
    log(f"map: {report['map']}")
    return report


def targets(sizes: dict) -> dict:
    """Each scale target, per corpus size (memory: at the largest size)."""
    largest = max(sizes, key=int)
    out = {}
    for size, figures in sizes.items():
        met = {
            "serial_articles_per_s>=300": figures["serial"]["articles_per_s"] >= 300,
            "jobs_2_speedup>=1.8": figures["jobs_2"]["speedup"] >= 1.8,
            "rerun<10%_of_fresh": figures["rerun_1pct_new"]["share_of_fresh"] < 0.10,
            "map_html<25MB": figures["map"]["html_mb"] < 25,
            "map_first_render<3s": figures["map"].get("first_render_ms", 0) < 3000,
            "map_step<150ms": max(figures["map"].get("step_ms", 0),
                                  figures["map"].get("step_until_ms", 0)) < 150,
        }
        if size == largest:
            met["peak_memory<2GB"] = max(figures["serial"]["peak_pss_mb"],
                                         figures["jobs_2"]["peak_pss_mb"]) < 2048
        out[size] = met
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="work in this folder and keep its files")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium timings")
    args = parser.parse_args()
    report = {"python_loop_10M_s": round(machine_speed(), 3), "cpus": os.cpu_count(),
              "runs": args.runs, "corpus_seed": 7, "sizes": {}}
    with tempfile.TemporaryDirectory() as scratch, _browser(not args.no_browser) as browser:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        for size in args.sizes:
            report["sizes"][str(size)] = bench_size(size, args.runs, folder, browser)
    report["targets_met"] = targets(report["sizes"])
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=1))
    print(f"(also written to {REPORT.relative_to(ROOT)})", file=sys.stderr)


class _browser:
    """Headless Chromium from the test suite's set-up, or None."""

    def __init__(self, wanted: bool):
        self.wanted = wanted

    def __enter__(self):
        if not self.wanted:
            return None
        from bench_map import CHROMIUM, CHROMIUM_ARGS
        from playwright.sync_api import sync_playwright

        self.playwright = sync_playwright().start()
        self.browser = self.playwright.chromium.launch(executable_path=CHROMIUM,
                                                       args=CHROMIUM_ARGS)
        return self.browser

    def __exit__(self, *exc):
        if self.wanted:
            self.browser.close()
            self.playwright.stop()


if __name__ == "__main__":
    main()
