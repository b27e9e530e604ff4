"""Claims written here, in three languages, against the real DeepStateMap record: the weekly
occupied area of ``../shared/reference/deepstate_occupied_weekly.geojson`` (GPL-3.0 reference
data beside the repository, never shipped in it), through the commands a user runs.

Vuhledar: the Russian MoD's capture claim of 2024-10-03 and the General Staff's withdrawal of
2024-10-02 are borne out (occupied in the snapshot of 2024-10-07, not in that of 2024-09-30);
Kupiansk: the capture claimed on 2025-11-20 is not (still outside on 2025-12-01); Selydove: the
claim of 2024-10-29 came after the map already showed it (2024-10-28). CI has ../shared beside
the clone, so there a missing file is a failure, not a skip."""

from __future__ import annotations

import json
import os
from pathlib import Path

import geopandas as gpd
import pytest

from geo.classify.frontline_check import Frontline
from geo.read.frontline import read_frontline

DEEPSTATE = (Path(__file__).resolve().parents[3] / "shared" / "reference"
             / "deepstate_occupied_weekly.geojson")
ARTICLES = {
    "vuhledar.txt": ("Vuhledar falls", "2024-10-03", "Russia's Defence Ministry said on Thursday "
                     "that its forces had captured Vuhledar in the Donetsk region."),
    "vuhledar-uk.txt": ("Вугледар", "2024-10-02", "Сили оборони залишили Вугледар, повідомив "
                        "Генштаб ЗСУ."),
    "kupiansk.txt": ("Kupiansk claim", "2025-11-20", "Russia's Defence Ministry said its forces "
                     "had captured Kupiansk in the Kharkiv region."),
    "selydove-ru.txt": ("Селидово", "2024-10-29", "Минобороны России заявило, что российские "
                        "войска освободили Селидово."),
}


@pytest.fixture(scope="module")
def deepstate() -> Path:
    if not DEEPSTATE.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{DEEPSTATE} is missing: CI runs with ../shared beside the clone")
        pytest.skip("../shared/reference is not beside this checkout")
    return DEEPSTATE


def test_the_deepstate_record_reads_as_109_weekly_snapshots(deepstate):
    front = read_frontline(deepstate)
    assert len(front) == 109 and front.attrs == {"name": "DeepStateMap", "problems": []}
    assert set(front["date"].diff().dropna().dt.days) == {7, 14}  # Mondays; two weeks missing
    assert (front["date"].dt.day_of_week == 0).all()
    assert Frontline(front).first.isoformat() == "2024-07-08"


def test_claims_against_deepstate_through_the_commands(deepstate, run_cli, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, (title, day, text) in ARTICLES.items():
        (corpus / name).write_text(f"{title}\ndate {day}\n\n{text}\n", encoding="utf-8")
    table = tmp_path / "mentions.geojson"
    done = run_cli("mentions", str(corpus), "-o", str(table), "--today", "2026-12-01",
                   "--no-cache", "--frontline", str(deepstate))
    assert done.returncode == 0, done.stderr
    rows = gpd.read_file(table)
    claims = rows[rows["frontline_check"].notna()]
    found = sorted(zip(claims["article_id"], claims["event"], claims["event_side"],
                       claims["frontline_check"], claims["frontline_date"].astype(str),
                       strict=True))
    assert found == [
        ("kupiansk", "capture", "RU", "not_confirmed", "2025-12-01"),
        ("selydove-ru", "capture", "RU", "already", "2024-10-28"),
        ("vuhledar", "capture", "RU", "confirmed", "2024-10-07"),
        ("vuhledar-uk", "withdrawal", "UA", "confirmed", "2024-10-07")]
    selydove = rows[(rows["article_id"] == "selydove-ru") & (rows["kind"] == "settlement")]
    assert (selydove["km_to_front"] < 0).all()  # inside the occupied area: negative
    kupiansk = rows[(rows["article_id"] == "kupiansk") & (rows["kind"] == "settlement")]
    assert (kupiansk["km_to_front"].between(0, 5)).all()  # outside, at the edge of the city
    assert rows.loc[rows["kind"] == "country", "km_to_front"].isna().all()  # "Russia": a label

    page = tmp_path / "map.html"
    report = tmp_path / "report.json"
    done = run_cli("map", str(corpus), "-o", str(page), "--today", "2026-12-01", "--no-cache",
                   "--frontline", str(deepstate), "--report", str(report))
    assert done.returncode == 0, done.stderr
    html = page.read_text(encoding="utf-8")
    assert '"name":"DeepStateMap"' in html and html.count('"2024-07-08"') == 1
    assert json.loads(report.read_text())["frontline"]["snapshots"] == 109


def test_a_bad_reference_is_named_and_the_run_goes_on_or_stops_before_any_work(run_cli,
                                                                                tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    title, day, text = ARTICLES["kupiansk.txt"]
    (corpus / "kupiansk.txt").write_text(f"{title}\ndate {day}\n\n{text}\n", encoding="utf-8")
    drawn = tmp_path / "drawn.geojson"
    square = [[[37.5, 49.6], [37.7, 49.6], [37.7, 49.8], [37.5, 49.8], [37.5, 49.6]]]
    drawn.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"date": day}, "geometry": None},
        {"type": "Feature", "properties": {"date": "2025-11-03"},  # south of the city
         "geometry": {"type": "Polygon", "coordinates": [[[x, y - 0.5] for x, y in square[0]]]}},
        {"type": "Feature", "properties": {"date": "2025-11-24"},
         "geometry": {"type": "Polygon", "coordinates": square}},
        {"type": "Feature", "properties": {"date": "2025-12-08"},
         "geometry": {"type": "Polygon", "coordinates": square}}]}))
    table = tmp_path / "m.csv"
    done = run_cli("mentions", str(corpus), "-o", str(table), "--today", "2026-12-01",
                   "--no-cache", "--frontline", str(drawn))
    assert done.returncode == 0
    assert f"front line: {drawn}, feature 1 of 4: no geometry; left out" in done.stderr
    rows = gpd.pd.read_csv(table)
    assert rows["frontline_check"].dropna().tolist() == ["confirmed"]  # the square took it
    assert rows["frontline_date"].dropna().tolist()[-1] == "2025-11-24"

    empty = tmp_path / "empty.geojson"
    empty.write_text('{"type": "FeatureCollection", "features": []}')
    done = run_cli("map", str(corpus), "-o", str(tmp_path / "map.html"), "--no-cache",
                   "--frontline", str(empty))
    assert done.returncode == 2 and not (tmp_path / "map.html").exists()
    assert done.stderr.strip() == f"frontline map: --frontline {empty}: empty file (no features)"
