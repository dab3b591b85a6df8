"""What the user selected, how it picks rows, and how it travels in the URL.

A row counts when its year_from..year_to overlaps the selected years: a statement dated
2021-2023 is evidence for 2022. The multi-year control drops such statements when the user
wants only activity dated to one year ("since 2021 the NRF attacked in 20 provinces" says
nothing about which year).

The URL carries only what differs from the defaults, so a plain link stays short; decoding
treats every parameter as untrusted and falls back to the default for anything it cannot use.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import pandas as pd

from etl.model import ACTIVITY_CATEGORIES, CATEGORIES, NRF_FOUNDED
from etl.provinces import ISO_CODES

YEAR_MIN = NRF_FOUNDED
YEAR_MAX = 2024
MEASURES: tuple[str, ...] = ("reports", "mentions")

# Query parameter names. A list parameter present with one empty value means "none selected".
P_YEARS = "years"
P_SINGLE = "single"
P_CATEGORIES = "cat"
P_SOURCES = "src"
P_REPORTS = "rep"
P_MEASURE = "measure"
P_PROVINCE = "prov"
EMPTY = ""


@dataclass(frozen=True)
class Filters:
    """The dashboard's state: everything that decides which rows count and how."""

    years: tuple[int, int] = (YEAR_MIN, YEAR_MAX)
    single_year_only: bool = False
    categories: tuple[str, ...] = ACTIVITY_CATEGORIES
    sources: tuple[str, ...] = ()
    reports: tuple[str, ...] = ()
    measure: str = "reports"
    province: str | None = None


def options(rows: pd.DataFrame) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The publishers and report ids the user can choose from, in a stable order."""
    sources = tuple(sorted(rows["source"].unique()))
    reports = tuple(sorted(rows["source_id"].unique()))
    return sources, reports


def report_labels(rows: pd.DataFrame) -> dict[str, str]:
    """A readable label per report id: title, publisher and date (titles alone may repeat)."""
    first = rows.drop_duplicates("source_id").set_index("source_id")
    return {
        sid: f"{r.title} — {r.source}, {r.published}" if r.title else f"{sid} — {r.source}"
        for sid, r in first.iterrows()
    }


def default_filters(sources: Sequence[str], reports: Sequence[str]) -> Filters:
    """Defaults: all years, multi-year statements counted, attack and presence, everything."""
    return Filters(sources=tuple(sources), reports=tuple(reports))


def to_widgets(filters: Filters) -> dict[str, object]:
    """Widget values (by widget key) that show these filters."""
    return {
        "years": filters.years,
        "multi_year": not filters.single_year_only,
        "categories": list(filters.categories),
        "sources": list(filters.sources),
        "reports": list(filters.reports),
        "measure": filters.measure,
        "province": filters.province,
    }


def from_widgets(state: Mapping[str, object]) -> Filters:
    """The filters the widgets (by key, as in st.session_state) currently show."""
    low, high = state["years"]  # type: ignore[misc]
    return Filters(
        years=(int(low), int(high)),
        single_year_only=not state["multi_year"],
        categories=tuple(state["categories"]),  # type: ignore[arg-type]
        sources=tuple(state["sources"]),  # type: ignore[arg-type]
        reports=tuple(state["reports"]),  # type: ignore[arg-type]
        measure=str(state["measure"]),
        province=state.get("province") or None,  # type: ignore[arg-type]
    )


def known_choices(state: Mapping[str, object], defaults: Filters) -> dict[str, list[str]]:
    """The source and report selections restricted to what the table offers now."""
    return {
        key: [v for v in state.get(key) or [] if v in allowed]  # type: ignore[union-attr]
        for key, allowed in (("sources", defaults.sources), ("reports", defaults.reports))
    }


def apply_filters(rows: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The rows that match; an empty selection anywhere simply matches nothing."""
    low, high = filters.years
    keep = (rows["year_from"] <= high) & (rows["year_to"] >= low)
    if filters.single_year_only:
        keep &= rows["year_from"] == rows["year_to"]
    keep &= rows["category"].isin(filters.categories)
    keep &= rows["source"].isin(filters.sources)
    keep &= rows["source_id"].isin(filters.reports)
    return rows.loc[keep]


def encode_query(filters: Filters, defaults: Filters) -> dict[str, str | list[str]]:
    """Query parameters for the filters, omitting whatever equals the default."""
    params: dict[str, str | list[str]] = {}
    if filters.years != defaults.years:
        low, high = filters.years
        params[P_YEARS] = str(low) if low == high else f"{low}-{high}"
    if filters.single_year_only:
        params[P_SINGLE] = "1"
    for name, chosen, default in (
        (P_CATEGORIES, filters.categories, defaults.categories),
        (P_SOURCES, filters.sources, defaults.sources),
        (P_REPORTS, filters.reports, defaults.reports),
    ):
        if set(chosen) != set(default):
            params[name] = list(chosen) if chosen else EMPTY
    if filters.measure != defaults.measure:
        params[P_MEASURE] = filters.measure
    if filters.province:
        params[P_PROVINCE] = filters.province
    return params


def decode_query(params: Mapping[str, Sequence[str]], defaults: Filters) -> Filters:
    """Filters from query parameters (each key -> all its values); bad values -> defaults."""

    def values(name: str) -> list[str]:
        found = params.get(name) or []
        return [found] if isinstance(found, str) else [str(v) for v in found]

    result = defaults
    years = _decode_years(values(P_YEARS))
    if years is not None:
        result = replace(result, years=years)
    single = values(P_SINGLE)
    if single:
        single_only = single[-1].strip().lower() in ("1", "true", "yes")
        result = replace(result, single_year_only=single_only)
    for name, field, allowed in (
        (P_CATEGORIES, "categories", CATEGORIES),
        (P_SOURCES, "sources", defaults.sources),
        (P_REPORTS, "reports", defaults.reports),
    ):
        chosen = _decode_choice(values(name), allowed)
        if chosen is not None:
            result = replace(result, **{field: chosen})
    measure = values(P_MEASURE)
    if measure and measure[-1] in MEASURES:
        result = replace(result, measure=measure[-1])
    province = values(P_PROVINCE)
    if province and province[-1] in ISO_CODES:
        result = replace(result, province=province[-1])
    return result


def _decode_years(values: list[str]) -> tuple[int, int] | None:
    """'2022' or '2021-2023' within the timeline; anything else is ignored (None)."""
    if not values:
        return None
    parts = values[-1].strip().split("-")
    if len(parts) not in (1, 2) or not all(p.strip().isdigit() for p in parts):
        return None
    low, high = int(parts[0]), int(parts[-1])
    if not YEAR_MIN <= low <= high <= YEAR_MAX:
        return None
    return low, high


def _decode_choice(values: list[str], allowed: Sequence[str]) -> tuple[str, ...] | None:
    """The allowed values named, in the allowed order; one empty value means none chosen.

    None (use the default) when the parameter is absent or names nothing we know, so a link
    made for an older table does not open on an empty page.
    """
    if not values:
        return None
    if values == [EMPTY]:
        return ()
    wanted = set(values)
    chosen = tuple(v for v in allowed if v in wanted)
    return chosen or None
