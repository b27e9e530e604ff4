"""Shared fixtures. The gazetteer index is built once per data version into the user cache (or
$FRONTLINE_CACHE_DIR) and reused by every test; the user supplement is kept out of the way."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from gazetteer import Gazetteer


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return Gazetteer.load(progress=lambda m: print(f"[gazetteer] {m}", file=sys.stderr),
                          supplement=False)


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """An empty user data folder for this test (the user supplement lives there)."""
    folder = tmp_path / "frontline-data"
    monkeypatch.setenv("FRONTLINE_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def run_cli(data_dir):
    """Run the installed `frontline` command as a user would; returns the CompletedProcess."""

    def run(*args: str) -> subprocess.CompletedProcess:
        env = dict(os.environ, FRONTLINE_DATA_DIR=str(data_dir))
        return subprocess.run([sys.executable, "-m", "geo.cli", *args], capture_output=True,
                              text=True, env=env, timeout=300)

    return run
