"""Province focus: the table following the chosen province, and the phone's scroll."""

from __future__ import annotations

from app import focus


def test_the_table_follows_only_when_asked_and_a_province_is_chosen(rows):
    assert focus.following("AF-PAN", True) == "AF-PAN"
    assert focus.following("AF-PAN", False) is None
    assert focus.following(None, True) is None
    panjshir = focus.only_province(rows, "AF-PAN")
    assert set(panjshir["province"]) == {"Panjshir"} and len(panjshir) == 6
    assert focus.only_province(rows, None) is rows


def test_scroll_script_runs_only_on_stacked_columns_and_differs_per_tap():
    first, second = focus.scroll_to_detail_script(1), focus.scroll_to_detail_script(2)
    assert first != second
    assert f"innerWidth < {focus.STACKED_MAX_WIDTH_PX}" in first
    assert ".st-key-detail" in first and "scrollIntoView" in first
