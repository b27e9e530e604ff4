"""``--online``: the names an article puts in a place context ("the village of X", "near X",
"в районе X") that the gazetteer does not know are asked of an online geocoder, once each.

The article's theatre limits the question, so a village is not answered with a namesake across
the world: only its placed settlements and regions that are places (not a capital standing for
its government) of the war's theatre count (``THEATRE`` countries, or a theatre prior above 0:
Washington or Paris in the same article say nothing about where a village is). The question is
limited to their countries (all of ``THEATRE`` when there are none) and to a box around those of
them on the front (``BOX_MARGIN_DEGREES`` wider on every side), at most ``MAX_BOX_DEGREES`` a
side: when the article's front places lie further apart, the box is the one around the front
place nearest to the name in the text. Only populated places are accepted. An answer is cached
in the user supplement by the gazetteer (found or not: asked once), and the mention is placed
with the name type ``online`` and a lower confidence. A failing service leaves the name
unresolved with a warning; the run goes on.
"""

from __future__ import annotations

from gazetteer import REGION, SETTLEMENT, Gazetteer, Place
from geo.find.candidates import Lookup, Resolved
from geo.schema import ResolutionStatus, Role

THEATRE = ("BY", "MD", "RU", "UA")
BOX_MARGIN_DEGREES = 1.0  # about 110 km north-south: a village named near the article's places
MAX_BOX_DEGREES = 4.0  # a side of the box at most: about 440 km north-south, around the front

Box = tuple[tuple[float, float], tuple[float, float]]  # (north, west), (south, east) corners


def ask_online(items: list[Resolved], gazetteer: Gazetteer, lookup: Lookup,
               geocoder=None) -> None:
    """Place the article's unknown names in a place context through the online geocoder
    (``geocoder``: the gazetteer's default Nominatim when None). ``lookup`` must answer from
    the gazetteer as it is after the question (no stale cached answer)."""
    unknown = [item for item in items if not item.span.known and item.span.in_context
               and not item.candidates]
    if not unknown:
        return
    theatre = _theatre_places(items, gazetteer)
    countries = tuple(sorted({place.country for _, place in theatre})) or THEATRE
    front = [(start, place) for start, place in theatre if gazetteer.on_the_front(place)]
    for item in unknown:
        name = item.span.surface
        box = _box(front, item.span.start)
        if not gazetteer.ask_online(name, countries=countries, viewbox=box, geocoder=geocoder):
            continue
        resolution = lookup(name)
        if resolution.match is None:
            continue
        item.candidates = [resolution.match, *resolution.candidates]
        item.resolution = (ResolutionStatus.AMBIGUOUS if resolution.ambiguous
                           else ResolutionStatus.RESOLVED)


def _theatre_places(items: list[Resolved], gazetteer: Gazetteer) -> list[tuple[int, Place]]:
    """(offset in the text, place) of the article's placed settlements and regions of the
    theatre, as places (role location)."""
    found = []
    for item in items:
        place = item.best.place if item.best is not None else None
        if (place is None or item.resolution == ResolutionStatus.UNRESOLVED
                or item.role != Role.LOCATION or place.kind not in (SETTLEMENT, REGION)):
            continue
        if place.country and (place.country in THEATRE or gazetteer.in_theatre(place)):
            found.append((item.span.start, place))
    return found


def _box(front: list[tuple[int, Place]], offset: int) -> Box | None:
    """A box around the front places, or, when that is wider than ``MAX_BOX_DEGREES``, around
    the one nearest to ``offset`` in the text; None without front places."""
    if not front:
        return None
    places = [place for _, place in front]
    north, south = max(p.lat for p in places), min(p.lat for p in places)
    west, east = min(p.lon for p in places), max(p.lon for p in places)
    if max(north - south, east - west) + 2 * BOX_MARGIN_DEGREES > MAX_BOX_DEGREES:
        nearest = min(front, key=lambda found: abs(found[0] - offset))[1]
        half = MAX_BOX_DEGREES / 2
        return (nearest.lat + half, nearest.lon - half), (nearest.lat - half, nearest.lon + half)
    return ((north + BOX_MARGIN_DEGREES, west - BOX_MARGIN_DEGREES),
            (south - BOX_MARGIN_DEGREES, east + BOX_MARGIN_DEGREES))
