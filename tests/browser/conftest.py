"""Fixtures for the real-browser tests: a running dashboard and Debian's headless Chromium.

Without Chromium the tests are skipped with a message, except in CI (CI set to anything but
"", "0" or "false"), where a missing browser is a failure: CI must really run them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from browser_harness import (
    ARTIFACTS,
    CHROMIUM_CANDIDATES,
    HOSTILE_PUBLISHERS,
    HOSTILE_TABLE,
    OffsiteGuard,
    find_chromium,
    launch_chromium,
    record_errors,
    running_app,
)

VIEWPORT = {"width": 1400, "height": 1000}


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _unavailable(reason: str) -> None:
    """Skip the browser tests outside CI; fail them in CI."""
    if _in_ci():
        pytest.fail(f"{reason} (CI is set, so the browser tests must run)", pytrace=False)
    pytest.skip(f"browser tests skipped: {reason}")


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = find_chromium()
    if path is None:
        _unavailable(
            f"no Chromium found (looked for {', '.join(CHROMIUM_CANDIDATES)} and `chromium` on "
            "PATH); install Debian's package with `apt-get install chromium`"
        )
    return path


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[object]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the Python package `playwright` is not installed (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright, chromium_path)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def app_url(browser: object) -> Iterator[str]:
    """The dashboard, started once for the session with `streamlit run app/main.py`."""
    with running_app() as url:
        yield url


@pytest.fixture(scope="session")
def hostile_app_url(browser: object) -> Iterator[str]:
    """The dashboard serving tests/fixtures/activity_sample.csv, whose reports carry HTML,
    script URLs and spreadsheet formulas."""
    with running_app(env={"NRF_DATA": str(HOSTILE_TABLE)}, log=ARTIFACTS / "hostile.log") as url:
        yield url


@pytest.fixture(scope="session")
def hostile_publishers_table(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hostile table with each report's publisher replaced by Markdown that would fetch
    an image, link away, or draw icons and colours if rendered."""
    table = pd.read_csv(HOSTILE_TABLE, dtype=str, keep_default_na=False)
    for report, publisher in HOSTILE_PUBLISHERS.items():
        table.loc[table["source_id"] == report, "source"] = publisher
    path = tmp_path_factory.mktemp("hostile") / "activity.csv"
    table.to_csv(path, index=False, lineterminator="\n")
    return path


@pytest.fixture(scope="session")
def hostile_publishers_url(browser: object, hostile_publishers_table: Path) -> Iterator[str]:
    """The dashboard serving hostile_publishers_table."""
    env = {"NRF_DATA": str(hostile_publishers_table)}
    with running_app(env=env, log=ARTIFACTS / "hostile_publishers.log") as url:
        yield url


@pytest.fixture
def guard() -> OffsiteGuard:
    return OffsiteGuard()


@pytest.fixture
def page(browser, guard: OffsiteGuard, request: pytest.FixtureRequest) -> Iterator[object]:
    """A fresh browser page with every off-site request recorded and refused.

    After each test the page's screenshot goes to tests/browser/artifacts/<test>.png, and any
    off-site request, JavaScript dialog (alert() from injected report text) or uncaught
    JavaScript error (the map's code runs in the page) fails it.
    """
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
    guard.install(context)
    page = context.new_page()
    dialogs: list[str] = []

    def record_dialog(dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", record_dialog)
    errors = record_errors(page)
    yield page
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    try:
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"))
    finally:
        context.close()
    assert guard.blocked == [], f"the page tried to reach off-site URLs: {guard.blocked}"
    assert dialogs == [], f"the page opened JavaScript dialogs: {dialogs}"
    assert errors == [], f"the page raised JavaScript errors: {errors}"
