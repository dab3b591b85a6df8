"""The numbers the map and charts show, computed from the filtered rows.

Two measures: the number of distinct reports that describe activity in a province (the
default, because one long report naming Panjshir forty times is still one witness) and the
number of mentions (rows). Colour classes are fixed from the default view (all years, attack
and presence, every source), not the current selection, so a province's colour means the same
count whatever the timeline says: moving the slider then shows change instead of re-stretching
the scale. The top class is open-ended for selections that count more (e.g. adding 'other').
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from etl.provinces import BY_ISO

MEASURE_LABELS: dict[str, str] = {
    "reports": "reports describing activity",
    "mentions": "mentions",
}
N_CLASSES = 5


def measure_choice(measure: str) -> str:
    """The measure as the page offers it: 'Reports describing activity'."""
    return MEASURE_LABELS[measure].capitalize()


def province_values(rows: pd.DataFrame, measure: str) -> dict[str, int]:
    """Measure per ISO code, only for provinces with at least one matching row."""
    if rows.empty:
        return {}
    grouped = rows.groupby("iso_3166_2")
    counts = grouped["source_id"].nunique() if measure == "reports" else grouped.size()
    return {code: int(n) for code, n in counts.items() if n > 0}


def per_year(rows: pd.DataFrame, years: tuple[int, int], measure: str) -> pd.DataFrame:
    """Activity per selected year: a row counts in every year its year range covers.

    With the 'reports' measure a report counts once per year it has any matching row for;
    with 'mentions' each row counts once per year it covers.
    """
    low, high = years
    start, end = rows["year_from"].to_numpy(), rows["year_to"].to_numpy()
    reports, ids = pd.factorize(rows["source_id"])  # numbers, not text: array ops a year
    counts = []
    for year in range(low, high + 1):
        covering = (start <= year) & (end >= year)
        n = (
            np.count_nonzero(np.bincount(reports[covering], minlength=len(ids)))
            if measure == "reports" else covering.sum()
        )  # fmt: skip
        counts.append({"year": str(year), "count": int(n)})
    return pd.DataFrame(counts, columns=["year", "count"])


def ranking(values: dict[str, int]) -> pd.DataFrame:
    """Provinces with activity, highest first, ties by name so the order is stable."""
    table = pd.DataFrame(
        [(BY_ISO[code].name, code, n) for code, n in values.items()],
        columns=["province", "iso_3166_2", "count"],
    )
    return table.sort_values(["count", "province"], ascending=[False, True], ignore_index=True)


def class_breaks(reference: dict[str, int], n_classes: int = N_CLASSES) -> list[int]:
    """Lower bounds of up to n classes of positive counts, the first always 1.

    Few distinct values get one class each; otherwise the bounds are quantiles of the
    reference values, so classes hold similar numbers of provinces. The top class is open.
    """
    distinct = sorted({n for n in reference.values() if n > 0})
    if len(distinct) <= n_classes:
        return distinct or [1]
    series = pd.Series(sorted(reference.values()))
    bounds = {1}
    for k in range(1, n_classes):
        bounds.add(int(series.quantile(k / n_classes, interpolation="higher")))
    return sorted(b for b in bounds if b >= 1)


def class_of(value: int, breaks: list[int]) -> int | None:
    """Index of the class holding value; None for 0 (no matching activity)."""
    if value <= 0:
        return None
    index = 0
    for i, low in enumerate(breaks):
        if value >= low:
            index = i
    return index


def class_labels(breaks: list[int]) -> list[str]:
    """Legend text per class: '1', '2–3', '8 or more'."""
    labels = []
    for i, low in enumerate(breaks):
        if i == len(breaks) - 1:
            labels.append(f"{low} or more")
        else:
            high = breaks[i + 1] - 1
            labels.append(str(low) if high == low else f"{low}–{high}")
    return labels
