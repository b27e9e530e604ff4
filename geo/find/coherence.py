"""Spatial coherence: an article's places are near each other, and inside the regions it names.

- Candidates near the article's confidently placed settlements and regions (its *anchors*) gain,
  and so do candidates inside the regions the article names (Donetsk region, DPR, Donbas); the
  ranking is then judged by the gazetteer's one confidence rule. A mention's own oblast, raion
  or hromada phrase (``locators``) counts for that mention alone, more than any other cue.
- A bare oblast-centre name in an article that names that oblast is read as the oblast,
  ambiguous, the city still listed.
- The verdict per span: a small place far from everything else the article names is not placed
  unless its name is spelled exactly and a place context vouches for it ("the village of X"):
  it is reported as unresolved with its candidates. Otherwise the confidence rule says resolved
  or ambiguous.
"""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np

from gazetteer import REGION, SETTLEMENT, Candidate, exact_key, fold_key, is_ambiguous, judge
from geo.find import locators
from geo.find.aliases import ANCHOR_CONFIDENCE
from geo.find.candidates import Lookup, Resolved, spelled_as
from geo.schema import ResolutionStatus, Role

COHERENCE_WEIGHT = 0.5
COHERENCE_SCALE_KM = 100.0
REGION_WEIGHT = 0.3
FAR_KM = 300.0
FAR_SMALL_POPULATION = 20000
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


class Anchors:
    """The article's confidently placed settlements and regions, as arrays: the distance from a
    candidate to the nearest of them is the spatial-coherence signal, computed for all the
    article's candidates in one array operation. Capitals in the actor role ("Moscow said") are
    not anchors: a government speaking says nothing about where the other places are."""

    def __init__(self, items: list[Resolved]):
        points: dict[tuple[float, float], set[str]] = {}
        for item in items:
            best = item.best
            if best and best.place.kind in (SETTLEMENT, REGION) and (
                    best.confidence >= ANCHOR_CONFIDENCE) and item.role != Role.ACTOR:
                points.setdefault((best.place.lat, best.place.lon), set()).add(
                    fold_key(item.span.surface))
        self.keys = [frozenset(keys) for keys in points.values()]
        coordinates = np.radians(np.array(list(points), dtype=float).reshape(-1, 2))
        self.lat, self.lon = coordinates[:, 0], coordinates[:, 1]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Anchors) and self.keys == other.keys and bool(
            np.array_equal(self.lat, other.lat) and np.array_equal(self.lon, other.lon))

    def distances(self, requests: list[tuple[str, float, float]]) -> dict:
        """(name's fold key, lat, lon) -> km to the nearest anchor placed by another name (a
        name cannot vouch for itself); inf when there is none. Equirectangular: within 1% at the
        scale of a front line."""
        unique = list(dict.fromkeys(requests))
        if not unique:
            return {}
        if not self.keys:
            return dict.fromkeys(unique, math.inf)
        masks = {key: [keys != frozenset((key,)) for keys in self.keys]
                 for key in {request[0] for request in unique}}
        usable = np.array([masks[key] for key, _, _ in unique], dtype=bool)
        points = np.radians(np.array([(lat, lon) for _, lat, lon in unique], dtype=float))
        lat, lon = points[:, :1], points[:, 1:]
        x = (self.lon - lon) * np.cos((self.lat + lat) / 2)
        km = np.where(usable, 6371.0 * np.hypot(x, self.lat - lat), np.inf).min(axis=1)
        return dict(zip(unique, km.tolist(), strict=True))


def rerank_in_context(items: list[Resolved], regions: set[str]) -> None:
    """Re-rank every item's candidates by the article's anchors and regions, until the anchors
    settle (at most ``PASSES`` times): a name placed in the first pass can anchor others."""
    previous_anchors = None
    for _ in range(PASSES):
        anchors = Anchors(items)
        if anchors == previous_anchors:
            break  # settled: another pass would change nothing
        previous_anchors = anchors
        groups: dict[tuple, list[Resolved]] = {}  # one re-ranking per distinct name
        for item in items:
            if item.alias_of is None and item.candidates:
                memo = (fold_key(item.span.surface), *(c.place.place_id for c in item.candidates))
                groups.setdefault((*memo, item.locator), []).append(item)
        distance = anchors.distances([(memo[0], c.place.lat, c.place.lon)
                                      for memo, members in groups.items()
                                      for c in members[0].candidates])
        for memo, members in groups.items():
            ranked = _rerank(members[0], memo[0], distance, regions)
            for item in members:
                item.candidates = ranked


def _rerank(item: Resolved, key: str, distance: dict, regions: set[str]) -> list[Candidate]:
    rescored = []
    for candidate in item.candidates:
        place = candidate.place
        km = distance[(key, place.lat, place.lon)]
        bonus = COHERENCE_WEIGHT * math.exp(-km / COHERENCE_SCALE_KM)
        if place.admin1 and place.admin1 in regions:
            bonus += REGION_WEIGHT
        bonus += locators.bonus(place, item.locator)
        rescored.append(replace(candidate, score=round(candidate.score + bonus, 4)))
    return list(judge(rescored).candidates)


def region_readings(items: list[Resolved], regions: set[str], lookup: Lookup) -> None:
    """A bare oblast-centre name (Donetsk, Zaporizhzhia) in an article that names that region
    ("Donetsk province", "the DPR", "Donbas") most often means the region ("Russian progress in
    Zaporizhzhia"): the region comes first and the city stays listed, as ambiguous."""
    for item in items:
        best, span = item.best, item.span
        if not best or best.place.kind != SETTLEMENT or span.settlement_hint or (
                item.alias_of is not None) or " " in span.surface.strip():
            continue
        region = lookup(f"{span.surface} region").match
        if region is None or region.place.kind != REGION or region.place.admin1 not in regions:
            continue
        if exact_key(region.matched_name) != exact_key(f"{span.surface} region"):
            continue
        item.candidates = [replace(region, score=best.score, confidence=0.5), *item.candidates]
        item.region_reading = True


def verdicts(items: list[Resolved]) -> None:
    """Each item's resolution, from its final candidates and the article's final anchors."""
    anchors = Anchors(items)
    distance = anchors.distances([(fold_key(i.span.surface), i.best.place.lat, i.best.place.lon)
                                  for i in items if i.best])
    for item in items:
        item.resolution = _verdict(item, distance)


def _verdict(item: Resolved, distance: dict) -> ResolutionStatus:
    best = item.best
    if best is None:
        return ResolutionStatus.UNRESOLVED
    if item.region_reading:
        return ResolutionStatus.AMBIGUOUS
    km = distance[(fold_key(item.span.surface), best.place.lat, best.place.lon)]
    if best.place.kind == SETTLEMENT and km < math.inf:
        small = best.place.population < FAR_SMALL_POPULATION
        vouched = spelled_as(best, item.span.surface) and item.span.in_context
        derived = best.place.place_id not in item.direct and item.alias_of is None
        if km > FAR_KM and (derived or small and not vouched):
            return ResolutionStatus.UNRESOLVED
    if is_ambiguous(item.candidates):
        return ResolutionStatus.AMBIGUOUS
    return ResolutionStatus.RESOLVED
