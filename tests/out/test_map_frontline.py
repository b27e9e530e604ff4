"""The front line on the map: its layer's data (each area once, simplified < 50 m), claims that
carry their check, and the page in headless Chromium (scrubbing, label, layer switch)."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from pyproj import Transformer

from geo.classify.frontline_check import Frontline, check_frame
from geo.out.map.frontline import TOLERANCE, decode, encode, front_layer
from geo.out.map.layers import CHECKS, map_data
from geo.out.map.render import render_map, write_map
from geo.schema import frame_of
from tests.out.test_map import OUTPUT, row

SMALL = shapely.box(37.0, 48.0, 37.3, 48.5)  # west of Pokrovsk (37.177 E)...
LARGE = shapely.box(37.0, 48.0, 37.5, 48.5)  # ...and over it
DATES = ["2025-11-03", "2025-11-10", "2025-11-17"]


def reference(name="Drawn map") -> Frontline:
    frame = gpd.GeoDataFrame({"date": pd.to_datetime(DATES)},
                             geometry=[SMALL.difference(shapely.box(37.15, 48.2, 37.3, 48.4)),
                                       LARGE, LARGE], crs="EPSG:4326")
    frame.attrs["name"] = name
    return Frontline(frame)


def wiggly(points: int = 4000) -> shapely.Polygon:
    """A ring of ``points`` vertices with 20 m to 2 km of jitter: more than the map needs."""
    rng = np.random.default_rng(3)
    angle = np.linspace(0, 2 * np.pi, points, endpoint=False)
    radius = 0.5 + 0.02 * np.sin(angle * 40) + rng.uniform(0, 0.0003, points)
    return shapely.Polygon(np.column_stack([37.5 + radius * np.cos(angle) * 1.5,
                                            48.3 + radius * np.sin(angle)]))


def test_each_distinct_area_is_embedded_once():
    layer = front_layer(reference())
    assert layer["dates"] == DATES and layer["name"] == "Drawn map"
    assert len(layer["areas"]) == 2 and layer["shapes"][1] == layer["shapes"][2] != \
        layer["shapes"][0]
    assert decode(layer["areas"][layer["shapes"][1]]).equals(LARGE)


def test_the_drawn_line_stays_within_50_m_of_the_reference():
    area = wiggly()
    drawn = decode(encode(shapely.simplify(area, TOLERANCE, preserve_topology=True)))
    assert drawn.is_valid
    assert shapely.get_num_coordinates(drawn) < shapely.get_num_coordinates(area) / 2
    metric = Transformer.from_crs("EPSG:4326", "+proj=tmerc +lat_0=48.3 +lon_0=37.5 +units=m",
                                  always_xy=True)

    def metres(geometry):
        return shapely.transform(geometry, lambda c: np.column_stack(
            metric.transform(c[:, 0], c[:, 1])))

    moved = shapely.hausdorff_distance(metres(area.boundary), metres(drawn.boundary),
                                       densify=0.2)
    assert 20 < moved < 50  # simplified, by less than 50 m


def checked_rows() -> pd.DataFrame:
    """Pokrovsk claimed captured on 2025-11-05 (the area takes it on 2025-11-10: confirmed), and
    on 2025-11-18 by another outlet (already)."""
    rows = pd.DataFrame([
        row(date="2025-11-05", event="capture", event_side="RU", claimant="RU_official"),
        row(article_id="a2", source="Outlet B", date="2025-11-18", event="capture",
            event_side="RU", claimant="RU_official"),
        row(article_id="a3", date="2025-11-18", event="strike", event_side="RU",
            claimant="UA_official"),
        row(article_id="a4", date="2025-11-12")])
    import pyarrow as pa

    from geo.schema import SCHEMA

    table = frame_of(pa.Table.from_pandas(rows[list(SCHEMA.names)], schema=SCHEMA,
                                          preserve_index=False))
    return check_frame(table, reference())


def test_a_claim_repeated_in_its_article_counts_once():
    """Two mentions of one claim (the same article, place, day, event, side and claimant) are
    one line of the claims timeline, and one claim in the panel's counts."""
    import pyarrow as pa

    from geo.schema import SCHEMA

    rows = pd.DataFrame([
        row(date="2025-11-05", event="capture", event_side="RU", claimant="RU_official"),
        row(start=30, end=38, date="2025-11-05", event="capture", event_side="RU",
            claimant="RU_official")])
    table = frame_of(pa.Table.from_pandas(rows[list(SCHEMA.names)], schema=SCHEMA,
                                          preserve_index=False))
    data = map_data(check_frame(table, reference()))
    assert len(data.claims) == 1
    assert data.stats["checks"]["confirmed"] == 1


def test_claims_carry_their_check_and_the_stats_count_them():
    data = map_data(checked_rows())
    checks = [(c.date, data.checks[c.check]["value"], c.check_date) for c in data.claims]
    assert checks == [("2025-11-05", "confirmed", "2025-11-10"),
                      ("2025-11-18", "already", "2025-11-17")]
    assert data.stats["checks"] == {"confirmed": 1, "not_confirmed": 0, "already": 1,
                                    "no_data": 0}
    assert [c["value"] for c in data.checks] == [str(v) for v, _ in CHECKS]
    plain = map_data(pd.DataFrame([row()]))  # a table without the columns: nothing checked
    assert plain.stats["checks"] == dict.fromkeys(["confirmed", "not_confirmed", "already",
                                                   "no_data"], 0)


# -- in the browser ------------------------------------------------------------------------------
FRONT_PATHS = "path.frontline-front"


@pytest.fixture
def front_page(browser_page, tmp_path):
    data = map_data(checked_rows())
    path = tmp_path / "front.html"
    write_map(render_map(data, frontline=reference('Drawn <img src=x onerror="window.__p=1">')),
              path)
    return browser_page.open(path), data


def at(page, data, day):
    page.evaluate(f"window.frontline.state.index = {data.bins.index(day)}; "
                  "window.frontline.render()")
    return (page.get_attribute(".frontline-time", "data-front"),
            page.text_content(".frontline-front-date"),
            page.locator(FRONT_PATHS).count(),
            page.get_attribute(FRONT_PATHS, "d") if page.locator(FRONT_PATHS).count() else None)


@pytest.mark.browser
def test_scrubbing_changes_the_area_drawn_and_its_date(front_page, browser_page):
    page, data = front_page
    assert data.bins == ["2025-11-05", "2025-11-12", "2025-11-18"]
    first = at(page, data, "2025-11-05")
    assert first[:3] == ("2025-11-03", "front line as of 2025-11-03", 1)
    second = at(page, data, "2025-11-18")
    assert second[:3] == ("2025-11-17", "front line as of 2025-11-17", 1)
    assert first[3] != second[3]  # the area took Pokrovsk: another outline
    page.select_option(".frontline-time select", "until")  # the window's last day counts
    assert at(page, data, "2025-11-12")[:2] == ("2025-11-10", "front line as of 2025-11-10")
    page.keyboard.press("ArrowRight")
    assert page.text_content(".frontline-front-date") == "front line as of 2025-11-17"
    assert browser_page.errors == []


@pytest.mark.browser
def test_the_front_line_layer_toggles_and_its_name_stays_text(front_page, browser_page):
    page, data = front_page
    at(page, data, "2025-11-18")
    page.locator(".leaflet-control-layers").hover()
    toggle = page.get_by_label('front line (Drawn <img src=x onerror="window.__p=1">)')
    toggle.uncheck()
    assert page.locator(FRONT_PATHS).count() == 0
    assert page.text_content(".frontline-front-date") == "front line as of 2025-11-17"
    toggle.check()
    assert page.locator(FRONT_PATHS).count() == 1
    assert page.evaluate("window.__p === undefined") and browser_page.dialogs == []
    assert browser_page.errors == []


@pytest.mark.browser
def test_the_claims_timeline_and_the_panel_show_the_check(front_page, browser_page):
    page, data = front_page
    at(page, data, "2025-11-18")
    page.evaluate("window.frontline.goTo(window.frontline.data.places[0])")
    lines = page.locator(".frontline-claim").all_text_contents()
    name = 'Drawn <img src=x onerror="window.__p=1">'
    assert lines == [
        f"2025-11-05 captured by RU (RU_official, Outlet A) — {name}: inside from 2025-11-10",
        f"2025-11-18 captured by RU (RU_official, Outlet B) — {name}: already inside on "
        "2025-11-17"]
    assert page.text_content(".frontline-checks") == (
        f"claims checked against {name}: 1 confirmed · 0 not confirmed · 1 already · 0 no data")
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / "map-frontline.png"))
    assert browser_page.errors == []
