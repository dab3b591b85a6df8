"""The one rule for spreadsheet-safe cells, shared by the table writer and the download."""

from __future__ import annotations

import pytest

from etl.spreadsheet import protect_cell, runs_as_formula, unprotect_cell


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ('=HYPERLINK("http://evil.example")', '\'=HYPERLINK("http://evil.example")'),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "\n'=1"),
        ("Panjshir\r=cmd|' /C calc'!A0", "Panjshir\n'=cmd|' /C calc'!A0"),
        ("one\r\ntwo\rthree\n@four", "one\ntwo\nthree\n'@four"),
        ("'=already quoted", "''=already quoted"),
        ("it's -fine - mid-line", "it's -fine - mid-line"),
        ("Panjshir", "Panjshir"),
        ("", ""),
        (2021, 2021),
    ],
)
def test_protect_cell_quotes_every_line_a_spreadsheet_would_run(cell, expected):
    assert protect_cell(cell) == expected


@pytest.mark.parametrize(
    "text", ["=1", "a\n+b\n'-c", "''@d", "'plain", "plain", "x\n\t=y", "=\n=\n"]
)
def test_unprotect_gives_back_the_text(text):
    assert unprotect_cell(protect_cell(text)) == text


@pytest.mark.parametrize(
    ("text", "runs"),
    [("=1", True), ("ok\r-1", True), ("ok\n@x", True), ("'=1", False), ("a - b", False)],
)
def test_runs_as_formula_looks_at_every_line(text, runs):
    assert runs_as_formula(text) is runs
