"""An article's name spans with their gazetteer candidates: the record the find stages share.

Each ``Resolved`` starts with the ranked candidates of every query of its span (the surface,
and forms derived from it: an adjective's stem, a region reading) and is then narrowed by the
article's context (``filters``, ``aliases``, ``coherence``) and classified (``classify.role``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from gazetteer import REGION, Candidate, Resolution, exact_key
from geo.find.recognise import Span
from geo.schema import ResolutionStatus, Role

CANDIDATES_PER_SPAN = 16
# A candidate found through a form derived from the surface (Krasnoarmeyskoye direction ->
# Krasnoarmeysk; "Luhansk regions" -> Luhansk region) is a weaker match than the name itself.
DERIVED_QUALITY = 0.95

Lookup = Callable[[str], Resolution]
# A name the text makes an administrative unit ("the Kharkiv and Sumy regions", "the Bilopillia
# district") keeps only candidates of that kind: the gazetteer has oblasts, not raions or
# communities, so a district keeps none and is not drawn as its centre town.
_UNIT_KINDS = {"region": frozenset({REGION}), "district": frozenset()}


@dataclass(frozen=True)
class Locator:
    """Where the text itself puts one mention (``locators``): the oblasts its phrase names
    (admin1 names: "Липцы Харьковской области") and the centres of the raion or hromada it names,
    each with the distance over which the unit's places lie ((lat, lon, km): "Золочів
    Богодухівського району" -> Bohodukhiv, 50 km). ``shared``: the phrase follows a later name
    of a list this one is in ("Глибоке та Лук'янці Харківської області")."""

    regions: frozenset[str] = frozenset()
    centres: tuple[tuple[float, float, float], ...] = ()
    shared: bool = False


@dataclass
class Resolved:
    """One span's outcome: its ranked candidates after the article's context, and decisions."""

    span: Span
    candidates: list[Candidate] = field(default_factory=list)
    direct: frozenset[str] = frozenset()  # candidates the surface itself named
    resolution: ResolutionStatus = ResolutionStatus.UNRESOLVED
    role: Role = Role.LOCATION
    alias_of: int | None = None  # index of the span whose place this one takes
    region_reading: str = ""  # a city's name read as its region's: "said" or "guessed" (coherence)
    locator: Locator | None = None  # the oblast, raion or hromada the text puts it in

    @property
    def best(self) -> Candidate | None:
        return self.candidates[0] if self.candidates else None


def candidates_of(span: Span, lookup: Lookup) -> tuple[list[Candidate], frozenset[str]]:
    """Ranked candidates from all the span's queries, and the ids that its own surface (not a
    derived form such as an adjective's stem) named."""
    if not span.known:
        return [], frozenset()
    wanted = _UNIT_KINDS.get(span.unit)
    best: dict[str, Candidate] = {}
    direct: set[str] = set()
    for query in span.queries:
        resolution = lookup(query)
        for candidate in filter(None, (resolution.match, *resolution.candidates)):
            if wanted is not None and candidate.place.kind not in wanted:
                continue
            if query == span.surface:
                direct.add(candidate.place.place_id)
            else:
                candidate = replace(candidate, quality=candidate.quality * DERIVED_QUALITY)
            held = best.get(candidate.place.place_id)
            if held is None or candidate.score > held.score:
                best[candidate.place.place_id] = candidate
    return sorted(best.values(), key=lambda c: -c.score), frozenset(direct)


class CachedCandidates:
    """``candidates_of`` that keeps its answers: a run meets the same names article after
    article, and the answer depends only on the span's surface, queries, unit and whether it is
    known. The lists handed out are never changed in place (the stages assign new ones)."""

    def __init__(self, lookup: Lookup, size: int = 100_000):
        self.lookup, self.size = lookup, size
        self._answers: dict[tuple, tuple[list[Candidate], frozenset[str]]] = {}

    def __call__(self, span: Span) -> tuple[list[Candidate], frozenset[str]]:
        key = (span.surface, span.queries, span.unit, span.known)
        answer = self._answers.get(key)
        if answer is None:
            if len(self._answers) >= self.size:
                self._answers.clear()
            answer = self._answers[key] = candidates_of(span, self.lookup)
        return answer

    def clear(self) -> None:
        """Drop every answer: the gazetteer learnt a name, which may change any of them (the
        name's own span, its inflected forms, a near misspelling)."""
        self._answers.clear()


def spelled_as(candidate: Candidate, surface: str) -> bool:
    """The candidate's matched name is the surface, up to case and punctuation."""
    return exact_key(candidate.matched_name) == exact_key(surface)
