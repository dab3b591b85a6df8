"""Which rows count: year overlap, statements beyond the years, claims, selections, the URL."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from app import filters
from etl.model import CATEGORIES


def _keys(frame) -> set[tuple[str, str, int, int]]:
    return set(zip(frame["source_id"], frame["province"], frame["year_from"], frame["year_to"],
                   strict=True))


def test_defaults_select_everything_but_other(rows, defaults):
    assert defaults.years == (2021, 2024)
    assert defaults.categories == ("attack", "presence")
    assert defaults.sources == ("Alpha Institute", "Beta News")
    assert defaults.excluded_reports == ()
    picked = filters.apply_filters(rows, defaults)
    # 14 designed rows, two 'other' rows (Kabul 1996, Takhar 2001) drop out.
    assert len(picked) == 12
    assert set(picked["category"]) == {"attack", "presence"}


def test_year_overlap_counts_statements_covering_the_year(rows, defaults):
    picked = filters.apply_filters(rows, replace(defaults, years=(2022, 2022)))
    assert _keys(picked) == {
        ("alpha-2021", "Baghlan", 2021, 2024),
        ("alpha-2023", "Baghlan", 2022, 2023),
        ("alpha-2023", "Kapisa", 2021, 2023),
        ("beta-2022", "Panjshir", 2022, 2022),
        ("beta-2022", "Parwan", 2022, 2022),
        ("beta-2022", "Badakhshan", 2022, 2022),
    }


def test_hiding_spanning_statements_keeps_rows_dated_inside_the_years(rows, defaults):
    picked = filters.apply_filters(rows, replace(defaults, years=(2022, 2022), spanning=False))
    assert _keys(picked) == {
        ("beta-2022", "Panjshir", 2022, 2022),
        ("beta-2022", "Parwan", 2022, 2022),
        ("beta-2022", "Badakhshan", 2022, 2022),
    }


def test_range_edges_are_inclusive(rows, defaults):
    picked = filters.apply_filters(rows, replace(defaults, years=(2023, 2024)))
    assert ("alpha-2021", "Panjshir", 2021, 2021) not in _keys(picked)
    assert ("alpha-2023", "Panjshir", 2023, 2023) in _keys(picked)
    assert ("beta-2024", "Takhar", 2024, 2024) in _keys(picked)


def test_historical_other_rows_never_fall_in_the_timeline(rows, defaults):
    picked = filters.apply_filters(rows, replace(defaults, categories=("other",)))
    assert picked.empty


def test_source_and_report_selections_combine(rows, defaults):
    picked = filters.apply_filters(rows, replace(defaults, sources=("Beta News",)))
    assert set(picked["source_id"]) == {"beta-2022", "beta-2024"}
    picked = filters.apply_filters(
        rows, replace(defaults, sources=("Beta News",), excluded_reports=("beta-2024",))
    )
    assert set(picked["source_id"]) == {"beta-2022"}


def test_leaving_out_every_report_matches_nothing(rows, defaults, reports):
    assert filters.apply_filters(rows, replace(defaults, excluded_reports=reports)).empty


def test_empty_selections_match_nothing_without_error(rows, defaults):
    for field in ("categories", "sources"):
        picked = filters.apply_filters(rows, replace(defaults, **{field: ()}))
        assert picked.empty
        assert list(picked.columns) == list(rows.columns)


def test_default_filters_make_no_query_params(defaults):
    assert filters.encode_query(defaults, defaults) == {}


def _as_params(encoded: dict) -> dict[str, list[str]]:
    """What st.query_params.get_all gives back for what we stored."""
    return {k: v if isinstance(v, list) else [v] for k, v in encoded.items()}


def test_query_round_trip(defaults, reports):
    chosen = replace(
        defaults,
        years=(2022, 2023),
        spanning=False,
        claims=("taliban", "third_party"),
        categories=("attack",),
        sources=("Beta News",),
        excluded_reports=("alpha-2023", "beta-2022"),
        measure="mentions",
        province="AF-PAN",
    )
    encoded = filters.encode_query(chosen, defaults)
    assert encoded["years"] == "2022-2023"
    assert encoded["xrep"] == ["alpha-2023", "beta-2022"]
    assert "rep" not in encoded
    assert filters.decode_query(_as_params(encoded), defaults, reports).filters == chosen
    single = replace(defaults, years=(2024, 2024))
    assert filters.encode_query(single, defaults) == {"years": "2024"}
    assert filters.decode_query({"years": ["2024"]}, defaults).filters == single


def test_bad_query_params_fall_back_to_defaults(defaults):
    hostile = {
        "years": ["2019-2030"],
        "span": ["<script>"],
        "cat": ["bogus"],
        "src": ["Nobody"],
        "measure": ["drop table"],
        "prov": ["AF-XXX"],
        "claim": ["everyone"],
    }
    assert filters.decode_query(hostile, defaults) == filters.Decoded(defaults, tuple(hostile))
    for years in ("abc", "2024-2021", "2022-2023-2024", "", "-", "2021-"):
        assert filters.decode_query({"years": [years]}, defaults).filters.years == (2021, 2024)


@pytest.mark.parametrize(
    "years",
    ["²⁰²²", "２０２２", "٢٠٢٢", "2" * 5000, "2022-" + "9" * 5000, "1" * 10**5, " 2022 -2023"],
)
def test_crafted_years_are_ignored_and_named(defaults, years):
    decoded = filters.decode_query({"years": [years]}, defaults)
    assert decoded == filters.Decoded(defaults, ("years",))


def test_every_parameter_is_bounded_in_length_and_count(defaults):
    long = {name: ["attack" + "x" * 10_000] for name in filters.QUERY_PARAMS}
    assert filters.decode_query(long, defaults) == filters.Decoded(
        defaults, filters.QUERY_PARAMS
    )
    many = {"cat": ["attack"] * 100_000, "measure": ["mentions"] * 100_000}
    assert filters.decode_query(many, defaults).ignored == ("cat", "measure")
    assert filters.decode_query(many, defaults).filters == defaults


def test_usable_values_are_kept_and_the_rest_named(defaults):
    params = {"cat": ["attack", "rumour"], "src": ["Beta News"], "span": ["no"]}
    decoded = filters.decode_query(params, defaults)
    assert decoded.filters == replace(
        defaults, categories=("attack",), sources=("Beta News",), spanning=False
    )
    assert decoded.ignored == ("cat",)
    assert "'cat'" in filters.ignored_notice(decoded.ignored)
    assert filters.ignored_notice(()) is None


def test_widget_state_round_trip(defaults):
    chosen = replace(defaults, years=(2021, 2022), spanning=False, categories=("other",),
                     claims=("nrf",))
    assert filters.from_widgets(filters.to_widgets(chosen)) == chosen


def test_report_labels_name_title_publisher_and_date(rows):
    labels = filters.report_labels(rows)
    assert labels["alpha-2023"] == "NRF operations in 2023 — Alpha Institute, 2023-03"
    assert set(labels) == set(rows["source_id"])


def test_reports_with_the_same_label_stay_apart(rows):
    twin = rows[rows["source_id"] == "alpha-2023"].assign(source_id="alpha-2023-copy")
    labels = filters.report_labels(pd.concat([rows, twin]))
    assert labels["alpha-2023"] == "NRF operations in 2023 — Alpha Institute, 2023-03 (alpha-2023)"
    assert labels["alpha-2023-copy"].endswith("(alpha-2023-copy)")
    assert labels["beta-2022"] == "Clashes reported <b>north</b> of Kabul — Beta News, 2022-08"
    assert len(set(labels.values())) == len(labels) == 5


def test_report_labels_are_unique_even_for_crafted_ids(rows):
    # Suffixing ids alone would give "T — ,  (y) (z)" twice: report "y) (z" (title T, no
    # date) and report "z" (title T, dated " (y)"), each sharing its label with a twin.
    base = rows.iloc[[0]].assign(title="T", source="")
    crafted = pd.concat([
        base.assign(source_id="y) (z", published=""),
        base.assign(source_id="twin-1", published=""),
        base.assign(source_id="z", published=" (y)"),
        base.assign(source_id="twin-2", published=" (y)"),
    ])
    labels = filters.report_labels(crafted)
    assert len(set(labels.values())) == len(labels) == 4, labels
    assert (labels["y) (z"], labels["z"]) == ("T — ,  (y) (z) #2", "T — ,  (y) (z) #3")


def test_untitled_reports_are_labelled_by_id_and_publisher(rows):
    untitled = rows[rows["source_id"] == "beta-2022"].assign(title="")
    assert filters.report_labels(untitled) == {"beta-2022": "beta-2022 — Beta News"}


def test_known_choices_drop_what_the_table_no_longer_offers():
    state = {"sources": ["Beta News", "Gone Weekly"], "excluded_reports": ["alpha-2021", "gone"]}
    offered = {"sources": ("Alpha Institute", "Beta News"), "excluded_reports": ("alpha-2021",)}
    assert filters.known_choices(state, offered) == {
        "sources": ["Beta News"], "excluded_reports": ["alpha-2021"]
    }


def test_excluded_reports_travel_in_the_link_and_new_reports_show(defaults, reports):
    left_out = replace(defaults, excluded_reports=("beta-2022",))
    params = _as_params(filters.encode_query(left_out, defaults))
    assert params == {"xrep": ["beta-2022"]}
    # the table later gains a report: the link still leaves out only beta-2022
    decoded = filters.decode_query(params, defaults, (*reports, "gamma-2025"))
    assert decoded == filters.Decoded(left_out)
    # a report the table no longer holds is dropped without a notice: nothing changes
    gone = filters.decode_query({"xrep": ["beta-2022", "gone"]}, defaults, reports)
    assert gone == filters.Decoded(left_out)


def test_a_link_stays_short_with_thousands_of_reports(defaults):
    many = tuple(f"report-{n:05d}" for n in range(5000))
    assert filters.encode_query(defaults, defaults) == {}
    one_out = replace(defaults, excluded_reports=(many[7],))
    assert filters.encode_query(one_out, defaults) == {"xrep": ["report-00007"]}
    assert filters.decode_query({"xrep": ["report-00007"]}, defaults, many).filters == one_out


def test_old_report_links_still_work(defaults, reports):
    # ?rep= listed the reports kept: the others (and any added since) are left out
    decoded = filters.decode_query({"rep": ["alpha-2021", "beta-2024"]}, defaults, reports)
    assert decoded == filters.Decoded(
        replace(defaults, excluded_reports=("alpha-2023", "beta-2022"))
    )
    assert filters.decode_query({"rep": [""]}, defaults, reports).filters.excluded_reports == (
        reports
    )
    partly = filters.decode_query({"rep": ["alpha-2021", "gone"]}, defaults, reports)
    assert partly.ignored == ("rep",)
    assert partly.filters.excluded_reports == ("alpha-2023", "beta-2022", "beta-2024")
    nothing_known = filters.decode_query({"rep": ["gone"]}, defaults, reports)
    assert nothing_known == filters.Decoded(defaults, ("rep",))


def test_rows_outside_the_timeline_are_counted_in_a_notice(rows):
    # the sample's Kabul 1996 and Takhar 2001 rows; Baghlan 2021-2024 is inside
    assert filters.outside_timeline_notice(rows).startswith("2 rows of the table are never")
    years = {"year_from": [2019, 2025, 2010, 2024], "year_to": [2021, 2030, 2020, 2024]}
    edges = pd.DataFrame(years)
    assert filters.outside_timeline_notice(edges).startswith("2 rows")
    assert filters.outside_timeline_notice(edges.iloc[[0]]) is None
    assert filters.outside_timeline_notice(edges.iloc[[1]]).startswith("1 row of the table is")


def test_the_timeline_ends_at_the_latest_activity_year(rows):
    assert filters.last_year(rows) == 2024
    late = rows.assign(year_to=rows["year_to"].where(rows["source_id"] != "beta-2024", 2025))
    assert filters.last_year(late) == 2025
    forecast = rows.assign(year_to=rows["year_to"].where(rows["category"] != "other", 2030))
    assert filters.last_year(forecast) == 2024  # 'other' rows do not stretch it
    assert filters.last_year(rows.iloc[0:0]) == filters.YEAR_MAX
    defaults = filters.default_filters(filters.options(late)[0], 2025)
    assert defaults.years == (2021, 2025)
    assert filters.decode_query({"years": ["2025"]}, defaults).filters.years == (2025, 2025)


def test_claim_filter_keeps_rows_nobody_claims(rows, defaults):
    everything = replace(defaults, categories=CATEGORIES, years=(1990, 2024))  # with history
    picked = filters.apply_filters(rows, replace(everything, claims=("taliban",)))
    assert set(picked["claimed_by"]) == {"taliban", ""}
    # Taliban-claimed: three Panjshir attacks (alpha-2021, alpha-2023, beta-2022), Takhar
    assert sorted(picked.loc[picked["claimed_by"] != "", "province"]) == [
        "Panjshir", "Panjshir", "Panjshir", "Takhar"
    ]
    assert filters.apply_filters(rows, replace(defaults, claims=())).empty


def test_reset_restores_the_defaults_but_keeps_the_province(defaults):
    state = {**filters.to_widgets(replace(defaults, years=(2023, 2023), measure="mentions")),
             "province": "AF-PAN", "link_notice": "Ignored in this link: 'years'"}
    filters.reset(state, defaults)
    assert filters.from_widgets(state) == replace(defaults, province="AF-PAN")
    assert state["link_notice"] is None
