"""The map component: what the page is sent, and that it loads nothing but Leaflet."""

from __future__ import annotations

import folium
import folium.plugins
import pytest

from app import mapcomponent, mapview
from app.offline import ASSET_URLS


def _args(boundaries: dict, values: dict[str, int]) -> dict:
    geojson = mapview.choropleth_geojson(boundaries, values, [1, 2], "reports")
    return mapcomponent.map_args(
        mapview.base_map(None, boundaries), mapview.choropleth_layer(geojson), height=300
    )


def test_an_unchanged_layer_is_sent_as_the_same_code(boundaries):
    # The page swaps the province layer only when its code changed (frontend/map.js):
    # folium names every element afresh, so the names must be made stable.
    first, again = _args(boundaries, {"AF-PAN": 2}), _args(boundaries, {"AF-PAN": 2})
    assert again["feature_group"] == first["feature_group"]
    assert again["script"] == first["script"]
    changed = _args(boundaries, {"AF-PAN": 1})
    assert changed["feature_group"] != first["feature_group"]
    assert changed["script"] == first["script"]


def test_the_code_draws_into_the_components_element_and_registers_the_layer(boundaries):
    args = _args(boundaries, {})
    # streamlit-folium names the map's element "map_div"; the component's HTML holds it
    assert f'L.map(\n                "{mapcomponent.DIV}"' in args["script"]
    assert f'id="{mapcomponent.DIV}"' in mapcomponent.HTML
    assert args["div"] == mapcomponent.DIV
    assert "window.feature_group.push(" in args["feature_group"]  # what map.js swaps
    assert args["height"] == 300


def test_the_tooltips_styles_are_sent_and_not_the_map_pages_own(boundaries):
    styles = _args(boundaries, {})["styles"]
    assert ".foliumtooltip th" in styles  # the tooltip's table layout, from folium
    assert "body" not in styles and "#map" not in styles and "<meta" not in styles


def test_a_map_element_needing_more_than_leaflet_is_refused(boundaries):
    fmap = mapview.base_map(None, boundaries)
    folium.plugins.MarkerCluster().add_to(fmap)  # its plugin's JavaScript, from a CDN
    layer = mapview.choropleth_layer(mapview.choropleth_geojson(boundaries, {}, [1], "reports"))
    with pytest.raises(ValueError, match="markercluster"):
        mapcomponent.map_args(fmap, layer, height=300)


def test_the_page_loads_leaflet_from_the_app_and_nothing_else(boundaries):
    assert _args(boundaries, {})["assets"] == list(ASSET_URLS)
    script = (mapcomponent.FRONTEND / "map.js").read_text(encoding="utf-8")
    assert "/app/" not in script and "http" not in script  # it loads what it is sent
