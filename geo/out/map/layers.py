"""Mentions -> dated layers: one marker per place per date bin, ready for the map.

The map scrubs through date bins (day, week or month). Within a bin, every mention of one place
becomes one marker: sized by the number of mentions, with its mentions per outlet (the map colours
it, or the sum of a place's markers in a window of several bins, by the outlet that mentions it
most), styled as ambiguous when its mentions are. Mentions whose role is ``actor`` ("Moscow
said") are left out unless asked for; unresolved mentions have no point and are listed apart.

Events and claims (``event``, ``event_side``, ``claimant``; empty when the table has none): each
marker counts its mentions per (event, claimant), so the page can colour it by event and filter
by event type and claimant side, and a place's claims of control (capture, withdrawal, denial)
are kept as one ``ClaimRow`` per place, day, event, side, claimant and outlet. A marker, or the
sum of a place's markers in a window, shows its most severe event (``EVENTS`` is in that order:
capture > withdrawal > denial > strike > fighting > humanitarian > only mentioned), outlined by
the side of the claimants of that event (an official of Russia or of Ukraine, both, or neither).
A claim's day is its mention's date, else its article's publication date; undated claims are left
out of the timeline (the map cannot place them in time). With a front-line reference, a claim row
also carries its check against it (``frontline_check``, ``frontline_date``; ``CHECKS``) and the
stats count the claims per check; the reference's own layer is ``frontline.front_layer``.

The output (``MapData``) is plain data: lists and dicts that the map's JavaScript reads. Repeated
text (sentences, outlets, titles) is stored once and referred to by index, which keeps the HTML
of 100,000 mentions small. Markers and mentions are positional rows (``MarkerRow``,
``MentionRow``) whose field names travel once with the data (``MapData.fields``), as do the
values of the table's enums (``MapData.enums``): the JavaScript reads a row by field name and
compares with those values, never with an index or a string of its own.

Scale: the table may come as one frame or as chunks of it (the pipeline streams 100,000 articles,
some 3.4 million mentions), and is aggregated chunk by chunk, column-wise, into running counts:
memory grows with what the map will hold (markers, places, excerpts), not with the rows read.
Up to ``DETAIL_LIMIT`` placed mentions every one of them is in its marker's popup. Beyond it a
popup could not be read anyway and the HTML would not open: every marker keeps its true count,
its counts per outlet and ambiguous style, but only the first ``SAMPLE`` of its mentions (in input
order) are kept as excerpts, for the busiest markers first, ``DETAIL_LIMIT`` excerpts in all.

An excerpt highlights its own mention in the sentence, though the table gives the mention's offsets
in the article, not in the sentence: among an article's mentions with the same sentence and the
same surface, in the order of their ``start``, the k-th is the k-th occurrence of the surface as a
word of its own in the sentence ("Lyman" twice in one sentence: the second mention marks the
second Lyman, and neither is the start of "Lymanka"). Chunks may cut an article anywhere (the
pipeline's batches never do): the counts of the article a chunk ends with go on into the next
chunk. An article's rows are expected together, in text order, as the pipeline writes them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np
import pandas as pd

from geo.schema import (
    Claimant,
    Event,
    FrontlineCheck,
    ResolutionStatus,
    Role,
    Side,
    enums_for_js,
)

BINS = ("day", "week", "month")
UNDATED = "undated"  # the last step of the slider: placed mentions that have no date at all
# Outlet colours (ColorBrewer Set1 and Dark2): distinct on every base layer.
PALETTE = ("#e41a1c", "#377eb8", "#4daf4a", "#984ea3", "#ff7f00", "#a65628", "#f781bf",
           "#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#666666")
OTHER_COLOUR = "#999999"
DETAIL_LIMIT = 30_000  # placed mentions up to which all are excerpts; beyond, excerpts in all
SAMPLE = 5  # beyond DETAIL_LIMIT: excerpts kept per marker (its first mentions in input order)
UNKNOWN_OUTLET = "unknown outlet"
# Events, most severe first (a marker shows its most severe): the legend's word, the claims
# timeline's ("2025-11-24 captured by RU"), the colour; "" (the last): only mentioned. The
# colours avoid the sides' red and blue.
EVENTS = (
    (Event.CAPTURE, "capture", "captured", "#6a3d9a"),
    (Event.WITHDRAWAL, "withdrawal", "withdrawal", "#ff7f00"),
    (Event.DENIAL, "denial", "denied", "#1b9e77"), (Event.STRIKE, "strike", "strike", "#e7298a"),
    (Event.FIGHTING, "fighting", "fighting", "#b15928"),
    (Event.HUMANITARIAN, "humanitarian", "humanitarian", "#66a61e"),
    ("", "only mentioned", "", "#9e9e9e"))
CLAIMS = (Event.CAPTURE, Event.WITHDRAWAL, Event.DENIAL)  # the events of a claims timeline
# Claimants and the side each speaks for ("" for neither); "" (the last): no claimant.
CLAIMANTS = ((Claimant.RU_OFFICIAL, Side.RU), (Claimant.UA_OFFICIAL, Side.UA),
             (Claimant.THIRD_PARTY, ""), (Claimant.OUTLET, ""), ("", ""))
SIDES = ((Side.RU, "#c4161c"), (Side.UA, "#0057b7"))  # claimed control and claimant outlines
DISPUTE_DAYS = 14  # a capture claim is disputed by a contradicting claim this close in time
# A claim's check against a front-line reference and its words in the panel; "" (the last): none.
CHECKS = ((FrontlineCheck.CONFIRMED, "confirmed"), (FrontlineCheck.NOT_CONFIRMED, "not confirmed"),
          (FrontlineCheck.ALREADY, "already"), (FrontlineCheck.NO_DATA, "no data"), ("", ""))


def bin_start(day: dt.date, size: str) -> dt.date:
    """The first day of the bin holding ``day``: itself, its week's Monday, its month's 1st."""
    if size == "day":
        return day
    if size == "week":
        return day - dt.timedelta(days=day.weekday())
    if size == "month":
        return day.replace(day=1)
    raise ValueError(f"bin must be one of {', '.join(BINS)}, not {size!r}")


class MarkerRow(NamedTuple):
    """One marker: one place in one date bin. In the page a plain list (a NamedTuple is a tuple
    to JSON); its field names are sent once, in ``MapData.fields``."""

    bin: int  # index into ``bins``
    place: int  # index into ``places``
    mentions: int  # how many mentions it stands for (its true count, excerpts or not)
    outlets: list[list[int]]  # [index into ``outlets``, its mentions here], in the order the
    # marker met them: the first of the most mentions is its colour
    ambiguous: int  # 1 when every one of its mentions is ambiguous, else 0
    excerpts: list[int]  # indices into ``mentions``: all of its mentions, or its first few
    events: list[int]  # flat pairs: (event, claimant) as ``event * len(claimants) + claimant``
    # (indices into ``events`` and ``claimants``), then its mentions; [] when all of them are
    # only mentions without a claimant (the pairs are most of a large map's markers)


class MentionRow(NamedTuple):
    """One quoted mention (an excerpt) in a marker's popup; a plain list in the page."""

    article: int  # index into ``articles``
    sentence: int  # index into ``sentences``
    mark_start: int  # the name in the sentence: ``sentence[mark_start:mark_end]``
    mark_end: int
    date: str  # ISO date, "" when none
    date_source: str | None  # a ``DateSource`` value
    confidence: float
    resolution: str  # a ``ResolutionStatus`` value
    event: int  # index into ``events``
    event_side: str  # a ``Side`` value, "" when none
    claimant: int  # index into ``claimants``


class ClaimRow(NamedTuple):
    """Mentions of one place that make one claim of control on one day (``CLAIMS``): a line of
    the place's claims timeline; a plain list in the page."""

    place: int  # index into ``places``
    date: str  # ISO date
    event: int  # index into ``events``
    side: str  # a ``Side`` value: the side said to have captured (withdrawn...), "" when none
    claimant: int  # index into ``claimants``
    outlet: int  # index into ``outlets``
    mentions: int
    check: int  # index into ``checks``: the claim against the front-line reference
    check_date: str  # ISO date of the snapshot the check rests on, "" when none


# The rows' field names, in the page once: the JavaScript finds a field's position here.
FIELDS = {"marker": MarkerRow._fields, "mention": MentionRow._fields, "claim": ClaimRow._fields}


@dataclass
class MapData:
    """What the map draws. ``markers`` are ``MarkerRow``s, ``mentions`` ``MentionRow``s; a
    marker's excerpts are all of its mentions, or fewer when ``stats["excerpts"] <
    stats["placed"]``. ``fields``, ``enums`` and ``undated`` are the same for every map: the
    rows' field names, the table's enum values by member name (``geo.schema.enums_for_js``) and
    the name of the slider's last step."""

    bins: list[str] = field(default_factory=list)
    places: list[dict] = field(default_factory=list)
    markers: list[MarkerRow] = field(default_factory=list)
    mentions: list[MentionRow] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)
    articles: list[dict] = field(default_factory=list)
    outlets: list[dict] = field(default_factory=list)
    unresolved: list[dict] = field(default_factory=list)
    claims: list[ClaimRow] = field(default_factory=list)  # by place, then date
    events: list[dict] = field(default_factory=lambda: [
        {"value": str(value), "label": label, "verb": verb, "colour": colour}
        for value, label, verb, colour in EVENTS])
    claimants: list[dict] = field(default_factory=lambda: [
        {"value": str(value), "side": str(side)} for value, side in CLAIMANTS])
    sides: list[dict] = field(default_factory=lambda: [
        {"value": str(value), "colour": colour} for value, colour in SIDES])
    dispute_days: int = DISPUTE_DAYS
    checks: list[dict] = field(default_factory=lambda: [
        {"value": str(value), "label": label} for value, label in CHECKS])
    stats: dict = field(default_factory=dict)
    fields: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(FIELDS))
    enums: dict[str, dict[str, str]] = field(default_factory=enums_for_js)
    undated: str = UNDATED

    def as_json(self) -> dict:
        return {name: getattr(self, name) for name in (
            "bins", "places", "markers", "mentions", "sentences", "articles", "outlets",
            "unresolved", "claims", "events", "claimants", "sides", "dispute_days", "checks",
            "stats",
            "fields", "enums", "undated")}


Names = dict[str, list[str]] | Callable[[set[str]], dict[str, list[str]]]
# Columns an excerpt needs: the mention, its sentence and its article.
_EXCERPT = ("article_id", "title", "url", "source", "published", "published_source", "surface",
            "sentence", "date", "date_source", "confidence", "resolution")
_EVENT_AT = {str(value): i for i, (value, *_) in enumerate(EVENTS)}
_CLAIMANT_AT = {str(value): i for i, (value, _) in enumerate(CLAIMANTS)}
_CLAIM_AT = [_EVENT_AT[str(value)] for value in CLAIMS]
_CHECK_AT = {str(value): i for i, (value, _) in enumerate(CHECKS)}


def map_data(frames: pd.DataFrame | Iterable[pd.DataFrame], size: str = "day",
             since: dt.date | None = None, until: dt.date | None = None, actors: bool = False,
             names: Names | None = None, detail_limit: int = DETAIL_LIMIT) -> MapData:
    """The dated layers of a mentions table (``geo.mentions`` columns), given whole or as an
    iterable of chunks in a fixed order: the same rows give the same layers however they are cut.

    ``names``: every name of each place (``Gazetteer.names_for``), for the search box to find it
    by any of them; a dict, or a function called once with the ids of the places drawn (a
    stream's places are known only at its end). ``detail_limit``: see ``DETAIL_LIMIT``."""
    bin_start(dt.date(2000, 1, 1), size)  # validates ``size``
    layers = _Layers(size, since, until, actors, detail_limit)
    for chunk in [frames] if isinstance(frames, pd.DataFrame) else frames:
        layers.add(chunk)
    return layers.result(names)


class _Table:
    """Values stored once, referred to by index."""

    def __init__(self):
        self.index: dict = {}
        self.values: list = []

    def add(self, key, value=None) -> int:
        if key not in self.index:
            self.index[key] = len(self.values)
            self.values.append(key if value is None else value)
        return self.index[key]


class _Layers:
    """Running aggregates of the chunks read so far; ``result`` turns them into the map's data.

    Per marker (date bin, place) it keeps counts only: mentions, ambiguous mentions and mentions
    per outlet (outlets in the order first seen, which breaks ties as a single pass would). Rows
    are kept only as candidate excerpts: all of them while the placed mentions are within the
    detail limit, then each marker's first ``SAMPLE``."""

    def __init__(self, size: str, since: dt.date | None, until: dt.date | None, actors: bool,
                 detail_limit: int):
        self.size, self.actors, self.detail_limit = size, actors, detail_limit
        self.since, self.until = (d.isoformat() if d else None for d in (since, until))
        self.bin_of: dict[str, str] = {}  # a date -> its bin
        self.rows = self.mentions = self.placed = 0
        self.articles: set[str] = set()
        self.unresolved: dict[str, tuple[int, set[str]]] = {}  # surface -> count, articles
        self.outlets: dict[str, int] = {}
        # (bin, place id) -> [number in order first seen, count, ambiguous, {outlet: count},
        # {(event, claimant): count}]
        self.markers: dict[tuple[str, str], list] = {}
        self.places: dict[str, dict] = {}
        # (place id, day, event, side, claimant, outlet, check, check date) -> mentions, in the
        # order first seen
        self.claims: dict[tuple[str, str, int, str, int, str, int, str], int] = {}
        self.variants: dict[str, set[str]] = {}
        self.excerpts: list[pd.DataFrame] = []
        # the article the last chunk ended with: its id and {(sentence, surface): mentions}
        self.open_article: tuple[str | None, dict[tuple[str, str], int]] = (None, {})

    @property
    def detailed(self) -> bool:
        return self.placed <= self.detail_limit

    def add(self, chunk: pd.DataFrame) -> None:
        first_row = self.rows
        self.rows += len(chunk)
        if not len(chunk):
            return
        nth = self._occurrence(chunk)
        when = _text(chunk["date"])
        when = np.where(pd.isna(when), _text(chunk["published"]), when)
        dated = ~pd.isna(when)
        keep = np.ones(len(chunk), bool) if not (self.since or self.until) else dated
        if self.since:
            keep[dated] &= when[dated] >= self.since
        if self.until:
            keep[dated] &= when[dated] <= self.until
        rows = chunk.iloc[np.flatnonzero(keep)]
        when, order, nth = when[keep], np.flatnonzero(keep) + first_row, nth[keep]
        self.mentions += len(rows)
        articles = _text(rows["article_id"])
        self.articles.update(articles)
        resolution = _text(rows["resolution"])
        self._count_unresolved(_text(rows["surface"]), articles,
                               resolution == ResolutionStatus.UNRESOLVED)
        placed = ~np.isnan(rows["lat"].to_numpy(dtype=float, na_value=np.nan))
        if not self.actors:
            placed &= _text(rows["role"]) != Role.ACTOR
        if placed.any():
            self._add_placed(rows.iloc[np.flatnonzero(placed)], when[placed], order[placed],
                             resolution[placed] == ResolutionStatus.AMBIGUOUS, nth[placed])

    def _occurrence(self, chunk: pd.DataFrame) -> np.ndarray:
        """Per row, how many mentions of its article with the same sentence and surface come
        before it (by ``start``), counting those of the chunks before when its article is the one
        the last chunk ended with. Every row counts, drawn or not (actors, unresolved names)."""
        by_start = np.argsort(chunk["start"].to_numpy(dtype=np.int64, na_value=0), kind="stable")
        ids = chunk["article_id"].to_numpy(dtype=object, na_value=None)
        article, sentence, surface = ids[by_start], *(
            chunk[name].to_numpy(dtype=object, na_value=None)[by_start]
            for name in ("sentence", "surface"))
        nth = np.empty(len(chunk), np.int64)
        nth[by_start] = pd.Series(by_start).groupby([article, sentence, surface], sort=False,
                                                    dropna=False).cumcount().to_numpy()
        open_id, counts = self.open_article
        if open_id is not None:
            for i in np.flatnonzero(article == open_id):
                nth[by_start[i]] += counts.get((sentence[i], surface[i]), 0)
        last = ids[-1]
        if last != open_id:
            counts = {}
        for i in np.flatnonzero(article == last):
            counts[(sentence[i], surface[i])] = counts.get((sentence[i], surface[i]), 0) + 1
        self.open_article = (last, counts)
        return nth

    def _count_unresolved(self, surfaces: np.ndarray, articles: np.ndarray,
                          unresolved: np.ndarray) -> None:
        for surface, article in zip(surfaces[unresolved], articles[unresolved], strict=True):
            count, where = self.unresolved.get(surface, (0, set()))
            where.add(article)
            self.unresolved[surface] = (count + 1, where)

    def _add_placed(self, rows: pd.DataFrame, when: np.ndarray, order: np.ndarray,
                    ambiguous: np.ndarray, nth: np.ndarray) -> None:
        for day in pd.unique(when[~pd.isna(when)]):
            if day not in self.bin_of:
                self.bin_of[day] = bin_start(dt.date.fromisoformat(day), self.size).isoformat()
        outlet = _text(rows["source"])
        outlet[pd.isna(outlet)] = UNKNOWN_OUTLET
        bins = pd.Series(when, dtype=object).map(self.bin_of)
        event, claimant = _codes(rows, "event", _EVENT_AT), _codes(rows, "claimant", _CLAIMANT_AT)
        keys = pd.DataFrame({
            "bin": bins.to_numpy(dtype=object, na_value=UNDATED),
            "place": _text(rows["place_id"]), "outlet": outlet, "ambiguous": ambiguous,
            "event": event, "claimant": claimant,
            "check": _codes(rows, "frontline_check", _CHECK_AT),
            "check_date": _filled(rows, "frontline_date")})
        for name, count in keys.groupby("outlet", sort=False).size().items():
            self.outlets[name] = self.outlets.get(name, 0) + int(count)
        self._add_places(rows, keys["place"].to_numpy())
        by = keys.groupby(["bin", "place"], sort=False)  # groups in the order first seen
        sizes, ambiguities = by.size(), by["ambiguous"].sum()
        before = np.zeros(len(sizes), np.int64)  # each marker's mentions in earlier chunks
        number = np.zeros(len(sizes), np.int64)
        for i, (key, count, ambiguities_) in enumerate(
                zip(sizes.index, sizes.to_numpy(), ambiguities.to_numpy(), strict=True)):
            marker = self.markers.setdefault(key, [len(self.markers), 0, 0, {}, {}])
            number[i], before[i] = marker[0], marker[1]
            marker[1] += int(count)
            marker[2] += int(ambiguities_)
        by_outlet = keys.groupby(["bin", "place", "outlet"], sort=False).size()
        for (bin_key, place, name), count in by_outlet.items():
            outlets = self.markers[(bin_key, place)][3]
            outlets[name] = outlets.get(name, 0) + int(count)
        by_event = keys.groupby(["bin", "place", "event", "claimant"], sort=False).size()
        for (bin_key, place, event_, claimant_), count in by_event.items():
            events = self.markers[(bin_key, place)][4]
            events[(event_, claimant_)] = events.get((event_, claimant_), 0) + int(count)
        self._add_claims(keys, when, _filled(rows, "event_side"))
        group = by.ngroup().to_numpy()
        rank = before[group] + by.cumcount().to_numpy()
        was_detailed = self.detailed
        self.placed += len(rows)
        if was_detailed and not self.detailed:  # from now on: each marker's first SAMPLE
            self.excerpts = [e[e["rank"] < SAMPLE] for e in self.excerpts]
        wanted = np.flatnonzero(rank < SAMPLE) if not self.detailed else np.arange(len(rows))
        excerpts = rows.iloc[wanted][list(_EXCERPT)].reset_index(drop=True)
        excerpts["marker"] = number[group[wanted]]
        excerpts["outlet"] = outlet[wanted]
        excerpts["rank"], excerpts["row"] = rank[wanted], order[wanted]
        excerpts["nth"] = nth[wanted]
        excerpts["event"], excerpts["claimant"] = event[wanted], claimant[wanted]
        excerpts["event_side"] = _filled(rows, "event_side")[wanted]
        self.excerpts.append(excerpts)

    def _add_claims(self, keys: pd.DataFrame, when: np.ndarray, side: np.ndarray) -> None:
        """Count the dated claims of control (``CLAIMS``) per place, day, event, side, claimant
        and outlet."""
        claim = np.isin(keys["event"].to_numpy(), _CLAIM_AT) & ~pd.isna(when)
        if not claim.any():
            return
        claims = keys[claim].assign(day=when[claim], side=side[claim])
        by = claims.groupby(["place", "day", "event", "side", "claimant", "outlet", "check",
                             "check_date"], sort=False)
        for key, count in by.size().items():
            self.claims[key] = self.claims.get(key, 0) + int(count)

    def _add_places(self, rows: pd.DataFrame, place_ids: np.ndarray) -> None:
        """A place's attributes from its first row; every surface it was found by."""
        surfaces = _text(rows["surface"])
        for place_id, surface in set(zip(place_ids, surfaces, strict=True)):
            self.variants.setdefault(place_id, set()).add(surface)
        new = ~pd.Series(place_ids).duplicated().to_numpy()
        for i in np.flatnonzero(new):
            if place_ids[i] not in self.places:
                row = rows.iloc[i]
                self.places[place_ids[i]] = {
                    "id": place_ids[i], "name": _or_none(row["name"]), "lat": float(row["lat"]),
                    "lon": float(row["lon"]), "kind": _or_none(row["kind"]),
                    "admin1": _or_empty(row["admin1"]), "country": _or_none(row["country"])}

    def result(self, names: Names | None) -> MapData:
        outlet_order = sorted(self.outlets, key=lambda name: -self.outlets[name])  # stable
        data = MapData(outlets=[
            {"name": name, "colour": PALETTE[i] if i < len(PALETTE) else OTHER_COLOUR,
             "mentions": self.outlets[name]} for i, name in enumerate(outlet_order)])
        outlet_at = {name: i for i, name in enumerate(outlet_order)}
        used = {bin_key for bin_key, _ in self.markers}
        dated = sorted(used - {UNDATED})
        data.bins = dated + ([UNDATED] if UNDATED in used else [])
        bin_at = {b: i for i, b in enumerate(data.bins)}
        keys = sorted(self.markers, key=lambda key: (bin_at[key[0]], key[1]))
        map_order = np.zeros(len(keys), np.int64)  # a marker's number -> its place on the map
        every_name = names({place for _, place in keys}) if callable(names) else names or {}
        places = _Table()
        for at, (bin_key, place_id) in enumerate(keys):
            number, count, ambiguities, outlets, events = self.markers[(bin_key, place_id)]
            map_order[number] = at
            place = places.add(place_id, dict(
                self.places[place_id], variants=sorted(self.variants[place_id]),
                names=every_name.get(place_id, [])))
            data.markers.append(MarkerRow(
                bin=bin_at[bin_key], place=place, mentions=count,
                outlets=[[outlet_at[name], n] for name, n in outlets.items()],
                ambiguous=int(ambiguities == count), excerpts=[],
                events=_flat_events(events)))
        data.places = places.values
        data.claims = sorted(
            (ClaimRow(place=places.index[place_id], date=day, event=int(event), side=side,
                      claimant=int(claimant), outlet=outlet_at[name], mentions=count,
                      check=int(check), check_date=check_date)
             for (place_id, day, event, side, claimant, name, check, check_date), count
             in self.claims.items()),
            key=lambda c: (c.place, c.date, c.event, c.side, c.claimant, c.outlet, c.check))
        self._add_excerpts(data, map_order)
        data.unresolved = [
            {"name": name, "count": count, "articles": sorted(where)}
            for name, (count, where) in sorted(self.unresolved.items(),
                                               key=lambda kv: (-kv[1][0], kv[0]))]
        none = _EVENT_AT[""]
        # a claim is a line of a claims timeline, however many mentions repeat it
        claims_per_check = np.bincount([c.check for c in data.claims], minlength=len(CHECKS))
        data.stats = {"articles": len(self.articles), "mentions": self.mentions,
                      "events": sum(n for marker in self.markers.values()
                                    for (event, _), n in marker[4].items() if event != none),
                      "placed": self.placed, "excerpts": len(data.mentions),
                      "unresolved": sum(u["count"] for u in data.unresolved),
                      "first": dated[0] if dated else "", "last": dated[-1] if dated else "",
                      "bin": self.size,
                      "checks": {str(value): int(n) for (value, _), n
                                 in zip(CHECKS[:-1], claims_per_check, strict=False)}}
        return data

    def _add_excerpts(self, data: MapData, map_order: np.ndarray) -> None:
        """Each marker's excerpts, markers in map order, mentions in input order. Beyond the
        detail limit: each marker's first SAMPLE, busiest markers first, detail_limit in all."""
        if not self.excerpts:
            return
        rows = pd.concat(self.excerpts, ignore_index=True)
        self.excerpts = []
        rows["marker"] = map_order[rows["marker"].to_numpy()]
        if not self.detailed:
            counts = np.array([m.mentions for m in data.markers])
            busiest = np.lexsort((np.arange(len(counts)), -counts))
            fits = np.cumsum(np.minimum(counts[busiest], SAMPLE)) <= self.detail_limit
            served = np.zeros(len(counts), bool)
            served[busiest[fits]] = True
            rows = rows[served[rows["marker"].to_numpy()]]
        rows = rows.sort_values(["marker", "row"], kind="stable")
        sentences, articles = _Table(), _Table()
        for row in rows.itertuples(index=False):
            article = articles.add(row.article_id, {
                "id": row.article_id, "title": _or_empty(row.title), "url": _or_empty(row.url),
                "outlet": row.outlet, "published": _or_empty(row.published),
                "published_source": _or_none(row.published_source)})
            sentence = _or_empty(row.sentence)
            mark_start, mark_end = _mark(sentence, _or_empty(row.surface), row.nth)
            data.markers[row.marker].excerpts.append(len(data.mentions))
            data.mentions.append(MentionRow(
                article=article, sentence=sentences.add(sentence), mark_start=mark_start,
                mark_end=mark_end,
                date=_or_empty(row.date), date_source=_or_none(row.date_source),
                confidence=round(float(row.confidence), 2), resolution=row.resolution,
                event=int(row.event), event_side=row.event_side,
                claimant=int(row.claimant)))
        data.sentences, data.articles = sentences.values, articles.values


def _mark(sentence: str, surface: str, nth: int) -> tuple[int, int]:
    """Where the ``nth`` (from 0) mention of ``surface`` stands in ``sentence``: its nth
    occurrence as a word of its own (not the start of a longer word), counted again from the first
    when the sentence holds fewer (an article that repeats a sentence); failing that, its
    occurrences anywhere; (0, 0) when it is not there at all."""
    if not surface:
        return 0, 0
    name = re.escape(surface)
    spans = ([m.span() for m in re.finditer(rf"(?<!\w){name}(?!\w)", sentence)]
             or [m.span() for m in re.finditer(name, sentence)])
    return spans[nth % len(spans)] if spans else (0, 0)


def _text(column: pd.Series) -> np.ndarray:
    """A text column as an object array, None where missing or empty (as ``value or None``)."""
    values = column.to_numpy(dtype=object, na_value=None)
    if not values.flags.writeable:  # an all-missing column may come as a read-only view
        values = values.copy()
    values[values == ""] = None
    return values


def _flat_events(events: dict[tuple[int, int], int]) -> list[int]:
    """A marker's mentions per (event, claimant) as ``MarkerRow.events``."""
    if set(events) == {(_EVENT_AT[""], _CLAIMANT_AT[""])}:
        return []
    return [value for (event, claimant), count in sorted(events.items())
            for value in (event * len(CLAIMANTS) + claimant, count)]


def _codes(rows: pd.DataFrame, name: str, at: dict[str, int]) -> np.ndarray:
    """An enum column as indices into its list (``EVENTS``, ``CLAIMANTS``); missing, empty or
    unknown values (a table from before the column) are the list's last: none."""
    if name not in rows:
        return np.full(len(rows), at[""], np.int64)
    codes = pd.Categorical(_text(rows[name]), categories=list(at)).codes.astype(np.int64)
    codes[codes < 0] = at[""]  # at's keys are in list order: a category's code is its index
    return codes


def _filled(rows: pd.DataFrame, name: str) -> np.ndarray:
    """A text column with "" where it is missing (or the table has no such column)."""
    if name not in rows:
        return np.full(len(rows), "", object)
    values = _text(rows[name])
    values[pd.isna(values)] = ""
    return values


def _or_none(value):
    return None if pd.isna(value) else value


def _or_empty(value) -> str:
    return "" if pd.isna(value) else value
