"""GeoNames dump files made by the tests themselves, in the real layouts of
https://download.geonames.org/export/dump/readme.txt: the ``geoname`` table (19 tab-separated
columns) and ``alternateNamesV2`` (10 columns), as .txt or inside a .zip next to a readme, as
GeoNames ships them.

The villages are made up (no such names exist in GeoNames: the tests check that the gazetteer
does not know them before the import); where a test needs a point in a real oblast it takes a
real place's coordinates and admin1 code from the embedded data and moves a little from it.
"""

from __future__ import annotations

import random
import zipfile
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Row:
    geonameid: int
    name: str
    lat: float
    lon: float
    country: str = "UA"
    admin1: str = ""
    feature_class: str = "P"
    feature_code: str = "PPL"
    population: int = 0
    alternates: tuple[str, ...] = ()

    def line(self) -> str:
        ascii_name = self.name.encode("ascii", "ignore").decode() or self.name
        return "\t".join([
            str(self.geonameid), self.name, ascii_name, ",".join(self.alternates),
            f"{self.lat:.5f}", f"{self.lon:.5f}", self.feature_class, self.feature_code,
            self.country, "", self.admin1, "", "", "", str(self.population), "", "150",
            "Europe/Kyiv", "2024-05-01",
        ])


@dataclass(frozen=True)
class Alternate:
    alternatenameid: int
    geonameid: int
    language: str
    name: str
    historic: bool = False
    colloquial: bool = False

    def line(self) -> str:
        return "\t".join([
            str(self.alternatenameid), str(self.geonameid), self.language, self.name, "", "",
            "1" if self.colloquial else "", "1" if self.historic else "", "", "",
        ])


def write_txt(path: Path, lines: list[str]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def write_zip(path: Path, member: str, lines: list[str]) -> Path:
    """A zip like GeoNames': the table and a readme beside it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(member, "".join(line + "\n" for line in lines))
        archive.writestr("readme.txt", "made up by frontline's tests\n")
    return path


THEATRE = ("UA", "RU", "BY", "MD")
ELSEWHERE = ("PL", "DE", "FR", "US", "CN", "IN", "BR", "TR", "KZ", "RO")
# feature classes and codes in roughly allCountries' proportions: most rows are not places
FEATURES = ([("P", "PPL")] * 30 + [("P", "PPLX")] * 2 + [("A", "ADM2")] + [("A", "ADM1")]
            + [("H", "STM")] * 20 + [("T", "MT")] * 15 + [("S", "CH")] * 10 + [("L", "PRK")] * 5
            + [("V", "FRST")] * 3 + [("R", "RD")] * 2 + [("U", "SMU")])


def write_all_countries(path: Path, lines: int, theatre_share: float = 0.1,
                        seed: int = 0) -> Path:
    """An allCountries-shaped file of ``lines`` lines, written as it is generated (any size in
    constant memory): made-up names with Latin and Cyrillic alternates, a mix of feature
    classes and countries (``theatre_share`` of the rows in UA, RU, BY or MD)."""
    rng = random.Random(seed)
    syllables = ("ka", "vo", "ro", "ny", "li", "sta", "mo", "hor", "dub", "pil", "yar", "ne")
    cyrillic = ("ка", "во", "ро", "ны", "ли", "ста", "мо", "гор", "дуб", "пиль", "яр", "не")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        for number in range(lines):
            parts = [rng.randrange(len(syllables)) for _ in range(rng.randint(2, 4))]
            name = "".join(syllables[p] for p in parts).capitalize()
            alternates = ("".join(cyrillic[p] for p in parts).capitalize(), name + "ivka")
            country = rng.choice(THEATRE) if rng.random() < theatre_share else rng.choice(
                ELSEWHERE)
            feature_class, feature_code = rng.choice(FEATURES)
            row = Row(10_000_000 + number, name, rng.uniform(-60, 70), rng.uniform(-170, 170),
                      country, f"{rng.randint(1, 27):02d}", feature_class, feature_code,
                      rng.choice((0, 0, 0, 120, 800, 5000)), alternates)
            handle.write(row.line() + "\n")
    return path
