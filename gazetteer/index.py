"""The name index: fold key -> the places that bear a name with that key; cached on disk.

Building it reads ~80 MB of GeoNames JSON and folds ~1.2 million names: tens of seconds, done once
per data version. The result is stored as flat columns (``marshal`` plus ``array`` buffers) so a
warm load is one file read and a few object constructions, well under a second.
"""

from __future__ import annotations

import logging
import marshal
import sys
from array import array
from bisect import bisect_left
from pathlib import Path

from .build import Tables, build_tables
from .common import atomic_path, cache_dir
from .records import NAME_TYPES, Place
from .sources import data_version

FORMAT = 3

log = logging.getLogger(__name__)


class NameIndex:
    """Places as columns and names as sorted entries, looked up by fold key."""

    def __init__(self, columns: dict):
        def strings(name: str) -> list[str]:
            return columns[name].split("\n") if columns[name] else []

        self.place_ids = strings("place_ids")
        self.names = strings("names")
        self.kinds = strings("kinds")
        self.countries = strings("countries")
        self.admin1s = strings("admin1s")
        self.lats = _array("d", columns["lats"])
        self.lons = _array("d", columns["lons"])
        self.populations = _array("q", columns["populations"])
        self.priors = _array("d", columns["priors"])
        # sorted (the entries are sorted by key), so a key is found by bisection: a dict of
        # ~600k keys would cost every run a third of a second to build for ~20k lookups
        self.keys: list[str] = strings("keys")
        self.starts = _array("I", columns["starts"])
        self.entry_places = _array("I", columns["entry_places"])
        self.entry_types = _array("B", columns["entry_types"])
        self.entry_names = strings("entry_names")
        self.salient_keys = strings("salient_keys")
        self.id_to_index: dict[str, int] | None = None  # built on first use

    # -- construction -------------------------------------------------------------------------
    @classmethod
    def from_tables(cls, tables: Tables) -> NameIndex:
        keys, starts = [], array("I")
        previous = None
        for position, entry in enumerate(tables.entries):
            if entry[0] != previous:
                previous = entry[0]
                keys.append(previous)
                starts.append(position)
        starts.append(len(tables.entries))
        places = tables.places
        return cls(
            {
                "place_ids": "\n".join(p.place_id for p in places),
                "names": "\n".join(p.name for p in places),
                "kinds": "\n".join(p.kind for p in places),
                "countries": "\n".join(p.country for p in places),
                "admin1s": "\n".join(p.admin1 for p in places),
                "lats": array("d", (p.lat for p in places)).tobytes(),
                "lons": array("d", (p.lon for p in places)).tobytes(),
                "populations": array("q", (p.population for p in places)).tobytes(),
                "priors": array("d", tables.priors).tobytes(),
                "keys": "\n".join(keys),
                "starts": starts.tobytes(),
                "entry_places": array("I", (e[1] for e in tables.entries)).tobytes(),
                "entry_types": array("B", (e[3] for e in tables.entries)).tobytes(),
                "entry_names": "\n".join(e[2] for e in tables.entries),
                "salient_keys": "\n".join(tables.salient_keys),
            }
        )

    def columns(self) -> dict:
        """The index as marshal-friendly columns: strings joined, numbers as raw buffers, so a
        warm load creates few objects."""
        return {
            "place_ids": "\n".join(self.place_ids),
            "names": "\n".join(self.names),
            "kinds": "\n".join(self.kinds),
            "countries": "\n".join(self.countries),
            "admin1s": "\n".join(self.admin1s),
            "lats": self.lats.tobytes(),
            "lons": self.lons.tobytes(),
            "populations": self.populations.tobytes(),
            "priors": self.priors.tobytes(),
            "keys": "\n".join(self.keys),
            "starts": self.starts.tobytes(),
            "entry_places": self.entry_places.tobytes(),
            "entry_types": self.entry_types.tobytes(),
            "entry_names": "\n".join(self.entry_names),
            "salient_keys": "\n".join(self.salient_keys),
        }

    # -- queries ------------------------------------------------------------------------------
    def lookup(self, key: str) -> list[tuple[int, str, str]]:
        """(place index, name, name type) for every name whose fold key is ``key``."""
        keys = self.keys
        slot = bisect_left(keys, key)
        if slot == len(keys) or keys[slot] != key:
            return []
        start, end = self.starts[slot], self.starts[slot + 1]
        places, types, names = self.entry_places, self.entry_types, self.entry_names
        return [(places[i], names[i], NAME_TYPES[types[i]]) for i in range(start, end)]

    def place(self, index: int) -> Place:
        return Place(
            place_id=self.place_ids[index],
            name=self.names[index],
            kind=self.kinds[index],
            lat=self.lats[index],
            lon=self.lons[index],
            country=self.countries[index],
            admin1=self.admin1s[index],
            population=self.populations[index],
        )

    def index_of(self, place_id: str) -> int | None:
        if self.id_to_index is None:
            self.id_to_index = {pid: i for i, pid in enumerate(self.place_ids)}
        return self.id_to_index.get(place_id)

    def append_place(self, place: Place, prior: float) -> int:
        """Add a place at run time (user supplement); returns its index."""
        self.place_ids.append(place.place_id)
        self.names.append(place.name)
        self.kinds.append(place.kind)
        self.countries.append(place.country)
        self.admin1s.append(place.admin1)
        self.lats.append(place.lat)
        self.lons.append(place.lon)
        self.populations.append(place.population)
        self.priors.append(prior)
        if self.id_to_index is not None:
            self.id_to_index[place.place_id] = len(self.place_ids) - 1
        return len(self.place_ids) - 1


def _array(typecode: str, data: bytes) -> array:
    out = array(typecode)
    out.frombytes(data)
    return out


def cache_path() -> Path:
    version = f"{FORMAT}-{data_version()}-py{sys.version_info[0]}{sys.version_info[1]}"
    return cache_dir() / f"gazetteer-{version}.marshal"


def load_index(rebuild: bool = False) -> NameIndex:
    """The cached index for the current data version, built (and cached) when missing."""
    path = cache_path()
    if path.exists() and not rebuild:
        with open(path, "rb") as handle:
            return NameIndex(marshal.load(handle))
    log.info("building the gazetteer index (first run for this data version)")
    index = NameIndex.from_tables(build_tables())
    with atomic_path(path) as temporary, open(temporary, "wb") as handle:
        marshal.dump(index.columns(), handle)
    log.info(f"cached at {path}")
    return index
