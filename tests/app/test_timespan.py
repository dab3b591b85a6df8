"""Honest time: what lies inside the selected years and what reaches beyond them."""

from __future__ import annotations

from dataclasses import replace

from app import filters, timespan


def test_inside_means_every_year_of_the_row_is_selected(rows):
    inside, beyond = timespan.split(rows, (2022, 2023))
    assert set(zip(inside["source_id"], inside["province"], strict=True)) == {
        ("alpha-2023", "Panjshir"), ("alpha-2023", "Baghlan"),  # 2023, 2022-2023
        ("beta-2022", "Panjshir"), ("beta-2022", "Parwan"), ("beta-2022", "Badakhshan"),
    }
    assert len(inside) + len(beyond) == len(rows)
    assert ("alpha-2021", "Baghlan") in set(zip(beyond["source_id"], beyond["province"],
                                                strict=True))  # 2021-2024


def test_years_text():
    assert timespan.years_text((2023, 2023)) == "2023"
    assert timespan.years_text((2021, 2024)) == "2021–2024"


def test_statements_are_counted_per_span_widest_first(rows, defaults):
    picked = filters.apply_filters(rows, replace(defaults, years=(2022, 2022)))
    _, beyond = timespan.split(picked, (2022, 2022))
    spans = timespan.spans_by_province(beyond)
    assert spans == {
        "AF-BGL": [((2021, 2024), 1), ((2022, 2023), 1)],
        "AF-KAP": [((2021, 2023), 1)],
    }
    assert timespan.spans_by_province(beyond.iloc[0:0]) == {}


def test_two_mentions_of_one_sentence_are_one_statement(rows):
    # alpha-2021: three Panjshir rows (2021) in two sentences, one naming it twice
    _, beyond = timespan.split(rows[rows["source_id"] == "alpha-2021"], (2022, 2022))
    assert timespan.spans_by_province(beyond)["AF-PAN"] == [((2021, 2021), 2)]
