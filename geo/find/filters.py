"""What is not a place mention, though the gazetteer knows the name.

- one- or two-letter words, and short all-caps words that are not a region or country (BM, BA);
- names of places outside the theatre met through anything but their GeoNames name (GeoNames
  lists "Main" and "Lies" as names of German and English towns);
- names that are part of a longer proper noun (Vladimir Putin, Johns Hopkins, Wagner Group);
  an oblast, raion or hromada adjective after a name is not one (Липцы Харьковской области);
- a small place's name in surname position (Gen. Oleksandr Syrskyi), and then all article long;
- a settlement's name followed by "said" (a person), unless it is a capital ("Moscow said" is a
  government: ``classify.role``).
"""

from __future__ import annotations

import re

from gazetteer import COUNTRY, REGION, SETTLEMENT, Gazetteer, fold_key
from geo.find import locators
from geo.find.candidates import Resolved, spelled_as
from geo.find.recognise import Span

# Above this population a capitalised word before the name is more likely a headline fragment
# ("Military Hub Pokrovsk") than a first name.
SURNAME_MAX_POPULATION = 20000

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


def place_mentions(text: str, items: list[Resolved], gazetteer: Gazetteer) -> list[Resolved]:
    """The items that are place mentions. A name once seen in surname position (Oleksandr
    Syrskyi) is a surname all article long."""
    surnames = {fold_key(i.span.surface) for i in items if _could_be_surname(text, i)}
    return [item for item in items if fold_key(item.span.surface) not in surnames
            and _is_place_mention(text, item, gazetteer)]


def _is_place_mention(text: str, item: Resolved, gazetteer: Gazetteer) -> bool:
    span, best = item.span, item.best
    letters = [c for c in span.surface if c.isalpha()]
    if len(letters) <= 2:
        return False
    if span.surface.isupper() and len(letters) <= 4 and not (
            best and best.place.kind in (REGION, COUNTRY)):
        return False
    if _before_proper_noun(text, span) or _could_be_surname(text, item):
        return False
    if best is None:
        return not span.known
    if best.place.kind == SETTLEMENT and _SPEECH_AFTER.match(text[span.end:span.end + 20]) and (
            not gazetteer.is_national_capital(best.place)):
        return False  # "Syrskyi said": a person; "Moscow said" is handled as an actor
    # a place outside the theatre only by its GeoNames name, spelled as such
    foreign = best.place.kind == SETTLEMENT and not gazetteer.in_theatre(best.place)
    return not foreign or (spelled_as(best, span.surface) and best.match_type == "official")


def _could_be_surname(text: str, item: Resolved) -> bool:
    """In surname position, and not a town big enough that a capitalised word before it is more
    likely a headline fragment ("Military Hub Pokrovsk") than a first name."""
    big = item.best is not None and item.best.place.population >= SURNAME_MAX_POPULATION
    return not big and _surname_position(text, item.span)


def _before_proper_noun(text: str, span: Span) -> bool:
    """Vladimir Putin, Johns Hopkins, Wagner Group: a capitalised word follows."""
    after = text[span.end:span.end + 40]
    return bool(_CAPITALISED_WORD.match(after) and not _GEOGRAPHIC_NEXT.match(after)
                and not locators.follows_name(text, span.end)
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
