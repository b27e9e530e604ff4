"""Shared fixtures.

- ``world``: the made-up world of ``tests/world.py`` as a gazetteer, built in a tenth of a second:
  what the stage tests use.
- ``gazetteer``: the real one. Its index is built once per data version into the user cache (or
  $FRONTLINE_CACHE_DIR; 45 s the first time) and reused by every test; the user supplement is
  kept out of the way.

The user's own data folder (their supplement, their GeoNames import) is never read: the whole
session runs with an empty one of its own.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from gazetteer import Gazetteer, resolver
from tests import world as made_up
from tests.browser.chromium import BROWSER_ASSETS, CHROMIUM, CHROMIUM_ARGS, BrowserPage
from tests.nominatim import front_village, stand_in  # noqa: F401 - fixtures for all


@pytest.fixture(scope="session", autouse=True)
def _own_user_data(tmp_path_factory):
    """An empty user data folder for the session, set before any gazetteer is loaded: a
    developer's GeoNames import or supplement must not change what the tests see."""
    patch = pytest.MonkeyPatch()
    patch.setenv("FRONTLINE_DATA_DIR", str(tmp_path_factory.mktemp("user-data")))
    yield
    patch.undo()


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


@pytest.fixture
def offline_page(browser):
    """A page with no network at all: every request but for a file is aborted (and kept)."""
    page = BrowserPage(browser, offline=True)
    yield page
    page.page.close()
