"""Who claims it: the NRF's own word, the Taliban's, or a third party's.

An NRF statement, a Taliban denial and a UN tally are different kinds of evidence; the
table's `claimed_by` says which one an activity row rests on ('other' rows have none). These
functions count by claimant so the tooltip, the detail panel and its chart can say so.
"""

from __future__ import annotations

import pandas as pd

from app.aggregate import per_year
from etl.model import CLAIMANTS

CLAIM_LABELS: dict[str, str] = {"nrf": "NRF", "taliban": "Taliban", "third_party": "third party"}
NO_CLAIM = "no claimant (other)"


def claim_label(claimant: str) -> str:
    """'NRF', 'Taliban', 'third party', or what an empty claim means."""
    return CLAIM_LABELS.get(claimant, NO_CLAIM)


def breakdown(rows: pd.DataFrame, measure: str) -> dict[str, int]:
    """The measure per claimant (reports or mentions), in CLAIMANTS order, zeros left out."""
    return _by_claimant(_claim_counts(rows, measure, []).get((), {}))


def _claim_counts(
    rows: pd.DataFrame, measure: str, keys: list[str]
) -> dict[tuple, dict[str, int]]:
    """Per value of `keys` (a tuple), the measure per claimant: one groupby over the claimed
    rows, not a filter per province and claimant (twenty provinces: 60 copies of the rows)."""
    claimed = rows.loc[rows["claimed_by"].isin(CLAIMANTS), [*keys, "claimed_by", "source_id"]]
    grouped = claimed.groupby([*keys, "claimed_by"], sort=False, observed=True)
    counts = grouped["source_id"].nunique() if measure == "reports" else grouped.size()
    found: dict[tuple, dict[str, int]] = {}
    for key, n in counts.items():
        *group, claimant = key if isinstance(key, tuple) else (key,)
        if n:
            found.setdefault(tuple(group), {})[str(claimant)] = int(n)
    return found


def _by_claimant(counts: dict[str, int]) -> dict[str, int]:
    """The counts in CLAIMANTS order."""
    return {claimant: counts[claimant] for claimant in CLAIMANTS if claimant in counts}


def breakdown_text(counts: dict[str, int]) -> str:
    """'NRF 2 · Taliban 1', or '—' when nobody claims anything there."""
    return " · ".join(f"{CLAIM_LABELS[c]} {n}" for c, n in counts.items()) or "—"


def breakdown_by_province(rows: pd.DataFrame, measure: str) -> dict[str, str]:
    """breakdown_text per ISO code of the rows (every code of the rows, in code order)."""
    counts = _claim_counts(rows, measure, ["iso_3166_2"])
    return {
        code: breakdown_text(_by_claimant(counts.get((code,), {})))
        for code in sorted(map(str, rows["iso_3166_2"].unique()))
    }


def per_year_by_claim(rows: pd.DataFrame, years: tuple[int, int], measure: str) -> pd.DataFrame:
    """Activity per year and claimant (year, claim, count), for a stacked bar chart."""
    frames = []
    for claimant, group in rows.groupby("claimed_by", sort=True):
        counts = per_year(group, years, measure)
        frames.append(counts.assign(claim=claim_label(str(claimant))))
    if not frames:
        return pd.DataFrame(columns=["year", "count", "claim"])
    return pd.concat(frames, ignore_index=True)
