"""Headless Chromium for the map's browser tests and benchmarks: Debian's chromium, and a page
whose network is this machine's files (the CDN assets Folium's pages load, from the npm copies in
tests/browser/node_modules; tiles answered 404; nothing else reachable)."""

from __future__ import annotations

import re
from pathlib import Path

BROWSER_ASSETS = Path(__file__).parent / "node_modules"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]


def local_asset(url: str) -> Path | None:
    """The local copy (tests/browser/node_modules) of a CDN asset that Folium's pages load."""
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
    copies, tiles answered 404 (no imagery offline), nothing else reachable. With
    ``offline=True`` no network at all: every request for anything but a file is aborted and
    kept in ``blocked``."""

    def __init__(self, browser, *, offline: bool = False):
        self.errors: list[str] = []
        self.console_errors: list[str] = []
        self.missing: list[str] = []
        self.blocked: list[str] = []
        self.dialogs: list[str] = []
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.page.route("**/*", self._block if offline else self._route)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", self._console)
        self.page.on("dialog", self._dialog)

    def _console(self, message):
        if message.type == "error":
            self.console_errors.append(message.text)

    def _block(self, route):
        url = route.request.url
        if url.startswith("file://"):
            return route.continue_()
        self.blocked.append(url)
        return route.abort("internetdisconnected")

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
