"""Human reviews of extracted rows: stored apart from the table, applied when it is loaded.

A review confirms a row, corrects it (category, province, claimed_by, years) or marks it
"not a mention", with an optional note. It is keyed by what identifies the mention whatever
the row order: the report id and the matched span (char_start, char_end, matched_text). A
rebuilt table that finds the same span again gets the same review; a review whose span is no
longer found is an orphan, listed by the dashboard rather than dropped.

The file (data/reviews.csv, or NRF_REVIEWS) is written the way every shared file is: under an
exclusive lock (etl.filelock) so two editors lose nothing, replaced atomically (etl.atomic) so
a crash leaves it whole, rows sorted by key so the same reviews give the same bytes, and every
cell spreadsheet-safe (etl.spreadsheet). Applying reviews is vectorised: one index lookup for
the whole table, whatever its size.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import astuple, dataclass, fields
from pathlib import Path

import numpy as np
import pandas as pd

from app.data import PROJECT_ROOT, DataError, _env_path
from etl.atomic import atomic_file
from etl.filelock import locked
from etl.model import ACTIVITY_CATEGORIES, CATEGORIES, CLAIMANTS
from etl.provinces import BY_ISO, ISO_CODES
from etl.spreadsheet import protect_cell, unprotect_cell

DEFAULT_REVIEWS = PROJECT_ROOT / "data" / "reviews.csv"
KEY: tuple[str, ...] = ("source_id", "char_start", "char_end", "matched_text")
# What a correction may change, as the table's columns; province follows iso_3166_2.
CORRECTABLE: tuple[str, ...] = ("category", "iso_3166_2", "claimed_by", "year_from", "year_to")
REVIEW_COLUMNS: tuple[str, ...] = (*KEY, "state", *CORRECTABLE, "note")
CONFIRMED, CORRECTED, NOT_A_MENTION, UNREVIEWED = (
    "confirmed", "corrected", "not_a_mention", "unreviewed"
)  # fmt: skip
STATES: tuple[str, ...] = (CONFIRMED, CORRECTED, NOT_A_MENTION)
STATE_LABELS: dict[str, str] = {
    UNREVIEWED: "unreviewed",
    CONFIRMED: "confirmed",
    CORRECTED: "corrected",
    NOT_A_MENTION: "not a mention",
}
# What the map counts unless the reader asks otherwise: rows a reviewer rejected do not.
DEFAULT_SHOWN: tuple[str, ...] = (UNREVIEWED, CONFIRMED, CORRECTED)
# Columns the reviewed table carries after the table's own: the review state and note, and
# the extracted value of every column a correction may change.
EXTRACTED: tuple[str, ...] = ("province", *CORRECTABLE)
ADDED_COLUMNS: tuple[str, ...] = (
    "review", "review_note", *(f"extracted_{column}" for column in EXTRACTED)
)  # fmt: skip
MAX_NOTE_CHARS = 2000
_YEARS = range(1900, 2101)
_INT_COLUMNS = ("char_start", "char_end")
_NUMBER = re.compile(r"[0-9]{1,9}")
_YEAR_COLUMNS = ("year_from", "year_to")


@dataclass(frozen=True)
class Review:
    """One reviewer's verdict on one mention; empty corrected fields keep the extracted value."""

    source_id: str
    char_start: int
    char_end: int
    matched_text: str
    state: str
    category: str = ""
    iso_3166_2: str = ""
    claimed_by: str = ""
    year_from: int | None = None
    year_to: int | None = None
    note: str = ""


def reviews_path() -> Path:
    """Where reviews are kept (NRF_REVIEWS, else data/reviews.csv)."""
    return _env_path("NRF_REVIEWS", DEFAULT_REVIEWS)


def problem(review: Review) -> str | None:
    """Why the review cannot be stored, or None when it can."""
    if review.state not in STATES:
        return f"unknown review state {review.state!r}"
    if not review.source_id or not review.matched_text:
        return "a review needs the report id and the matched words"
    if not 0 <= review.char_start < review.char_end:
        return f"bad span {review.char_start}:{review.char_end}"
    if len(review.note) > MAX_NOTE_CHARS:
        return f"the note is longer than {MAX_NOTE_CHARS:,} characters"
    changes = (review.category, review.iso_3166_2, review.claimed_by)
    years = (review.year_from, review.year_to)
    if review.state != CORRECTED:
        return None if not any(changes) and years == (None, None) else (
            "only a correction carries corrected values"
        )
    return _correction_problem(review)


def _correction_problem(review: Review) -> str | None:
    if review.category not in ("", *CATEGORIES):
        return f"unknown category {review.category!r}"
    if review.iso_3166_2 not in ("", *ISO_CODES):
        return f"unknown province code {review.iso_3166_2!r}"
    if review.claimed_by not in ("", *CLAIMANTS):
        return f"unknown claimed_by {review.claimed_by!r}"
    if review.category == "other" and review.claimed_by:
        return "a row that is not NRF activity (other) has no claimed_by"
    years = (review.year_from, review.year_to)
    if (years[0] is None) != (years[1] is None):
        return "give both years or neither"
    if years[0] is not None and not (years[0] in _YEARS and years[1] in _YEARS):
        return f"years must be between {_YEARS.start} and {_YEARS.stop - 1}"
    if years[0] is not None and years[0] > years[1]:
        return f"year_from {years[0]} is after year_to {years[1]}"
    return None


def load_reviews(path: Path) -> pd.DataFrame:
    """The stored reviews (REVIEW_COLUMNS; offsets int64, years Int64 with <NA> for none); an
    absent file is no reviews. A malformed file is a DataError naming the file and line."""
    stored = list(read_reviews(path).values())
    frame = pd.DataFrame([astuple(r) for r in stored], columns=list(REVIEW_COLUMNS), dtype=object)
    for column in _INT_COLUMNS:
        frame[column] = frame[column].astype("int64")
    for column in _YEAR_COLUMNS:
        frame[column] = frame[column].astype("Int64")
    for column in set(REVIEW_COLUMNS) - {*_INT_COLUMNS, *_YEAR_COLUMNS}:
        frame[column] = frame[column].astype(str)
    return frame


def read_reviews(path: Path) -> dict[tuple[str, int, int, str], Review]:
    """The stored reviews by mention key, in file order; each checked like a new one."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            lines = list(csv.reader(handle))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise DataError(f"{path}: cannot read: {exc}") from exc
    if not lines:
        raise DataError(f"{path}: line 1: the file is empty; expected the header line")
    if tuple(lines[0]) != REVIEW_COLUMNS:
        raise DataError(
            f"{path}: line 1: expected columns {', '.join(REVIEW_COLUMNS)}; "
            f"got {', '.join(lines[0])}"
        )
    stored: dict[tuple[str, int, int, str], Review] = {}
    for number, cells in enumerate(lines[1:], start=2):
        review = _parsed(path, number, cells)
        key = _key(review)
        if key in stored:
            raise DataError(f"{path}: line {number}: a second review of the same mention")
        stored[key] = review
    return stored


def _parsed(path: Path, line: int, cells: list[str]) -> Review:
    """One stored row as a Review, or a DataError naming the line."""
    if len(cells) != len(REVIEW_COLUMNS):
        raise DataError(f"{path}: line {line}: {len(cells)} fields, expected {len(REVIEW_COLUMNS)}")
    values = dict(zip(REVIEW_COLUMNS, map(unprotect_cell, cells), strict=True))
    for column in (*_INT_COLUMNS, *_YEAR_COLUMNS):
        value = values[column]
        if value and not _NUMBER.fullmatch(value):
            raise DataError(f"{path}: line {line}: {column} must be a number, got {value!r}")
    if not values["char_start"] or not values["char_end"]:
        raise DataError(f"{path}: line {line}: char_start and char_end must be numbers")
    review = Review(**{
        **values,
        **{c: int(values[c]) for c in _INT_COLUMNS},
        **{c: int(values[c]) if values[c] else None for c in _YEAR_COLUMNS},
    })  # fmt: skip
    why = problem(review)
    if why is not None:
        raise DataError(f"{path}: line {line}: {why}")
    return review


def save_reviews(path: Path, reviews: Iterable[Review]) -> None:
    """Add or replace reviews (one per mention: the latest wins), under the lock, atomically.

    Every review is checked first: a bad one raises ValueError and nothing is written.
    """
    reviews = list(reviews)
    for review in reviews:
        why = problem(review)
        if why is not None:
            raise ValueError(f"review of {review.matched_text!r} in {review.source_id}: {why}")
    with locked(path):
        stored = read_reviews(path)
        stored.update((_key(review), review) for review in reviews)
        with atomic_file(path) as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(REVIEW_COLUMNS)
            writer.writerows(map(_cells, (stored[key] for key in sorted(stored))))


def _cells(review: Review) -> list[object]:
    return [protect_cell("" if value is None else str(value)) for value in astuple(review)]


def _key(review: Review) -> tuple[str, int, int, str]:
    return review.source_id, review.char_start, review.char_end, review.matched_text


def review_of(row: pd.Series, state: str, note: str = "", **corrected: object) -> Review:
    """A review of one table row (its key taken from the row)."""
    names = {field.name for field in fields(Review)}
    unknown = set(corrected) - names
    if unknown:
        raise TypeError(f"not a correctable field: {sorted(unknown)}")
    return Review(
        source_id=str(row["source_id"]),
        char_start=int(row["char_start"]),
        char_end=int(row["char_end"]),
        matched_text=str(row["matched_text"]),
        state=state,
        note=note,
        **corrected,  # type: ignore[arg-type]
    )


def apply_reviews(table: pd.DataFrame, reviews: pd.DataFrame) -> pd.DataFrame:
    """The table with reviewed values in its own columns, plus ADDED_COLUMNS (state, note and
    the extracted values). Rows and their order are unchanged; "not a mention" rows stay, with
    that state, for the state filter to drop."""
    out = table.copy()
    out["review"], out["review_note"] = UNREVIEWED, ""
    for column in EXTRACTED:
        out[f"extracted_{column}"] = table[column]
    found = _positions(table, reviews)
    hit = found >= 0
    if not hit.any():
        return out
    out.loc[hit, "review"] = reviews["state"].to_numpy(dtype=object)[found[hit]]
    out.loc[hit, "review_note"] = reviews["note"].to_numpy(dtype=object)[found[hit]]
    corrected = hit & (out["review"].to_numpy() == CORRECTED)
    for column in CORRECTABLE:
        given = reviews[column].astype(object).where(reviews[column].notna(), "").to_numpy()
        values = np.where(corrected, given[found], "")
        use = values != ""
        if use.any():
            chosen = values[use]
            out.loc[use, column] = chosen.astype("int64") if column in _YEAR_COLUMNS else chosen
    out.loc[out["category"] == "other", "claimed_by"] = ""
    changed = out["iso_3166_2"] != table["iso_3166_2"]
    out.loc[changed, "province"] = out.loc[changed, "iso_3166_2"].map(_NAMES)
    return out


_NAMES = {code: province.name for code, province in BY_ISO.items()}


def _positions(table: pd.DataFrame, reviews: pd.DataFrame) -> np.ndarray:
    """For each table row, the position of its review in reviews, or -1."""
    if reviews.empty or table.empty:
        return np.full(len(table), -1)
    index = pd.MultiIndex.from_frame(reviews.loc[:, list(KEY)])
    return index.get_indexer(pd.MultiIndex.from_frame(table.loc[:, list(KEY)]))


def orphans(table: pd.DataFrame, reviews: pd.DataFrame) -> pd.DataFrame:
    """Reviews whose mention the table no longer holds (the report changed or went away)."""
    if reviews.empty:
        return reviews
    held = pd.MultiIndex.from_frame(table.loc[:, list(KEY)])
    return reviews.loc[~pd.MultiIndex.from_frame(reviews.loc[:, list(KEY)]).isin(held)]


def with_states(rows: pd.DataFrame, states: Iterable[str]) -> pd.DataFrame:
    """The rows whose review state is one of states (unreviewed included by name)."""
    return rows.loc[rows["review"].isin(list(states))]


def queue(rows: pd.DataFrame) -> pd.DataFrame:
    """Rows in review order: unreviewed activity first, then unreviewed other, then reviewed;
    within each, in table order (report, then position in the report)."""
    unreviewed = rows["review"] == UNREVIEWED
    rank = np.select(
        [unreviewed & rows["category"].isin(ACTIVITY_CATEGORIES), unreviewed], [0, 1], 2
    )
    return rows.iloc[np.argsort(rank, kind="stable")]
