"""Bad input never crashes a run, loses an article, or reaches the browser.

Exit codes: 0 every input processed, 3 some skipped (all reported), 2 usage error, 1 nothing
processed (or --strict and something skipped). Outputs are atomic and deterministic.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

TODAY = "2026-11-21"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256))


def good_article(folder: Path, number: int) -> None:
    town = ["Kramatorsk", "Pokrovsk", "Sloviansk", "Kostiantynivka"][number % 4]
    (folder / f"good-{number:02d}.txt").write_text(
        f" date 2025-11-{number + 1:02d}\nReport {number}\nShelling hit {town} overnight.\n",
        encoding="utf-8")


def bad_inputs(folder: Path) -> int:
    """Twenty inputs that cannot be read, each a different way of being bad; returns 20."""
    for n in range(4):
        (folder / f"empty-{n}.txt").write_text(" \n" * n, encoding="utf-8")
    for n in range(4):
        (folder / f"image-{n}.txt").write_bytes(PNG)
    for n in range(3):
        (folder / f"paper-{n}.md").write_bytes(b"%PDF-1.7\n" + bytes(200))
    for n in range(3):
        (folder / f"packed-{n}.txt").write_bytes(gzip.compress(b"Kramatorsk"))
    for n in range(2):
        (folder / f"notext-{n}.json").write_text(json.dumps({"id": f"n{n}", "title": "x"}))
    (folder / "broken.json").write_text("{not json")
    (folder / "feed.jsonl").write_text(
        json.dumps({"id": "ok-line", "text": "Drones hit Kramatorsk."}) + "\n{oops\n"
        + json.dumps({"id": "no-text"}) + "\n", encoding="utf-8")
    (folder / "blank.html").write_text("<html><body></body></html>")
    return 20


def test_mixed_folder_reports_exactly_the_bad_ones_and_maps_the_good(run_cli, tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    for number in range(19):
        good_article(folder, number)  # 19 files + the good line of feed.jsonl = 20 articles
    expected_bad = bad_inputs(folder)
    report, out = tmp_path / "report.json", tmp_path / "map.html"
    result = run_cli("map", str(folder), "-o", str(out), "--report", str(report),
                     "--today", TODAY)
    assert result.returncode == 3, result.stderr
    data = json.loads(report.read_text(encoding="utf-8"))
    assert len(data["skipped"]) == expected_bad
    assert data["articles_read"] == 20 and data["exit_code"] == 3
    reasons = " ".join(s["reason"] for s in data["skipped"])
    for word in ("empty", "PNG", "PDF", "gzip", "text", "invalid JSON"):
        assert word in reasons
    assert {s["path"].rsplit(":", 1)[-1] for s in data["skipped"]
            if "feed.jsonl" in s["path"]} == {"2", "3"}
    html = out.read_text(encoding="utf-8")
    assert '"articles":20' in html  # the map's stats: every good article is on it


def test_exit_codes_strict_and_nothing_readable(run_cli, tmp_path):
    good, bad = tmp_path / "good", tmp_path / "bad"
    good.mkdir()
    bad.mkdir()
    good_article(good, 1)
    (bad / "empty.txt").write_text("")
    out = tmp_path / "out.geojson"
    assert run_cli("mentions", str(good), "-o", str(out), "--today", TODAY).returncode == 0
    assert run_cli("mentions", str(bad), "-o", str(tmp_path / "x.geojson")).returncode == 1
    strict_out = tmp_path / "strict.geojson"
    strict = run_cli("mentions", str(good), str(bad), "-o", str(strict_out), "--strict")
    assert strict.returncode == 1 and not strict_out.exists()
    assert "--strict" in strict.stderr
    assert run_cli("mentions", str(good), "-o", str(out), "--bin", "x").returncode == 2
    assert run_cli("map", str(good), "--bin", "year").returncode == 2


def test_missing_folder_created_unwritable_one_reported(run_cli, tmp_path):
    source = tmp_path / "in"
    source.mkdir()
    good_article(source, 2)
    deep = tmp_path / "new" / "deeper" / "m.csv"
    assert run_cli("mentions", str(source), "-o", str(deep), "--today", TODAY).returncode == 0
    assert deep.exists()
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = run_cli("mentions", str(source), "-o", str(blocker / "m.geojson"))
    assert result.returncode == 1
    assert "cannot write" in result.stderr and "Traceback" not in result.stderr


def test_same_input_same_bytes(run_cli, tmp_path):
    outputs = []
    for name in ("a", "b"):
        geojson, html = tmp_path / f"{name}.geojson", tmp_path / f"{name}.html"
        assert run_cli("mentions", "seeds", "-o", str(geojson), "--today", TODAY).returncode == 0
        assert run_cli("map", "seeds", "-o", str(html), "--today", TODAY).returncode == 0
        outputs.append((geojson.read_bytes(), html.read_bytes()))
    assert outputs[0] == outputs[1]


def test_ignored_dates_are_warned_about(run_cli, tmp_path):
    (tmp_path / "a.jsonl").write_text("\n".join(json.dumps(r) for r in [
        {"id": "future", "published": "3000-01-01", "text": "Shelling hit Kramatorsk."},
        {"id": "impossible", "published": "2025-13-45", "text": "Shelling hit Pokrovsk."},
    ]), encoding="utf-8")
    report = tmp_path / "r.json"
    result = run_cli("mentions", str(tmp_path / "a.jsonl"), "-o", str(tmp_path / "m.csv"),
                     "--report", str(report), "--today", TODAY)
    assert result.returncode == 0, result.stderr
    warnings = json.loads(report.read_text())["warnings"]
    assert len(warnings) == 2 and "3000-01-01" in warnings[0] and "2025-13-45" in warnings[1]
    assert "warning:" in result.stderr


def test_many_tiny_files_long_lines_and_bad_bytes(run_cli, tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(10_000):
        (folder / f"{number:05d}.txt").write_text(f"note {number}\n", encoding="utf-8")
    (folder / "long.txt").write_text("Kramatorsk " + "word " * 400_000, encoding="utf-8")
    (folder / "bytes.txt").write_bytes(b"Drones hit Pokrovsk overnight.\n\xff\xfe\x80 \x81\n")
    report = tmp_path / "r.json"
    result = run_cli("mentions", str(folder), "-o", str(tmp_path / "m.parquet"),
                     "--report", str(report), "--today", TODAY)
    assert result.returncode == 0, result.stderr
    data = json.loads(report.read_text())
    assert data["articles_read"] == 10_002 and data["skipped"] == []
    assert data["mentions"] >= 2  # Kramatorsk on the long line, Pokrovsk among bad bytes
