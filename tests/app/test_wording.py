"""The words around the numbers: never '1 reports', and what the colour counts."""

from __future__ import annotations

import pytest

from app import wording


@pytest.mark.parametrize(
    ("n", "measure", "text"),
    [(1, "reports", "1 report"), (3, "reports", "3 reports"), (1, "mentions", "1 mention"),
     (0, "mentions", "0 mentions")],
)
def test_count_phrase(n, measure, text):
    assert wording.count_phrase(n, measure) == text


def test_unit_says_what_the_categories_describe():
    assert wording.unit_label("reports", ("attack", "presence")) == (
        "reports describing NRF activity"
    )
    assert wording.unit_label("mentions", ("attack", "other")) == (
        "mentions describing NRF activity or mentioning the province"
    )
    assert "not as NRF activity" in wording.unit_label("reports", ("other",))


def test_spans_phrase_names_a_few_spans_then_counts_the_rest():
    spans = [((2021, 2024), 1), ((2022, 2025), 2)]
    assert wording.spans_phrase(spans) == (
        "1 statement spanning 2021–2024; 2 statements spanning 2022–2025"
    )
    many = [((2021, y), 1) for y in range(2022, 2027)]
    assert wording.spans_phrase(many).endswith("; 2 more year spans")


def test_province_label_as_the_issue_asks():
    assert wording.province_label(3, [((2021, 2024), 1)], (2023, 2023), "reports") == (
        "3 reports dated 2023; 1 statement spanning 2021–2024"
    )
    assert wording.province_label(1, [], (2021, 2024), "mentions") == "1 mention dated 2021–2024"
    assert wording.province_label(0, [((2021, 2024), 1)], (2023, 2023), "reports") == (
        "nothing dated 2023 (not coloured); 1 statement spanning 2021–2024"
    )
    assert wording.province_label(0, [], (2023, 2023), "reports") == (
        "no matching activity dated 2023"
    )


def test_the_province_picker_names_the_province_and_its_count():
    assert wording.province_choice({"AF-PAN": 4}, "AF-PAN") == "Panjshir (4)"
    assert wording.province_choice({"AF-PAN": 4}, "AF-KAB") == "Kabul (0)"
