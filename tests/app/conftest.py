"""Shared fixtures for the app tests: the designed sample table and the real boundaries."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from app import data, filters, markdown

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tests" / "fixtures" / "activity_sample.csv"
BOUNDARIES = ROOT / "data" / "afghanistan_provinces.geojson"


@pytest.fixture(scope="session")
def rows() -> pd.DataFrame:
    return data.load_activity(SAMPLE)


@pytest.fixture(scope="session")
def boundaries() -> dict:
    return data.load_boundaries(BOUNDARIES)


@pytest.fixture(scope="session")
def reports(rows: pd.DataFrame) -> tuple[str, ...]:
    """The sample's report ids, as the page offers them."""
    return filters.options(rows)[1]


@pytest.fixture()
def defaults(rows: pd.DataFrame) -> filters.Filters:
    return filters.default_filters(filters.options(rows)[0])


@pytest.fixture(scope="session")
def paths() -> dict[str, Path]:
    """Project root, the sample table and the boundaries, for tests that need the files."""
    return {"root": ROOT, "sample": SAMPLE, "boundaries": BOUNDARIES}


def _rendered(escaped: str) -> str:
    """What the reader sees of Markdown-escaped text: escapes resolved, word joiners unseen."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", escaped).replace(markdown.WORD_JOINER, "")


@pytest.fixture(scope="session")
def rendered() -> Callable[[str], str]:
    """The text a CommonMark reader shows for escaped Markdown (see app/markdown.py)."""
    return _rendered
