"""A real local HTTP stand-in for Nominatim's /search (the machines have no internet), in its
jsonv2 shape: what it knows (``KNOWN``), every request with its parameters and headers, and the
failures a service has: a refusal (``fail``), a slow answer (``SLOW``), an unreadable one
(``GARBLED``). Like Nominatim, it answers only inside the countries (``countrycodes``) and the
box (``viewbox`` with ``bounded=1``) a request is limited to."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest


def _answer(lat, lon, kind, country, osm_id, name):
    return {"lat": lat, "lon": lon, "osm_type": "node", "osm_id": osm_id, "addresstype": kind,
            "type": kind, "address": {"country_code": country}, "display_name": name}


KNOWN = {
    # made-up places of the made-up world (tests/world.py), in its sea
    "hlybochok": _answer("2.05", "2.12", "village", "xa", 201, "Hlybochok, Valdoria"),
    "tykhobrid": _answer("2.15", "2.08", "hamlet", "xa", 202, "Tykhobrid, Valdoria"),
    "chornorichka": _answer("2.2", "2.3", "river", "xa", 203, "Chornorichka, Valdoria"),
}
SLOW, GARBLED = "povilne", "zipsovane"
# A made-up front village (no such name in the gazetteer: ``front_village`` checks), which the
# stand-in places a little south of the embedded gazetteer's Orikhiv: no coordinates typed.
FRONT_VILLAGE = "Zadovilne"
SLOW_SECONDS = 2.0


def _within(answer: dict, parameters: dict) -> bool:
    countries = parameters.get("countrycodes")
    if countries and answer["address"]["country_code"] not in countries.split(","):
        return False
    if parameters.get("bounded") == "1" and parameters.get("viewbox"):
        lon1, lat1, lon2, lat2 = (float(x) for x in parameters["viewbox"].split(","))
        lat, lon = float(answer["lat"]), float(answer["lon"])
        return (min(lat1, lat2) <= lat <= max(lat1, lat2)
                and min(lon1, lon2) <= lon <= max(lon1, lon2))
    return True


class StandIn(BaseHTTPRequestHandler):
    requests: list[tuple[float, str, dict, str]] = []  # time, q, parameters, user agent
    fail = False

    def do_GET(self):  # noqa: N802 - http.server's name
        parameters = {k: v[0] for k, v in parse_qs(urlparse(self.path).query).items()}
        query = parameters.get("q", "")
        StandIn.requests.append((time.monotonic(), query, parameters,
                                 self.headers.get("User-Agent", "")))
        if StandIn.fail:
            self.send_response(503)
            self.end_headers()
            return
        if query.lower() == SLOW:
            time.sleep(SLOW_SECONDS)
        if query.lower() == GARBLED:
            body = b'[{"lat": "north", "lon'
        else:
            known = KNOWN.get(query.lower())
            if known and not _within(known, parameters):
                known = None
            body = json.dumps([known] if known else []).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def stand_in():
    """The stand-in's address (host:port), serving for one test."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), StandIn)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)  # shut down in 0.05 s, not 0.5
    thread.start()
    StandIn.requests, StandIn.fail = [], False
    yield f"127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def front_village(gazetteer, monkeypatch):
    """``FRONT_VILLAGE``, known to the stand-in at a point derived from Orikhiv's in the
    embedded gazetteer: (name, lat, lon)."""
    assert gazetteer.resolve(FRONT_VILLAGE).match is None
    orikhiv = gazetteer.resolve("Orikhiv").match.place
    assert orikhiv.country == "UA"
    lat, lon = round(orikhiv.lat - 0.09, 4), round(orikhiv.lon + 0.02, 4)
    monkeypatch.setitem(KNOWN, FRONT_VILLAGE.lower(), _answer(
        str(lat), str(lon), "village", "ua", 101, f"{FRONT_VILLAGE}, made up"))
    return FRONT_VILLAGE, lat, lon
