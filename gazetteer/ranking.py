"""How candidates for one name are scored, and how sure the winner is.

A candidate's score adds up:
- the kind of name that matched: a current name (official, or the name Russian sources use
  today) beats another current spelling, which beats a former name; a match through
  transliteration folding or a case ending costs a little, a fuzzy match a lot;
- size: 0.1 per decade of population, so Zaporizhzhia the city (710,000) beats the village of 656
  whose GeoNames name it is;
- the theatre prior (see ``build``);
- context when given: closeness to ``near``, the country, the admin1 region.

How sure the winner is, and whether it is ambiguous, is ``confidence``'s one rule.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

MATCH_SCORE = {
    "official": 1.0,
    "russian": 1.0,
    "user": 1.0,
    "transliteration": 0.95,
    "alternate": 0.85,
    "misspelling": 0.8,
    "online": 0.8,
    "historical": 0.45,
}
# How the query met the name: spelled the same, through a case ending, through folding.
HOW_PENALTY = {"exact": 0.0, "inflected": 0.05, "folded": 0.15}
FUZZY_PENALTY = 0.4

POPULATION_WEIGHT = 0.1
THEATRE_WEIGHT = 0.35
NEAR_WEIGHT = 0.3
NEAR_SCALE_KM = 50.0
COUNTRY_WEIGHT = 0.5
ADMIN1_WEIGHT = 0.3


@dataclass(frozen=True)
class Context:
    """What the caller knows about where the name is: a point, a country, an admin1 name."""

    near: tuple[float, float] | None = None
    country: str | None = None
    admin1: str | None = None


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


def name_score(name_type: str, how: str, fuzzy_edits: int = 0) -> float:
    score = MATCH_SCORE[name_type]
    if how == "fuzzy":
        return score - FUZZY_PENALTY - 0.1 * fuzzy_edits
    return score - HOW_PENALTY[how]


def place_score(population: int, prior: float, lat: float, lon: float, country: str,
                admin1: str, context: Context) -> float:
    score = POPULATION_WEIGHT * math.log10(population + 1) + THEATRE_WEIGHT * prior
    if context.near is not None:
        distance = haversine_km(context.near[0], context.near[1], lat, lon)
        score += NEAR_WEIGHT * math.exp(-distance / NEAR_SCALE_KM)
    if context.country and country.upper() == context.country.upper():
        score += COUNTRY_WEIGHT
    if context.admin1 and admin1 and context.admin1.casefold() in admin1.casefold():
        score += ADMIN1_WEIGHT
    return score
