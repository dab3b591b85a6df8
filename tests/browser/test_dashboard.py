"""The dashboard as a user meets it: `streamlit run app/main.py` in headless Chromium, offline.

Expected values come from the committed table through the app's own loading and filtering
functions, for the filter state the page itself reports in its URL; what is checked is what
the browser actually drew and downloaded.
"""

from __future__ import annotations

import csv
import io
import os
import re
import time
from dataclasses import replace
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pandas as pd
import pytest
from browser_harness import (
    HOSTILE_TABLE,
    MAP_FRAME,
    MAP_SHAPES,
    POINT_IN_PROVINCE_JS,
    ROOT,
    SHAPE_FILLS_JS,
    map_frame,
)
from playwright.sync_api import expect

from app import aggregate, data, export, filters, mapview
from etl.model import COLUMNS
from etl.provinces import ISO_CODES

pytestmark = pytest.mark.browser

N_PROVINCES = 34
DRAW_TIMEOUT_MS = 30_000
RERUN_TIMEOUT_S = 20.0
TIMELINE = ".st-key-years"
DOWNLOAD = ".st-key-download"
DETAIL = ".nrf-detail"
# Set to a path (e.g. docs/screenshot.png) to save the drawn dashboard there as well.
SCREENSHOT_ENV = "NRF_SCREENSHOT"


@pytest.fixture(scope="module")
def rows() -> pd.DataFrame:
    """The table the server serves (same NRF_DATA environment, same loader)."""
    return data.load_activity(data.activity_path())


@pytest.fixture(scope="module")
def defaults(rows: pd.DataFrame) -> filters.Filters:
    return filters.default_filters(*filters.options(rows))


def open_dashboard(page, url: str) -> None:
    """Open the page and wait until Leaflet has drawn every province."""
    page.goto(url)
    shapes = page.frame_locator(MAP_FRAME).locator(MAP_SHAPES)
    expect(shapes).to_have_count(N_PROVINCES, timeout=DRAW_TIMEOUT_MS)


def page_filters(page, defaults: filters.Filters) -> filters.Filters:
    """The filter state the page shows, as it encodes it in its URL."""
    params = parse_qs(urlsplit(page.evaluate("location.href")).query, keep_blank_values=True)
    return filters.decode_query(params, defaults)


def drawn_fills(page) -> dict[str, str]:
    return map_frame(page).evaluate(SHAPE_FILLS_JS)


def wait_until(check, what: str, timeout: float = RERUN_TIMEOUT_S):
    """Poll check() until it returns something truthy; fail naming what never happened."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.2)
    pytest.fail(f"within {timeout:.0f} s: {what}")


def provinces_with_data(rows: pd.DataFrame, state: filters.Filters) -> set[str]:
    selected = filters.apply_filters(rows, state)
    return set(aggregate.province_values(selected, state.measure))


def timeline_move(
    rows: pd.DataFrame, defaults: filters.Filters
) -> tuple[int, str, int, tuple[int, int]]:
    """A keyboard move of one timeline thumb that changes which provinces have activity.

    Returns (thumb index, key, presses, resulting years). Chosen from the data so the test
    does not depend on which years the reports happen to cover.
    """
    low, high = defaults.years
    candidates = [(0, "ArrowRight", n, (low + n, high)) for n in range(1, high - low + 1)]
    candidates += [(1, "ArrowLeft", n, (low, high - n)) for n in range(1, high - low + 1)]
    before = provinces_with_data(rows, defaults)
    for thumb, key, presses, years in candidates:
        moved = replace(defaults, years=years)
        if provinces_with_data(rows, moved) != before:
            return thumb, key, presses, years
    pytest.fail("no single-thumb timeline move changes which provinces have activity")


def move_timeline(page, thumb: int, key: str, presses: int) -> None:
    handle = page.locator(TIMELINE).get_by_role("slider").nth(thumb)
    handle.focus()
    for _ in range(presses):
        page.keyboard.press(key)


def test_map_draws_every_province_without_the_network(app_url, page, guard, rows, defaults):
    loaded: list[str] = []
    page.on(
        "response",
        lambda r: loaded.append(r.url) if "/app/static/" in r.url and r.ok else None,
    )
    open_dashboard(page, app_url)

    fills = drawn_fills(page)
    assert sorted(fills) == sorted(ISO_CODES), "one shape per province, joined on ISO code"
    with_data = provinces_with_data(rows, defaults)
    assert with_data, "the default view should show some activity"
    assert {c for c, f in fills.items() if f != mapview.NO_DATA_FILL} == with_data
    assert any(u.endswith("/app/static/leaflet/leaflet.js") for u in loaded), loaded
    assert guard.blocked == []

    target = os.environ.get(SCREENSHOT_ENV)
    if target:
        path = Path(target) if Path(target).is_absolute() else ROOT / target
        path.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(path))


def test_timeline_changes_province_colours(app_url, page, rows, defaults):
    open_dashboard(page, app_url)
    before = drawn_fills(page)
    thumb, key, presses, years = timeline_move(rows, defaults)

    move_timeline(page, thumb, key, presses)

    wait_until(lambda: page_filters(page, defaults).years == years, f"URL shows years {years}")
    state = page_filters(page, defaults)
    expected_white = set(ISO_CODES) - provinces_with_data(rows, state)
    after = wait_until(
        lambda: (f := drawn_fills(page))
        and {c for c, v in f.items() if v == mapview.NO_DATA_FILL} == expected_white
        and f,
        f"the map shows no activity exactly where the table has none for {years}",
    )
    assert after != before
    assert len(after) == N_PROVINCES
    assert set(after.values()) <= {*mapview.PALETTE, mapview.NO_DATA_FILL}


def test_clicking_a_province_shows_its_evidence(app_url, page, rows, defaults):
    selected = filters.apply_filters(rows, defaults)
    code = selected["iso_3166_2"].value_counts().idxmax()
    capitals = pd.read_csv(ROOT / "tests" / "fixtures" / "provincial_capitals.csv")
    capital = capitals.set_index("iso_3166_2").loc[code]
    open_dashboard(page, app_url)
    page.locator(MAP_FRAME).scroll_into_view_if_needed()

    frame = map_frame(page)
    point = frame.evaluate(
        POINT_IN_PROVINCE_JS,
        [float(capital["lat"]), float(capital["lon"]), code],
    )
    assert point["inside"], f"the capital of {code} should lie on its shape"
    frame_box = page.locator(MAP_FRAME).bounding_box()
    page.mouse.click(frame_box["x"] + point["x"], frame_box["y"] + point["y"])

    detail = page.locator(DETAIL)
    sentence = selected.loc[selected["iso_3166_2"] == code, "evidence"].iloc[0]
    expect(detail).to_contain_text(sentence, timeout=RERUN_TIMEOUT_S * 1000)
    wait_until(lambda: page_filters(page, defaults).province == code, f"URL names {code}")


def test_download_holds_the_filtered_rows(app_url, page, rows, defaults):
    open_dashboard(page, app_url)
    thumb, key, presses, years = timeline_move(rows, defaults)
    move_timeline(page, thumb, key, presses)
    wait_until(lambda: page_filters(page, defaults).years == years, f"URL shows years {years}")
    state = page_filters(page, defaults)
    expected = filters.apply_filters(rows, state)
    button = page.locator(DOWNLOAD).get_by_role("button")
    expect(button).to_contain_text(f"{len(expected)} rows", timeout=RERUN_TIMEOUT_S * 1000)

    with page.expect_download() as info:
        button.click()
    download = info.value
    body = Path(download.path()).read_bytes()

    assert download.suggested_filename == export.file_name(state, defaults)
    assert body == export.to_csv_bytes(expected)
    table = list(csv.reader(io.StringIO(body.decode("utf-8"))))
    assert tuple(table[0]) == COLUMNS
    assert len(table) - 1 == len(expected)
    # The download does not reset the page: same filters, map still drawn.
    time.sleep(1.0)
    assert page_filters(page, defaults) == state
    expect(page.frame_locator(MAP_FRAME).locator(MAP_SHAPES)).to_have_count(N_PROVINCES)
    assert re.search(r"[?&]years=", page.evaluate("location.href"))


def test_report_text_reaches_the_page_as_text(hostile_app_url, page):
    hostile = data.load_activity(HOSTILE_TABLE)
    row = hostile[hostile["evidence"].str.contains("<img", regex=False)].iloc[0]
    code = row["iso_3166_2"]
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url))

    # A shared link naming the province opens its evidence directly.
    open_dashboard(page, f"{hostile_app_url}/?{filters.P_PROVINCE}={code}")

    detail = page.locator(DETAIL)
    expect(detail).to_contain_text(row["evidence"], timeout=RERUN_TIMEOUT_S * 1000)
    expect(detail).to_contain_text(row["title"])
    assert detail.locator("img, script, iframe, object").count() == 0
    assert page.locator('a[href^="javascript:" i]').count() == 0
    assert not [u for u in fetched if urlsplit(u).path == "/x"], "injected <img> was loaded"
