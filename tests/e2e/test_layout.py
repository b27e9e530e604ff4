"""The code's layout is a contract too: geo uses only the gazetteer's public API, and the README's
"How the code is laid out" section names every module there is, in the tree's order."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import gazetteer

ROOT = Path(__file__).resolve().parents[2]


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name, None
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            for alias in node.names:
                yield node.lineno, node.module, alias.name


def test_geo_uses_only_the_gazetteer_public_api():
    public = set(gazetteer.__all__)
    offences = []
    for path in sorted((ROOT / "geo").rglob("*.py")):
        for line, module, name in _imports(path):
            where = f"{path.relative_to(ROOT)}:{line}"
            if module.startswith("gazetteer."):
                offences.append(f"{where} imports {module}")
            elif module == "gazetteer" and name is not None and name not in public:
                offences.append(f"{where} imports gazetteer.{name}, not in gazetteer.__all__")
            elif module == "gazetteer" and name is None:
                offences.append(f"{where} imports the gazetteer module whole")
    assert offences == []


def test_every_public_name_exists():
    for name in gazetteer.__all__:
        assert hasattr(gazetteer, name), name


def test_readme_layout_names_every_module():
    """The tree in the README (two spaces a level) lists exactly the modules on disk."""
    paths, stack = [], []
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("## How the code is laid out", 1)[1].split("```", 2)[1]
    for line in block.splitlines():
        match = re.match(r"^(\s*)([\w/]+(?:\.py|/))", line)
        if not match:
            continue
        depth = len(match.group(1)) // 2
        stack[depth:] = [match.group(2).rstrip("/")]
        paths.append("/".join(stack) + ("" if match.group(2).endswith(".py") else "/"))
    on_disk = sorted(str(p.relative_to(ROOT)) for package in ("gazetteer", "geo")
                     for p in (ROOT / package).rglob("*.py") if p.name != "__init__.py")
    described = sorted(p for p in paths if p.endswith(".py"))
    assert described == on_disk
