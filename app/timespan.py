"""Honest time: rows dated inside the selected years, and statements that reach beyond them.

"Since 2021 the NRF has attacked in 20 provinces", in a 2024 report, covers 2021–2024. With
2023 selected it overlaps the selection but is not evidence *of 2023*: counting it in the
shade made one sentence colour twenty provinces for every year. So only rows whose years lie
wholly inside the selection colour the map; the others are shown apart (an outline on the
map, named in the tooltip, legend and evidence), and can be hidden.
"""

from __future__ import annotations

import pandas as pd

Years = tuple[int, int]


def inside_mask(rows: pd.DataFrame, years: Years) -> pd.Series:
    """True for rows whose year_from..year_to lies within the selected years."""
    low, high = years
    return (rows["year_from"] >= low) & (rows["year_to"] <= high)


def split(rows: pd.DataFrame, years: Years) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(rows dated inside the years, rows reaching beyond them) of already-picked rows."""
    inside = inside_mask(rows, years)
    return rows.loc[inside], rows.loc[~inside]


def years_text(years: Years) -> str:
    """'2023' or '2021–2024'."""
    low, high = years
    return str(low) if low == high else f"{low}–{high}"


def spans_by_province(beyond: pd.DataFrame) -> dict[str, list[tuple[Years, int]]]:
    """Per ISO code, each year span of the statements there with how many statements (a
    statement is one sentence of one report), widest span first."""
    if beyond.empty:
        return {}
    statements = beyond.drop_duplicates(["iso_3166_2", "source_id", "evidence", "year_from",
                                         "year_to"])
    counts = statements.groupby(["iso_3166_2", "year_from", "year_to"]).size()
    spans: dict[str, list[tuple[Years, int]]] = {}
    for (code, low, high), n in counts.items():
        spans.setdefault(code, []).append(((int(low), int(high)), int(n)))
    for entries in spans.values():
        entries.sort(key=lambda e: (e[0][0] - e[0][1], e[0]))
    return spans
