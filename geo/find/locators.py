"""Where the text itself puts a name: the oblast, raion or hromada phrase that follows it.

Russian and Ukrainian reports locate a village by the genitive adjective of its oblast, raion or
hromada: "Липцы Харьковской области", "Богуславка Ізюмського району Харківської області",
"у селищі Золочів Богодухівського району", "Сергіївці Андріївської сільської громади",
"Новая Таволжанка Шебекинского городского округа". Such a phrase:

- is not the next word of a longer proper noun (``follows_name``, used by ``filters``);
- says which namesake is meant, for that mention only (``locate``): the oblast phrase is a
  region the gazetteer resolves ("Харківської області" -> Kharkiv Oblast); a raion, hromada or
  okrug is named after its centre, the town ``Gazetteer.towns_of_adjective`` derives from the
  adjective (Богодухівського -> Богодухів). ``coherence`` then favours the candidates inside
  that oblast and near that centre (``bonus``), and a best candidate outside the oblast the
  text names is not placed (``overrule``: never a namesake as a stand-in).

Names listed before the phrase share it ("Глибоке та Лук'янці Харківської області") for the
ranking, not for ``overrule``.
"""

from __future__ import annotations

import math
import re
from dataclasses import replace

from gazetteer import REGION, SETTLEMENT, Gazetteer, Place
from geo.find.candidates import Locator, Lookup, Resolved
from geo.schema import ResolutionStatus

# How much a candidate inside the named oblast, or at the named raion's or hromada's centre,
# gains: more than any other cue, since the text says where the place is.
LOCATOR_WEIGHT = 1.0
# How far from its centre a raion's or a hromada's places lie (the scale of the bonus's decay).
CENTRE_SCALE_KM = {"район": 50.0, "округ": 30.0, "громад": 20.0}

_UNIT_NOUN = r"(?P<noun>[Оо]бласт|[Рр]айон|[Гг]ромад|[Оо]круг)[а-яёіїєґ]*"
_ADJECTIVE = r"(?P<adjective>[А-ЯЁІЇЄҐ][а-яёіїєґ'’ʼ-]*(?:ськ|цьк|зьк|ск|цк)[а-яёіїєґ]{1,3})"
# the kind of hromada or okrug, between the adjective and the noun: сільської громади,
# городского округа
_KIND = r"(?:[ \t]+(?:міськ|сільськ|селищн|територіальн|городск|сельск|поселков|муниципальн)" \
        r"[а-яёіїєґ]*){0,2}"
_FOLLOWS = re.compile(rf"[ \t]+{_ADJECTIVE}{_KIND}[ \t]+{_UNIT_NOUN}")
_LOCATES = re.compile(rf"(?:[ \t]+|[ \t]*\([ \t]*){_ADJECTIVE}{_KIND}[ \t]+{_UNIT_NOUN}")
# what separates the names of a list that shares one phrase
_LIST_GAP = re.compile(r"[ \t]*,[ \t]*|[ \t]+(?:и|і|й|та)[ \t]+")


def follows_name(text: str, end: int) -> bool:
    """An oblast, raion or hromada adjective and its noun come right after the name ending at
    ``end`` ("Липцы Харьковской области"): the capitalised adjective does not make the name part
    of a longer proper noun."""
    return _FOLLOWS.match(text, end) is not None


def locate(text: str, items: list[Resolved], gazetteer: Gazetteer, lookup: Lookup) -> None:
    """Give each item followed by an oblast, raion or hromada phrase (and the names listed
    before it) that phrase's ``Locator``."""
    ordered = sorted(items, key=lambda item: item.span.start)
    for k, item in enumerate(ordered):
        locator = _locator_after(text, item.span.end, gazetteer, lookup)
        if locator is None:
            continue
        item.locator = locator
        while k > 0 and ordered[k - 1].locator is None and _LIST_GAP.fullmatch(
                text, ordered[k - 1].span.end, ordered[k].span.start):
            k -= 1
            ordered[k].locator = replace(locator, shared=True)


def _locator_after(text: str, end: int, gazetteer: Gazetteer, lookup: Lookup) -> Locator | None:
    regions, centres = set(), []
    for _ in range(2):  # a raion or hromada, then its oblast
        phrase = _LOCATES.match(text, end)
        if phrase is None:
            break
        end, noun = phrase.end(), phrase.group("noun").lower()
        if noun == "област":
            region = lookup(text[phrase.start("adjective"):end]).match
            if region is not None and region.place.kind == REGION:
                regions.add(region.place.admin1)
            continue
        towns = gazetteer.towns_of_adjective(phrase.group("adjective"))
        if towns:
            found = lookup(towns[0])
            centres += [(c.place, CENTRE_SCALE_KM[noun]) for c in (found.match, *found.candidates)
                        if c is not None and c.place.kind == SETTLEMENT
                        and c.match_type not in ("inflected", "fuzzy")]
    if regions and any(place.admin1 in regions for place, _ in centres):
        centres = [(place, scale) for place, scale in centres if place.admin1 in regions]
    if not regions and not centres:
        return None
    return Locator(frozenset(regions),
                   tuple(sorted({(p.lat, p.lon, scale) for p, scale in centres})))


def bonus(place: Place, locator: Locator | None) -> float:
    """What a candidate gains from its mention's locator: inside the oblast named, near the
    centre of the raion or hromada named."""
    if locator is None:
        return 0.0
    gain = LOCATOR_WEIGHT if place.admin1 and place.admin1 in locator.regions else 0.0
    if locator.centres:
        gain += LOCATOR_WEIGHT * max(math.exp(-_km(place.lat, place.lon, lat, lon) / scale)
                                     for lat, lon, scale in locator.centres)
    return gain


def overrule(items: list[Resolved]) -> None:
    """A settlement placed outside the oblast its own phrase names is a namesake, not the place
    the text means: unresolved, its candidates still listed. Only for the name the phrase
    follows: "Суми та Лук'янці Харківської області" does not put Sumy in Kharkiv Oblast."""
    for item in items:
        best, locator = item.best, item.locator
        if best is not None and locator is not None and locator.regions and not (
                locator.shared) and best.place.kind == SETTLEMENT and (
                best.place.admin1 not in locator.regions):
            item.resolution = ResolutionStatus.UNRESOLVED


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Equirectangular distance: within 1% at the scale of a raion."""
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return 6371.0 * math.hypot(x, math.radians(lat2 - lat1))
