"""Dates: publication dates (metadata, URL, dateline, inferred, corpus) and the event dates of
sentences, on sentences and URLs written for these tests."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from geo.read.dates import event_date, publication, publication_date, url_date
from geo.run.corpus import CorpusDates, Held
from geo.run.extract import ArticleResult, Extractor
from geo.run.pipeline import mentions
from geo.run.store import key_of
from geo.run.summary import RunSummary
from geo.schema import DATE_SOURCES, PUBLISHED_SOURCES, Article, result_batch

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
REFERENCE = date(2026, 11, 21)  # the run date: a Saturday
PUBLISHED = date(2025, 11, 12)  # a Wednesday
NOV_12 = date(2025, 11, 12)

DATELINES = [  # (text, dateline) with no metadata
    ("Front line report\n14:56 GMT 07.11.2025\nTroops advanced.", date(2025, 11, 7)),
    ("Front line report\nNovember 12, 2025\nTroops advanced.", NOV_12),
    ("Front line report\n12 November 2025\nTroops advanced.", NOV_12),
    ("Front line report\nWednesday, November 12, 2025\nTroops advanced.", NOV_12),
    ("Front line report\n2025-11-12\nTroops advanced.", NOV_12),
    ("12.11.2025\nTroops advanced.", NOV_12),
    ("Front line report\n12/11/2025\nTroops advanced.", NOV_12),  # numeric is day-first
    ("Front line report\n11/25/2025\nTroops advanced.", date(2025, 11, 25)),  # only reading
    ("Front line report\nWed, 12 Nov 2025\nTroops advanced.", NOV_12),
    ("By Jane Roe | 12 Nov 2025 14:56\nTroops advanced.", NOV_12),  # next to a time
    ("Front line report\nUpdated: Nov. 12, 2025 at 3:04 p.m. ET\nTroops advanced.", NOV_12),
    ("Front line report\nPublished 12 November 2025, 09:00\nTroops advanced.", NOV_12),
    ("date 2025-11-12 Troops advanced on the town.", NOV_12),  # opens the text
    ("12 November 2025 Troops advanced on the town.", NOV_12),
    ("Сводка\n12 ноября 2025\nВойска продвинулись.", NOV_12),
    ("Сводка\nСреда, 12 ноября 2025 г.\nВойска продвинулись.", NOV_12),
    ("Сводка\nОпубликовано: 12.11.2025, 14:56\nВойска продвинулись.", NOV_12),
    ("Зведення\n12 листопада 2025 року, 10:15\nВійська просунулися.", NOV_12),
    ("Зведення\nОпубліковано: 12 листопада 2025\nВійська просунулися.", NOV_12),
    ("Front line report\n12.11.2025\nUpdated: 13.11.2025\nTroops advanced.", NOV_12),  # first
]


@pytest.mark.parametrize(("text", "expected"), DATELINES)
def test_dateline(text, expected):
    assert publication_date(text, None, REFERENCE) == (expected, "dateline")


NOT_DATELINES = [  # (text, publication date): impossible, future, too late or not a dateline
    ("45.13.2025\nTroops advanced.", (None, "unknown")),
    ("November 12, 2027\nTroops advanced.", (None, "unknown")),  # after the run date
    ("1 January 1985\nTroops advanced.", (None, "unknown")),  # before 1990
    ("November 12, 2027\nThe assault began on 3 March 2025.", (date(2025, 3, 3), "inferred")),
    ("Talks\nThe talks began on 12 November 2025 in Istanbul.\nNo deal.", (NOV_12, "inferred")),
    ("Filler line.\n" * 20 + "12.11.2025\nTroops advanced.", (NOV_12, "inferred")),
    ("x" * 1600 + "\n12.11.2025\nTroops advanced.", (NOV_12, "inferred")),
    ("Servicemen - Sputnik International, 1920, 01.11.2025", (date(2025, 11, 1), "inferred")),
    # a date opening the second line, prose after it: the first line, with no digit, still counts
    ("Front line report\n12 November 2025 troops advanced on the town.", (NOV_12, "inferred")),
    ("Сводка\n12.11.2025 войска продвинулись к городу.", (NOV_12, "inferred")),
]


@pytest.mark.parametrize(("text", "expected"), NOT_DATELINES)
def test_not_a_dateline(text, expected):
    assert publication_date(text, None, REFERENCE) == expected


DATED_TEXT = "Front line report\n12.11.2025\nTroops advanced."
METADATA = [  # (metadata date, publication date) for a text whose dateline is 12.11.2025
    (date(2025, 11, 7), (date(2025, 11, 7), "metadata")),
    (datetime(2025, 11, 7, 14, 56), (date(2025, 11, 7), "metadata")),
    (REFERENCE, (REFERENCE, "metadata")),
    (date(2027, 1, 1), (NOV_12, "dateline")),  # after the run date: ignored
    (date(1985, 5, 1), (NOV_12, "dateline")),  # before 1990: ignored
    (None, (NOV_12, "dateline")),
]


@pytest.mark.parametrize(("metadata", "expected"), METADATA)
def test_metadata_comes_first_when_possible(metadata, expected):
    assert publication_date(DATED_TEXT, metadata, REFERENCE) == expected


INFERRED = [  # (text, latest date it mentions) with reference 2026-11-21
    ("Since early October 2024 the advance slowed. On October 7 troops retook positions.",
     date(2024, 10, 7)),
    ("The offensive began in March 2025.", date(2025, 3, 1)),  # a month counts as its 1st
    ("The bridge was hit on 3 April 2025, and again on 1 May 2025.", date(2025, 5, 1)),
    ("On November 20th the president visited a command post.", date(2026, 11, 20)),
    ("On December 5 the bridge was hit.", date(2025, 12, 5)),  # no year, 2026 would be future
    ("Fighting resumed in 2026. On December 5 the bridge was hit.", date(2025, 12, 5)),
    ("The offensive began in mid-2024. On July 23 talks took place.", date(2024, 7, 23)),
    ("In 1920 the town was founded. On May 9 there was a parade.", date(2026, 5, 9)),
    ("Talks are set for 5 December 2026; the town fell on 2 March 2026.", date(2026, 3, 2)),
    ("3 листопада війська увійшли в місто.", date(2026, 11, 3)),
    ("20 ноября войска вошли в город.", date(2026, 11, 20)),
    ("У жовтні 2024 року наступ сповільнився, а 7 жовтня війська відступили.", date(2024, 10, 7)),
    ("В мае 2023 года город пал.", date(2023, 5, 1)),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), INFERRED)
def test_inferred_from_latest_mention(text, expected):
    assert publication_date(text, None, REFERENCE) == (expected, "inferred")


# -- rule 1: dates in URLs ----------------------------------------------------------------------
URL_DATES = [  # (URL, the day it carries)
    ("https://news.example.org/world/2025/11/04/troops-enter-village/", date(2025, 11, 4)),
    ("https://example.com/en/20251124/drone-strike-report.html", date(2025, 11, 24)),
    ("https://example.net/war/2025-10-26/81234-shelling-goes-on", date(2025, 10, 26)),
    ("https://example.ru/news/21.12.2023/123456", date(2023, 12, 21)),
    ("https://example.co.uk/world/2024/Sep/23/frontline-report", date(2024, 9, 23)),
    ("https://example.org/world/2022/sep/10/army-advances-east", date(2022, 9, 10)),
    ("http://m.example.ru/news/2024/5/17/998877", date(2024, 5, 17)),
    ("https://example.ru/politics/03/10/2024/5f3a9c1e", date(2024, 10, 3)),  # year last: day first
    ("https://example.com/us/09/25/2024/report", date(2024, 9, 25)),  # 25 is no month
    ("https://example.ua/news/drones-hit-a-depot-1758110994.html", date(2025, 9, 17)),  # Unix, UTC
    ("https://example.ua/rus/news/1755181314-shelling-in-the-region", date(2025, 8, 14)),
    ("https://example.com/story?id=7&date=2025-11-04", date(2025, 11, 4)),
    ("https://example.org//example.org/news/2024/11/26/2447.shtml", date(2024, 11, 26)),
]


@pytest.mark.parametrize(("url", "expected"), URL_DATES)
def test_url_date(url, expected):
    assert url_date(url) == expected


@pytest.mark.parametrize("url", [
    "https://example.com/news/24472897.shtml",  # an article number
    "https://example.com/a/10701908-drones-hit-the-city.html",  # eight digits, no such day
    "https://example.com/1108145411/Headline-Of-The-Day",  # ten digits with no slug around them
    "https://example.com/news/report-17581109941.html",  # eleven digits
    "https://2025.example.com/frontline",  # the host is never read
    "https://example.com/x/2025/13/45/y",  # no such day
    "https://example.com/archive/1985/05/01/x",  # before 1990
    "https://example.com/news/2024/11/",  # a month is no day
    "",
    None,
])
def test_no_url_date(url):
    assert url_date(url) is None


URL_PUBLICATION = [  # (text, URL, metadata date, publication date) with the run on 2026-11-21
    ("Troops advanced.", "https://example.org/2025/11/04/x", None, (date(2025, 11, 4), "url")),
    ("Troops advanced.", "https://example.org/2025/11/04/x", date(2025, 11, 5),
     (date(2025, 11, 5), "metadata")),  # metadata first
    ("Front line report\n12.11.2025\nTroops advanced.", "https://example.org/2025/11/11/x", None,
     (date(2025, 11, 11), "url")),  # the URL over a dateline a day away
    ("Troops advanced on 3 March 2025.", "https://example.org/2030/03/17/x", None,
     (date(2025, 3, 3), "inferred")),  # a URL date after the run date is ignored
    ("Troops advanced.", "https://example.ua/news/report-1900000000.html", None, (None, "unknown")),
]


@pytest.mark.parametrize(("text", "url", "metadata", "expected"), URL_PUBLICATION)
def test_url_comes_after_metadata_before_the_text(text, url, metadata, expected):
    found = publication(text, metadata, REFERENCE, url=url)
    assert (found.day, found.source) == expected
    assert found.note == ""


@pytest.mark.parametrize(("text", "expected"), [
    ("Front line report\n12.11.2025\nTroops advanced.", NOV_12),
    ("KYIV, November 12 - Troops advanced.", date(2024, 11, 12)),  # year-less: the URL's year
    ("КИЇВ, 12 листопада. Війська просунулися.", date(2024, 11, 12)),
])
def test_a_dateline_far_from_the_url_date_wins_with_a_warning(text, expected):
    url = "https://example.org/news/2024/11/04/troops-advanced" if expected.year == 2024 else (
        "https://example.org/news/2025/11/04/troops-advanced")
    found = publication(text, None, REFERENCE, url=url)
    assert (found.day, found.source) == (expected, "dateline")
    assert "disagree" in found.note and str(expected) in found.note


YEAR_LESS_DATELINES = [  # (text, publication): a year-less date stamp takes the run date's year
    ("Front line report\n12 November\nTroops advanced.", date(2026, 11, 12)),
    ("MOSCOW, November 10. /AGENCY/. Troops took two villages.", date(2026, 11, 10)),
    ("МОСКВА, 10 ноября. /АГЕНТСТВО/. Войска заняли два села.", date(2026, 11, 10)),
    ("Nov. 10 (Agency) -- Troops took two villages.", date(2026, 11, 10)),
    ("KYIV, December 5 - Drones hit a depot.", date(2025, 12, 5)),  # 2026-12-05 is after the run
]


@pytest.mark.parametrize(("text", "expected"), YEAR_LESS_DATELINES)
def test_year_less_dateline(text, expected):
    found = publication(text, None, REFERENCE)
    assert (found.day, found.source, found.year_known) == (expected, "dateline", False)


# -- rule 2: a year-less date with its weekday ---------------------------------------------------
WEEKDAY_YEARS = [  # (text, publication): the year in which that day is that weekday, up to the run
    ("В четверг, 19 января, войска вошли в село.", date(2023, 1, 19)),
    ("У четвер, 19 січня, війська увійшли в село.", date(2023, 1, 19)),
    ("Troops entered the village on Thursday, January 19, officials said.", date(2023, 1, 19)),
    ("On Sunday, November 16, drones hit a depot.", date(2025, 11, 16)),
    ("У неділю, 16 листопада, дрони атакували склад.", date(2025, 11, 16)),
    ("MOSCOW, January 19. /AGENCY/. The ministry said on Thursday troops took a village.",
     date(2023, 1, 19)),  # a dateline and the report's weekday
    ("МОСКВА, 19 января. /АГЕНТСТВО/. В четверг министерство сообщило о взятии села.",
     date(2023, 1, 19)),
]


@pytest.mark.parametrize(("text", "expected"), WEEKDAY_YEARS)
def test_year_less_date_with_its_weekday(text, expected):
    found = publication(text, None, REFERENCE)
    assert (found.day, found.year_known) == (expected, True)
    assert found.source in ("dateline", "inferred")


# -- rule 3: background dates --------------------------------------------------------------------
BACKGROUND = [  # (text, publication): background neither dates the report nor gives its year
    ("The war began with the February 2022 invasion. On March 3 the town fell.", date(2026, 3, 3)),
    ("The invasion began in February 2022. On March 3 the town fell.", date(2026, 3, 3)),
    ("Troops were sent into the country on Feb. 24, and fighting goes on.", None),  # the invasion
    ("Crimea, which Russia annexed in 2014, was shelled. On December 9 officials spoke.",
     date(2025, 12, 9)),
    ("The town has been on the front line since 2014. On December 9 officials spoke.",
     date(2025, 12, 9)),
    ("It would be the largest town taken since the army captured the city in May 2023.", None),
    ("After the army took the city on 20 May 2023, the front moved west.", None),
    ("Город станет крупнейшим, взятым армией после взятия Артемовска в мае 2023 года.", None),
    ("Після того, як армія взяла Бахмут у травні 2023 року, бої тривають.", None),
    ("С начала полномасштабного вторжения в феврале 2022 года город обстреливают. 3 ноября "
     "снаряд попал в школу.", date(2026, 11, 3)),
    ("Від початку повномасштабного вторгнення у 2022 році місто обстрілюють. 3 листопада снаряд "
     "влучив у школу.", date(2026, 11, 3)),
    ("Officials said on June 24 that troops must hold the line until June 26.", date(2026, 6, 24)),
    ("Чиновники 24 июня заявили, что войска должны удержать рубеж до 26 июня.", date(2026, 6, 24)),
    # right after "since", a date is when the main clause's state began: not background
    ("Since early October 2024 the advance slowed. On October 7 troops retook positions.",
     date(2024, 10, 7)),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), BACKGROUND)
def test_background_dates_are_no_publication_dates(text, expected):
    found = publication(text, None, REFERENCE)
    assert found.day == expected
    assert found.source == ("unknown" if expected is None else "inferred")


@pytest.mark.parametrize(("text", "expected"), [
    ("The army said on Sunday it had repelled attacks.\nOn December 27, the general staff "
     "denied the claims.", date(2025, 12, 28)),
    ("Russia said on Saturday it took a village. On November 6 it had claimed another.",
     date(2026, 11, 7)),  # no year: the run date's, 6 November 2026 being a Friday
    ("У суботу армія заявила про взяття села. 6 листопада вона заявила про інше.",
     date(2026, 11, 7)),
])
def test_said_on_a_weekday_is_on_or_after_the_latest_date(text, expected):
    assert publication_date(text, None, REFERENCE) == (expected, "inferred")


@pytest.mark.parametrize(
    "text",
    [
        "Four prisoners, a T-90M tank and 1,200 residents; the 575th battalion at 14:56 GMT.",
        "Troops advanced toward the town.",
        "",
    ],
)
def test_unknown_without_dates(text):
    assert publication_date(text, None, REFERENCE) == (None, "unknown")


EVENTS = [  # (sentence, event date) with publication on Wednesday 2025-11-12
    ("On November 3, troops entered the town.", date(2025, 11, 3)),
    ("Troops entered the town on November 10th.", date(2025, 11, 10)),
    ("On December 5 the bridge was hit.", date(2024, 12, 5)),  # 2025 would be after publication
    ("On Wednesday, drones hit the depot.", PUBLISHED),  # the publication day is a Wednesday
    ("Late Tuesday, drones hit the depot.", date(2025, 11, 11)),
    ("Shelling resumed on Friday.", date(2025, 11, 7)),
    ("Last Wednesday the bridge was hit.", date(2025, 11, 5)),
    ("The bridge was hit last week.", date(2025, 11, 5)),
    ("The bridge was hit yesterday.", date(2025, 11, 11)),
    ("The bridge was hit the day before yesterday.", date(2025, 11, 10)),
    ("Troops entered the town today.", PUBLISHED),
    ("The town fell two days ago.", date(2025, 11, 10)),
    ("The town fell 3 days ago.", date(2025, 11, 9)),
    ("The town fell a week ago.", date(2025, 11, 5)),
    ("The town fell in May 2023.", date(2023, 5, 1)),
    ("The town fell on 10.11.2025.", date(2025, 11, 10)),
    ("The town fell on 2025-11-10.", date(2025, 11, 10)),
    ("The town fell on 10 November 2025.", date(2025, 11, 10)),
    ("The town fell on November 10, 2025.", date(2025, 11, 10)),
    ("On Wednesday, November 5, troops entered the town.", date(2025, 11, 5)),  # date wins
    ("On 10-11 November troops entered the town.", date(2025, 11, 10)),  # a range: its start
    ("On November 10-11 troops entered the town.", date(2025, 11, 10)),
    ("On November 3 troops entered, a day after the November 2 raid.", date(2025, 11, 3)),
    ("Talks set for 20.11.2025 follow the attack on 3 November.", date(2025, 11, 3)),
    ("3 ноября войска вошли в город.", date(2025, 11, 3)),
    ("3-го ноября войска вошли в город.", date(2025, 11, 3)),
    ("В среду беспилотники атаковали склад.", PUBLISHED),
    ("Во вторник беспилотники атаковали склад.", date(2025, 11, 11)),
    ("В ночь на вторник беспилотники атаковали склад.", date(2025, 11, 11)),
    ("В прошлую среду беспилотники атаковали склад.", date(2025, 11, 5)),
    ("Вчера беспилотники атаковали склад.", date(2025, 11, 11)),
    ("Позавчера беспилотники атаковали склад.", date(2025, 11, 10)),
    ("Сегодня беспилотники атаковали склад.", PUBLISHED),
    ("На прошлой неделе беспилотники атаковали склад.", date(2025, 11, 5)),
    ("Два дня назад беспилотники атаковали склад.", date(2025, 11, 10)),
    ("Неделю назад беспилотники атаковали склад.", date(2025, 11, 5)),
    ("В мае 2023 года город пал.", date(2023, 5, 1)),
    ("12 ноября 2025 года город пал.", PUBLISHED),
    ("3 листопада війська увійшли до міста.", date(2025, 11, 3)),
    ("У середу дрони атакували склад.", PUBLISHED),
    ("В понеділок дрони атакували склад.", date(2025, 11, 10)),
    ("У п’ятницю дрони атакували склад.", date(2025, 11, 7)),
    ("У п'ятницю дрони атакували склад.", date(2025, 11, 7)),
    ("У минулу середу дрони атакували склад.", date(2025, 11, 5)),
    ("Вчора дрони атакували склад.", date(2025, 11, 11)),
    ("Учора дрони атакували склад.", date(2025, 11, 11)),
    ("Позавчора дрони атакували склад.", date(2025, 11, 10)),
    ("Сьогодні дрони атакували склад.", PUBLISHED),
    ("Минулого тижня дрони атакували склад.", date(2025, 11, 5)),
    ("На минулому тижні дрони атакували склад.", date(2025, 11, 5)),
    ("Два дні тому дрони атакували склад.", date(2025, 11, 10)),
    ("У травні 2023 року місто впало.", date(2023, 5, 1)),
]


@pytest.mark.parametrize(("sentence", "expected"), EVENTS)
def test_event_expression(sentence, expected):
    assert event_date(sentence, PUBLISHED) == (expected, "event")


NO_EVENT = [  # sentences whose date is the publication's: no expression, or not an event date
    "Troops advanced toward the town.",
    "Fighting lasted for three days.",
    "The town fell days ago.",  # how many is not said
    "Shelling continued for 24 hours.",
    "The plant was built in the 1990s.",
    "The plant was built in 2023.",  # a bare year is not a day
    "Four prisoners and a T-90M tank were captured.",
    "Columns may march 10 kilometres a day.",  # lower-case "may", "march" are verbs
    "Shelling continued over the past week.",
    "Shelling continued during the last week.",
    "Протягом минулого тижня тривали обстріли.",
    "Talks will resume next Friday.",
    "Patrols go out every Monday.",
    "Выбросы попали в окружающую среду.",
    "Troops entered the town on 45.13.2025.",  # impossible
    "Troops entered the town in May 1985.",  # before 1990
    "The town will be handed over on 20.11.2025.",  # after publication: clamped
    "Talks are planned for December 2025.",
    "The talks are set for 1 January 2026.",
    "Обмен пленными намечен на 20 декабря 2025 года.",
]


@pytest.mark.parametrize("sentence", NO_EVENT)
def test_event_falls_back_to_publication(sentence):
    assert event_date(sentence, PUBLISHED) == (PUBLISHED, "published")


WITHOUT_PUBLICATION = [  # only absolute dates resolve when the publication date is unknown
    ("The town fell on 12.11.2025.", (NOV_12, "event")),
    ("The town fell in May 2023.", (date(2023, 5, 1), "event")),
    ("The town fell on Wednesday.", (None, "unknown")),
    ("The town fell on November 3.", (None, "unknown")),
    ("The town fell yesterday.", (None, "unknown")),
    ("Вчора місто впало.", (None, "unknown")),
    ("Troops advanced toward the town.", (None, "unknown")),
]


@pytest.mark.parametrize(("sentence", "expected"), WITHOUT_PUBLICATION)
def test_event_without_publication(sentence, expected):
    assert event_date(sentence, None) == expected


@pytest.mark.parametrize("sentence", [s for s, _ in EVENTS] + NO_EVENT)
def test_event_never_after_publication_and_sources_known(sentence):
    for published in (date(2025, 11, 3), PUBLISHED, date(2023, 5, 1)):
        day, source = event_date(sentence, published)
        assert source in DATE_SOURCES
        assert day is not None and day <= published


# -- rule 5: a date dates its own clause --------------------------------------------------------
TOWNS_TAKEN = ("Pokrovsk would be the largest town the army has taken since it captured Bakhmut "
               "in May 2023.")
TOWNS_TAKEN_RU = ("Покровск станет крупнейшим городом, взятым армией после взятия Артемовска в "
                  "мае 2023 года.")
TOWNS_TAKEN_UK = ("Покровськ став би найбільшим містом, яке армія взяла відтоді, як захопила "
                  "Бахмут у травні 2023 року.")
WITHDRAWAL = "On November 3, officials urged a withdrawal from Pokrovsk, as well as from Myrnohrad."
CLAUSES = [  # (sentence, a name in it, that name's date) with publication on 2025-11-12
    (TOWNS_TAKEN, "Pokrovsk", (PUBLISHED, "published")),
    (TOWNS_TAKEN, "Bakhmut", (date(2023, 5, 1), "event")),
    (TOWNS_TAKEN_RU, "Покровск", (PUBLISHED, "published")),
    (TOWNS_TAKEN_RU, "Артемовска", (date(2023, 5, 1), "event")),
    (TOWNS_TAKEN_UK, "Покровськ", (PUBLISHED, "published")),
    (TOWNS_TAKEN_UK, "Бахмут", (date(2023, 5, 1), "event")),
    (WITHDRAWAL, "Myrnohrad", (date(2025, 11, 3), "event")),  # a main clause dates the sentence
    ("Как сообщили в штабе 3 ноября, войска вошли в Покровск.", "Покровск",
     (date(2025, 11, 3), "event")),
    ("Як повідомив штаб 3 листопада, війська увійшли в Покровськ.", "Покровськ",
     (date(2025, 11, 3), "event")),
    ("Drones hit Kupiansk on Monday, a day after the November 9 strike on Izium.", "Izium",
     (date(2025, 11, 10), "event")),  # "after the November 9 strike" is no clause of its own
    ("Troops must reach Lysychansk by June 26, officials said.", "Lysychansk",
     (PUBLISHED, "published")),  # a deadline is no event
]


@pytest.mark.parametrize(("sentence", "name", "expected"), CLAUSES)
def test_event_date_of_the_clause(sentence, name, expected):
    assert event_date(sentence, PUBLISHED, sentence.index(name)) == expected


def test_a_mention_takes_its_clause_date(gazetteer):
    extractor = Extractor(gazetteer, reference=REFERENCE)
    article = Article("t", f"Front line report\n{TOWNS_TAKEN}", published=PUBLISHED)
    dated = {m.name: (m.date, m.date_source) for m in extractor.article_mentions(article)[2]}
    assert dated["Pokrovsk"] == (PUBLISHED, "published")
    assert dated["Bakhmut"] == (date(2023, 5, 1), "event")


def _seed(prefix: str, drop_first_line: bool = False) -> str:
    text = next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")
    return text.split("\n", 1)[1] if drop_first_line else text


SEED_CASES = [  # (seed, metadata date, drop the " date ..." header line, expected)
    ("000", None, False, (date(2025, 11, 7), "dateline")),
    ("000", date(2025, 11, 7), False, (date(2025, 11, 7), "metadata")),
    ("000", None, True, (date(2025, 11, 7), "dateline")),  # the "14:56 GMT 07.11.2025" stamp
    ("001", None, False, (date(2026, 11, 3), "inferred")),  # "On November 3", no year
    ("002", None, False, (date(2024, 10, 7), "inferred")),  # "early October 2024", "October 7"
    ("003", None, False, (date(2025, 11, 12), "dateline")),  # its " date 2025-11-12" header
    ("004", None, False, (date(2026, 11, 20), "inferred")),  # "On November 20th", no year
]


@pytest.mark.parametrize(("seed", "metadata", "drop_header", "expected"), SEED_CASES)
def test_seed_publication_dates(seed, metadata, drop_header, expected):
    result = publication_date(_seed(seed, drop_header), metadata, REFERENCE)
    assert result == expected
    assert result[1] in PUBLISHED_SOURCES


# -- rule 4: the run's other articles on the same places -----------------------------------------
def test_corpus_year_for_a_year_less_day_and_a_day_for_no_date():
    anchor = date(2025, 11, 9)
    found = publication("On November 3 troops entered the town.", None, REFERENCE, anchor=anchor)
    assert (found.day, found.source, found.year_known) == (date(2025, 11, 3), "corpus", False)
    found = publication("Troops entered the town, officials said.", None, REFERENCE,
                        anchor=anchor)
    assert (found.day, found.source) == (anchor, "corpus")
    found = publication("Officials said on Friday troops entered the town.", None, REFERENCE,
                        anchor=anchor)  # Sunday 9 November: the nearest Friday is the 7th
    assert (found.day, found.source) == (date(2025, 11, 7), "corpus")
    found = publication("Since early October 2024 the advance slowed. On October 7 troops "
                        "retook positions.", None, REFERENCE, anchor=anchor)
    assert (found.day, found.source) == (date(2024, 10, 7), "inferred")  # the text's year first


def _result(published: str | None, year_known: bool = True) -> ArticleResult:
    return ArticleResult(published, "metadata" if year_known else "inferred",
                         result_batch([]), year_known)


def _corpus(*dated: tuple[str, set[str]]) -> CorpusDates:
    corpus = CorpusDates(gazetteer=None)
    for published, places in dated:
        corpus.add(_result(published), places)
    return corpus


def test_corpus_anchor_is_the_median_of_the_days_of_the_same_places():
    corpus = _corpus(("2025-11-05", {"a", "b"}), ("2025-11-09", {"a"}), ("2025-11-20", {"a"}),
                     ("2024-03-01", {"c"}))
    assert corpus.anchor({"a"}) == date(2025, 11, 9)
    assert corpus.anchor({"a", "b"}) == date(2025, 11, 5)  # b, named less often, weighs more
    assert corpus.anchor({"z"}) is None


def test_corpus_days_that_disagree_give_no_anchor():
    corpus = _corpus(("2022-09-10", {"a"}), ("2025-09-17", {"a"}), ("2024-03-01", {"c"}))
    assert corpus.anchor({"a"}) is None
    assert corpus.anchor({"c"}) is None  # one report is no agreement


def test_only_articles_that_date_themselves_lend_their_day():
    corpus = _corpus(("2025-11-05", {"a"}), ("2025-11-06", {"a"}))
    corpus.add(_result("2026-11-03", year_known=False), {"a"})  # a guessed year lends nothing
    assert corpus.anchor({"a"}) == date(2025, 11, 5)
    assert corpus.wants(_result("2026-11-03", year_known=False), {"a"})
    assert not corpus.wants(_result("2026-11-03", year_known=False), set())
    assert not corpus.wants(_result("2025-11-05"), {"a"})



def test_an_anchor_counts_the_reports_added_after_it_was_asked():
    corpus = _corpus(("2025-11-05", {"a"}), ("2025-11-06", {"a"}))
    assert corpus.anchor({"a"}) == date(2025, 11, 5)
    for _ in range(3):
        corpus.add(_result("2025-12-20"), {"a"})
    assert corpus.anchor({"a"}) == date(2025, 12, 20)

RUN = [  # (id, metadata date, URL, text) in input order: a run of invented reports
    ("r1", "2025-11-05", "", "Fighting went on near Pokrovsk and Myrnohrad, the army said."),
    ("r2", None, "", "Troops entered Myrnohrad on November 3, local officials said."),
    ("r3", None, "https://example.org/news/2025/11/10/drones-hit-pokrovsk",
     "Drones struck Pokrovsk and Myrnohrad overnight."),
    ("r4", None, "", "Shelling hit Kherson on November 3, officials said."),
    ("r5", None, "", "Shelling went on in Myrnohrad, officials said on Saturday."),
    ("r6", "2025-11-12", "", "Evacuation from Myrnohrad went on, officials said."),
    ("r7", None, "https://example.org/news/2025/11/04/report",
     "KYIV, November 12 - Shelling hit Myrnohrad again."),
]


def _write_run(path: Path) -> Path:
    with open(path, "w", encoding="utf-8") as handle:
        for article_id, published, url, text in RUN:
            record = {"id": article_id, "text": text, "url": url}
            if published:
                record["published"] = published
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def test_a_run_dates_undated_reports_from_the_others(gazetteer, tmp_path):
    summary = RunSummary()
    table = mentions([_write_run(tmp_path / "run.jsonl")], gazetteer, REFERENCE, summary)
    published = dict(zip(table.article_id, zip(table.published, table.published_source,
                                                strict=True), strict=True))
    assert published["r1"] == ("2025-11-05", "metadata")
    assert published["r2"] == ("2025-11-03", "corpus")  # not 2026-11-03, the run date's year
    assert published["r3"] == ("2025-11-10", "url")
    assert published["r4"] == ("2026-11-03", "inferred")  # no other report on Kherson
    assert published["r5"] == ("2025-11-08", "corpus")  # the Saturday nearest the others
    assert published["r7"] == ("2025-11-12", "dateline")
    second = table[table.article_id == "r2"]
    assert set(zip(second.date, second.date_source, strict=True)) == {("2025-11-03", "event")}
    assert list(dict.fromkeys(table.article_id)) == [row[0] for row in RUN]  # input order
    disagreements = [w for w in summary.warnings if "disagree" in w]
    assert len(disagreements) == 1
    assert disagreements[0].endswith("run.jsonl:7: the URL's date 2025-11-04 and the dateline's "
                                     "2025-11-12 disagree: the dateline's is used")


def test_corpus_dates_are_the_same_from_the_store_and_with_jobs(gazetteer, tmp_path):
    path, store = _write_run(tmp_path / "run.jsonl"), tmp_path / "store.sqlite"
    fresh = mentions([path], gazetteer, REFERENCE)
    assert mentions([path], gazetteer, REFERENCE, store=store).equals(fresh)
    summary = RunSummary()
    assert mentions([path], gazetteer, REFERENCE, summary, store=store).equals(fresh)
    assert summary.reused == len(RUN)
    assert mentions([path], gazetteer, REFERENCE, jobs=2).equals(fresh)


def test_held_reports_come_back_whole_and_in_order_however_they_are_chunked(
        gazetteer, tmp_path, monkeypatch):
    path = _write_run(tmp_path / "run.jsonl")
    whole = mentions([path], gazetteer, REFERENCE)  # one chunk: the run is small
    monkeypatch.setattr(Held, "CHUNK_ROWS", 1)  # a chunk per report with mentions
    assert mentions([path], gazetteer, REFERENCE).equals(whole)


def test_the_store_key_covers_the_url_date():
    text = "Drones struck the depot overnight."
    one = key_of(Article("a", text, url="https://example.org/2025/11/04/depot"))
    assert one == key_of(Article("b", text, url="https://example.net/news/20251104/x.html"))
    assert one != key_of(Article("a", text, url="https://example.org/2025/11/05/depot"))
    assert one != key_of(Article("a", text))


def _benchmark() -> None:
    """Microseconds per event_date call, for a sentence without a date and with one."""
    import timeit

    sentences = {
        "no date": "Russian forces advanced toward Pokrovsk and the nearby town of Myrnohrad.",
        "no date, numbers": "Pokrovsk, once home to 60,000 people, now has 1,200 residents.",
        "dated": "Late Tuesday, military bloggers posted footage of soldiers entering Pokrovsk.",
        "dated (uk)": "3 листопада війська увійшли до Покровська з півдня.",
    }
    for name, sentence in sentences.items():
        seconds = timeit.timeit(lambda s=sentence: event_date(s, PUBLISHED), number=20000)
        print(f"event_date, {name}: {seconds / 20000 * 1e6:.1f} µs")


if __name__ == "__main__":
    _benchmark()
