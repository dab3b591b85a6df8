"""NRF activity in Afghanistan by province: the dashboard page (layout and widgets only).

Everything this page shows is computed by functions in app/ that tests call directly; what
the map was given on the last run is left in st.session_state["map_values"] so tests can
check what the app actually computed.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial

import pandas as pd
import streamlit as st
import streamlit.components.v1 as components

from app import (
    aggregate,
    bars,
    cached,
    claimants,
    data,
    editor,
    evidence,
    export,
    filters,
    focus,
    headings,
    heap,
    mapcomponent,
    mapview,
    markdown,
    pageload,
    preview,
    reviews,
    timespan,
    wording,
)
from etl.model import CATEGORIES, CLAIMANTS
from etl.provinces import BY_ISO, CANONICAL_NAMES, by_name

MAP_KEY = "map"
TITLE = "NRF activity in Afghanistan, by province"
INTRODUCTION = (
    "Each province is shaded by how many **reports** describe National Resistance Front "
    "activity there (or, if you choose, how many **mentions** they make) for the years and "
    "filters you pick. Click a province to read the sentences behind its shade."
)
# Define no function here, not even a lambda: it would tie this run's globals (and the frames
# in them) into a cycle that outlives the run (see app/cached.py). Callbacks and format_func
# come from modules, with functools.partial for what they need from the run.

st.set_page_config(page_title=TITLE, layout="wide")

activity_file, boundaries_file = data.activity_path(), data.boundaries_path()
neighbours_file = data.neighbours_path()
try:
    # Loaded first so that a bad table is reported as the data's fault, not the reviews'.
    cached.activity(str(activity_file), data.file_version(activity_file))
    boundaries = cached.boundaries(str(boundaries_file), data.file_version(boundaries_file))
    neighbours = cached.neighbours(str(neighbours_file), data.file_version(neighbours_file))
except data.DataError as exc:
    st.error(f"The dashboard cannot load its data: {markdown.escape(exc)}")
    st.stop()
reviews_file = reviews.reviews_path()
try:
    rows, orphaned, outside = cached.reviewed(
        str(activity_file), data.file_version(activity_file),
        str(reviews_file), data.file_version(reviews_file),
    )  # fmt: skip
except data.DataError as exc:
    st.error(f"The dashboard cannot load the reviews: {markdown.escape(exc)}")
    st.stop()
editor.show_message()

source_options, report_options, labels, provenance, last_year = cached.table_facts(
    str(activity_file), data.file_version(activity_file)
)
defaults = filters.default_filters(source_options, last_year)
# The data just loaded lives as long as the server: out of the full collection that
# Streamlit runs after every run (app/heap.py).
heap.freeze_long_lived()

if "filters_initialised" not in st.session_state:
    params = {name: st.query_params.get_all(name) for name in filters.QUERY_PARAMS}
    start = filters.decode_query(params, defaults, report_options)
    st.session_state.update(filters.to_widgets(start.filters), filters_initialised=True)
    st.session_state.link_notice = filters.ignored_notice(start.ignored)
else:  # the table may have been rebuilt: drop choices it no longer offers
    offered = {"sources": source_options, "excluded_reports": report_options}
    st.session_state.update(filters.known_choices(st.session_state, offered))


# The map leaves its latest report in its state, under its key, before this run starts, so a
# click is read here, before the map is drawn: the clicked province is outlined at once.
click = mapview.clicked_province(mapcomponent.report(st.session_state.get(MAP_KEY)))
if click and click != st.session_state.get("last_click"):
    st.session_state.last_click = click
    st.session_state.province = click[0]

st.session_state.setdefault("review_states", list(reviews.DEFAULT_SHOWN))
current = filters.from_widgets(st.session_state)
selected = filters.apply_filters(rows, current)
selected = reviews.with_states(selected, st.session_state.review_states)
dated, beyond = timespan.split(selected, current.years)
values = aggregate.province_values(dated, current.measure)
spans = timespan.spans_by_province(beyond)
breaks = cached.breaks(str(activity_file), data.file_version(activity_file), current.measure)
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
    mapcomponent.show_map(
        mapview.base_map(neighbours, boundaries), layer, key=MAP_KEY, height=mapview.MAP_HEIGHT
    )


# The map first (app/pageload.py): a browser's first run of a session stops after the map,
# with the sidebar already open so that the map's width never changes, but empty: the title,
# the filters' heading and widgets come with the run the map's first report starts, below
# the map, beside it on its right or in the sidebar's own column, where nothing they add
# moves the map.
if pageload.map_only(st.session_state, browser=bool(st.context.headers)):
    st.sidebar.empty()  # holds the sidebar open and the title's place; it renders nothing
    st.session_state[pageload.MAP_SENT] = True
    st.stop()

with map_column:  # below the map; with the rest, as its HTML element has JavaScript of its own
    st.html(
        mapview.legend_html(
            breaks, current.measure, current.categories, current.years, current.spanning
        )
    )

# The filters' widgets come after the map although they set it: the page shows its
# elements in the order the script sends them, and each widget type makes the browser
# load its own JavaScript, which would otherwise all load before the map's. Their values
# are in st.session_state before they are drawn (set above, or by the user).
with st.sidebar:  # headed by the page's title: above the map, it would come first (pageload)
    st.html(headings.heading_html(TITLE, "title"))
    st.html(headings.heading_html("Filters", "sidebar"))
    st.slider("Years", filters.YEAR_MIN, last_year, key="years", step=1)
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
    # Every report counts unless left out here: starts empty, so thousands of reports cost
    # one list of labels, and reports added later count under an old link.
    st.multiselect(
        "Leave out reports",
        report_options,
        key="excluded_reports",
        format_func=labels.__getitem__,  # every offered id has a label
        placeholder="All reports count; type to find one to leave out",
    )
    st.radio(
        "Measure",
        list(filters.MEASURES),
        key="measure",
        format_func=aggregate.measure_choice,
    )
    st.button("Reset filters", on_click=filters.reset, args=(st.session_state, defaults),
              key="reset")  # fmt: skip
    st.multiselect(
        "Review state", list(reviews.STATE_LABELS),
        format_func=reviews.STATE_LABELS.get, key="review_states",
        help="Rows marked 'not a mention' by a reviewer are left out unless chosen here.",
    )  # fmt: skip
    editor.sign_in()


with side_column:
    st.html(headings.heading_html("Province detail", "section"))
    province_codes = [by_name(name).iso_3166_2 for name in sorted(CANONICAL_NAMES)]
    st.selectbox(
        "Province",
        province_codes,
        key="province",
        placeholder="Choose a province (or click the map)",
        format_func=partial(wording.province_choice, values),
    )
    if st.session_state.province:
        with st.container(height=mapview.MAP_HEIGHT - 60, border=False, key="detail"):
            mine = selected[selected["iso_3166_2"] == st.session_state.province]
            by_claim = claimants.per_year_by_claim(mine, current.years, current.measure)
            by_claim = by_claim[by_claim["count"] > 0]
            if len(by_claim):  # HTML bars: a chart here would load Vega before the map
                st.html(bars.bars_html(
                    by_claim.assign(label=by_claim["year"].astype(str) + " · " + by_claim["claim"]),
                    "label", wording.NOUNS[current.measure][1], "nrf-province-years",
                ))  # fmt: skip
            st.html(evidence.province_detail_html(selected, st.session_state.province,
                                                  current.years, current.measure))
            editor.review_mentions(mine, "province")
    else:  # what the map shows and how to read it, until a province is chosen
        st.html(headings.paragraph_html(INTRODUCTION))
    # On a phone the evidence is below the map: bring it into view after a tap.
    if click and st.session_state.get("scrolled_for") != click:
        st.session_state.scrolled_for = click
        components.html(focus.scroll_to_detail_script(click[1]), height=0)

unit = wording.unit_label(current.measure, current.categories)
rank_column, year_column = st.columns(2)
with rank_column:
    st.html(headings.heading_html("Provinces ranked", "section"))
    ranked = aggregate.ranking(values)
    if ranked.empty:
        st.caption("No province has matching activity.")
    else:
        st.html(bars.bars_html(ranked, "province", unit, "nrf-rank"))
with year_column:
    st.html(headings.heading_html("Activity per year", "section"))
    per_year = aggregate.per_year(selected, current.years, current.measure)
    if per_year["count"].sum():
        st.html(bars.bars_html(per_year, "year", unit, "nrf-years"))
    else:
        st.caption("No matching activity in these years.")
    per_report = " A report counts once in each year it describes."
    st.caption(
        "A statement counts in every year it covers: 'from 2021 to 2023' counts in 2021, 2022 "
        "and 2023." + (per_report if current.measure == "reports" else "")
    )

st.html(headings.heading_html("Filtered rows", "section"))
following = focus.following(st.session_state.province, st.session_state.get("follow", False))
if st.session_state.province:
    st.toggle(f"{BY_ISO[st.session_state.province].name} only", key="follow",
              help="The table and the download hold only the chosen province's rows.")
shown = focus.only_province(selected, following)
st.html(preview.preview_html(shown))
st.download_button(
    f"Download these {len(shown)} rows as CSV",
    data=partial(  # built only when clicked
        export.filtered_csv_bytes, rows, current, st.session_state.review_states, following
    ),
    file_name=export.file_name(current, defaults, following),
    mime="text/csv",
    on_click="ignore",
    key="download",
)

editor.review_queue(selected)
editor.orphaned_reviews(orphaned)
editor.add_report_panel()

st.query_params.from_dict(
    filters.encode_query(replace(current, province=st.session_state.province), defaults)
)
st.caption(
    f"Data: {markdown.escape(provenance)} Sentences were extracted from the "
    "reports' text by this project's ETL (`python -m etl`), one row per province mention, "
    "each with its sentence, years and source; the table above and the download hold them. "
    "Province boundaries: data/afghanistan_provinces.geojson, labelled with ISO 3166-2 codes."
)

# This run's frames do not outlive it. The first run's globals are kept for good:
# multiprocessing (imported by etl.pipeline during that run) keeps the __main__ module it
# finds as __mp_main__; at 500k rows its filtered frames would hold ~200 MB.
for _frame in [name for name, value in globals().items() if isinstance(value, pd.DataFrame)]:
    del globals()[_frame]
