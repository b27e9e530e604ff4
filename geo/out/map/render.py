"""Dated layers -> one HTML map, with Folium.

The map has four base layers (OpenStreetMap, a light basemap, satellite imagery and the offline
outline drawn from data the page carries) in a layer control, is fitted to the mentions, and
carries one element of our own, ``DatedMentions``: the data of ``layers.MapData`` plus
``assets/frontline_map.js`` (time slider, markers coloured by event or outlet, filters, popups
with a claims timeline, the "claimed control" overlay, search, panels) and its stylesheet. The
JavaScript lives in its asset file, never in Python strings. A self-contained map
(``self_contained=True``, ``frontline map --offline``) needs no network: the libraries inline
and the offline outline as its only base layer (offline.py). With a front-line reference
(``frontline``), the page's data also holds its layer (``frontline.front_layer``): the area in
effect at the slider's date, switched in the layer control.

Why not Folium's TimestampedGeoJson: it hands Leaflet every feature with its times and filters
them at each step; our control keeps the markers grouped by date bin and draws only the current
window, so a step costs the markers of that window, not of the whole corpus (see
benchmarks/bench_map.py). When a window holds many markers they are clustered with
Leaflet.markercluster, the copy Folium's MarkerCluster plugin loads: a step then draws the
clusters in view, not thousands of circles.

Safety: the data is JSON, embedded with ``<``, ``>``, ``&`` and the line separators escaped, so
no article text can close the script tag; the JavaScript puts text into the page with
``textContent`` only and links only http(s) URLs.
"""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

import folium
from branca.element import Element, MacroElement
from folium.elements import JSCSSMixin
from folium.plugins import MarkerCluster
from jinja2 import Template

from gazetteer import atomic_path
from geo.out.map.layers import MapData
from geo.out.map.offline import OfflineOutline, make_self_contained

if TYPE_CHECKING:
    from geo.classify.frontline_check import Frontline

SATELLITE = ("https://server.arcgisonline.com/ArcGIS/rest/services/World_Imagery/MapServer/"
             "tile/{z}/{y}/{x}")
SATELLITE_ATTRIBUTION = "Tiles © Esri — Source: Esri, Maxar, Earthstar Geographics"
LIGHT = ("https://server.arcgisonline.com/ArcGIS/rest/services/Canvas/World_Light_Gray_Base/"
         "MapServer/tile/{z}/{y}/{x}")
LIGHT_ATTRIBUTION = "Tiles © Esri — Esri, HERE, Garmin, © OpenStreetMap contributors"
# Every place drawn comes from GeoNames (the embedded cities500 and any `frontline gazetteer
# import`), whose licence (CC BY 4.0) asks for credit where the data is shown.
PLACES_ATTRIBUTION = 'Places: <a href="https://www.geonames.org/">GeoNames</a> (CC BY 4.0)'


def safe_json(value) -> str:
    """JSON that is safe inside a <script> element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return text


def _asset(name: str) -> str:
    return files("geo.out.map").joinpath("assets", name).read_text(encoding="utf-8")


class DatedMentions(JSCSSMixin, MacroElement):
    """The dated mentions and their controls, as one Folium element."""

    # Leaflet.markercluster as Folium's MarkerCluster loads it; the clusters' look is our own CSS
    default_js = MarkerCluster.default_js
    default_css = [link for link in MarkerCluster.default_css if link[0] == "markerclustercss"]

    _template = Template("""
        {% macro header(this, kwargs) %}
            <style>{{ this.css }}</style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
            {{ this.js }}
            frontlineMap({{ this._parent.get_name() }}, {{ this.data }}, {{ this.options }},
                         {{ this.control.get_name() if this.control else "null" }});
        {% endmacro %}
    """)

    def __init__(self, data: MapData, mode: str = "date",
                 control: folium.LayerControl | None = None, front: dict | None = None, *,
                 self_contained: bool = False):
        """``control``: the map's layer control, rendered before this element; the "claimed
        control" and front-line layers are switched there. ``front``: the front-line layer's
        data (``frontline.front_layer``), or None. ``self_contained``: the page carries
        Leaflet.markercluster inline already (``offline.make_self_contained``): no link."""
        super().__init__()
        if self_contained:
            self.default_js, self.default_css = [], []
        self.control = control
        self._name = "DatedMentions"
        self.data = safe_json({**data.as_json(), "front": front})
        self.options = safe_json({"mode": mode})
        self.js = _asset("frontline_map.js")
        self.css = _asset("frontline_map.css")


class Credit(MacroElement):
    """One credit in the map's attribution line, whatever the tiles shown (the data's, not a
    layer's)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.text }});
        {% endmacro %}
    """)

    def __init__(self, text: str):
        super().__init__()
        self._name = "Credit"
        self.text = json.dumps(text)


def render_map(data: MapData, title: str = "frontline", mode: str = "date",
               frontline: Frontline | None = None, *, self_contained: bool = False
               ) -> folium.Map:
    """The map of ``data``, with the front-line layer of ``frontline`` when given.

    :param self_contained: a page that needs no network: the libraries inline and the offline
        outline as its only base layer (see ``offline.py``); else the libraries come from CDNs,
        the tile layers from their servers, and the offline outline is one more base layer.
    """
    # the zoom limit is the map's own, not its tiles' (the offline outline has none)
    fmap = folium.Map(location=(48.5, 37.5), zoom_start=7, tiles=None, control_scale=True,
                      maxZoom=18)
    if self_contained:
        make_self_contained(fmap)
    else:
        folium.TileLayer("OpenStreetMap", name="OpenStreetMap").add_to(fmap)
        folium.TileLayer(LIGHT, attr=LIGHT_ATTRIBUTION, name="Light").add_to(fmap)
        folium.TileLayer(SATELLITE, attr=SATELLITE_ATTRIBUTION, name="Satellite").add_to(fmap)
    OfflineOutline(show=self_contained).add_to(fmap)
    Credit(PLACES_ATTRIBUTION).add_to(fmap)
    control = folium.LayerControl(position="topright", collapsed=True).add_to(fmap)
    points = [(p["lat"], p["lon"]) for p in data.places]
    if points:
        south, north = min(p[0] for p in points), max(p[0] for p in points)
        west, east = min(p[1] for p in points), max(p[1] for p in points)
        # clear of the controls: search top left, panel top right, time control bottom left
        fmap.fit_bounds([(south, west), (north, east)], padding_top_left=(40, 60),
                        padding_bottom_right=(330, 100), max_zoom=11)
    fmap.get_root().header.add_child(Element(f"<title>{_escape(title)}</title>"))
    front = None
    if frontline is not None:
        from geo.out.map.frontline import front_layer

        front = front_layer(frontline)
    DatedMentions(data, mode, control, front, self_contained=self_contained).add_to(fmap)
    _stable_ids(fmap.get_root())
    return fmap


def _stable_ids(root) -> None:
    """Folium names every element with a random id; number them in order instead, so the same
    data gives the same bytes."""
    counter = 0
    pending = [root]
    while pending:
        element = pending.pop(0)
        element._id = f"{counter:08x}"
        counter += 1
        pending.extend(element._children.values())


def _escape(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def write_map(fmap: folium.Map, output: str | Path) -> None:
    """Write the HTML atomically: an interrupted run never leaves half a map behind."""
    html = fmap.get_root().render()
    with atomic_path(output) as temporary:
        temporary.write_text(html, encoding="utf-8")
