"""The download: exactly the filtered rows, no cell a spreadsheet would run."""

from __future__ import annotations

import io
from dataclasses import replace

import pandas as pd
import pytest

from app import export, filters
from etl.model import COLUMNS


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ('=HYPERLINK("http://evil.example")', '\'=HYPERLINK("http://evil.example")'),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Panjshir", "Panjshir"),
        ("", ""),
        (2021, 2021),
    ],
)
def test_neutralise_cell(cell, expected):
    assert export.neutralise_cell(cell) == expected


def _parse(payload: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(payload), dtype=str, keep_default_na=False)


def test_csv_parses_back_to_the_filtered_rows(rows, defaults):
    picked = filters.apply_filters(rows, replace(defaults, years=(2024, 2024)))
    back = _parse(export.to_csv_bytes(picked))
    assert tuple(back.columns) == COLUMNS
    expected = picked.astype(str).map(export.neutralise_cell).reset_index(drop=True)
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
        defaults, years=(2022, 2022), single_year_only=True, categories=("attack",),
        sources=("Beta News",),
    )
    assert export.file_name(narrowed, defaults) == (
        "nrf_activity_2022_attack_single-year_1-sources.csv"
    )
    assert export.file_name(replace(defaults, categories=()), defaults) == (
        "nrf_activity_2021-2024_no-category.csv"
    )
