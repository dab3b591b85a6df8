"""The map's own frame: what it is sent, and that it loads nothing but Leaflet and map.js."""

from __future__ import annotations

from html.parser import HTMLParser

import folium
import folium.plugins
import pytest

from app import mapframe, mapview
from app.offline import ASSET_URLS


def _args(boundaries: dict, values: dict[str, int]) -> dict:
    geojson = mapview.choropleth_geojson(boundaries, values, [1, 2], "reports")
    return mapframe.map_args(
        mapview.base_map(None, boundaries), mapview.choropleth_layer(geojson), height=300
    )


def test_an_unchanged_layer_is_sent_as_the_same_code(boundaries):
    # The frame swaps the province layer only when its code changed (frontend/map.js):
    # folium names every element afresh, so the names must be made stable.
    first, again = _args(boundaries, {"AF-PAN": 2}), _args(boundaries, {"AF-PAN": 2})
    assert again["feature_group"] == first["feature_group"]
    assert again["script"] == first["script"]
    changed = _args(boundaries, {"AF-PAN": 1})
    assert changed["feature_group"] != first["feature_group"]
    assert changed["script"] == first["script"]


def test_the_code_draws_into_the_frames_map_and_registers_the_layer(boundaries):
    args = _args(boundaries, {})
    assert 'L.map(\n                "map_div"' in args["script"]  # the frame's <div id="map_div">
    assert "window.feature_group.push(" in args["feature_group"]  # what map.js swaps
    assert args["height"] == 300
    assert "<script src" not in args["header"] and "<link" not in args["header"]


def test_a_map_element_needing_more_than_leaflet_is_refused(boundaries):
    fmap = mapview.base_map(None, boundaries)
    folium.plugins.MarkerCluster().add_to(fmap)  # its plugin's JavaScript, from a CDN
    layer = mapview.choropleth_layer(mapview.choropleth_geojson(boundaries, {}, [1], "reports"))
    with pytest.raises(ValueError, match="markercluster"):
        mapframe.map_args(fmap, layer, height=300)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.urls += [found[name] or "" for name in ("src", "href") if name in found]


def test_the_frame_loads_leaflet_from_the_app_and_its_own_script():
    links = _Links()
    links.feed((mapframe.FRONTEND / "index.html").read_text(encoding="utf-8"))
    assert sorted(links.urls) == sorted([*ASSET_URLS, "./map.js"])
    assert (mapframe.FRONTEND / "map.js").is_file()
