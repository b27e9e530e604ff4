"""``--online``: the names an article puts in a place context ("the village of X", "near X",
"в районе X") that the gazetteer does not know are asked of an online geocoder, once each.

The article's context limits the question: the countries of its resolved places (the theatre,
UA, RU and BY, when it has none) and a box around them (``BOX_MARGIN_DEGREES`` wider on every
side), so a village is not answered with a namesake across the world; only populated places
are accepted. An answer is cached in the user supplement by the gazetteer (found or not: asked
once), and the mention is placed with the name type ``online`` and a lower confidence. A
failing service leaves the name unresolved with a warning; the run goes on.
"""

from __future__ import annotations

from gazetteer import REGION, SETTLEMENT, Gazetteer
from geo.find.candidates import Lookup, Resolved
from geo.schema import ResolutionStatus

THEATRE = ("UA", "RU", "BY")
BOX_MARGIN_DEGREES = 1.0  # about 110 km north-south: a village named near the article's places


def ask_online(items: list[Resolved], gazetteer: Gazetteer, lookup: Lookup,
               geocoder=None) -> None:
    """Place the article's unknown names in a place context through the online geocoder
    (``geocoder``: the gazetteer's default Nominatim when None). ``lookup`` must answer from
    the gazetteer as it is after the question (no stale cached answer)."""
    unknown = [item for item in items if not item.span.known and item.span.in_context
               and not item.candidates]
    if not unknown:
        return
    countries, box = _limits(items)
    for item in unknown:
        name = item.span.surface
        if not gazetteer.ask_online(name, countries=countries, viewbox=box, geocoder=geocoder):
            continue
        resolution = lookup(name)
        if resolution.match is None:
            continue
        item.candidates = [resolution.match, *resolution.candidates]
        item.resolution = (ResolutionStatus.AMBIGUOUS if resolution.ambiguous
                           else ResolutionStatus.RESOLVED)


def _limits(items: list[Resolved]):
    """The countries of the article's placed settlements and regions, and a box around them."""
    placed = [item.best.place for item in items
              if item.best is not None and item.resolution != ResolutionStatus.UNRESOLVED
              and item.best.place.kind in (SETTLEMENT, REGION)]
    if not placed:
        return THEATRE, None
    countries = tuple(sorted({place.country for place in placed if place.country})) or THEATRE
    lats, lons = [p.lat for p in placed], [p.lon for p in placed]
    box = ((max(lats) + BOX_MARGIN_DEGREES, min(lons) - BOX_MARGIN_DEGREES),
           (min(lats) - BOX_MARGIN_DEGREES, max(lons) + BOX_MARGIN_DEGREES))
    return countries, box
