"""The run summary: what was read, skipped and found; the exit code and the report."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.run.summary import RunSummary, account
from geo.schema import Article, Skipped


def summary_of(extractor, articles, skipped=()):
    summary = RunSummary(skipped=list(skipped))
    for article in articles:
        account(summary, article, extractor.article_result(article))
    return summary


def test_mentions_are_counted_by_resolution(extractor):
    summary = summary_of(extractor, [
        Article("a", "Drones hit Zoriansk.", published=dt.date(2025, 11, 3)),
        Article("b", "Hrushanka was calm.", published=dt.date(2025, 11, 3)),  # two of them
        Article("c", "Units entered the village of Tykhovody; near Tykhovody the road was cut.",
                published=dt.date(2025, 11, 4)),
    ])
    assert (summary.articles, summary.mentions) == (3, 4)
    assert (summary.resolved, summary.ambiguous) == (1, 1)
    assert summary.unresolved_names == {"Tykhovody": 2}
    assert summary.lines() == [
        "articles read: 3, skipped: 0",
        "mentions: 4 (resolved 25%, ambiguous 1, unresolved 2)",
        "unresolved names: Tykhovody (2)",
    ]


def test_an_ignored_metadata_date_is_a_warning(extractor):
    impossible = Article("i", "Zoriansk.", path="feed.jsonl:3", published_raw="2025-13-45")
    future = Article("f", "Zoriansk.", published=dt.date(3000, 1, 1))
    summary = summary_of(extractor, [impossible, future])
    assert summary.warnings == [
        "feed.jsonl:3: metadata date 2025-13-45 ignored (impossible or in the future)",
        "f: metadata date 3000-01-01 ignored (impossible or in the future)",
    ]
    assert summary.lines()[-1].startswith("warning: f: metadata date 3000-01-01")


@pytest.mark.parametrize(("articles", "skipped", "strict", "code"), [
    (1, 0, False, 0),
    (1, 1, False, 3),  # some skipped: the rest is written
    (1, 1, True, 1),  # --strict: nothing is
    (0, 1, False, 1),  # nothing could be read
    (0, 0, False, 1),
])
def test_exit_codes(articles, skipped, strict, code):
    summary = RunSummary(articles=articles,
                         skipped=[Skipped("bad.txt", "empty file")] * skipped)
    assert summary.exit_code(strict=strict) == code


def test_the_report(extractor):
    summary = summary_of(extractor, [Article("a", "Units held Zoriansk near Tykhovody.")],
                         skipped=[Skipped("x.png", "binary file (PNG image)")])
    summary.reused = 1
    assert summary.as_json(3) == {
        "articles_read": 1, "articles_from_store": 1,
        "skipped": [{"path": "x.png", "reason": "binary file (PNG image)"}],
        "mentions": 2, "resolved": 1, "ambiguous": 0, "unresolved": {"Tykhovody": 1},
        "warnings": [], "exit_code": 3,
    }
    assert summary.lines()[0] == "articles read: 1 (1 from the store), skipped: 1"
    assert "skipped x.png: binary file (PNG image)" in summary.lines()
