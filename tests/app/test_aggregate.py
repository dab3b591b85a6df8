"""The numbers: reports vs mentions, activity per year, ranking and colour classes."""

from __future__ import annotations

from dataclasses import replace

from app import aggregate, filters


def test_reports_count_distinct_reports_mentions_count_rows(rows, defaults):
    picked = filters.apply_filters(rows, defaults)
    reports = aggregate.province_values(picked, "reports")
    mentions = aggregate.province_values(picked, "mentions")
    # Panjshir: alpha-2021 three times, alpha-2023, beta-2022, beta-2024 once each.
    assert reports["AF-PAN"] == 4
    assert mentions["AF-PAN"] == 6
    assert reports == {"AF-PAN": 4, "AF-BGL": 2, "AF-KAP": 1, "AF-PAR": 1, "AF-BDS": 1,
                       "AF-TAK": 1}


def test_no_rows_no_values(rows, defaults):
    picked = filters.apply_filters(rows, replace(defaults, categories=()))
    assert aggregate.province_values(picked, "reports") == {}
    assert aggregate.ranking({}).empty


def test_per_year_counts_every_covered_year(rows, defaults):
    picked = filters.apply_filters(rows, defaults)
    reports = aggregate.per_year(picked, defaults.years, "reports")
    assert reports.to_dict("list") == {"year": ["2021", "2022", "2023", "2024"],
                                       "count": [2, 3, 2, 2]}
    mentions = aggregate.per_year(picked, defaults.years, "mentions")
    assert mentions["count"].tolist() == [5, 6, 4, 3]


def test_ranking_highest_first_ties_by_name():
    table = aggregate.ranking({"AF-TAK": 1, "AF-PAN": 4, "AF-BDS": 1, "AF-BGL": 2})
    assert table["province"].tolist() == ["Panjshir", "Baghlan", "Badakhshan", "Takhar"]
    assert table["count"].tolist() == [4, 2, 1, 1]


def test_few_values_get_a_class_each():
    breaks = aggregate.class_breaks({"a": 1, "b": 2, "c": 4, "d": 4})
    assert breaks == [1, 2, 4]
    assert aggregate.class_labels(breaks) == ["1", "2–3", "4 or more"]
    assert [aggregate.class_of(v, breaks) for v in (0, 1, 2, 3, 4, 9)] == [None, 0, 1, 1, 2, 2]


def test_many_values_get_five_ordered_classes_starting_at_one():
    reference = {str(i): v for i, v in enumerate([1, 1, 2, 3, 5, 8, 13, 21, 34, 55])}
    breaks = aggregate.class_breaks(reference)
    assert len(breaks) == 5 and breaks[0] == 1
    assert breaks == sorted(set(breaks))
    assert aggregate.class_of(55, breaks) == 4 and aggregate.class_of(1, breaks) == 0
    assert aggregate.class_breaks({}) == [1]
