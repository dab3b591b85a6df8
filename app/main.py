"""NRF activity in Afghanistan by province: the dashboard page (layout and widgets only).

Everything this page shows is computed by functions in app/ that tests call directly; what
the map was given on the last run is left in st.session_state["map_values"] so tests can
check what the app actually computed.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd
import streamlit as st
import streamlit.components.v1 as components
from streamlit_folium import st_folium

from app import (
    aggregate,
    claimants,
    data,
    evidence,
    export,
    filters,
    focus,
    mapview,
    markdown,
    timespan,
    wording,
)
from etl.model import CATEGORIES, CLAIMANTS, COLUMNS
from etl.provinces import BY_ISO, CANONICAL_NAMES, by_name

MAP_KEY = "map"

st.set_page_config(page_title="NRF activity in Afghanistan, by province", layout="wide")


# The file's version is part of each cache key, so a rebuilt table shows without a restart.
@st.cache_data(show_spinner=False, max_entries=4)
def _activity(path: str, version: int) -> pd.DataFrame:
    return data.load_activity(Path(path))


@st.cache_data(show_spinner=False, max_entries=4)
def _boundaries(path: str, version: int) -> dict:
    return data.load_boundaries(Path(path))


@st.cache_data(show_spinner=False, max_entries=4)
def _neighbours(path: str, version: int) -> dict:
    return data.load_neighbours(Path(path))


@st.cache_data(show_spinner=False, max_entries=8)
def _breaks(path: str, version: int, measure: str) -> list[int]:
    """Colour classes from the default view, so colours mean the same under any filter."""
    table = _activity(path, version)
    default = filters.default_filters(*filters.options(table), filters.last_year(table))
    inside, _ = timespan.split(filters.apply_filters(table, default), default.years)
    return aggregate.class_breaks(aggregate.province_values(inside, measure))


st.title("NRF activity in Afghanistan, by province")
st.markdown(
    "Each province is shaded by how many **reports** describe National Resistance Front "
    "activity there (or, if you choose, how many **mentions** they make) for the years and "
    "filters you pick. Click a province to read the sentences behind its shade."
)

activity_file, boundaries_file = data.activity_path(), data.boundaries_path()
neighbours_file = data.neighbours_path()
try:
    rows = _activity(str(activity_file), data.file_version(activity_file))
    boundaries = _boundaries(str(boundaries_file), data.file_version(boundaries_file))
    neighbours = _neighbours(str(neighbours_file), data.file_version(neighbours_file))
except data.DataError as exc:
    st.error(f"The dashboard cannot load its data: {markdown.escape(exc)}")
    st.stop()

source_options, report_options = filters.options(rows)
labels = filters.report_labels(rows)
last_year = filters.last_year(rows)
defaults = filters.default_filters(source_options, report_options, last_year)

if "filters_initialised" not in st.session_state:
    params = {name: st.query_params.get_all(name) for name in filters.QUERY_PARAMS}
    start = filters.decode_query(params, defaults)
    st.session_state.update(filters.to_widgets(start.filters), filters_initialised=True)
    st.session_state.link_notice = filters.ignored_notice(start.ignored)
else:  # the table may have been rebuilt: drop choices it no longer offers
    st.session_state.update(filters.known_choices(st.session_state, defaults))


def _reset_filters() -> None:
    """Back to the default view, keeping the province being read."""
    keep = replace(defaults, province=st.session_state.province)
    st.session_state.update(filters.to_widgets(keep), link_notice=None)


with st.sidebar:
    st.header("Filters")
    st.slider("Years", filters.YEAR_MIN, last_year, key="years", step=1)
    outside = filters.outside_timeline_notice(rows, last_year)
    if outside:
        st.caption(outside)
    st.toggle(
        "Show statements reaching beyond these years",
        key="spanning",
        help="Only activity dated within the chosen years colours a province. A statement "
        "covering more years ('since 2021 the NRF has attacked ...', with 2023 chosen) is "
        "shown apart: a dotted outline where it is the only evidence, named in the tooltip "
        "and the evidence. Off: such statements are left out everywhere.",
    )
    st.multiselect(
        "Claimed by", list(CLAIMANTS), key="claims", format_func=claimants.claim_label,
        help="Whose word an activity row rests on: the NRF's, the Taliban's, or a third "
        "party's (the UN, monitors, residents, the outlet itself). 'other' rows have none.",
    )
    st.multiselect("Category", list(CATEGORIES), key="categories")
    st.multiselect("Source (publisher)", list(source_options), key="sources")
    st.multiselect(
        "Report", list(report_options), key="reports", format_func=lambda sid: labels.get(sid, sid)
    )
    st.radio(
        "Measure",
        list(filters.MEASURES),
        key="measure",
        format_func=lambda m: aggregate.MEASURE_LABELS[m].capitalize(),
    )
    st.button("Reset filters", on_click=_reset_filters, key="reset")

# st_folium's callback leaves its latest value under its key before this run starts, so a
# click is read here, before the map is drawn: the clicked province is outlined at once.
click = mapview.clicked_province(st.session_state.get(MAP_KEY))
if click and click != st.session_state.get("last_click"):
    st.session_state.last_click = click
    st.session_state.province = click[0]

current = filters.from_widgets(st.session_state)
selected = filters.apply_filters(rows, current)
dated, beyond = timespan.split(selected, current.years)
values = aggregate.province_values(dated, current.measure)
spans = timespan.spans_by_province(beyond)
breaks = _breaks(str(activity_file), data.file_version(activity_file), current.measure)
st.session_state["map_values"] = values
st.session_state["map_spanning_only"] = sorted(set(spans) - set(values))

if st.session_state.get("link_notice"):
    st.warning(st.session_state.link_notice)
if selected.empty:
    st.info(
        "No rows match these filters: choose at least one category, source and report, "
        "or widen the years. The map shows every province as 'no matching activity'."
    )

map_column, side_column = st.columns([3, 2])
with map_column:
    layer = mapview.choropleth_layer(
        mapview.choropleth_geojson(
            boundaries, values, breaks, current.measure, selected=current.province,
            labels={
                code: wording.province_label(
                    values.get(code, 0), spans.get(code, []), current.years, current.measure
                )
                for code in set(values) | set(spans)
            },
            claims=claimants.breakdown_by_province(selected, current.measure),
            spanning_only=set(spans) - set(values),
        ),
        selected=current.province,
    )
    st_folium(
        mapview.base_map(neighbours, boundaries),
        key=MAP_KEY,
        feature_group_to_add=layer,
        returned_objects=list(mapview.RETURNED_OBJECTS),
        height=mapview.MAP_HEIGHT,
        use_container_width=True,
    )
    st.html(
        mapview.legend_html(
            breaks, current.measure, current.categories, current.years, current.spanning
        )
    )

with side_column:
    st.subheader("Province detail")
    province_codes = [by_name(name).iso_3166_2 for name in sorted(CANONICAL_NAMES)]
    st.selectbox(
        "Province",
        province_codes,
        key="province",
        placeholder="Choose a province (or click the map)",
        format_func=lambda code: f"{BY_ISO[code].name} ({values.get(code, 0)})",
    )
    if st.session_state.province:
        with st.container(height=mapview.MAP_HEIGHT - 60, border=False, key="detail"):
            mine = selected[selected["iso_3166_2"] == st.session_state.province]
            by_claim = claimants.per_year_by_claim(mine, current.years, current.measure)
            if by_claim["count"].sum():
                st.bar_chart(
                    by_claim, x="year", y="count", color="claim", height=180,
                    y_label=wording.NOUNS[current.measure][1], x_label="",
                )
            st.html(evidence.province_detail_html(selected, st.session_state.province,
                                                  current.years, current.measure))
    # On a phone the evidence is below the map: bring it into view after a tap.
    if click and st.session_state.get("scrolled_for") != click:
        st.session_state.scrolled_for = click
        components.html(focus.scroll_to_detail_script(click[1]), height=0)

unit = wording.unit_label(current.measure, current.categories)
rank_column, year_column = st.columns(2)
with rank_column:
    st.subheader("Provinces ranked")
    ranked = aggregate.ranking(values)
    if ranked.empty:
        st.caption("No province has matching activity.")
    else:
        st.bar_chart(
            ranked, x="province", y="count", horizontal=True, sort="-count", y_label=unit,
            x_label="",
        )
with year_column:
    st.subheader("Activity per year")
    yearly = aggregate.per_year(selected, current.years, current.measure)
    if yearly["count"].sum():
        st.bar_chart(yearly, x="year", y="count", y_label=unit)
    else:
        st.caption("No matching activity in these years.")
    per_report = " A report counts once in each year it describes."
    st.caption(
        "A statement counts in every year it covers: 'from 2021 to 2023' counts in 2021, 2022 "
        "and 2023." + (per_report if current.measure == "reports" else "")
    )

st.subheader("Filtered rows")
following = focus.following(st.session_state.province, st.session_state.get("follow", False))
if st.session_state.province:
    st.toggle(f"{BY_ISO[st.session_state.province].name} only", key="follow",
              help="The table and the download hold only the chosen province's rows.")
shown = focus.only_province(selected, following)
st.dataframe(shown.loc[:, list(COLUMNS)], hide_index=True)
st.download_button(
    f"Download these {len(shown)} rows as CSV",
    data=export.to_csv_bytes(shown),
    file_name=export.file_name(current, defaults, following),
    mime="text/csv",
    on_click="ignore",
    key="download",
)

st.query_params.from_dict(
    filters.encode_query(replace(current, province=st.session_state.province), defaults)
)
st.caption(
    f"Data: {markdown.escape(data.provenance(rows))} Sentences were extracted from the "
    "reports' text by this project's ETL (`python -m etl`), one row per province mention, "
    "each with its sentence, years and source; the table above and the download hold them. "
    "Province boundaries: data/afghanistan_provinces.geojson, labelled with ISO 3166-2 codes."
)
