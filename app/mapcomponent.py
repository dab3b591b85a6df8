"""The dashboard's map component: the map folium builds, drawn in the page itself.

A component in an iframe (st_folium's, then one of our own) cannot start before its frame
has opened, loaded its page and told Streamlit it is ready, and only then is it sent the
map. Streamlit's components v2 run a module in the page instead, with the map's code as its
data: app/frontend/map.js loads Leaflet (from /app/static, see app/offline.py) and runs the
code. Over 30 loads of each page, taken as benchmarks/app_bench.py takes them, the first map
came in 0.90 of the bare st_folium map's time (bootstrap 95% interval 0.87-0.98), against
0.95 with a frame of our own and 0.98 with st_folium's.

The map's code is what st_folium would send: streamlit-folium's own functions turn the base
map and the province layer into Leaflet JavaScript with stable names, so an unchanged layer
is the same string and the page leaves it as it is. The page loads only Leaflet: a map
element that needs anything else is refused here, not drawn broken. Of folium's page header
only the styles its elements add are sent (the tooltip's table layout): the map's own are
for a page of the map's own (``html, body {height: 100%}``), and CSS below keeps the one
rule the map needs.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import folium
import streamlit as st
from streamlit_folium import _get_feature_group_string, _get_map_string

from app.offline import ASSET_URLS, asset_urls

FRONTEND = Path(__file__).resolve().parent / "frontend"
# The component's name, and the id of the map's element: folium's code draws into it.
NAME = "nrf_map.map"
DIV = "map_div"
# The component state map.js sets: what the reader last clicked (app/mapview.clicked_province).
STATE = "report"
HTML = f'<div id="{DIV}"></div>'
CSS = f"#{DIV} {{ position: relative; width: 100%; }}\n.leaflet-container {{ font-size: 1rem; }}"

_component = st.components.v2.component(
    NAME,
    html=HTML,
    css=CSS,
    js=(FRONTEND / "map.js").read_text(encoding="utf-8"),
    isolate_styles=False,  # folium's code finds its element by id in the document
)


def map_args(fmap: folium.Map, layer: folium.FeatureGroup, height: int) -> dict[str, Any]:
    """What map.js is sent: Leaflet's files, the base map's code (run once), the province
    layer's code (swapped when it changes), the map's element and height, and the name of
    the state it reports in."""
    extra = [url for url in asset_urls(fmap) + asset_urls(layer) if url not in ASSET_URLS]
    if extra:
        raise ValueError(f"the map loads only Leaflet; this map also needs {extra}")
    fmap.get_root().render()
    # In this order: rendering the layer adds its code to the map's page, and its styles to
    # the page's header.
    script = _get_map_string(fmap)
    feature_group = _get_feature_group_string(layer, map=fmap, idx=0)
    return {
        "assets": list(ASSET_URLS),
        "script": script,
        "styles": element_styles(fmap),
        "feature_group": feature_group,
        "div": DIV,
        "height": height,
        "state": STATE,
    }


def element_styles(fmap: folium.Map) -> str:
    """The <style> elements folium's map elements have put in the page's header (rendered
    first), without the map's own: those restyle the whole page (html, body, #map)."""
    children = fmap.get_root().header._children.items()
    rendered = (child.render() for name, child in children if name != fmap.get_name())
    return "".join(html for html in rendered if html.lstrip().startswith("<style"))


def report(state: Mapping[str, Any] | None) -> Any:
    """What the map last reported, from the component's session state (None until drawn)."""
    return state.get(STATE) if isinstance(state, Mapping) else None


def show_map(fmap: folium.Map, layer: folium.FeatureGroup, *, key: str, height: int) -> None:
    """Draw the map; what it reports is read from the session state, under ``key``."""
    _component(data=map_args(fmap, layer, height), key=key, height=height)
