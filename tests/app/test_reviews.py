"""Reviews: stored by mention key, spreadsheet-safe, applied to the table at load time."""

from __future__ import annotations

import time

import numpy as np
import pandas as pd
import pytest

from app import data, reviews
from app.data import DataError
from app.reviews import Review


def first(rows: pd.DataFrame, code: str, category: str) -> pd.Series:
    return rows[(rows["iso_3166_2"] == code) & (rows["category"] == category)].iloc[0]


def test_without_reviews_every_row_is_unreviewed_and_unchanged(rows, tmp_path):
    stored = reviews.load_reviews(tmp_path / "absent.csv")
    out = reviews.apply_reviews(rows, stored)
    assert list(out.columns) == [*rows.columns, *reviews.ADDED_COLUMNS]
    assert (out["review"] == "unreviewed").all()
    pd.testing.assert_frame_equal(out.loc[:, list(rows.columns)], rows)
    assert (out["extracted_category"] == rows["category"]).all()


def test_a_correction_changes_the_row_and_keeps_what_was_extracted(rows, tmp_path):
    path = tmp_path / "reviews.csv"
    target = first(rows, "AF-PAN", "attack")
    correction = reviews.review_of(
        target, reviews.CORRECTED, note="it was Baghlan", category="presence",
        iso_3166_2="AF-BGL", claimed_by="third_party", year_from=2022, year_to=2023,
    )  # fmt: skip
    reviews.save_reviews(path, [correction])

    out = reviews.apply_reviews(rows, reviews.load_reviews(path))

    row = out.loc[target.name]
    assert (row["category"], row["iso_3166_2"]) == ("presence", "AF-BGL")
    assert row["province"] == "Baghlan"
    assert (row["claimed_by"], row["year_from"], row["year_to"]) == ("third_party", 2022, 2023)
    assert (row["review"], row["review_note"]) == ("corrected", "it was Baghlan")
    assert (row["extracted_category"], row["extracted_iso_3166_2"]) == ("attack", "AF-PAN")
    assert (row["extracted_province"], row["extracted_year_from"]) == ("Panjshir", 2021)
    others = out.drop(index=target.name)
    pd.testing.assert_frame_equal(others.loc[:, list(rows.columns)], rows.drop(index=target.name))
    assert (others["review"] == "unreviewed").all()
    assert out["year_from"].dtype == "int64"


def test_a_correction_to_other_drops_the_claim(rows, tmp_path):
    path = tmp_path / "reviews.csv"
    target = first(rows, "AF-PAN", "attack")
    assert target["claimed_by"]
    reviews.save_reviews(path, [reviews.review_of(target, reviews.CORRECTED, category="other")])
    out = reviews.apply_reviews(rows, reviews.load_reviews(path))
    assert (out.loc[target.name, "category"], out.loc[target.name, "claimed_by"]) == ("other", "")


def test_confirmed_and_rejected_rows_keep_their_values_and_the_filter_drops_rejected(
    rows, tmp_path):
    path = tmp_path / "reviews.csv"
    confirmed, rejected = first(rows, "AF-PAN", "attack"), first(rows, "AF-BGL", "attack")
    reviews.save_reviews(
        path,
        [reviews.review_of(confirmed, reviews.CONFIRMED),
         reviews.review_of(rejected, reviews.NOT_A_MENTION, note="a person's name")],
    )  # fmt: skip
    out = reviews.apply_reviews(rows, reviews.load_reviews(path))
    pd.testing.assert_frame_equal(out.loc[:, list(rows.columns)], rows)
    shown = reviews.with_states(out, reviews.DEFAULT_SHOWN)
    assert rejected.name not in shown.index and confirmed.name in shown.index
    assert len(shown) == len(rows) - 1
    assert list(reviews.with_states(out, ["confirmed", "not_a_mention"]).index) == [
        confirmed.name, rejected.name
    ]


def test_reviews_follow_the_span_through_a_rebuilt_table(rows, tmp_path):
    """Re-extraction may reorder rows and add or lose others: the same span keeps its review,
    a span no longer found is an orphan, never applied elsewhere."""
    path = tmp_path / "reviews.csv"
    kept, lost = first(rows, "AF-PAN", "attack"), first(rows, "AF-BGL", "attack")
    reviews.save_reviews(
        path,
        [reviews.review_of(kept, reviews.CORRECTED, iso_3166_2="AF-KAP"),
         reviews.review_of(lost, reviews.NOT_A_MENTION)],
    )  # fmt: skip
    rebuilt = rows.drop(index=lost.name).iloc[::-1].reset_index(drop=True)
    stored = reviews.load_reviews(path)

    out = reviews.apply_reviews(rebuilt, stored)

    moved = out[(out["source_id"] == kept["source_id"]) & (out["char_start"] == kept["char_start"])]
    assert moved["iso_3166_2"].tolist() == ["AF-KAP"]
    assert (out["review"] == "corrected").sum() == 1
    assert "not_a_mention" not in set(out["review"])
    orphaned = reviews.orphans(rebuilt, stored)
    assert orphaned[["source_id", "char_start"]].values.tolist() == [
        [lost["source_id"], lost["char_start"]]
    ]
    assert reviews.orphans(rows, stored).empty


def test_same_start_other_words_is_another_mention(rows, tmp_path):
    path = tmp_path / "reviews.csv"
    target = first(rows, "AF-PAN", "attack")
    reviews.save_reviews(path, [reviews.review_of(target, reviews.NOT_A_MENTION)])
    changed = rows.astype({"matched_text": str})  # a categorical takes no new value
    changed.loc[target.name, "matched_text"] = "Panjshir valley"
    out = reviews.apply_reviews(changed, reviews.load_reviews(path))
    assert (out["review"] == "unreviewed").all()


def test_the_latest_review_of_a_mention_wins_and_the_file_is_stable(rows, tmp_path):
    path = tmp_path / "reviews.csv"
    target = first(rows, "AF-PAN", "attack")
    other = first(rows, "AF-BGL", "attack")
    reviews.save_reviews(path, [reviews.review_of(target, reviews.NOT_A_MENTION)])
    reviews.save_reviews(path, [reviews.review_of(other, reviews.CONFIRMED)])
    reviews.save_reviews(path, [reviews.review_of(target, reviews.CONFIRMED, note="checked")])
    stored = reviews.load_reviews(path)
    assert len(stored) == 2
    assert stored["state"].tolist() == ["confirmed", "confirmed"]
    before = path.read_bytes()
    reviews.save_reviews(path, [reviews.review_of(other, reviews.CONFIRMED)])
    assert path.read_bytes() == before, "saving the same review again gives the same bytes"
    lines = before.decode().splitlines()
    assert lines[0] == ",".join(reviews.REVIEW_COLUMNS)
    assert lines[1:] == sorted(lines[1:], key=lambda line: line.split(",")[:2])


def test_notes_cannot_run_as_spreadsheet_formulas_and_read_back_as_written(rows, tmp_path):
    path = tmp_path / "reviews.csv"
    note = '=HYPERLINK("http://evil.example","x")\n+1\r\n@SUM(A1)\n-2 and <b>bold</b>'
    target = first(rows, "AF-PAN", "attack")
    reviews.save_reviews(path, [reviews.review_of(target, reviews.CONFIRMED, note=note)])
    text = path.read_text(encoding="utf-8")
    body = text.split("\n", 1)[1]
    for bad in ("=HYPERLINK", "+1", "@SUM", "-2"):
        assert f"\n{bad}" not in body and f'"{bad}' not in body and f",{bad}" not in body
    assert "'=HYPERLINK" in body and "\n'+1\n" in body and "\r" not in text
    stored = reviews.load_reviews(path)
    assert stored["note"].tolist() == [note.replace("\r\n", "\n")]


@pytest.mark.parametrize(
    ("review", "why"),
    [
        (Review("r", 1, 5, "Kabul", "liked"), "unknown review state"),
        (Review("r", 5, 5, "Kabul", "confirmed"), "bad span"),
        (Review("", 1, 5, "Kabul", "confirmed"), "needs the report id"),
        (Review("r", 1, 5, "Kabul", "confirmed", category="attack"), "only a correction"),
        (Review("r", 1, 5, "Kabul", "corrected", category="fight"), "unknown category"),
        (Review("r", 1, 5, "Kabul", "corrected", iso_3166_2="AF-XXX"), "province code"),
        (Review("r", 1, 5, "Kabul", "corrected", claimed_by="me"), "claimed_by"),
        (Review("r", 1, 5, "Kabul", "corrected", category="other", claimed_by="nrf"), "has no"),
        (Review("r", 1, 5, "Kabul", "corrected", year_from=2022), "both years"),
        (Review("r", 1, 5, "Kabul", "corrected", year_from=2023, year_to=2022), "after"),
        (Review("r", 1, 5, "Kabul", "corrected", year_from=20, year_to=2022), "between"),
        (Review("r", 1, 5, "Kabul", "confirmed", note="x" * 2001), "note is longer"),
    ],
)
def test_a_bad_review_is_refused_and_nothing_is_written(tmp_path, review, why):
    path = tmp_path / "reviews.csv"
    assert why in (reviews.problem(review) or "")
    with pytest.raises(ValueError):
        reviews.save_reviews(path, [Review("r", 0, 3, "Bam", "confirmed"), review])
    assert not path.exists()


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("r,1,5,Kabul,liked,,,,,,", "line 3: unknown review state"),
        ("r,x,5,Kabul,confirmed,,,,,,", "line 3: char_start must be a number"),
        ("r,1,5,Kabul,corrected,,AF-XXX,,,,", "line 3: unknown province code"),
        ("r,1,5,Kabul,corrected,,,,²⁰²²,,", "line 3: year_from must be a number"),
        ("r,0,3,Bam,confirmed,,,,,,", "line 3: a second review of the same mention"),
        ("r,1,5,Kabul,confirmed,,,", "line 3: 8 fields, expected 11"),
        ("r,1,5,Kabul,corrected,,,,2024,2022,", "line 3: year_from 2024 is after year_to 2022"),
    ],
)
def test_a_malformed_reviews_file_names_the_file_and_line(tmp_path, line, message):
    path = tmp_path / "reviews.csv"
    header = ",".join(reviews.REVIEW_COLUMNS)
    path.write_text(f"{header}\nr,0,3,Bam,confirmed,,,,,,\n{line}\n", encoding="utf-8")
    with pytest.raises(DataError, match=f"^{path}: {message}"):
        reviews.load_reviews(path)
    with pytest.raises(DataError):  # a broken file is never overwritten by a save
        reviews.save_reviews(path, [Review("s", 0, 3, "Bam", "confirmed")])
    assert line in path.read_text(encoding="utf-8")


def test_a_wrong_header_is_refused(tmp_path):
    path = tmp_path / "reviews.csv"
    path.write_text("source_id,state\nr,confirmed\n", encoding="utf-8")
    with pytest.raises(DataError, match="line 1: expected columns"):
        reviews.load_reviews(path)


def test_the_queue_puts_unreviewed_activity_first(rows, tmp_path):
    path = tmp_path / "reviews.csv"
    activity = rows[rows["category"] != "other"]
    done = activity.iloc[0]
    reviews.save_reviews(path, [reviews.review_of(done, reviews.CONFIRMED)])
    ordered = reviews.queue(reviews.apply_reviews(rows, reviews.load_reviews(path)))
    n_activity = len(activity) - 1
    assert (ordered["category"].iloc[:n_activity] != "other").all()
    assert (ordered["review"].iloc[:n_activity] == "unreviewed").all()
    assert (ordered["category"].iloc[n_activity:-1] == "other").all()
    assert ordered.index[-1] == done.name
    assert list(ordered.index[:n_activity]) == [i for i in activity.index if i != done.name]


def test_applying_reviews_to_half_a_million_rows_is_fast(rows, tmp_path):
    copies = np.arange(500_000) // len(rows)
    big = rows.iloc[np.arange(500_000) % len(rows)].reset_index(drop=True)
    big["char_start"] += copies * 10_000  # each copy's spans elsewhere in its report
    big["char_end"] += copies * 10_000
    sample = big.sample(n=2000, random_state=1)
    path = tmp_path / "reviews.csv"
    moved = "AF-BAM"
    reviews.save_reviews(
        path,
        [reviews.review_of(r, reviews.CORRECTED, iso_3166_2=moved) for _, r in sample.iterrows()],
    )
    stored = reviews.load_reviews(path)
    start = time.monotonic()
    out = reviews.apply_reviews(big, stored)
    elapsed = time.monotonic() - start
    assert set(out.index[out["iso_3166_2"] == moved]) == set(sample.index)
    assert elapsed < 5.0, f"applying 2,000 reviews to 500,000 rows took {elapsed:.1f} s"


def test_a_correction_may_name_a_province_and_claimant_no_row_of_the_table_holds(
    paths, tmp_path
):
    # The loader keeps repeated text as categoricals, which take no value they do not hold.
    table = tmp_path / "activity.csv"
    lines = paths["sample"].read_text(encoding="utf-8").splitlines(keepends=True)
    table.write_text("".join(lines[:2]), encoding="utf-8")  # one Panjshir attack, by the NRF
    rows = data.load_activity(table)
    assert set(rows["iso_3166_2"]) == {"AF-PAN"} and set(rows["claimed_by"]) == {"nrf"}
    path = tmp_path / "reviews.csv"
    reviews.save_reviews(path, [reviews.review_of(
        rows.iloc[0], reviews.CORRECTED, iso_3166_2="AF-HER", claimed_by="taliban",
        category="presence",
    )])  # fmt: skip
    row = reviews.apply_reviews(rows, reviews.load_reviews(path)).iloc[0]
    assert (row["iso_3166_2"], row["province"]) == ("AF-HER", "Herat")
    assert (row["claimed_by"], row["category"]) == ("taliban", "presence")
