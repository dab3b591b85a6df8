"""The dashboard's map component: a frame of our own that draws the map folium builds.

st_folium's frame is a 225 KB React bundle that fetches Leaflet only once Streamlit has sent
it the map, so each first map waited on two downloads in a row after the frame opened. This
frame (app/frontend/) is an HTML page and a short script: Leaflet's CSS and JavaScript load
beside map.js as the frame opens, and map.js runs the map's code as soon as it arrives. From
the page's request for its first run to the drawn map took ~440 ms, against ~510 ms with
st_folium's frame and ~540 ms for the bare st_folium map (medians of 6-8 loads, per-request
timings); over 30 loads of each page taken as benchmarks/app_bench.py takes them, the first
map came in 0.95 of the bare map's time (bootstrap 95% interval 0.91-0.99), against 0.98
(0.94-1.04) with st_folium's frame. A click is also reported at once: st_folium waits
250 ms for more.

The map's code is what st_folium would send: streamlit-folium's own functions turn the base
map and the province layer into Leaflet JavaScript with stable names, so an unchanged layer
is the same string and the frame leaves it as it is. The frame loads only Leaflet (see
app/offline.py): a map element that needs anything else is refused here, not drawn broken.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import folium
import streamlit.components.v1 as components
from streamlit_folium import _get_feature_group_string, _get_header, _get_map_string

from app.offline import ASSET_URLS, asset_urls

FRONTEND = Path(__file__).resolve().parent / "frontend"
_frame = components.declare_component("map", path=str(FRONTEND))
# The component's full name, as Streamlit registers it: also its iframe's title.
NAME: str = _frame.name


def map_args(fmap: folium.Map, layer: folium.FeatureGroup, height: int) -> dict[str, Any]:
    """What the frame is sent: the base map's code (run once), the page header folium's code
    expects (its styles), the province layer's code (swapped when it changes) and the height."""
    extra = [url for url in asset_urls(fmap) + asset_urls(layer) if url not in ASSET_URLS]
    if extra:
        raise ValueError(f"the map frame loads only Leaflet; this map also needs {extra}")
    fmap.get_root().render()
    header = _get_header(fmap)
    script = _get_map_string(fmap)
    feature_group = _get_feature_group_string(layer, map=fmap, idx=0)
    return {"script": script, "header": header, "feature_group": feature_group, "height": height}


def show_map(fmap: folium.Map, layer: folium.FeatureGroup, *, key: str, height: int) -> Any:
    """Draw the map; returns what the frame last reported (None until it has drawn)."""
    return _frame(**map_args(fmap, layer, height), key=key, default=None)
