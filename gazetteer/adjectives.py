"""Russian and Ukrainian place adjectives -> the nominatives of the towns they are made from.

War reports name a town through its adjective: a direction (на покровском направлении, на
Костянтинівському напрямку) or an administrative unit named after its centre (Ізюмського
району, Андріївської громади). The adjective is the town's stem plus -ськ-/-ск- (-цьк-/-цк-
after ц, -зьк- after з/ж) plus an adjectival ending; this module undoes that and proposes the
nominatives the stem can come from:

- the stem with its -ськ/-ск: Покровський -> Покровськ, Донецкий -> Донецк, Купянский -> Купянск;
- the bare stem: Лиманський -> Лиман, Мариупольский -> Мариуполь, Мирноградский -> Мирноград;
- stem + -ка: Костянтинівський -> Костянтинівка, Андріївської -> Андріївка, Горловский -> Горловка;
- a stem in -ін/-ин + -е/-о: Шебекинский -> Шебекино, Роботинський -> Роботине;
- a stem in -ан/-ин/-ін less that syllable, + -а: Суджанский -> Суджа, Ялтинский -> Ялта;
- a stem in -ів/-ов/-ев + -ове/-ово: Курахівський -> Курахове, Сватовский -> Сватово;
- a stem in -ль/-іль + -е/-лля: Гуляйпольский -> Гуляйполе, Добропольский -> Доброполье,
  Добропільський -> Добропілля, Гуляйпільський -> Гуляйполе;
- a stem in -ж (-з before -ьк) + -ье/-жжя: Запорожский -> Запорожье, Запорізький -> Запоріжжя;
- stem + -и/-ы (a plural name): Сумський -> Суми.

Proposals are strings, most likely first; which of them are names of places is the gazetteer's
business (``Gazetteer.towns_of_adjective``). The adjective's own neuter form is never proposed:
Дніпровське the village is not what "Дніпровський район" is named after.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .sources import read_curated

# An adjective of a place: a stem, the suffix -ськ-/-ск- (-цьк-/-цк-, -зьк-), an ending of any
# case, gender or number, Russian or Ukrainian.
_ADJECTIVE = re.compile(
    r"^(?P<stem>[а-яёіїєґ'’ʼ-]{3,}?)(?P<suffix>ськ|цьк|зьк|ск|цк)"
    r"(?P<ending>ий|ый|ой|ая|ое|ого|ому|ом|ую|ые|ых|ым|ыми|ими|им|их|ие|ей|ою|ій|ої|ім|"
    r"а|е|і|у)$")
_MIN_CORE = 5  # letters of stem + suffix: Курск, not Ск


def town_forms(adjective: str) -> list[str]:
    """The nominatives a place adjective can be made from, lower-case, most likely first; []
    when the word is not a place adjective (southern, the next)."""
    match = _ADJECTIVE.match(_plain(adjective))
    return list(_stem_forms(*_stem_and_suffix(match))) if match else []


def compound_forms(adjective: str) -> list[str]:
    """The two-word names a compound place adjective can be made from, for when no one-word
    name fits: the first part an adjective or a possessive, the second a noun, joined by -о-:
    Краснолиманский -> Красный Лиман, Великоновосілківський -> Велика Новосілка,
    Часовоярський -> Часов Яр / Часів Яр."""
    match = _ADJECTIVE.match(_plain(adjective))
    return list(_compound_forms(*_stem_and_suffix(match))) if match else []


def _plain(adjective: str) -> str:
    return adjective.lower().replace("’", "'").replace("ʼ", "'")


def _stem_and_suffix(match: re.Match) -> tuple[str, str]:
    stem, suffix = match.group("stem"), match.group("suffix")
    if suffix in ("цк", "цьк"):  # Донецк -> донецкий: the ц is the stem's
        return stem + "ц", suffix[1:]
    return stem, suffix


@lru_cache(maxsize=4096)
def _stem_forms(stem: str, suffix: str) -> tuple[str, ...]:
    core = stem + suffix
    if len(core) < _MIN_CORE:
        return ()
    forms = [core, stem, stem + "ка"]
    if stem.endswith(("ин", "ін")):
        forms += [stem + "о", stem + "е"]
    if stem.endswith(("ан", "ин", "ін")):
        forms.append(stem[:-2] + "а")
    if stem.endswith(("ів", "ов", "ев")):
        forms += [stem[:-2] + "ове", stem[:-2] + "ово"]
    if stem.endswith(("ків", "ков")):
        forms.append(stem[:-2] + "а")
    if stem.endswith("іль"):
        forms += [stem[:-1] + "ля", stem[:-3] + "оле"]
    elif stem.endswith("ль"):
        forms += [stem + "е", stem[:-1] + "е"]
    if suffix == "зьк":
        forms.append(stem + "жжя")
    elif stem.endswith("ж"):
        forms.append(stem + "ье")
    if stem[-1] not in "ьйіїаеиоуяюєыэ":
        forms += [stem + "и", stem + "ы"]
    return tuple(dict.fromkeys(f for f in forms if len(f) >= 3))


# The first part of a compound name, as an adjective of either gender (Красный, Велика) or as a
# possessive (Часов Яр, Часів Яр).
_FIRST_PART_ENDINGS = ("ый", "ий", "ая", "а", "ое", "е", "")


@lru_cache(maxsize=4096)
def _compound_forms(stem: str, suffix: str) -> tuple[str, ...]:
    forms = []
    for joint in range(3, len(stem) - 2):
        if stem[joint] != "о":
            continue
        first, second = stem[:joint], stem[joint + 1:]
        firsts = [first + ending for ending in _FIRST_PART_ENDINGS]
        if first.endswith("ов"):
            firsts.append(first[:-2] + "ів")
        seconds = [second, *_stem_forms(second, suffix)] if len(second) < 3 else _stem_forms(
            second, suffix) or (second,)
        forms += [f"{a} {b}" for a in firsts for b in seconds]
    return tuple(dict.fromkeys(forms))


def names_no_town(adjective: str) -> bool:
    """A curated adjective of a river, a historical region or a people that reports use for a
    direction (Придніпровському напрямку, на днепровском направлении, на британском
    направлении): it names no town, even when a town bears a name its stem leads to
    (``data/non_town_adjectives.csv``, each with its source)."""
    return _core(adjective) in _non_town_cores()


@lru_cache(maxsize=1)
def _non_town_cores() -> frozenset[str]:
    return frozenset(filter(None, (_core(row["word"]) for row in read_curated(
        "non_town_adjectives.csv"))))


def _core(adjective: str) -> str | None:
    match = _ADJECTIVE.match(_plain(adjective))
    return match.group("stem") + match.group("suffix") if match else None


def country_forms(adjective: str) -> list[str]:
    """The nominatives a country's or a region's adjective is made from (українська -> Україна,
    российский -> Россия, кримський -> Крим): a town named like them (Украинск) is not what
    such an adjective means."""
    match = _ADJECTIVE.match(adjective.lower())
    if not match:
        return []
    stem = match.group("stem")
    return [stem, stem + "а", stem + "я", stem + "ия", stem + "ія"]
