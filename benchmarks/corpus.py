"""Synthetic corpora for the benchmarks: real article text recombined, with shifted dates.

    python benchmarks/corpus.py 100000 corpus.jsonl [--seed 7]

The pool of paragraphs is every line of the seed articles (long enough to be prose) and every
test text written for the extraction tests (the string literals of ``TEXT_TESTS`` that are not
docstrings). Each article draws 8-24 paragraphs from the pool (the seeds have 6-28 lines, 2.8-4.6
KB), is dated a random day in two years, and carries a unique first line, so no two
articles have the same content hash: the store cannot make a synthetic corpus look cheaper than
a real one. One article in ten has no metadata date, as in scraped feeds, so its date is
inferred from the text. The same count and seed give the same bytes.
"""

from __future__ import annotations

import argparse
import ast
import datetime as dt
import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEXT_TESTS = ("tests/e2e/test_mentions.py", "tests/read/test_dates.py", "tests/e2e/test_scale.py")
OUTLETS = ("outlet-a", "outlet-b", "outlet-c", "outlet-d", "outlet-e", "outlet-f", "outlet-g")
START = dt.date(2024, 1, 1)


def paragraph_pool() -> list[str]:
    pool = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        pool += [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
                 if len(line.strip()) >= 60]
    for name in TEXT_TESTS:
        pool += _test_texts(ROOT / name)
    return pool


def _test_texts(path: Path) -> list[str]:
    """String literals of a test module that read like prose, docstrings left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.value) for node in ast.walk(tree)
                  if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)}
    return [node.value.strip() for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and id(node) not in docstrings and len(node.value) >= 40
            and len(node.value.split()) >= 6 and "\n" not in node.value.strip()]


def write_corpus(path: Path, count: int, seed: int = 7, first: int = 0) -> None:
    """``count`` JSONL articles numbered from ``first`` (appended when ``first`` > 0)."""
    pool = paragraph_pool()
    with open(path, "a" if first else "w", encoding="utf-8") as handle:
        for number in range(first, first + count):
            rng = random.Random(seed * 1_000_003 + number)
            text = "\n".join([f"Dispatch {number} from our correspondents."]
                             + rng.sample(pool, rng.randint(8, 24)))
            record = {"id": f"synthetic-{number:07d}", "title": f"Dispatch {number}",
                      "source": rng.choice(OUTLETS), "text": text}
            if rng.random() >= 0.1:
                record["published"] = (START + dt.timedelta(days=rng.randrange(730))).isoformat()
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int)
    parser.add_argument("output", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    write_corpus(args.output, args.count, args.seed)
    print(f"{args.count} articles from a pool of {len(paragraph_pool())} paragraphs -> "
          f"{args.output}")


if __name__ == "__main__":
    main()
