"""Dates for the map: when an article was published, and when the events of a sentence happened.

A map by date needs a date on every mention, but war reports date things loosely: a byline stamp
(``14:56 GMT 07.11.2025``), a date in the URL, "MOSCOW, November 10" with no year, "late
Tuesday", "вчера", "у середу", and background: "the February 2022 invasion", "since 2014", "since
it captured Bakhmut in May 2023". Two entry points turn that into dates:

- ``publication``: metadata first, then the URL's date, then a dateline near the top of the text,
  then the latest date the text mentions that is not background; every answer says where it came
  from (``schema.PublishedSource``) and whether the article itself fixes the year. When it does
  not, the run may give the year from its other articles on the same places (``anchor``: see
  ``geo.run.corpus``).
- ``event_date`` / ``SentenceDates``: the date of the clause a name stands in, resolved against the
  publication date; without one, the mention takes the publication date (``schema.DateSource``).

Both work from compiled regexes over a few expression shapes, in English, Russian and Ukrainian,
rather than ``dateparser.search``: that one costs milliseconds per sentence and reads counts,
times and unit names ("four prisoners", "T-90M", "1920") as dates. Once a regex has the day,
month and year, turning them into a date is arithmetic, so dateparser is not needed here either.

A date is possible only from 1990 up to the day it is compared with (the run date for a
publication, the publication for an event): later or earlier dates are ignored, never used.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import NamedTuple
from urllib.parse import urlsplit

from geo.read.patterns import trie
from geo.schema import DateSource, PublishedSource

_EARLIEST = date(1990, 1, 1)
# Bylines and datelines sit at the top of an article: look no further for them.
_HEAD_LINES = 15
_HEAD_CHARS = 1500

# Month names in every case the reports use: English full and abbreviated, Russian and Ukrainian
# as stem + endings (ноябрь ноября ноябре ноябрём; листопад листопада листопаді листопадом).
_EN_MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip
_RU_SOFT = ("ь", "я", "е", "ю", "ём", "ем")
_RU_HARD = ("", "а", "е", "у", "ом")
_UK_SOFT = ("ень", "ня", "ні", "нем", "ню")
_CYRILLIC_MONTHS = (
    (1, "январ", _RU_SOFT), (2, "феврал", _RU_SOFT), (3, "март", _RU_HARD),
    (4, "апрел", _RU_SOFT), (5, "ма", ("й", "я", "е", "ю", "ем")), (6, "июн", _RU_SOFT),
    (7, "июл", _RU_SOFT), (8, "август", _RU_HARD), (9, "сентябр", _RU_SOFT),
    (10, "октябр", _RU_SOFT), (11, "ноябр", _RU_SOFT), (12, "декабр", _RU_SOFT),
    (1, "січ", _UK_SOFT), (2, "лют", ("ий", "ого", "ому", "им")), (3, "берез", _UK_SOFT),
    (4, "квіт", _UK_SOFT), (5, "трав", _UK_SOFT), (6, "черв", _UK_SOFT), (7, "лип", _UK_SOFT),
    (8, "серп", _UK_SOFT), (9, "верес", _UK_SOFT), (10, "жовт", _UK_SOFT),
    (11, "листопад", ("", "а", "і", "у", "ом", "ові")), (12, "груд", _UK_SOFT),
)  # fmt: skip


def _month_table() -> dict[str, int]:
    table = {}
    for number, name in enumerate(_EN_MONTHS, start=1):
        table[name] = table[name[:3]] = number
    table["sept"] = 9
    for number, stem, endings in _CYRILLIC_MONTHS:
        table.update((stem + ending, number) for ending in endings)
    return table


_MONTHS = _month_table()
# Weekdays: English names, Russian and Ukrainian in the accusative of "в среду", "у п'ятницю".
_WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
    "понедельник": 0, "вторник": 1, "среду": 2, "четверг": 3, "пятницу": 4, "субботу": 5,
    "воскресенье": 6,
    "понеділок": 0, "вівторок": 1, "середу": 2, "четвер": 3, "пятницю": 4, "суботу": 5,
    "неділю": 6,
}  # fmt: skip
# Words for "back from the publication day", keyed by the lower-cased, space-collapsed match.
_RELATIVE_DAYS = {
    "today": 0, "tonight": 0, "this morning": 0, "сегодня": 0, "сьогодні": 0,
    "yesterday": 1, "вчера": 1, "вчора": 1, "учора": 1,
    "the day before yesterday": 2, "позавчера": 2, "позавчора": 2,
    "last week": 7, "на прошлой неделе": 7, "на минувшей неделе": 7, "минулого тижня": 7,
    "на минулому тижні": 7,
}  # fmt: skip
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "два": 2, "две": 2, "дві": 2, "три": 3, "четыре": 4,
    "чотири": 4, "пять": 5, "шесть": 6, "шість": 6, "семь": 7, "сім": 7,
}  # fmt: skip
_WEEK_UNITS = ("week", "недел", "тижн", "тижд")  # "two weeks ago", "неделю назад", "тиждень тому"
_PLURAL_UNITS = ("days", "weeks", "дней", "днів", "тижні")  # need a number: "days ago" is vague


def _words(words: Iterable[str]) -> str:
    """A regex alternation of words or phrases, longest first so none shadows a longer one."""
    phrases = sorted(words, key=len, reverse=True)
    return "|".join(r"\s+".join(map(re.escape, phrase.split())) for phrase in phrases)


_APOSTROPHE = "['’ʼ`]"
# A month is a whole word (``(?!\w)``), so a trie finds the same one as the alternation, and
# twice as fast: the big expression tries the month names at every word start.
_MONTH = rf"(?:{trie(_MONTHS)})(?!\w)\.?"
_YEAR = r"(?:19|20)\d{2}(?!\d)"
_DAY = r"(?<![\d.,:])\d{1,2}(?:st|nd|rd|th|-?(?:го|ого|е))?"
_DAY_RANGE_END = r"(?:\s*[-–—]\s*\d{1,2}(?:st|nd|rd|th)?)?"  # "12-13 November" is the 12th
_WEEKDAY_EN = _words(list(_WEEKDAYS)[:7])
_WEEKDAY_CY = _words(list(_WEEKDAYS)[7:]).replace("пятни", f"п{_APOSTROPHE}?ятни")
# "the last week" and "протягом минулого тижня" (during the last week) are durations.
_RELATIVE = _words(k for k in _RELATIVE_DAYS if k not in ("last week", "минулого тижня")) + (
    r"|(?<!the\s)last\s+week|(?<!протягом\s)минулого\s+тижня"
)
_NUMBER = _words(_NUMBER_WORDS).replace("пять", f"п{_APOSTROPHE}?ять")

# One pass finds every expression; each alternative is a named group telling its shape. It runs
# on lower-cased text without IGNORECASE (three times faster), and tries the shapes that open
# with a digit only where a digit is, the others only where a word starts. Full dates come before
# the shorter shapes they contain (month-year, day-month).
_DIGIT_SHAPES = rf"""
    (?P<iso>(?<![\d.-])(?P<iso_y>{_YEAR})-(?P<iso_m>\d{{1,2}})-(?P<iso_d>\d{{1,2}})(?!\d))
    |(?P<numeric>(?<![\d.,:/])(?P<num_d>\d{{1,2}})(?P<num_sep>[./])(?P<num_m>\d{{1,2}})
        (?P=num_sep)(?P<num_y>{_YEAR})(?![./]\d))
    |(?P<day_month_year>(?P<dmy_d>{_DAY}){_DAY_RANGE_END}(?:\s+of)?\s+(?P<dmy_m>{_MONTH}),?\s+
        (?P<dmy_y>{_YEAR}))
    |(?P<day_month>(?P<dm_d>{_DAY}){_DAY_RANGE_END}(?:\s+of)?\s+(?P<dm_m>{_MONTH}))
"""
_MONTH_SHAPES = rf"""
    (?P<month_day_year>(?P<mdy_m>{_MONTH})\s+(?P<mdy_d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+
        (?P<mdy_y>{_YEAR}))
    |(?P<month_year>(?P<my_m>{_MONTH}),?\s+(?:of\s+)?(?P<my_y>{_YEAR}))
    |(?P<month_day>(?P<md_m>{_MONTH})\s+(?P<md_d>\d{{1,2}})(?:st|nd|rd|th)?(?![\d:]))
"""
# The shapes with no month: each holds a word of ``_MAY_HAVE_DATE`` (a weekday, "yesterday",
# "days", "тиждень"), so a text without one is searched without them (``_EXPRESSION_DATES``).
_WORD_SHAPES = rf"""
    (?P<weekday>(?:(?P<wd_mod>last|past|previous|next|coming|following|every|each|until
        |till|by|before)\s+)?(?P<wd_en>{_WEEKDAY_EN})(?!\w))
    |(?P<weekday_cy>(?:в|во|у|на)\s+(?:(?P<wdc_mod>прошл\w+|минувш\w+|минул\w+|следующ\w+
        |наступн\w+|ближайш\w+|найближч\w+|эту|этот|цю|цей)\s+)?(?P<wd_cy>{_WEEKDAY_CY})(?!\w))
    |(?P<relative>(?:{_RELATIVE})(?!\w))
    |(?P<ago>(?:(?P<ago_n>\d{{1,2}}|{_NUMBER})\s+)?(?P<ago_unit>days?|weeks?|дн(?:я|ей|і|ів)
        |день|недел[юиь]|тижн(?:і|ів)|тиждень)\s+(?:ago|назад|тому)(?!\w))
"""
_EXPRESSION_PATTERN = rf"(?=\d)(?:{_DIGIT_SHAPES})|\b(?=\w)(?:{_MONTH_SHAPES}|{_WORD_SHAPES})"
_EXPRESSION = re.compile(_EXPRESSION_PATTERN, re.VERBOSE)
_EXPRESSION_DATES = re.compile(rf"(?=\d)(?:{_DIGIT_SHAPES})|\b(?=\w)(?:{_MONTH_SHAPES})",
                               re.VERBOSE)
# For the rare text whose lower-casing changes its length (offsets would no longer match).
_EXPRESSION_ANY_CASE = re.compile(_EXPRESSION_PATTERN, re.VERBOSE | re.IGNORECASE)
# Lower-cased sentences with no digit and none of these cannot hold an expression: they skip the
# big regex (substring tests cost far less than the regex).
_DIGIT = re.compile(r"\d")
_MAY_HAVE_DATE = (
    "day", "yester", "tonight", "morning", "week", "вчер", "вчор", "учор", "сегодн", "сьогодн",
    "недел", "тижн", "тижд", "дня", "дне", "дні", "день", "понедел", "вторник", "среду", "четверг",
    "ятниц", "суббот", "воскрес", "понеділ", "вівтор", "середу", "четвер", "субот", "неділ",
)  # fmt: skip
_MAY_HAVE_DATE_WORD = re.compile(trie(_MAY_HAVE_DATE))  # one search, not one per word
_LAST = ("last", "past", "previous", "прошл", "минувш", "минул")
# Weekdays after these are in the future or are not one day ("next Friday", "every Monday").
_NOT_PAST = ("next", "coming", "following", "every", "each", "until", "till", "by", "before",
             "следующ", "наступн", "ближайш", "найближч")  # fmt: skip


class _Expression(NamedTuple):
    """One temporal expression: a full date, a month, a year-less day, a weekday or days back.
    A named tuple, not a frozen dataclass: a sentence makes one per match, and a frozen
    dataclass sets each of its ten fields through a call of ``object.__setattr__``."""

    kind: str  # date | month | day | weekday | relative
    start: int
    end: int
    year: int = 0
    month: int = 0
    day: int = 0
    weekday: int = 0
    last: bool = False  # "last Tuesday": strictly before the publication day
    days_back: int = 0
    named_weekday: int = -1  # a date's own weekday, as written with it ("Thursday, January 19")


def _month(match: re.Match, group: str, text: str) -> int | None:
    """Month number of a matched month word; English ones must be capitalised ("may" is a verb).
    ``text`` is the original text: the match may have run on its lower-cased copy."""
    start, end = match.span(group)
    token = text[start:end]
    word = token.rstrip(".").casefold()
    if word.isascii() and token[0].islower():
        return None
    return _MONTHS.get(word)


# Compiled once here rather than looked up in ``re``'s cache at each call (a Python call each).
_DIGITS = re.compile(r"\d+")
_APOSTROPHES = re.compile(_APOSTROPHE)
_WORD = re.compile(r"\w+")


def _number(token: str) -> int:
    digits = _DIGITS.match(token)
    return int(digits.group()) if digits else 0


def _weekday(match: re.Match, start: int, end: int) -> _Expression | None:
    modifier = (match["wd_mod"] or match["wdc_mod"] or "").casefold()
    if modifier.startswith(_NOT_PAST):
        return None
    name = _APOSTROPHES.sub("", (match["wd_en"] or match["wd_cy"]).casefold())
    last = modifier.startswith(_LAST)
    return _Expression("weekday", start, end, weekday=_WEEKDAYS[name], last=last)


def _ago(match: re.Match, start: int, end: int) -> _Expression | None:
    count, unit = match["ago_n"], match["ago_unit"].casefold()
    if count is None and unit.startswith(_PLURAL_UNITS):
        return None
    if count is None:
        number = 1
    else:
        number = _number(count) or _NUMBER_WORDS[_APOSTROPHES.sub("", count.casefold())]
    days = 7 if unit.startswith(_WEEK_UNITS) else 1
    return _Expression("relative", start, end, days_back=number * days)


# The names of each full-date shape's year, month and day groups.
_FULL_DATE_GROUPS = {
    shape: (f"{prefix}_y", f"{prefix}_m", f"{prefix}_d") for shape, prefix in (
        ("iso", "iso"), ("numeric", "num"), ("day_month_year", "dmy"), ("month_day_year", "mdy"))
}

_DAY_GROUPS = {"day_month": ("dm_m", "dm_d"), "month_day": ("md_m", "md_d")}  # month, day


def _to_expression(match: re.Match, text: str) -> _Expression | None:
    """The expression a match stands for, or None when the match is not one after all."""
    shape, start, end = match.lastgroup, match.start(), match.end()
    if shape in _FULL_DATE_GROUPS:
        year_group, month_group, day_group = _FULL_DATE_GROUPS[shape]
        month_text = match[month_group]
        month = int(month_text) if month_text.isdigit() else _month(match, month_group, text)
        day = _number(match[day_group])
        if shape == "numeric" and match["num_sep"] == "/" and month and month > 12 >= day:
            day, month = month, day  # 11/25/2025: an American slash date, the only other reading
        return _Expression("date", start, end, _number(match[year_group]), month or 0, day)
    if shape == "month_year":
        month = _month(match, "my_m", text)
        return _Expression("month", start, end, int(match["my_y"]), month) if month else None
    if shape in _DAY_GROUPS:
        month_group, day_group = _DAY_GROUPS[shape]
        month = _month(match, month_group, text)
        day = _number(match[day_group])
        return _Expression("day", start, end, 0, month, day) if month else None
    if shape in ("weekday", "weekday_cy"):
        return _weekday(match, start, end)
    if shape == "relative":
        key = " ".join(match.group().casefold().split())
        return _Expression("relative", start, end, days_back=_RELATIVE_DAYS[key])
    return _ago(match, start, end)


def _expressions(text: str, lowered: str | None = None, *,
                 words: bool = True) -> Iterator[_Expression]:
    """Every temporal expression of the text, in order. A weekday directly followed by a date
    ("Wednesday, November 12", "в четверг, 19 января") gives way to the date, which keeps it as
    its ``named_weekday``. ``lowered``: ``text.lower()``, when the caller has it; ``words``:
    False when ``lowered`` holds no word of ``_MAY_HAVE_DATE``, so the shapes that need one
    are not tried (they could match nowhere)."""
    lowered = text.lower() if lowered is None else lowered
    matches = (
        (_EXPRESSION if words else _EXPRESSION_DATES).finditer(lowered)
        if len(lowered) == len(text)
        else _EXPRESSION_ANY_CASE.finditer(text)
    )
    previous: _Expression | None = None
    for match in matches:
        expression = _to_expression(match, text)
        if expression is None:
            continue
        if previous is not None:
            if (previous.kind == "weekday" and expression.kind in ("date", "day")
                    and not text[previous.end : expression.start].strip(" ,")):
                expression = expression._replace(start=previous.start,
                                                 named_weekday=previous.weekday)
            else:
                yield previous
        previous = expression
    if previous is not None:
        yield previous


def _as_date(value: date | None) -> date | None:
    return value.date() if isinstance(value, datetime) else value


def _possible(day: date | None, latest: date | None) -> bool:
    return day is not None and day >= _EARLIEST and (latest is None or day <= latest)


def _full_date(expression: _Expression) -> date | None:
    """The date of a full date or (its 1st) of a month-year; None for impossible ones."""
    try:
        return date(expression.year, expression.month, expression.day or 1)
    except ValueError:
        return None  # 45.13.2025


def _in_year(expression: _Expression, year: int) -> date | None:
    try:
        return date(year, expression.month, expression.day)
    except ValueError:
        return None  # 29 February of a common year, 31 April


def _year_less(expression: _Expression, year: int, latest: date) -> date | None:
    """A year-less day in ``year``, or the year before when that would be after ``latest``."""
    for candidate in range(year, year - 8, -1):  # 29 February looks back to a leap year
        day = _in_year(expression, candidate)
        if day is not None and day <= latest:
            return day
    return None


def _on_weekday(expression: _Expression, weekday: int, latest: date) -> date | None:
    """A year-less day in the latest year, up to ``latest``, in which it falls on ``weekday``
    (rule 2: "в четверг, 19 января", "MOSCOW, January 19 ... said on Thursday")."""
    for year in range(latest.year, _EARLIEST.year - 1, -1):
        day = _in_year(expression, year)
        if day is not None and day <= latest and day.weekday() == weekday:
            return day
    return None


def _nearest(expression: _Expression, anchor: date, latest: date) -> date | None:
    """A year-less day in the year that puts it nearest ``anchor``, never after ``latest``."""
    days = [day for year in (anchor.year - 1, anchor.year, anchor.year + 1)
            if (day := _in_year(expression, year)) is not None and day <= latest]
    return min(days, key=lambda day: abs((day - anchor).days), default=None)


# -- clauses: which words a date belongs to, and which dates are background ---------------------
# A date dates its own clause. Clauses are cut at punctuation and at sentence and line ends; a
# clause opened by a subordinating word ("since it captured Bakhmut in May 2023", "после взятия
# Артемовска в мае 2023 года", "який відступив 3 листопада") is subordinate: its date is only
# its own. A date right after the opening word ("since early October 2024", "after the November
# 2 raid") is a time adverbial of the main clause, not a clause of its own.
# (A break opens with one of its characters, the alternatives tell which after it: the engine
# skips in C to where one stands instead of trying the expression at every character.)
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]—–«»“”\"\s.!?…](?:(?<=[,;:()\[\]—–«»“”\"])|(?<=\s)-\s"
                           r"|(?<=[.!?…])(?=\s|$)|(?<=\n))")
_SUBORDINATOR = re.compile(
    r"(?<!\w)(?:since|after|before|when|whenever|while|which|who|whom|whose|where|because|until"
    r"|после|когда|котор\w*|где|пока|поскольку|с\s+тех\s+пор|с\s+момента|прежде\s+чем"
    r"|після|коли|котр\w*|який|яка|яке|які|якого|якої|яких|якому|якій|яким|якими|де|поки"
    r"|відколи|відтоді|з\s+моменту|оскільки|перш\s+ніж)(?!\w)"
)
# Russian and Ukrainian compound openers put a comma before their "как"/"як": "с тех пор, как",
# "после того, как", "відтоді, як", "після того, як".
_AS = re.compile(r"\s*(?:как|як)(?!\w)")
_AS_OPENER = re.compile(
    r"(?<!\w)(?:с\s+тех\s+пор|после\s+того|до\s+того|с\s+того\s+момента|с\s+момента|відтоді"
    r"|з\s+тих\s+пір|після\s+того|до\s+того|з\s+того\s+моменту|з\s+моменту|тоді)\s*,\s*$"
)
_ADVERBIAL_WORDS = frozenset((
    "the", "early", "mid", "late", "end", "beginning", "start", "middle", "of", "in", "on", "at",
    "from", "its", "this", "that",
    "начала", "начале", "конца", "конце", "середины", "середине", "в", "во", "на", "с", "со",
    "початку", "кінця", "кінці", "середини", "середині", "наприкінці", "у", "з", "із", "від",
))  # fmt: skip
# Background: the clause recalls the war's start, an annexation or an anniversary.
_BACKGROUND = re.compile(
    r"invasion|invade|annex|anniversar|full-scale|outbreak"
    r"|(?:start|beginning)\s+of\s+(?:the\s+|this\s+)?(?:war|conflict)"
    r"|(?:war|conflict)\s+(?:that\s+|which\s+)?(?:began|started|broke\s+out)"
    r"|вторжени|вторгл|аннекс|годовщин|полномасштабн|начал\w*\s+(?:войны|сво|спецоперации)"
    r"|войн\w*,?\s+(?:котор\w+\s+)?началась"
    r"|вторгнен|анекс|річниц|роковин|повномасштабн|початк\w*\s+(?:війни|вторгнення)"
    r"|війн\w*,?\s+(?:як\w+\s+)?почалася"
)
# A deadline or a bound, not an event: "by June 26", "until 5 May", "до 26 июня", "к 1 мая".
_DEADLINE = re.compile(
    r"(?:(?<!\w)(?:by|until|till|before|no\s+later\s+than)(?:\s+the)?(?:\s+end\s+of)?"
    r"|(?<!\w)(?:до|к|по))\s+$"
)
# "since 2014", "с 2014 года", "з 2014 року": a state of long standing.
_SINCE = re.compile(r"(?:since|с|со|з|із)[\s-]")


class _Clauses:
    """The clause bounds of one text, found once."""

    def __init__(self, lowered: str):
        self.lowered = lowered
        self.starts: tuple[int, ...] | None = None  # the breaks, found at the first question:
        self.ends: tuple[int, ...] = ()  # an article's text often asks none (no date or year)

    def _find_breaks(self) -> None:
        breaks = [match.span() for match in _CLAUSE_BREAK.finditer(self.lowered)]
        self.starts, self.ends = zip(*breaks, strict=True) if breaks else ((), ())

    def around(self, start: int, end: int) -> tuple[int, int, bool]:
        """(start, end) of the clause holding text[start:end], and whether it is subordinate."""
        if self.starts is None:
            self._find_breaks()
        index = bisect_right(self.ends, start) - 1
        left = self.ends[index] if index >= 0 else 0
        index = bisect_left(self.starts, end)
        right = self.starts[index] if index < len(self.starts) else len(self.lowered)
        opener = self._opener(left, start)
        if opener is not None and not set(
                _WORD.findall(self.lowered[opener[1]:start])) <= _ADVERBIAL_WORDS:
            return opener[0], right, True
        return left, right, False

    def _opener(self, left: int, start: int) -> tuple[int, int] | None:
        """(start, end) of the last subordinating word between ``left`` and ``start``."""
        last = None
        for last in _SUBORDINATOR.finditer(self.lowered, left, start):  # noqa: B007
            pass
        if last is not None:
            return last.span()
        conjunction = _AS.match(self.lowered, left, start)  # "..., как" / "..., як"
        if conjunction is not None:
            compound = _AS_OPENER.search(self.lowered, max(0, left - 30), left)
            if compound is not None:
                return compound.start(), conjunction.end()
        return None


class _Placed(NamedTuple):
    """An expression in its clause (a named tuple: cheap to make, as ``_Expression``)."""

    expression: _Expression
    clause: tuple[int, int]
    subordinate: bool
    deadline: bool
    background: bool


def _placed(expressions: Iterable[_Expression], clauses: _Clauses) -> list[_Placed]:
    """Each expression in its clause of the text ``clauses`` cut."""
    lowered = clauses.lowered
    out = []
    for expression in expressions:
        start, end, subordinate = clauses.around(expression.start, expression.end)
        deadline = _is_deadline(lowered, expression.start)
        background = _is_background(expression, lowered, start, end, subordinate)
        out.append(_Placed(expression, (start, end), subordinate, deadline, background))
    return out


def _is_deadline(lowered: str, start: int) -> bool:
    """Whether the expression at ``start`` is a deadline ("by June 26", "до 26 июня")."""
    return _DEADLINE.search(lowered, max(0, start - 30), start) is not None


def _is_background(expression: _Expression, lowered: str, start: int, end: int,
                   subordinate: bool) -> bool:
    """Rule 3: a date that is no publication date (nor its year): the clause recalls the war's
    start, an annexation or an anniversary; the invasion date (24 February 2022); an absolute
    date recalled in a subordinate clause."""
    if _BACKGROUND.search(lowered, start, end):
        return True
    if expression.month == 2 and expression.day == 24 and expression.year in (0, 2022):
        return True
    return subordinate and expression.kind in ("date", "month")


# -- dates in URLs ------------------------------------------------------------------------------
_URL_MONTHS = {name[:3]: number for number, name in enumerate(_EN_MONTHS, start=1)}
_URL_MONTHS.update((name, number) for number, name in enumerate(_EN_MONTHS, start=1))
_URL_MONTHS["sept"] = 9
_URL_EDGE_LEFT = r"(?:(?<=[/_.=&?#-])|^)"
_URL_EDGE_RIGHT = r"(?=[/_.=&?#-]|$)"
_URL_DATE = re.compile(
    rf"{_URL_EDGE_LEFT}(?:"
    rf"(?P<y>(?:19|20)\d\d)(?P<s1>[/_.-])(?P<m>\d{{1,2}}|[a-z]{{3,9}})(?P=s1)(?P<d>\d{{1,2}})"
    rf"|(?P<cy>(?:19|20)\d\d)(?P<cm>[01]\d)(?P<cd>[0-3]\d)"
    rf"|(?P<rd>\d{{1,2}})(?P<s2>[/._-])(?P<rm>\d{{1,2}})(?P=s2)(?P<ry>(?:19|20)\d\d)"
    rf"){_URL_EDGE_RIGHT}",
    re.IGNORECASE,
)
# A Unix timestamp in a slug: ten digits joined to words by a hyphen or an underscore.
_URL_TIMESTAMP = re.compile(r"(?:(?<=[-_])1\d{9}(?=[-_./?#]|$)|(?<=/)1\d{9}(?=[-_]))")
_EARLIEST_TIMESTAMP = datetime(2000, 1, 1, tzinfo=UTC)


def url_date(url: str | None) -> date | None:
    """The publication day a URL's path or query carries, or None (rule 1): ``/2025/11/04/``,
    ``/2022/sep/10/``, ``news/2024/5/17/``, ``/20251124/``, ``/2025-10-26/``, ``/21.12.2023/``
    and ``/03/10/2024/`` (the year last: day first), or a 10-digit Unix timestamp in a slug
    (``...-kupiansk-1758110994.html``, UTC) from 2000 on. The host is never read; the first
    date wins. Not bounded by the run date: ``publication`` does that."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    where = parts.path + ("?" + parts.query if parts.query else "")
    if not parts.scheme and not parts.netloc:
        where = url.strip()
    for match in _URL_DATE.finditer(where):
        if match["y"]:
            year, month, day = match["y"], match["m"], match["d"]
        elif match["cy"]:
            year, month, day = match["cy"], match["cm"], match["cd"]
        else:
            year, month, day = match["ry"], match["rm"], match["rd"]
        number = int(month) if month.isdigit() else _URL_MONTHS.get(month.lower())
        if number and int(day) <= 12 < number and not match["y"] and not match["cy"]:
            number, day = int(day), month  # /09/25/2024/: the only reading
        try:
            found = date(int(year), number or 0, int(day))
        except ValueError:
            continue
        if found >= _EARLIEST:
            return found
    for match in _URL_TIMESTAMP.finditer(where):
        moment = datetime.fromtimestamp(int(match.group()), tz=UTC)
        if moment >= _EARLIEST_TIMESTAMP:
            return moment.date()
    return None


# -- datelines ---------------------------------------------------------------------------------
# A dateline is a date alone on its line, give or take weekday, time, time zone and a label;
# or a date right next to a time; or a date that opens the text or follows a label. A year-less
# one must stand alone on its line, by a time, after a label, or as a wire dateline
# ("MOSCOW, November 10. /TASS/.", "Jan. 25 (UPI) --").
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?(?:\s*(?:gmt|utc|msk|мск|[ecp][se]?[sd]?t)\b)?"
_TIME_BEFORE = re.compile(rf"{_TIME}\s*[,|/–—-]?\s*$", re.IGNORECASE)
_TIME_AFTER = re.compile(rf"^\s*[,|/–—-]?\s*(?:at\s+|в\s+|о\s+|об\s+)?{_TIME}", re.IGNORECASE)
_LABEL = re.compile(
    r"^\W*(?:date|dated|updated|last\s+updated|published|first\s+published|posted|опубликовано"
    r"|обновлено|опубліковано|оновлено|дата(?:\s+публикации|\s+публікації)?)(?!\w)",
    re.IGNORECASE,
)
_FILLER = re.compile(
    rf"{_TIME}|{_WEEKDAY_EN}|\b(?:mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\b"
    rf"|понедельник|вторник|среда|четверг|пятница|суббота|воскресенье"
    rf"|понеділок|вівторок|середа|четвер|п{_APOSTROPHE}?ятниця|субота|неділя"
    r"|\bat\b|года|г\.|року|р\.|[\W_]",
    re.IGNORECASE,
)
_WIRE_PLACE = re.compile(r"^\W*[A-ZА-ЯЁІЇЄҐ][A-ZА-ЯЁІЇЄҐ'’. -]*[A-ZА-ЯЁІЇЄҐ]\s*,\s*$")
_WIRE_AFTER = re.compile(r"^\s*[.,]?\s*(?:/|\(|[-–—]{1,2}\s)")


# Filler from end to end. Each filler is taken atomically, as ``_FILLER.sub`` would take it
# scanning left to right, so this says what an empty ``sub`` says; but it stops at the first
# word that is no filler, where ``sub`` copies the whole rest of a long line.
_ALL_FILLER = re.compile(rf"(?>{_FILLER.pattern})*+", re.IGNORECASE)


def _is_filler(text: str) -> bool:
    return _ALL_FILLER.fullmatch(text) is not None


def _is_dateline(line: str, expression: _Expression, first_line: bool) -> bool:
    before, after = line[: expression.start], line[expression.end :]
    if _TIME_BEFORE.search(before) or _TIME_AFTER.match(after):
        return True
    label = _LABEL.match(before)
    if label:
        return _is_filler(before[label.end() :])
    if expression.kind == "day":
        return (_is_filler(before) and _is_filler(after)) or bool(_WIRE_PLACE.match(before)) or (
            first_line and _is_filler(before) and bool(_WIRE_AFTER.match(after)))
    return _is_filler(before) and (first_line or _is_filler(after))


def _dateline(text: str, reference: date) -> _Expression | None:
    """The first dateline among the first lines of the text: a possible full date, or a
    year-less day. Every shape of those holds a digit, so a line without one is not searched
    (the big expression costs far more than the test); it still counts for ``first_line``."""
    lines = [line for line in text[:_HEAD_CHARS].splitlines()[:_HEAD_LINES] if line.strip()]
    for number, line in enumerate(lines):
        if _DIGIT.search(line) is None:
            continue
        for expression in _expressions(line):
            if expression.kind not in ("date", "day") or not _is_dateline(
                    line, expression, number == 0):
                continue
            if expression.kind == "day" or _possible(_full_date(expression), reference):
                return expression
    return None


# -- publication --------------------------------------------------------------------------------
# A year standing alone counts only after words that make it one ("in 2024", "mid-2024",
# "в 2024 году"): elsewhere four digits are as likely a count or a unit number.
_BARE_YEAR = re.compile(  # on lower-cased text
    rf"(?<!\w)(?:in|since|by|until|till|of|from|during|early|late|mid|end|year|в|во|с|со|до|к|у|з"
    rf"|із|від|от|по)[\s-]+(?P<after>{_YEAR})|(?<![\d.,])(?P<before>{_YEAR})\s*(?:года|году|год"
    rf"|г\.|року|рік|р\.)"
)


def _bare_years(lowered: str, clauses: _Clauses) -> list[int]:
    """The years standing alone that are not background: "since 2014", or in a clause that
    recalls the war's start, or in a subordinate clause, are."""
    years = []
    for match in _BARE_YEAR.finditer(lowered):
        if match["after"] and _SINCE.match(lowered, match.start()):
            continue
        start, end, subordinate = clauses.around(match.start(), match.end())
        if not subordinate and not _BACKGROUND.search(lowered, start, end):
            years.append(int(match["after"] or match["before"]))
    return years
# "said on Monday": the weekday of the report's news, looked for this near the top.
_LEAD_CHARS = 600


@dataclass(frozen=True)
class Publication:
    """When an article was published, where that came from, and how sure the year is.

    ``year_known`` is False when nothing in the article itself fixes the year (the run date's
    year was taken, or the run's other articles gave it, or there is no date): the pipeline may
    then ask the run's other articles (``anchor``). ``note`` explains a disagreement worth a
    warning (a URL date and a dateline more than a day apart)."""

    day: date | None
    source: PublishedSource
    year_known: bool = True
    note: str = ""


class _Evidence:
    """What an article's text says about its publication date, read once."""

    def __init__(self, text: str, reference: date, head: _Expression | None):
        self.reference = reference
        self.head = head
        lower = text.lower()
        lowered = lower if len(lower) == len(text) else text
        clauses = _Clauses(lowered)
        expressions = list(_expressions(text, lower))
        # only dates can be candidates, only weekdays a lead: the rest are not placed at all
        placed = _placed([e for e in expressions if e.kind in ("date", "month", "day")], clauses)
        self.candidates = [p.expression for p in placed if not (p.deadline or p.background)]
        years = [e.year for e in self.candidates if e.kind in ("date", "month")]
        years += _bare_years(lowered, clauses)
        self.years = [year for year in years if _EARLIEST.year <= year <= reference.year]
        self.lead = next((e.weekday for e in expressions if e.kind == "weekday"
                          and e.start < _LEAD_CHARS and not e.last
                          and not _is_deadline(lowered, e.start)), None)

    def _day(self, expression: _Expression, anchor: date | None, *,
             dateline: bool = False) -> tuple[date | None, bool, bool]:
        """(day, the article fixes its year, the run's other articles gave it) of a date."""
        if expression.kind != "day":
            return _full_date(expression), True, False
        if expression.named_weekday >= 0:
            day = _on_weekday(expression, expression.named_weekday, self.reference)
            if day is not None:
                return day, True, False
        if self.years:
            return _year_less(expression, max(self.years), self.reference), True, False
        if dateline and self.lead is not None:
            day = _on_weekday(expression, self.lead, self.reference)
            if day is not None:
                return day, True, False
        if anchor is not None:
            return _nearest(expression, anchor, self.reference), False, True
        return _year_less(expression, self.reference.year, self.reference), False, False

    def publication(self, anchor: date | None) -> Publication:
        if self.head is not None:
            day, known, corpus = self._day(self.head, anchor, dateline=True)
            if _possible(day, self.reference):
                source = PublishedSource.CORPUS if corpus else PublishedSource.DATELINE
                return Publication(day, source, known)
        best = None
        for expression in self.candidates:
            day, known, corpus = self._day(expression, anchor)
            if _possible(day, self.reference) and (best is None or day > best[0]):
                best = (day, known, corpus, expression.kind != "month")
        if best is not None:
            day, known, corpus, exact = best
            if exact and self.lead is not None:  # "said on Sunday" after a December 27
                later = day + timedelta(days=(self.lead - day.weekday()) % 7)
                day = later if later <= self.reference else day
            source = PublishedSource.CORPUS if corpus else PublishedSource.INFERRED
            return Publication(day, source, known)
        if anchor is not None and _possible(anchor, self.reference):
            day = anchor
            if self.lead is not None:  # the day of that weekday nearest the anchor
                shift = (self.lead - anchor.weekday()) % 7
                day = anchor + timedelta(days=shift if shift <= 3 else shift - 7)
                day = day if day <= self.reference else day - timedelta(days=7)
            return Publication(day, PublishedSource.CORPUS, False)
        return Publication(None, PublishedSource.UNKNOWN, False)


def _near(head: _Expression | None, day: date, reference: date) -> date | None:
    """A dateline's day, a year-less one in the year nearest ``day``."""
    if head is None:
        return None
    return _nearest(head, day, reference) if head.kind == "day" else _full_date(head)


def publication(text: str, metadata_date: date | None, reference: date, *, url: str = "",
                anchor: date | None = None) -> Publication:
    """When the article was published, where that came from (``schema.PublishedSource``) and
    whether the article itself fixes the year.

    Metadata first; then the URL's date (``url_date``), unless a dateline more than a day away
    says otherwise (then the dateline's, with a ``note``); then a dateline in the first lines;
    then the latest date the text mentions that is not background (rule 3), a year-less one in
    the year its weekday gives (rule 2), else the year the text names, else the year nearest
    ``anchor`` (a day the run's other articles on the same places point to: rule 4, source
    ``corpus``), else the run date's. With no date at all, ``anchor`` itself (``corpus``).
    ``reference`` is the run date: nothing after it, or before 1990, is ever returned.
    """
    reference = _as_date(reference)
    metadata_date = _as_date(metadata_date)
    if _possible(metadata_date, reference):
        return Publication(metadata_date, PublishedSource.METADATA)
    head = _dateline(text, reference)
    from_url = url_date(url)
    if _possible(from_url, reference):
        day = _near(head, from_url, reference)
        if _possible(day, reference) and abs((day - from_url).days) > 1:
            note = (f"the URL's date {from_url} and the dateline's {day} disagree: "
                    f"the dateline's is used")
            return Publication(day, PublishedSource.DATELINE, note=note)
        return Publication(from_url, PublishedSource.URL)
    if head is not None and head.kind == "date":
        return Publication(_full_date(head), PublishedSource.DATELINE)
    return _Evidence(text, reference, head).publication(anchor)


def publication_date(text: str, metadata_date: date | None, reference: date, *,
                     url: str = "") -> tuple[date | None, PublishedSource]:
    """``publication``'s day and source: (None, "unknown") without one."""
    found = publication(text, metadata_date, reference, url=url)
    return found.day, found.source


# -- events -------------------------------------------------------------------------------------
def _resolve(expression: _Expression, published: date | None) -> date | None:
    """The day an expression names, counted back from the publication day where it needs one."""
    if expression.kind in ("date", "month"):
        return _full_date(expression)
    if published is None:
        return None
    if expression.kind == "day":
        return _year_less(expression, published.year, published)
    if expression.kind == "weekday":
        back = (published.weekday() - expression.weekday) % 7
        return published - timedelta(days=back or (7 if expression.last else 0))
    return published - timedelta(days=expression.days_back)


class SentenceDates:
    """The dates of one sentence's clauses (rule 5): a date in a subordinate clause ("since it
    captured Bakhmut in May 2023") dates only the names in that clause; the first date of the
    main clause dates every other name of the sentence; a deadline ("by June 26") dates none.
    Without a date, a name takes the publication date."""

    __slots__ = ("fallback", "main", "scopes")

    def __init__(self, sentence: str, published: date | None):
        published = _as_date(published)
        self.fallback = ((published, DateSource.PUBLISHED) if published is not None
                         else (None, DateSource.UNKNOWN))
        self.main: date | None = None
        self.scopes: list[tuple[int, int, date]] = []  # subordinate clauses with their dates
        lower = sentence.lower()  # lowered once for the prefilter, the expressions, the clauses
        words = _MAY_HAVE_DATE_WORD.search(lower) is not None
        if not words and not _DIGIT.search(sentence):
            return
        expressions = list(_expressions(sentence, lower, words=words))
        if not expressions:
            return
        taken: set[tuple[int, int]] = set()
        lowered = lower if len(lower) == len(sentence) else sentence
        clauses = _Clauses(lowered)
        # each expression's day and deadline first, its clause only for one that dates a name
        # (a clause costs the most: its breaks and its opening word are looked for)
        for expression in expressions:
            day = _resolve(expression, published)
            if not _possible(day, published) or _is_deadline(lowered, expression.start):
                continue
            start, end, subordinate = clauses.around(expression.start, expression.end)
            if subordinate:
                if (start, end) not in taken:
                    taken.add((start, end))
                    self.scopes.append((start, end, day))
            elif self.main is None:
                self.main = day

    def at(self, offset: int | None = None) -> tuple[date | None, DateSource]:
        """The date of the name at ``offset`` in the sentence (None: of the main clause)."""
        if offset is not None:
            inner = None
            for start, end, day in self.scopes:
                if start <= offset < end and (inner is None or start >= inner[0]):
                    inner = (start, day)
            if inner is not None:
                return inner[1], DateSource.EVENT
        if self.main is not None:
            return self.main, DateSource.EVENT
        return self.fallback


def event_date(sentence: str, published: date | None,
               at: int | None = None) -> tuple[date | None, DateSource]:
    """When the events of a sentence happened, and where that came from (``schema.DateSource``).

    The date of the clause holding offset ``at`` (``SentenceDates``; without ``at``, the main
    clause's): the first expression that resolves to a day no later than the publication
    ("event"); otherwise the publication date ("published"), or (None, "unknown") without one.
    """
    return SentenceDates(sentence, published).at(at)
