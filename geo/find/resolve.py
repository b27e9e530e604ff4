"""Resolve an article's name spans jointly: the article is the context of each name.

Per span the gazetteer proposes ranked candidates (``candidates``); then, for the whole article,
in this order:

1. ``filters``: spans that are not place mentions are dropped (surnames, longer proper nouns,
   short all-caps words, foreign hamlets met by an alternate name);
2. ``aliases``: in-text aliases are learned ("Pokrovsk (known as Krasnoarmeysk)"), and
   ``locators``: the oblast, raion or hromada phrase after a name says where that one is;
3. ``classify.role``: capitals that act ("Moscow said") are marked first, since a government
   speaking vouches for nothing about where the other places are;
4. ``coherence``: candidates near the article's confident places and inside the regions it
   names gain; a bare oblast-centre name in a report about that oblast is read as the oblast;
   then each span's verdict: resolved, ambiguous or unresolved (never placed outside the
   oblast its own phrase names: ``locators.overrule``).
"""

from __future__ import annotations

from gazetteer import Gazetteer
from geo.classify.role import role_of
from geo.find import aliases, coherence, filters, locators
from geo.find.candidates import (
    CANDIDATES_PER_SPAN,
    CachedCandidates,
    Lookup,
    Resolved,
    candidates_of,
)
from geo.find.recognise import Span


def resolve_spans(text: str, spans: list[Span], gazetteer: Gazetteer,
                  lookup: Lookup | None = None,
                  candidates: CachedCandidates | None = None) -> list[Resolved]:
    """The article's spans, resolved in the context of each other (see the module docstring).

    ``lookup`` answers one gazetteer query (default: ``gazetteer.resolve``); a caller that runs
    many articles passes a cached one, as names repeat from article to article, and so the
    ``candidates`` of each span (``CachedCandidates`` over that lookup)."""
    lookup = lookup or (lambda query: gazetteer.resolve(query, limit=CANDIDATES_PER_SPAN,
                                                        in_text=True))
    candidates = candidates or (lambda span: candidates_of(span, lookup))
    items = [Resolved(span, *candidates(span)) for span in spans]
    items = filters.place_mentions(text, items, gazetteer)
    aliases.learn_aliases(text, items)
    items += aliases.alias_recurrences(text, items)
    locators.locate(text, items, gazetteer, lookup)
    regions = coherence.region_hints(items)
    for item in items:
        item.role = role_of(text, item, gazetteer)
    coherence.rerank_in_context(items, regions)
    aliases.apply_aliases(items)
    coherence.region_readings(text, items, regions, lookup)
    coherence.verdicts(items, gazetteer)
    locators.overrule(items)
    for item in items:
        item.role = role_of(text, item, gazetteer)
    return sorted(items, key=lambda item: item.span.start)
