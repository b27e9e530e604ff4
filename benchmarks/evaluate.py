"""`make eval`: how right the places and the publication dates are, on the seeds and on the dev set.

The yardstick lives beside the repository, in ../shared/eval (not shipped, not copied here):
the seeds' gold (seeds_gold.json) and the dev set (dev/en, dev/ru, dev/uk: real reports from
outlets on every side, annotated by hand). Each set's articles are run through the same code
as `frontline mentions` (in this process, no store), the table is scored by the eval's own
score.py, and each article's publication date is compared with the gold one. On the dev
sets, the events and claims are scored by the eval's score_events.py (event types per found
place, capture precision with side, side and claimant accuracy).

Dev articles are fed as the eval's to_jsonl.py writes them: id, text and url only, so that the
date has to be found too. The run date is fixed (``--today``, default 2026-12-01) so that the
figures do not move with the calendar.

    python benchmarks/evaluate.py              # the table of figures
    python benchmarks/evaluate.py --verbose    # and every missed and false place, per article,
                                               # and the events figures per type
    python benchmarks/evaluate.py --sets en    # one set
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gazetteer import Gazetteer  # noqa: E402
from geo.read.ingest import read_articles  # noqa: E402
from geo.read.outlets import outlet_of  # noqa: E402
from geo.run.extract import Extractor  # noqa: E402
from geo.run.pipeline import mentions  # noqa: E402
from geo.schema import Article  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval"
SETS = ("seeds", "en", "ru", "uk")


def _score_module(name: str = "score"):
    """The eval's ``score.py`` (places) or ``score_events.py`` (events and claims)."""
    spec = importlib.util.spec_from_file_location(f"frontline_eval_{name}", EVAL / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _events(gold: dict, path: Path, verbose: bool = False) -> dict:
    """The eval's score_events.py on a set's table: event types per (article, place) against
    the gold, capture precision with side, side and claimant accuracy."""
    events = _score_module("score_events")
    return events.score(gold, events.load_pred(str(path)), verbose)


def _inputs(name: str, folder: Path) -> tuple[list[Path], dict]:
    """The set's input files (written to ``folder``) and its gold, keyed by article id."""
    score = _score_module()
    if name == "seeds":
        return [ROOT / "seeds"], score.load_gold(str(EVAL / "seeds_gold.json"))
    gold = score.load_gold(str(EVAL / "dev" / name))
    path = folder / f"dev-{name}.jsonl"
    with open(path, "w", encoding="utf-8") as handle:
        for article in gold.values():  # what to_jsonl.py writes: id, text, url
            handle.write(json.dumps({"id": article["id"], "text": article["text"],
                                     "url": article.get("url")}, ensure_ascii=False) + "\n")
    return [path], gold


def _dates(paths: list[Path], gold: dict, extractor: Extractor, table) -> dict:
    """Each article's publication date as the run gives it: the table's (the run's other
    articles may have dated it), else, for an article without mentions, its own."""
    run = {row.article_id: (row.published, row.published_source)
           for row in table[["article_id", "published", "published_source"]].drop_duplicates(
               "article_id").itertuples()}
    right = near = known = 0
    wrong = []
    for item in read_articles(paths):
        if not isinstance(item, Article):
            continue
        expected = gold.get(item.article_id, {}).get("published")
        if not expected:
            continue
        known += 1
        if item.article_id in run:
            found, source = run[item.article_id]
            found = dt.date.fromisoformat(found) if isinstance(found, str) and found else None
        else:
            found, source = extractor.publication_date(item)
        if found and found.isoformat() == expected:
            right += 1
        if found and abs((found - dt.date.fromisoformat(expected)).days) <= 1:
            near += 1
        else:
            wrong.append(f"{item.article_id}: {found} ({source}), gold {expected}")
    return {"dated": known, "right": right, "within_a_day": near, "wrong": wrong}


def _fold(name: str) -> str:
    return re.sub(r"[\W_]+", "", name.casefold().strip().removeprefix("the "))


def _gold_names(gold: str) -> set[str]:
    """The names a gold outlet ("TASS (tass.com)", "AFP via Arab News Pakistan (arabnews.pk)",
    "Reuters, published by Yahoo News", "UNN - Ukrainian National News (unn.ua/en)") goes by:
    the name before any note, its parts around " - ", and the domain in brackets."""
    lead = re.split(r" \(|, | via ", gold, maxsplit=1)[0]
    names = {lead, *lead.split(" - ")}
    bracket = re.search(r"\(([^),\s]+)", gold)
    if bracket:
        names.add(bracket.group(1).split("/")[0])
    return {_fold(name) for name in names if name.strip()}


def _same_outlet(found: str, gold: str) -> bool:
    """The gold's outlet, or an edition of it ("Sputnik" for "Sputnik India")."""
    names = _gold_names(gold)
    lead = re.split(r" \(|, | via ", gold, maxsplit=1)[0].split()
    editions = {_fold(" ".join(lead[:n])) for n in range(1, len(lead))}
    return _fold(found) in names or _fold(found) in editions


def _outlets(paths: list[Path], gold: dict) -> dict:
    """Each article's outlet and its country (what the table's ``source`` and
    ``outlet_country`` give) against the gold ``outlet`` and ``outlet_country``."""
    known = name_right = country_right = 0
    wrong = []
    for item in read_articles(paths):
        if not isinstance(item, Article):
            continue
        expected = gold.get(item.article_id, {})
        if not expected.get("outlet"):
            continue
        known += 1
        found = outlet_of(item)
        name_ok = bool(found.name) and _same_outlet(found.name, expected["outlet"])
        country_ok = found.country == (expected.get("outlet_country") or "")
        name_right += name_ok
        country_right += country_ok
        if not (name_ok and country_ok):
            wrong.append(f"{item.article_id}: {found.name or '-'} ({found.country or '-'}), "
                         f"gold {expected['outlet']} ({expected.get('outlet_country')})")
    return {"known": known, "name": name_right, "country": country_right, "wrong": wrong}


def evaluate(name: str, gazetteer: Gazetteer, today: dt.date, folder: Path,
             verbose: bool = False) -> dict:
    score = _score_module()
    paths, gold = _inputs(name, folder)
    table = mentions(paths, gazetteer, today)
    output = folder / f"{name}.geojson"
    table.to_file(output, driver="GeoJSON")
    result = score.score(gold, score.load_pred(str(output)))
    result["dates"] = _dates(paths, gold, Extractor(gazetteer, today), table)
    result["outlets"] = _outlets(paths, gold)
    result["gold"], result["pred"] = gold, score.load_pred(str(output))
    result["events"] = _events(_event_gold(name), output, verbose) if name != "seeds" else None
    # the seeds' gold has places only: no events figures for them
    result["events_pred"] = _score_module("score_events").load_pred(str(output))
    return result


def _event_gold(name: str) -> dict:
    """The dev set's gold with its events (``score_events.load_gold``)."""
    return _score_module("score_events").load_gold(str(EVAL / "dev" / name))


def _combined(results: list[dict]) -> dict:
    score = _score_module()
    gold, pred = {}, {}
    for result in results:
        gold.update(result["gold"])
        pred.update(result["pred"])
    combined = score.score(gold, pred)
    combined["dates"] = {key: sum(r["dates"][key] for r in results)
                         for key in ("dated", "right", "within_a_day")}
    combined["dates"]["wrong"] = []
    combined["outlets"] = {key: sum(r["outlets"][key] for r in results)
                           for key in ("known", "name", "country")}
    scored = [r for r in results if r.get("events") is not None]
    combined["events"] = None
    if scored:
        events = _score_module("score_events")
        egold, epred = {}, {}
        for name, result in zip(("ru", "uk"), results, strict=False):
            egold.update(_event_gold(name))
            epred.update(result["events_pred"])
        combined["events"] = events.score(egold, epred)
    return combined


def _line(name: str, result: dict) -> str:
    dates = result["dates"]
    accuracy = f"{dates['right'] / dates['dated']:.2f}" if dates["dated"] else "-"
    near = f"{dates['within_a_day'] / dates['dated']:.2f}" if dates["dated"] else "-"
    outlets = result["outlets"]
    if outlets["known"]:
        outlet = (f"{outlets['name'] / outlets['known']:.2f} name, "
                  f"{outlets['country'] / outlets['known']:.2f} country")
    else:
        outlet = "- (no gold)"
    return (f"{name:<8} {result['articles']:>4} {result['tp']:>4} {result['fp']:>4} "
            f"{result['fn']:>4}  {result['precision']:>9.3f} {result['recall']:>6.3f} "
            f"{result['f1']:>6.3f}   {accuracy:>5} ({near} within a day, of {dates['dated']})"
            f"   {outlet}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sets", nargs="+", choices=SETS, default=list(SETS))
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date(2026, 12, 1))
    parser.add_argument("--verbose", action="store_true",
                        help="list every missed and false place and every wrong date")
    args = parser.parse_args(argv)
    if not EVAL.is_dir():
        print(f"no eval data at {EVAL}: the shared folder must sit beside the repository",
              file=sys.stderr)
        return 1
    gazetteer = Gazetteer.load(supplement=False)
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        for name in args.sets:
            results[name] = evaluate(name, gazetteer, args.today, Path(folder), args.verbose)
    if "ru" in results and "uk" in results:
        results["ru+uk"] = _combined([results["ru"], results["uk"]])
    if args.verbose:
        for name, result in results.items():
            if name == "ru+uk":
                continue
            print(f"== {name}")
            for row in result["rows"]:
                if row["missed"] or row["false"]:
                    print(f"  {row['article']}: missed={row['missed']} false={row['false']}")
            for line in result["dates"]["wrong"]:
                print(f"  date {line}")
            for line in result["outlets"]["wrong"]:
                print(f"  outlet {line}")
    print(f"{'set':<8} {'art':>4} {'tp':>4} {'fp':>4} {'fn':>4}  {'precision':>9} {'recall':>6} "
          f"{'F1':>6}   dates right{'':<31}outlets right")
    for name, result in results.items():
        print(_line(name, result))
    scored = {name: result["events"] for name, result in results.items() if result["events"]}
    if scored:
        print()
        print(f"{'events':<8} {'tp':>4} {'fp':>4} {'fn':>4}  {'precision':>9} {'recall':>6} "
              f"{'F1':>6}  {'capture P':>9} (of n, type only)  {'side':>5} {'claimant':>8}")
        for name, events in scored.items():
            print(_event_line(name, events))
            if args.verbose:
                for kind, counts in events["per_type"].items():
                    print(f"  {kind:<13} tp={counts['tp']:>3} fp={counts['fp']:>3} "
                          f"fn={counts['fn']:>3}  {_prf(counts)}")
    return 0


def _prf(counts: dict) -> str:
    tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return f"P {precision:.3f} R {recall:.3f} F1 {f1:.3f}"


def _figure(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _event_line(name: str, events: dict) -> str:
    """One set's events figures: type P/R/F1 over (article, place, type), capture precision
    with side (of the pairs predicted capture; type only), side and claimant accuracy."""
    return (f"{name:<8} {events['tp']:>4} {events['fp']:>4} {events['fn']:>4}  "
            f"{events['precision']:>9.3f} {events['recall']:>6.3f} {events['f1']:>6.3f}  "
            f"{_figure(events['capture_precision']):>9} (of {events['capture_predicted']}, "
            f"{_figure(events['capture_type_precision'])})  "
            f"{_figure(events['side_accuracy']):>5} {_figure(events['claimant_accuracy']):>8}")


if __name__ == "__main__":
    sys.exit(main())
