"""The README against the code: the table's columns, the commands' options, the modules and
files it points to."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

from geo.schema import MENTION_COLUMNS

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_columns_are_the_tables():
    """Every column once (grouped by meaning, so not in the table's order)."""
    table = README.split("One row per mention, these columns", 1)[1].split("\n\n")[1]
    rows = [line.split("|")[1] for line in table.splitlines() if line.startswith("| ")][2:]
    documented = [name.strip() for row in rows for name in row.split(",")]
    assert sorted(documented) == sorted(MENTION_COLUMNS)


def test_every_option_the_readme_shows_exists(run_cli):
    helps = {command: run_cli(*command.split(), "--help").stdout  # as the user sees them
             for command in ("mentions", "map", "place", "place add", "gazetteer import",
                             "gazetteer status", "gazetteer remove")}
    shown = {}
    examples = "".join(re.findall(r"```sh\n(.*?)```", README, flags=re.DOTALL))
    for line in re.findall(r"^frontline (.*)$", examples, flags=re.MULTILINE):
        words = line.split("#")[0].split()
        command = ("place add" if words[:2] == ["place", "add"]
                   else " ".join(words[:2]) if words[0] == "gazetteer" else words[0])
        shown.setdefault(command, set()).update(w for w in words if w.startswith("--"))
    assert set(shown) == set(helps)
    missing = {(command, option) for command, options in shown.items() for option in options
               if not re.search(rf"{option}\b", helps[command])}
    assert missing == set()
    anywhere = " ".join(helps.values())
    in_prose = set(re.findall(r"`(--[a-z][a-z-]*)", README))
    assert {option for option in in_prose if option not in anywhere} == set()


def test_every_module_and_file_the_readme_names_exists():
    paths = set(re.findall(r"`((?:geo|gazetteer|benchmarks|notebooks)/[\w/.-]*)`", README))
    assert paths and {p for p in paths if not (ROOT / p).exists()} == set()
    dotted = set(re.findall(r"`((?:geo|gazetteer)\.[\w.]+)`", README))
    missing = set()
    for name in dotted:
        module, _, attribute = name.rpartition(".")
        try:
            if not hasattr(importlib.import_module(module), attribute):
                missing.add(name)
        except ImportError:
            missing.add(name)
    assert dotted and missing == set()
