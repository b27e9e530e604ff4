"""Spatial coherence: an article's places are near each other, and inside the regions it names.

- Candidates near the article's confidently placed settlements and regions (its *anchors*) gain,
  and so do candidates inside the regions the article names (Donetsk region, DPR, Donbas); the
  ranking is then judged by the gazetteer's one confidence rule. A mention's own oblast, raion
  or hromada phrase (``locators``) counts for that mention alone, more than any other cue.
  A small place that no context vouches for and that lies far from every other anchor is no
  anchor: alone, it may as well be a wrong namesake.
- Oblast or city: the words around a bare oblast-centre name decide ("75 per cent of Kherson":
  the oblast; "near Kyiv": the city); without such words, in an article that names that oblast,
  it is read as the oblast, ambiguous, the city still listed.
- The verdict per span: a small place far from everything else the article names is not placed
  unless its name is spelled exactly and a place context vouches for it ("the village of X"),
  and neither is a town of the Russian rear far from the article's places on the front (an old
  name of a Ukrainian town): such a mention is reported as unresolved with its candidates. A
  misspelling's guess (a fuzzy match) is never placed. Otherwise the confidence rule says
  resolved or ambiguous.
"""

from __future__ import annotations

import math
import re
from dataclasses import replace

import numpy as np

from gazetteer import (
    REGION,
    SETTLEMENT,
    Candidate,
    Gazetteer,
    fold_key,
    is_ambiguous,
    judge,
)
from geo.find import locators
from geo.find.aliases import ANCHOR_CONFIDENCE
from geo.find.candidates import Lookup, Resolved, spelled_as
from geo.schema import ResolutionStatus, Role

COHERENCE_WEIGHT = 0.5
COHERENCE_SCALE_KM = 100.0
REGION_WEIGHT = 0.3
FAR_KM = 300.0
FAR_SMALL_POPULATION = 20000
REAR_MIN_POPULATION = 100_000
PASSES = 2


def region_hints(items: list[Resolved]) -> set[str]:
    """The regions the article confidently names (Donetsk region, the DPR, Donbas)."""
    hints = set()
    for item in items:
        best = item.best
        if best and best.place.kind == REGION and best.confidence >= ANCHOR_CONFIDENCE:
            hints.add(best.place.admin1)
            if best.place.place_id == "frontline:donbas":
                hints |= {"Donetsk Oblast", "Luhansk Oblast"}
    return hints


_ANCHOR_KINDS = frozenset({SETTLEMENT, REGION})
_ACTOR = Role.ACTOR  # looked up once: an enum's member costs a metaclass call at every use


class Anchors:
    """The article's confidently placed settlements and regions, as arrays: the distance from a
    candidate to the nearest of them is the spatial-coherence signal, computed for all the
    article's candidates in one array operation. Capitals in the actor role ("Moscow said") are
    not anchors: a government speaking says nothing about where the other places are."""

    def __init__(self, items: list[Resolved]):
        points: dict[tuple[float, float], set[str]] = {}
        lonely: dict[tuple[float, float], bool] = {}  # a small place no context vouches for
        for item in items:
            candidates = item.candidates
            if not candidates or candidates[0].confidence < ANCHOR_CONFIDENCE:
                continue
            place = candidates[0].place
            if place.kind not in _ANCHOR_KINDS or item.role == _ACTOR:
                continue
            point, key = (place.lat, place.lon), fold_key(item.span.surface)
            keys = points.get(point)
            if keys is None:
                points[point] = {key}
                lonely[point] = _needs_company(item)
            else:  # another name of the same place: lonely while all its names are
                keys.add(key)
                lonely[point] = lonely[point] and _needs_company(item)
        self.keys = [frozenset(keys) for keys in points.values()]
        coordinates = np.radians(np.array(list(points), dtype=float).reshape(-1, 2))
        self.lat, self.lon = coordinates[:, 0], coordinates[:, 1]
        self._drop_the_isolated([lonely[point] for point in points])
        # the anchors each name placed alone: a name cannot vouch for itself
        self._own: dict[str, list[int]] = {}
        for index, keys in enumerate(self.keys):
            if len(keys) == 1:
                self._own.setdefault(next(iter(keys)), []).append(index)

    def _drop_the_isolated(self, lonely: list[bool]) -> None:
        """A small place that no context vouches for anchors others only when another anchor
        lies within ``FAR_KM``: alone, it is as likely a wrong namesake as the place meant (a
        village in Crimea among a list of villages near Pokrovsk), and must not pull them.
        (A loop that stops at the first neighbour: an article has a few such places among a
        dozen anchors, too few for arrays to pay.)"""
        if not any(lonely):
            return
        lats, lons = self.lat.tolist(), self.lon.tolist()
        keep = [True] * len(lats)
        for row, alone in enumerate(lonely):
            if alone:
                lat, lon = lats[row], lons[row]
                keep[row] = any(
                    other != row and 6371.0 * math.hypot(
                        (lons[other] - lon) * math.cos((lats[other] + lat) / 2),
                        lats[other] - lat) <= FAR_KM
                    for other in range(len(lats)))
        if not all(keep):
            self.keys = [keys for keys, kept in zip(self.keys, keep, strict=True) if kept]
            self.lat, self.lon = self.lat[keep], self.lon[keep]

    def __eq__(self, other: object) -> bool:
        # (lists compare as np.array_equal does for these 1-d arrays, at a third of its cost)
        return isinstance(other, Anchors) and self.keys == other.keys and (
            self.lat.tolist() == other.lat.tolist() and self.lon.tolist() == other.lon.tolist())

    def distances(self, requests: list[tuple[str, float, float]]) -> list[float]:
        """For each (name's fold key, lat, lon): km to the nearest anchor placed by another name
        (a name cannot vouch for itself); inf when there is none. Equirectangular: within 1% at
        the scale of a front line."""
        if not self.keys:
            return [math.inf] * len(requests)
        lat = np.radians(np.array([lat for _, lat, _ in requests], dtype=float))[:, None]
        lon = np.radians(np.array([lon for _, _, lon in requests], dtype=float))[:, None]
        x = (self.lon - lon) * np.cos((self.lat + lat) / 2)
        km = 6371.0 * np.hypot(x, self.lat - lat)
        rows, columns = [], []  # each name's own anchors, put out of its reach in one go
        own = self._own
        for row, (key, _, _) in enumerate(requests):
            if key in own:
                rows += [row] * len(own[key])
                columns += own[key]
        if rows:
            km[rows, columns] = np.inf
        return km.min(axis=1).tolist()


def _needs_company(item: Resolved) -> bool:
    best = item.best
    return best.place.kind == SETTLEMENT and best.place.population < FAR_SMALL_POPULATION and (
        not (item.span.in_context and spelled_as(best, item.span.surface)))


def rerank_in_context(items: list[Resolved], regions: set[str]) -> None:
    """Re-rank every item's candidates by the article's anchors and regions, until the anchors
    settle (at most ``PASSES`` times): a name placed in the first pass can anchor others."""
    previous_anchors = None
    for number in range(PASSES):
        anchors = Anchors(items)
        if anchors == previous_anchors:
            break  # settled: another pass would change nothing
        previous_anchors = anchors
        groups: dict[tuple, list[Resolved]] = {}  # one re-ranking per distinct name
        fewest = 2 if number else 1  # a lone candidate comes out of the first pass as it stays
        place_ids: dict[int, tuple[str, ...]] = {}  # per list of candidates: names share lists
        for item in items:
            if item.alias_of is None and len(item.candidates) >= fewest:
                ids = place_ids.get(id(item.candidates))
                if ids is None:
                    ids = place_ids[id(item.candidates)] = tuple(
                        c.place.place_id for c in item.candidates)
                groups.setdefault((fold_key(item.span.surface), ids, item.locator),
                                  []).append(item)
        # a lone candidate needs no distance: it has no rival to beat
        rivals = [(memo[0], members[0]) for memo, members in groups.items()
                  if len(members[0].candidates) > 1]
        distance = anchors.distances([(key, c.place.lat, c.place.lon)
                                      for key, item in rivals for c in item.candidates])
        start = 0
        for members in groups.values():
            count = len(members[0].candidates) if len(members[0].candidates) > 1 else 0
            ranked = _rerank(members[0], distance[start:start + count], regions)
            start += count
            for item in members:
                item.candidates = ranked


def _rerank(item: Resolved, distance: list[float], regions: set[str]) -> list[Candidate]:
    """``distance``: km from each of the item's candidates to the anchors (none for a lone one)."""
    if len(item.candidates) == 1:  # alone: no rival to beat, sure as its match is good
        only = item.candidates[0]
        if only.confidence == round(only.quality, 3):
            return [only]  # already so (a frozen record: shared, never changed)
        return [Candidate(only.place, only.matched_name, only.match_type,
                          round(only.quality, 3), only.score, only.quality)]
    rescored = []  # scores, in the candidates' order
    locator, exp = item.locator, math.exp
    for candidate, km in zip(item.candidates, distance, strict=True):
        place = candidate.place
        bonus = COHERENCE_WEIGHT * exp(-km / COHERENCE_SCALE_KM)
        admin1 = place.admin1
        if admin1 and admin1 in regions:
            bonus += REGION_WEIGHT
        if locator is not None:
            bonus += locators.bonus(place, locator)
        rescored.append(round(candidate.score + bonus, 4))
    return list(judge(item.candidates, rescored).candidates)


# Before a bare oblast-centre name, words that make it the oblast: a share of its territory
# ("75 per cent of Kherson", "all of Zaporizhzhia", "slivers of Kharkiv"), and so does each name
# of a list that the phrase heads ("most of Kherson and Zaporizhzhia").
_REGION_BEFORE = re.compile(
    r"(?:\b(?i:per\s*cent|percent|%|all|whole|most|much|parts?|rest|remainder|slivers?|share|"
    r"half|third|quarter|swaths?|swathes?)\s+of\s+(?:the\s+)?"
    r"(?:[A-Z][\w'’-]*(?:\s*,\s*|\s+(?:and|or)\s+))*)$")
# ... and words that make it the city: a point relation or the city itself ("north of Donetsk",
# "away from Donetsk", "the capital Kyiv", "the city of Kharkiv", "50 km from Sumy").
_CITY_BEFORE = re.compile(
    r"(?:\b(?:from|capital|city|city\s+of|town\s+of|centre\s+of|center\s+of|outskirts\s+of|"
    r"suburbs\s+of|downtown|streets\s+of|residents\s+of|mayor\s+of|heart\s+of)\s+(?:the\s+)?|"
    r"\b(?:от|від|из|з|із|столиц\w*|город\w*|міст\w*|окраин\w*|околиц\w*|мэр\w*|мер\w*)\s+)$",
    re.IGNORECASE)
_CITY_AFTER = re.compile(r"^\W{0,3}(?:direction|axis|sector|направлени|напрям)", re.IGNORECASE)
_FRONT_AFTER = re.compile(r"^\s+(?:front|фронт)\b", re.IGNORECASE)
_CONTAINED_BEFORE = re.compile(r"\s+in\s+$")


def region_readings(text: str, items: list[Resolved], regions: set[str], lookup: Lookup) -> None:
    """A bare oblast-centre name (Donetsk, Zaporizhzhia) may mean the city or the oblast.

    - The text says which: a share of territory ("75 per cent of Kherson"), the container of a
      place just named ("Huliaipole in Zaporizhzhia") or "the Zaporizhzhia front" make it the
      oblast, resolved; a point relation or the city itself ("near Kyiv", "north of Donetsk",
      "the capital Kyiv", "the Kharkiv direction", "the city of Sumy") keep the city.
    - Else, in an article that names that region ("Donetsk province", "the DPR", "Donbas"), the
      name most often means the region ("Russian progress in Zaporizhzhia"): the region comes
      first and the city stays listed, as ambiguous.
    """
    readable = _region_names(items, lookup)
    if not readable:  # no bare oblast-centre name: nothing to read
        return
    # the settlements' ends, as the items are before any of them is read as its region
    ends = {item.span.end for item in items if item.best and item.best.place.kind == SETTLEMENT}
    for item, region in readable:
        best, span = item.best, item.span
        before = text[max(0, span.start - 80):span.start]
        after = text[span.end:span.end + 20]
        contained = _CONTAINED_BEFORE.search(before)
        said = bool(_REGION_BEFORE.search(before) or _FRONT_AFTER.match(after) or (
            contained and span.start - len(contained.group()) in ends))
        if not said and (span.in_context or _CITY_BEFORE.search(before)
                         or _CITY_AFTER.match(after) or region.place.admin1 not in regions):
            continue
        confidence = region.confidence if said else 0.5
        item.candidates = [replace(region, score=best.score, confidence=confidence),
                           *item.candidates]
        item.region_reading = "said" if said else "guessed"


def _region_names(items: list[Resolved], lookup: Lookup) -> list[tuple[Resolved, Candidate]]:
    """The items whose name, bare, may stand for a region (Donetsk, Zaporizhzhia), with it."""
    region_of: dict[str, Candidate | None] = {}  # asked once per name of the article
    readable = []
    for item in items:
        best, span = item.best, item.span
        if not best or best.place.kind != SETTLEMENT or span.settlement_hint or (
                item.alias_of is not None) or " " in span.surface.strip():
            continue
        if span.surface not in region_of:
            region_of[span.surface] = _region_named(span.surface, lookup)
        if region_of[span.surface] is not None:
            readable.append((item, region_of[span.surface]))
    return readable


def _region_named(name: str, lookup: Lookup) -> Candidate | None:
    """The region a bare name may stand for: "<name> region" resolved to a region by the name
    itself (not through a case ending or a misspelling)."""
    region = lookup(f"{name} region").match
    if region is None or region.place.kind != REGION or (
            region.match_type in ("fuzzy", "inflected")):
        return None
    return region


def verdicts(items: list[Resolved], gazetteer: Gazetteer) -> None:
    """Each item's resolution, from its final candidates and the article's final anchors (and
    its anchors on the front, for towns of the rear). The distances are measured only for the
    few settlements whose verdict a distance can change (``_far_rule_applies``,
    ``_rear_rule_applies``): most names are placed whatever lies around them."""
    placed = [item for item in items if item.candidates]
    for item in items:
        if not item.candidates:
            item.resolution = ResolutionStatus.UNRESOLVED
    settlements = [item for item in placed if _settlement_rules_apply(item)]
    far = [item for item in settlements if _far_rule_applies(item)]
    rear = [item for item in settlements if _rear_rule_applies(item, gazetteer)]
    distance = _distances_to(items, far)
    to_front: dict[int, float] = {}
    if rear:  # the anchors on the front, only when a town of the rear is to be judged by them
        to_front = _distances_to([item for item in placed
                                  if gazetteer.on_the_front(item.candidates[0].place)], rear)
    ambiguous: dict[int, bool] = {}  # per list of candidates: the items of a name share one
    for item in placed:
        item.resolution = _verdict(item, distance.get(id(item), math.inf),
                                   to_front.get(id(item), math.inf), ambiguous)


def _distances_to(anchored: list[Resolved], asked: list[Resolved]) -> dict[int, float]:
    """km from the best place of each ``asked`` item (by ``id``) to the anchors of the items
    ``anchored``; nothing to measure, no anchors built."""
    if not asked:
        return {}
    requests = [(fold_key(item.span.surface), item.candidates[0].place.lat,
                 item.candidates[0].place.lon) for item in asked]
    km = Anchors(anchored).distances(requests)
    return {id(item): distance for item, distance in zip(asked, km, strict=True)}


def _settlement_rules_apply(item: Resolved) -> bool:
    """The distance rules (``_far_rule_applies``, ``_rear_rule_applies``) judge a settlement,
    not a region reading or a misspelling's guess."""
    best = item.candidates[0]
    return not item.region_reading and best.match_type != "fuzzy" and (
        best.place.kind == SETTLEMENT)


def _vouched(item: Resolved) -> bool:
    """A place context vouches for the name as spelled ("the village of X")."""
    return spelled_as(item.candidates[0], item.span.surface) and item.span.in_context


def _far_rule_applies(item: Resolved) -> bool:
    """A settlement far from everything else the article names is not placed when it is small
    and no context vouches for it, or when only a form derived from its name found it. (Asked
    of the items ``_settlement_rules_apply`` to, as is ``_rear_rule_applies``.)"""
    best = item.candidates[0]
    derived = best.place.place_id not in item.direct and item.alias_of is None
    return derived or best.place.population < FAR_SMALL_POPULATION and not _vouched(item)


def _rear_rule_applies(item: Resolved, gazetteer: Gazetteer) -> bool:
    """A town of the Russian or Belarusian rear far from the article's places on the front: in
    a report from the front its name is a Ukrainian place's old one (Dmitrov for Dimitrov,
    Artyomovsk) or another namesake, unless it is a city or a context vouches for it."""
    place = item.candidates[0].place
    return place.population < REAR_MIN_POPULATION and not _vouched(item) and (
        not gazetteer.on_the_front(place))


def _verdict(item: Resolved, distance: float, to_front: float,
             ambiguous: dict[int, bool]) -> ResolutionStatus:
    """``distance``: km from the item's place to the article's anchors, when the far rule
    applies; ``to_front``: to its anchors on the front, when the rear rule applies (else
    ``inf``: no rule to apply). ``ambiguous``: ``is_ambiguous`` of the lists of candidates
    met so far (by ``id``), asked once per list."""
    if item.region_reading:
        return (ResolutionStatus.RESOLVED if item.region_reading == "said"
                else ResolutionStatus.AMBIGUOUS)
    if item.candidates[0].match_type == "fuzzy":  # a misspelling's guess is a "did you mean"
        return ResolutionStatus.UNRESOLVED
    if math.inf > distance > FAR_KM or math.inf > to_front > FAR_KM:
        return ResolutionStatus.UNRESOLVED
    key = id(item.candidates)
    if key not in ambiguous:
        ambiguous[key] = is_ambiguous(item.candidates)
    return ResolutionStatus.AMBIGUOUS if ambiguous[key] else ResolutionStatus.RESOLVED
