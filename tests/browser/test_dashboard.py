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
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pandas as pd
import pytest
from browser_harness import (
    ARTIFACTS,
    HOSTILE_PUBLISHERS,
    HOSTILE_TABLE,
    MAP,
    MAP_SHAPES,
    POINT_IN_PROVINCE_JS,
    ROOT,
    SHAPE_FILLS_JS,
    OffsiteGuard,
    running_app,
)
from playwright.sync_api import expect

from app import aggregate, data, export, filters, reviews, timespan
from etl.model import COLUMNS
from etl.provinces import ISO_CODES

pytestmark = pytest.mark.browser

N_PROVINCES = 34
DRAW_TIMEOUT_MS = 30_000
RERUN_TIMEOUT_S = 20.0
TIMELINE = ".st-key-years"
DOWNLOAD = ".st-key-download"
DETAIL = ".nrf-detail"
# What Streamlit shows in place of an element whose JavaScript has not loaded yet.
SKELETON = "[data-testid=stSkeleton]"
# Each legend row: its swatch's colour (as the browser computes it) and its text.
LEGEND_JS = """() => Array.from(document.querySelectorAll(".nrf-legend div")).map(row => ({
    colour: getComputedStyle(row.querySelector("span")).backgroundColor,
    label: row.textContent.trim(),
}))"""
# Set to a path (e.g. docs/screenshot.png) to save the drawn dashboard there as well.
SCREENSHOT_ENV = "NRF_SCREENSHOT"


@pytest.fixture(scope="module")
def rows() -> pd.DataFrame:
    """The table the server serves (same NRF_DATA and NRF_REVIEWS, same loaders)."""
    stored = reviews.load_reviews(reviews.reviews_path())
    return reviews.apply_reviews(data.load_activity(data.activity_path()), stored)


@pytest.fixture(scope="module")
def defaults(rows: pd.DataFrame) -> filters.Filters:
    return filters.default_filters(filters.options(rows)[0], filters.last_year(rows))


def open_dashboard(page, url: str) -> None:
    """Open the page and wait until Leaflet has drawn every province and the rest of the page,
    sent once the map has drawn (app/pageload.py), is on screen: its last element, the data
    caption, is shown and no element is still waiting for its JavaScript."""
    page.goto(url)
    shapes = page.locator(MAP).locator(MAP_SHAPES)
    expect(shapes).to_have_count(N_PROVINCES, timeout=DRAW_TIMEOUT_MS)
    expect(page.get_by_text("Data: ", exact=False)).to_be_visible(timeout=DRAW_TIMEOUT_MS)
    expect(page.locator(SKELETON)).to_have_count(0, timeout=DRAW_TIMEOUT_MS)


def page_filters(page, defaults: filters.Filters) -> filters.Filters:
    """The filter state the page shows, as it encodes it in its URL."""
    params = parse_qs(urlsplit(page.evaluate("location.href")).query, keep_blank_values=True)
    reports = filters.options(data.load_activity(data.activity_path()))[1]
    return filters.decode_query(params, defaults, reports).filters


def drawn_fills(page) -> dict[str, str]:
    return page.evaluate(SHAPE_FILLS_JS)


def wait_until(check, what: str, timeout: float = RERUN_TIMEOUT_S):
    """Poll check() until it returns something truthy; fail naming what never happened."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.2)
    pytest.fail(f"within {timeout:.0f} s: {what}")


def province_values(rows: pd.DataFrame, state: filters.Filters) -> dict[str, int]:
    """The measure per province for a filter state, zero included, from the table: the rows
    dated inside the years colour the map."""
    dated, _ = timespan.split(filters.apply_filters(rows, state), state.years)
    values = aggregate.province_values(dated, state.measure)
    return {code: values.get(code, 0) for code in ISO_CODES}


@dataclass(frozen=True)
class Legend:
    """The colour key as the page shows it: (lowest, highest or None, colour) per class."""

    classes: tuple[tuple[int, int | None, str], ...]
    no_data: str

    def colour(self, value: int) -> str:
        if value <= 0:
            return self.no_data
        for low, high, colour in self.classes:
            if low <= value and (high is None or value <= high):
                return colour
        raise AssertionError(f"the legend has no class for {value}: {self.classes}")


def read_legend(page) -> Legend:
    """Parse the legend beside the map ('1', '2–3', '8 or more', 'no matching activity')."""
    entries = page.evaluate(LEGEND_JS)
    classes, no_data = [], None
    for entry in entries:
        found = re.fullmatch(r"(\d+)(?:\s*[–-]\s*(\d+)|\s+or more)?", entry["label"].strip())
        if found is None:
            no_data = entry["colour"]
            continue
        low = int(found.group(1))
        high = int(found.group(2)) if found.group(2) else None
        classes.append((low, None if "more" in entry["label"] else (high or low), entry["colour"]))
    assert classes and no_data, f"legend not understood: {entries}"
    return Legend(tuple(classes), no_data)


def expected_colours(legend: Legend, values: dict[str, int]) -> dict[str, str]:
    return {code: legend.colour(value) for code, value in values.items()}


def timeline_move(
    rows: pd.DataFrame, defaults: filters.Filters, outcome
) -> tuple[int, str, int, tuple[int, int]]:
    """A keyboard move of one timeline thumb after which outcome(filters) differs.

    Returns (thumb index, key, presses, resulting years). Chosen from the data so the test
    does not depend on which years the reports happen to cover.
    """
    low, high = defaults.years
    candidates = [(0, "ArrowRight", n, (low + n, high)) for n in range(1, high - low + 1)]
    candidates += [(1, "ArrowLeft", n, (low, high - n)) for n in range(1, high - low + 1)]
    before = outcome(defaults)
    for thumb, key, presses, years in candidates:
        if outcome(replace(defaults, years=years)) != before:
            return thumb, key, presses, years
    pytest.fail("no single-thumb timeline move changes what this test looks at")


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
    values = province_values(rows, defaults)
    assert any(values.values()), "the default view should show some activity"
    assert fills == expected_colours(read_legend(page), values)
    assert any(u.endswith("/app/static/leaflet/leaflet.js") for u in loaded), loaded
    assert guard.blocked == []

    target = os.environ.get(SCREENSHOT_ENV)
    if target:
        path = Path(target) if Path(target).is_absolute() else ROOT / target
        path.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(path))


def test_timeline_changes_province_colours(app_url, page, rows, defaults):
    open_dashboard(page, app_url)
    legend = read_legend(page)
    before = drawn_fills(page)
    assert before == expected_colours(legend, province_values(rows, defaults))
    thumb, key, presses, years = timeline_move(
        rows, defaults, lambda state: expected_colours(legend, province_values(rows, state))
    )

    move_timeline(page, thumb, key, presses)

    wait_until(lambda: page_filters(page, defaults).years == years, f"URL shows years {years}")
    expected = expected_colours(legend, province_values(rows, page_filters(page, defaults)))
    wait_until(
        lambda: drawn_fills(page) == expected,
        f"every province coloured, per the legend, by its value for {years}",
    )
    assert expected != before
    assert read_legend(page) == legend, "the legend stays fixed while the timeline moves"


def test_clicking_a_province_shows_its_evidence(app_url, page, rows, defaults):
    selected = filters.apply_filters(rows, defaults)
    code = selected["iso_3166_2"].value_counts().idxmax()
    capitals = pd.read_csv(ROOT / "tests" / "fixtures" / "provincial_capitals.csv")
    capital = capitals.set_index("iso_3166_2").loc[code]
    open_dashboard(page, app_url)
    page.locator(MAP).scroll_into_view_if_needed()

    point = page.evaluate(
        POINT_IN_PROVINCE_JS,
        [float(capital["lat"]), float(capital["lon"]), code],
    )
    assert point["inside"], f"the capital of {code} should lie on its shape"
    page.mouse.click(point["x"], point["y"])

    detail = page.locator(DETAIL)
    sentence = selected.loc[selected["iso_3166_2"] == code, "evidence"].iloc[0]
    expect(detail).to_contain_text(sentence, timeout=RERUN_TIMEOUT_S * 1000)
    wait_until(lambda: page_filters(page, defaults).province == code, f"URL names {code}")


def test_download_holds_the_filtered_rows(app_url, page, rows, defaults):
    open_dashboard(page, app_url)
    thumb, key, presses, years = timeline_move(
        rows, defaults, lambda state: len(filters.apply_filters(rows, state))
    )
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
    assert tuple(table[0]) == (*COLUMNS, *reviews.ADDED_COLUMNS)
    assert len(table) - 1 == len(expected)
    # The download does not reset the page: same filters, map still drawn.
    time.sleep(1.0)
    assert page_filters(page, defaults) == state
    expect(page.locator(MAP).locator(MAP_SHAPES)).to_have_count(N_PROVINCES)
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


def test_hostile_publishers_reach_the_page_as_text(hostile_publishers_url, page, guard):
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url))
    open_dashboard(page, hostile_publishers_url)
    caption = page.get_by_text("Data: ", exact=False)
    expect(caption).to_be_visible()
    shown = caption.inner_text().replace("\u2060", "")
    for publisher in HOSTILE_PUBLISHERS.values():
        assert publisher in shown, f"{publisher!r} not shown as written in {shown!r}"
    chips = page.locator(".st-key-sources [data-tag]")  # the publishers, as chosen options
    assert sorted(chips.all_inner_texts()) == sorted(HOSTILE_PUBLISHERS.values())
    assert page.locator("a[href*='evil.example'], a[href^='mailto:' i]").count() == 0
    assert page.locator("img[src*='198.51.100.7'], .katex").count() == 0
    styled = "[data-testid=stIconMaterial], .stMarkdownColoredText, img, a"
    assert caption.locator(styled).count() == 0
    assert not [u for u in fetched if urlsplit(u).hostname not in ("localhost", "127.0.0.1")]
    assert guard.blocked == []


@pytest.mark.parametrize("years", ["%C2%B2%E2%81%B0%C2%B2%C2%B2", "2" * 5000])  # ²⁰²², 5,000 digits
def test_a_crafted_link_opens_the_default_view(app_url, page, years):
    open_dashboard(page, f"{app_url}/?{filters.P_YEARS}={years}")
    notice = page.locator("[data-testid=stAlertContentWarning]")
    expect(notice).to_contain_text(f"'{filters.P_YEARS}'")
    assert page.locator("[data-testid=stException]").count() == 0
    assert "Traceback" not in page.locator("body").inner_text()
    wait_until(lambda: "years=" not in page.evaluate("location.href"), "the link is cleaned up")


def test_the_page_offers_one_download_and_a_light_rows_preview(app_url, page, rows, defaults):
    """Only the download button writes CSV (formula-safe). No data grid or Vega chart: their
    JavaScript used to run before the map's; the rows preview and the bars are plain HTML."""
    open_dashboard(page, app_url)
    count = len(filters.apply_filters(rows, defaults))
    preview = page.locator(".nrf-preview")
    expect(preview).to_contain_text(f"{count} rows")
    shown = min(count, 50)
    assert preview.locator("tbody tr").count() == shown
    expect(page.locator(".nrf-bars.nrf-rank")).to_be_visible()
    expect(page.locator(".nrf-bars.nrf-years")).to_be_visible()
    assert page.locator("[data-testid=stDataFrame], [data-testid=stVegaLiteChart]").count() == 0
    assert page.get_by_role("button", name=re.compile("download as csv", re.I)).count() == 0
    assert page.locator(DOWNLOAD).get_by_role("button").count() == 1


def test_a_link_made_before_a_report_was_added_shows_it(browser, tmp_path):
    """Open the dashboard, leave out a report, narrow the timeline, keep the link; the table
    then gains a report (Kunduz, 2024): the same link, opened on the new table, shades Kunduz
    and still leaves out the report (Parwan stays blank)."""
    before = pd.read_csv(HOSTILE_TABLE, dtype=str, keep_default_na=False)
    new_row = before[before["source_id"] == "beta-2024"].iloc[[0]].assign(
        source_id="gamma-2024", title="Fighting in Kunduz", province="Kunduz",
        iso_3166_2="AF-KDZ", category="attack", year_from="2024", year_to="2024",
    )
    after = tmp_path / "after.csv"
    pd.concat([before, new_row]).to_csv(after, index=False, lineterminator="\n")
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    guard = OffsiteGuard()
    guard.install(context)
    page = context.new_page()
    try:
        with running_app(env={"NRF_DATA": str(HOSTILE_TABLE)}, log=ARTIFACTS / "before.log") as url:
            open_dashboard(page, url)
            page.locator(".st-key-excluded_reports").get_by_role("combobox").click()
            page.keyboard.type("Clashes reported")  # beta-2022, the only report in Parwan
            page.keyboard.press("Enter")
            page.keyboard.press("Escape")
            wait_until(lambda: "xrep=beta-2022" in page.evaluate("location.href"),
                       "the URL names the report left out")
            move_timeline(page, 0, "ArrowRight", 1)
            wait_until(lambda: "years=2022-2024" in page.evaluate("location.href"),
                       "the URL shows the narrowed timeline")
            query = urlsplit(page.evaluate("location.href")).query
            no_data = read_legend(page).no_data
            assert drawn_fills(page)["AF-KDZ"] == drawn_fills(page)["AF-PAR"] == no_data
        with running_app(env={"NRF_DATA": str(after)}, log=ARTIFACTS / "after.log") as url:
            open_dashboard(page, f"{url}/?{query}")
            legend = read_legend(page)
            wait_until(lambda: drawn_fills(page)["AF-KDZ"] == legend.colour(1),
                       "Kunduz shaded for the one report added after the link was made")
            assert drawn_fills(page)["AF-PAR"] == legend.no_data
            assert "years=2022-2024" in page.evaluate("location.href")
            assert page.locator("[data-testid=stAlertContentWarning]").count() == 0
    finally:
        context.close()
    assert guard.blocked == []
