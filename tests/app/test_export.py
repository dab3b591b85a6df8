"""The download: exactly the filtered rows, no cell a spreadsheet would run."""

from __future__ import annotations

import csv
import io
from dataclasses import replace

import pandas as pd

from app import export, filters, reviews
from etl.model import COLUMNS
from etl.spreadsheet import FORMULA_PREFIXES, protect_cell


def _parse(payload: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(payload), dtype=str, keep_default_na=False)


def test_csv_parses_back_to_the_filtered_rows(rows, defaults):
    picked = filters.apply_filters(rows, replace(defaults, years=(2024, 2024)))
    back = _parse(export.to_csv_bytes(picked))
    assert tuple(back.columns) == COLUMNS
    expected = picked.astype(str).map(protect_cell).reset_index(drop=True)
    pd.testing.assert_frame_equal(back, expected)
    assert set(back["source_id"]) == {"alpha-2021", "beta-2024"}


def test_formula_cells_in_the_sample_come_out_quoted(rows):
    back = _parse(export.to_csv_bytes(rows))
    beta = back[back["source_id"] == "beta-2024"]
    assert set(beta["title"]) == {'\'=HYPERLINK("http://evil.example","click")'}
    assert set(beta["author"]) == {"'@attacker"}
    assert set(beta["evidence"]) == {
        "'+Takhar saw an NRF ambush in 2024.",
        "'-In 2024 the NRF remained in Panjshir.",
        "'@Takhar: Massoud was killed there in 2001.",
    }
    for column in COLUMNS:
        assert not back[column].str.match(r"^[=+\-@\t\r]").any(), column


def test_empty_selection_exports_the_header_only(rows, defaults):
    payload = export.to_csv_bytes(filters.apply_filters(rows, replace(defaults, sources=())))
    assert payload.decode("utf-8") == ",".join(COLUMNS) + "\n"


def test_file_name_says_what_was_filtered(defaults):
    assert export.file_name(defaults, defaults) == "nrf_activity_2021-2024_attack-presence.csv"
    narrowed = replace(
        defaults, years=(2022, 2022), spanning=False, categories=("attack",),
        sources=("Beta News",), claims=("nrf", "taliban"),
    )
    assert export.file_name(narrowed, defaults) == (
        "nrf_activity_2022_attack_dated-only_claimed-nrf-taliban_1-sources.csv"
    )
    assert export.file_name(defaults, defaults, "AF-PAN") == (
        "nrf_activity_2021-2024_AF-PAN_attack-presence.csv"
    )
    assert export.file_name(replace(defaults, categories=()), defaults) == (
        "nrf_activity_2021-2024_no-category.csv"
    )


def _hostile_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """The sample with cells that hide formulas behind a lone CR or on a later line."""
    hostile = rows.iloc[:2].copy()
    hostile["title"] = ["Quiet\r@SUM(1+1)*cmd|' /C calc'!A0", "Two\r\n=cmd|' /C calc'!A0"]
    hostile["author"] = ["a\n+1+2", "b\r\r-3"]
    return hostile


def test_lone_cr_never_splits_a_download_row_and_no_line_of_a_cell_runs(rows):
    payload = export.to_csv_bytes(_hostile_rows(rows))
    back = _parse(payload)
    assert len(back) == 2  # a CR inside a cell is not a row break
    assert list(back["title"]) == [
        "Quiet\n'@SUM(1+1)*cmd|' /C calc'!A0", "Two\n'=cmd|' /C calc'!A0"
    ]
    assert list(back["author"]) == ["a\n'+1+2", "b\n\n'-3"]
    for record in csv.reader(io.StringIO(payload.decode("utf-8"), newline="")):
        for cell in record:
            assert "\r" not in cell
            assert not any(line.startswith(FORMULA_PREFIXES) for line in cell.split("\n")), cell


def test_the_download_for_filters_is_the_filtered_rows(rows, defaults):
    chosen = replace(defaults, years=(2022, 2022), excluded_reports=("beta-2022",))
    payload = export.filtered_csv_bytes(rows, chosen)
    back = _parse(payload)
    assert sorted(zip(back["source_id"], back["province"], strict=True)) == [
        ("alpha-2021", "Baghlan"), ("alpha-2023", "Baghlan"), ("alpha-2023", "Kapisa")
    ]
    assert payload == export.to_csv_bytes(filters.apply_filters(rows, chosen))


def test_the_download_carries_extracted_and_reviewed_values_and_the_state(rows, tmp_path):
    path = tmp_path / "reviews.csv"
    target = rows[rows["category"] == "attack"].iloc[0]
    note = "=1+1 was wrong\n@here"
    reviews.save_reviews(
        path, [reviews.review_of(target, reviews.CORRECTED, note=note, category="presence")]
    )
    reviewed = reviews.apply_reviews(rows, reviews.load_reviews(path))
    table = list(csv.DictReader(io.StringIO(export.to_csv_bytes(reviewed).decode("utf-8"))))
    assert list(table[0]) == [*COLUMNS, *reviews.ADDED_COLUMNS]
    row = table[rows.index.get_loc(target.name)]
    assert (row["category"], row["extracted_category"]) == ("presence", "attack")
    assert (row["review"], row["review_note"]) == ("corrected", "'=1+1 was wrong\n'@here")
    assert {r["review"] for i, r in enumerate(table) if i != rows.index.get_loc(target.name)} == {
        "unreviewed"
    }
