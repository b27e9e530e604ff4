"""`frontline gazetteer import`: GeoNames files the tests write themselves (tests/gazetteer/
geonames_files.py) read into the import table, told apart, filtered, counted, versioned,
removed. What the index makes of the table is tests/gazetteer/test_imported_index.py."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from gazetteer import dumps, imports, sources
from tests.gazetteer.geonames_files import Alternate, Row, write_all_countries, write_txt, write_zip

VILLAGES = [
    Row(91_000_001, "Berestianivka", 2.10, 2.20, admin1="14", population=312,
        alternates=("Берестянівка", "Берестяновка", "Berestyanivka", "85012", "BRS")),
    Row(91_000_002, "Lypova Hreblia", 2.30, 2.40, admin1="14", population=96),
    Row(91_000_003, "Tsentralnyi", 2.11, 2.21, admin1="14", feature_code="PPLX"),
    Row(91_000_004, "Stara Berestianka", 2.12, 2.22, admin1="14", feature_code="PPLH"),
    Row(91_000_005, "Donets'ka Oblast'", 2.5, 2.5, admin1="14", feature_class="A",
        feature_code="ADM1", alternates=("Донецька область", "Donetsk")),
    Row(91_000_006, "Rzhavets", 55.0, 37.0, country="RU", admin1="47", population=40),
    Row(91_000_007, "Valmont-sur-Test", 46.0, 4.0, country="FR", admin1="84"),
    Row(91_000_008, "Berestianka River", 2.1, 2.2, feature_class="H", feature_code="STM"),
]
MALFORMED = [
    "91000009\tNo Columns Enough\tP",  # a line cut short
    Row(91_000_010, "Bad Latitude", 2.0, 2.0).line().replace("2.00000", "north", 1),
]
ALTERNATES = [
    Alternate(1, 91_000_001, "ru", "Берестяновка"),
    Alternate(2, 91_000_001, "uk", "Берестянівка"),
    Alternate(3, 91_000_001, "", "Krasnoberestianske", historic=True),
    Alternate(4, 91_000_001, "post", "85012"),
    Alternate(5, 91_000_001, "link", "https://uk.wikipedia.org/wiki/Berestianivka"),
    Alternate(6, 91_000_001, "ar", "بيريستيانيفكا"),
    Alternate(7, 91_000_002, "ru", "Липовая Гребля"),
    Alternate(8, 99_999_999, "ru", "Чужое"),  # a place that was not imported
]


@pytest.fixture
def dumps_folder(tmp_path):
    """UA.zip (a country file with a readme), its alternate names as GeoNames ships them
    (alternatenames/UA.zip, a UA.txt inside as well) and allCountries-like extras."""
    lines = [row.line() for row in VILLAGES] + MALFORMED
    write_zip(tmp_path / "UA.zip", "UA.txt", lines)
    write_zip(tmp_path / "alternatenames" / "UA.zip", "UA.txt", [a.line() for a in ALTERNATES])
    return tmp_path


def _names(path, geonameid):
    with sqlite3.connect(path) as db:
        return dict(((name, (language, historic)) for name, language, historic in db.execute(
            "SELECT name, language, historic FROM names WHERE geonameid = ?", (geonameid,))))


def test_a_country_file_and_its_alternate_names(dumps_folder, data_dir):
    done = imports.import_files([dumps_folder / "alternatenames" / "UA.zip",
                                 dumps_folder / "UA.zip"])  # places first, whatever the order
    assert [(s.file, s.layout, s.lines, s.kept, s.malformed) for s in done] == [
        ("UA.zip:UA.txt", "geonames", 10, 6, 2),
        ("UA.zip:UA.txt", "alternate names", 8, 4, 0),
    ]
    status = imports.status()
    # the theatre's places and oblasts; not the French village, not the river
    assert status.places == {"PPL": 3, "PPLX": 1, "PPLH": 1, "ADM1": 1}
    names = _names(status.path, 91_000_001)
    assert names["Берестяновка"] == ("ru", 0) and names["Берестянівка"] == ("uk", 0)
    assert names["Krasnoberestianske"] == ("", 1)  # historic, as alternateNames says
    assert "Berestyanivka" in names  # from the place's own row
    # codes and links are no names; neither is a script the index does not read
    assert not {"85012", "BRS", "https://uk.wikipedia.org/wiki/Berestianivka",
                "بيريستيانيفكا"} & set(names)
    assert _names(status.path, 99_999_999) == {}


def test_countries_option_and_all(dumps_folder, data_dir):
    imports.import_files([dumps_folder / "UA.zip"], countries=["ru"])
    assert imports.status().places == {"PPL": 1}
    imports.remove()
    imports.import_files([dumps_folder / "UA.zip"], countries=None)
    assert imports.status().places["PPL"] == 4  # the French village too


def test_a_plain_txt_file_is_read_like_a_zip(dumps_folder, tmp_path, data_dir):
    write_txt(tmp_path / "txt" / "UA.txt", [row.line() for row in VILLAGES])
    imports.import_files([tmp_path / "txt" / "UA.txt"])
    assert imports.status().total_places == 6


def test_the_version_follows_the_contents(dumps_folder, data_dir):
    before = sources.data_version()
    assert imports.version() == ""  # nothing imported: the embedded data's version unchanged
    imports.import_files([dumps_folder / "UA.zip"])
    first = imports.version()
    assert first and sources.data_version() != before
    imports.import_files([dumps_folder / "UA.zip"])  # the same file again: the same import
    assert imports.version() == first
    imports.import_files([dumps_folder / "alternatenames" / "UA.zip"])
    assert imports.version() not in ("", first)
    assert imports.remove() and not imports.remove()
    assert imports.version() == "" and sources.data_version() == before
    imports.import_files([dumps_folder / "UA.zip"])
    assert imports.version() == first  # removed and imported again: the cache can be reused


def test_a_failed_import_leaves_the_previous_one(dumps_folder, data_dir, monkeypatch):
    imports.import_files([dumps_folder / "UA.zip"])
    version, places = imports.version(), imports.status().places

    def broken(*args, **kwargs):
        yield from ()
        raise OSError("disk full")

    monkeypatch.setattr(dumps, "read_names", broken)
    with pytest.raises(imports.GazetteerImportError, match="disk full"):
        imports.import_files([dumps_folder / "alternatenames" / "UA.zip"])
    assert imports.version() == version and imports.status().places == places
    assert [p.name for p in imports.import_path().parent.iterdir()] == [
        imports.import_path().name]  # no temporary copy left behind


@pytest.mark.parametrize(("content", "message"), [
    ("name\tlat\tlon\nKyiv\t50\t30\n", "not a GeoNames table"),
    ("", "not a GeoNames table"),
])
def test_what_is_not_a_geonames_table_is_refused(tmp_path, data_dir, content, message):
    path = tmp_path / "places.tsv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(imports.GazetteerImportError, match=message):
        imports.import_files([path])
    with pytest.raises(imports.GazetteerImportError, match="no such file"):
        imports.import_files([tmp_path / "UA.zip"])
    assert imports.status() is None


def test_status_and_remove_on_the_command_line(dumps_folder, run_cli):
    result = run_cli("gazetteer", "status")
    assert result.returncode == 0 and "no GeoNames import" in result.stdout
    result = run_cli("gazetteer", "import", str(dumps_folder / "UA.zip"),
                     str(dumps_folder / "alternatenames" / "UA.zip"), "--no-index")
    assert result.returncode == 0, result.stderr
    assert "UA.zip:UA.txt: 10 lines, 6 places kept, 2 malformed skipped" in result.stdout
    result = run_cli("gazetteer", "status")
    assert "places: 6 (PPL 3, ADM1 1, PPLH 1, PPLX 1)" in result.stdout
    assert "names: " in result.stdout and "countries BY,MD,RU,UA" in result.stdout
    assert str(dumps_folder / "UA.zip") in result.stdout  # which file it came from
    result = run_cli("gazetteer", "import", str(dumps_folder / "missing.zip"))
    assert result.returncode == 1 and "no such file" in result.stderr
    result = run_cli("gazetteer", "remove")
    assert result.returncode == 0 and "removed" in result.stdout
    assert "no GeoNames import" in run_cli("gazetteer", "status").stdout


@pytest.mark.parametrize("content", [b"not a database at all " * 200, b""])
def test_a_corrupt_import_is_one_clear_line_naming_the_remedy(content, run_cli, data_dir,
                                                             tmp_path):
    """A damaged import (a disk error, a copy cut short) stops each command with one line that
    says what to do, never a traceback; removing it is the way back."""
    imports.import_path().parent.mkdir(parents=True, exist_ok=True)
    imports.import_path().write_bytes(content or b"SQLite format 3\x00" + b"\xff" * 200)
    report = tmp_path / "report.txt"
    report.write_text("Shelling hit Kharkiv on Monday.\n", encoding="utf-8")
    for command in (["mentions", str(report), "-o", str(tmp_path / "out.csv")],
                    ["map", str(report), "-o", str(tmp_path / "map.html")],
                    ["gazetteer", "status"], ["place", "Kharkiv"]):
        result = run_cli(*command)
        assert result.returncode == 1, (command, result.stderr)
        assert "Traceback" not in result.stderr
        [line] = result.stderr.strip().splitlines()
        assert "cannot read the GeoNames import" in line
        assert "`frontline gazetteer remove`, then import" in line
    assert run_cli("gazetteer", "remove").returncode == 0
    assert run_cli("place", "Kharkiv").returncode == 0


# -- streaming ---------------------------------------------------------------------------------
PEAK_SNIPPET = textwrap.dedent("""
    import json, resource, sys
    from gazetteer import imports
    done = imports.import_files([sys.argv[1]])
    print(json.dumps({"peak_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                      "kept": done[0].kept, "lines": done[0].lines}))
""")


def _import_peak(path, folder) -> dict:
    env = dict(os.environ, FRONTLINE_DATA_DIR=str(folder))
    result = subprocess.run([sys.executable, "-c", PEAK_SNIPPET, str(path)], env=env,
                            capture_output=True, text=True, timeout=300, check=True)
    return json.loads(result.stdout)


def test_a_large_file_is_streamed_in_flat_memory(tmp_path):
    """Five times the lines (~24 MB, then ~120 MB): the peak memory grows by a fraction of what
    the file grows, since it goes through in blocks of a megabyte and is never held whole (what
    growth there is is pyarrow's allocator warming up: measured +20 MB here, +10 MB more for a
    file of 180 MB; benchmarks/bench_import.py reads 3 million lines)."""
    small = write_all_countries(tmp_path / "small" / "allCountries.txt", 200_000, seed=1)
    large = write_all_countries(tmp_path / "large" / "allCountries.txt", 1_000_000, seed=2)
    small_run = _import_peak(small, tmp_path / "data-small")
    large_run = _import_peak(large, tmp_path / "data-large")
    assert large_run["lines"] == 1_000_000 and large_run["kept"] > 4 * small_run["kept"] > 0
    growth_mb = (large_run["peak_kb"] - small_run["peak_kb"]) / 1024
    file_growth_mb = (large.stat().st_size - small.stat().st_size) / 2**20
    assert file_growth_mb > 90
    assert growth_mb < 40, (small_run, large_run)
