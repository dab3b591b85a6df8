"""The choropleth: values joined by ISO code, escaped labels, a distinct no-data style."""

from __future__ import annotations

import copy
import json

import folium

from app import mapview
from app.mapscript import script_json
from app.offline import offsite_assets
from etl.provinces import ISO_CODES

HOSTILE = "<img src=x onerror=alert(1)>"


def _by_code(geojson: dict) -> dict[str, dict]:
    return {f["id"]: f["properties"] for f in geojson["features"]}


def test_values_join_on_iso_code(boundaries):
    values = {"AF-PAN": 4, "AF-BGL": 2, "AF-TAK": 1}
    props = _by_code(mapview.choropleth_geojson(boundaries, values, [1, 2, 4], "reports"))
    assert sorted(props) == sorted(ISO_CODES)
    assert {code: p["value"] for code, p in props.items() if p["value"]} == values
    assert props["AF-PAN"]["name"] == "Panjshir"
    assert props["AF-PAN"]["label"] == "4 reports"
    assert props["AF-TAK"]["label"] == "1 report"  # never "1 reports"
    assert props["AF-KAB"]["label"] == "no matching activity"
    assert props["AF-PAN"]["aria"] == "Panjshir: 4 reports; claimed by —"


def test_classes_take_increasing_colours_and_no_data_is_distinct(boundaries):
    values = {"AF-PAN": 4, "AF-BGL": 2, "AF-TAK": 1}
    props = _by_code(mapview.choropleth_geojson(boundaries, values, [1, 2, 4], "mentions"))
    fills = [props[c]["style"]["fillColor"] for c in ("AF-TAK", "AF-BGL", "AF-PAN")]
    assert len(set(fills)) == 3
    assert all(f in mapview.PALETTE for f in fills)
    ranks = [mapview.PALETTE.index(f) for f in fills]
    assert ranks == sorted(ranks)
    empty = props["AF-KAB"]["style"]
    assert empty["fillColor"] not in mapview.PALETTE
    assert empty.get("dashArray") and not props["AF-TAK"]["style"].get("dashArray")


def test_string_properties_are_escaped(boundaries):
    hostile = copy.deepcopy(boundaries)
    hostile["features"][0]["properties"]["name"] = HOSTILE
    code = hostile["features"][0]["properties"]["iso_3166_2"]
    geojson = mapview.choropleth_geojson(hostile, {code: 1}, [1], "reports")
    assert _by_code(geojson)[code]["name"] == "&lt;img src=x onerror=alert(1)&gt;"
    fmap = mapview.base_map()
    mapview.choropleth_layer(geojson).add_to(fmap)
    rendered = fmap.get_root().render()
    assert HOSTILE not in rendered
    # the page's JSON carries the escaped text (folium writes & as \u0026 inside JSON)
    escaped = "&lt;img src=x onerror=alert(1)&gt;"
    assert escaped in rendered.replace("\\u0026", "&")


def test_map_needs_nothing_from_the_internet(boundaries):
    fmap = mapview.base_map()
    layer = mapview.choropleth_layer(mapview.choropleth_geojson(boundaries, {}, [1], "reports"))
    layer.add_to(fmap)
    assert offsite_assets(fmap) == []
    assert not any(isinstance(child, folium.TileLayer) for child in fmap._children.values())


def test_legend_names_the_measure_and_the_no_data_style():
    legend = mapview.legend_html([1, 2, 4], "reports")
    assert "number of reports describing NRF activity per province" in legend
    assert "no matching activity" in legend and "dashed" in legend
    for label in ("1", "2–3", "4 or more"):
        assert label in legend


def test_palette_spreads_few_classes():
    assert mapview.palette_for([1, 2, 3, 4, 5]) == list(mapview.PALETTE)
    two = mapview.palette_for([1, 2])
    assert two == [mapview.PALETTE[0], mapview.PALETTE[-1]]


def test_clicked_province_reads_the_maps_report():
    drawing = {"type": "Feature", "properties": {"iso_3166_2": "AF-PAN", "name": "Panjshir"}}
    returned = {"last_active_drawing": drawing, "last_object_clicked_count": 3}
    assert mapview.clicked_province(returned) == ("AF-PAN", 3)
    assert mapview.clicked_province({"last_active_drawing": drawing}) == ("AF-PAN", 0)
    assert mapview.clicked_province({"last_active_drawing": None}) is None
    assert mapview.clicked_province(None) is None
    bogus = {"last_active_drawing": {"properties": {"iso_3166_2": "<b>"}}}
    assert mapview.clicked_province(bogus) is None


def test_building_the_layer_leaves_the_boundaries_untouched(boundaries):
    before = json.dumps(boundaries, sort_keys=True)
    geojson = mapview.choropleth_geojson(boundaries, {"AF-PAN": 3}, [1, 2], "reports")
    fmap = mapview.base_map()
    mapview.choropleth_layer(geojson).add_to(fmap)
    fmap.get_root().render()
    assert json.dumps(boundaries, sort_keys=True) == before


def test_selected_province_is_outlined_and_drawn_last(boundaries):
    geojson = mapview.choropleth_geojson(boundaries, {"AF-PAN": 2}, [1], "reports", "AF-KAB")
    assert geojson["features"][-1]["id"] == "AF-KAB"
    props = _by_code(geojson)
    assert props["AF-KAB"]["style"]["color"] == mapview.SELECTED_OUTLINE
    assert "dashArray" not in props["AF-KAB"]["style"]
    assert props["AF-KAB"]["style"]["fillColor"] == mapview.NO_DATA_FILL  # still says "no data"
    assert props["AF-PAN"]["style"]["color"] != mapview.SELECTED_OUTLINE
    assert len(geojson["features"]) == 34


def test_provinces_only_statements_beyond_support_are_outlined_apart(boundaries):
    geojson = mapview.choropleth_geojson(
        boundaries, {"AF-PAN": 2}, [1, 2], "reports", spanning_only={"AF-BGL"},
        labels={"AF-BGL": "nothing dated 2023 (not coloured); 1 statement spanning 2021–2024"},
        claims={"AF-BGL": "third party 1"},
    )
    props = _by_code(geojson)
    spanning, no_data = props["AF-BGL"]["style"], props["AF-KAB"]["style"]
    assert spanning["color"] == mapview.SPANNING_OUTLINE != no_data["color"]
    assert spanning["dashArray"] != no_data["dashArray"]
    assert spanning["fillColor"] not in mapview.PALETTE
    assert props["AF-BGL"]["label"].endswith("1 statement spanning 2021–2024")
    assert props["AF-BGL"]["claims"] == "third party 1"
    assert props["AF-PAN"]["style"]["color"] == mapview.OUTLINE  # coloured: no outline


def test_keyboard_order_is_by_name(boundaries):
    props = _by_code(mapview.choropleth_geojson(boundaries, {}, [1], "reports"))
    by_order = sorted(props.values(), key=lambda p: p["order"])
    assert by_order[0]["name"] == "Badakhshan" and by_order[-1]["name"] == "Zabul"
    assert sorted(p["order"] for p in props.values()) == list(range(34))


def test_legend_follows_categories_years_and_the_spanning_switch():
    other = mapview.legend_html([1, 2], "reports", ("attack", "other"), (2023, 2023), True)
    assert "describing activity per" not in other
    assert "reports describing NRF activity or mentioning the province dated 2023" in other
    assert "only statements spanning beyond 2023 (not counted)" in other
    assert mapview.SPANNING_OUTLINE in other
    hidden = mapview.legend_html([1, 2], "mentions", ("attack",), (2023, 2023), False)
    assert "hidden" in hidden and mapview.SPANNING_OUTLINE not in hidden


def test_names_show_by_size_and_countries_always(boundaries):
    iran = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [58.0, 33.0]},
            "properties": {"name": "<b>Iran</b>", "label_lat": 33.0, "label_lon": 58.0}}
    neighbours = {"type": "FeatureCollection", "features": [iran]}
    labels = mapview.map_labels(neighbours, boundaries)
    by_text = {text: (kind, zoom) for text, _, _, kind, zoom in labels}
    assert by_text["<b>Iran</b>"] == ("country", 0)
    assert len(labels) == 35
    assert by_text["Helmand"][1] < by_text["Panjshir"][1]  # 57,300 km² vs 3,688 km²
    assert by_text["Kapisa"][1] == max(zoom for _, zoom in by_text.values())
    opening = [text for text, (kind, zoom) in by_text.items() if kind == "province" and zoom == 0]
    assert 5 <= len(opening) <= 15
    fmap = mapview.base_map(neighbours, boundaries)
    rendered = fmap.get_root().render()
    assert "<b>Iran</b>" not in rendered and "&lt;b&gt;Iran&lt;/b&gt;" in rendered
    assert offsite_assets(fmap) == []


def test_base_map_focuses_without_scrolling_and_shapes_take_keys(boundaries):
    rendered = mapview.base_map().get_root().render()
    assert "focus({preventScroll: true})" in rendered
    geojson = mapview.choropleth_geojson(boundaries, {}, [1], "reports", selected="AF-PAN")
    fmap = mapview.base_map()
    mapview.choropleth_layer(geojson, selected="AF-PAN").add_to(fmap)
    script = fmap.get_root().render()
    assert '"AF-PAN")' in script  # the chosen province is the shapes' tab stop
    for needed in ('"role", "button"', '"aria-label"', 'event.key === "Enter"', "fitBounds(bounds"):
        assert needed in script


def test_neighbour_text_cannot_end_the_map_script():
    assert script_json({"name": "</script><img src=x>"}) == (
        '{"name":"\\u003c/script>\\u003cimg src=x>"}'
    )


def test_map_script_text_is_placed_as_it_is_not_run_as_a_template(boundaries):
    # branca's MacroElement.render compiled each script's output as a Jinja template (twice
    # a rerun: ~13 ms for these scripts), so a name holding '{{ 7*7 }}' came out as '49'.
    kandahar = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [65.7, 31.6]},
                "properties": {"name": "Kandahar {{ 7*7 }} {% if 1 %}x{% endif %}",
                               "label_lat": 31.6, "label_lon": 65.7}}
    neighbours = {"type": "FeatureCollection", "features": [kandahar]}
    fmap = mapview.base_map(neighbours, boundaries)
    shapes = copy.deepcopy(boundaries)
    shapes["features"][0]["properties"]["name"] = "Badakhshan {{ 6*7 }}"
    mapview.choropleth_layer(mapview.choropleth_geojson(shapes, {}, [1], "reports")).add_to(fmap)
    rendered = fmap.get_root().render()
    assert "Kandahar {{ 7*7 }} {% if 1 %}x{% endif %}" in rendered  # the label and the shape
    assert "Badakhshan {{ 6*7 }}" in rendered  # the provinces' layer (folium's GeoJson)
    assert "Kandahar 49" not in rendered and "Badakhshan 42" not in rendered
