"""The outlet and its country: metadata > the URL's domain (the curated table) > bylines.

Every URL and sentence here is written for the tests."""

from __future__ import annotations

import csv
import re

import pytest

from geo.read.outlets import DATA, Outlet, outlet_of, outlet_of_text, outlet_of_url
from geo.schema import Article


def article(text: str = "Nothing to tell.", **fields) -> Article:
    return Article("a1", text, **fields)


@pytest.mark.parametrize(("url", "name", "country"), [
    ("https://tass.com/politics/123456", "TASS", "RU"),
    ("https://www.tass.ru/armiya-i-opk/1", "TASS", "RU"),
    ("https://russian.rt.com/world/news/1-x", "RT", "RU"),
    ("http://m.lenta.ru/news/2025/01/02/x/", "Lenta.ru", "RU"),
    ("https://www.kyivindependent.com/some-story/", "The Kyiv Independent", "UA"),
    ("https://amp.theguardian.com/world/2025/jan/01/x", "The Guardian", "GB"),
    ("https://newsukraine.rbc.ua/news/x-1.html", "RBC-Ukraine", "UA"),  # not RBC of rbc.ru
    ("https://www.rbc.ru/politics/01/01/2025/abc", "RBC", "RU"),
    ("https://war.telegraf.com.ua/ukr/x", "Telegraf", "UA"),
    ("https://www.radiosvoboda.org/a/x/1.html", "Radio Svoboda", "US"),
    ("https://www.reuters.com/world/europe/x-2025-01-01/", "Reuters", "GB"),
    ("https://apnews.com/article/x", "Associated Press", "US"),
    ("https://www.aa.com.tr/en/russia-ukraine-war/x/1", "Anadolu Agency", "TR"),
    ("HTTPS://WWW.DW.COM/en/x/a-1", "Deutsche Welle", "DE"),
    ("www.aljazeera.com/news/2025/1/1/x", "Al Jazeera", "QA"),  # no scheme
    ("https://www.bbc.co.uk/news/world-europe-1", "BBC", "GB"),
])
def test_known_domains_and_their_mirrors(url, name, country):
    assert outlet_of_url(url) == Outlet(name, country)
    assert outlet_of(article(url=url)) == Outlet(name, country)


@pytest.mark.parametrize(("url", "name"), [
    ("https://www.example-news.org/2025/x", "example-news.org"),
    ("https://amp.news.example.co.uk/x", "example.co.uk"),
    ("https://live.someblog.com.ua/post/1", "someblog.com.ua"),
    ("https://example.net:8080/x?y=1#z", "example.net"),
])
def test_an_unknown_domain_is_its_own_outlet_with_no_country(url, name):
    assert outlet_of(article(url=url)) == Outlet(name, "")


@pytest.mark.parametrize(("url", "name"), [
    ("https://t.me/somechannel/4521", "t.me/somechannel"),
    ("https://t.me/s/SomeChannel/4521", "t.me/somechannel"),
    ("https://telegram.me/somechannel", "t.me/somechannel"),
    ("https://t.me/", "t.me"),
])
def test_a_telegram_post_is_its_channels(url, name):
    assert outlet_of_url(url) == Outlet(name, "")


def test_a_state_site_under_gov_ua_is_its_own_outlet_in_ukraine():
    assert outlet_of_url("https://region.gov.ua/news/1") == Outlet("region.gov.ua", "UA")


@pytest.mark.parametrize("url", ["", "not a url", "http://localhost/x", "http://10.0.0.1/x",
                                 "file:///tmp/a.txt"])
def test_no_host_no_outlet(url):
    assert outlet_of_url(url) == Outlet()


def test_metadata_wins_and_takes_its_country_from_the_table():
    text = "KYIV, Jan 2 (Reuters) - Officials said."
    assert outlet_of(article(text, source="ТАСС", url="https://reuters.com/x")) == Outlet(
        "ТАСС", "RU")
    assert outlet_of(article(source="the kyiv independent")) == Outlet(
        "the kyiv independent", "UA")
    assert outlet_of(article(source="Lenta.ru")) == Outlet("Lenta.ru", "RU")
    assert outlet_of(article(source="Some Village Gazette", url="https://tass.com/1")) == Outlet(
        "Some Village Gazette", "")


def test_a_host_name_as_metadata_is_read_as_a_domain():
    assert outlet_of(article(source="www.ukrinform.net")) == Outlet("Ukrinform", "UA")
    assert outlet_of(article(source="blog.example.org")) == Outlet("example.org", "")


def test_the_domain_beats_bylines():
    text = "A local official told Sputnik the bridge was hit."
    assert outlet_of(article(text, url="https://www.ukrinform.ua/rubric/1")) == Outlet(
        "Ukrinform", "UA")


def test_a_wire_copy_on_an_unknown_site_is_the_wires():
    text = "KYIV, Jan 2 (Reuters) - Officials said a depot burned."
    assert outlet_of(article(text, url="https://radio-station.example.com/?p=12")) == Outlet(
        "Reuters", "GB")
    credited = "Officials said a depot burned on Sunday. — AFP"
    assert outlet_of(article(credited, url="https://example.com/1")) == Outlet("AFP", "FR")
    # only a dateline at the top or a credit line at the end: not an interview the site quotes
    quoted = "The site's own report. " + "More words. " * 50 + "A man told Reuters so."
    assert outlet_of(article(quoted, url="https://example.com/1")) == Outlet("example.com", "")


@pytest.mark.parametrize(("text", "name", "country"), [
    # English
    ("MOSCOW, January 5. /TASS/. The ministry said a village was taken.", "TASS", "RU"),
    ("LONDON, Jan 5 (Reuters) - Britain said on Monday it would send aid.", "Reuters", "GB"),
    ("KYIV, Ukraine (AP) — Air raid sirens sounded across the capital.", "Associated Press",
     "US"),
    ("Kyiv (AFP) - Drones struck a power plant overnight.", "AFP", "FR"),
    ("The front is moving, a retired colonel told Sputnik on Tuesday.", "Sputnik", "RU"),
    ("Shelling continued, RIA Novosti reports, citing local authorities.", "RIA Novosti", "RU"),
    # Russian
    ("МОСКВА, 5 января — РИА Новости. Губернатор сообщил о пожаре.", "RIA Novosti", "RU"),
    ("Об этом рассказал ТАСС представитель силовых структур.", "TASS", "RU"),
    ("Ночью был сбит беспилотник, передает ТАСС.", "TASS", "RU"),
    ("Об этом глава района сообщил «Известиям».", "Izvestia", "RU"),
    # Ukrainian
    ("Про це повідомляє Укрінформ з посиланням на Генштаб.", "Ukrinform", "UA"),
    ("Як передає кореспондент Укрінформу, вибухи лунали вночі.", "Ukrinform", "UA"),
    ("Про це розповів Суспільному речник бригади.", "Suspilne", "UA"),
    ("Про це повідомив агентству «Інтерфакс-Україна» очільник громади.", "Interfax-Ukraine",
     "UA"),
])
def test_bylines_in_three_languages(text, name, country):
    assert outlet_of(article(text)) == Outlet(name, country)


def test_a_dateline_beats_a_citation_of_another_outlet():
    text = ("KYIV, Jan 5 (Reuters) - Ukraine's army said it repelled attacks, "
            "while Russia's defence ministry, TASS reported, claimed gains.")
    assert outlet_of_text(text) == Outlet("Reuters", "GB")


def test_the_outlets_own_interview_beats_a_citation():
    text = "За данными военных, передает ТАСС, бои шли весь день. Эксперт рассказал РИА Новости."
    assert outlet_of_text(text) == Outlet("RIA Novosti", "RU")


def test_a_credit_line_counts_only_at_the_end():
    assert outlet_of_text("Troops advanced, officials said. REUTERS") == Outlet("Reuters", "GB")
    assert outlet_of_text("REUTERS reported it first. " + "Then more. " * 20) == Outlet()


def test_no_byline_no_outlet():
    assert outlet_of(article("Drones hit a depot near the river overnight.")) == Outlet()
    assert outlet_of_text("The Tassel Gazette wrote about Reutersville.") == Outlet()


def test_the_tables_are_well_formed():
    with open(DATA / "outlets.csv", encoding="utf-8", newline="") as handle:
        outlets = list(csv.DictReader(handle))
    domains = [row["domain"] for row in outlets]
    assert len(domains) == len(set(domains)), "one row per domain"
    for row in outlets:
        assert re.fullmatch(r"(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+", row["domain"]), row
        assert re.fullmatch(r"[A-Z]{2}", row["country"]), row
        assert row["outlet"] or row["domain"].startswith("*."), row
        assert len(row["source"]) > 20, "every hand-added fact carries a source note"
    names = {row["outlet"] for row in outlets}
    with open(DATA / "bylines.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            re.compile(row["pattern"])
            assert all(word in row["pattern"] for word in row["needs"].split("|")), row
            assert row["kind"] in ("dateline", "credit", "told", "reports"), row
            assert row["outlet"] in names, "a byline names an outlet of the table"
            assert len(row["source"]) > 20, row
