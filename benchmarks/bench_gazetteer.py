"""Gazetteer benchmark: cold build, warm load, names resolved per second.

    python benchmarks/bench_gazetteer.py [--runs 3] [--cold-runs 1] [--names 20000]

Cold build: a fresh cache folder, the whole index built from the packaged data.
Warm load: `Gazetteer.load()` from the cache, in a fresh process each run (no warm imports).
Resolve rate, one core, two streams:
- distinct: a hard mix of names drawn from the index (official, alternate, Cyrillic), inflected
  Cyrillic forms, misspellings and unknown words, every name distinct so no cache helps (after
  a warm-up on 2,000 other names): the worst case.
- article-like: the same names drawn with repetition (Zipf, as a news corpus names Pokrovsk far
  more often than most villages), the way `mentions` calls the gazetteer.
Prints medians of the runs, the speed of this machine's Python today, and one JSON line.
Targets: warm load < 1 s, >= 20,000 names/s.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time

from machine import machine_speed  # benchmarks/ is on sys.path when run as a script

LOAD_SNIPPET = (
    "import time; t = time.perf_counter(); from gazetteer import Gazetteer; "
    "Gazetteer.load(supplement=False); print(time.perf_counter() - t)"
)
BUILD_SNIPPET = (
    "import time; t = time.perf_counter(); from gazetteer.index import load_index; "
    "load_index(); print(time.perf_counter() - t)"
)


def in_fresh_process(snippet: str, cache_dir: str | None = None) -> float:
    env = dict(os.environ)
    if cache_dir:
        env["FRONTLINE_CACHE_DIR"] = cache_dir
    out = subprocess.run([sys.executable, "-c", snippet], capture_output=True, text=True,
                         env=env, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def query_mix(gazetteer, count: int, seed: int = 7) -> list[str]:
    """Distinct names: 70% names from the index (Latin and Cyrillic), 15% inflected Cyrillic,
    10% one-letter misspellings, 5% unknown words."""
    rng = random.Random(seed)
    names = gazetteer.index.entry_names
    picked = set()
    while len(picked) < int(count * 0.7):
        picked.add(names[rng.randrange(len(names))])
    cyrillic = [n for n in rng.sample(names, 200000) if any("а" <= c <= "я" for c in n.lower())]
    for name in cyrillic[: int(count * 0.15)]:
        picked.add(name + rng.choice(["е", "а", "ом", "у"]))
    latin = [n for n in rng.sample(names, 50000) if n.isascii() and len(n) > 6]
    for name in latin[: int(count * 0.10)]:
        i = rng.randrange(1, len(name) - 1)
        picked.add(name[:i] + name[i + 1:])
    for i in range(int(count * 0.05)):
        picked.add(f"Zq{i}xv{rng.randrange(10**6)}")
    out = sorted(picked)
    rng.shuffle(out)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cold-runs", type=int, default=1)
    parser.add_argument("--names", type=int, default=20000)
    args = parser.parse_args()

    cold = []
    for _ in range(args.cold_runs):
        with tempfile.TemporaryDirectory() as folder:
            cold.append(in_fresh_process(BUILD_SNIPPET, folder))
            print(f"cold build: {cold[-1]:.1f} s", file=sys.stderr)
    in_fresh_process(BUILD_SNIPPET)  # make sure the user cache is warm
    warm = [in_fresh_process(LOAD_SNIPPET) for _ in range(args.runs)]
    print(f"warm loads: {', '.join(f'{w:.3f}' for w in warm)} s", file=sys.stderr)

    from gazetteer import Gazetteer

    gazetteer = Gazetteer.load(supplement=False)
    queries = query_mix(gazetteer, args.names)
    # Warm-up on other names (page in the morphology dictionaries), none of them measured.
    measured = set(queries)
    for name in query_mix(gazetteer, 2000, seed=99):
        if name not in measured:
            gazetteer.resolve(name)
    rates, resolved = [], 0
    for run in range(args.runs):
        batch = queries[run::args.runs] if args.runs > 1 else queries
        started = time.perf_counter()
        resolved = sum(gazetteer.resolve(q).match is not None for q in batch)
        rates.append(len(batch) / (time.perf_counter() - started))
        print(f"resolve run {run + 1}: {rates[-1]:,.0f} names/s "
              f"({resolved}/{len(batch)} matched)", file=sys.stderr)
    rng = random.Random(11)
    weights = [1.0 / (rank + 1) for rank in range(len(queries))]
    stream = rng.choices(queries, weights=weights, k=len(queries))
    stream_rates = []
    for run in range(args.runs):
        started = time.perf_counter()
        for name in stream:
            gazetteer.resolve(name)
        stream_rates.append(len(stream) / (time.perf_counter() - started))
        print(f"article-like run {run + 1}: {stream_rates[-1]:,.0f} names/s", file=sys.stderr)
    report = {
        "python_loop_10M_s": round(machine_speed(), 3),
        "cold_build_s": round(statistics.median(cold), 2) if cold else None,
        "warm_load_s": round(statistics.median(warm), 3),
        "names_per_s": round(statistics.median(rates)),
        "article_like_names_per_s": round(statistics.median(stream_rates)),
        "names": len(queries),
        "runs": args.runs,
    }
    print(f"cold build {report['cold_build_s']} s | warm load {report['warm_load_s']} s | "
          f"{report['names_per_s']:,} distinct names/s, "
          f"{report['article_like_names_per_s']:,} article-like names/s "
          f"(medians of {args.runs}) | machine: 10M-step "
          f"Python loop in {report['python_loop_10M_s']} s")
    print(json.dumps(report))


if __name__ == "__main__":
    main()
