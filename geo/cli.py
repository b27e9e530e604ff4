"""The `frontline` command: one entry point, one subcommand per job.

    frontline place NAME [--near LAT,LON] [--country CC] [--admin1 REGION] [--all] [--json]
    frontline place add NAME --lat LAT --lon LON [--alias A ...] | --to PLACE_ID
    frontline map [INPUT...] [-o output/map.html]      (arrives with the map issue)

Exit codes: 0 success, 1 nothing matched / nothing could be done, 2 usage error.
"""

from __future__ import annotations

import argparse
import sys

from gazetteer import cli as place_cli


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="frontline", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    place = commands.add_parser("place", help="look up a place name (or: place add ...)")
    place_cli.add_lookup_arguments(place)
    map_command = commands.add_parser("map", help="render the dated map (not built yet)")
    map_command.add_argument("inputs", nargs="*")
    map_command.add_argument("-o", "--output", default="output/map.html")
    return parser


def _add_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="frontline place add",
        description="Add a place (--lat/--lon) or an alias of a known place (--to) to the user "
                    "supplement that every later run reads.")
    place_cli.add_add_arguments(parser)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:2] == ["place", "add"]:
        return place_cli.run_add(_add_parser().parse_args(argv[2:]))
    args = _parser().parse_args(argv)
    if args.command == "place":
        return place_cli.run_lookup(args)
    print("frontline map: map rendering arrives with the map issue; for now, "
          "`frontline place NAME` resolves names.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
