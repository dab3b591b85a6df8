"""The choropleth: province shapes coloured by the selected measure, and its legend.

The base map never changes, so Leaflet keeps the user's pan and zoom; only the choropleth
FeatureGroup is rebuilt, and the page swaps it when it changed (app/mapcomponent.py). Colours
are computed here in Python and stored on each feature, so the map needs no branca colormap
(whose JavaScript the page would not load). Every string placed on a feature is escaped:
folium's GeoJsonTooltip inserts property values into HTML as they are.
"""

from __future__ import annotations

import html
from collections.abc import Collection, Mapping, Sequence
from typing import Any

import folium

from app.aggregate import class_labels, class_of
from app.mapscript import AccessibleShapes, Labels, Neighbours, NoScrollFocus, ProvinceShapes
from app.offline import offline_map
from app.timespan import Years, years_text
from app.wording import count_phrase, unit_label
from etl.model import ACTIVITY_CATEGORIES
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
# Provinces supported only by statements reaching beyond the selected years: not coloured,
# a dotted purple outline (apart from the class colours, the no-data grey and the red).
SPANNING_OUTLINE = "#762a83"
SPANNING_DASH = "1 5"
SPANNING_WEIGHT = 2.5
NEIGHBOUR_PANE = "nrfNeighbours"
NEIGHBOUR_STYLE = {"fillColor": "#ececec", "fillOpacity": 1, "color": "#9a9a9a", "weight": 1}
BACKGROUND = "#dfe8ee"  # the map's water-blue backdrop beyond the neighbours (no tiles)
# Province names: from this area (km²) at the opening zoom, smaller ones from closer zooms.
LABEL_ZOOMS: tuple[tuple[int, float], ...] = ((20_000, 0), (5_000, 6.75), (0, 7.5))

CENTER = (33.9, 67.7)
ZOOM = 6
# Afghanistan's extent (south-west, north-east corners): the map opens framed on it whatever
# the width of the page.
BOUNDS = ((29.3, 60.4), (38.6, 75.0))
MAP_HEIGHT = 520


def base_map(
    neighbours: Mapping[str, Any] | None = None, provinces: Mapping[str, Any] | None = None
) -> folium.Map:
    """The constant part of the map: offline Leaflet, no tiles, framed on Afghanistan, with
    the neighbouring countries outlined and everything named (when given)."""
    fmap = offline_map(
        location=CENTER,
        zoom_start=ZOOM,
        min_zoom=4,
        max_zoom=10,
        zoom_snap=0.25,
        control_scale=True,
    )
    fmap.fit_bounds([list(BOUNDS[0]), list(BOUNDS[1])])
    NoScrollFocus().add_to(fmap)
    if neighbours is not None:
        # Their own pane, under the provinces' (z-index 400): never above a province, and
        # the provinces stay the only shapes of the overlay pane.
        Neighbours(neighbours, NEIGHBOUR_STYLE, NEIGHBOUR_PANE, BACKGROUND).add_to(fmap)
    labels = map_labels(neighbours or {"features": []}, provinces or {"features": []})
    if labels:
        Labels(labels).add_to(fmap)
    return fmap


def label_zoom(area_km2: float) -> float:
    """The zoom from which a province of this area is named."""
    return next(zoom for least, zoom in LABEL_ZOOMS if area_km2 >= least)


def map_labels(
    neighbours: Mapping[str, Any], provinces: Mapping[str, Any]
) -> list[tuple[str, float, float, str, float]]:
    """(text, lat, lon, kind, minimum zoom) of every name the map draws; countries always."""
    labels = []
    for kind, collection in (("country", neighbours), ("province", provinces)):
        for feature in collection["features"]:
            props = feature["properties"]
            if "label_lat" not in props:
                continue
            zoom = 0 if kind == "country" else label_zoom(float(props.get("area_km2", 0)))
            labels.append((str(props["name"]), props["label_lat"], props["label_lon"], kind, zoom))
    return labels


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
    *,
    labels: Mapping[str, str] | None = None,
    claims: Mapping[str, str] | None = None,
    spanning_only: Collection[str] = (),
) -> dict[str, Any]:
    """The boundaries with each feature's value, escaped labels and style, joined on ISO code.

    `labels` and `claims` are the tooltip's text per code (default: the count alone, '—');
    provinces in `spanning_only` are outlined apart. The selected province (the one whose
    evidence is shown) gets a heavy outline and is drawn last, so no neighbour covers its
    border. `order` (by name) is the keyboard's order; `aria` is the shape's accessible name.
    """
    colours = palette_for(breaks)
    labels, claims = labels or {}, claims or {}
    order = {f["properties"]["iso_3166_2"]: str(f["properties"].get("name", "")) for f in
             boundaries["features"]}
    rank = {code: i for i, code in enumerate(sorted(order, key=lambda c: (order[c], c)))}
    features = []
    for feature in boundaries["features"]:
        props = feature["properties"]
        code = props["iso_3166_2"]
        value = int(values.get(code, 0))
        klass = class_of(value, breaks)
        name = html.escape(str(props.get("name", code)))
        label = html.escape(
            labels.get(code) or (count_phrase(value, measure) if value else "no matching activity")
        )
        claim = html.escape(claims.get(code, "—"))
        fill = None if klass is None else colours[klass]
        features.append(
            {
                "type": "Feature",
                "id": code,
                "geometry": feature["geometry"],  # shared, never modified: copying costs ~8 ms
                "properties": {
                    "iso_3166_2": html.escape(str(code)),
                    "name": name,
                    "value": value,
                    "label": label,
                    "claims": claim,
                    "aria": f"{name}: {label}; claimed by {claim}",
                    "order": rank[code],
                    "style": _style(fill, code == selected, code in spanning_only),
                },
            }
        )
    features.sort(key=lambda f: f["id"] == selected)
    return {"type": "FeatureCollection", "features": features}


def _style(fill: str | None, selected: bool = False, spanning: bool = False) -> dict[str, Any]:
    """Leaflet path style: solid outline for counted provinces, dashed grey for no data,
    dotted purple for provinces only statements beyond the years support."""
    if fill is None and spanning:
        style = {
            "fillColor": NO_DATA_FILL,
            "fillOpacity": 0.9,
            "color": SPANNING_OUTLINE,
            "weight": SPANNING_WEIGHT,
            "dashArray": SPANNING_DASH,
            "lineCap": "round",
        }
    elif fill is None:
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


def choropleth_layer(geojson: dict[str, Any], selected: str | None = None) -> folium.FeatureGroup:
    """The layer the page swaps when it changed; a stable name keeps its identity."""
    group = folium.FeatureGroup(name="NRF activity")
    layer = ProvinceShapes(
        geojson,
        name="provinces",
        style_function=lambda feature: feature["properties"]["style"],
        highlight_function=lambda _: {"weight": 3, "color": "#000000"},
        tooltip=folium.GeoJsonTooltip(
            fields=["name", "label", "claims"],
            aliases=["Province", "Activity", "Claimed by"],
            localize=False,
            sticky=True,
        ),
    )
    AccessibleShapes(selected).add_to(layer)
    layer.add_to(group)
    return group


def clicked_province(returned: dict[str, Any] | None) -> tuple[str, int] | None:
    """(ISO code, click number) of the province the map reports as last clicked, if ours.
    The map (app/frontend/map.js) reports the clicked shape, as st_folium's
    ``last_active_drawing``, and a click counter, so that clicking the same province again
    (after choosing another in the list) still counts as a new click; nothing else, so
    panning and zooming do not rerun the script."""
    returned = returned or {}
    drawing = returned.get("last_active_drawing")
    if not isinstance(drawing, dict):
        return None
    code = (drawing.get("properties") or {}).get("iso_3166_2")
    count = returned.get("last_object_clicked_count")
    if code not in BY_ISO:
        return None
    return code, count if isinstance(count, int) else 0


def legend_html(
    breaks: list[int],
    measure: str,
    categories: Sequence[str] = ACTIVITY_CATEGORIES,
    years: Years | None = None,
    spanning: bool = False,
) -> str:
    """A fixed legend beside the map: what the colours count, what the white means and, when
    shown, what the dotted outline means. Its height never changes with the data."""
    unit = html.escape(unit_label(measure, categories))
    dated = f" dated {years_text(years)}" if years else ""
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
    beyond = (
        f'<span style="display:inline-block;width:1.4em;height:1em;background:{NO_DATA_FILL};'
        f'border:2px dotted {SPANNING_OUTLINE};vertical-align:middle"></span> '
        f"only statements spanning beyond {html.escape(years_text(years))} (not counted)"
        if spanning and years
        else "statements spanning beyond the years: hidden"
    )
    return (
        f'<div class="nrf-legend" style="font-size:0.9em"><strong>Colour: number of {unit}'
        f"{html.escape(dated)} per province</strong>{body}"
        f'<p class="nrf-legend-spanning" style="margin:2px 0">{beyond}</p></div>'
    )
