"""The outlet of an article and its home country: who published the report.

    >>> outlet_of(Article("a1", "...", url="https://www.tass.com/politics/1"))
    Outlet(name='TASS', country='RU')

Most trusted first:

1. **Metadata**: the ``source`` an input gave (a JSON field, a ``source:`` header, an HTML
   page's site name) is the outlet as given; its country comes from the outlet table when the
   name is one of an outlet's names there (``TASS``, ``ТАСС``, ``The Guardian``). A bare host
   name (trafilatura's fallback, ``www.tass.com``) is read as a URL's domain (2).
2. **The URL's domain** through the curated table ``data/outlets.csv`` (one row per domain,
   each with a source note): a subdomain or mirror (``www.``, ``amp.``, ``m.``, ``russian.``,
   ``newsukraine.rbc.ua``) is its domain's outlet; a ``*.gov.ua`` row gives a country to every
   site under it. A domain the table does not know is still its own outlet: its registrable
   domain (``news.example.co.uk`` -> ``example.co.uk``) with no country, unless the text opens
   with a wire's dateline ("KYIV (Reuters) -", "/TASS/") or ends with its credit line ("...
   REUTERS", "— AFP"): then it is the wire's copy, and the wire is the outlet. A Telegram post
   (``t.me/channel/123``) is its channel's: ``t.me/channel``.
3. **Bylines in the text** (``data/bylines.csv``, regular expressions with source notes), when
   there is no metadata and no URL: a wire's dateline near the top ("/TASS/", "(Reuters) -",
   "— РИА Новости.") or its credit line at the end ("... REUTERS"), then the outlet's own
   interviews and reporters anywhere ("told Sputnik", "рассказал ТАСС", "кореспондент
   Укрінформу"), then, as a last resort, "X reports" ("передает ТАСС", "повідомляє Укрінформ",
   "RIA Novosti reports"), which other outlets also write when they cite X. The strongest kind
   wins, then the earliest.
4. Nothing: an empty name and country.

The tables are read once per process. Outlets are worked out when the table is assembled, from
the ``Article`` (never stored with the extraction's result), so a store entry made for one URL
can never give another URL's outlet.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from geo.schema import Article

DATA = Path(__file__).resolve().parent / "data"
DATELINE_CHARS = 400  # a wire's dateline stands this near the top of the text
CREDIT_CHARS = 60  # a wire's credit line ("... REUTERS") this near the end

# Second-level suffixes under which a site's registrable domain has three labels
# (the Public Suffix List's, for the countries war reports come from).
_SECOND_LEVEL = frozenset({
    "com.ua", "org.ua", "net.ua", "gov.ua", "in.ua", "kiev.ua", "kyiv.ua", "edu.ua",
    "com.ru", "org.ru", "net.ru", "msk.ru", "spb.ru", "gov.ru",
    "co.uk", "org.uk", "gov.uk", "ac.uk", "com.tr", "gov.tr", "org.tr", "com.au", "net.au",
    "org.au", "gov.au", "co.jp", "co.in", "com.pk", "co.nz", "co.za", "com.br", "com.cn",
    "com.sg", "com.my", "com.pl", "gov.pl", "co.il", "com.qa", "com.sa", "com.eg", "com.hk",
})  # fmt: skip
_MIRROR_PREFIXES = ("www", "www2", "amp", "m", "mobile", "pda")
_CHANNEL_HOSTS = ("t.me", "telegram.me")
_KINDS = ("dateline", "credit", "told", "reports")  # bylines, strongest first
_WIRE_COPY = ("dateline", "credit")  # what makes an article on an unknown site a wire's copy
_FOLD = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class Outlet:
    """An outlet: its name and its home country (ISO 3166 alpha-2); empty when unknown."""

    name: str = ""
    country: str = ""


@dataclass(frozen=True)
class _Byline:
    kind: str
    needs: tuple[str, ...]  # words the text must hold for the pattern to be tried (a quick test)
    pattern: re.Pattern
    outlet: str


def _fold(name: str) -> str:
    """A name for comparison: case, punctuation and a leading "the" ignored."""
    folded = name.casefold().strip()
    folded = folded.removeprefix("the ")
    return _FOLD.sub("", folded)


@functools.cache
def _tables() -> tuple[dict[str, Outlet], dict[str, Outlet], dict[str, str]]:
    """(domain -> outlet, folded name or alias -> outlet, government suffix -> country)."""
    domains: dict[str, Outlet] = {}
    names: dict[str, Outlet] = {}
    suffixes: dict[str, str] = {}
    with open(DATA / "outlets.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            domain, country = row["domain"].strip().lower(), row["country"].strip()
            if domain.startswith("*."):
                suffixes[domain[2:]] = country
                continue
            outlet = Outlet(row["outlet"].strip(), country)
            domains[domain] = outlet
            for name in (outlet.name, *row["aliases"].split("|")):
                if name.strip():
                    names.setdefault(_fold(name), outlet)
    return domains, names, suffixes


@functools.cache
def _bylines() -> tuple[_Byline, ...]:
    with open(DATA / "bylines.csv", encoding="utf-8", newline="") as handle:
        rows = [_Byline(row["kind"], tuple(row["needs"].split("|")), re.compile(row["pattern"]),
                        row["outlet"]) for row in csv.DictReader(handle)]
    return tuple(sorted(rows, key=lambda byline: _KINDS.index(byline.kind)))


def outlet_of(article: Article) -> Outlet:
    """The article's outlet and its country: metadata, else the URL's domain, else bylines."""
    if article.source:
        return _named(article.source)
    if article.url:
        found = outlet_of_url(article.url)
        if found.name:
            if found.country:
                return found
            wire = outlet_of_text(article.text, kinds=_WIRE_COPY)
            return wire if wire.name else found
    return outlet_of_text(article.text)


def _named(name: str) -> Outlet:
    """An outlet named by metadata: the name as given, the country from the table; a host name
    is read as a domain."""
    name = " ".join(name.split())
    if _looks_like_host(name):
        return outlet_of_url(name)
    known = _tables()[1].get(_fold(name))
    return Outlet(name, known.country if known else "")


_HOST_NAME = re.compile(r"(?:https?://)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\.?/?", re.IGNORECASE)


def _looks_like_host(name: str) -> bool:
    """A host name ("www.tass.com"), not an outlet whose name has a dot ("Lenta.ru")."""
    return bool(_HOST_NAME.fullmatch(name)) and _fold(name) not in _tables()[1]


def outlet_of_url(url: str) -> Outlet:
    """The outlet of a URL (or bare host name) through the table; an unknown domain is its own
    outlet, with no country. Empty when the URL has no host."""
    host = _host(url)
    if not host:
        return Outlet()
    domains, _, suffixes = _tables()
    labels = host.split(".")
    for start in range(len(labels) - 1):  # news.rbc.ua: news.rbc.ua, then rbc.ua
        known = domains.get(".".join(labels[start:]))
        if known is not None:
            return known
    registrable = registrable_domain(host)
    if registrable in _CHANNEL_HOSTS:  # a Telegram channel is its own outlet
        channel = _channel(url)
        if channel:
            return Outlet(f"t.me/{channel}")
    country = next((c for suffix, c in suffixes.items()
                    if host == suffix or host.endswith("." + suffix)), "")
    return Outlet(registrable, country)


def _channel(url: str) -> str:
    """The channel of a Telegram post's URL: t.me/rybar/123 and t.me/s/rybar/123 -> rybar."""
    text = url.strip() if "//" in url else "//" + url.strip()
    parts = [part for part in urlsplit(text).path.split("/") if part]
    if parts[:1] == ["s"]:
        parts = parts[1:]
    return parts[0].lower() if parts and re.fullmatch(r"\w{4,}", parts[0]) else ""


def _host(url: str) -> str:
    text = url.strip()
    if "//" not in text:
        text = "//" + text
    try:
        host = urlsplit(text).hostname or ""
    except ValueError:
        return ""
    host = host.rstrip(".").lower()
    if "." not in host or re.fullmatch(r"[\d.]+", host):  # localhost, an IP address
        return ""
    if host.startswith("xn--") or ".xn--" in host:  # an internationalised domain
        with contextlib.suppress(UnicodeError):
            host = host.encode("ascii").decode("idna")
    return host


def registrable_domain(host: str) -> str:
    """The domain a site registered: ``amp.theguardian.com`` -> ``theguardian.com``,
    ``war.telegraf.com.ua`` -> ``telegraf.com.ua``; mirror prefixes (www., amp., m.) dropped."""
    labels = host.lower().rstrip(".").split(".")
    while len(labels) > 2 and labels[0] in _MIRROR_PREFIXES:
        labels = labels[1:]
    keep = 3 if ".".join(labels[-2:]) in _SECOND_LEVEL else 2
    return ".".join(labels[-keep:])


def outlet_of_text(text: str, *, kinds: tuple[str, ...] = _KINDS) -> Outlet:
    """The outlet the text's bylines tell (only the ``kinds`` of byline given): the strongest
    kind first, then the earliest in the text."""
    names = _tables()[1]
    for kind in kinds:
        best: tuple[int, str] | None = None
        for byline in _bylines():
            if byline.kind != kind or not any(word in text for word in byline.needs):
                continue
            if kind == "dateline":
                match = byline.pattern.search(text, 0, DATELINE_CHARS)
            elif kind == "credit":
                match = byline.pattern.search(text.rstrip(), max(0, len(text.rstrip()) -
                                                                 CREDIT_CHARS))
            else:
                match = byline.pattern.search(text)
            if match and (best is None or match.start() < best[0]):
                best = (match.start(), byline.outlet)
        if best is not None:
            known = names.get(_fold(best[1]))
            return known if known is not None else Outlet(best[1])
    return Outlet()
