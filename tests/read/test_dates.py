"""Dates: publication dates (metadata, dateline, inferred) and the event dates of sentences."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from geo.read.dates import event_date, publication_date
from geo.schema import DATE_SOURCES, PUBLISHED_SOURCES

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
    ("Front line report\n12 November\nTroops advanced.", (date(2026, 11, 12), "inferred")),
    ("Filler line.\n" * 20 + "12.11.2025\nTroops advanced.", (NOV_12, "inferred")),
    ("x" * 1600 + "\n12.11.2025\nTroops advanced.", (NOV_12, "inferred")),
    ("Servicemen - Sputnik International, 1920, 01.11.2025", (date(2025, 11, 1), "inferred")),
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
    ("The invasion began in February 2022. On March 3 the town fell.", date(2022, 3, 3)),
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
