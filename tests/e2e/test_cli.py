"""`frontline place` as a user runs it: output, JSON contract, exit codes, user additions."""

from __future__ import annotations

import json
import os
import subprocess
import sys

JSON_KEYS = ["place_id", "name", "lat", "lon", "kind", "country", "admin1", "population",
             "matched_name", "match_type", "confidence"]


def test_json_contract(run_cli):
    result = run_cli("place", "Krasnoarmeysk", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert list(data) == ["query", "match", "candidates"]
    assert data["query"] == "Krasnoarmeysk"
    match = data["match"]
    assert list(match) == JSON_KEYS
    assert match["place_id"] == "geonames:704422"
    assert (match["lat"], match["lon"]) == (48.28014, 37.17706)
    assert match["matched_name"] == "Krasnoarmeysk" and match["match_type"] == "russian"
    assert all(list(c) == JSON_KEYS for c in data["candidates"])
    assert "geonames:704422" not in {c["place_id"] for c in data["candidates"]}


def test_human_output(run_cli):
    result = run_cli("place", "Покровске")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for expected in ("Pokrovsk (settlement)", "48.28014, 37.17706", "Donetsk Oblast", "UA",
                     "geonames:704422", "60,127", "(inflected)", "confidence"):
        assert expected in out


def test_near_and_all(run_cli):
    result = run_cli("place", "Grishino", "--near", "48.28,37.18", "--all")
    assert result.returncode == 0, result.stderr
    first, rest = result.stdout.split("other candidates:")
    assert first.startswith("Hryshyne (settlement)")
    assert "geonames:704422" in rest  # Pokrovsk, once called Grishino, is listed below


def test_ambiguous_name_says_so(run_cli):
    result = run_cli("place", "Lyman")
    assert "ambiguous" in result.stdout and "--near" in result.stdout


def test_no_match_exits_1_with_suggestions(run_cli):
    result = run_cli("place", "Zhytomirska")
    assert result.returncode == 1
    assert "no place matches" in result.stderr and "did you mean: Zhytomyr" in result.stderr
    result = run_cli("place", "Krasnohryshkov", "--json")
    assert result.returncode == 1
    assert json.loads(result.stdout) == {"query": "Krasnohryshkov", "match": None,
                                         "candidates": []}


def test_usage_errors_exit_2(run_cli):
    assert run_cli("place", "Lyman", "--near", "north").returncode == 2
    assert run_cli("place", "Lyman", "--near", "95,37").returncode == 2
    assert run_cli("place", "add", "Nowhere", "--lat", "48.1").returncode == 2
    assert run_cli("place", "add", "Nowhere", "--lat", "148.1", "--lon", "37").returncode == 2
    assert run_cli("place", "add", "Nowhere", "--to", "geonames:1").returncode == 2
    assert run_cli().returncode == 2


def test_place_add_is_used_by_later_runs(run_cli, data_dir):
    assert run_cli("place", "Zarichne-Pole", "--json").returncode == 1
    added = run_cli("place", "add", "Zarichne-Pole", "--lat", "48.5", "--lon", "37.9",
                    "--alias", "Зарічне Поле", "--country", "UA")
    assert added.returncode == 0, added.stderr
    assert (data_dir / "places.csv").exists()
    for query in ("Zarichne-Pole", "Зарічне Поле", "zarichne pole"):
        data = json.loads(run_cli("place", query, "--json").stdout)
        assert data["match"]["place_id"] == "user:zarichne-pole"
        assert (data["match"]["lat"], data["match"]["lon"]) == (48.5, 37.9)
        assert data["match"]["match_type"] == "user"


def test_place_add_alias_to_known_place(run_cli):
    added = run_cli("place", "add", "Pokrovsk-Donetskyi", "--to", "geonames:704422")
    assert added.returncode == 0, added.stderr
    data = json.loads(run_cli("place", "Pokrovsk-Donetskyi", "--json").stdout)
    assert data["match"]["place_id"] == "geonames:704422"
    assert data["match"]["matched_name"] == "Pokrovsk-Donetskyi"


def test_map_command_writes_the_map(run_cli, tmp_path):
    out = tmp_path / "maps" / "seeds.html"  # a missing folder is created
    result = run_cli("map", "seeds", "-o", str(out), "--bin", "week", "--today", "2026-11-21")
    assert result.returncode == 0, result.stderr
    html = out.read_text(encoding="utf-8")
    assert "frontlineMap(" in html and "leaflet" in html
    assert "articles read: 5" in result.stderr and "markers in" in result.stderr


def test_a_reader_that_stops_early_gets_no_traceback(data_dir):
    """`frontline place X --all | head -1`: the pipe closes early; no error, exit 0."""
    env = dict(os.environ, FRONTLINE_DATA_DIR=str(data_dir))
    process = subprocess.Popen([sys.executable, "-m", "geo.cli", "place", "Pokrovsk", "--all"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    process.stdout.read(1)  # the first byte, as `head -c1` would, then the pipe closes
    process.stdout.close()
    error = process.stderr.read().decode()
    assert process.wait(timeout=300) == 0
    assert "Traceback" not in error and "BrokenPipe" not in error
