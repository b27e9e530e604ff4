"""--online against a real local HTTP stand-in for Nominatim (the machines have no internet).

Where only the online stage's logic is at stake, the gazetteer is the made-up world
(tests/world.py); the real one where the answer must outlive the run (the user supplement read
by the next ``Gazetteer.load``)."""

from __future__ import annotations

import json
import time

import pytest

from gazetteer import Gazetteer
from gazetteer.online import OnlineGeocoder
from tests import world as made_up
from tests.nominatim import StandIn


@pytest.fixture
def fresh_world(world):
    """A world of the test's own: an online answer, found or not, is added to the gazetteer
    asked (the session's ``world`` is shared)."""
    return made_up.build_gazetteer()


def _geocoder(domain, **options):
    return OnlineGeocoder(domain=domain, scheme="http", timeout=2, **options)


def test_online_answer_is_used_and_cached(stand_in, front_village, data_dir):
    village, lat, lon = front_village
    gazetteer = Gazetteer.load()
    assert gazetteer.resolve(village).match is None  # offline: unknown
    resolution = gazetteer.resolve_online(village, geocoder=_geocoder(stand_in))
    assert resolution.match is not None
    assert (resolution.match.place.lat, resolution.match.place.lon) == (lat, lon)
    assert resolution.match.match_type == "online"
    assert len(StandIn.requests) == 1
    # cached in the user supplement: a new run finds it without asking the service
    later = Gazetteer.load().resolve(village)
    assert later.match is not None and later.match.place.country == "UA"
    assert len(StandIn.requests) == 1
    assert "online:nominatim@" in (data_dir / "places.csv").read_text()


def test_online_is_never_asked_for_known_names(stand_in, data_dir, world):
    world.resolve_online("Zoriansk", geocoder=_geocoder(stand_in))
    assert StandIn.requests == []


def test_online_no_answer_leaves_name_unresolved_and_is_asked_once(stand_in, data_dir,
                                                                   fresh_world):
    world = fresh_world
    resolution = world.resolve_online("Qwertyuiop", geocoder=_geocoder(stand_in))
    assert resolution.match is None
    assert "Qwertyuiop,,,,,,,online:nominatim@" in (data_dir / "places.csv").read_text()
    assert world.resolve_online("Qwertyuiop", geocoder=_geocoder(stand_in)).match is None
    assert len(StandIn.requests) == 1  # "no answer" is an answer: cached, not asked again


def test_failing_service_does_not_fail_the_run(stand_in, data_dir, fresh_world):
    world = fresh_world
    StandIn.fail = True
    started = time.monotonic()
    geocoder = _geocoder(stand_in, min_delay=0.1, max_retries=1)
    resolution = world.resolve_online("Tykhovody", geocoder=geocoder)
    assert resolution.match is None
    assert len(StandIn.requests) == 2  # one try, one bounded retry
    assert time.monotonic() - started < 10
    assert not (data_dir / "places.csv").exists()  # a failure is no answer: asked next time


def test_unreachable_service_does_not_fail_the_run(data_dir, fresh_world):
    world = fresh_world
    resolution = world.resolve_online("Tykhovody",
                                      geocoder=_geocoder("127.0.0.1:9", min_delay=0.0,
                                                         max_retries=0))
    assert resolution.match is None


def test_requests_are_rate_limited(stand_in, data_dir):
    geocoder = _geocoder(stand_in, min_delay=0.3)
    for name in ("a-one", "a-two", "a-three"):
        geocoder.lookup(name)
    times = [t for t, *_ in StandIn.requests]
    assert len(times) == 3
    # two waits of 0.3 s between three calls; arrival times at the server jitter a little
    assert times[-1] - times[0] >= 0.5


def test_cli_online_flag_uses_configured_domain(stand_in, front_village, run_cli,
                                                monkeypatch):
    village, lat, _ = front_village
    monkeypatch.setenv("FRONTLINE_GEOCODER_DOMAIN", stand_in)
    monkeypatch.setenv("FRONTLINE_GEOCODER_SCHEME", "http")
    result = run_cli("place", village, "--online", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["match"]["lat"] == lat
