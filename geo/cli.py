"""The `frontline` command: one entry point, one subcommand per job.

    frontline place NAME [--near LAT,LON] [--country CC] [--admin1 REGION] [--all] [--json]
    frontline place add NAME --lat LAT --lon LON [--alias A ...] | --to PLACE_ID
    frontline gazetteer import PATH... [--countries UA,RU,BY,MD | --all] | status | remove
    frontline mentions INPUT... -o FILE [--format geojson|csv|gpkg|parquet]
    frontline map [INPUT...] [-o output/map.html] [--bin day|week|month] [--since] [--until]
        [--offline]
    both: [--jobs N] [--engine local|dask] [--scheduler ADDRESS] [--store PATH | --no-cache]
          [--online] [--frontline PATH [--frontline-date-field NAME]]

Exit codes: 0 every input processed (place: a match), 3 some inputs skipped (reported), 2 usage
error (a --frontline that gives no dated area too), 1 nothing could be processed (place: no
match), or --strict and something was skipped, 130 interrupted (Ctrl-C).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import logging
import os
import sys

from gazetteer import FrontlineError, run_gazetteer, run_place


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date YYYY-MM-DD, got {text!r}") from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="frontline", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    place = commands.add_parser("place", add_help=False,
                                help="look up a place name, or add one: place add NAME ...")
    place.add_argument("words", nargs=argparse.REMAINDER,
                       help="see `frontline place --help` and `frontline place add --help`")
    imported = commands.add_parser("gazetteer", add_help=False,
                                   help="GeoNames dump files: gazetteer import|status|remove")
    imported.add_argument("words", nargs=argparse.REMAINDER,
                          help="see `frontline gazetteer --help`")
    found = commands.add_parser("mentions", help="articles -> table of dated place mentions")
    found.add_argument("inputs", nargs="+", help="files or folders (.txt .md .html .json .jsonl)")
    found.add_argument("-o", "--output", required=True,
                       help="output file (format from its extension), or - for GeoJSON on stdout")
    found.add_argument("--format", choices=("geojson", "csv", "gpkg", "parquet"))
    found.add_argument("--today", type=_date, metavar="YYYY-MM-DD",
                       help="the run date for dating: nothing is dated after it (default: today)")
    _add_run_options(found)
    drawn = commands.add_parser("map", help="articles -> one dated HTML map")
    drawn.add_argument("inputs", nargs="*", default=["seeds"],
                       help="files or folders (default: seeds/)")
    drawn.add_argument("-o", "--output", default="output/map.html")
    drawn.add_argument("--bin", default="day", choices=("day", "week", "month"),
                       help="size of one step of the time slider (default: day)")
    drawn.add_argument("--since", type=_date, metavar="YYYY-MM-DD", help="first date drawn")
    drawn.add_argument("--until", type=_date, metavar="YYYY-MM-DD", help="last date drawn")
    drawn.add_argument("--actors", action="store_true",
                       help="also draw capitals that stand for governments (Moscow said)")
    drawn.add_argument("--today", type=_date, metavar="YYYY-MM-DD",
                       help="the run date for dating: nothing is dated after it (default: today)")
    drawn.add_argument("--offline", action="store_true",
                       help="one self-contained file that needs no network: the map's code "
                            "inline and a base layer of its own (borders, rivers, places)")
    _add_run_options(drawn)
    return parser


def _add_run_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--report", metavar="FILE",
                        help="write a JSON report: every skipped file or JSONL line and why")
    parser.add_argument("--strict", action="store_true",
                        help="fail (exit 1, no output written) if any input is skipped")
    parser.add_argument("--online", action="store_true",
                        help="ask an online geocoder (Nominatim, 1 request/s) about names in a "
                             "place context the gazetteer does not know; answers, found or "
                             "not, are cached in the user supplement. Runs in this process, "
                             "without the store. Off by default")
    front = parser.add_argument_group("front line")
    front.add_argument("--frontline", metavar="PATH",
                       help="a dated front-line reference (GeoJSON, GeoPackage, KML: one file "
                            "of dated areas, or a folder of files named by date): every "
                            "capture/withdrawal claim is checked against it; the map draws it")
    front.add_argument("--frontline-date-field", metavar="NAME", default="date",
                       help="the property holding a feature's date (default: date)")
    scale = parser.add_argument_group("scale (the output is the same whichever is chosen)")
    scale.add_argument("--jobs", type=_jobs, default=1, metavar="N",
                       help="worker processes (default 1; with --engine dask: workers of the "
                            "local cluster)")
    scale.add_argument("--engine", choices=("local", "dask"), default="local",
                       help="where the work runs: this machine, or a Dask cluster")
    scale.add_argument("--scheduler", metavar="ADDRESS",
                       help="with --engine dask: the scheduler (tcp://host:8786); default: a "
                            "local cluster of --jobs workers")
    scale.add_argument("--store", metavar="PATH",
                       help="the incremental store: each article's result by content hash, "
                            "reused on the next run (default: $FRONTLINE_STORE, else "
                            "mentions-store.sqlite in the cache folder)")
    scale.add_argument("--no-cache", action="store_true",
                       help="neither read nor write the store: work out every article")


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a number of processes >= 1, got {text!r}")
    return value


def _run(command: str, args: argparse.Namespace, consume) -> int:
    """The shared run: front-line reference, gazetteer, store, engine and progress bar around
    ``consume(batches, summary, gazetteer, frontline)``, which writes the output as the batches
    stream in; then the summary, the report and the exit code. The reference is read first: one
    that gives nothing stops the run before any work (exit 2)."""
    from tqdm import tqdm

    from gazetteer import Gazetteer
    from geo.out.table import write_report
    from geo.run.pipeline import mention_batches
    from geo.run.summary import RunSummary

    try:
        frontline = _frontline(args)
    except FrontlineError as error:
        print(f"frontline {command}: --frontline {error}", file=sys.stderr)
        return 2
    try:
        gazetteer = Gazetteer.load()
    except FrontlineError as error:  # a corrupt GeoNames import names its remedy
        print(f"frontline {command}: {error}", file=sys.stderr)
        return 1
    # The gazetteer's tables live as long as the run: frozen, the collector stops walking their
    # ~2.8 million references at every full collection (a quarter of a second on 2000 articles,
    # more on longer runs), and forked workers share their pages instead of copying them.
    gc.freeze()
    summary = RunSummary()
    code = None
    tqdm.monitor_interval = 0  # no monitor thread: worker processes are forked from this one
    store = None
    if args.online and (args.jobs > 1 or args.engine != "local" or args.store):
        print("frontline: --online runs in this process and without the store (one request "
              "per second to the service): --jobs, --engine and --store are not used",
              file=sys.stderr)
    try:
        store = None if args.online else _open_store(args, gazetteer)
        with tqdm(desc="articles", unit=" files", disable=None, file=sys.stderr) as bar:
            batches = mention_batches(args.inputs, gazetteer=gazetteer, reference=args.today,
                                      summary=summary, progress=bar.update, jobs=args.jobs,
                                      engine=args.engine, scheduler=args.scheduler,
                                      store=store, online=args.online, frontline=frontline)
            consume(batches, summary, gazetteer, frontline)
    except (FrontlineError, OSError) as error:
        print(f"frontline {command}: {error}", file=sys.stderr)
        code = 1
    finally:
        if store is not None:
            store.close()
    for line in summary.lines():
        print(f"frontline: {line}", file=sys.stderr)
    if code is None:
        code = summary.exit_code(args.strict)
        if code == 1 and summary.articles and summary.skipped and args.strict:
            print(f"frontline {command}: --strict and {len(summary.skipped)} input(s) skipped: "
                  "nothing written", file=sys.stderr)
    if args.report:
        report = summary.as_json(code)
        if frontline is not None:
            report["frontline"] = {"path": args.frontline, "name": frontline.name,
                                   "snapshots": len(frontline.dates),
                                   "first": frontline.first.isoformat(),
                                   "last": frontline.last.isoformat(),
                                   "problems": frontline.snapshots.attrs["problems"]}
        try:
            write_report(report, args.report)
        except FrontlineError as error:
            print(f"frontline {command}: {error}", file=sys.stderr)
            code = 1
    return code


def _frontline(args: argparse.Namespace):
    """The prepared reference of ``--frontline``, or None; its problems were logged (printed)."""
    if not args.frontline:
        return None
    from geo.classify.frontline_check import Frontline

    return Frontline.of(args.frontline, date_field=args.frontline_date_field)


def _open_store(args: argparse.Namespace, gazetteer):
    """The incremental store: ``--store PATH`` (an error if unusable), else the default
    location (a warning if unusable: the run goes on without it), or none with --no-cache."""
    from geo.errors import StoreError
    from geo.run.pipeline import open_store
    from geo.run.store import default_path

    if args.no_cache:
        return None
    try:
        return open_store(args.store or default_path(), gazetteer)
    except StoreError as error:
        if args.store:
            raise
        print(f"frontline: warning: {error}; running without the store", file=sys.stderr)
        return None


def run_mentions(args: argparse.Namespace) -> int:
    from geo.errors import ExportError
    from geo.out.table import TableWriter, format_for

    try:
        fmt = format_for(args.output, args.format)
    except ExportError as error:
        print(f"frontline mentions: {error}", file=sys.stderr)
        return 2

    def write_table(batches, summary, _gazetteer, _frontline):
        with TableWriter(args.output, fmt) as writer:
            for batch in batches:
                writer.write(batch)
            if summary.exit_code(args.strict) == 1:  # nothing read, or --strict and a skip
                writer.discard()

    return _run("mentions", args, write_table)


def run_map(args: argparse.Namespace) -> int:
    from geo.out.map.layers import map_data
    from geo.out.map.render import render_map, write_map
    from geo.schema import frame_of

    def draw(batches, summary, gazetteer, frontline):
        data = map_data((frame_of(batch) for batch in batches), size=args.bin,
                        since=args.since, until=args.until, actors=args.actors,
                        names=gazetteer.names_for)  # aggregated as the batches stream in
        if summary.exit_code(args.strict) == 1:  # nothing to draw, or --strict and a skip
            return
        write_map(render_map(data, frontline=frontline, self_contained=args.offline),
                  args.output)
        print(f"frontline: wrote {args.output} ({len(data.markers)} markers in "
              f"{len(data.bins)} dates)", file=sys.stderr)

    return _run("map", args, draw)


class _Printer(logging.Handler):
    """The libraries log; the command line prints what they say, one line each on stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        print(f"frontline: {record.getMessage()}", file=sys.stderr, flush=True)


def _show_library_messages() -> None:
    for name in ("gazetteer", "geo"):
        logger = logging.getLogger(name)
        if not any(isinstance(h, _Printer) for h in logger.handlers):
            logger.addHandler(_Printer())
        logger.setLevel(logging.INFO)


def main(argv: list[str] | None = None) -> int:
    try:
        return _main(argv)
    except BrokenPipeError:  # `frontline place X | head`: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no error at exit
        return 0


def _main(argv: list[str] | None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    _show_library_messages()
    if argv[:1] == ["place"]:  # a command of its own, with its own parsers (lookup and add)
        return run_place(argv[1:])
    if argv[:1] == ["gazetteer"]:  # its own parser too: import, status, remove
        return run_gazetteer(argv[1:])
    args = _parser().parse_args(argv)
    try:
        return run_mentions(args) if args.command == "mentions" else run_map(args)
    except KeyboardInterrupt:  # outputs are written atomically: nothing half-written is left
        print(f"\nfrontline {args.command}: interrupted; no output written (the store keeps "
              "what was done)", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
