"""`frontline place`: look a name up, or add a place or an alias to the user supplement.

    frontline place NAME [--near LAT,LON] [--country CC] [--admin1 REGION] [--all] [--json]
    frontline place add NAME --lat LAT --lon LON [--alias A ...] [--country CC] [--kind K]
    frontline place add NAME --to PLACE_ID

Two parsers, chosen by the first word: ``add`` adds, anything else is a name to look up (a
place called "Add" is looked up with ``frontline place -- add``).
"""

from __future__ import annotations

import argparse
import json
import sys

from . import user_supplement
from .common import FrontlineError, user_supplement_path
from .records import Candidate, Resolution
from .resolver import Gazetteer

DEFAULT_LIMIT, ALL_LIMIT = 5, 25  # ranked candidates shown, the match included
USAGE = ("frontline place NAME [options]  (look up; see --help)\n"
         "       frontline place add NAME --lat LAT --lon LON | --to PLACE_ID  (add)")


def lookup_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="frontline place", usage=USAGE,
        description="Look up a place name in any spelling or script; `frontline place add "
                    "--help` tells how to add a place or an alias.")
    add_lookup_arguments(parser)
    return parser


def add_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="frontline place add",
        description="Add a place (--lat/--lon) or an alias of a known place (--to) to the user "
                    "supplement that every later run reads.")
    add_add_arguments(parser)
    return parser


def run_place(words: list[str]) -> int:
    """`frontline place WORDS...`: parse and run a lookup or an addition."""
    if words[:1] == ["add"]:
        return run_add(add_parser().parse_args(words[1:]))
    if words[:1] == ["--"]:
        words = words[1:]
    args = lookup_parser().parse_args(words)
    try:
        return run_lookup(args)
    except FrontlineError as error:  # a corrupt GeoNames import names its remedy
        print(f"frontline place: {error}", file=sys.stderr)
        return 1


def parse_lat_lon(text: str) -> tuple[float, float]:
    """'48.28,37.18' -> (48.28, 37.18); argparse type for --near."""
    try:
        lat, lon = (float(part) for part in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected LAT,LON such as 48.28,37.18, got {text!r}") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise argparse.ArgumentTypeError(f"coordinates out of range: {text!r}")
    return lat, lon


def add_lookup_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", nargs="+", help="the place name, in any spelling or script")
    parser.add_argument("--near", type=parse_lat_lon, metavar="LAT,LON",
                        help="favour candidates near this point")
    parser.add_argument("--country", metavar="CC", help="favour this country (ISO alpha-2)")
    parser.add_argument("--admin1", metavar="REGION", help="favour this oblast/admin1 region")
    parser.add_argument("--all", action="store_true", help="list the other candidates too")
    parser.add_argument("--json", action="store_true", help="print JSON (see README)")
    parser.add_argument("--online", action="store_true",
                        help="ask an online geocoder (Nominatim) when nothing matches offline; "
                             "answers are cached in the user supplement")


def add_add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", help="the new place's name, or the new alias")
    parser.add_argument("--lat", type=float, help="latitude of a new place (WGS84)")
    parser.add_argument("--lon", type=float, help="longitude of a new place (WGS84)")
    parser.add_argument("--alias", action="append", default=[], help="another name (repeatable)")
    parser.add_argument("--country", default="", metavar="CC", help="ISO alpha-2 country code")
    parser.add_argument("--kind", default="settlement", choices=user_supplement.KINDS)
    parser.add_argument("--to", metavar="PLACE_ID",
                        help="make NAME an alias of this known place, e.g. geonames:704422")


def _describe(candidate: Candidate) -> list[str]:
    place = candidate.place
    return [
        f"{place.name} ({place.kind})",
        f"  lat, lon     {place.lat:.5f}, {place.lon:.5f}",
        f"  admin1       {place.admin1 or '-'}",
        f"  country      {place.country or '-'}",
        f"  place id     {place.place_id}",
        f"  population   {place.population:,}",
        f"  matched      {candidate.matched_name} ({candidate.match_type})",
        f"  confidence   {candidate.confidence:.2f}",
    ]


def _candidate_row(candidate: Candidate) -> str:
    place = candidate.place
    where = ", ".join(filter(None, (place.admin1, place.country)))
    return (f"  {place.name:<24} {place.lat:9.5f} {place.lon:10.5f}  {where:<32} "
            f"{place.place_id:<20} pop {place.population:>10,}  {candidate.match_type:<15} "
            f"{candidate.confidence:.2f}")


def format_resolution(resolution: Resolution, show_all: bool) -> str:
    lines = _describe(resolution.match)
    if resolution.ambiguous:
        lines.append("  ambiguous    another place scores close: give --near LAT,LON, --country "
                     "or --admin1 (see --all)")
    if resolution.candidates and show_all:
        lines.append("other candidates:")
        lines += [_candidate_row(c) for c in resolution.candidates]
    elif resolution.candidates:
        lines.append("(other candidates: --all lists them)")
    return "\n".join(lines)


def run_lookup(args: argparse.Namespace) -> int:
    query = " ".join(args.name)
    gazetteer = Gazetteer.load()
    resolve = gazetteer.resolve_online if args.online else gazetteer.resolve
    resolution = resolve(query, near=args.near, country=args.country, admin1=args.admin1,
                         limit=ALL_LIMIT if args.all else DEFAULT_LIMIT)
    if args.json:
        print(json.dumps(resolution.as_json(), ensure_ascii=False, indent=2))
    elif resolution.match:
        print(format_resolution(resolution, args.all))
    if resolution.match is None:
        message = f"frontline: no place matches {query!r}"
        if resolution.suggestions:
            message += f"; did you mean: {', '.join(resolution.suggestions)}?"
        if not args.online:
            message += " (add it with `frontline place add`, or try --online)"
        print(message, file=sys.stderr)
        return 1
    return 0


def run_add(args: argparse.Namespace) -> int:
    try:
        if args.to:
            if args.lat is not None or args.lon is not None:
                raise user_supplement.SupplementError("give either --to or --lat/--lon, not both")
            gazetteer = Gazetteer.load()
            user_supplement.add_alias(args.name, args.to, gazetteer)
            print(f"added alias {args.name!r} -> {args.to} in {user_supplement_path()}")
            return 0
        if args.lat is None or args.lon is None:
            raise user_supplement.SupplementError("a new place needs --lat and --lon "
                                                  "(or --to PLACE_ID for an alias)")
        row = user_supplement.add_place(args.name, args.lat, args.lon, args.alias,
                                        args.country, args.kind)
    except user_supplement.SupplementError as error:
        print(f"frontline place add: {error}", file=sys.stderr)
        return 2
    print(f"added {user_supplement.user_place_id(row['name'])} ({row['lat']}, {row['lon']}) "
          f"in {user_supplement_path()}")
    return 0
