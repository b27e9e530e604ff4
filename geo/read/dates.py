"""Dates for the map: when an article was published, and when the events of a sentence happened.

A map by date needs a date on every mention, but war reports date things loosely: a byline stamp
(``14:56 GMT 07.11.2025``), "On November 3" with no year, "late Tuesday", "вчера", "у середу",
"in May 2023". Two entry points turn that into dates:

- ``publication_date``: metadata first, then a dateline near the top of the text, then the latest
  date the text mentions; every answer says where it came from (``schema.PublishedSource``).
- ``event_date``: the first temporal expression of a sentence, resolved against the publication
  date; without one, the mention takes the publication date (``schema.DateSource``).

Both work from compiled regexes over a few expression shapes, in English, Russian and Ukrainian,
rather than ``dateparser.search``: that one costs milliseconds per sentence and reads counts,
times and unit names ("four prisoners", "T-90M", "1920") as dates. Once a regex has the day,
month and year, turning them into a date is arithmetic, so dateparser is not needed here either.

A date is possible only from 1990 up to the day it is compared with (the run date for a
publication, the publication for an event): later or earlier dates are ignored, never used.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta

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
_MONTH = rf"(?:{_words(_MONTHS)})(?!\w)\.?"
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
_EXPRESSION_PATTERN = rf"""
    (?=\d)(?:
        (?P<iso>(?<![\d.-])(?P<iso_y>{_YEAR})-(?P<iso_m>\d{{1,2}})-(?P<iso_d>\d{{1,2}})(?!\d))
        |(?P<numeric>(?<![\d.,:/])(?P<num_d>\d{{1,2}})(?P<num_sep>[./])(?P<num_m>\d{{1,2}})
            (?P=num_sep)(?P<num_y>{_YEAR})(?![./]\d))
        |(?P<day_month_year>(?P<dmy_d>{_DAY}){_DAY_RANGE_END}(?:\s+of)?\s+(?P<dmy_m>{_MONTH}),?\s+
            (?P<dmy_y>{_YEAR}))
        |(?P<day_month>(?P<dm_d>{_DAY}){_DAY_RANGE_END}(?:\s+of)?\s+(?P<dm_m>{_MONTH}))
    )
    |\b(?=\w)(?:
        (?P<month_day_year>(?P<mdy_m>{_MONTH})\s+(?P<mdy_d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+
            (?P<mdy_y>{_YEAR}))
        |(?P<month_year>(?P<my_m>{_MONTH}),?\s+(?:of\s+)?(?P<my_y>{_YEAR}))
        |(?P<month_day>(?P<md_m>{_MONTH})\s+(?P<md_d>\d{{1,2}})(?:st|nd|rd|th)?(?![\d:]))
        |(?P<weekday>(?:(?P<wd_mod>last|past|previous|next|coming|following|every|each|until
            |till|by|before)\s+)?(?P<wd_en>{_WEEKDAY_EN})(?!\w))
        |(?P<weekday_cy>(?:в|во|у|на)\s+(?:(?P<wdc_mod>прошл\w+|минувш\w+|минул\w+|следующ\w+
            |наступн\w+|ближайш\w+|найближч\w+|эту|этот|цю|цей)\s+)?(?P<wd_cy>{_WEEKDAY_CY})(?!\w))
        |(?P<relative>(?:{_RELATIVE})(?!\w))
        |(?P<ago>(?:(?P<ago_n>\d{{1,2}}|{_NUMBER})\s+)?(?P<ago_unit>days?|weeks?|дн(?:я|ей|і|ів)
            |день|недел[юиь]|тижн(?:і|ів)|тиждень)\s+(?:ago|назад|тому)(?!\w))
    )
"""
_EXPRESSION = re.compile(_EXPRESSION_PATTERN, re.VERBOSE)
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
_LAST = ("last", "past", "previous", "прошл", "минувш", "минул")
# Weekdays after these are in the future or are not one day ("next Friday", "every Monday").
_NOT_PAST = ("next", "coming", "following", "every", "each", "until", "till", "by", "before",
             "следующ", "наступн", "ближайш", "найближч")  # fmt: skip


@dataclass(frozen=True)
class _Expression:
    """One temporal expression: a full date, a month, a year-less day, a weekday or days back."""

    kind: str  # date | month | day | weekday | relative
    start: int
    end: int
    year: int = 0
    month: int = 0
    day: int = 0
    weekday: int = 0
    last: bool = False  # "last Tuesday": strictly before the publication day
    days_back: int = 0


def _month(match: re.Match, group: str, text: str) -> int | None:
    """Month number of a matched month word; English ones must be capitalised ("may" is a verb).
    ``text`` is the original text: the match may have run on its lower-cased copy."""
    start, end = match.span(group)
    token = text[start:end]
    word = token.rstrip(".").casefold()
    if word.isascii() and token[0].islower():
        return None
    return _MONTHS.get(word)


def _number(token: str) -> int:
    digits = re.match(r"\d+", token)
    return int(digits.group()) if digits else 0


def _weekday(match: re.Match, start: int, end: int) -> _Expression | None:
    modifier = (match["wd_mod"] or match["wdc_mod"] or "").casefold()
    if modifier.startswith(_NOT_PAST):
        return None
    name = re.sub(_APOSTROPHE, "", (match["wd_en"] or match["wd_cy"]).casefold())
    last = modifier.startswith(_LAST)
    return _Expression("weekday", start, end, weekday=_WEEKDAYS[name], last=last)


def _ago(match: re.Match, start: int, end: int) -> _Expression | None:
    count, unit = match["ago_n"], match["ago_unit"].casefold()
    if count is None and unit.startswith(_PLURAL_UNITS):
        return None
    if count is None:
        number = 1
    else:
        number = _number(count) or _NUMBER_WORDS[re.sub(_APOSTROPHE, "", count.casefold())]
    days = 7 if unit.startswith(_WEEK_UNITS) else 1
    return _Expression("relative", start, end, days_back=number * days)


# Group-name prefix of each full-date shape's day, month and year groups.
_FULL_DATE_GROUPS = {
    "iso": "iso", "numeric": "num", "day_month_year": "dmy", "month_day_year": "mdy",
}  # fmt: skip


def _to_expression(match: re.Match, text: str) -> _Expression | None:
    """The expression a match stands for, or None when the match is not one after all."""
    shape, start, end = match.lastgroup, match.start(), match.end()
    if shape in _FULL_DATE_GROUPS:
        prefix = _FULL_DATE_GROUPS[shape]
        month_text = match[f"{prefix}_m"]
        month = int(month_text) if month_text.isdigit() else _month(match, f"{prefix}_m", text)
        day = _number(match[f"{prefix}_d"])
        if shape == "numeric" and match["num_sep"] == "/" and month and month > 12 >= day:
            day, month = month, day  # 11/25/2025: an American slash date, the only other reading
        return _Expression("date", start, end, _number(match[f"{prefix}_y"]), month or 0, day)
    if shape == "month_year":
        month = _month(match, "my_m", text)
        return _Expression("month", start, end, int(match["my_y"]), month) if month else None
    if shape in ("day_month", "month_day"):
        prefix = "dm" if shape == "day_month" else "md"
        month = _month(match, f"{prefix}_m", text)
        day = _number(match[f"{prefix}_d"])
        return _Expression("day", start, end, 0, month, day) if month else None
    if shape in ("weekday", "weekday_cy"):
        return _weekday(match, start, end)
    if shape == "relative":
        key = " ".join(match.group().casefold().split())
        return _Expression("relative", start, end, days_back=_RELATIVE_DAYS[key])
    return _ago(match, start, end)


def _expressions(text: str) -> Iterator[_Expression]:
    """Every temporal expression of the text, in order. A weekday directly followed by a date
    ("Wednesday, November 12") gives way to the date."""
    lowered = text.lower()
    matches = (
        _EXPRESSION.finditer(lowered)
        if len(lowered) == len(text)
        else _EXPRESSION_ANY_CASE.finditer(text)
    )
    previous: _Expression | None = None
    for match in matches:
        expression = _to_expression(match, text)
        if expression is None:
            continue
        if previous is not None and not (
            previous.kind == "weekday"
            and expression.kind in ("date", "day")
            and not text[previous.end : expression.start].strip(" ,")
        ):
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


def _year_less(expression: _Expression, year: int, latest: date) -> date | None:
    """A year-less day in ``year``, or the year before when that would be after ``latest``."""
    for candidate in range(year, year - 8, -1):  # 29 February looks back to a leap year
        try:
            day = date(candidate, expression.month, expression.day)
        except ValueError:
            continue
        if day <= latest:
            return day
    return None


# A dateline is a date alone on its line, give or take weekday, time, time zone and a label;
# or a date right next to a time; or a date that opens the text or follows a label.
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


def _is_filler(text: str) -> bool:
    return not _FILLER.sub("", text)


def _is_dateline(line: str, expression: _Expression, first_line: bool) -> bool:
    before, after = line[: expression.start], line[expression.end :]
    if _TIME_BEFORE.search(before) or _TIME_AFTER.match(after):
        return True
    label = _LABEL.match(before)
    if label:
        return _is_filler(before[label.end() :])
    return _is_filler(before) and (first_line or _is_filler(after))


def _dateline(text: str, reference: date) -> date | None:
    """The first possible dateline among the first lines of the text."""
    lines = [line for line in text[:_HEAD_CHARS].splitlines()[:_HEAD_LINES] if line.strip()]
    for number, line in enumerate(lines):
        for expression in _expressions(line):
            if expression.kind != "date" or not _is_dateline(line, expression, number == 0):
                continue
            day = _full_date(expression)
            if _possible(day, reference):
                return day
    return None


# A year standing alone counts only after words that make it one ("in 2024", "mid-2024",
# "в 2024 году"): elsewhere four digits are as likely a count or a unit number.
_BARE_YEAR = re.compile(
    rf"(?<!\w)(?:in|since|by|until|till|of|from|during|early|late|mid|end|year|в|во|с|со|до|к|у|з"
    rf"|із|від|от|по)[\s-]+(?P<after>{_YEAR})|(?<![\d.,])(?P<before>{_YEAR})\s*(?:года|году|год"
    rf"|г\.|року|рік|р\.)",
    re.IGNORECASE,
)


def _explicit_years(text: str, expressions: list[_Expression], reference: date) -> list[int]:
    years = [e.year for e in expressions if e.kind in ("date", "month")]
    years += (int(m["after"] or m["before"]) for m in _BARE_YEAR.finditer(text))
    return [year for year in years if _EARLIEST.year <= year <= reference.year]


def _latest_mention(text: str, reference: date) -> date | None:
    """The latest possible date the text mentions; a month counts as its 1st. A year-less day
    takes the latest year the text mentions (else the reference's), a year back if need be."""
    expressions = [e for e in _expressions(text) if e.kind in ("date", "month", "day")]
    year = max(_explicit_years(text, expressions, reference), default=reference.year)
    days = [
        _year_less(e, year, reference) if e.kind == "day" else _full_date(e) for e in expressions
    ]
    return max((day for day in days if _possible(day, reference)), default=None)


def publication_date(
    text: str, metadata_date: date | None, reference: date
) -> tuple[date | None, PublishedSource]:
    """When the article was published, and where that came from (``schema.PublishedSource``).

    Metadata first, then a dateline in the first lines, then the latest date the text mentions.
    ``reference`` is the run date: nothing after it, or before 1990, is ever returned.
    """
    reference = _as_date(reference)
    metadata_date = _as_date(metadata_date)
    if _possible(metadata_date, reference):
        return metadata_date, PublishedSource.METADATA
    if (day := _dateline(text, reference)) is not None:
        return day, PublishedSource.DATELINE
    if (day := _latest_mention(text, reference)) is not None:
        return day, PublishedSource.INFERRED
    return None, PublishedSource.UNKNOWN


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


def event_date(sentence: str, published: date | None) -> tuple[date | None, DateSource]:
    """When the events of a sentence happened, and where that came from (``schema.DateSource``).

    The first expression that resolves to a day no later than the publication wins ("event");
    otherwise the publication date ("published"), or (None, "unknown") without one.
    """
    published = _as_date(published)
    fallback = ((published, DateSource.PUBLISHED) if published is not None
                else (None, DateSource.UNKNOWN))
    if not _DIGIT.search(sentence):
        lowered = sentence.lower()
        if not any(word in lowered for word in _MAY_HAVE_DATE):
            return fallback
    for expression in _expressions(sentence):
        day = _resolve(expression, published)
        if _possible(day, published):
            return day, DateSource.EVENT
    return fallback
