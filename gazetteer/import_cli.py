"""`frontline gazetteer`: import GeoNames dump files, say what is imported, remove it.

    frontline gazetteer import PATH... [--countries UA,RU,BY,MD | --all]
    frontline gazetteer status
    frontline gazetteer remove

An import is merged into the index, which is rebuilt once for it (about a minute) at the end of
the import, so the next `frontline mentions` or `map` starts at its usual speed.
"""

from __future__ import annotations

import argparse
import sys

from . import imports
from .common import FrontlineError


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="frontline gazetteer",
        description="Add GeoNames dump files (https://download.geonames.org/export/dump/) to the "
                    "gazetteer: every village of the chosen countries, with its names.")
    commands = parser.add_subparsers(dest="action", required=True)
    add = commands.add_parser(
        "import", help="read GeoNames files into the user data folder",
        description="Read GeoNames files: a country file (UA.zip or UA.txt), allCountries.zip, "
                    "cities500.zip/cities1000.zip, and alternate names (alternateNamesV2.zip or "
                    "a country's file from alternatenames/). Files are streamed, never loaded "
                    "whole. Repeated imports add up; the same place (geonameid) is one place.")
    add.add_argument("paths", nargs="+", metavar="PATH", help="GeoNames .zip or .txt files")
    which = add.add_mutually_exclusive_group()
    which.add_argument("--countries", default=",".join(imports.DEFAULT_COUNTRIES),
                       metavar="CC,CC", help="countries whose places are kept "
                       f"(default: {','.join(imports.DEFAULT_COUNTRIES)})")
    which.add_argument("--all", action="store_true", help="keep the places of every country "
                       "(allCountries: millions of places, a much larger index)")
    add.add_argument("--no-index", action="store_true",
                     help="do not rebuild the index now (the next run does)")
    commands.add_parser("status", help="what is imported: files, when, places and names")
    commands.add_parser("remove", help="delete the import: the embedded gazetteer alone again")
    return parser


def run_gazetteer(words: list[str]) -> int:
    """`frontline gazetteer WORDS...`."""
    args = parser().parse_args(words)
    try:
        if args.action == "import":
            return _import(args)
        if args.action == "status":
            return _status()
        return _remove()
    except FrontlineError as error:
        print(f"frontline gazetteer {args.action}: {error}", file=sys.stderr)
        return 1


def _import(args: argparse.Namespace) -> int:
    countries = None if args.all else [c for c in args.countries.split(",") if c.strip()]
    done = imports.import_files(args.paths, countries)
    for source in done:
        what = "places" if source.layout == "geonames" else "names"
        print(f"{source.file}: {source.lines:,} lines, {source.kept:,} {what} kept, "
              f"{source.malformed:,} malformed skipped")
    print(f"imported into {imports.import_path()}")
    if not args.no_index:
        from .index import load_index

        print("building the gazetteer index with the import (about a minute)...",
              file=sys.stderr)
        load_index()
    return 0


def _status() -> int:
    found = imports.status()
    if found is None:
        print("no GeoNames import: the embedded gazetteer only (GeoNames cities500, "
              "curated data); add one with `frontline gazetteer import`")
        return 0
    print(f"GeoNames import {found.path} ({found.bytes / 1e6:.1f} MB, version {found.version})")
    for source in found.sources:
        what = "places" if source.layout == "geonames" else "names"
        countries = f", countries {source.countries}" if source.countries else ""
        print(f"  {source.file:<28} imported {source.imported}: {source.lines:,} lines, "
              f"{source.kept:,} {what} kept, {source.malformed:,} malformed{countries}")
        print(f"  {'':<28} from {source.path}")
    codes = ", ".join(f"{code} {count:,}" for code, count in found.places.items())
    print(f"places: {found.total_places:,} ({codes})")
    print(f"names: {found.names:,}")
    return 0


def _remove() -> int:
    path = imports.import_path()
    if imports.remove():
        print(f"removed the GeoNames import {path}")
    else:
        print("no GeoNames import to remove")
    return 0
