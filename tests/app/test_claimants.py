"""Who claims it: counts by claimant for the tooltip, the detail panel and its chart."""

from __future__ import annotations

from dataclasses import replace

import pytest

from app import claimants, filters


def test_breakdown_counts_reports_or_mentions_per_claimant(rows):
    panjshir = rows[rows["iso_3166_2"] == "AF-PAN"]
    # reports: NRF alpha-2021, beta-2024; Taliban alpha-2021, alpha-2023, beta-2022; third
    # party alpha-2021. Mentions: one row each but Taliban's three.
    assert claimants.breakdown(panjshir, "reports") == {"nrf": 2, "taliban": 3, "third_party": 1}
    assert claimants.breakdown(panjshir, "mentions") == {"nrf": 2, "taliban": 3, "third_party": 1}
    takhar = rows[rows["iso_3166_2"] == "AF-TAK"]  # a Taliban claim and an 'other' row
    assert claimants.breakdown(takhar, "mentions") == {"taliban": 1}


def test_breakdown_text_names_claimants_in_order():
    assert claimants.breakdown_text({"nrf": 2, "third_party": 1}) == "NRF 2 · third party 1"
    assert claimants.breakdown_text({}) == "—"


def test_breakdown_by_province(rows, defaults):
    picked = filters.apply_filters(rows, replace(defaults, years=(2022, 2022)))
    assert claimants.breakdown_by_province(picked, "reports") == {
        "AF-BDS": "third party 1", "AF-BGL": "NRF 1 · third party 1",
        "AF-KAP": "third party 1", "AF-PAN": "Taliban 1", "AF-PAR": "NRF 1",
    }


@pytest.mark.parametrize("measure", ["reports", "mentions"])
def test_breakdown_by_province_is_each_provinces_own_breakdown(rows, measure):
    """The one-grouping version agrees with breakdown() run on each province's rows."""
    expected = {
        code: claimants.breakdown_text(claimants.breakdown(rows[rows["iso_3166_2"] == code],
                                                           measure))
        for code in sorted(set(rows["iso_3166_2"]))
    }
    assert claimants.breakdown_by_province(rows, measure) == expected
    assert claimants.breakdown_by_province(rows.iloc[0:0], measure) == {}


def test_per_year_by_claim_stacks_to_the_per_year_total(rows):
    baghlan = rows[rows["iso_3166_2"] == "AF-BGL"]
    table = claimants.per_year_by_claim(baghlan, (2021, 2024), "reports")
    counts = {(r.year, r.claim): r.count for r in table.itertuples()}
    # third party: alpha-2021's 2021-2024 statement; NRF: alpha-2023's 2022-2023 raid
    assert counts == {
        ("2021", "NRF"): 0, ("2022", "NRF"): 1, ("2023", "NRF"): 1, ("2024", "NRF"): 0,
        ("2021", "third party"): 1, ("2022", "third party"): 1, ("2023", "third party"): 1,
        ("2024", "third party"): 1,
    }
    empty = claimants.per_year_by_claim(baghlan.iloc[0:0], (2021, 2024), "reports")
    assert empty.empty and list(empty.columns) == ["year", "count", "claim"]


def test_rows_without_a_claimant_are_labelled_as_such(rows):
    kabul = rows[rows["iso_3166_2"] == "AF-KAB"]  # 1996, 'other': no claimant
    table = claimants.per_year_by_claim(kabul, (1996, 1996), "mentions")
    assert table.to_dict("records") == [{"year": "1996", "count": 1, "claim": claimants.NO_CLAIM}]
    assert claimants.claim_label("third_party") == "third party"
