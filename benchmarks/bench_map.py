"""Map benchmark: a synthetic corpus of 100,000 mentions, rendered and scrubbed in Chromium.

    python benchmarks/bench_map.py [--mentions 100000] [--runs 3] [--steps 30]

The mentions are made up from real pieces: places of the theatre drawn from the gazetteer
(weighted towards the front's oblasts), sentences of the seed articles, seven outlets, dates over
a year. Each run renders the map, opens it in headless Chromium (Debian's, with the test
suite's local web assets) and measures the time to first render (navigation start to the end of
the first draw) and the time per slider step (a step, until the next frame is painted). Prints
medians and one JSON line. Targets (issue 4): HTML < 25 MB, first render < 3 s, step < 150 ms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
from machine import machine_speed

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the test suite's browser set-up: one place for it

from conftest import CHROMIUM, CHROMIUM_ARGS, BrowserPage  # noqa: E402

from gazetteer import Gazetteer  # noqa: E402
from geo.layers import map_data  # noqa: E402
from geo.records import MENTION_COLUMNS  # noqa: E402
from geo.render import render_map, write_map  # noqa: E402


def synthetic_mentions(count: int, seed: int = 7) -> pd.DataFrame:
    rng = random.Random(seed)
    gazetteer = Gazetteer.load(supplement=False)
    index = gazetteer.index
    front = [i for i in range(len(index.place_ids))
             if index.countries[i] == "UA" and index.kinds[i] == "settlement"
             and index.admin1s[i] in ("Donetsk Oblast", "Luhansk Oblast", "Kharkiv Oblast",
                                      "Zaporizhzhia Oblast", "Kherson Oblast")]
    sentences = [s.strip() for p in sorted((ROOT / "seeds").glob("*.txt"))
                 for s in p.read_text(encoding="utf-8").split(". ") if 40 < len(s) < 300]
    start = dt.date(2025, 1, 1)
    rows = []
    for number in range(count):
        place = index.place(rng.choice(front))
        day = (start + dt.timedelta(days=rng.randrange(365))).isoformat()
        sentence = f"{rng.choice(sentences)} ({place.name})."
        rows.append({
            "article_id": f"a{number // 20}", "title": f"Report {number // 20}",
            "source": f"outlet-{number % 7}", "url": f"https://example.org/{number // 20}",
            "published": day, "published_source": "metadata", "surface": place.name,
            "start": 0, "end": len(place.name), "sentence": sentence,
            "place_id": place.place_id, "name": place.name, "kind": place.kind,
            "role": "location", "country": place.country, "admin1": place.admin1,
            "lat": place.lat, "lon": place.lon, "confidence": 0.9,
            "resolution": "ambiguous" if number % 23 == 0 else "resolved", "candidates": "",
            "date": day, "date_source": "published"})
    return pd.DataFrame(rows, columns=list(MENTION_COLUMNS))


def measure(browser, path: Path, steps: int) -> tuple[float, float]:
    page = BrowserPage(browser)
    try:
        page.open(path)
        page.page.wait_for_function("window.frontlineReadyAt !== undefined")
        first = page.page.evaluate("window.frontlineReadyAt")
        per_step = page.page.evaluate("""async (steps) => {
            const frame = () => new Promise(
                r => requestAnimationFrame(() => requestAnimationFrame(r)));
            await frame();
            const started = performance.now();
            for (let i = 0; i < steps; i++) { window.frontline.step(-1); await frame(); }
            return (performance.now() - started) / steps;
        }""", steps)
        if page.errors:
            raise RuntimeError(f"JavaScript errors: {page.errors[:3]}")
        return first, per_step
    finally:
        page.page.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mentions", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--steps", type=int, default=30)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    frame = synthetic_mentions(args.mentions)
    renders, firsts, steps, size = [], [], [], 0
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for run in range(args.runs):
            path = Path(folder) / "map.html"
            started = time.perf_counter()
            data = map_data(frame)
            write_map(render_map(data), path)
            renders.append(time.perf_counter() - started)
            size = path.stat().st_size
            first, step = measure(browser, path, args.steps)
            firsts.append(first)
            steps.append(step)
            print(f"run {run + 1}: render {renders[-1]:.1f} s, {size / 2**20:.1f} MB, first "
                  f"draw {first:.0f} ms, {step:.1f} ms per step ({len(data.bins)} dates, "
                  f"{len(data.markers):,} markers)", file=sys.stderr)
        browser.close()
    report = {
        "python_loop_10M_s": round(machine_speed(), 3),
        "mentions": args.mentions,
        "render_s": round(statistics.median(renders), 2),
        "html_mb": round(size / 2**20, 2),
        "first_render_ms": round(statistics.median(firsts)),
        "step_ms": round(statistics.median(steps), 1),
        "runs": args.runs,
    }
    print(f"{args.mentions:,} mentions: HTML {report['html_mb']} MB (rendered in "
          f"{report['render_s']} s), first render {report['first_render_ms']} ms, "
          f"{report['step_ms']} ms per slider step (medians of {args.runs}); machine: 10M-step "
          f"Python loop in {report['python_loop_10M_s']} s")
    print(json.dumps(report))


if __name__ == "__main__":
    main()
