"""Shared fixtures.

- ``world``: the made-up world of ``tests/world.py`` as a gazetteer, built in a tenth of a second:
  what the stage tests use.
- ``gazetteer``: the real one. Its index is built once per data version into the user cache (or
  $FRONTLINE_CACHE_DIR; 45 s the first time) and reused by every test; the user supplement is
  kept out of the way.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from gazetteer import Gazetteer, resolver
from tests import world as made_up


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return Gazetteer.load(supplement=False)


@pytest.fixture(scope="session")
def world() -> Gazetteer:
    """The made-up world's gazetteer, through the real classes. Its national capitals join
    GeoNames' list (``Gazetteer.is_national_capital``) for the session: no real country has the
    world's codes (XA, XB, XF), so the real gazetteer's answers are unchanged."""
    capitals = resolver._capitals() | made_up.CAPITALS
    patch = pytest.MonkeyPatch()
    patch.setattr(resolver, "_capitals", lambda: capitals)
    yield made_up.build_gazetteer()
    patch.undo()


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """An empty user data folder for this test (the user supplement lives there), and a store
    of its own for the incremental mentions store."""
    folder = tmp_path / "frontline-data"
    monkeypatch.setenv("FRONTLINE_DATA_DIR", str(folder))
    monkeypatch.setenv("FRONTLINE_STORE", str(tmp_path / "mentions-store.sqlite"))
    return folder


@pytest.fixture
def run_cli(data_dir):
    """Run the installed `frontline` command as a user would; returns the CompletedProcess."""

    def run(*args: str) -> subprocess.CompletedProcess:
        env = dict(os.environ, FRONTLINE_DATA_DIR=str(data_dir))
        return subprocess.run([sys.executable, "-m", "geo.cli", *args], capture_output=True,
                              text=True, env=env, timeout=300)

    return run


# -- headless Chromium for the map tests ---------------------------------------------------------
BROWSER_ASSETS = Path(__file__).parent / "browser" / "node_modules"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]


def local_asset(url: str) -> Path | None:
    """The local copy (tests/browser/node_modules) of a CDN asset that Folium's pages load."""
    import re

    match = re.match(r"https://cdn\.jsdelivr\.net/npm/((?:@[^/]+/)?[^@/]+)@[^/]+/(.*)", url)
    if match:
        return BROWSER_ASSETS / match.group(1) / match.group(2)
    if re.match(r"https://code\.jquery\.com/jquery-[\d.]+\.min\.js", url):
        return BROWSER_ASSETS / "jquery" / "dist" / "jquery.min.js"
    match = re.match(r"https://cdnjs\.cloudflare\.com/ajax/libs/"
                     r"(Leaflet\.awesome-markers|leaflet\.markercluster)/[^/]+/(.*)", url)
    if match:
        return BROWSER_ASSETS / match.group(1).lower() / "dist" / match.group(2)
    return None


class BrowserPage:
    """A page in headless Chromium whose network is this machine's files: CDN assets from local
    copies, tiles answered 404 (no imagery offline), nothing else reachable."""

    def __init__(self, browser):
        self.errors: list[str] = []
        self.missing: list[str] = []
        self.dialogs: list[str] = []
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.page.route("**/*", self._route)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("dialog", self._dialog)

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _route(self, route):
        url = route.request.url
        if url.startswith("file://"):
            return route.continue_()
        path = local_asset(url)
        if path is not None and path.is_file():
            kind = {".css": "text/css", ".js": "application/javascript"}.get(path.suffix,
                                                                             "application/octet-stream")
            return route.fulfill(path=str(path), content_type=kind)
        if url.endswith(".css"):
            return route.fulfill(body="", content_type="text/css")  # optional icon styles
        self.missing.append(url)
        return route.fulfill(status=404, body="")

    def open(self, html_path: Path):
        self.page.goto(html_path.resolve().as_uri())
        self.page.wait_for_selector(".frontline-time")
        return self.page


def pytest_collection_modifyitems(items):
    """Every test that opens Chromium carries the ``browser`` marker, so that
    ``-m "not browser"`` really leaves Chromium out."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()) and not item.get_closest_marker(
                "browser"):
            raise pytest.UsageError(f"{item.nodeid} opens Chromium: mark it "
                                    "@pytest.mark.browser")


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: `make test` installs it (apt-get install chromium)")
    if not BROWSER_ASSETS.exists():
        pytest.fail("web assets missing: `make test` installs them (npm, tests/browser)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def browser_page(browser):
    page = BrowserPage(browser)
    yield page
    page.page.close()
