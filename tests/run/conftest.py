"""The run stages' fixtures, on the made-up world."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.run.extract import Extractor

TODAY = dt.date(2026, 11, 21)  # the run date: a Saturday


@pytest.fixture(scope="session")
def extractor(world):
    return Extractor(world, reference=TODAY)
