"""``--online`` in a run: unknown names in a place context asked of a local stand-in for
Nominatim (tests/nominatim.py), on a fresh made-up world each test (answers are added to it)."""

from __future__ import annotations

import csv
import datetime as dt
import logging
import time

import pytest

from gazetteer import Gazetteer, user_supplement
from gazetteer.online import USER_AGENT, OnlineGeocoder
from geo.run.extract import Extractor
from geo.schema import Article
from tests import world as made_up
from tests.nominatim import SLOW, SLOW_SECONDS, StandIn

DAY = dt.date(2024, 6, 11)


@pytest.fixture
def fresh_world(world, data_dir):
    """A world of this test's own (the session's ``world`` fixture patches the capitals)."""
    return made_up.build_gazetteer()


def _geocoder(domain, **options):
    options = {"timeout": 2, "min_delay": 0.0, **options}
    return OnlineGeocoder(domain=domain, scheme="http", **options)


def _mentions(extractor, text):
    return {m.surface: m for m in extractor.article_mentions(Article("a1", text))[2]}


def test_an_unknown_village_in_a_place_context_is_asked_and_placed(stand_in, fresh_world,
                                                                   data_dir):
    extractor = Extractor(fresh_world, DAY, online=_geocoder(stand_in))
    found = _mentions(extractor, "Heavy fighting near Zoriansk and in the village of "
                                 "Hlybochok on Tuesday.")
    village = found["Hlybochok"]
    assert (village.lat, village.lon, village.resolution) == (2.05, 2.12, "resolved")
    assert 0 < village.confidence <= 0.7  # an online answer: less sure than the data's names
    assert found["Zoriansk"].place_id == "world:zoriansk"
    [(_, query, parameters, agent)] = StandIn.requests
    assert query == "Hlybochok" and agent == USER_AGENT
    assert parameters["countrycodes"] == "xa"  # Zoriansk's country
    assert parameters["bounded"] == "1" and parameters["featureType"] == "settlement"
    west, south, east, north = (float(x) for x in parameters["viewbox"].split(","))
    assert west < 2.0 < east and south < 2.0 < north  # a box around Zoriansk (2, 2)
    assert east - west < 3 and north - south < 3
    # cached in the user supplement: the next gazetteer knows it offline, and asks nothing
    later = made_up.build_gazetteer()
    user_supplement.apply(later, user_supplement.read())
    match = later.resolve("Hlybochok").match
    assert (match.place.lat, match.place.lon, match.match_type) == (2.05, 2.12, "online")
    _mentions(Extractor(later, DAY, online=_geocoder(stand_in)),
              "Heavy fighting in the village of Hlybochok.")
    assert len(StandIn.requests) == 1


def _limits(request):
    """The countries and the (west, south, east, north) box a request was limited to."""
    _, _, parameters, _ = request
    box = tuple(float(x) for x in parameters["viewbox"].split(",")) if "viewbox" in parameters \
        else None
    return parameters.get("countrycodes"), box


def test_places_abroad_do_not_widen_the_question(stand_in, fresh_world, data_dir):
    """A capital abroad in the same article (talks in Port Alder) says nothing about where a
    front village is: neither its country nor its point limits the question."""
    extractor = Extractor(fresh_world, DAY, online=_geocoder(stand_in))
    found = _mentions(extractor, "Troops attacked near the village of Hlybochok east of "
                                 "Zoriansk. Talks in Port Alder were expected next week.")
    assert found["Port Alder"].country == "XF"  # placed, abroad
    assert (found["Hlybochok"].lat, found["Hlybochok"].lon) == (2.05, 2.12)
    [request] = StandIn.requests
    countries, (west, south, east, north) = _limits(request)
    assert countries == "xa"
    assert (west, south, east, north) == (1.0, 1.0, 3.0, 3.0)  # a degree around Zoriansk


def test_the_box_stays_around_the_front_place_nearest_in_the_text(stand_in, fresh_world,
                                                                  data_dir):
    """Front places far apart (Lisovsk, Zoriansk: 3.5 degrees) would make a box too wide to
    mean anything: the box is the largest allowed around the one named nearest the village."""
    extractor = Extractor(fresh_world, DAY, online=_geocoder(stand_in))
    _mentions(extractor, "Shelling of Lisovsk went on. Troops attacked near the village of "
                         "Hlybochok east of Zoriansk.")
    [request] = StandIn.requests
    _, (west, south, east, north) = _limits(request)
    assert east - west <= 4.0 and north - south <= 4.0
    assert west < 2.0 < east and south < 2.0 < north  # Zoriansk (2, 2)
    assert east < 5.5  # not stretched to Lisovsk


def test_the_real_theatre_limits_the_question(stand_in, data_dir):
    """The real gazetteer: a village near Pokrovsk, in an article that also names Washington
    and Paris, is asked in Ukraine near Pokrovsk only (not in the US or France)."""
    gazetteer = Gazetteer.load(supplement=False)
    pokrovsk = gazetteer.resolve("Pokrovsk").match.place
    extractor = Extractor(gazetteer, DAY, online=_geocoder(stand_in))
    found = _mentions(extractor, "Russian troops attacked near the village of Zadovilne in the "
                                 "Pokrovsk direction, Ukraine's military said. Talks in "
                                 "Washington and Paris were expected next week.")
    assert found["Washington"].country == "US" and found["Zadovilne"].lat is None
    [request] = StandIn.requests
    countries, (west, south, east, north) = _limits(request)
    assert countries == "ua"
    assert west < pokrovsk.lon < east and south < pokrovsk.lat < north
    assert east - west <= 4.0 and north - south <= 4.0


def test_each_name_is_asked_once_and_not_found_is_remembered(stand_in, fresh_world, data_dir):
    extractor = Extractor(fresh_world, DAY, online=_geocoder(stand_in))
    text = "Shelling hit the village of Neznaiomo near Zoriansk."
    assert _mentions(extractor, text)["Neznaiomo"].resolution == "unresolved"
    assert _mentions(extractor, text)["Neznaiomo"].resolution == "unresolved"
    assert [q for _, q, _, _ in StandIn.requests] == ["Neznaiomo"]
    assert "Neznaiomo,,,,,,,online:nominatim@" in (data_dir / "places.csv").read_text()


def test_a_river_is_no_answer(stand_in, fresh_world, data_dir):
    extractor = Extractor(fresh_world, DAY, online=_geocoder(stand_in))
    found = _mentions(extractor, "Troops crossed near Chornorichka, east of Zoriansk.")
    assert found["Chornorichka"].lat is None and found["Chornorichka"].place_id is None


def test_requests_keep_the_rate_limit(stand_in, fresh_world, data_dir):
    extractor = Extractor(fresh_world, DAY, online=_geocoder(stand_in, min_delay=0.5))
    found = _mentions(extractor, "Attacks near Hlybochok, near Tykhobrid and near Zoriansk.")
    assert found["Tykhobrid"].resolution == "resolved"
    first, second = (t for t, *_ in StandIn.requests)
    assert second - first >= 0.45  # arrival times at the server jitter a little


def test_a_timeout_leaves_the_name_unresolved_and_the_run_goes_on(stand_in, fresh_world,
                                                                 data_dir, caplog):
    extractor = Extractor(fresh_world, DAY,
                          online=_geocoder(stand_in, timeout=0.3, max_retries=0))
    started = time.monotonic()
    with caplog.at_level(logging.WARNING):
        found = _mentions(extractor, f"Fighting near {SLOW.title()} and near Hlybochok, east "
                                        "of Zoriansk.")
    assert found[SLOW.title()].resolution == "unresolved"
    assert found["Hlybochok"].resolution == "resolved"  # the next name is still asked
    assert time.monotonic() - started < SLOW_SECONDS + 1.5
    assert f"online lookup of '{SLOW.title()}' failed" in caplog.text
    assert SLOW.title() not in (data_dir / "places.csv").read_text()  # asked again next time


def test_a_bad_answer_leaves_the_name_unresolved(stand_in, fresh_world, data_dir, caplog):
    extractor = Extractor(fresh_world, DAY, online=_geocoder(stand_in, max_retries=0))
    with caplog.at_level(logging.WARNING):
        found = _mentions(extractor, "Drones struck near Zipsovane overnight.")
    assert found["Zipsovane"].resolution == "unresolved" and found["Zipsovane"].lat is None
    assert "online lookup of 'Zipsovane' failed" in caplog.text


def test_off_by_default(stand_in, fresh_world, data_dir, monkeypatch):
    monkeypatch.setenv("FRONTLINE_GEOCODER_DOMAIN", stand_in)
    monkeypatch.setenv("FRONTLINE_GEOCODER_SCHEME", "http")
    found = _mentions(Extractor(fresh_world, DAY), "Fighting in the village of Hlybochok.")
    assert found["Hlybochok"].resolution == "unresolved" and StandIn.requests == []


def test_mentions_online_on_the_command_line(stand_in, front_village, run_cli, monkeypatch,
                                             tmp_path):
    """The real gazetteer: a front village it lacks is asked once, placed, and found offline by
    the next run through the user supplement."""
    monkeypatch.setenv("FRONTLINE_GEOCODER_DOMAIN", stand_in)
    monkeypatch.setenv("FRONTLINE_GEOCODER_SCHEME", "http")
    report = tmp_path / "report.txt"
    name, lat, lon = front_village
    report.write_text("Ukrainian troops advanced south of Orikhiv towards the village of "
                      f"{name} on Monday.\n", encoding="utf-8")

    def run(name, *options):
        result = run_cli("mentions", str(report), "-o", str(tmp_path / name), "--today",
                         "2024-06-11", *options)
        assert result.returncode == 0, result.stderr
        with open(tmp_path / name, encoding="utf-8", newline="") as handle:
            return {row["surface"]: row for row in csv.DictReader(handle)}, result.stderr

    online, stderr = run("online.csv", "--online", "--jobs", "2")
    assert "--jobs, --engine and --store are not used" in stderr
    village = online[name]
    assert (float(village["lat"]), float(village["lon"]), village["resolution"]) == (
        lat, lon, "resolved")
    [(_, _, parameters, _)] = StandIn.requests
    assert parameters["countrycodes"] == "ua"  # Orikhiv's country
    offline, _ = run("offline.csv")
    assert (offline[name]["lat"], offline[name]["place_id"]) == (
        village["lat"], village["place_id"])
    assert len(StandIn.requests) == 1


def test_a_river_found_by_place_online_is_never_a_place_of_a_run(stand_in, fresh_world,
                                                                 data_dir):
    """`frontline place Chornorichka --online` asks for anything and finds a river; a run asks
    for populated places only, so the cached river places no mention, now or in a later run,
    while `frontline place` still shows it."""
    answer = fresh_world.resolve_online("Chornorichka", geocoder=_geocoder(stand_in))
    assert answer.match.place.kind == "other"
    text = "Troops crossed near Chornorichka, east of Zoriansk."
    for gazetteer in (fresh_world, _reloaded()):
        found = _mentions(Extractor(gazetteer, DAY, online=_geocoder(stand_in)), text)
        assert found["Chornorichka"].lat is None, gazetteer
        assert found["Chornorichka"].resolution == "unresolved"
        assert _mentions(Extractor(gazetteer, DAY), "Chornorichka was quiet.") == {}
        assert gazetteer.resolve("Chornorichka").match.place.kind == "other"
    assert len(StandIn.requests) == 1  # asked once


def test_place_online_asks_again_what_a_run_found_nothing_for_inside_its_limits(
        stand_in, fresh_world, data_dir):
    """A run asked for Tykhobrid around Lisovsk and got no answer; `place --online` asks
    without limits, finds it, and later runs may take that populated place."""
    extractor = Extractor(fresh_world, DAY, online=_geocoder(stand_in))
    found = _mentions(extractor, "Shelling hit the village of Tykhobrid near Lisovsk.")
    assert found["Tykhobrid"].lat is None
    rows = user_supplement.read()
    assert rows[-1]["name"] == "Tykhobrid" and "no answer (populated places; in xa" in (
        rows[-1]["source"].lower())
    answer = fresh_world.resolve_online("Tykhobrid", geocoder=_geocoder(stand_in))
    assert (answer.match.place.lat, answer.match.place.lon) == (2.15, 2.08)
    assert [q for _, q, _, _ in StandIn.requests] == ["Tykhobrid", "Tykhobrid"]
    later = _reloaded().resolve("Tykhobrid", in_text=True).match  # a populated place
    assert (later.place.lat, later.place.lon, later.match_type) == (2.15, 2.08, "online")


def _reloaded():
    """The made-up world as a later run loads it: with the user supplement."""
    gazetteer = made_up.build_gazetteer()
    rows = user_supplement.read()
    user_supplement.apply(gazetteer, rows)
    gazetteer.supplement_rows = rows
    return gazetteer


def test_a_name_learnt_online_is_found_by_the_run_s_later_articles(stand_in, front_village,
                                                                   data_dir):
    """The real gazetteer: once a village is learnt online, a later article of the same run
    that names it without a place context finds it, as a later run without --online does (the
    same input, the same mentions)."""
    village, lat, lon = front_village
    articles = [Article("a1", f"Fighting continues near Orikhiv and in the village of {village}."),
                Article("a2", f"Russian forces captured {village}, south of Orikhiv, the "
                              "ministry said."),
                Article("a3", f"Российские войска заняли {village}, сообщило министерство.")]

    def mentions(extractor):
        return [[(m.surface, m.lat, m.lon, str(m.resolution), m.event)
                 for m in extractor.article_mentions(article)[2]] for article in articles]

    online = mentions(Extractor(Gazetteer.load(), DAY, online=_geocoder(stand_in)))
    assert (village, lat, lon, "resolved", "capture") in online[1]
    assert mentions(Extractor(Gazetteer.load(), DAY)) == online
    assert len(StandIn.requests) == 1
