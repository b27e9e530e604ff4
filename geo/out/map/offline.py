"""What a map needs to work with no network: the web libraries and the base layer it ships with.

Online, a Folium page loads Leaflet and its plugins from CDNs and its base layers from tile
servers. A self-contained page (``make_self_contained``) instead carries inline copies of the
libraries the map uses, Leaflet and Leaflet.markercluster (the very versions Folium's page links,
copied from the npm registry into ``vendor/`` by ``build_offline.py``), with their images as
data: URIs; Folium's other links (jQuery, Bootstrap, Font Awesome, awesome-markers) are left
out, since nothing on our page uses them.

``OfflineOutline`` is the base layer such a page draws: Natural Earth land, coasts, borders,
rivers, lakes and first-level regions, and labels for countries, regions and the gazetteer's
larger settlements (``vendor/outline/outline.json``, drawn by ``assets/frontline_outline.js``).
Online pages offer it too, as one more base layer ("Offline outline").
"""

from __future__ import annotations

import base64
import json
import re
from functools import cache
from pathlib import Path

import folium
from branca.element import Element
from folium.map import Layer
from folium.plugins import MarkerCluster
from jinja2 import Template

VENDOR = Path(__file__).parent / "vendor"
ASSETS = Path(__file__).parent / "assets"
OUTLINE_NAME = "Offline outline"


def online_versions() -> dict[str, str]:
    """The versions of Leaflet and Leaflet.markercluster that Folium's online pages load, read
    from the URLs in Folium's own link lists."""
    links = dict(folium.Map.default_js) | dict(MarkerCluster.default_js)
    leaflet = re.search(r"/leaflet@([\d.]+)/", links["leaflet"])
    cluster = re.search(r"/leaflet\.markercluster/([\d.]+)/", links["markerclusterjs"])
    return {"leaflet": leaflet.group(1), "leaflet.markercluster": cluster.group(1)}


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _png(name: str) -> str:
    content = (VENDOR / "leaflet" / "images" / name).read_bytes()
    return "data:image/png;base64," + base64.b64encode(content).decode("ascii")


@cache
def _libraries() -> dict[str, str]:
    """The inlined libraries: their CSS with images as data: URIs, their scripts, and the icon
    images Leaflet's default marker would otherwise look for beside its stylesheet."""
    leaflet_css = re.sub(r"url\(images/([\w-]+\.png)\)", lambda m: f'url("{_png(m.group(1))}")',
                         _text(VENDOR / "leaflet" / "leaflet.css"))
    return {
        "css": leaflet_css + "\n" + _text(VENDOR / "leaflet.markercluster" / "MarkerCluster.css"),
        "leaflet": _text(VENDOR / "leaflet" / "leaflet.js"),
        "markercluster": _text(VENDOR / "leaflet.markercluster" / "leaflet.markercluster.js"),
        "icons": json.dumps({"iconUrl": _png("marker-icon.png"),
                             "iconRetinaUrl": _png("marker-icon-2x.png"),
                             "shadowUrl": _png("marker-shadow.png")}),
    }


class InlineLibraries(Element):
    """Leaflet and Leaflet.markercluster inline, in the page's head."""

    _template = Template("""
        <style>{{ this.libraries.css }}</style>
        <script>{{ this.libraries.leaflet }}</script>
        <script>{{ this.libraries.markercluster }}</script>
        <script>
            L.Icon.Default.imagePath = "";  /* the images are data: URIs, not files beside a CSS */
            L.Icon.Default.mergeOptions({{ this.libraries.icons }});
        </script>
    """)

    def __init__(self):
        super().__init__()
        self._name = "InlineLibraries"
        self.libraries = _libraries()


def make_self_contained(fmap: folium.Map) -> None:
    """Put the libraries inline in ``fmap``'s page and drop Folium's CDN links. Elements added
    later with links of their own (``default_js``) must drop theirs too."""
    fmap.default_js = []
    fmap.default_css = []
    fmap.get_root().header.add_child(InlineLibraries(), name="frontline_libraries")


@cache
def _outline_json() -> str:
    """The outline's JSON as written, safe inside a <script> element (build_offline.py wrote
    it with render.safe_json)."""
    return _text(VENDOR / "outline" / "outline.json")


class OfflineOutline(Layer):
    """The offline base layer: drawn from data the page carries, so it shows with no network."""

    _template = Template("""
        {% macro header(this, kwargs) %}
            <style>{{ this.css }}</style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
            {{ this.js }}
            var {{ this.get_name() }} = frontlineOutline({{ this.outline }});
        {% endmacro %}
    """)

    def __init__(self, show: bool = True):
        super().__init__(name=OUTLINE_NAME, overlay=False, control=True, show=show)
        self._name = "OfflineOutline"
        self.outline = _outline_json()
        self.js = _text(ASSETS / "frontline_outline.js")
        self.css = _text(ASSETS / "frontline_outline.css")

