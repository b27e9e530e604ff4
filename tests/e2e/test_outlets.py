"""Outlets end to end: a JSONL feed whose records carry URLs only (no ``source``) gives each
article its outlet and country in the table, and the map's outlet legend names them. The
reports are written for the test."""

from __future__ import annotations

import json

import pandas as pd

from geo.out.map.layers import UNKNOWN_OUTLET, map_data
from geo.run.pipeline import mentions
from geo.run.summary import RunSummary
from tests.run.test_pipeline import TODAY

FEED = [
    {"id": "ru", "url": "https://tass.com/politics/100001",
     "text": "MOSCOW, November 3. /TASS/. Shelling hit Zoriansk overnight, the ministry said."},
    {"id": "ua", "url": "https://www.kyivindependent.com/drones-over-kamianopil/",
     "text": "Drones hit Kamianopil on November 4, the regional governor said."},
    {"id": "wire", "url": "https://amp.theguardian.com/world/2025/nov/05/zoriansk",
     "text": "Fighting went on near Zoriansk on November 5, officials said."},
    {"id": "blog", "url": "https://frontnotes.example.org/2025/11/06/post",
     "text": "On November 6 we drove through Kamianopil."},
    {"id": "byline", "text": "Zoriansk was quiet on November 7, a local official told Sputnik."},
]


def write_feed(path, feed=FEED) -> None:
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in feed) + "\n",
                    encoding="utf-8")


def test_a_feed_of_urls_gives_outlets_in_the_table_and_the_legend(world, tmp_path):
    feed = tmp_path / "feed.jsonl"
    write_feed(feed)
    table = mentions([feed], gazetteer=world, reference=TODAY)
    outlets = table.drop_duplicates("article_id").set_index("article_id")[
        ["source", "outlet_country"]].to_dict("index")
    assert outlets == {
        "ru": {"source": "TASS", "outlet_country": "RU"},
        "ua": {"source": "The Kyiv Independent", "outlet_country": "UA"},
        "wire": {"source": "The Guardian", "outlet_country": "GB"},
        "blog": {"source": "example.org", "outlet_country": ""},
        "byline": {"source": "Sputnik", "outlet_country": "RU"},
    }
    legend = {outlet["name"] for outlet in map_data(pd.DataFrame(table)).outlets}
    assert legend == {"TASS", "The Kyiv Independent", "The Guardian", "example.org", "Sputnik"}
    assert UNKNOWN_OUTLET not in legend


def test_the_store_never_gives_another_urls_outlet(world, tmp_path):
    """The same text under another URL: the stored result is reused, the outlet is the URL's."""
    store, feed = tmp_path / "store.sqlite", tmp_path / "feed.jsonl"
    write_feed(feed, [dict(FEED[2], url="https://www.reuters.com/world/europe/zoriansk/")])
    first = mentions([feed], gazetteer=world, reference=TODAY, store=store)
    write_feed(feed, [dict(FEED[2], url="https://www.aljazeera.com/news/zoriansk-fighting")])
    summary = RunSummary()
    again = mentions([feed], gazetteer=world, reference=TODAY, store=store, summary=summary)
    assert summary.reused == 1
    assert set(first["source"]) == {"Reuters"} and set(first["outlet_country"]) == {"GB"}
    assert set(again["source"]) == {"Al Jazeera"} and set(again["outlet_country"]) == {"QA"}


def test_the_command_writes_the_outlets(run_cli, tmp_path):
    """`frontline mentions` and `frontline map` on a feed about real places."""
    feed = tmp_path / "feed.jsonl"
    write_feed(feed, [
        {"id": "r1", "url": "https://ria.ru/20251103/boi-1.html",
         "text": "Бои идут в Покровске, сообщили в Минобороны."},
        {"id": "u1", "url": "https://www.pravda.com.ua/news/2025/11/04/1/",
         "text": "Росіяни обстріляли Костянтинівку."},
    ])
    out = tmp_path / "m.csv"
    result = run_cli("mentions", str(feed), "-o", str(out), "--today", "2026-11-21")
    assert result.returncode == 0, result.stderr
    rows = pd.read_csv(out, keep_default_na=False).drop_duplicates("article_id")
    assert rows.set_index("article_id")[["source", "outlet_country"]].to_dict("index") == {
        "r1": {"source": "RIA Novosti", "outlet_country": "RU"},
        "u1": {"source": "Ukrainska Pravda", "outlet_country": "UA"}}
    page = tmp_path / "map.html"
    result = run_cli("map", str(feed), "-o", str(page), "--today", "2026-11-21")
    assert result.returncode == 0, result.stderr
    html = page.read_text(encoding="utf-8")
    assert "RIA Novosti" in html and "Ukrainska Pravda" in html
    assert UNKNOWN_OUTLET not in html
