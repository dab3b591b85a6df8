"""The choropleth: province shapes coloured by the selected measure, and its legend.

The base map never changes, so Leaflet keeps the user's pan and zoom; only the choropleth
FeatureGroup is rebuilt and handed to st_folium as ``feature_group_to_add``. Colours are
computed here in Python and stored on each feature, so the map needs no branca colormap
(which would make st_folium fetch d3 from a CDN). Every string placed on a feature is escaped:
folium's GeoJsonTooltip inserts property values into HTML as they are.
"""

from __future__ import annotations

import html
from typing import Any

import folium

from app.aggregate import MEASURE_LABELS, class_labels, class_of
from app.offline import offline_map
from etl.provinces import BY_ISO

# ColorBrewer YlGnBu, 5 classes from its 6-class scheme minus the near-white first step:
# sequential and colour-blind safe, and its lightest class stays clearly apart from the
# no-data style (white with a dashed grey outline).
PALETTE: tuple[str, ...] = ("#c7e9b4", "#7fcdbb", "#41b6c4", "#2c7fb8", "#253494")
NO_DATA_FILL = "#ffffff"
NO_DATA_OUTLINE = "#7f7f7f"
NO_DATA_DASH = "4 4"
OUTLINE = "#333333"
SELECTED_OUTLINE = "#d7301f"  # red-orange: apart from every class colour, also for CVD viewers
SELECTED_WEIGHT = 3

CENTER = (33.9, 67.7)
ZOOM = 6
# Afghanistan's extent (south-west, north-east corners): the map opens framed on it whatever
# the width of the page.
BOUNDS = ((29.3, 60.4), (38.6, 75.0))
MAP_HEIGHT = 520


def base_map() -> folium.Map:
    """The constant part of the map: offline Leaflet, no tiles, framed on Afghanistan."""
    fmap = offline_map(
        location=CENTER,
        zoom_start=ZOOM,
        min_zoom=4,
        max_zoom=10,
        zoom_snap=0.25,
        control_scale=True,
    )
    fmap.fit_bounds([list(BOUNDS[0]), list(BOUNDS[1])])
    return fmap


def palette_for(breaks: list[int]) -> list[str]:
    """One colour per class, spread across the palette when there are fewer than five."""
    n = len(breaks)
    if n >= len(PALETTE):
        return list(PALETTE[:n])
    if n == 1:
        return [PALETTE[2]]
    step = (len(PALETTE) - 1) / (n - 1)
    return [PALETTE[round(i * step)] for i in range(n)]


def choropleth_geojson(
    boundaries: dict[str, Any],
    values: dict[str, int],
    breaks: list[int],
    measure: str,
    selected: str | None = None,
) -> dict[str, Any]:
    """The boundaries with each feature's value, escaped labels and style, joined on ISO code.

    The selected province (the one whose evidence is shown) gets a heavy outline and is drawn
    last, so no neighbour covers its border.
    """
    colours = palette_for(breaks)
    unit = MEASURE_LABELS.get(measure, measure)
    features = []
    for feature in boundaries["features"]:
        props = feature["properties"]
        code = props["iso_3166_2"]
        value = int(values.get(code, 0))
        klass = class_of(value, breaks)
        features.append(
            {
                "type": "Feature",
                "id": code,
                "geometry": feature["geometry"],  # shared, never modified: copying costs ~8 ms
                "properties": {
                    "iso_3166_2": html.escape(str(code)),
                    "name": html.escape(str(props.get("name", code))),
                    "value": value,
                    "label": html.escape(f"{value} {unit}" if value else "no matching activity"),
                    "style": _style(None if klass is None else colours[klass], code == selected),
                },
            }
        )
    features.sort(key=lambda f: f["id"] == selected)
    return {"type": "FeatureCollection", "features": features}


def _style(fill: str | None, selected: bool = False) -> dict[str, Any]:
    """Leaflet path style: solid outline for counted provinces, dashed grey for no data."""
    if fill is None:
        style = {
            "fillColor": NO_DATA_FILL,
            "fillOpacity": 0.9,
            "color": NO_DATA_OUTLINE,
            "weight": 1,
            "dashArray": NO_DATA_DASH,
        }
    else:
        style = {"fillColor": fill, "fillOpacity": 0.85, "color": OUTLINE, "weight": 1}
    if selected:
        style.pop("dashArray", None)
        style.update(color=SELECTED_OUTLINE, weight=SELECTED_WEIGHT)
    return style


def choropleth_layer(geojson: dict[str, Any]) -> folium.FeatureGroup:
    """The layer st_folium swaps on each rerun; a stable name keeps its identity in Leaflet."""
    group = folium.FeatureGroup(name="NRF activity")
    folium.GeoJson(
        geojson,
        name="provinces",
        style_function=lambda feature: feature["properties"]["style"],
        highlight_function=lambda _: {"weight": 3, "color": "#000000"},
        tooltip=folium.GeoJsonTooltip(
            fields=["name", "label"], aliases=["Province", "Value"], localize=False, sticky=True
        ),
    ).add_to(group)
    return group


# What st_folium should send back: the clicked shape, and a click counter so that clicking the
# same province again (after choosing another in the list) still counts as a new click. Nothing
# else, so panning and zooming do not rerun the script.
RETURNED_OBJECTS: tuple[str, ...] = ("last_active_drawing", "last_object_clicked_count")


def clicked_province(returned: dict[str, Any] | None) -> tuple[str, int] | None:
    """(ISO code, click number) of the province st_folium reports as last clicked, if ours."""
    returned = returned or {}
    drawing = returned.get("last_active_drawing")
    if not isinstance(drawing, dict):
        return None
    code = (drawing.get("properties") or {}).get("iso_3166_2")
    count = returned.get("last_object_clicked_count")
    if code not in BY_ISO:
        return None
    return code, count if isinstance(count, int) else 0


def legend_html(breaks: list[int], measure: str) -> str:
    """A fixed legend beside the map: what the colours count and what the white means."""
    unit = html.escape(MEASURE_LABELS.get(measure, measure))
    rows = [
        f'<span style="display:inline-block;width:1.4em;height:1em;background:{colour};'
        f'border:1px solid {OUTLINE};vertical-align:middle"></span> {html.escape(label)}'
        for colour, label in zip(palette_for(breaks), class_labels(breaks), strict=True)
    ]
    rows.append(
        f'<span style="display:inline-block;width:1.4em;height:1em;background:{NO_DATA_FILL};'
        f'border:1px dashed {NO_DATA_OUTLINE};vertical-align:middle"></span> '
        "no matching activity for these filters"
    )
    body = "".join(f'<div style="margin:2px 0">{row}</div>' for row in rows)
    return (
        f'<div class="nrf-legend" style="font-size:0.9em"><strong>Colour: number of {unit} '
        f"per province</strong>{body}</div>"
    )
