"""The dated map: layers as data, then the HTML in a real headless Chromium."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from geo.out.map.layers import EVENTS, FIELDS, SAMPLE, ClaimRow, bin_start, map_data
from geo.out.map.render import _asset, render_map, safe_json, write_map
from geo.run.pipeline import mentions
from geo.schema import MENTION_COLUMNS, enums_for_js

TODAY = dt.date(2026, 11, 21)
OUTPUT = Path(__file__).resolve().parents[2] / "output"


def row(**values):
    """A row of the mentions table: a mention of Pokrovsk on 2025-11-07, only mentioned (no
    event); ``values`` override any column (event, event_side, claimant...)."""
    base = dict.fromkeys(MENTION_COLUMNS)
    base.update(article_id="a1", title="T", source="Outlet A", url="", published="2025-11-07",
                published_source="metadata", surface="Pokrovsk", start=0, end=8,
                sentence="Pokrovsk was shelled.", place_id="geonames:704422", name="Pokrovsk",
                kind="settlement", role="location", country="UA", admin1="Donetsk Oblast",
                lat=48.28014, lon=37.17706, confidence=0.9, resolution="resolved",
                candidates="", date="2025-11-07", date_source="published")
    base.update(values)
    return base


# -- layers ----------------------------------------------------------------------------------------
def test_bins():
    day = dt.date(2025, 11, 12)  # a Wednesday
    assert bin_start(day, "day") == day
    assert bin_start(day, "week") == dt.date(2025, 11, 10)
    assert bin_start(day, "month") == dt.date(2025, 11, 1)
    with pytest.raises(ValueError):
        bin_start(day, "year")


def test_one_marker_per_place_per_bin():
    frame = pd.DataFrame([
        row(), row(article_id="a2", source="Outlet B"),  # same place, same day: one marker of 2
        row(date="2025-11-05", date_source="event"),  # same place, another day
        row(surface="Kramatorsk", place_id="geonames:704508", name="Kramatorsk", lat=48.73106,
            lon=37.56779, resolution="ambiguous"),
        row(surface="Moscow", place_id="geonames:524901", name="Moscow", role="actor",
            lat=55.75204, lon=37.61781),  # a government, not a place: not drawn
        row(surface="Zarichne", place_id=None, name=None, lat=None, lon=None,
            resolution="unresolved"),
    ])
    data = map_data(frame)
    assert data.bins == ["2025-11-05", "2025-11-07"]
    markers = {(data.bins[m.bin], data.places[m.place]["name"]): m for m in data.markers}
    assert set(markers) == {("2025-11-05", "Pokrovsk"), ("2025-11-07", "Pokrovsk"),
                            ("2025-11-07", "Kramatorsk")}
    assert markers[("2025-11-07", "Pokrovsk")].mentions == 2
    assert markers[("2025-11-07", "Kramatorsk")].ambiguous == 1  # ambiguous style
    assert data.unresolved == [{"name": "Zarichne", "count": 1, "articles": ["a1"]}]
    assert data.stats["mentions"] == 6 and data.stats["placed"] == 4
    assert [o["name"] for o in data.outlets] == ["Outlet A", "Outlet B"]
    assert markers[("2025-11-07", "Pokrovsk")].outlets == [[0, 1], [1, 1]]  # [outlet, count]
    with_actors = map_data(frame, actors=True)
    assert any(p["name"] == "Moscow" for p in with_actors.places)
    weekly = map_data(frame, size="week")
    assert weekly.bins == ["2025-11-03"]
    assert len(map_data(frame, since=dt.date(2025, 11, 6)).bins) == 1


PLACES = [("geonames:704422", "Pokrovsk", 48.28014, 37.17706),
          ("geonames:704508", "Kramatorsk", 48.73106, 37.56779),
          ("geonames:709717", "Druzhkivka", 48.63013, 37.55259),
          ("geonames:524901", "Moscow", 55.75204, 37.61781)]


def mixed_rows(count: int) -> pd.DataFrame:
    """Mentions of four places by three outlets over five days (some undated, some unresolved,
    some actors, some ambiguous), in an order that interleaves them."""
    rows = []
    for n in range(count):
        place_id, name, lat, lon = PLACES[(n * 7) % len(PLACES)]
        day = None if n % 11 == 0 else f"2025-11-0{1 + (n * 3) % 5}"
        rows.append(row(
            article_id=f"a{n // 4}", source=f"Outlet {'ABC'[n % 3]}", published=day, date=day,
            surface=name, name=name, place_id=place_id, lat=lat, lon=lon,
            sentence=f"Report {n}: units moved near {name}.",
            role="actor" if name == "Moscow" else "location",
            resolution="ambiguous" if n % 5 == 0 else "resolved"))
        if n % 9 == 0:
            rows.append(row(article_id=f"a{n // 4}", surface="Zarichne", place_id=None, name=None,
                            lat=None, lon=None, resolution="unresolved"))
    return pd.DataFrame(rows)


@pytest.mark.parametrize("detail_limit", [10_000, 12])
def test_chunks_give_the_same_layers_as_one_frame(detail_limit):
    frame = mixed_rows(60)
    whole = map_data(frame, detail_limit=detail_limit).as_json()
    for size in (1, 7, 25):
        chunks = (frame.iloc[i:i + size] for i in range(0, len(frame), size))
        assert map_data(chunks, detail_limit=detail_limit).as_json() == whole
    assert safe_json(map_data(frame, detail_limit=detail_limit).as_json()) == safe_json(whole)


def test_names_may_be_looked_up_once_for_the_places_drawn():
    asked = []

    def names(place_ids):
        asked.append(place_ids)
        return {"geonames:704422": ["Krasnoarmiisk"]}

    chunks = [mixed_rows(20).iloc[:10], mixed_rows(20).iloc[10:]]
    data = map_data(chunks, names=names)
    assert asked == [{"geonames:704422", "geonames:704508", "geonames:709717"}]  # not Moscow
    pokrovsk = next(p for p in data.places if p["name"] == "Pokrovsk")
    assert pokrovsk["names"] == ["Krasnoarmiisk"]


def test_beyond_the_detail_limit_markers_keep_true_counts_and_a_few_excerpts():
    busy = [row(article_id=f"b{n}", sentence=f"Shelling number {n} hit Pokrovsk.")
            for n in range(12)]
    quiet = [row(article_id="q1", surface="Kramatorsk", place_id="geonames:704508",
                 name="Kramatorsk", lat=48.73106, lon=37.56779,
                 sentence="Kramatorsk was quiet.")]
    frame = pd.DataFrame(busy + quiet)
    data = map_data(frame, detail_limit=SAMPLE)
    counts = {data.places[m.place]["name"]: m.mentions for m in data.markers}
    assert counts == {"Pokrovsk": 12, "Kramatorsk": 1}
    pokrovsk = next(m for m in data.markers if m.mentions == 12)
    shown = [data.sentences[data.mentions[i].sentence] for i in pokrovsk.excerpts]
    assert shown == [f"Shelling number {n} hit Pokrovsk." for n in range(SAMPLE)]  # the first
    assert len(data.mentions) == SAMPLE  # the busiest marker first, detail_limit in all
    assert "Kramatorsk was quiet." not in data.sentences
    assert len(data.articles) == SAMPLE  # only the articles of the excerpts are embedded
    assert data.stats["articles"] == 13 and data.stats["placed"] == 13
    assert data.stats["excerpts"] == SAMPLE
    assert map_data(frame).stats["excerpts"] == 13  # within the limit: every mention


def same_sentence_rows(article_id: str, sentence: str, surfaces: list[str],
                       times: int = 1) -> list[dict]:
    """An article of a title line and ``sentence`` (``times`` over): one row per name in
    ``surfaces``, each at its next occurrence in the text, as the pipeline finds them."""
    text = "Title\n" + " ".join([sentence] * times)
    rows, at = [], 0
    for surface in surfaces * times:
        start = text.index(surface, at)
        at = start + len(surface)
        rows.append(row(article_id=article_id, surface=surface, start=start, end=at,
                        sentence=sentence))
    return rows


ENGLISH = "Residents of Lymanka fled when Lyman was shelled; by noon the road out of Lyman was cut."
UKRAINIAN = ("Під Покровськом тривали бої: дрони атакували Покровськ уночі, а вранці Покровськ "
             "знову обстріляли.")


def marked(data) -> list[tuple[str, str]]:
    """Each excerpt as (the sentence before its mark, the mark)."""
    return [(data.sentences[m.sentence][:m.mark_start],
             data.sentences[m.sentence][m.mark_start:m.mark_end]) for m in data.mentions]


def test_each_excerpt_marks_its_own_occurrence_of_the_name():
    frame = pd.DataFrame(
        same_sentence_rows("en", ENGLISH, ["Lyman", "Lyman"])
        + same_sentence_rows("uk", UKRAINIAN, ["Покровськом", "Покровськ", "Покровськ"])
        + same_sentence_rows("again", "Lyman held.", ["Lyman"], times=2))  # a repeated sentence
    expected = [
        ("Residents of Lymanka fled when ", "Lyman"),  # not the start of Lymanka
        ("Residents of Lymanka fled when Lyman was shelled; by noon the road out of ", "Lyman"),
        ("Під ", "Покровськом"),
        ("Під Покровськом тривали бої: дрони атакували ", "Покровськ"),
        ("Під Покровськом тривали бої: дрони атакували Покровськ уночі, а вранці ", "Покровськ"),
        ("", "Lyman"), ("", "Lyman")]
    assert marked(map_data(frame)) == expected
    for size in (1, 2, 3):  # chunks that cut the articles anywhere
        chunks = (frame.iloc[i:i + size] for i in range(0, len(frame), size))
        assert marked(map_data(chunks)) == expected
    shuffled = frame.iloc[[1, 0, 4, 2, 3, 6, 5]]  # the order of the rows: by start, not as given
    assert sorted(marked(map_data(shuffled))) == sorted(expected)


def test_rows_are_described_by_their_field_names():
    data = map_data(mixed_rows(30)).as_json()
    assert data["fields"] == FIELDS and data["enums"] == enums_for_js()
    assert {len(m) for m in data["markers"]} == {len(FIELDS["marker"])}
    assert {len(m) for m in data["mentions"]} == {len(FIELDS["mention"])}
    embedded = json.loads(safe_json(data))  # the page's view: plain lists and the names
    assert embedded["fields"]["mention"][:4] == ["article", "sentence", "mark_start", "mark_end"]


def test_the_page_script_has_no_row_positions_or_enum_strings_of_its_own():
    script = _asset("frontline_map.js")
    assert not re.search(r"\bm\[\d+\]", script)  # rows are read by field name
    values = {value for enum in enums_for_js().values() for value in enum.values()}
    quoted = set(re.findall(r"[\"']([a-z_]+)[\"']", script))
    quoted -= {name for names in FIELDS.values() for name in names}  # "ambiguous" the field
    assert not values & quoted, values & quoted


def test_embedded_json_cannot_close_the_script():
    text = safe_json({"t": "</script><script>alert(1)</script>", "u": "\u2028"})
    assert "</" not in text and "<" not in text and "\u2028" not in text
    assert json.loads(text) == {"t": "</script><script>alert(1)</script>", "u": "\u2028"}


TOWNS = {"Pokrovsk": ("geonames:704422", 48.28014, 37.17706),
         "Kupiansk": ("geonames:704147", 49.71055, 37.61517),
         "Kramatorsk": ("geonames:704508", 48.73106, 37.56779),
         "Druzhkivka": ("geonames:709717", 48.63013, 37.55259),
         "Siversk": ("geonames:694423", 48.86623, 38.09954)}


def claim(town: str, day: str, event: str | None = None, side: str | None = None,
          claimant: str | None = None, source: str = "Outlet A", n: int = 0) -> dict:
    """A mention of one of ``TOWNS`` on ``day`` with its event, side and claimant."""
    place_id, lat, lon = TOWNS[town]
    return row(article_id=f"{town}-{day}-{source}-{n}", source=source, title=f"{town} {day}",
               surface=town, name=town, place_id=place_id, lat=lat, lon=lon, date=day,
               published=day, sentence=f"{source} reports on {town}.", event=event,
               event_side=side, claimant=claimant)


def claims_frame() -> pd.DataFrame:
    """Claims over a month: Pokrovsk captured by Russia (its MoD) on 24 November and denied by
    Ukraine the next day (disputed); Kupiansk claimed by Russia on 10 November and by Ukraine on
    30 November (20 days apart: not disputed); a strike, a withdrawal, humanitarian news and plain
    mentions."""
    return pd.DataFrame([
        claim("Kupiansk", "2025-11-10", "capture", "RU", "RU_official", "TASS"),
        claim("Kupiansk", "2025-11-10", "capture", "RU", "RU_official", "TASS", n=1),
        claim("Pokrovsk", "2025-11-20", "fighting", "RU", "outlet", "Kyiv Independent"),
        claim("Pokrovsk", "2025-11-20", source="TASS"),
        claim("Siversk", "2025-11-22", "withdrawal", "UA", "UA_official", "Ukrainska Pravda"),
        claim("Pokrovsk", "2025-11-24", "capture", "RU", "RU_official", "TASS"),
        claim("Kramatorsk", "2025-11-24", "strike", "RU", "UA_official", "Kyiv Independent"),
        claim("Pokrovsk", "2025-11-25", "denial", "RU", "UA_official", "Ukrainska Pravda"),
        claim("Druzhkivka", "2025-11-25", "humanitarian", None, "third_party", "Reuters"),
        claim("Kupiansk", "2025-11-30", "capture", "UA", "UA_official", "Ukrainska Pravda"),
        claim("Kramatorsk", "2025-11-30"),
    ])


def test_markers_count_their_mentions_per_event_and_claimant_and_places_keep_their_claims():
    frame = claims_frame()
    data = map_data(frame)
    event_at = {e["value"]: i for i, e in enumerate(data.events)}
    claimant_at = {c["value"]: i for i, c in enumerate(data.claimants)}
    assert [e["value"] for e in data.events] == [str(v) for v, *_ in EVENTS]
    assert [e["value"] for e in data.events][:3] == ["capture", "withdrawal", "denial"]
    markers = {(data.bins[m.bin], data.places[m.place]["name"]): m for m in data.markers}
    claimants = len(data.claimants)  # (event, claimant) as one number, then the mentions

    def code(event, claimant):
        return event_at[event] * claimants + claimant_at[claimant]

    assert markers[("2025-11-10", "Kupiansk")].events == [code("capture", "RU_official"), 2]
    assert markers[("2025-11-20", "Pokrovsk")].events == [code("fighting", "outlet"), 1,
                                                          code("", ""), 1]
    assert markers[("2025-11-30", "Kramatorsk")].events == []  # only mentioned: the default
    outlet = {o["name"]: i for i, o in enumerate(data.outlets)}
    place = {p["name"]: i for i, p in enumerate(data.places)}
    unchecked = len(data.checks) - 1  # no front-line reference: the last, none
    assert [c for c in data.claims if c.place == place["Pokrovsk"]] == [
        ClaimRow(place["Pokrovsk"], "2025-11-24", event_at["capture"], "RU",
                 claimant_at["RU_official"], outlet["TASS"], 1, unchecked, ""),
        ClaimRow(place["Pokrovsk"], "2025-11-25", event_at["denial"], "RU",
                 claimant_at["UA_official"], outlet["Ukrainska Pravda"], 1, unchecked, "")]
    assert [(c.date, c.side, c.mentions) for c in data.claims
            if c.place == place["Kupiansk"]] == [("2025-11-10", "RU", 2), ("2025-11-30", "UA", 1)]
    assert {data.events[c.event]["value"] for c in data.claims} == {
        "capture", "withdrawal", "denial"}  # strikes, fighting...: not claims of control
    excerpt = data.mentions[markers[("2025-11-24", "Pokrovsk")].excerpts[0]]
    assert (excerpt.event, excerpt.event_side, excerpt.claimant) == (
        event_at["capture"], "RU", claimant_at["RU_official"])
    assert data.stats["events"] == 9
    for size in (1, 4):
        chunks = (frame.iloc[i:i + size] for i in range(0, len(frame), size))
        assert map_data(chunks).as_json() == data.as_json()
    older = frame.drop(columns=["event", "event_side", "claimant"])  # a table without them
    assert map_data(older).claims == [] and map_data(older).stats["events"] == 0


# -- in the browser --------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def seeds_map(gazetteer, tmp_path_factory):
    frame = mentions(["seeds"], gazetteer=gazetteer, reference=TODAY)
    data = map_data(frame, names=gazetteer.names_for(set(frame["place_id"].dropna())))
    path = tmp_path_factory.mktemp("map") / "map.html"
    write_map(render_map(data), path)
    return path, data


def visible_markers(page) -> int:
    return int(page.get_attribute(".frontline-time", "data-markers"))


@pytest.mark.browser
def test_map_scrubs_through_dates(browser_page, seeds_map):
    path, data = seeds_map
    page = browser_page.open(path)
    assert page.locator(".frontline-time input[type=range]").count() == 1
    assert page.locator(".leaflet-control-layers").count() == 1
    credits = page.locator(".leaflet-control-attribution").inner_text()
    assert credits.count("Places: GeoNames (CC BY 4.0)") == 1  # the places' licence, once
    expected = {}
    for marker in data.markers:
        expected.setdefault(data.bins[marker.bin], set()).add(marker.place)
    for index, day in enumerate(data.bins):  # at date D exactly the markers of date D
        page.evaluate(f"window.frontline.state.index = {index}; window.frontline.render()")
        assert page.get_attribute(".frontline-time", "data-bin") == day
        assert visible_markers(page) == len(expected[day])
        assert page.locator("path.frontline-marker").count() == len(expected[day])
    page.locator(".frontline-time input[type=range]").focus()
    before = page.get_attribute(".frontline-time", "data-bin")
    page.keyboard.press("ArrowLeft")
    assert page.get_attribute(".frontline-time", "data-bin") != before
    page.select_option(".frontline-time select", "until")
    assert visible_markers(page) >= len(expected[page.get_attribute(".frontline-time",
                                                                     "data-bin")])
    assert browser_page.errors == []
    assert all("tile" in url or "arcgisonline" in url for url in browser_page.missing)


@pytest.mark.browser
def test_popup_search_and_click(browser_page, seeds_map):
    path, data = seeds_map
    page = browser_page.open(path)
    page.select_option(".frontline-time select", "until")
    page.fill(".frontline-search input", "Krasnoarmeysk")
    page.keyboard.press("Enter")
    assert page.get_attribute(".frontline-time", "data-found") == "geonames:704422"
    popup = page.locator(".leaflet-popup-content .frontline-popup")
    popup.wait_for()
    assert "Pokrovsk" in popup.locator("h4").inner_text()
    assert "48.28014, 37.17706" in popup.inner_text()
    assert popup.locator("mark").count() > 0
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / "map-seeds.png"))
    page.fill(".frontline-search input", "Красноармейск")  # a name the articles never use
    page.keyboard.press("Enter")
    assert page.get_attribute(".frontline-time", "data-found") == "geonames:704422"
    page.keyboard.press("Escape")
    page.mouse.click(700, 600)
    assert page.locator("code.frontline-click").count() == 1
    assert browser_page.errors == []


def two_days_two_outlets() -> pd.DataFrame:
    """Pokrovsk: day 1, Outlet A twice and Outlet B once; day 2, Outlet B twice. Over both days
    B has the most (3 to 2), though A leads the busier day."""
    return pd.DataFrame(
        [row(article_id=f"a{n}", source="Outlet A", date="2025-11-06") for n in range(2)]
        + [row(article_id=f"b{n}", source="Outlet B", date=day)
           for n, day in enumerate(("2025-11-06", "2025-11-07", "2025-11-07"))])


def test_markers_carry_their_mentions_per_outlet():
    data = map_data(two_days_two_outlets())
    assert [o["name"] for o in data.outlets] == ["Outlet B", "Outlet A"]  # busiest first
    assert [(data.bins[m.bin], m.mentions, m.outlets) for m in data.markers] == [
        ("2025-11-06", 3, [[1, 2], [0, 1]]), ("2025-11-07", 2, [[0, 2]])]


@pytest.mark.browser
def test_a_window_of_dates_is_coloured_by_the_outlet_with_most_mentions_in_it(browser_page,
                                                                             tmp_path):
    data = map_data(two_days_two_outlets())
    colour = {o["name"]: o["colour"] for o in data.outlets}
    path = tmp_path / "outlets.html"
    write_map(render_map(data), path)
    page = browser_page.open(path)

    def drawn() -> tuple[str, str]:
        marker = page.locator("path.frontline-marker")
        assert marker.count() == 1
        return marker.get_attribute("stroke"), page.get_attribute(".frontline-time", "data-bin")

    assert drawn() == (colour["Outlet B"], "2025-11-07")  # this date only: B's day
    assert page.locator(".frontline-events, .frontline-colour-by").count() == 0  # no events
    page.locator(".frontline-time input[type=range]").focus()
    page.keyboard.press("ArrowLeft")
    assert drawn() == (colour["Outlet A"], "2025-11-06")  # A leads day 1, 2 to 1
    page.keyboard.press("ArrowRight")
    page.select_option(".frontline-time select", "until")  # both days: B 3, A 2
    assert drawn() == (colour["Outlet B"], "2025-11-07")
    page.hover("path.frontline-marker")
    assert page.locator(".leaflet-tooltip").inner_text() == "Pokrovsk (5)"
    page.select_option(".frontline-time select", "days")
    page.fill(".frontline-time input[type=number]", "2")
    page.locator(".frontline-time input[type=number]").dispatch_event("change")
    assert drawn() == (colour["Outlet B"], "2025-11-07")
    assert browser_page.errors == []


def open_popup(page, name: str):
    """The popup of the place called ``name``, opened through the search box."""
    page.fill(".frontline-search input", name)
    page.keyboard.press("Enter")
    popup = page.locator(".frontline-popup", has=page.locator("h4", has_text=name))
    popup.wait_for()
    return popup


@pytest.mark.browser
def test_the_page_reads_rows_by_field_name_and_enums_by_value(browser_page, tmp_path):
    frame = pd.DataFrame([
        row(sentence="On November 5 Pokrovsk was shelled.", date="2025-11-05",
            date_source="event"),
        row(article_id="a2", title="Inferred", published_source="inferred",
            sentence="Pokrovsk again.", resolution="ambiguous"),
        row(article_id="a3", title="Corpus", published_source="corpus",
            sentence="Pokrovsk once more."),
    ])
    data = map_data(frame)
    # the same map with the rows' fields in reverse order and another spelling of an enum value:
    # the page must read it the same
    shuffled = dataclasses.replace(
        data, fields={row_kind: names[::-1] for row_kind, names in data.fields.items()},
        markers=[list(m)[::-1] for m in data.markers],
        mentions=[list(m._replace(date_source="sentence" if m.date_source == "event"
                                  else m.date_source))[::-1] for m in data.mentions],
        enums=dict(data.enums, DateSource=dict(data.enums["DateSource"], EVENT="sentence")))
    texts = []
    for name, map_ in (("plain", data), ("shuffled", shuffled)):
        path = tmp_path / f"{name}.html"
        write_map(render_map(map_, mode="until"), path)
        page = browser_page.open(path)
        texts.append(open_popup(page, "Pokrovsk").inner_text())
    assert texts[0] == texts[1]
    assert "On November 5 Pokrovsk was shelled." in texts[0]
    assert "2025-11-05 (event date) · confidence 0.9\n" in texts[0] + "\n"
    assert "2025-11-07 (inferred publication date) · confidence 0.9 · ambiguous" in texts[0]
    assert "2025-11-07 (publication date guessed from other reports)" in texts[0]
    assert browser_page.errors == []


@pytest.mark.browser
def test_a_popup_marks_each_mention_where_it_stands(browser_page, gazetteer, tmp_path):
    records = [
        {"id": "en", "title": "Twice", "source": "Outlet A", "published": "2025-11-07",
         "text": "Night report.\nShelling hit Myrnohrad at dawn, and by evening Myrnohrad was "
                 "without water."},
        {"id": "uk", "title": "Двічі", "source": "Outlet B", "published": "2025-11-07",
         "text": "Зведення.\n" + UKRAINIAN},
    ]
    corpus = tmp_path / "twice.jsonl"
    corpus.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records),
                      encoding="utf-8")
    path = tmp_path / "twice.html"
    write_map(render_map(map_data(mentions([corpus], gazetteer=gazetteer, reference=TODAY))),
              path)
    page = browser_page.open(path)
    shown = {}
    for name in ("Myrnohrad", "Pokrovsk"):
        shown[name] = open_popup(page, name).locator("li q").evaluate_all(
            "qs => qs.map(q => [q.firstChild.textContent, q.querySelector('mark').textContent])")
        page.keyboard.press("Escape")
    assert shown["Myrnohrad"] == [["Shelling hit ", "Myrnohrad"],
                                  ["Shelling hit Myrnohrad at dawn, and by evening ", "Myrnohrad"]]
    assert shown["Pokrovsk"] == [
        ["Під ", "Покровськом"],
        ["Під Покровськом тривали бої: дрони атакували ", "Покровськ"],
        ["Під Покровськом тривали бої: дрони атакували Покровськ уночі, а вранці ", "Покровськ"]]
    assert browser_page.errors == []


@pytest.mark.browser
def test_hostile_articles_run_nothing(browser_page, gazetteer, tmp_path):
    records = [
        {"id": "x1", "title": "<img src=x onerror=\"window.__pwned=1\">Title",
         "url": "javascript:window.__pwned=2", "source": "<b onmouseover=alert(3)>Outlet</b>",
         "text": "Shelling hit Kramatorsk <script>window.__pwned=4</script> overnight. "
                 "<img src=x onerror=alert(5)> Drones also hit Kramatorsk."},
        {"id": "x2", "title": "Data link", "url": "data:text/html,<script>alert(6)</script>",
         "text": "Fighting near Pokrovsk continued </script><script>alert(7)</script>."},
        {"id": "x3", "title": "Fine", "url": "https://example.org/a?b=<c>",
         "text": "Units entered Myrnohrad."},
    ]
    corpus = tmp_path / "hostile.jsonl"
    corpus.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    frame = mentions([corpus], gazetteer=gazetteer, reference=TODAY)
    path = tmp_path / "hostile.html"
    write_map(render_map(map_data(frame, actors=True)), path)
    page = browser_page.open(path)
    page.select_option(".frontline-time select", "until")
    texts = []
    for name in ("Kramatorsk", "Pokrovsk", "Myrnohrad"):
        page.fill(".frontline-search input", name)
        page.keyboard.press("Enter")
        popup = page.locator(".frontline-popup", has=page.locator("h4", has_text=name))
        popup.wait_for()
        texts.append(popup.inner_text())
    assert "<script>window.__pwned=4</script>" in texts[0]  # shown as text, never run
    assert "<img src=x onerror=" in texts[0]
    assert page.evaluate("window.__pwned === undefined")
    assert browser_page.dialogs == []
    assert page.locator("img[src=x]").count() == 0
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    assert not any(h.startswith(("javascript:", "data:")) for h in hrefs)
    assert browser_page.errors == []


@pytest.mark.browser
def test_hostile_names_added_by_users_stay_text(run_cli, browser_page, tmp_path):
    hostile = "<img src=x onerror=alert(9)>Pokrovsk"
    assert run_cli("place", "add", hostile, "--to", "geonames:704422").returncode == 0
    assert run_cli("place", "add", "<svg onload=alert(10)>", "--lat", "48.5", "--lon",
                   "37.5").returncode == 0
    out = tmp_path / "users.html"
    result = run_cli("map", "seeds/001_03bd3e0471fd2937.txt", "-o", str(out),
                     "--today", "2026-11-21")
    assert result.returncode == 0, result.stderr
    page = browser_page.open(out)
    page.fill(".frontline-search input", "<img")
    item = page.locator(".frontline-results li").first
    item.wait_for()
    assert "<img src=x onerror=alert(9)>" in item.inner_text()
    item.click()
    assert page.locator("img[src=x]").count() == 0 and page.locator("svg[onload]").count() == 0
    assert browser_page.dialogs == [] and browser_page.errors == []


@pytest.mark.browser
def test_a_large_map_says_how_many_mentions_a_popup_shows(browser_page, tmp_path):
    busy = [row(article_id=f"b{n}", sentence=f"Shelling number {n} hit Pokrovsk.")
            for n in range(12)]
    quiet = [row(article_id=f"q{n}", surface="Kramatorsk", place_id="geonames:704508",
                 name="Kramatorsk", lat=48.73106, lon=37.56779,
                 sentence=f"Kramatorsk report {n}.") for n in range(2)]
    path = tmp_path / "large.html"
    write_map(render_map(map_data(pd.DataFrame(busy + quiet), detail_limit=SAMPLE)), path)
    page = browser_page.open(path)
    page.locator("path.frontline-marker").first.wait_for()
    page.fill(".frontline-search input", "Pokrovsk")
    page.keyboard.press("Enter")
    popup = page.locator(".leaflet-popup-content .frontline-popup")
    popup.wait_for()
    assert popup.locator(".frontline-count").inner_text() == f"showing {SAMPLE} of 12 mentions"
    assert popup.locator("li").count() == SAMPLE
    assert "Shelling number 0 hit Pokrovsk." in popup.inner_text()
    assert "A large map: popups quote 5 of the 14 mentions" in page.inner_text(".frontline-panel")
    page.fill(".frontline-search input", "Kramatorsk")  # no excerpt kept: still its true count
    page.keyboard.press("Enter")
    popup = page.locator(".frontline-popup", has=page.locator("h4", has_text="Kramatorsk"))
    assert popup.locator(".frontline-count").inner_text() == "showing 0 of 2 mentions"
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / "map-large.png"))
    assert browser_page.errors == []


def grid_rows(places: int, day: str) -> list[dict]:
    """Two mentions of each of ``places`` made-up places on a grid over the Donbas."""
    return [row(article_id=f"g{day}-{k}-{n}", surface=f"Gridtown {k}", name=f"Gridtown {k}",
                place_id=f"test:{k}", lat=47.5 + (k // 20) * 0.1, lon=36.0 + (k % 20) * 0.15,
                sentence=f"Patrols reached Gridtown {k}.", date=day, published=day)
            for k in range(places) for n in range(2)]


@pytest.mark.browser
def test_many_markers_are_clustered_and_a_cluster_click_zooms_in(browser_page, tmp_path):
    frame = pd.DataFrame(grid_rows(400, "2025-11-06") + grid_rows(3, "2025-11-07"))
    path = tmp_path / "many.html"
    write_map(render_map(map_data(frame)), path)
    page = browser_page.open(path)
    assert page.get_attribute(".frontline-time", "data-clustered") == "0"  # 3 markers
    assert page.locator("path.frontline-marker").count() == 3
    page.locator(".frontline-time input[type=range]").focus()
    page.keyboard.press("ArrowLeft")  # the day of 400 places
    assert page.get_attribute(".frontline-time", "data-markers") == "400"
    assert page.get_attribute(".frontline-time", "data-clustered") == "1"
    clusters = page.locator(".frontline-cluster")
    clusters.first.wait_for()
    # every mention of the day, in a cluster or a marker, once the clusters have settled (while
    # markercluster animates, the icons it is replacing may still be in the page for a moment)
    page.wait_for_function("""() => {
        const held = [...document.querySelectorAll(".frontline-cluster")]
            .reduce((sum, icon) => sum + parseInt(icon.innerText, 10), 0);
        return held + 2 * document.querySelectorAll("path.frontline-marker").length === 800;
    }""", timeout=10_000)
    singles = page.locator("path.frontline-marker").count()
    assert 0 < clusters.count() < 400 and singles < 400
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / "map-clusters.png"))
    view = page.evaluate("[window.frontline.map.getCenter(), window.frontline.map.getZoom()]")
    assert page.evaluate("""!window.frontline.clusters.getLayers()
                            .find(m => m.placeId === "test:210")._map""")  # inside a cluster
    page.fill(".frontline-search input", "Gridtown 210")  # and the search opens it all the same
    page.keyboard.press("Enter")
    popup = page.locator(".leaflet-popup-content .frontline-popup")
    popup.wait_for()
    assert popup.locator("h4").inner_text() == "Gridtown 210"
    assert popup.locator(".frontline-count").inner_text() == "2 mentions"
    page.keyboard.press("Escape")
    page.evaluate("view => window.frontline.map.setView(view[0], view[1], {animate: false})", view)
    page.locator(".frontline-cluster").first.click()
    page.wait_for_function(f"window.frontline.map.getZoom() > {view[1]}")
    page.locator(".frontline-time input[type=range]").focus()
    page.keyboard.press("ArrowRight")  # back to 3 markers: no clusters left behind
    assert page.locator(".frontline-cluster").count() == 0
    assert page.locator("path.frontline-marker").count() <= 3
    assert browser_page.errors == []


# -- events and claims in the browser ----------------------------------------------------------
@pytest.fixture
def claims_page(browser_page, tmp_path):
    frame = claims_frame()
    hostile = claim("Siversk", "2025-11-22", "withdrawal", "UA", "third_party",
                    "<img src=x onerror=\"window.__pwned=1\">Outlet", n=1)
    data = map_data(pd.concat([frame, pd.DataFrame([hostile])], ignore_index=True))
    path = tmp_path / "claims.html"
    write_map(render_map(data, mode="until"), path)
    return browser_page.open(path), data


DRAWN = """() => window.frontline.layer.getLayers().map(
    m => [m.placeId, m.options.fillColor, m.options.color])"""
CONTROL = """() => window.frontline.controlLayer.getLayers().map(
    m => [m.placeId, m.options.color, m.options.dashArray])"""


def drawn_markers(page, place_ids) -> dict[str, tuple[str, str]]:
    """The markers drawn: place name -> (fill, outline)."""
    names = {place_id: name for name, (place_id, _, _) in TOWNS.items()}
    assert page.locator("path.frontline-marker").count() == len(page.evaluate(DRAWN))
    return {names[p]: (fill, stroke) for p, fill, stroke in page.evaluate(DRAWN)}


def close_popup(page) -> None:
    page.evaluate("window.frontline.map.closePopup()")
    page.wait_for_selector(".frontline-popup", state="detached")  # after its fade


def go_to(page, data, day: str) -> None:
    page.evaluate(f"window.frontline.state.index = {data.bins.index(day)}; "
                  "window.frontline.render()")


@pytest.mark.browser
def test_markers_are_coloured_by_their_most_severe_event_and_filtered(claims_page, browser_page):
    page, data = claims_page
    event = {e["value"]: e["colour"] for e in data.events}
    side = {s["value"]: s["colour"] for s in data.sides}
    assert page.get_attribute(".frontline-time", "data-colour") == "event"  # the table has events
    assert drawn_markers(page, TOWNS) == {
        "Kupiansk": (event["capture"], "#000000"),  # captures claimed by both sides' officials
        "Pokrovsk": (event["capture"], side["RU"]),  # capture > denial > fighting
        "Siversk": (event["withdrawal"], side["UA"]),  # UA officials (and a third party)
        "Kramatorsk": (event["strike"], side["UA"]),  # the strike, not the plain mention
        "Druzhkivka": (event["humanitarian"], event["humanitarian"])}  # a third party: no side
    page.locator(".frontline-events input[value=capture]").uncheck()  # the filter by event
    shown = drawn_markers(page, TOWNS)
    assert "Kupiansk" not in shown  # only captures
    assert shown["Pokrovsk"] == (event["denial"], side["UA"])
    page.locator(".frontline-events input[value=UA]").uncheck()  # by claimant side
    shown = drawn_markers(page, TOWNS)
    assert shown["Pokrovsk"] == (event["fighting"], event["fighting"])  # said by an outlet
    assert shown["Siversk"] == (event["withdrawal"], event["withdrawal"])  # the third party's
    assert set(shown) == {"Pokrovsk", "Siversk", "Kramatorsk", "Druzhkivka"}
    popup = open_popup(page, "Pokrovsk")  # its excerpts as the filters count them
    assert popup.locator(".frontline-count").inner_text() == "2 mentions"
    assert popup.locator(".frontline-mentions li").count() == 2
    close_popup(page)
    assert page.evaluate("""window.frontline.layer.getLayers().find(
        m => m.placeId === "geonames:709717").options.weight""") == 1  # no side: no outline
    page.locator(".frontline-events input[value=none]").uncheck()  # Kramatorsk's plain mention
    assert "Kramatorsk" not in drawn_markers(page, TOWNS)
    page.hover("path.frontline-marker >> nth=0")
    assert ", " in page.locator(".leaflet-tooltip").inner_text()  # "Pokrovsk (1, fighting)"
    page.select_option(".frontline-colour-by", "outlet")  # the switch back to outlets
    outlet = {o["name"]: o["colour"] for o in data.outlets}
    assert drawn_markers(page, TOWNS)["Druzhkivka"] == (outlet["Reuters"], outlet["Reuters"])
    assert page.locator(".frontline-outlets").is_visible()
    assert browser_page.errors == []


@pytest.mark.browser
def test_a_popup_starts_with_the_claims_timeline_and_flags_disputes(claims_page, browser_page):
    page, data = claims_page
    go_to(page, data, "2025-11-24")
    popup = open_popup(page, "Pokrovsk")
    claims = popup.locator(".frontline-claim")
    assert claims.all_inner_texts() == ["2025-11-24 captured by RU (RU_official, TASS)"]
    assert popup.locator(".frontline-claims").evaluate(  # first, under the name
        "node => node.parentNode === node.closest('.frontline-popup').children[1]")
    close_popup(page)
    go_to(page, data, "2025-11-25")  # denied the next day: both disputed
    claims = open_popup(page, "Pokrovsk").locator(".frontline-claim")
    assert claims.all_inner_texts() == [
        "2025-11-24 captured by RU (RU_official, TASS) disputed",
        "2025-11-25 denied a capture by RU (UA_official, Ukrainska Pravda) disputed"]
    close_popup(page)
    go_to(page, data, "2025-11-30")  # captures by both sides, but 20 days apart
    claims = open_popup(page, "Kupiansk").locator(".frontline-claim")
    assert claims.all_inner_texts() == [
        "2025-11-10 captured by RU (RU_official, TASS) ×2",
        "2025-11-30 captured by UA (UA_official, Ukrainska Pravda)"]
    close_popup(page)
    text = open_popup(page, "Siversk").locator(".frontline-claims").inner_text()
    assert '(third_party, <img src=x onerror="window.__pwned=1">Outlet)' in text  # inert text
    assert page.locator("img[src=x]").count() == 0
    assert page.evaluate("window.__pwned === undefined") and browser_page.dialogs == []
    assert browser_page.errors == []


@pytest.mark.browser
def test_the_claimed_control_layer_follows_the_slider(claims_page, browser_page):
    page, data = claims_page
    side = {s["value"]: s["colour"] for s in data.sides}
    kupiansk, pokrovsk = TOWNS["Kupiansk"][0], TOWNS["Pokrovsk"][0]

    def control(day: str) -> set[tuple[str, str, str | None]]:
        go_to(page, data, day)
        rings = page.evaluate(CONTROL)
        assert page.locator("path.frontline-control").count() == len(rings)
        return {tuple(ring) for ring in rings}

    assert control("2025-11-10") == {(kupiansk, side["RU"], None)}
    assert control("2025-11-24") == {(kupiansk, side["RU"], None), (pokrovsk, side["RU"], None)}
    assert control("2025-11-25") == {(kupiansk, side["RU"], None),
                                     (pokrovsk, side["RU"], "6 5")}  # dashed: disputed
    assert page.locator("path.frontline-control.disputed").count() == 1
    assert control("2025-11-30") == {(kupiansk, side["UA"], None),
                                     (pokrovsk, side["RU"], "6 5")}
    page.select_option(".frontline-time select", "date")  # the window does not matter: as of
    assert control("2025-11-30") == {(kupiansk, side["UA"], None), (pokrovsk, side["RU"], "6 5")}
    page.locator(".leaflet-control-layers").hover()  # switched off in the layer control
    page.get_by_label("claimed control").uncheck()
    assert page.locator("path.frontline-control").count() == 0
    OUTPUT.mkdir(exist_ok=True)
    page.get_by_label("claimed control").check()
    assert page.locator("path.frontline-control").count() == 2  # back, styles and all
    assert page.locator("path.frontline-control.disputed").count() == 1
    go_to(page, data, "2025-11-10")  # moved back in time: Pokrovsk's ring goes
    assert control("2025-11-10") == {(kupiansk, side["RU"], None)}
    assert page.locator("path.frontline-control.disputed").count() == 0
    page.select_option(".frontline-time select", "until")
    go_to(page, data, "2025-11-25")
    page.mouse.move(700, 450)
    page.screenshot(path=str(OUTPUT / "map-claims.png"))
    assert browser_page.errors == []


@pytest.mark.browser
def test_a_long_claims_timeline_shows_its_latest_claims(browser_page, tmp_path):
    days = [f"2025-10-{d:02d}" for d in range(1, 26)]  # 25 days of claims, alternating sides
    frame = pd.DataFrame([claim("Kupiansk", day, "capture", "RU" if n % 2 else "UA",
                                "RU_official" if n % 2 else "UA_official", "TASS")
                          for n, day in enumerate(days)])
    path = tmp_path / "long.html"
    write_map(render_map(map_data(frame), mode="until"), path)
    page = browser_page.open(path)
    claims = open_popup(page, "Kupiansk").locator(".frontline-claims li").all_inner_texts()
    assert claims[0] == "5 earlier claims not shown" and len(claims) == 21
    assert claims[-1] == "2025-10-25 captured by UA (UA_official, TASS) disputed"
    assert browser_page.errors == []


@pytest.mark.browser
def test_the_page_reads_claims_by_field_name_and_events_by_value(browser_page, tmp_path):
    data = map_data(claims_frame())
    shuffled = dataclasses.replace(  # claims' fields reversed, "capture" spelt "taken"
        data, fields=dict(data.fields, claim=data.fields["claim"][::-1]),
        claims=[list(c)[::-1] for c in data.claims],
        events=[dict(e, value="taken" if e["value"] == "capture" else e["value"])
                for e in data.events],
        enums=dict(data.enums, Event=dict(data.enums["Event"], CAPTURE="taken")))
    seen = []
    for name, map_ in (("plain", data), ("shuffled", shuffled)):
        path = tmp_path / f"{name}.html"
        write_map(render_map(map_, mode="until"), path)
        page = browser_page.open(path)
        go_to(page, data, "2025-11-25")
        seen.append((sorted(map(tuple, page.evaluate(CONTROL))),
                     open_popup(page, "Pokrovsk").locator(".frontline-claims").inner_text()))
    assert seen[0] == seen[1]
    assert len(seen[0][0]) == 2 and "disputed" in seen[0][1]
    assert browser_page.errors == []


@pytest.mark.browser
def test_claimed_control_in_weekly_bins_is_as_of_the_weeks_last_day(browser_page, tmp_path):
    data = map_data(claims_frame(), size="week")
    assert data.bins == ["2025-11-10", "2025-11-17", "2025-11-24"]
    path = tmp_path / "weekly.html"
    write_map(render_map(data), path)
    page = browser_page.open(path)
    side = {s["value"]: s["colour"] for s in data.sides}
    rings = {place: colour for place, colour, _ in page.evaluate(CONTROL)}
    assert rings[TOWNS["Kupiansk"][0]] == side["UA"]  # the week of the 24th ends on the 30th
    go_to(page, data, "2025-11-17")
    assert {place for place, _, _ in page.evaluate(CONTROL)} == {TOWNS["Kupiansk"][0]}
    assert browser_page.errors == []
