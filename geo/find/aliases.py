"""In-text aliases: "Pokrovsk (known as Krasnoarmeysk in Russian)", "Myrnohrad (formerly
Dimitrov)", "Krasnoarmeysk (Pokrovsk)". Both names then stand for the confident one's place, in
every sentence of the article, and later bare occurrences of the learned name are found too.
"""

from __future__ import annotations

import re
from dataclasses import replace

from gazetteer import REGION, fold_key
from geo.find.candidates import Resolved
from geo.find.recognise import Span

# The keeper of a pair must be at least this sure of its place.
ANCHOR_CONFIDENCE = 0.75

_ALIAS_WORDS = (r"(?:(?:also\s+)?known\s+as|formerly|previously|once|called|renamed(?:\s+to)?|"
                r"now|aka|ранее|бывший|бывш\.|колишній|також|также)")
# "A (B", "A (known as B", "A, formerly B": the text between two names that makes B an alias.
_ALIAS_BETWEEN = re.compile(
    rf"\s*(?:\(\s*(?:{_ALIAS_WORDS}\s*)?|,\s*{_ALIAS_WORDS}\s*|\s+{_ALIAS_WORDS}\s+)$",
    re.IGNORECASE)


def learn_aliases(text: str, items: list[Resolved]) -> None:
    """Link "A (known as B)" pairs, then every other occurrence of the learned name."""
    learned: dict[str, int] = {}
    for index in range(len(items) - 1):
        first, second = items[index], items[index + 1]
        if not _ALIAS_BETWEEN.match(text, first.span.end, second.span.start) or (
                _locates(first, second)):
            continue
        keeper, taker = (index, index + 1)
        if _strength(second) > _strength(first):
            keeper, taker = index + 1, index
        if _strength(items[keeper]) >= ANCHOR_CONFIDENCE:
            items[taker].alias_of = keeper
            learned[fold_key(items[taker].span.surface)] = keeper
    if not learned:
        return
    for index, item in enumerate(items):
        key = fold_key(item.span.surface)
        keeper = learned.get(key)
        if item.alias_of is None and keeper not in (None, index) and (
                _strength(item) < _strength(items[keeper])):
            item.alias_of = keeper


def alias_recurrences(text: str, items: list[Resolved]) -> list[Resolved]:
    """Later bare occurrences of a learned alias (after "Pokrovsk (known as X in Russian)", a
    plain "X was quiet"), which no context would have found on their own."""
    takers = [item for item in items if item.alias_of is not None]
    if not takers:  # most articles: no alias learned
        return []
    covered = [(item.span.start, item.span.end) for item in items]
    out = []
    for item in takers:
        name = re.escape(item.span.surface)
        # the name first and its left edge checked behind it: a pattern that opens with a
        # literal is searched for in C, not tried at every position of the text
        pattern = re.compile(rf"{name}(?<![\w'’-]{name})(?![\w-])")
        for match in pattern.finditer(text):
            if any(start < match.end() and match.start() < end for start, end in covered):
                continue
            span = Span(match.start(), match.end(), match.group(), (match.group(),), known=False)
            out.append(Resolved(span, alias_of=item.alias_of))
            covered.append((match.start(), match.end()))
    return out


def _locates(first: Resolved, second: Resolved) -> bool:
    """"Золочів (Харківська область)", "Donetsk (DPR)": a region after a place that is not one
    says where the place is; it is not another name of it."""
    kind = first.best.place.kind if first.best else None
    return second.best is not None and second.best.place.kind == REGION and kind != REGION


def _strength(item: Resolved) -> float:
    return item.best.confidence if item.best else 0.0


def apply_aliases(items: list[Resolved]) -> None:
    for item in items:
        if item.alias_of is not None:
            keeper = items[item.alias_of]
            while keeper.alias_of is not None:
                keeper = items[keeper.alias_of]
            item.candidates = [
                replace(c, matched_name=item.span.surface, match_type="in-text alias")
                for c in keeper.candidates]
