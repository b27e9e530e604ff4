"""Resolve an article's name spans jointly: the article is the context of each name.

Per span the gazetteer proposes ranked candidates; then, for the whole article:

1. Spans that are not place mentions are dropped: one- or two-letter words, short all-caps words
   that are not a region or country (BM, BA), names of places outside the theatre met through
   anything but their GeoNames name (GeoNames lists "Main" and "Lies" as names of German and
   English towns), names that are part of a longer proper noun (Vladimir Putin, Johns
   Hopkins, Wagner Group), and a small place's name once seen in surname position (Gen.
   Oleksandr Syrskyi): a surname all article long.
2. In-text aliases are learned: "Pokrovsk (known as Krasnoarmeysk in Russian)", "Myrnohrad
   (formerly Dimitrov)", "Krasnoarmeysk (Pokrovsk)": both names then stand for the confident one's
   place, in every sentence of the article.
3. Candidates near the article's confidently resolved places gain (spatial coherence), and so do
   candidates inside the regions the article names (Donetsk region, DPR, Donbas). A bare
   oblast-centre name in an article that names that oblast is read as the oblast, ambiguous.
4. A small place far from everything else the article names is not placed unless its name is
   spelled exactly and a place context vouches for it ("the village of X"): it is reported as
   unresolved with its candidates.
5. A national capital that acts ("Moscow said", "urged Kyiv", "the Kiev regime") gets role actor.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache

import numpy as np

from gazetteer import Candidate, Gazetteer, Resolution
from gazetteer.normalize import exact_key, fold_key
from gazetteer.ranking import AMBIGUITY_GAP, SAME_PLACE_KM, haversine_km, margin_confidence
from gazetteer.sources import geonames_countries

from .recognise import Span

CANDIDATES_PER_SPAN = 8
ANCHOR_CONFIDENCE = 0.75
COHERENCE_WEIGHT = 0.5
COHERENCE_SCALE_KM = 100.0
REGION_WEIGHT = 0.3
FAR_KM = 300.0
FAR_SMALL_POPULATION = 20000

# Words after a place name that still describe the place (not a longer proper noun).
_GEOGRAPHIC_NEXT = re.compile(
    r"^\W{0,2}(?:Oblast|Region|Province|District|Raion|Rayon|Krai|Kray|Republic|Direction|Axis|"
    r"Front|Sector|Agglomeration|City|Town|Village|Area|Border|Bridge|Reservoir|River|Airport|"
    r"Област|Район|Направлени|Напрям)", re.IGNORECASE)
_CAPITALISED_WORD = re.compile(r"^[ \t]+([A-ZА-ЯЁІЇЄҐ][\w'’-]*)")
_PREVIOUS_WORD = re.compile(r"([A-ZА-ЯЁІЇЄҐ][\w'’-]*)[ \t]+$")
# Capitalised words that are not given names: weekdays, months, sentence-opening function words.
_NOT_A_NAME = re.compile(
    r"^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|"
    r"May|June|July|August|September|October|November|December|On|In|At|By|From|To|Near|Since|"
    r"Until|After|Before|And|But|Or|The|A|An|When|While|As|If|Late|Early|Last|This|Then|"
    r"В|Во|На|Под|Из|У|Біля|Від|До|И|І|Та|А|Но)$")
_SPEECH_AFTER = re.compile(r"^\s+(?:said|says|told|added|noted|stressed|explained|wrote|"
                           r"сказал|заявил|сказав|заявив)\b", re.IGNORECASE)
_TITLE_ABBREVIATION = re.compile(r"\b(?:Gen|Col|Lt|Maj|Capt|Sgt|Mr|Mrs|Ms|Dr|Sen|Rep|Pres|Gov|"
                                 r"Prof|St)\.$")
_ALIAS_WORDS = (r"(?:(?:also\s+)?known\s+as|formerly|previously|once|called|renamed(?:\s+to)?|"
                r"now|aka|ранее|бывший|бывш\.|колишній|також|также)")
# "A (B", "A (known as B", "A, formerly B": the text between two names that makes B an alias.
_ALIAS_BETWEEN = re.compile(
    rf"^\s*(?:\(\s*(?:{_ALIAS_WORDS}\s*)?|,\s*{_ALIAS_WORDS}\s*|\s+{_ALIAS_WORDS}\s+)$",
    re.IGNORECASE)
_ACTOR_AFTER = re.compile(
    r"^(?:['’]s)?\s+(?:has\s+|have\s+|had\s+|is\s+|was\s+|also\s+|still\s+|again\s+|then\s+)?"
    r"(?:said|says|say|insist\w*|claim\w*|den(?:y|ies|ied)|warn\w*|want\w*|accus\w*|"
    r"announc\w*|refus\w*|reject\w*|agree\w*|demand\w*|continu\w*|hope\w*|believ\w*|stat\w*|"
    r"respond\w*|threaten\w*|vow\w*|promis\w*|plan\w*|seek\w*|sought|decid\w*|confirm\w*|"
    r"regime|government|authorities|leadership|officials|administration|"
    r"заяв\w*|счита\w*|требу\w*|відмов\w*|наполяга\w*)\b", re.IGNORECASE)
_ACTOR_BEFORE = re.compile(
    r"(?:urg\w*|told|tell\w*|accus\w*|ask\w*|press\w*|pressure\s+on|talks\s+with|"
    r"negotiat\w*\s+with|deal\s+with|support\s+for|backed\s+by|relations\s+with|ties\s+with)"
    r"\s+$", re.IGNORECASE)


@dataclass
class Resolved:
    """One span's outcome: its ranked candidates after the article's context, and decisions."""

    span: Span
    candidates: list[Candidate] = field(default_factory=list)
    direct: frozenset[str] = frozenset()  # candidates the surface itself named
    resolution: str = "unresolved"  # resolved | ambiguous | unresolved
    role: str = "location"
    alias_of: int | None = None  # index of the span whose place this one takes
    region_reading: bool = False  # a city's name read as its region's (see _region_readings)

    @property
    def best(self) -> Candidate | None:
        return self.candidates[0] if self.candidates else None


@lru_cache(maxsize=1)
def _capitals() -> frozenset[tuple[str, str]]:
    return frozenset((iso, c.get("capital") or "") for iso, c in geonames_countries().items())


def resolve_spans(text: str, spans: list[Span], gazetteer: Gazetteer,
                  lookup: Callable[[str], Resolution] | None = None) -> list[Resolved]:
    """The article's spans, resolved in the context of each other (see the module docstring).

    ``lookup`` answers one gazetteer query (default: ``gazetteer.resolve``); a caller that runs
    many articles passes a cached one, as names repeat from article to article."""
    lookup = lookup or (lambda query: gazetteer.resolve(query, limit=CANDIDATES_PER_SPAN))
    items = [Resolved(span, *_candidates(span, lookup)) for span in spans]
    # a name once seen in surname position (Oleksandr Syrskyi) is a surname all article long
    surnames = {fold_key(i.span.surface) for i in items if _could_be_surname(text, i)}
    items = [item for item in items if fold_key(item.span.surface) not in surnames
             and _is_place_mention(text, item, gazetteer)]
    _learn_aliases(text, items)
    items += _alias_recurrences(text, items)
    regions = _region_hints(items)
    for item in items:  # "Moscow said" is a government, not a place: it vouches for nothing
        item.role = _role(text, item)
    previous_anchors = None
    for _ in range(2):
        anchors = Anchors(items)
        if anchors == previous_anchors:
            break  # settled: another pass would change nothing
        previous_anchors = anchors
        groups: dict[tuple, list[Resolved]] = {}  # one re-ranking per distinct name
        for item in items:
            if item.alias_of is None and item.candidates:
                memo = (fold_key(item.span.surface), *(c.place.place_id for c in item.candidates))
                groups.setdefault(memo, []).append(item)
        distance = anchors.distances([(memo[0], c.place.lat, c.place.lon)
                                      for memo, members in groups.items()
                                      for c in members[0].candidates])
        for memo, members in groups.items():
            ranked = _rerank(members[0], memo[0], distance, regions)
            for item in members:
                item.candidates = ranked
    _apply_aliases(items)
    _region_readings(items, regions, lookup)
    anchors = Anchors(items)
    distance = anchors.distances([(fold_key(i.span.surface), i.best.place.lat, i.best.place.lon)
                                  for i in items if i.best])
    for item in items:
        item.resolution = _resolution(item, distance)
        item.role = _role(text, item)
    return sorted(items, key=lambda item: item.span.start)


# -- candidates ----------------------------------------------------------------------------------
def _candidates(span: Span, lookup) -> tuple[list[Candidate], frozenset[str]]:
    """Ranked candidates from all the span's queries, and the ids that its own surface (not a
    derived form such as an adjective's stem) named."""
    if not span.known:
        return [], frozenset()
    best: dict[str, Candidate] = {}
    direct: set[str] = set()
    for query in span.queries:
        resolution = lookup(query)
        for candidate in filter(None, (resolution.match, *resolution.candidates)):
            if query == span.surface:
                direct.add(candidate.place.place_id)
            held = best.get(candidate.place.place_id)
            if held is None or candidate.score > held.score:
                best[candidate.place.place_id] = candidate
    return sorted(best.values(), key=lambda c: -c.score), frozenset(direct)


def _exact(candidate: Candidate, surface: str) -> bool:
    return exact_key(candidate.matched_name) == exact_key(surface)


# -- 1. what is not a place mention ----------------------------------------------------------------
def _is_place_mention(text: str, item: Resolved, gazetteer: Gazetteer) -> bool:
    span, best = item.span, item.best
    letters = [c for c in span.surface if c.isalpha()]
    if len(letters) <= 2:
        return False
    if span.surface.isupper() and len(letters) <= 4 and not (
            best and best.place.kind in ("region", "country")):
        return False
    if _before_proper_noun(text, span) or _could_be_surname(text, item):
        return False
    if best is None:
        return not span.known
    if best.place.kind == "settlement" and _SPEECH_AFTER.match(text[span.end:span.end + 20]) and (
            (best.place.country, best.place.name) not in _capitals()):
        return False  # "Syrskyi said": a person; "Moscow said" is handled as an actor
    if best.place.kind == "settlement":
        index = gazetteer.place_index(best.place.place_id)
        outside = index is not None and gazetteer.index.priors[index] == 0.0
        if outside and not (_exact(best, span.surface) and best.match_type == "official"):
            return False
    return True


def _could_be_surname(text: str, item: Resolved) -> bool:
    """In surname position, and not a town big enough that a capitalised word before it is more
    likely a headline fragment ("Military Hub Pokrovsk") than a first name."""
    big = item.best is not None and item.best.place.population >= FAR_SMALL_POPULATION
    return not big and _surname_position(text, item.span)


def _before_proper_noun(text: str, span: Span) -> bool:
    """Vladimir Putin, Johns Hopkins, Wagner Group: a capitalised word follows."""
    after = text[span.end:span.end + 40]
    return bool(_CAPITALISED_WORD.match(after) and not _GEOGRAPHIC_NEXT.match(after)
                and not _is_headline(text, span.start))


def _surname_position(text: str, span: Span) -> bool:
    """Oleksandr Syrskyi: a capitalised word that does not start the sentence comes before."""
    previous = _PREVIOUS_WORD.search(text[max(0, span.start - 40):span.start])
    if not previous or _is_headline(text, span.start) or _NOT_A_NAME.match(previous.group(1)):
        return False
    start = span.start - len(previous.group())
    preceding = text[max(0, start - 6):start].strip()
    sentence_initial = not preceding or (preceding[-1] in ".!?\n\"“«(" and not
                                         _TITLE_ABBREVIATION.search(preceding))
    return not sentence_initial


def _is_headline(text: str, offset: int) -> bool:
    """A title-case line (most words capitalised): capitals there say nothing."""
    line_start = text.rfind("\n", 0, offset) + 1
    line_end = text.find("\n", offset)
    words = re.findall(r"[^\W\d_]+", text[line_start:line_end if line_end >= 0 else None])
    long_words = [w for w in words if len(w) > 3]
    return len(long_words) >= 3 and sum(w[0].isupper() for w in long_words) >= 0.7 * len(
        long_words)


# -- 2. in-text aliases ----------------------------------------------------------------------------
def _learn_aliases(text: str, items: list[Resolved]) -> None:
    """Link "A (known as B)" pairs, then every other occurrence of the learned name."""
    learned: dict[str, int] = {}
    for index in range(len(items) - 1):
        first, second = items[index], items[index + 1]
        between = text[first.span.end:second.span.start]
        if not _ALIAS_BETWEEN.match(between):
            continue
        keeper, taker = (index, index + 1)
        if _strength(second) > _strength(first):
            keeper, taker = index + 1, index
        if _strength(items[keeper]) >= ANCHOR_CONFIDENCE:
            items[taker].alias_of = keeper
            learned[fold_key(items[taker].span.surface)] = keeper
    for index, item in enumerate(items):
        key = fold_key(item.span.surface)
        keeper = learned.get(key)
        if item.alias_of is None and keeper not in (None, index) and (
                _strength(item) < _strength(items[keeper])):
            item.alias_of = keeper


def _alias_recurrences(text: str, items: list[Resolved]) -> list[Resolved]:
    """Later bare occurrences of a learned alias (after "Pokrovsk (known as X in Russian)", a
    plain "X was quiet"), which no context would have found on their own."""
    covered = [(item.span.start, item.span.end) for item in items]
    out = []
    for item in list(items):
        if item.alias_of is None:
            continue
        pattern = re.compile(rf"(?<![\w'’-]){re.escape(item.span.surface)}(?![\w-])")
        for match in pattern.finditer(text):
            if any(start < match.end() and match.start() < end for start, end in covered):
                continue
            span = Span(match.start(), match.end(), match.group(), (match.group(),), known=False)
            out.append(Resolved(span, alias_of=item.alias_of))
            covered.append((match.start(), match.end()))
    return out


def _strength(item: Resolved) -> float:
    return item.best.confidence if item.best else 0.0


def _apply_aliases(items: list[Resolved]) -> None:
    for item in items:
        if item.alias_of is not None:
            keeper = items[item.alias_of]
            while keeper.alias_of is not None:
                keeper = items[keeper.alias_of]
            item.candidates = [
                replace(c, matched_name=item.span.surface, match_type="in-text alias")
                for c in keeper.candidates]


# -- 3. coherence --------------------------------------------------------------------------------
def _region_hints(items: list[Resolved]) -> set[str]:
    hints = set()
    for item in items:
        best = item.best
        if best and best.place.kind == "region" and best.confidence >= ANCHOR_CONFIDENCE:
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
            if best and best.place.kind in ("settlement", "region") and (
                    best.confidence >= ANCHOR_CONFIDENCE) and item.role != "actor":
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


def _rerank(item: Resolved, key: str, distance: dict, regions: set[str]) -> list[Candidate]:
    rescored = []
    for candidate in item.candidates:
        place = candidate.place
        km = distance[(key, place.lat, place.lon)]
        bonus = COHERENCE_WEIGHT * math.exp(-km / COHERENCE_SCALE_KM)
        if place.admin1 and place.admin1 in regions:
            bonus += REGION_WEIGHT
        rescored.append((candidate.score + bonus, candidate))
    rescored.sort(key=lambda pair: -pair[0])
    top_score = rescored[0][0]
    rival = next((s for s, c in rescored[1:] if _far_apart(c, rescored[0][1])), None)
    out = []
    for rank, (score, candidate) in enumerate(rescored):
        sureness = margin_confidence(score, rival if rank == 0 else top_score)
        out.append(replace(candidate, score=round(score, 4),
                           confidence=round(sureness * _quality(candidate, item.span), 3)))
    return out


def _quality(candidate: Candidate, span: Span) -> float:
    """How well the name itself matched, as in the gazetteer: spelled alike is best."""
    if _exact(candidate, span.surface):
        return 1.0
    return 0.8 if candidate.match_type == "fuzzy" else 0.95


def _far_apart(a: Candidate, b: Candidate) -> bool:
    return haversine_km(a.place.lat, a.place.lon, b.place.lat, b.place.lon) > SAME_PLACE_KM


def _region_readings(items: list[Resolved], regions: set[str], lookup) -> None:
    """A bare oblast-centre name (Donetsk, Zaporizhzhia) in an article that names that region
    ("Donetsk province", "the DPR", "Donbas") most often means the region ("Russian progress in
    Zaporizhzhia"): the region comes first and the city stays listed, as ambiguous."""
    for item in items:
        best, span = item.best, item.span
        if not best or best.place.kind != "settlement" or span.settlement_hint or (
                item.alias_of is not None) or " " in span.surface.strip():
            continue
        region = lookup(f"{span.surface} region").match
        if region is None or region.place.kind != "region" or region.place.admin1 not in regions:
            continue
        if exact_key(region.matched_name) != exact_key(f"{span.surface} region"):
            continue
        item.candidates = [replace(region, score=best.score, confidence=0.5), *item.candidates]
        item.region_reading = True


# -- 4. resolution ---------------------------------------------------------------------------------
def _resolution(item: Resolved, distance: dict) -> str:
    best = item.best
    if best is None:
        return "unresolved"
    if item.region_reading:
        return "ambiguous"
    km = distance[(fold_key(item.span.surface), best.place.lat, best.place.lon)]
    if best.place.kind == "settlement" and km < math.inf:
        small = best.place.population < FAR_SMALL_POPULATION
        vouched = _exact(best, item.span.surface) and item.span.in_context
        derived = best.place.place_id not in item.direct and item.alias_of is None
        if km > FAR_KM and (derived or small and not vouched):
            return "unresolved"
    rivals = [c for c in item.candidates[1:] if _far_apart(c, best)]
    if rivals and best.score - rivals[0].score < AMBIGUITY_GAP:
        return "ambiguous"
    return "resolved"


# -- 5. role ---------------------------------------------------------------------------------------
def _role(text: str, item: Resolved) -> str:
    best = item.best
    if not best or best.place.kind != "settlement":
        return "location"
    if (best.place.country, best.place.name) not in _capitals():
        return "location"
    after = text[item.span.end:item.span.end + 40]
    before = text[max(0, item.span.start - 40):item.span.start]
    if _ACTOR_AFTER.match(after) or _ACTOR_BEFORE.search(before):
        return "actor"
    return "location"
