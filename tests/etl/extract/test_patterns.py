"""The shared patterns: one URL pattern and one list of months for every stage."""

import re

import pytest

from etl.extract.patterns import MONTH, URL, blank_urls, month_number, url_spans


@pytest.mark.parametrize(
    "text",
    [
        "no link here",
        "see http://www.example.org/a?b=1 and www.other.net, then https://x.y/z end",
        "a bare word http and www without dots",
        "two in a row:https://a.b/c https://d.e/f",
        "http://a.b/www.c.d/e holds a second marker inside",
    ],
)
def test_url_spans_agree_with_the_pattern(text: str) -> None:
    assert url_spans(text) == [m.span() for m in URL.finditer(text)]


def test_url_spans_stay_in_the_window() -> None:
    text = "x https://a.b/c y www.d.e z"
    assert url_spans(text, 0, len(text)) == [(2, 15), (18, 25)]
    assert url_spans(text, 4, 20) == []  # neither link starts and fits inside


def test_blank_urls_keeps_offsets() -> None:
    text = "Attack in Panjshir (https://example.org/2019) in 2022."
    blanked = blank_urls(text)
    assert len(blanked) == len(text)
    assert "2019" not in blanked and "2022" in blanked


@pytest.mark.parametrize(
    ("name", "number"),
    [("January", 1), ("Feb", 2), ("March", 3), ("Sept", 9), ("September", 9), ("dec", 12)],
)
def test_month_names_and_abbreviations(name: str, number: int) -> None:
    assert re.fullmatch(MONTH, name, re.IGNORECASE)
    assert month_number(name) == number
