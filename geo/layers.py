"""Mentions -> dated layers: one marker per place per date bin, ready for the map.

The map scrubs through date bins (day, week or month). Within a bin, every mention of one place
becomes one marker: sized by the number of mentions, coloured by the outlet that mentions it
most, styled as ambiguous when its mentions are. Mentions whose role is ``actor`` ("Moscow
said") are left out unless asked for; unresolved mentions have no point and are listed apart.

The output (``MapData``) is plain data: lists and dicts that the map's JavaScript reads. Repeated
text (sentences, outlets, titles) is stored once and referred to by index, which keeps the HTML
of 100,000 mentions small.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import pandas as pd

BINS = ("day", "week", "month")
UNDATED = "undated"  # the last step of the slider: placed mentions that have no date at all
# Outlet colours (ColorBrewer Set1 and Dark2): distinct on every base layer.
PALETTE = ("#e41a1c", "#377eb8", "#4daf4a", "#984ea3", "#ff7f00", "#a65628", "#f781bf",
           "#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#666666")
OTHER_COLOUR = "#999999"


def bin_start(day: dt.date, size: str) -> dt.date:
    """The first day of the bin holding ``day``: itself, its week's Monday, its month's 1st."""
    if size == "day":
        return day
    if size == "week":
        return day - dt.timedelta(days=day.weekday())
    if size == "month":
        return day.replace(day=1)
    raise ValueError(f"bin must be one of {', '.join(BINS)}, not {size!r}")


@dataclass
class MapData:
    """What the map draws. ``markers`` rows: [bin index, place index, mention count, outlet
    index, ambiguous (0/1), [mention indices]]."""

    bins: list[str] = field(default_factory=list)
    places: list[dict] = field(default_factory=list)
    markers: list[list] = field(default_factory=list)
    mentions: list[list] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)
    articles: list[dict] = field(default_factory=list)
    outlets: list[dict] = field(default_factory=list)
    unresolved: list[dict] = field(default_factory=list)
    stats: dict = field(default_factory=dict)

    def as_json(self) -> dict:
        return {name: getattr(self, name) for name in (
            "bins", "places", "markers", "mentions", "sentences", "articles", "outlets",
            "unresolved", "stats")}


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


def map_data(frame: pd.DataFrame, size: str = "day", since: dt.date | None = None,
             until: dt.date | None = None, actors: bool = False,
             names: dict[str, list[str]] | None = None) -> MapData:
    """The dated layers of a mentions table (``geo.mentions`` columns). ``names``: every name
    of each place (``Gazetteer.names_for``), for the search box to find it by any of them."""
    bin_start(dt.date(2000, 1, 1), size)  # validates ``size``
    rows = frame.to_dict("records") if len(frame) else []
    rows = [{k: (None if _missing(v) else v) for k, v in r.items()} for r in rows]
    rows = [r for r in rows if _keep(r, since, until)]
    placed = [r for r in rows if r["lat"] is not None and (actors or r["role"] != "actor")]
    outlets = Counter(_outlet(r) for r in placed)
    outlet_order = [name for name, _ in outlets.most_common()]
    colours = {name: (PALETTE[i] if i < len(PALETTE) else OTHER_COLOUR)
               for i, name in enumerate(outlet_order)}
    data = MapData(outlets=[{"name": name, "colour": colours[name], "mentions": outlets[name]}
                            for name in outlet_order])
    outlet_at = {name: i for i, name in enumerate(outlet_order)}
    places, sentences, articles = _Table(), _Table(), _Table()
    variants: dict[str, set[str]] = defaultdict(set)
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for row in placed:
        when = row["date"] or row["published"]
        key = bin_start(dt.date.fromisoformat(when), size).isoformat() if when else UNDATED
        groups[(key, row["place_id"])].append(row)
        variants[row["place_id"]].add(row["surface"])
    dated = sorted({key[0] for key in groups} - {UNDATED})
    data.bins = dated + ([UNDATED] if any(key[0] == UNDATED for key in groups) else [])
    bin_at = {b: i for i, b in enumerate(data.bins)}
    for (bin_key, place_id), members in sorted(groups.items(), key=lambda kv: (
            bin_at[kv[0][0]], kv[0][1])):
        first = members[0]
        place = places.add(place_id, {
            "id": place_id, "name": first["name"], "lat": first["lat"], "lon": first["lon"],
            "kind": first["kind"], "admin1": first["admin1"] or "", "country": first["country"],
            "variants": sorted(variants[place_id]),
            "names": (names or {}).get(place_id, [])})
        indices = []
        for row in members:
            article = articles.add(row["article_id"], {
                "id": row["article_id"], "title": row["title"] or "", "url": row["url"] or "",
                "outlet": _outlet(row), "published": row["published"] or "",
                "published_source": row["published_source"]})
            sentence = sentences.add(row["sentence"])
            offset = row["sentence"].find(row["surface"])
            indices.append(len(data.mentions))
            data.mentions.append([article, sentence, max(offset, 0),
                                  max(offset, 0) + len(row["surface"]) if offset >= 0 else 0,
                                  row["date"] or "", row["date_source"],
                                  round(float(row["confidence"]), 2), row["resolution"]])
        dominant = Counter(_outlet(r) for r in members).most_common(1)[0][0]
        ambiguous = int(all(r["resolution"] == "ambiguous" for r in members))
        data.markers.append([bin_at[bin_key], place, len(members), outlet_at[dominant],
                             ambiguous, indices])
    data.places, data.sentences, data.articles = places.values, sentences.values, articles.values
    data.unresolved = _unresolved(rows)
    dates = [d for d in data.bins if d != UNDATED]
    data.stats = {"articles": len({r["article_id"] for r in rows}), "mentions": len(rows),
                  "placed": len(placed), "unresolved": sum(u["count"] for u in data.unresolved),
                  "first": dates[0] if dates else "", "last": dates[-1] if dates else "",
                  "bin": size}
    return data


def _missing(value) -> bool:
    return value is None or (not isinstance(value, (str, list, tuple)) and pd.isna(value))


def _keep(row: dict, since: dt.date | None, until: dt.date | None) -> bool:
    """Inside the asked date range; an undated mention is kept unless a range was asked for."""
    when = row["date"] or row["published"]
    if not when:
        return since is None and until is None
    day = dt.date.fromisoformat(when)
    return (since is None or day >= since) and (until is None or day <= until)


def _outlet(row: dict) -> str:
    return row["source"] or "unknown outlet"


def _unresolved(rows: list[dict]) -> list[dict]:
    counts: Counter = Counter()
    where: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        if row["resolution"] == "unresolved":
            counts[row["surface"]] += 1
            where[row["surface"]].add(row["article_id"])
    return [{"name": name, "count": count, "articles": sorted(where[name])}
            for name, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
