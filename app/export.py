"""The CSV users download: exactly the filtered rows, safe to open in a spreadsheet.

Report text is untrusted; every text cell goes through etl.spreadsheet.protect_cell, the
same rule the ETL writes the table with: CR/CRLF inside a cell become LF (a lone CR would
otherwise split the cell into new rows), and each line a spreadsheet would run as a formula
gets a leading single quote.
"""

from __future__ import annotations

import pandas as pd

from app.filters import Filters
from etl.model import COLUMNS
from etl.spreadsheet import protect_cell


def to_csv_bytes(rows: pd.DataFrame) -> bytes:
    """UTF-8 CSV of the rows in the table's column order, text cells protected."""
    table = rows.loc[:, list(COLUMNS)].copy()
    for column in table.columns:
        if table[column].dtype == object or pd.api.types.is_string_dtype(table[column]):
            table[column] = table[column].map(protect_cell)
    return table.to_csv(index=False, lineterminator="\n").encode("utf-8")

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
    if set(filters.reports) != set(defaults.reports):
        parts.append(f"{len(filters.reports)}-reports")
    return "_".join(parts) + ".csv"
