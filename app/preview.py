"""The filtered rows as a short HTML table: the first rows and how many there are in all.

Streamlit's data grid loads 1.2 MB of JavaScript before the map's and was sent the whole
table on every rerun (100k rows: seconds). The page shows a bounded preview instead; the
download holds every filtered row. Every cell comes from reports or the catalog and is
escaped.
"""

from __future__ import annotations

import html

import pandas as pd

PREVIEW_ROWS = 50
# The columns a reader scans; the download has all of etl.model.COLUMNS.
PREVIEW_COLUMNS: tuple[str, ...] = (
    "province", "category", "year_from", "year_to", "claimed_by", "place", "source", "title",
    "published", "evidence",
)  # fmt: skip
# Shown when reviews were applied (app.reviews): whether a person checked the row, and why.
REVIEW_COLUMNS: tuple[str, ...] = ("review", "review_note")


def preview_caption(total: int, shown: int) -> str:
    """What the preview holds, e.g. 'Showing the first 50 of 1,234 rows.'"""
    rows = "row" if total == 1 else "rows"
    if shown >= total:
        return f"Showing all {total:,} {rows}."
    return f"Showing the first {shown:,} of {total:,} {rows}; the download holds them all."


def preview_html(rows: pd.DataFrame, limit: int = PREVIEW_ROWS) -> str:
    """The first `limit` rows (PREVIEW_COLUMNS) as an escaped table, with its caption."""
    head = rows.head(limit)
    columns = [*PREVIEW_COLUMNS, *(c for c in REVIEW_COLUMNS if c in rows.columns)]
    header = "".join(f"<th>{html.escape(column)}</th>" for column in columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(cell))}</td>" for cell in record) + "</tr>"
        for record in head.loc[:, columns].itertuples(index=False)
    )
    caption = html.escape(preview_caption(len(rows), len(head)))
    return (
        '<div class="nrf-preview" style="max-height:420px;overflow:auto;font-size:0.85em">'
        f'<p class="nrf-preview-count">{caption}</p>'
        '<table style="border-collapse:collapse"><thead><tr>'
        f"{header}</tr></thead><tbody>{body}</tbody></table></div>"
    )
