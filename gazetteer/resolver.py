"""The gazetteer: any spelling of a place name in, ranked candidate places out.

    >>> gz = Gazetteer.load()
    >>> gz.resolve("Krasnoarmeysk").match.place.place_id
    'geonames:704422'

Lookup order for one query: every name with the query's fold key; for Cyrillic, every name with
the fold key of one of its dictionary forms (case endings); only when nothing matched, the fuzzy
fallback. Candidates are scored by ``ranking`` and judged by ``confidence``. ``resolve`` only
reads; ``resolve_online`` is the one call that asks a service and writes its answer to the user
supplement.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache

from . import fuzzy, user_supplement
from .adjectives import compound_forms, country_forms, names_no_town, town_forms
from .confidence import HOW_QUALITY, NAME_QUALITY, fuzzy_quality, judge
from .index import NameIndex, load_index
from .morphology import lemma_forms
from .normalize import exact_key, fold_key, fold_key_of_exact, has_cyrillic
from .ranking import Context, name_score, place_score
from .records import COUNTRY, REGION, SETTLEMENT, Candidate, Place, Resolution
from .sources import data_version, geonames_countries, read_curated

# The theatre prior of Ukraine and the Russian oblasts on its border (see ``build``).
FRONT_PRIOR = 1.0


@dataclass
class _Hit:
    place: int
    name: str
    name_type: str
    how: str  # exact | inflected | folded | fuzzy
    score: float
    quality: float = 1.0


# Outside the theatre a misspelling is answered with a place only when the place is this big.
FUZZY_FOREIGN_MIN_POPULATION = 100_000


class Gazetteer:
    def __init__(self, index: NameIndex, version: str = ""):
        self.index = index
        self.version = version  # data version of the index ("" when built by hand)
        self.supplement_rows: list[dict[str, str]] = []  # what ``load`` applied, in order
        self.extra: dict[str, list[tuple[int, str, str]]] = {}  # user supplement, by fold key
        self.not_in_text: set[int] = set()  # online answers that are no populated place
        self._fuzzy_pool: fuzzy.FuzzyPool | None = None  # built on first need
        self._adjective_towns: dict[str, tuple[str, ...]] = {}  # adjective -> town names

    @classmethod
    def load(cls, rebuild: bool = False,
             supplement: bool | list[dict[str, str]] = True) -> Gazetteer:
        """The cached index (built on first use) plus the user supplement, unless told not to.

        ``supplement`` may also be the supplement's rows themselves: a worker process on
        another machine gets the rows of the run it works for, not its own file.
        """
        gazetteer = cls(load_index(rebuild=rebuild), version=data_version())
        rows = user_supplement.read() if supplement is True else (supplement or [])
        user_supplement.apply(gazetteer, rows)
        gazetteer.supplement_rows = list(rows)
        return gazetteer

    @property
    def fingerprint(self) -> str:
        """Names everything that decides this gazetteer's answers: the index's data version and
        the user supplement. Two gazetteers with one fingerprint answer alike, which is what
        lets stored results be reused and lets workers prove they match the run."""
        digest = hashlib.sha256(self.version.encode())
        digest.update(json.dumps(self.supplement_rows, sort_keys=True).encode())
        digest.update(json.dumps(sorted(self.extra.items())).encode())
        return digest.hexdigest()[:16]

    # -- adding names at run time (user supplement) ------------------------------------------
    def add_name(self, place_index: int, name: str, name_type: str) -> None:
        key = fold_key(name)
        if key:
            self.extra.setdefault(key, []).append((place_index, name, name_type))
            self._fuzzy_pool = None
            self._adjective_towns = {}

    def place_index(self, place_id: str) -> int | None:
        return self.index.index_of(place_id)

    def place(self, place_id: str) -> Place | None:
        index = self.index.index_of(place_id)
        return None if index is None else self.index.place(index)

    def names_for(self, place_ids: set[str], limit: int = 40) -> dict[str, list[str]]:
        """Every name (Latin or Cyrillic spelling) the gazetteer knows for these places, one scan
        of the index for all of them: what a map's search box should find them by."""
        wanted = {i: pid for pid in place_ids if (i := self.index.index_of(pid)) is not None}
        found: dict[str, dict[str, str]] = {pid: {} for pid in wanted.values()}
        places, names = self.index.entry_places, self.index.entry_names
        for position, place in enumerate(places):
            pid = wanted.get(place)
            if pid is not None and len(found[pid]) < limit:
                found[pid].setdefault(exact_key(names[position]), names[position])
        for entries in self.extra.values():
            for place, name, _type in entries:
                pid = wanted.get(place)
                if pid is not None:
                    found[pid].setdefault(exact_key(name), name)
        return {pid: sorted(spellings.values()) for pid, spellings in found.items()}

    # -- resolving ----------------------------------------------------------------------------
    def _entries(self, key: str) -> list[tuple[int, str, str]]:
        found = self.index.lookup(key)
        return found + self.extra[key] if key in self.extra else found

    def _hits(self, query: str) -> list[_Hit]:
        hits = []
        query_exact = exact_key(query)
        query_key = fold_key_of_exact(query_exact)
        for place, name, name_type in self._entries(query_key):
            how = "exact" if name == query or exact_key(name) == query_exact else "folded"
            hits.append(_Hit(place, name, name_type, how, name_score(name_type, how),
                             HOW_QUALITY[how] * NAME_QUALITY.get(name_type, 1.0)))
        if has_cyrillic(query) and not any(hit.how == "exact" for hit in hits):
            tried = {query_key}
            for analysers in (False, True):  # the table of endings first, pymorphy3 if needed
                found = False
                for form in lemma_forms(query_exact, analysers):
                    key = fold_key_of_exact(form)
                    if key in tried:
                        continue
                    tried.add(key)
                    for place, name, name_type in self._entries(key):
                        found = True
                        hits.append(_Hit(place, name, name_type, "inflected",
                                         name_score(name_type, "inflected"),
                                         HOW_QUALITY["inflected"]
                                         * NAME_QUALITY.get(name_type, 1.0)))
                if found:
                    break
        return hits

    def _fuzzy_hits(self, key: str) -> tuple[list[_Hit], list[str]]:
        hits, suggestions = [], []
        if self._fuzzy_pool is None:
            self._fuzzy_pool = fuzzy.FuzzyPool(self.index.salient_keys + list(self.extra))
        for near_key, _ratio in self._fuzzy_pool.near_keys(key):
            entries = self._entries(near_key)
            if not entries:
                continue
            best = max(entries, key=lambda e: (self.index.populations[e[0]], e[1]))
            suggestions.append(self.index.names[best[0]])
            if fuzzy.is_match(key, near_key):
                edits = fuzzy.edits(key, near_key)
                quality = fuzzy_quality(edits, len(key))
                for place, name, name_type in entries:
                    hits.append(_Hit(place, name, name_type, "fuzzy",
                                     name_score(name_type, "fuzzy", edits), quality))
        return hits, list(dict.fromkeys(suggestions))

    def resolve(self, query: str, near: tuple[float, float] | None = None,
                country: str | None = None, admin1: str | None = None,
                limit: int = 5, in_text: bool = False) -> Resolution:
        """Rank the places ``query`` may name. ``near`` (lat, lon), ``country`` (ISO alpha-2) and
        ``admin1`` (a region name) are optional context that favours candidates there; ``limit``
        caps the ranked candidates returned (the match included); ``in_text``: the query is a
        name found in an article, which an online answer that is no populated place (a river
        ``place --online`` found) never places, as a run asks online for populated places
        only. Reads only: nothing is written, nothing is asked online (see
        ``resolve_online``)."""
        context = Context(near=near, country=country, admin1=admin1)
        hits = self._hits(query)
        suggestions: list[str] = []
        if not hits:
            hits, suggestions = self._fuzzy_hits(fold_key(query))
        if in_text and self.not_in_text:
            hits = [hit for hit in hits if hit.place not in self.not_in_text]
        if not hits:
            return Resolution(query=query, match=None, suggestions=tuple(suggestions[:5]))
        resolution = self._rank(query, hits, context, limit, suggestions)
        if resolution.match.match_type == "fuzzy" and self._far_and_small(resolution.match.place):
            # one letter from a small town far from the war is most likely a name that is no
            # place at all (Macron, Macon): offer it, do not answer with it
            return Resolution(query=query, match=None, suggestions=tuple(suggestions[:5]))
        return resolution

    def _far_and_small(self, place: Place) -> bool:
        return not self.in_theatre(place) and place.population < FUZZY_FOREIGN_MIN_POPULATION

    def resolve_online(self, query: str, geocoder=None, **context) -> Resolution:
        """``resolve``, and when nothing matches offline, ask the online geocoder: its answer
        is cached in the user supplement (the one write) and added to this gazetteer, so the
        service is asked once per name. ``context`` as in ``resolve``."""
        resolution = self.resolve(query, **context)
        if resolution.match is None and not resolution.candidates and (
                user_supplement.cache_online_answer(self, query, geocoder)):
            return self.resolve(query, **context)
        return resolution

    def ask_online(self, name: str, *, countries: tuple[str, ...] = (),
                   viewbox: tuple[tuple[float, float], tuple[float, float]] | None = None,
                   geocoder=None) -> bool:
        """Ask the online geocoder (Nominatim, or ``geocoder``) for a populated place called
        ``name``, in ``countries`` and inside ``viewbox`` ((lat, lon) corners) when given,
        unless it was asked before: the answer, found or not, is cached in the user
        supplement; a place found is added to this gazetteer (name type ``online``). True
        when this gazetteer now has a place for it; a failing service is a warning, not an
        error (``user_supplement.cache_online_answer``)."""
        if geocoder is None:
            from .online import OnlineGeocoder

            geocoder = self._geocoder = getattr(self, "_geocoder", None) or OnlineGeocoder()
        return user_supplement.cache_online_answer(self, name, geocoder, countries=countries,
                                                   viewbox=viewbox, settlements_only=True)

    # -- what the article stages need to know about places -----------------------------------
    def findable_keys(self) -> list[str]:
        """The fold keys worth finding in running text: names of the theatre's places, regions,
        countries and big places elsewhere, and the user's names (not an online answer that is
        no populated place: see ``resolve``'s ``in_text``)."""
        return [*self.index.salient_keys,
                *(key for key, entries in self.extra.items()
                  if any(place not in self.not_in_text for place, _, _ in entries))]

    def towns_of_adjective(self, adjective: str) -> tuple[str, ...]:
        """The names of the theatre's settlements that a Russian or Ukrainian place adjective can
        be made from (``adjectives.town_forms``), best first by the score of the best place each
        names (name type, size, theatre): покровском -> ("Покровск", "Покров", ...),
        Костянтинівському -> ("Костянтинівка", "Костянтинів"); two-word names only when no
        one-word name fits (Краснолиманский -> "Красный Лиман"). A proposal counts only when it
        is a known name, spelled alike up to folding (no case ending, no misspelling); the
        adjective of a country or a region (украинском, кримський), or of a river, an area or a
        people (``data/non_town_adjectives.csv``: Придніпровському) names no town. Only places
        of the front's theatre count (prior 1: Ukraine and the Russian oblasts on its border):
        directions and units are named after them, not after Baltiysk or a Belarusian Turets."""
        found = self._adjective_towns.get(adjective)
        if found is None:
            found = self._adjective_towns[adjective] = self._towns_of_adjective(adjective)
        return found

    def _towns_of_adjective(self, adjective: str) -> tuple[str, ...]:
        idx = self.index
        if names_no_town(adjective):
            return ()
        for form in country_forms(adjective):
            if any(idx.kinds[place] in (COUNTRY, REGION)
                   for place, _, _ in self._entries(fold_key(form))):
                return ()
        for forms in (town_forms(adjective), compound_forms(adjective)):
            scores = self._town_scores(forms)
            if scores:
                return tuple(sorted(scores, key=lambda name: -scores[name]))
        return ()

    def _town_scores(self, forms: list[str]) -> dict[str, float]:
        """Each form that names a settlement of the front's theatre, spelled alike up to folding,
        with the score of the best such settlement (name type, size, theatre); of forms that
        fold alike, the one spelled as a name is kept."""
        idx, found = self.index, {}
        for form in forms:
            exact, key, best, spelled = exact_key(form), fold_key(form), None, False
            for place, name, name_type in self._entries(key):
                if idx.kinds[place] != SETTLEMENT or idx.priors[place] < FRONT_PRIOR:
                    continue
                how = "exact" if exact_key(name) == exact else "folded"
                score = name_score(name_type, how) + place_score(
                    idx.populations[place], idx.priors[place], idx.lats[place], idx.lons[place],
                    idx.countries[place], idx.admin1s[place], Context())
                best, spelled = max(best or score, score), spelled or how == "exact"
            if best is not None and (key not in found or spelled and not found[key][2]):
                title = " ".join(word[:1].upper() + word[1:] for word in form.split())
                found[key] = (title, max(best, found.get(key, (0, best))[1]), spelled)
        return {title: score for title, score, _ in found.values()}

    def in_theatre(self, place: Place) -> bool:
        """Ukraine, Russia or Belarus (a theatre prior above 0); a user's place counts by its
        country."""
        index = self.index.index_of(place.place_id)
        return index is not None and self.index.priors[index] > 0.0

    def on_the_front(self, place: Place) -> bool:
        """Ukraine and the Russian oblasts on its border (the theatre prior of 1)."""
        index = self.index.index_of(place.place_id)
        return index is not None and self.index.priors[index] >= 1.0

    def is_national_capital(self, place: Place) -> bool:
        """A country's capital (Moscow, Kyiv, Washington): such a name often stands for a
        government ("Moscow said")."""
        return place.kind == SETTLEMENT and (place.country, place.name) in _capitals()

    def _rank(self, query, hits, context, limit, suggestions) -> Resolution:
        idx = self.index
        best: dict[int, _Hit] = {}
        for hit in hits:
            held = best.get(hit.place)  # on a tie, the name the query spelled: the better match
            if held is None or (hit.score, hit.quality) > (held.score, held.quality):
                best[hit.place] = hit
        scored = []
        for place, hit in best.items():
            total = hit.score + place_score(
                idx.populations[place], idx.priors[place], idx.lats[place], idx.lons[place],
                idx.countries[place], idx.admin1s[place], context)
            scored.append((round(total, 4), place, hit))
        scored.sort(key=lambda item: (-item[0], item[1]))
        match_types = {"exact": None, "inflected": "inflected", "folded": "transliteration",
                       "fuzzy": "fuzzy"}
        ranked = judge(
            Candidate(idx.place(place), hit.name, match_types[hit.how] or hit.name_type, 0.0,
                      total, hit.quality) for total, place, hit in scored)
        candidates = ranked.candidates[:limit]
        return Resolution(query=query, match=candidates[0], candidates=candidates[1:],
                          ambiguous=ranked.ambiguous, suggestions=tuple(suggestions[:5]))


@lru_cache(maxsize=1)
def _capitals() -> frozenset[tuple[str, str]]:
    return frozenset((iso, c.get("capital") or "") for iso, c in geonames_countries().items())


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """Exact keys of common words that are also place names (``data/stopwords.csv``): never a
    place when found alone in running text."""
    return frozenset(exact_key(row["word"]) for row in read_curated("stopwords.csv"))
