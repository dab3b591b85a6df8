"""What the user selected, how it picks rows, and how it travels in the URL.

A row is picked when its year_from..year_to overlaps the selected years. Rows whose years lie
inside the selection are the ones that colour the map; a statement that reaches beyond it
("since 2021 the NRF attacked in 20 provinces", with 2023 selected) says nothing about 2023
alone, so it is kept apart (app/timespan.py) and shown only when `spanning` is on.
The timeline runs from the NRF's founding to the latest year the activity rows describe.

The URL carries only what differs from the defaults, so a plain link stays short; decoding
treats every parameter as untrusted and falls back to the default for anything it cannot use.
Reports are filtered by what is *left out* (every report counts unless excluded), so a report
added to the table after a link was made shows under that link, and a link stays short however
many reports the table holds.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, replace

import pandas as pd

from app.timespan import inside_mask
from etl.model import ACTIVITY_CATEGORIES, CATEGORIES, CLAIMANTS, NRF_FOUNDED
from etl.provinces import ISO_CODES

YEAR_MIN = NRF_FOUNDED
YEAR_MAX = 2024  # the timeline reaches at least this year, later if the data does
MEASURES: tuple[str, ...] = ("reports", "mentions")

# Query parameter names. A list parameter present with one empty value means "none selected".
P_YEARS = "years"
P_SPANNING = "span"
P_CATEGORIES = "cat"
P_SOURCES = "src"
P_EXCLUDED = "xrep"  # reports left out, by id
P_REPORTS = "rep"  # older links: the reports kept, by id (read, never written)
P_MEASURE = "measure"
P_PROVINCE = "prov"
P_CLAIMS = "claim"
QUERY_PARAMS: tuple[str, ...] = (
    P_YEARS, P_SPANNING, P_CATEGORIES, P_SOURCES, P_EXCLUDED, P_REPORTS, P_MEASURE, P_PROVINCE,
    P_CLAIMS,
)
EMPTY = ""
# Bounds on what a link may carry: more values than any table offers, longer than any name.
MAX_VALUES = 1000
MAX_VALUE_LENGTH = 500


@dataclass(frozen=True)
class Filters:
    """The dashboard's state: everything that decides which rows count and how."""

    years: tuple[int, int] = (YEAR_MIN, YEAR_MAX)
    spanning: bool = True  # show statements reaching beyond the years (never in the shade)
    categories: tuple[str, ...] = ACTIVITY_CATEGORIES
    sources: tuple[str, ...] = ()
    excluded_reports: tuple[str, ...] = ()
    measure: str = "reports"
    province: str | None = None
    claims: tuple[str, ...] = CLAIMANTS


def last_year(rows: pd.DataFrame) -> int:
    """Where the timeline ends: the latest year an activity row describes, at least YEAR_MAX.

    'other' rows do not stretch it: a forecast ("by 2030") is not activity to show.
    """
    activity = rows.loc[rows["category"].isin(ACTIVITY_CATEGORIES), "year_to"]
    return max(YEAR_MAX, int(activity.max())) if len(activity) else YEAR_MAX


def options(rows: pd.DataFrame) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The publishers and report ids the user can choose from, in a stable order."""
    sources = tuple(sorted(rows["source"].unique()))
    reports = tuple(sorted(rows["source_id"].unique()))
    return sources, reports


def report_labels(rows: pd.DataFrame) -> dict[str, str]:
    """A readable label per report id: title, publisher and date, unique across reports.

    Streamlit's multiselect maps a choice back to its option by label, so two reports with
    the same label would collapse into one choice: a label shared by several reports gets
    the report id appended (and, should ids be crafted to collide even so, a number).
    """
    first = rows.drop_duplicates("source_id").loc[:, ["source_id", "title", "source",
                                                      "published"]].astype(str)
    ids = first["source_id"]
    titled = first["title"] + " — " + first["source"] + ", " + first["published"]
    labels = titled.where(first["title"] != "", ids + " — " + first["source"])
    shared = labels.duplicated(keep=False)
    labels = labels.where(~shared, labels + " (" + ids + ")")
    return _unique(dict(zip(ids, labels, strict=True)))


def _unique(labels: dict[str, str]) -> dict[str, str]:
    """The labels with any still repeated one numbered, so every label names one id."""
    counts = Counter(labels.values())
    if len(counts) == len(labels):
        return labels
    taken, unique = set(counts), {}
    for sid, label in labels.items():
        if counts[label] > 1:
            number = 2
            while f"{label} #{number}" in taken:
                number += 1
            label = f"{label} #{number}"
            taken.add(label)
        unique[sid] = label
    return unique


def default_filters(sources: Sequence[str], end: int = YEAR_MAX) -> Filters:
    """Defaults: the whole timeline (to `end`), statements beyond the years shown apart,
    attack and presence, every publisher and claimant, no report left out."""
    return Filters(years=(YEAR_MIN, end), sources=tuple(sources))


def to_widgets(filters: Filters) -> dict[str, object]:
    """Widget values (by widget key) that show these filters."""
    return {
        "years": filters.years,
        "spanning": filters.spanning,
        "categories": list(filters.categories),
        "sources": list(filters.sources),
        "excluded_reports": list(filters.excluded_reports),
        "measure": filters.measure,
        "province": filters.province,
        "claims": list(filters.claims),
    }


def from_widgets(state: Mapping[str, object]) -> Filters:
    """The filters the widgets (by key, as in st.session_state) currently show."""
    low, high = state["years"]  # type: ignore[misc]
    return Filters(
        years=(int(low), int(high)),
        spanning=bool(state["spanning"]),
        categories=tuple(state["categories"]),  # type: ignore[arg-type]
        sources=tuple(state["sources"]),  # type: ignore[arg-type]
        excluded_reports=tuple(state["excluded_reports"]),  # type: ignore[arg-type]
        measure=str(state["measure"]),
        province=state.get("province") or None,  # type: ignore[arg-type]
        claims=tuple(state["claims"]),  # type: ignore[arg-type]
    )


def reset(state: MutableMapping[str, object], defaults: Filters) -> None:
    """Set the widgets (st.session_state) back to the default view, keeping the province
    being read, and drop the notice about the link the page was opened with."""
    keep = replace(defaults, province=state.get("province") or None)  # type: ignore[arg-type]
    state.update(to_widgets(keep), link_notice=None)


def known_choices(
    state: Mapping[str, object], offered: Mapping[str, Collection[str]]
) -> dict[str, list[str]]:
    """Each selection (widget key -> chosen values) restricted to what the table offers now
    (widget key -> options); one set look-up per value, however many reports there are."""
    allowed = {key: frozenset(options) for key, options in offered.items()}
    return {
        key: [v for v in state.get(key) or [] if v in known]  # type: ignore[union-attr]
        for key, known in allowed.items()
    }


def apply_filters(rows: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The rows that match; an empty selection anywhere simply matches nothing.

    Rows without a claimant ('other') are not filtered by claim: nobody claims them.
    """
    low, high = filters.years
    keep = (rows["year_from"] <= high) & (rows["year_to"] >= low)
    if not filters.spanning:
        keep &= inside_mask(rows, filters.years)
    keep &= rows["claimed_by"].isin(filters.claims) | (rows["claimed_by"] == "")
    keep &= rows["category"].isin(filters.categories)
    keep &= rows["source"].isin(filters.sources)
    if filters.excluded_reports:
        keep &= ~rows["source_id"].isin(filters.excluded_reports)
    return rows.loc[keep]


def outside_timeline_notice(rows: pd.DataFrame, end: int = YEAR_MAX) -> str | None:
    """Say how many rows no timeline setting can show (all their years before YEAR_MIN or
    after `end`, e.g. history), or None: otherwise they would vanish without a word."""
    outside = int(((rows["year_to"] < YEAR_MIN) | (rows["year_from"] > end)).sum())
    if not outside:
        return None
    rows_word = "row" if outside == 1 else "rows"
    return (
        f"{outside} {rows_word} of the table {'is' if outside == 1 else 'are'} never counted: "
        f"{'it describes' if outside == 1 else 'they describe'} only years outside "
        f"{YEAR_MIN}–{end}, which the timeline does not cover."
    )


def encode_query(filters: Filters, defaults: Filters) -> dict[str, str | list[str]]:
    """Query parameters for the filters, omitting whatever equals the default."""
    params: dict[str, str | list[str]] = {}
    if filters.years != defaults.years:
        low, high = filters.years
        params[P_YEARS] = str(low) if low == high else f"{low}-{high}"
    if filters.spanning != defaults.spanning:
        params[P_SPANNING] = "1" if filters.spanning else "0"
    for name, chosen, default in (
        (P_CATEGORIES, filters.categories, defaults.categories),
        (P_SOURCES, filters.sources, defaults.sources),
        (P_CLAIMS, filters.claims, defaults.claims),
    ):
        if set(chosen) != set(default):
            params[name] = list(chosen) if chosen else EMPTY
    if filters.excluded_reports:
        params[P_EXCLUDED] = list(filters.excluded_reports)
    if filters.measure != defaults.measure:
        params[P_MEASURE] = filters.measure
    if filters.province:
        params[P_PROVINCE] = filters.province
    return params


# What a parameter's decoder gives: the Filters fields it sets, and whether all was usable.
Changes = tuple[dict[str, object], bool]
Decoder = Callable[[list[str], Filters], Changes]


@dataclass(frozen=True)
class Decoded:
    """Filters read from a link, and the parameters whose value(s) could not be used."""

    filters: Filters
    ignored: tuple[str, ...] = ()


def decode_query(
    params: Mapping[str, Sequence[str]], defaults: Filters, reports: Collection[str] = ()
) -> Decoded:
    """Filters from query parameters (each key -> all its values); bad values -> defaults.

    `reports` are the report ids the table holds. A link is untrusted input: only
    QUERY_PARAMS are read, each with at most MAX_VALUES values of at most MAX_VALUE_LENGTH
    characters, years in ASCII digits only (int() would take '²⁰²²' and refuse 5,000
    digits). A parameter whose values cannot be used, wholly or in part, is named in
    `ignored`; the values that can be used are kept.
    """
    decoders = {**_DECODERS, **_report_decoders(reports)}
    result, ignored = defaults, []
    for name in QUERY_PARAMS:
        values = _values(params, name)
        if not values:
            continue
        if len(values) > MAX_VALUES or max(map(len, values)) > MAX_VALUE_LENGTH:
            ignored.append(name)
            continue
        changes, complete = decoders[name](values, defaults)
        result = replace(result, **changes)
        if not complete:
            ignored.append(name)
    return Decoded(result, tuple(ignored))


def ignored_notice(ignored: Sequence[str]) -> str | None:
    """One sentence naming the link's parameters that were ignored, or None."""
    if not ignored:
        return None
    names = ", ".join(f"'{name}'" for name in ignored)
    return f"Ignored in this link: {names} (unknown or malformed values); showing the default."


def _values(params: Mapping[str, Sequence[str]], name: str) -> list[str]:
    """All values of one parameter as strings ([] when absent)."""
    found = params.get(name) or []
    return [found] if isinstance(found, str) else [str(v) for v in found]


def _decode_years(values: list[str], defaults: Filters) -> Changes:
    """'2022' or '2021-2023' (ASCII digits) within the timeline; the last value counts."""
    found = _YEARS.fullmatch(values[-1].strip())
    if found is None:
        return {}, False
    low, high = int(found.group(1)), int(found.group(2) or found.group(1))
    if not YEAR_MIN <= low <= high <= defaults.years[1]:
        return {}, False
    return {"years": (low, high)}, True


def _decode_spanning(values: list[str], defaults: Filters) -> Changes:
    """'1'/'true'/'yes' or '0'/'false'/'no'; the last value counts."""
    value = values[-1].strip().lower()
    if value in _TRUE or value in _FALSE:
        return {"spanning": value in _TRUE}, True
    return {}, False


def _choice_decoder(field: str, allowed: Callable[[Filters], Sequence[str]]) -> Decoder:
    """A decoder for a list parameter: the allowed values named, in the allowed order.

    One empty value means none chosen. A parameter naming nothing known keeps the default, so
    a link made for an older table does not open on an empty page; unknown values are
    reported either way.
    """

    def decode(values: list[str], defaults: Filters) -> Changes:
        if values == [EMPTY]:
            return {field: ()}, True
        wanted = set(values)
        chosen = tuple(v for v in allowed(defaults) if v in wanted)
        complete = len(chosen) == len(wanted)
        return ({field: chosen} if chosen else {}), complete

    return decode


def _report_decoders(reports: Collection[str]) -> dict[str, Decoder]:
    """Decoders of the report parameters, for a table holding these report ids.

    P_EXCLUDED: the reports left out; ids the table no longer holds are dropped without a
    word (leaving out a report that is gone changes nothing). P_REPORTS, from links made
    before reports were filtered by exclusion, names the reports kept: every other report
    is left out, so such a link still shows what it showed; one naming nothing known keeps
    the default, as for the other list parameters.
    """
    known = frozenset(reports)
    ordered = sorted(known)

    def excluded(values: list[str], defaults: Filters) -> Changes:
        wanted = set(values) - {EMPTY}
        return {"excluded_reports": tuple(r for r in ordered if r in wanted)}, True

    def kept(values: list[str], defaults: Filters) -> Changes:
        if values == [EMPTY]:
            return {"excluded_reports": tuple(ordered)}, True
        wanted = set(values)
        chosen = wanted & known
        if not chosen:
            return {}, False
        left_out = tuple(r for r in ordered if r not in wanted)
        return {"excluded_reports": left_out}, len(chosen) == len(wanted)

    return {P_EXCLUDED: excluded, P_REPORTS: kept}


def _one_of(field: str, allowed: Sequence[str]) -> Decoder:
    """A decoder for a single-valued parameter with a fixed set of values; the last counts."""

    def decode(values: list[str], defaults: Filters) -> Changes:
        value = values[-1]
        return ({field: value}, True) if value in allowed else ({}, False)

    return decode


_YEARS = re.compile(r"([0-9]{4})(?:-([0-9]{4}))?", re.ASCII)
_TRUE = ("1", "true", "yes")
_FALSE = ("0", "false", "no")
_DECODERS: dict[str, Decoder] = {
    P_YEARS: _decode_years,
    P_SPANNING: _decode_spanning,
    P_CATEGORIES: _choice_decoder("categories", lambda defaults: CATEGORIES),
    P_SOURCES: _choice_decoder("sources", lambda defaults: defaults.sources),
    P_MEASURE: _one_of("measure", MEASURES),
    P_PROVINCE: _one_of("province", sorted(ISO_CODES)),
    P_CLAIMS: _choice_decoder("claims", lambda defaults: CLAIMANTS),
}
