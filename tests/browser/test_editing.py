"""Editing in a real browser: no edit controls for visitors; an editor adds a report (a saved
web page, its furniture left out of the preview, its form prefilled from its metadata) and
corrects a row, and the map, the reloaded page and the download follow.

The editor server works on a copy of the seeds in a temporary folder (NRF_REPORTS,
NRF_CATALOG, NRF_DATA, NRF_REVIEWS), so the test never changes the repository's files.
"""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from browser_harness import ARTIFACTS, ROOT, running_app
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect
from test_dashboard import (
    DOWNLOAD,
    RERUN_TIMEOUT_S,
    drawn_fills,
    open_dashboard,
    read_legend,
    wait_until,
)

from app.access import PASSWORD_ENV
from etl.pipeline import write_build
from etl.reading import read_document

pytestmark = pytest.mark.browser

PASSWORD = "browser-test-password"
# The Bamyan raid as a saved page; its menu, related stories and footer name other places.
REPORT = ROOT / "tests" / "fixtures" / "reports" / "bamyan_raid.html"
FURNITURE = ("Kunduz", "Takhar", "Herat", "Kandahar", "Related stories", "Home", "Privacy")
BAMYAN = "AF-BAM"
WAIT_MS = RERUN_TIMEOUT_S * 1000
EDIT_TEXTS = ("Add a report", "Review queue", "Save review", "Editor password", "Sign in")


@pytest.fixture(scope="module")
def editor_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("editor")
    folder = root / "reports"
    shutil.copytree(ROOT / "seeds", folder)
    table = root / "activity.csv"
    write_build(folder, folder / "sources.csv", table, today=date.today())
    return {"folder": folder, "table": table, "reviews": root / "reviews.csv"}


@pytest.fixture(scope="module")
def editor_url(browser: object, editor_files: dict[str, Path]) -> Iterator[str]:
    env = {
        "NRF_REPORTS": str(editor_files["folder"]),
        "NRF_CATALOG": str(editor_files["folder"] / "sources.csv"),
        "NRF_DATA": str(editor_files["table"]),
        "NRF_REVIEWS": str(editor_files["reviews"]),
        PASSWORD_ENV: PASSWORD,
    }
    with running_app(env=env, log=ARTIFACTS / "editor.log") as url:
        yield url


def fill_of(page, code: str) -> str | None:
    """The province's drawn colour, or None while a rerun replaces the map."""
    try:
        return drawn_fills(page).get(code)
    except (PlaywrightError, AttributeError):  # no frame, or two, mid-rerun
        return None


def shown(page, text: str) -> int:
    return page.get_by_text(text, exact=False).count()


def test_visitors_get_no_edit_controls(app_url, editor_url, page):
    open_dashboard(page, app_url)  # read-only server: nothing at all
    for text in EDIT_TEXTS:
        assert shown(page, text) == 0, text
    assert page.locator("input[type=file], input[type=password]").count() == 0

    open_dashboard(page, editor_url)  # editor server, not signed in: the sign-in form only
    expect(page.get_by_label("Editor password")).to_be_visible()
    for text in ("Add a report", "Review queue", "Save review"):
        assert shown(page, text) == 0, text
    assert page.locator("input[type=file]").count() == 0


def test_an_editor_adds_a_report_and_corrects_a_row(editor_url, editor_files, page):
    open_dashboard(page, editor_url)
    no_data = read_legend(page).no_data
    assert drawn_fills(page)[BAMYAN] == no_data, "no activity in Bamyan before the report"
    page.get_by_label("Editor password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible(timeout=WAIT_MS)

    page.get_by_text("Add a report").click()
    page.locator("input[type=file]").set_input_files(str(REPORT))
    publisher = page.get_by_label("Publisher", exact=True)
    expect(publisher).to_have_value("Kabul Monitor", timeout=WAIT_MS)  # the page's site name
    expect(page.get_by_label("Author", exact=True)).to_have_value("Shabnam Rahimi")
    expect(page.get_by_label("Published", exact=False)).to_have_value("2024-03-14")
    preview = page.locator(".nrf-detail mark", has_text="Bamyan").first
    expect(preview).to_be_visible(timeout=WAIT_MS)
    previewed = " ".join(page.locator(".nrf-detail").all_inner_texts())
    assert "Wardak" in previewed
    assert [word for word in FURNITURE if word in previewed] == [], previewed
    page.get_by_role("button", name="Add to the map").click()
    expect(page.get_by_text("Added as ")).to_be_visible(timeout=WAIT_MS * 3)
    wait_until(
        lambda: fill_of(page, BAMYAN) not in (None, no_data), "Bamyan coloured after the add"
    )

    # Correct the first Bamyan row from its evidence view: attack -> presence.
    open_dashboard(page, f"{editor_url}/?prov={BAMYAN}")
    page.get_by_label("Editor password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Save review")).to_be_visible(timeout=WAIT_MS)
    form = page.locator("[data-testid=stForm]").filter(
        has=page.get_by_role("button", name="Save review")
    )
    form.get_by_text("corrected", exact=True).click()
    form.get_by_label("Category", exact=True).click()
    page.get_by_role("option", name="presence", exact=True).click()
    form.get_by_label("Note (optional)").fill("=a base, not a raid")
    form.get_by_role("button", name="Save review").click()
    expect(page.get_by_text("Saved:")).to_be_visible(timeout=WAIT_MS)

    page.reload()
    open_dashboard(page, f"{editor_url}/?prov={BAMYAN}")
    with page.expect_download() as info:
        page.locator(DOWNLOAD).get_by_role("button").click()
    rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text("utf-8"))))
    reviewed = [r for r in rows if r["review"] == "corrected"]
    assert len(reviewed) == 1, reviewed
    row = reviewed[0]
    assert (row["province"], row["category"], row["extracted_category"]) == (
        "Bamyan", "presence", "attack"
    )
    assert row["review_note"] == "'=a base, not a raid"
    text = read_document(REPORT.read_bytes(), REPORT.name).text  # what the ETL read
    assert text[int(row["char_start"]) : int(row["char_end"])] == row["matched_text"]
