"""Typed records that flow out of the gazetteer: a place, a ranked candidate, a resolution."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    """Kinds of place. ``other``: a user's place that is none of the three, or (in a mention) an
    unknown name that no place word qualifies."""

    SETTLEMENT = "settlement"
    REGION = "region"
    COUNTRY = "country"
    OTHER = "other"


SETTLEMENT, REGION, COUNTRY = Kind.SETTLEMENT, Kind.REGION, Kind.COUNTRY

# How a name relates to its place, best first. The curated supplement uses
# historical / russian / transliteration / misspelling; GeoNames gives official / alternate.
NAME_TYPES = (
    "official",  # GeoNames' name of the place, or the name a user gave it
    "alternate",  # any other current name GeoNames lists
    "historical",  # a former name (curated)
    "russian",  # the name Russian sources use today (curated)
    "transliteration",  # a current name in another romanisation (curated)
    "misspelling",  # a frequent misspelling (curated)
    "user",  # an alias added by `frontline place add`
    "online",  # a name answered by an online geocoder and cached
)


@dataclass(frozen=True)
class Place:
    """One place with coordinates. ``place_id`` is ``geonames:ID``, ``iso3166-2:CODE``,
    ``frontline:NAME`` or ``user:NAME``."""

    place_id: str
    name: str
    kind: str
    lat: float
    lon: float
    country: str
    admin1: str
    population: int


@dataclass(frozen=True)
class Candidate:
    """A place that a query may mean, with the variant that matched and why it ranks where it does.

    ``match_type`` is the name's type when the query spelled that name (up to case, diacritics and
    punctuation); ``transliteration`` when it only met it through Cyrillic/Latin folding;
    ``inflected`` when it met it through a Russian/Ukrainian case ending; ``fuzzy`` for a
    misspelling caught by the fuzzy fallback.
    """

    place: Place
    matched_name: str
    match_type: str
    confidence: float
    score: float = field(default=0.0, compare=False)
    quality: float = field(default=1.0, compare=False)  # how well the name matched (confidence)

    def as_json(self) -> dict:
        """The JSON object of `frontline place --json`, keys in the documented order."""
        place = self.place
        return {
            "place_id": place.place_id,
            "name": place.name,
            "lat": round(place.lat, 5),
            "lon": round(place.lon, 5),
            "kind": place.kind,
            "country": place.country,
            "admin1": place.admin1,
            "population": place.population,
            "matched_name": self.matched_name,
            "match_type": self.match_type,
            "confidence": round(self.confidence, 3),
        }


@dataclass(frozen=True)
class Resolution:
    """The answer to one query: the best match (or none), the other candidates, and whether the
    best one is too close to the next to be trusted without context."""

    query: str
    match: Candidate | None
    candidates: tuple[Candidate, ...] = ()
    ambiguous: bool = False
    suggestions: tuple[str, ...] = ()

    def as_json(self) -> dict:
        return {
            "query": self.query,
            "match": self.match.as_json() if self.match else None,
            "candidates": [c.as_json() for c in self.candidates],
        }
