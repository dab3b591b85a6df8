"""The map as an analyst uses it: first click, honest time, claims, names, keyboard, phone.

Served on the designed sample table plus one report dated 2025 (so the timeline must reach
2025), in headless Chromium with the network refused. Expected values come from that table
through the app's own filtering functions and from the sample's design, written out.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from browser_harness import (
    ARTIFACTS,
    HOSTILE_TABLE,
    MAP,
    POINT_IN_PROVINCE_JS,
    ROOT,
    record_errors,
    running_app,
)
from playwright.sync_api import expect
from test_dashboard import (
    DETAIL,
    RERUN_TIMEOUT_S,
    drawn_fills,
    expected_colours,
    open_dashboard,
    page_filters,
    province_values,
    read_legend,
    wait_until,
)

from app import data, filters, mapview

pytestmark = pytest.mark.browser

CAPITALS = pd.read_csv(ROOT / "tests" / "fixtures" / "provincial_capitals.csv").set_index(
    "iso_3166_2"
)
# Each drawn province's outline colour and dash pattern, by the name its shape is announced
# with ("Baghlan: ...").
OUTLINES_JS = """() => Object.fromEntries(
    Array.from(document.querySelectorAll(".leaflet-overlay-pane path[aria-label]")).map(p => [
        p.getAttribute("aria-label").split(":")[0],
        [getComputedStyle(p).stroke, p.getAttribute("stroke-dasharray")],
    ]))"""
VISIBLE_LABELS_JS = """(kind) => Array.from(document.querySelectorAll(".nrf-label-" + kind))
    .filter(e => e.style.display !== "none").map(e => e.textContent)"""


@pytest.fixture(scope="module")
def late_table(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample table and one NRF attack in Kapisa dated 2025, published in 2025."""
    table = pd.read_csv(HOSTILE_TABLE, dtype=str, keep_default_na=False)
    late = table.iloc[[0]].assign(
        source_id="gamma-2025", source="Gamma Wire", title="Kapisa raid", published="2025-03",
        province="Kapisa", iso_3166_2="AF-KAP", year_from="2025", year_to="2025",
        matched_text="Kapisa", char_start="0", char_end="6",
        evidence="Kapisa: the NRF raided a Taliban post in March 2025.",
    )
    path = tmp_path_factory.mktemp("late") / "activity.csv"
    pd.concat([table, late]).to_csv(path, index=False, lineterminator="\n")
    return path


@pytest.fixture(scope="module")
def late_rows(late_table: Path) -> pd.DataFrame:
    return data.load_activity(late_table)


@pytest.fixture(scope="module")
def late_defaults(late_rows: pd.DataFrame) -> filters.Filters:
    return filters.default_filters(filters.options(late_rows)[0], filters.last_year(late_rows))


@pytest.fixture(scope="module")
def late_url(browser: object, late_table: Path) -> Iterator[str]:
    with running_app(env={"NRF_DATA": str(late_table)}, log=ARTIFACTS / "late.log") as url:
        yield url


def _point(page, code: str) -> tuple[float, float]:
    """Viewport coordinates of the province's capital, checked to lie on its drawn shape."""
    capital = CAPITALS.loc[code]
    point = page.evaluate(
        POINT_IN_PROVINCE_JS, [float(capital["lat"]), float(capital["lon"]), code]
    )
    assert point["inside"], f"the capital of {code} should lie on its shape"
    return point["x"], point["y"]


@pytest.fixture
def small_page(browser, guard, request) -> Iterator[object]:
    """A 1280x720 page (the size the first click was lost at), off-site requests refused and
    uncaught JavaScript errors failing the test, as conftest's page."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    guard.install(context)
    page = context.new_page()
    errors = record_errors(page)
    yield page
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"))
    context.close()
    assert guard.blocked == []
    assert errors == [], f"the page raised JavaScript errors: {errors}"


@pytest.mark.parametrize("scrolled", [0, 150], ids=["as-opened", "map-top-scrolled-off"])
def test_the_first_click_at_1280x720_selects(late_url, small_page, late_defaults, scrolled):
    page = small_page
    open_dashboard(page, late_url)
    if scrolled:  # the map's top out of view: focusing the map would scroll it back
        page.evaluate("(dy) => document.querySelector('.stMain').scrollBy(0, dy)", scrolled)
        wait_until(lambda: page.locator(MAP).bounding_box()["y"] < 0, "the map's top scrolled off")
    map_top = page.locator(MAP).bounding_box()["y"]
    x, y = _point(page, "AF-PAN")
    assert 0 < y < 720, "the capital is on screen"
    page.mouse.click(x, y)  # the very first click on the page
    wait_until(lambda: page_filters(page, late_defaults).province == "AF-PAN", "URL names AF-PAN")
    expect(page.locator(DETAIL)).to_contain_text("Panjshir", timeout=RERUN_TIMEOUT_S * 1000)
    assert page.locator(MAP).bounding_box()["y"] == map_top, "the page did not jump"


def test_a_2025_report_is_on_the_timeline_and_the_map(late_url, page, late_rows, late_defaults):
    open_dashboard(page, f"{late_url}/?{filters.P_YEARS}=2025")
    expect(page.locator(".st-key-years")).to_contain_text("2025")
    state = page_filters(page, late_defaults)
    assert state.years == (2025, 2025) and late_defaults.years == (2021, 2025)
    expected = province_values(late_rows, state)
    assert {c for c, v in expected.items() if v} == {"AF-KAP"}
    legend = read_legend(page)
    fills = wait_until(lambda: drawn_fills(page), "the map is drawn")
    assert fills["AF-KAP"] == legend.colour(1) != legend.no_data
    assert sum(fill != legend.no_data for fill in fills.values()) == 1


def test_removing_a_claimant_changes_the_map(late_url, page, late_rows, late_defaults):
    open_dashboard(page, late_url)
    legend = read_legend(page)
    before = drawn_fills(page)
    page.locator(".st-key-claims [data-tag]").filter(has_text="NRF").locator(
        "[role=presentation], svg"
    ).first.click()
    wait_until(lambda: "nrf" not in page_filters(page, late_defaults).claims, "NRF dropped")
    state = page_filters(page, late_defaults)
    assert state.claims == ("taliban", "third_party")
    expected = expected_colours(legend, province_values(late_rows, state))
    wait_until(lambda: drawn_fills(page) == expected, "the map coloured without NRF claims")
    assert expected != before
    assert expected["AF-PAR"] == legend.no_data != before["AF-PAR"]  # Parwan: NRF's word only


def test_a_province_only_a_spanning_statement_supports_is_drawn_apart(late_url, page):
    open_dashboard(page, f"{late_url}/?{filters.P_YEARS}=2022")
    outlines = wait_until(lambda: page.evaluate(OUTLINES_JS), "the map is drawn")
    # 2022: Baghlan and Kapisa rest only on 2021-2024, 2022-2023 and 2021-2023 statements
    purple = "rgb(118, 42, 131)"
    assert mapview.SPANNING_OUTLINE == "#762a83"
    spanning = {code for code, (stroke, _) in outlines.items() if stroke == purple}
    assert spanning == {"Baghlan", "Kapisa"}
    assert outlines["Baghlan"][1] != outlines["Kabul"][1]  # dotted, not the no-data dash
    page.mouse.move(*_point(page, "AF-BGL"))
    tooltip = page.locator(MAP).locator(".leaflet-tooltip")
    expect(tooltip).to_contain_text("nothing dated 2022 (not coloured)")
    expect(tooltip).to_contain_text("1 statement spanning 2021–2024")
    expect(tooltip.locator("th").first).to_have_css("text-align", "left")  # folium's layout
    expect(page.locator(".nrf-legend")).to_contain_text("only statements spanning beyond 2022")


def test_province_and_country_names_are_drawn(late_url, page):
    open_dashboard(page, late_url)
    countries = page.evaluate(VISIBLE_LABELS_JS, "country")
    assert {"Iran", "Pakistan", "Tajikistan", "Turkmenistan", "Uzbekistan"} <= set(countries)
    opening = page.evaluate(VISIBLE_LABELS_JS, "province")
    assert {"Helmand", "Kandahar", "Herat"} <= set(opening)
    assert "Kapisa" not in opening  # small provinces wait for a closer zoom
    page.evaluate("window.map_div.setView([35.0, 69.3], 8, {animate: false})")
    wait_until(lambda: {"Kapisa", "Panjshir"} <= set(page.evaluate(VISIBLE_LABELS_JS,
                                                                   "province")),
               "small provinces named at a closer zoom")


def test_keyboard_reaches_names_and_selects_a_province(late_url, page, late_defaults):
    open_dashboard(page, late_url)
    shapes = page.locator(MAP).locator("path[tabindex='0']")
    expect(shapes).to_have_count(1)  # one tab stop for all 34 shapes
    assert shapes.get_attribute("aria-label").startswith("Badakhshan: ")
    shapes.focus()
    page.keyboard.press("ArrowRight")  # Badghis
    page.keyboard.press("ArrowRight")  # Baghlan
    focused = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert focused.startswith("Baghlan: ") and "claimed by" in focused
    # the focused province's tooltip, as a hover shows it (Leaflet opens it on focus)
    expect(page.locator(MAP).locator(".leaflet-tooltip")).to_contain_text("Baghlan")
    page.keyboard.press("Enter")
    wait_until(lambda: page_filters(page, late_defaults).province == "AF-BGL", "URL names AF-BGL")
    expect(page.locator(DETAIL)).to_contain_text("Andarab", timeout=RERUN_TIMEOUT_S * 1000)
    # from the shapes, the province picker is a few Tab presses away
    page.evaluate("document.querySelector(\"path[tabindex='0']\").focus()")
    picker_focused = "document.activeElement.closest('.st-key-province') !== null"
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate(picker_focused):
            break
    assert page.evaluate(picker_focused), "the picker is within 5 Tab presses of the map"


def test_on_a_phone_a_tap_brings_the_evidence_into_view(late_url, browser, guard, late_defaults):
    context = browser.new_context(viewport={"width": 400, "height": 800}, has_touch=True)
    guard.install(context)
    page = context.new_page()
    try:
        open_dashboard(page, late_url)
        page.locator(MAP).scroll_into_view_if_needed()
        x, y = _point(page, "AF-BGL")
        page.mouse.click(x, y)
        wait_until(lambda: page_filters(page, late_defaults).province == "AF-BGL", "AF-BGL")
        detail = page.locator(DETAIL)
        expect(detail).to_contain_text("Andarab", timeout=RERUN_TIMEOUT_S * 1000)
        expect(detail).to_be_in_viewport(timeout=RERUN_TIMEOUT_S * 1000)
    finally:
        page.screenshot(path=str(ARTIFACTS / "phone_tap.png"))
        context.close()
    assert guard.blocked == []


def test_a_chosen_small_province_is_brought_into_view(late_url, page):
    open_dashboard(page, f"{late_url}/?{filters.P_PROVINCE}=AF-KAP")
    size_js = """() => {
        let size = null;
        for (const group of window.feature_group || []) {
            group.eachLayer(function visit(layer) {
                if (layer.eachLayer) { layer.eachLayer(visit); return; }
                if (layer.feature && layer.feature.id === "AF-KAP") {
                    const b = layer.getBounds();
                    const nw = window.map_div.latLngToContainerPoint(b.getNorthWest());
                    const se = window.map_div.latLngToContainerPoint(b.getSouthEast());
                    size = {w: se.x - nw.x, h: se.y - nw.y,
                            inView: window.map_div.getBounds().contains(b)};
                }
            });
        }
        return size;
    }"""
    size = wait_until(
        lambda: (s := page.evaluate(size_js)) and min(s["w"], s["h"]) >= 40 and s["inView"] and s,
        "Kapisa zoomed to at least 40 px and in view",
    )
    assert size["inView"]
