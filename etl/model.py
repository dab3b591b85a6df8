"""The tidy table's shape, shared by the extractor, the CLI and the app.

Column order is part of the published format (users diff and script against the CSV), so it
is fixed here once and every writer and reader takes it from this module.
"""

from __future__ import annotations

from dataclasses import dataclass

CATEGORIES: tuple[str, ...] = ("attack", "presence", "other")
ACTIVITY_CATEGORIES: tuple[str, ...] = ("attack", "presence")
# Who an activity row rests on: the NRF's own word, Taliban officials', or anyone else's.
CLAIMANTS: tuple[str, ...] = ("nrf", "taliban", "third_party")

COLUMNS: tuple[str, ...] = (
    "source_id",
    "source",
    "title",
    "published",
    "province",
    "iso_3166_2",
    "category",
    "year_from",
    "year_to",
    "matched_text",
    "char_start",
    "char_end",
    "evidence",
    "author",
    "url",
    "claimed_by",
    "place",
)
# The columns that hold whole numbers; every other column is text.
INT_COLUMNS: tuple[str, ...] = ("year_from", "year_to", "char_start", "char_end")
Row = tuple[str | int, ...]  # a table row in COLUMNS order, as etl.pipeline makes it


@dataclass(frozen=True)
class ReportMeta:
    """What the catalog says about one report; published is 'YYYY-MM' or 'YYYY-MM-DD'."""

    source_id: str
    source: str
    title: str
    author: str
    published: str
    url: str


# The NRF was founded when the Taliban took Kabul (August 2021): no NRF activity is older.
NRF_FOUNDED = 2021


@dataclass(frozen=True)
class Mention:
    """One mention of a province in a report, with the sentence that carries it.

    char_start/char_end index the report text exactly as read (after decoding), so
    text[char_start:char_end] == matched_text always holds.
    """

    province: str
    iso_3166_2: str
    category: str
    year_from: int
    year_to: int
    matched_text: str
    char_start: int
    char_end: int
    evidence: str
    claimed_by: str = ""  # nrf, taliban or third_party for activity; "" for other
    place: str = ""  # the place inside the province that matched; "" for the province's name
