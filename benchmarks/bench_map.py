"""Map benchmark: a synthetic corpus, its layers built from chunks, rendered and scrubbed in
Chromium.

    python benchmarks/bench_map.py [--mentions 100000] [--runs 3] [--steps 30]
    python benchmarks/bench_map.py --mentions 3400000 --runs 3   # 100,000 articles
    python benchmarks/bench_map.py --offline   # the self-contained map, every request blocked

The corpus is made up from real pieces, 34 mentions per article like the seed articles, and fed
to ``map_data`` as a stream of chunks (numpy, seeded: the same corpus every run). Each article has
one outlet of seven (some busier than others), one publication day in a year (a fifth of its
mentions carry an event date up to six days earlier) and about ten places of the theatre, drawn
from the gazetteer's settlements of the front's oblasts with Zipf weights (a few towns in most
reports, a long tail); its sentences are seed sentences naming the place (unique per article, as
real sentences are); 1 in 23 mentions is ambiguous and 1 in 100 unresolved. 3 in 10 mentions
have an event (``EVENT_WEIGHTS``; 2 in 100 a claim of control), a side and a claimant, drawn
from a generator of their own, so the rest of the corpus is the same as before they came.

It reports the seconds to build the layers and to render the HTML, the process's peak memory
(before and after the layers), the HTML size, and over ``--runs`` page loads in headless Chromium
(Debian's, with the test suite's local web assets) the medians of the time to first render
(navigation start to the end of the first draw) and of the time per slider step (a step, until
the next frame is painted), one date at a time and with "everything up to this date". Prints
one JSON line. Targets: HTML < 25 MB, first render < 3 s, step < 150 ms.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd
from machine import machine_speed

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]  # this checkout's geo/; the browser harness

from browser.chromium import CHROMIUM, CHROMIUM_ARGS, BrowserPage  # noqa: E402

from gazetteer import Gazetteer  # noqa: E402
from geo.out.map.layers import map_data  # noqa: E402
from geo.out.map.render import render_map, write_map  # noqa: E402
from geo.schema import MENTION_COLUMNS  # noqa: E402

PER_ARTICLE = 34  # mentions per article, as in the seed articles
PLACES_PER_ARTICLE = 10
OUTLETS = 7
FRONT = ("Donetsk Oblast", "Luhansk Oblast", "Kharkiv Oblast", "Zaporizhzhia Oblast",
         "Kherson Oblast")


EVENT_WEIGHTS = {None: 0.7, "capture": 0.01, "withdrawal": 0.006, "denial": 0.004,
                 "strike": 0.12, "fighting": 0.13, "humanitarian": 0.03}


def events(rng: np.random.Generator, rows: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Events, sides and claimants for ``rows`` mentions: 3 in 10 with an event, a few of them
    claims of control."""
    event = rng.choice(np.array(list(EVENT_WEIGHTS), dtype=object), rows,
                       p=np.array(list(EVENT_WEIGHTS.values())) / sum(EVENT_WEIGHTS.values()))
    side = rng.choice(np.array(["RU", "UA"], dtype=object), rows)
    claimant = rng.choice(np.array(["RU_official", "UA_official", "third_party", "outlet"],
                                   dtype=object), rows)
    none = pd.isna(event)
    side[none] = claimant[none] = None
    return event, side, claimant


def synthetic_chunks(count: int, seed: int = 7, articles_per_chunk: int = 500
                     ) -> Iterator[pd.DataFrame]:
    """``count`` mentions as chunks of whole articles (17,000 rows), the same for the same seed."""
    rng = np.random.default_rng(seed)
    claims_rng = np.random.default_rng(seed + 1)  # events apart: the rest as before they came
    index = Gazetteer.load(supplement=False).index
    front = [index.place(i) for i in range(len(index.place_ids))
             if index.countries[i] == "UA" and index.kinds[i] == "settlement"
             and index.admin1s[i] in FRONT]
    front = [front[i] for i in rng.permutation(len(front))]
    weights = 1 / np.arange(1, len(front) + 1)
    weights /= weights.sum()
    outlet_weights = np.arange(OUTLETS, 0, -1) / sum(range(1, OUTLETS + 1))
    names = np.array([p.name for p in front], dtype=object)
    columns = {name: np.array([getattr(p, name) for p in front], dtype=object)
               for name in ("place_id", "kind", "country", "admin1")}
    lats, lons = np.array([p.lat for p in front]), np.array([p.lon for p in front])
    sentences = np.array([s.strip() for p in sorted((ROOT / "seeds").glob("*.txt"))
                          for s in p.read_text(encoding="utf-8").split(". ")
                          if 40 < len(s) < 300], dtype=object)
    start = np.datetime64("2025-01-01")
    articles = -(-count // PER_ARTICLE)
    for first in range(0, articles, articles_per_chunk):
        number = np.arange(first, min(first + articles_per_chunk, articles))
        rows = min(count, number[-1] * PER_ARTICLE + PER_ARTICLE) - first * PER_ARTICLE
        article = number.repeat(PER_ARTICLE)[:rows]
        local = article - first
        published = (start + rng.integers(0, 365, len(number))).astype(str).astype(object)
        outlet = rng.choice(OUTLETS, len(number), p=outlet_weights)
        chosen = rng.choice(len(front), (len(number), PLACES_PER_ARTICLE), p=weights)
        place = chosen[local, rng.integers(0, PLACES_PER_ARTICLE, rows)]
        own = rng.integers(0, 16, rows)  # which of the article's sentences
        sentence = rng.integers(0, len(sentences), (len(number), 16))[local, own]
        event = rng.random(rows) < 0.2
        date = published[local].copy()
        date[event] = (published[local][event].astype("datetime64[D]")
                       - rng.integers(0, 7, event.sum())).astype(str)
        ambiguous = rng.random(rows) < 1 / 23
        unresolved = rng.random(rows) < 1 / 100
        surface = names[place].copy()
        surface[unresolved] = [f"Novoselivka {k}" for k in rng.integers(0, 200, unresolved.sum())]
        text = [f"{s} ({name}, report {a})." for s, name, a in
                zip(sentences[sentence], surface, article, strict=True)]
        lat, lon = lats[place], lons[place]
        lat[unresolved] = lon[unresolved] = np.nan
        ids = [f"a{a}" for a in article]
        frame = pd.DataFrame({
            "article_id": ids, "title": [f"Report {a}" for a in article],
            "source": [f"outlet-{o}" for o in outlet[local]], "outlet_country": "",
            "url": [f"https://example.org/{a}" for a in article], "published": published[local],
            "published_source": "metadata", "surface": surface, "start": 0,
            "end": [len(s) for s in surface], "sentence": text,
            "place_id": np.where(unresolved, None, columns["place_id"][place]),
            "name": np.where(unresolved, None, names[place]),
            "kind": columns["kind"][place], "role": "location",
            "country": columns["country"][place], "admin1": columns["admin1"][place],
            "lat": lat, "lon": lon, "confidence": 0.9,
            "resolution": np.where(unresolved, "unresolved",
                                   np.where(ambiguous, "ambiguous", "resolved")),
            "candidates": "", "date": date,
            "date_source": np.where(event, "event", "published")})
        frame["event"], frame["event_side"], frame["claimant"] = events(claims_rng, rows)
        yield frame.reindex(columns=list(MENTION_COLUMNS))  # the front-line columns empty


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


STEPS = """async (steps) => {
    const frame = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
    window.frontline.state.index = window.frontline.data.bins.length - 1;
    window.frontline.render();
    await frame();
    const started = performance.now();
    for (let i = 0; i < steps; i++) { window.frontline.step(-1); await frame(); }
    return (performance.now() - started) / steps;
}"""


def measure(browser, path: Path, steps: int, offline: bool = False) -> tuple[float, float, float]:
    page = BrowserPage(browser, offline=offline)
    try:
        page.open(path)
        page.page.wait_for_function("window.frontlineReadyAt !== undefined")
        first = page.page.evaluate("window.frontlineReadyAt")
        per_step = page.page.evaluate(STEPS, steps)
        page.page.select_option(".frontline-time select", "until")
        until_step = page.page.evaluate(STEPS, steps)
        if page.errors:
            raise RuntimeError(f"JavaScript errors: {page.errors[:3]}")
        return first, per_step, until_step
    finally:
        page.page.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mentions", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--steps", type=int, default=30)
    parser.add_argument("--offline", action="store_true",
                        help="the self-contained map (frontline map --offline), opened with "
                             "every network request blocked")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    chunks = synthetic_chunks(args.mentions)
    first_chunk = next(chunks)  # the gazetteer is loaded: memory before the layers
    before = peak_mb()
    started = time.perf_counter()
    data = map_data(_chain(first_chunk, chunks))
    layers_s = time.perf_counter() - started
    peak = peak_mb()
    firsts, steps, until_steps = [], [], []
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        path = Path(folder) / "map.html"
        started = time.perf_counter()
        write_map(render_map(data, self_contained=args.offline), path)
        render_s = time.perf_counter() - started
        size = path.stat().st_size
        print(f"layers {layers_s:.1f} s (peak memory {before:.0f} -> {peak:.0f} MB), HTML "
              f"{render_s:.1f} s, {size / 2**20:.1f} MB ({len(data.bins)} dates, "
              f"{len(data.markers):,} markers, {len(data.mentions):,} excerpts)",
              file=sys.stderr)
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for run in range(args.runs):
            first, step, until_step = measure(browser, path, args.steps, args.offline)
            firsts.append(first)
            steps.append(step)
            until_steps.append(until_step)
            print(f"run {run + 1}: first draw {first:.0f} ms, {step:.1f} ms per step, "
                  f"{until_step:.1f} ms per step up to the date", file=sys.stderr)
        browser.close()
    report = {
        "python_loop_10M_s": round(machine_speed(), 3),
        "mentions": args.mentions,
        "offline": args.offline,
        "articles": data.stats["articles"],
        "markers": len(data.markers),
        "excerpts": len(data.mentions),
        "layers_s": round(layers_s, 2),
        "peak_mb_before_layers": round(before),
        "peak_mb": round(peak),
        "render_s": round(render_s, 2),
        "html_mb": round(size / 2**20, 2),
        "first_render_ms": round(statistics.median(firsts)),
        "step_ms": round(statistics.median(steps), 1),
        "until_step_ms": round(statistics.median(until_steps), 1),
        "runs": args.runs,
    }
    print(f"{args.mentions:,} mentions: layers in {report['layers_s']} s (peak memory "
          f"{report['peak_mb']} MB), HTML {report['html_mb']} MB, first render "
          f"{report['first_render_ms']} ms, {report['step_ms']} ms per slider step "
          f"({report['until_step_ms']} ms up to the date; medians of {args.runs}); machine: "
          f"10M-step Python loop in {report['python_loop_10M_s']} s")
    print(json.dumps(report))


def _chain(first: pd.DataFrame, rest: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    yield first
    yield from rest


if __name__ == "__main__":
    main()
