"""Mentions benchmark: the seeds replicated into a large corpus, run through `frontline mentions`.

    python benchmarks/bench_mentions.py [--articles 10000] [--runs 3] [--format parquet]

Each replica is one JSONL record with the text of a seed (its paragraphs rotated, so no two
neighbours are identical) and a publication date shifted by a day per replica. Each run is the
real command in a fresh process; peak memory is that process's maximum resident set. Prints the
medians and one JSON line. Targets (issue 3): >= 300 articles/s on one core, < 1 GB.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from machine import machine_speed  # benchmarks/ is on sys.path when run as a script

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def write_corpus(path: Path, count: int) -> None:
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    start = dt.date(2024, 1, 1)
    with open(path, "w", encoding="utf-8") as handle:
        for number in range(count):
            paragraphs = seeds[number % len(seeds)].split("\n\n")
            shift = (number // len(seeds)) % len(paragraphs)
            text = "\n\n".join(paragraphs[shift:] + paragraphs[:shift])
            record = {"id": f"replica-{number:06d}", "text": text,
                      "published": (start + dt.timedelta(days=number % 700)).isoformat(),
                      "source": f"outlet-{number % 7}"}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def run_once(corpus: Path, output: Path) -> tuple[float, float]:
    """(seconds, peak MB) of one `frontline mentions` run in a fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "geo.cli", "mentions", str(corpus), "-o", str(output),
                    "--today", "2026-11-21"], check=True, stderr=subprocess.DEVNULL,
                   env=dict(os.environ, TQDM_DISABLE="1"))
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak, before) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--format", default="parquet", choices=("parquet", "geojson", "csv"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        corpus, tiny = Path(folder) / "corpus.jsonl", Path(folder) / "one.jsonl"
        write_corpus(corpus, args.articles)
        write_corpus(tiny, 1)
        output = Path(folder) / f"mentions.{args.format}"
        startup = statistics.median(run_once(tiny, output)[0] for _ in range(args.runs))
        times, peaks = [], []
        for run in range(args.runs):
            seconds, peak = run_once(corpus, output)
            times.append(seconds)
            peaks.append(peak)
            print(f"run {run + 1}: {seconds:.1f} s, {args.articles / seconds:,.0f} articles/s, "
                  f"peak {peak:,.0f} MB", file=sys.stderr)
    elapsed = statistics.median(times)
    report = {
        "python_loop_10M_s": round(machine_speed(), 3),
        "articles": args.articles,
        "seconds": round(elapsed, 2),
        "articles_per_s": round(args.articles / elapsed),
        "articles_per_s_after_startup": (round(args.articles / (elapsed - startup))
                                         if elapsed > startup else None),
        "startup_s": round(startup, 2),
        "peak_mb": round(max(peaks)),
        "runs": args.runs,
    }
    print(f"{report['articles']:,} articles: {report['articles_per_s']:,} articles/s "
          f"({report['articles_per_s_after_startup']}/s after {report['startup_s']} s "
          f"start-up), peak memory {report['peak_mb']:,} MB (medians of {args.runs}); machine: "
          f"10M-step Python loop in {report['python_loop_10M_s']} s")
    print(json.dumps(report))


if __name__ == "__main__":
    main()
