"""Before/after in one run: `frontline mentions` of two installations on the same corpus.

    python benchmarks/bench_compare.py OTHER_PYTHON [--articles 3000] [--runs 3]

OTHER_PYTHON is the interpreter of another checkout's virtual environment (an older commit, say:
`git worktree add ../old COMMIT && make -C ../old setup`, then `../old/.venv/bin/python`). Both
run the same seeded corpus (``corpus.py``, written once by this checkout), serially with no
store, in fresh processes, alternately, so the machine's drift hits both alike. Prints the
median articles/s of each and their ratio. The gazetteer index of each is built before timing.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import write_corpus

TODAY = "2026-11-21"


def _run(python: str, corpus: Path, output: Path) -> float:
    """One run in a fresh process, started in the corpus's folder: `python -m` puts the working
    folder first on the import path, so from a checkout it would import that checkout's code
    whichever installation runs it."""
    started = time.perf_counter()
    subprocess.run([python, "-m", "geo.cli", "mentions", str(corpus), "-o", str(output),
                    "--no-cache", "--today", TODAY], check=True, capture_output=True,
                   cwd=corpus.parent)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("other", help="the other installation's python")
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    pythons = {"this": sys.executable, "other": args.other}
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "corpus.jsonl"
        write_corpus(corpus, args.articles)
        warm = Path(folder) / "warm.jsonl"
        warm.write_text(corpus.read_text(encoding="utf-8").split("\n", 1)[0] + "\n")
        for python in pythons.values():  # builds each gazetteer index outside the timing
            _run(python, warm, Path(folder) / "warm.parquet")
        seconds: dict[str, list[float]] = {name: [] for name in pythons}
        for _ in range(args.runs):
            for name, python in pythons.items():
                seconds[name].append(_run(python, corpus, Path(folder) / f"{name}.parquet"))
    rates = {name: args.articles / statistics.median(times) for name, times in seconds.items()}
    for name, times in seconds.items():
        print(f"{name:<6} {rates[name]:7.1f} articles/s  (runs: "
              f"{', '.join(f'{t:.1f} s' for t in times)})")
    print(f"this/other: {rates['this'] / rates['other']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
