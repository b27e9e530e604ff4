"""The user's own places and aliases: ``frontline place add`` writes them, every run reads them.

One CSV file (see ``common.user_supplement_path``) with one row per addition:

- a new place: ``name, lat, lon`` (+ ``aliases`` separated by ``|``, ``country``, ``kind``);
  its id is ``user:<name>``;
- an alias of a known place: ``name`` and ``to`` (a place id such as ``geonames:704422``);
- an answer of the online geocoder (``--online``), cached as a new place whose ``source`` names
  the service; a name the service had no answer for is cached too (no coordinates, ``source``
  saying ``no answer``, and the limits of a run's question after it), so it is asked once.

Two questions are asked online: ``frontline place X --online`` asks for anything called X,
anywhere; a run's ``--online`` asks for a populated place inside the article's limits. Each
name is asked once, and a cached answer is used as the question allows: a run takes only a
populated place (a river that ``place --online`` found leaves the name unresolved in a run),
and ``place --online`` asks again a name whose only answer is a run's "no answer" inside its
limits. A place found is added to the gazetteer whatever its kind, but an online answer that
is no populated place is never a place of an article's text
(``Gazetteer.resolve(in_text=True)``, ``Gazetteer.findable_keys``).
"""

from __future__ import annotations

import csv
import datetime as dt
import logging
import re
from pathlib import Path

from .build import theatre_prior
from .common import FrontlineError, atomic_path, user_supplement_path
from .normalize import exact_key
from .records import SETTLEMENT, Kind, Place

FIELDS = ("name", "lat", "lon", "to", "aliases", "country", "kind", "source", "added")
KINDS = tuple(Kind)

log = logging.getLogger(__name__)


class SupplementError(FrontlineError, ValueError):
    """A user addition that cannot be accepted (bad coordinates, unknown place...)."""


def read(path: Path | None = None) -> list[dict[str, str]]:
    path = path or user_supplement_path()
    if not path.exists():
        return []
    with open(path, encoding="utf-8", newline="") as handle:
        return [{k: (v or "") for k, v in row.items()} for row in csv.DictReader(handle)]


def _write(rows: list[dict[str, str]], path: Path) -> None:
    """Write all rows atomically: a crash never leaves a half-written supplement."""
    with atomic_path(path) as temporary, open(temporary, "w", encoding="utf-8",
                                              newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: row.get(k, "") for k in FIELDS} for row in rows)


def user_place_id(name: str) -> str:
    return "user:" + re.sub(r"\s+", "-", exact_key(name))


def _place_from_row(row: dict[str, str]) -> Place:
    lat, lon = float(row["lat"]), float(row["lon"])
    return Place(
        place_id=user_place_id(row["name"]),
        name=row["name"],
        kind=row.get("kind") or SETTLEMENT,
        lat=lat,
        lon=lon,
        country=(row.get("country") or "").upper(),
        admin1="",
        population=0,
    )


def apply(gazetteer, rows: list[dict[str, str]]) -> None:
    """Add the rows' places and names to a loaded gazetteer (in memory only)."""
    for row in rows:
        if row.get("to"):
            index = gazetteer.place_index(row["to"])
            if index is None:
                log.warning("user supplement: alias %r points at unknown place %r; skipped",
                            row["name"], row["to"])
            else:
                gazetteer.add_name(index, row["name"], "user")
            continue
        if not row.get("lat"):
            continue  # an online question without an answer: nothing to add
        place = _place_from_row(row)
        index = gazetteer.place_index(place.place_id)
        if index is None:
            index = gazetteer.index.append_place(place, theatre_prior(place.country))
        name_type = "online" if row.get("source", "").startswith("online") else "user"
        if name_type == "online" and place.kind != SETTLEMENT:
            gazetteer.not_in_text.add(index)  # a run asks for populated places only
        gazetteer.add_name(index, row["name"], name_type)
        for alias in filter(None, (row.get("aliases") or "").split("|")):
            gazetteer.add_name(index, alias.strip(), name_type)


def _check_coordinates(lat: float, lon: float) -> None:
    if not (-90.0 <= lat <= 90.0) or not (-180.0 <= lon <= 180.0):
        raise SupplementError(f"coordinates out of range: lat {lat}, lon {lon}")


def add_place(name: str, lat: float, lon: float, aliases: list[str] = (), country: str = "",
              kind: str = SETTLEMENT, source: str = "user", path: Path | None = None) -> dict:
    """Append a new place to the supplement; returns the row written."""
    if not exact_key(name):
        raise SupplementError("a place needs a name")
    _check_coordinates(lat, lon)
    if kind not in KINDS:
        raise SupplementError(f"kind must be one of {', '.join(KINDS)}")
    row = {
        "name": name.strip(), "lat": f"{lat:.6f}", "lon": f"{lon:.6f}",
        "aliases": "|".join(a.strip() for a in aliases if a.strip()),
        "country": country.upper(), "kind": kind, "source": source,
        "added": dt.date.today().isoformat(),
    }
    path = path or user_supplement_path()
    _write(read(path) + [row], path)
    return row


def add_alias(name: str, to: str, gazetteer, path: Path | None = None) -> dict:
    """Append an alias of a known place (``to`` is its place id); returns the row written."""
    if not exact_key(name):
        raise SupplementError("an alias needs a name")
    if gazetteer.place_index(to) is None:
        raise SupplementError(f"unknown place id {to!r} (see `frontline place NAME --json`)")
    row = {"name": name.strip(), "to": to, "source": "user", "added": dt.date.today().isoformat()}
    path = path or user_supplement_path()
    _write(read(path) + [row], path)
    return row


NO_ANSWER = "no answer"


def asked_online(gazetteer, query: str, limited: bool = False) -> dict[str, str] | None:
    """The cached online answer for ``query`` (a row, with or without coordinates), if any;
    unless the question is ``limited`` too, a run's "no answer" inside its limits is none."""
    key = exact_key(query)
    return next((row for row in reversed(gazetteer.supplement_rows)
                 if row.get("source", "").startswith("online")
                 and exact_key(row["name"]) == key
                 and (limited or row.get("lat") or not _limited(row))), None)


def _limited(row: dict[str, str]) -> bool:
    """A "no answer" to a question with limits (a run's)."""
    return f"{NO_ANSWER} (" in row.get("source", "")


def _limits_note(countries=(), viewbox=None, settlements_only=False) -> str:
    """The limits of a question, for a "no answer"'s source note."""
    parts = ["populated places"] if settlements_only else []
    if countries:
        parts.append("in " + ",".join(countries))
    if viewbox:
        (north, west), (south, east) = viewbox
        parts.append(f"within lat {south:g}..{north:g} lon {west:g}..{east:g}")
    return f" ({'; '.join(parts)})" if parts else ""


def cache_online_answer(gazetteer, query: str, geocoder=None, **limits) -> bool:
    """Ask the online geocoder about ``query`` unless it was answered before (``asked_online``);
    cache the answer, found or not, in the supplement, and add a place found to the loaded
    gazetteer. True when the gazetteer now has a place for it that answers the question (with
    ``settlements_only``, a populated place). A failing service is warned about and not
    cached (the next run asks again). ``limits``: ``OnlineGeocoder.lookup``'s keyword options."""
    from .online import OnlineError, OnlineGeocoder

    settlements_only = bool(limits.get("settlements_only"))
    earlier = asked_online(gazetteer, query, limited=any(limits.values()))
    if earlier is not None:  # a run takes a populated place only, as it asks for one
        return bool(earlier.get("lat")) and (
            not settlements_only or (earlier.get("kind") or SETTLEMENT) == SETTLEMENT)
    geocoder = geocoder or OnlineGeocoder()
    try:
        answer = geocoder.lookup(query, **limits)
    except OnlineError as error:
        log.warning("online lookup of %r failed, left unresolved: %s", query, error)
        return False
    if answer is None:
        source = f"online:{geocoder.name} {NO_ANSWER}{_limits_note(**limits)}"
        row = {"name": query.strip(), "source": source,
               "added": dt.date.today().isoformat()}
        path = user_supplement_path()
        _write(read(path) + [row], path)
        gazetteer.supplement_rows.append(row)
        return False
    row = add_place(query, answer.lat, answer.lon, country=answer.country, kind=answer.kind,
                    source=f"online:{geocoder.name} {answer.reference}".strip())
    apply(gazetteer, [row])
    gazetteer.supplement_rows.append(row)
    return True
