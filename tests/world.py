"""A small made-up world for unit tests: a gazetteer built in milliseconds, not the 45-second
GeoNames index.

Every place here is fictional and so are its names (none of them is a GeoNames name: checked by
``tests/gazetteer/test_world.py``). The world lies in the Gulf of Guinea around 2°N 2°E, where
there is only sea, so no coordinate here stands for a real place. One degree is about 111 km.

- Valdoria (XA), the front: prior 1, like Ukraine.
  - its capital Velmarsk (old Russian name Velikomarsk, like Kiev for Kyiv);
  - Zoriana Oblast: the seat Zoriansk, Kamianopil (old Russian name Shakhtograd, like
    Krasnoarmeysk for Pokrovsk), Sokil Yar (once called Zhur), the village Hrushanka, the village
    Bortnyk (a name that is also a surname) and the village Zhur (a short name), all within 60 km
    of each other; the oblast is also the ZNR (like the DPR);
  - a second Hrushanka next to the capital, about 130 km from the first: a same-name pair;
  - Lisova Oblast, 400 km east: the seat Lisovsk and the village Tumanivka.
- Borealia (XB), the rear: prior 0.5, like Russia or Belarus; its capital Nordgrad.
- Farlandia (XF), abroad: prior 0; its capital Port Alder (also just "Alder", an alternate name)
  and the hamlet Quillmoor (too small to be looked for in running text).

Names come in Latin and Cyrillic, of the types GeoNames and the curated supplement give them.
The tables go through the real classes: ``gazetteer.build.DraftPlace`` and ``Tables`` ->
``NameIndex.from_tables`` -> ``Gazetteer``, with the name keys made as ``build_tables`` makes
them. National capitals are GeoNames' list in the real gazetteer; the world's are added to it
while a test uses the world (see ``tests/conftest.py``). ``REPORTS`` are a few articles about the
world, written for the tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import fmean

from gazetteer import COUNTRY, REGION, SETTLEMENT, Gazetteer, Place
from gazetteer.build import DraftPlace, Tables, tables_of
from gazetteer.index import NameIndex


@dataclass(frozen=True)
class Spot:
    """One place of the world; a region's or a country's point is computed, not typed."""

    slug: str
    kind: str
    country: str
    admin1: str
    population: int
    prior: float
    names: tuple[tuple[str, str], ...]  # (name, name type), the official name first
    lat: float | None = None
    lon: float | None = None

    @property
    def place_id(self) -> str:
        return f"world:{self.slug}"

    @property
    def name(self) -> str:
        return self.names[0][0]


def _names(official: str, *alternates: str, **curated: str) -> tuple[tuple[str, str], ...]:
    """The official name, alternates, then curated names: ``russian="A|B"``."""
    out = [(official, "official"), *((name, "alternate") for name in alternates)]
    for name_type, names in curated.items():
        out += [(name, name_type) for name in names.split("|")]
    return tuple(out)


ZORIANA, LISOVA, CAPITAL_AREA = "Zoriana Oblast", "Lisova Oblast", "Velmarsk City"

SETTLEMENTS = [
    Spot("velmarsk", SETTLEMENT, "XA", CAPITAL_AREA, 2_400_000, 1.0,
         _names("Velmarsk", "Вельмарськ", "Вельмарск", russian="Velikomarsk|Великомарск"),
         1.00, 3.00),
    Spot("zoriansk", SETTLEMENT, "XA", ZORIANA, 180_000, 1.0,
         _names("Zoriansk", "Зорянськ", "Зорянск", "Zoryansk"), 2.00, 2.00),
    Spot("kamianopil", SETTLEMENT, "XA", ZORIANA, 60_000, 1.0,
         _names("Kamianopil", "Кам'янопіль", "Kamenopol", "Каменополь",
                russian="Shakhtograd|Шахтоград", historical="Shakhtohrad"), 2.30, 2.20),
    Spot("sokil-yar", SETTLEMENT, "XA", ZORIANA, 12_000, 1.0,
         _names("Sokil Yar", "Сокіл Яр", "Сокол Яр", "Sokol Yar", historical="Zhur"), 1.85,
         2.25),
    Spot("hrushanka", SETTLEMENT, "XA", ZORIANA, 3_000, 1.0,
         _names("Hrushanka", "Грушанка", "Grushanka"), 2.15, 2.45),
    Spot("bortnyk", SETTLEMENT, "XA", ZORIANA, 800, 1.0, _names("Bortnyk", "Бортник"),
         2.05, 1.75),
    Spot("zhur", SETTLEMENT, "XA", ZORIANA, 900, 1.0, _names("Zhur", "Жур"), 1.95, 2.10),
    Spot("hrushanka-velmarsk", SETTLEMENT, "XA", CAPITAL_AREA, 1_000, 1.0,
         _names("Hrushanka", "Грушанка", "Grushanka"), 1.10, 3.10),
    Spot("lisovsk", SETTLEMENT, "XA", LISOVA, 90_000, 1.0,
         _names("Lisovsk", "Лісовськ", "Лесовск"), 2.50, 5.50),
    Spot("tumanivka", SETTLEMENT, "XA", LISOVA, 700, 1.0,
         _names("Tumanivka", "Туманівка"), 2.60, 5.30),
    Spot("nordgrad", SETTLEMENT, "XB", "", 900_000, 0.5, _names("Nordgrad", "Нордград"),
         3.80, 1.00),
    Spot("port-alder", SETTLEMENT, "XF", "", 400_000, 0.0, _names("Port Alder", "Alder"),
         0.50, 0.50),
    Spot("quillmoor", SETTLEMENT, "XF", "", 600, 0.0, _names("Quillmoor", "Kvilmur"),
         0.40, 0.70),
]

REGIONS = [  # the "<seat> region" names that build.py derives are written out here
    Spot("zoriana-oblast", REGION, "XA", ZORIANA, 0, 1.0,
         _names(ZORIANA, "Zoriana region", "Zoriana province", "Zoriansk region",
                "Zoriansk Oblast", "Zoriansk province", "Зорянська область",
                "Зорянская область", "ZNR")),
    Spot("lisova-oblast", REGION, "XA", LISOVA, 0, 1.0,
         _names(LISOVA, "Lisova region", "Lisovsk region", "Лісова область")),
]

COUNTRIES = [  # (spot, capital)
    (Spot("valdoria", COUNTRY, "XA", "", 9_000_000, 0.0,
          _names("Valdoria", "Валдорія", "Валдория")), "velmarsk"),
    (Spot("borealia", COUNTRY, "XB", "", 20_000_000, 0.0, _names("Borealia", "Бореалія")),
     "nordgrad"),
    (Spot("farlandia", COUNTRY, "XF", "", 3_000_000, 0.0, _names("Farlandia")), "port-alder"),
]

# The world's national capitals, as GeoNames' country list gives them for the real world.
CAPITALS = frozenset({("XA", "Velmarsk"), ("XB", "Nordgrad"), ("XF", "Port Alder")})


def spots() -> list[Spot]:
    """Every place of the world, regions and countries with their computed points."""
    by_slug = {s.slug: s for s in SETTLEMENTS}
    out = list(SETTLEMENTS)
    for region in REGIONS:  # the mean of its places, as build.py makes a region's point
        members = [s for s in SETTLEMENTS if s.admin1 == region.admin1]
        out.append(Spot(region.slug, REGION, region.country, region.admin1,
                        sum(s.population for s in members), region.prior, region.names,
                        round(fmean(s.lat for s in members), 5),
                        round(fmean(s.lon for s in members), 5)))
    for country, capital in COUNTRIES:  # the capital's point, as build.py does
        seat = by_slug[capital]
        out.append(Spot(country.slug, COUNTRY, country.country, "", country.population,
                        country.prior, country.names, seat.lat, seat.lon))
    return out


# Place ids by slug, for tests: ID["zoriansk"] == "world:zoriansk" (a typo is a KeyError).
ID = {spot.slug: spot.place_id for spot in spots()}


def build_tables() -> Tables:
    """The world as the index's tables, through ``gazetteer.build.tables_of`` as the real
    index is made."""
    drafts = []
    for spot in spots():
        place = Place(spot.place_id, spot.name, spot.kind, spot.lat, spot.lon, spot.country,
                      spot.admin1, spot.population)
        draft = DraftPlace(place, spot.prior)
        for name, name_type in spot.names:
            draft.add_name(name, name_type)
        drafts.append(draft)
    return tables_of(drafts)


def build_gazetteer() -> Gazetteer:
    return Gazetteer(NameIndex.from_tables(build_tables()))


# A few reports about the world, written for the tests, as JSONL records: placed, ambiguous and
# unresolved mentions, an actor, Cyrillic, event dates, an article without a date or a place.
REPORTS = [
    {"id": "w1", "title": "Night of drones", "source": "Valdoria Today",
     "url": "https://example.org/w1", "published": "2025-11-12",
     "text": "Drones hit Zoriansk and Kamianopil overnight. On Monday Hrushanka was shelled, "
             "and units moved near Tykhovody."},
    {"id": "w2", "title": "Velmarsk speaks", "source": "Borealia Wire", "published": "2025-11-10",
     "text": "Velmarsk said the talks were over. Fighting raged in Zoriansk, Sokil Yar and "
             "Tumanivka."},
    {"id": "w3", "title": "Зведення", "source": "Valdoria Today", "published": "2025-11-11",
     "text": "3 листопада у Грушанці пролунали вибухи. Біля Зорянська тривають бої."},
    {"id": "w4", "title": "Quiet", "source": "Farlandia Post", "published": "2025-11-09",
     "text": "Hrushanka was quiet."},
    {"id": "w5", "title": "Undated", "source": "Farlandia Post",
     "text": "Port Alder sent aid to the Zoriana region."},
    {"id": "w6", "title": "Nothing", "source": "Farlandia Post", "published": "2025-11-09",
     "text": "Nothing happened at all."},
]


def write_reports(path) -> None:
    """``REPORTS`` as a JSONL file at ``path``."""
    import json

    with open(path, "w", encoding="utf-8") as handle:
        handle.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in REPORTS)
