"""The words around the numbers: '1 report', '3 reports dated 2023', what a colour counts.

One place for them, so the tooltip, legend, charts and evidence say the same thing and a
singular is never a plural ('1 reports').
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from app.timespan import Years, years_text
from etl.model import ACTIVITY_CATEGORIES
from etl.provinces import BY_ISO

NOUNS: dict[str, tuple[str, str]] = {
    "reports": ("report", "reports"),
    "mentions": ("mention", "mentions"),
}
MAX_SPANS = 3  # a tooltip names at most this many year spans, then says how many more


def plural(n: int, singular: str, many: str) -> str:
    """'1 statement', '2 statements'."""
    return f"{n} {singular if n == 1 else many}"


def count_phrase(n: int, measure: str) -> str:
    """'1 report', '3 mentions'."""
    singular, many = NOUNS.get(measure, (measure, measure))
    return plural(n, singular, many)


def province_choice(values: Mapping[str, int], code: str) -> str:
    """A province as the picker offers it, with its count: 'Panjshir (4)'."""
    return f"{BY_ISO[code].name} ({values.get(code, 0)})"


def what_is_counted(categories: Sequence[str]) -> str:
    """What the rows being counted say, by category: only 'attack'/'presence' rows describe
    NRF activity; 'other' rows merely mention the province."""
    activity = [c for c in categories if c in ACTIVITY_CATEGORIES]
    if not activity:
        return "mentioning the province (not as NRF activity)"
    if len(activity) < len(categories):
        return "describing NRF activity or mentioning the province"
    return "describing NRF activity"


def unit_label(measure: str, categories: Sequence[str]) -> str:
    """Axis and legend unit: 'reports describing NRF activity'."""
    return f"{NOUNS.get(measure, (measure, measure))[1]} {what_is_counted(categories)}"


def spans_phrase(spans: Sequence[tuple[Years, int]]) -> str:
    """'1 statement spanning 2021–2024; 2 statements spanning 2022–2025'."""
    parts = [
        f"{plural(n, 'statement', 'statements')} spanning {years_text(span)}"
        for span, n in spans[:MAX_SPANS]
    ]
    if len(spans) > MAX_SPANS:
        parts.append(f"{len(spans) - MAX_SPANS} more year spans")
    return "; ".join(parts)


def province_label(value: int, spans: Sequence[tuple[Years, int]], years: Years,
                   measure: str) -> str:
    """The tooltip's account of a province: '3 reports dated 2023; 1 statement spanning
    2021–2024', saying when only the statements beyond the years (not counted) are there."""
    dated = years_text(years)
    if value:
        head = f"{count_phrase(value, measure)} dated {dated}"
    elif spans:
        head = f"nothing dated {dated} (not coloured)"
    else:
        return f"no matching activity dated {dated}"
    return f"{head}; {spans_phrase(spans)}" if spans else head
