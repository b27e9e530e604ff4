"""Front-line benchmark: the claim check and the map with a front-line reference of 109 weekly
snapshots (DeepStateMap's, from ../shared/reference; GPL-3.0 reference data, not shipped).

    python benchmarks/bench_frontline.py [--mentions 100000] [--runs 3] [--steps 30]
    python benchmarks/bench_frontline.py --frontline other/reference.gpkg

The mentions are ``bench_map``'s synthetic corpus (a year of 2025, places of the front's oblasts,
2 in 100 mentions a claim of control with a side), as Arrow record batches of the table, as the
pipeline streams them. It reports the seconds to read the reference, to prepare it and to fill
the front-line columns of every batch (``check_batch``: the point tests and signed geodesic
distances), the claims per check value, then the map of those mentions with the front-line layer:
HTML size, and over ``--runs`` page loads in headless Chromium the medians of the first render
and of a slider step (one date at a time: the area in effect changes every seventh step; and a
week at a time: a new area at every step). Prints one JSON line. Targets: the check in seconds,
HTML < 40 MB, first render < 3 s, step < 150 ms.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pyarrow as pa
from bench_map import measure, synthetic_chunks
from machine import machine_speed

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from browser.chromium import CHROMIUM, CHROMIUM_ARGS, BrowserPage  # noqa: E402

from geo.classify.frontline_check import Frontline, check_batch  # noqa: E402
from geo.out.map.layers import map_data  # noqa: E402
from geo.out.map.render import render_map, write_map  # noqa: E402
from geo.read.frontline import read_frontline  # noqa: E402
from geo.schema import SCHEMA, frame_of  # noqa: E402

# Steps of a week back from the last date: each one shows another area (drawn the first time).
WEEK_STEPS = """async (steps) => {
    const frame = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
    window.frontline.state.index = window.frontline.data.bins.length - 1;
    window.frontline.render();
    await frame();
    const started = performance.now(), fronts = new Set();
    for (let i = 0; i < steps; i++) {
        window.frontline.step(-7);
        await frame();
        fronts.add(document.querySelector(".frontline-time").getAttribute("data-front"));
    }
    return [(performance.now() - started) / steps, fronts.size];
}"""
DEEPSTATE = ROOT.parent / "shared" / "reference" / "deepstate_occupied_weekly.geojson"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mentions", type=int, default=100_000)
    parser.add_argument("--frontline", type=Path, default=DEEPSTATE)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--steps", type=int, default=30)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    batches = [pa.Table.from_pandas(chunk, schema=SCHEMA, preserve_index=False).to_batches()[0]
               for chunk in synthetic_chunks(args.mentions)]
    started = time.perf_counter()
    snapshots = read_frontline(args.frontline)
    read_s = time.perf_counter() - started
    started = time.perf_counter()
    frontline = Frontline(snapshots)
    prepare_s = time.perf_counter() - started
    started = time.perf_counter()
    checked = [check_batch(batch, frontline) for batch in batches]
    check_s = time.perf_counter() - started
    table = pa.Table.from_batches(checked)
    checks = table.column("frontline_check").value_counts().to_pylist()
    measured = table.num_rows - table.column("km_to_front").null_count
    print(f"reference: {len(snapshots)} snapshots read in {read_s:.2f} s, prepared in "
          f"{prepare_s:.2f} s ({len(frontline.areas)} distinct areas); {table.num_rows:,} "
          f"mentions checked in {check_s:.2f} s ({measured:,} measured; claims "
          f"{ {c['values']: c['counts'] for c in checks if c['values']} })", file=sys.stderr)
    data = map_data(frame_of(batch) for batch in checked)
    firsts, steps, week_steps_ms = [], [], []
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        path = Path(folder) / "map.html"
        started = time.perf_counter()
        write_map(render_map(data, frontline=frontline), path)
        render_s = time.perf_counter() - started
        size = path.stat().st_size
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for run in range(args.runs):
            first, step, _ = measure(browser, path, args.steps)
            week_step, fronts = week_steps(browser, path, args.steps)
            firsts.append(first)
            steps.append(step)
            week_steps_ms.append(week_step)
            print(f"run {run + 1}: first draw {first:.0f} ms, {step:.1f} ms per step, "
                  f"{week_step:.1f} ms per step of a week ({fronts} areas)", file=sys.stderr)
        browser.close()
    report = {
        "python_loop_10M_s": round(machine_speed(), 3), "mentions": table.num_rows,
        "snapshots": len(snapshots), "distinct_areas": len(frontline.areas),
        "read_s": round(read_s, 2), "prepare_s": round(prepare_s, 2),
        "check_s": round(check_s, 2), "measured": measured,
        "claims": {c["values"]: c["counts"] for c in checks if c["values"]},
        "render_s": round(render_s, 2), "html_mb": round(size / 2**20, 2),
        "first_render_ms": round(statistics.median(firsts)),
        "step_ms": round(statistics.median(steps), 1),
        "week_step_ms": round(statistics.median(week_steps_ms), 1), "runs": args.runs}
    print(f"{table.num_rows:,} mentions against {len(snapshots)} snapshots: check "
          f"{report['check_s']} s, HTML {report['html_mb']} MB, first render "
          f"{report['first_render_ms']} ms, {report['step_ms']} ms per slider step, "
          f"{report['week_step_ms']} ms a week at a time (each a new area; medians of "
          f"{args.runs}); machine: 10M-step Python loop in {report['python_loop_10M_s']} s")
    print(json.dumps(report))


def week_steps(browser, path: Path, steps: int) -> tuple[float, int]:
    page = BrowserPage(browser)
    try:
        page.open(path)
        per_step, fronts = page.page.evaluate(WEEK_STEPS, steps)
        if page.errors:
            raise RuntimeError(f"JavaScript errors: {page.errors[:3]}")
        return per_step, fronts
    finally:
        page.page.close()


if __name__ == "__main__":
    main()
