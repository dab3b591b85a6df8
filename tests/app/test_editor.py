"""The editor controls on the real page (AppTest): absent for visitors, behind the password."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from app import access, aggregate, data, editor, filters, reviews
from etl.limits import MAX_PAGE_FILE_BYTES

MAIN = Path(__file__).resolve().parents[2] / "app" / "main.py"
PASSWORD = "pw-for-tests"
EDIT_LABELS = ("Add a report", "Review queue", "Row to review", "Save review", "Sign out")


@pytest.fixture()
def make_app(monkeypatch, paths, tmp_path):
    def make(password: str | None) -> AppTest:
        monkeypatch.setenv("NRF_DATA", str(paths["sample"]))
        monkeypatch.setenv("NRF_BOUNDARIES", str(paths["boundaries"]))
        monkeypatch.setenv("NRF_REVIEWS", str(tmp_path / "reviews.csv"))
        if password is None:
            monkeypatch.delenv(access.PASSWORD_ENV, raising=False)
        else:
            monkeypatch.setenv(access.PASSWORD_ENV, password)
        return AppTest.from_file(str(MAIN), default_timeout=60)

    return make


def labels(at: AppTest) -> set[str]:
    """Every widget, expander and heading label on the page (headings are HTML elements,
    app.headings: their text)."""
    found = {
        html.unescape(re.sub(r"<[^>]*>", "", element.value))
        for element in at.get("html")
        if re.match(r"<h[1-6]\b", element.value)
    }
    for kind in ("button", "selectbox", "text_input", "text_area", "radio", "expander"):
        for element in at.get(kind):
            label = getattr(element, "label", None) or getattr(element, "value", None)
            if isinstance(label, str):
                found.add(label)
    return found


def edit_controls(at: AppTest) -> set[str]:
    return {
        label for label in labels(at)
        if label.startswith(EDIT_LABELS) or label in ("Editor password", "Editors")
    }  # fmt: skip


def test_a_read_only_server_draws_no_edit_control(make_app):
    at = make_app(None)
    at.query_params["prov"] = "AF-PAN"
    at.run()
    assert not at.exception
    assert edit_controls(at) == set()
    assert at.get("file_uploader") == []


def test_with_a_password_visitors_see_only_the_sign_in(make_app):
    at = make_app(PASSWORD)
    at.query_params["prov"] = "AF-PAN"
    at.run()
    assert edit_controls(at) == {"Editors", "Editor password"}
    at.text_input(key="editor_password").input("wrong")
    next(b for b in at.get("button") if b.label == "Sign in").click().run()
    assert not editor.is_editor_state(at.session_state)
    assert any("Wrong password" in e.value for e in at.error)
    assert edit_controls(at) == {"Editors", "Editor password"}


def sign_in(at: AppTest) -> AppTest:
    at.text_input(key="editor_password").input(PASSWORD)
    submit = next(b for b in at.get("button") if b.label == "Sign in")
    submit.click().run()
    return at


def test_an_editor_reviews_a_row_and_the_map_follows(make_app, paths, tmp_path):
    at = make_app(PASSWORD)
    at.query_params["prov"] = "AF-BGL"
    at.run()
    before = dict(at.session_state["map_values"])
    sign_in(at)
    assert not at.exception
    assert {"Add a report", "Sign out", "Save review"} <= {
        label.split(":")[0] for label in labels(at)
    }
    picked = at.selectbox(key="province_row")
    assert picked.value == 0 and picked.options[0].startswith("Baghlan: ")
    form_keys = [r.key for r in at.radio if r.key and r.key.startswith("province_state_")]
    (state_key,) = form_keys
    ident = state_key.removeprefix("province_state_")
    at.radio(key=state_key).set_value(reviews.CORRECTED)
    at.selectbox(key=f"province_province_{ident}").set_value("AF-BAM")
    at.text_area(key=f"province_note_{ident}").input("=not Baghlan")
    save = next(b for b in at.get("button") if b.label == "Save review")
    save.click().run()
    assert not at.exception

    stored = reviews.load_reviews(tmp_path / "reviews.csv")
    assert stored[["state", "iso_3166_2", "note"]].values.tolist() == [
        ["corrected", "AF-BAM", "=not Baghlan"]
    ]
    assert "AF-BAM" not in before
    reviewed = reviews.apply_reviews(data.load_activity(paths["sample"]), stored)
    shown = reviews.with_states(
        filters.apply_filters(reviewed, filters.default_filters(filters.options(reviewed)[0])),
        reviews.DEFAULT_SHOWN,
    )
    after = at.session_state["map_values"]
    assert after == aggregate.province_values(shown, "reports")
    assert after["AF-BAM"] == 1 and after != before


def test_the_uploader_takes_saved_pages_and_pdfs_up_to_the_report_file_cap(make_app):
    at = make_app(PASSWORD)
    at.run()
    sign_in(at)
    (uploader,) = at.get("file_uploader")
    assert "web page or PDF" in uploader.proto.label
    assert uploader.proto.max_upload_size_mb * 2**20 == MAX_PAGE_FILE_BYTES
    assert uploader.proto.type == []  # any name: the content decides (app.addreport)
