"""The CSV users download: exactly the filtered rows, safe to open in a spreadsheet.

Report text is untrusted; every text cell goes through etl.spreadsheet.protect_cell, the
same rule the ETL writes the table with: CR/CRLF inside a cell become LF (a lone CR would
otherwise split the cell into new rows), and each line a spreadsheet would run as a formula
gets a leading single quote.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from app.filters import Filters, apply_filters
from app.focus import only_province
from app.reviews import ADDED_COLUMNS, with_states
from etl.model import COLUMNS
from etl.spreadsheet import protect_cell


def columns_of(rows: pd.DataFrame) -> list[str]:
    """The table's columns, then the review columns (state, note, extracted values) when the
    rows carry them (app.reviews.apply_reviews)."""
    return [*COLUMNS, *(column for column in ADDED_COLUMNS if column in rows.columns)]


def to_csv_bytes(rows: pd.DataFrame) -> bytes:
    """UTF-8 CSV of the rows in the table's column order (reviews after), text cells protected."""
    table = rows.loc[:, columns_of(rows)].copy()
    for column in table.columns:
        if table[column].dtype == object or pd.api.types.is_string_dtype(table[column]):
            table[column] = table[column].map(protect_cell)
    return table.to_csv(index=False, lineterminator="\n").encode("utf-8")

def filtered_csv_bytes(
    rows: pd.DataFrame,
    filters: Filters,
    states: Iterable[str] | None = None,
    province: str | None = None,
) -> bytes:
    """The download for these filters (review states, and the province the table follows),
    made from the whole table when the user clicks, so the page keeps no second copy of the
    filtered rows while nobody does (500k rows: 280 MB)."""
    chosen = apply_filters(rows, filters)
    if states is not None:
        chosen = with_states(chosen, states)
    return to_csv_bytes(only_province(chosen, province))


def file_name(filters: Filters, defaults: Filters, province: str | None = None) -> str:
    """A name that says what was filtered, e.g. nrf_activity_2021-2024_attack-presence.csv;
    `province` (an ISO code) when the download follows the chosen province."""
    low, high = filters.years
    parts = ["nrf_activity", str(low) if low == high else f"{low}-{high}"]
    if province:
        parts.append(province)
    parts.append("-".join(filters.categories) if filters.categories else "no-category")
    if not filters.spanning:
        parts.append("dated-only")
    if set(filters.claims) != set(defaults.claims):
        parts.append("claimed-" + ("-".join(filters.claims) or "none"))
    if set(filters.sources) != set(defaults.sources):
        parts.append(f"{len(filters.sources)}-sources")
    if filters.excluded_reports:
        parts.append(f"{len(filters.excluded_reports)}-reports-left-out")
    return "_".join(parts) + ".csv"
