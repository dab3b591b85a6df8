"""Inferring a title and a publication date for reports the catalog does not describe."""

from __future__ import annotations

from etl.metadata import infer_published, infer_title


def test_title_is_the_first_line_that_reads_like_a_headline():
    text = "Reports\nSVG\nMenu\nUS Has an Opportunity to Support the NRF \u2013\nbody text here\n"
    assert infer_title(text, "fallback") == "US Has an Opportunity to Support the NRF"


def test_title_falls_back_when_no_line_qualifies():
    assert infer_title("Home\nNews\n", "004_abc") == "004_abc"


def test_long_title_is_cut_at_a_word():
    title = infer_title("word " * 100, "x")
    assert len(title) <= 201 and title.endswith("…")


def test_published_is_the_latest_full_date():
    text = "Posted August 3, 2022. Back on September 11, 2001 and on 15 July 2022 too."
    assert infer_published(text) == "2022-08-03"


def test_a_later_month_beats_an_earlier_full_date():
    text = "Updated December 1, 2022. The NRF attacked in June 2024."
    assert infer_published(text) == "2024-06"


def test_dates_after_the_copyright_year_are_forecasts_and_ignored():
    text = "Elections are due in March 2027. Posted Sept. 5, 2023.\n© 2023 Example Media"
    assert infer_published(text) == "2023-09-05"


def test_copyright_year_alone_gives_january():
    assert infer_published("Nothing dated here.\nCopyright 2019-2021 Foundation") == "2021-01"


def test_impossible_dates_are_not_dates():
    text = "On February 30, 2022 nothing happened. Posted in March 2021."
    assert infer_published(text) == "2021-03"


def test_no_date_at_all():
    assert infer_published("The NRF operates in Panjshir.") is None


def test_title_skips_a_site_menu():
    text = (
        "Daily Planet\nHome | Afghanistan | World | Rest of the World News\n"
        "NRF fighters free four Taliban\n"
    )
    assert infer_title(text, "x") == "NRF fighters free four Taliban"
