"""What the events stage costs: CPU time of ``ArticleEvents`` (construction and ``at``) inside
the extractor's per-article work, against the whole of that work, on a JSONL corpus.

Each article goes through ``Extractor.article_result`` as in `frontline mentions` (in this
process, no pool, no store); the events stage is timed apart by wrapping ``ArticleEvents``.
CPU time (``time.process_time``), so a machine busy with other work moves the figures less;
the median of ``--runs`` passes is printed. ``--dump`` writes every mention's (article,
start, event, side, claimant), one per line, to compare two versions' output with ``diff``.

    python benchmarks/corpus.py 2000 /tmp/c2000.jsonl
    python benchmarks/bench_events.py /tmp/c2000.jsonl --runs 3
    python benchmarks/bench_events.py /tmp/c2000.jsonl --runs 1 --dump /tmp/events.tsv
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import geo.run.extract as extract  # noqa: E402
from gazetteer import Gazetteer  # noqa: E402
from geo.classify.events import ArticleEvents  # noqa: E402
from geo.read.ingest import read_articles  # noqa: E402
from geo.schema import Article  # noqa: E402


class _Timed(ArticleEvents):
    """``ArticleEvents`` that adds the CPU time of its construction and answers to ``spent``."""

    spent = 0.0

    def __init__(self, text: str, *args, **kwargs):
        began = time.process_time()
        super().__init__(text, *args, **kwargs)
        _Timed.spent += time.process_time() - began

    def at(self, *args, **kwargs):
        began = time.process_time()
        try:
            return super().at(*args, **kwargs)
        finally:
            _Timed.spent += time.process_time() - began


def run(articles: list[Article], extractor: extract.Extractor, dump=None) -> tuple[float, float]:
    """(seconds of the whole per-article work, seconds of it in the events stage)."""
    _Timed.spent = 0.0
    began = time.process_time()
    for article in articles:
        result = extractor.article_result(article)
        if dump is not None:
            rows = result.rows.to_pydict()
            for start, event, side, claimant in zip(rows["start"], rows["event"],
                                                    rows["event_side"], rows["claimant"],
                                                    strict=True):
                dump.write(f"{article.article_id}\t{start}\t{event or ''}\t{side or ''}"
                           f"\t{claimant or ''}\n")
    return time.process_time() - began, _Timed.spent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="+", help="JSONL files or folders of articles")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--dump", type=Path, help="write every mention's event here")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date(2026, 11, 21))
    args = parser.parse_args(argv)
    articles = [a for a in read_articles(args.corpus) if isinstance(a, Article)]
    extractor = extract.Extractor(Gazetteer.load(supplement=False), args.today)
    extract.ArticleEvents = _Timed
    run(articles[:50], extractor)  # warm the caches and the lexicon
    totals, events = [], []
    for index in range(args.runs):
        if args.dump is not None and index == 0:
            with open(args.dump, "w", encoding="utf-8") as dump:
                total, spent = run(articles, extractor, dump)
        else:
            total, spent = run(articles, extractor)
        totals.append(total)
        events.append(spent)
        print(f"run {index + 1}: {total:.2f} s in all, {spent:.2f} s events "
              f"({spent / total:.0%})")
    total, spent = statistics.median(totals), statistics.median(events)
    print(f"{len(articles)} articles, median of {args.runs}: {total:.2f} s in all, "
          f"{spent:.2f} s events ({spent / total:.0%}), "
          f"{1000 * spent / len(articles):.2f} ms events per article")
    return 0


if __name__ == "__main__":
    sys.exit(main())
