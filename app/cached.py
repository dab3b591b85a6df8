"""The page's data, loaded once per file version and shared by every session and rerun.

Each function is keyed on the file's version (data.file_version), so a rebuilt table or a
saved review shows on the next rerun without a restart. The table and what is derived from
it are resources, not data: st.cache_data would copy (unpickle) the whole table on every
rerun, seconds at 500k rows. Shared by all sessions, so nothing may modify what they return.

They live here rather than in app/main.py because a function defined in the page script
keeps that run's globals alive after the run (function -> globals -> function: a cycle that
only the garbage collector's rare full pass frees), and with them every frame the run
derived from the table: 500k rows kept ~250 MB per rerun until such a pass.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from app import aggregate, data, filters, reviews, timespan


@st.cache_resource(show_spinner=False, max_entries=2)
def activity(path: str, version: int) -> pd.DataFrame:
    """The table as loaded (app.data.load_activity)."""
    return data.load_activity(Path(path))


@st.cache_resource(show_spinner=False, max_entries=2)
def table_facts(
    path: str, version: int
) -> tuple[tuple[str, ...], tuple[str, ...], dict, str, int]:
    """Publishers, report ids, report labels, provenance and the timeline's last year: per
    table, not per rerun."""
    table = activity(path, version)
    sources, reports = filters.options(table)
    labels, provenance = filters.report_labels(table), data.provenance(table)
    return sources, reports, labels, provenance, filters.last_year(table)


@st.cache_resource(show_spinner=False, max_entries=2)
def reviewed(
    path: str, version: int, reviews_path: str, reviews_version: int
) -> tuple[pd.DataFrame, pd.DataFrame, str | None]:
    """The table with reviews applied (app.reviews), the reviews no row matches, and the
    notice about rows no timeline setting shows (it depends on the reviewed years only)."""
    table, stored = activity(path, version), reviews.load_reviews(Path(reviews_path))
    rows = reviews.apply_reviews(table, stored)
    outside = filters.outside_timeline_notice(rows, filters.last_year(table))
    return rows, reviews.orphans(table, stored), outside


# Resources too: cache_data unpickled the shapes on every rerun (~3 ms). The map copies
# what it changes (app.mapview), so the shared dicts are never modified.
@st.cache_resource(show_spinner=False, max_entries=4)
def boundaries(path: str, version: int) -> dict:
    return data.load_boundaries(Path(path))


@st.cache_resource(show_spinner=False, max_entries=4)
def neighbours(path: str, version: int) -> dict:
    return data.load_neighbours(Path(path))


@st.cache_data(show_spinner=False, max_entries=8)
def breaks(path: str, version: int, measure: str) -> list[int]:
    """Colour classes from the default view, so colours mean the same under any filter."""
    table = activity(path, version)
    default = filters.default_filters(filters.options(table)[0], filters.last_year(table))
    inside, _ = timespan.split(filters.apply_filters(table, default), default.years)
    return aggregate.class_breaks(aggregate.province_values(inside, measure))
