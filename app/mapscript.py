"""The map's own JavaScript: clicks that are not lost, shapes a keyboard can use, names.

Small Leaflet scripts, as folium MacroElements, so that they come with the map's code:

- NoScrollFocus (base map). Leaflet's keyboard handler focuses the map on mousedown, and
  focusing scrolls the page until the whole map is in view: the page jumped between
  mousedown and mouseup, so Leaflet saw a drag, not a click, and the first click selected
  nothing (at 1280x720 as the page opened, when the map sat in an iframe; now whenever the
  map's top is scrolled off). Focusing with preventScroll keeps the page still.
- AccessibleShapes (province layer). Each shape becomes a button named by its province and
  value; one of them is in the tab order (the chosen province, else the first by name) and
  the arrow keys move between them, so the picker is a few Tab presses away, not 60. Enter
  or Space selects, as a click does. A chosen province that is off screen or too small to
  click is brought into view once per choice (retried while the map is still sizing or
  zooming, which would ignore it), so panning afterwards is left alone.
- Neighbours (base map). The neighbouring countries in a pane under the provinces', drawn
  by plain L.geoJSON: folium's GeoJson element costs ~14 ms a rerun for six static shapes.
- Labels (base map). Names at points computed by the boundaries build; each has the zoom
  from which it shows, so large provinces are named at the opening zoom and all at closer
  zoom. Names are escaped in Python and inserted as text.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence

import folium
from branca.element import Element, Figure, MacroElement
from jinja2 import Template

# A chosen province smaller than this (pixels, either side) is zoomed to.
MIN_PROVINCE_PX = 40
FOCUS_MAX_ZOOM = 8

_NO_SCROLL_FOCUS = """
{% macro script(this, kwargs) %}
(function (map) {
    var keyboard = map.keyboard;
    if (!keyboard) { return; }
    keyboard.disable();
    keyboard._onMouseDown = function () {
        if (!this._focused) { this._map.getContainer().focus({preventScroll: true}); }
    };
    keyboard.enable();
})({{ this._parent.get_name() }});
{% endmacro %}
"""

_SHAPES = """
{% macro script(this, kwargs) %}
(function (geojson, selected) {
    function setup() {
        var map = geojson._map;
        if (!map) { return; }
        var layers = [];
        geojson.eachLayer(function (layer) { if (layer._path) { layers.push(layer); } });
        layers.sort(function (a, b) {
            return a.feature.properties.order - b.feature.properties.order;
        });
        var current = layers.findIndex(function (l) { return l.feature.id === selected; });
        if (current < 0) { current = 0; }
        layers.forEach(function (layer, index) {
            var path = layer._path;
            path.setAttribute("tabindex", index === current ? "0" : "-1");
            path.setAttribute("role", "button");
            path.setAttribute("aria-label", layer.feature.properties.aria);
            path.addEventListener("mousedown", function () { path.focus({preventScroll: true}); });
            // Leaflet itself opens and closes a focused shape's tooltip; the outline is ours.
            path.addEventListener("focus", function () {
                layer.setStyle({weight: 3, color: "#000000"});
            });
            path.addEventListener("blur", function () { geojson.resetStyle(layer); });
            path.addEventListener("keydown", function (event) {
                var step = {ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1}[event.key];
                if (event.key === "Enter" || event.key === " ") {
                    window.__nrfRefocus = layer.feature.id;
                    layer.fire("click", {latlng: layer.getCenter(), layer: layer}, true);
                } else if (step) {
                    var next = layers[(index + step + layers.length) % layers.length];
                    path.setAttribute("tabindex", "-1");
                    next._path.setAttribute("tabindex", "0");
                    next._path.focus();
                } else {
                    return;
                }
                event.preventDefault();
                event.stopPropagation();
            });
        });
        var refocus = layers.find(function (l) { return l.feature.id === window.__nrfRefocus; });
        window.__nrfRefocus = null;
        if (refocus) { refocus._path.focus({preventScroll: true}); }
        var chosen = layers[current];
        if (selected && chosen && window.__nrfShown !== selected) {
            bringIntoView(map, chosen, 20);
        }
        window.__nrfShown = selected;
    }
    function bringIntoView(map, layer, tries) {
        var bounds = layer.getBounds();
        var size = map.latLngToContainerPoint(bounds.getSouthEast())
            .subtract(map.latLngToContainerPoint(bounds.getNorthWest()));
        var small = Math.min(size.x, size.y) < {{ this.min_px }};
        if (!small && map.getBounds().contains(bounds)) { return; }
        if (map.getSize().y >= 50) {
            map.fitBounds(bounds, {
                padding: [60, 60],
                maxZoom: Math.max(map.getZoom(), {{ this.max_zoom }}),
                animate: false,
            });
        }
        // The map may still be taking its size, or in an animated zoom (which ignores a new
        // view): look again shortly.
        if (tries > 0) {
            setTimeout(function () { bringIntoView(map, layer, tries - 1); }, 200);
        }
    }
    setTimeout(setup, 0);
})({{ this._parent.get_name() }}, {{ this.selected }});
{% endmacro %}
"""

_LABELS = """
{% macro script(this, kwargs) %}
(function (map, labels) {
    var style = document.createElement("style");
    style.textContent = ".nrf-label{pointer-events:none}"
        + ".nrf-label span{position:absolute;transform:translate(-50%,-50%);white-space:nowrap;"
        + "font:11px/1.2 sans-serif;color:#1a1a1a;text-shadow:0 0 2px #fff,0 0 2px #fff,"
        + "0 0 3px #fff}"
        + ".nrf-label-country span{font-size:13px;font-style:italic;letter-spacing:.08em;"
        + "color:#6b6b6b;text-transform:uppercase}";
    document.head.appendChild(style);
    var pane = map.createPane("nrfLabels");
    pane.style.zIndex = 450;
    pane.style.pointerEvents = "none";
    var markers = labels.map(function (label) {
        var marker = L.marker([label.lat, label.lon], {
            icon: L.divIcon({className: "nrf-label nrf-label-" + label.kind,
                             html: "<span>" + label.text + "</span>", iconSize: [0, 0]}),
            interactive: false, keyboard: false, pane: "nrfLabels",
        }).addTo(map);
        marker.minZoom = label.min_zoom;
        return marker;
    });
    function update() {
        var zoom = map.getZoom();
        markers.forEach(function (marker) {
            var element = marker.getElement();
            if (element) { element.style.display = zoom >= marker.minZoom ? "" : "none"; }
        });
    }
    map.on("zoomend", update);
    map.whenReady(update);
})({{ this._parent.get_name() }}, {{ this.labels }});
{% endmacro %}
"""


_NEIGHBOURS = """
{% macro script(this, kwargs) %}
(function (map, collection, style) {
    map.getContainer().style.background = {{ this.background }};
    var pane = map.createPane("{{ this.pane }}");
    pane.style.zIndex = 350;
    pane.style.pointerEvents = "none";
    L.geoJSON(collection, {
        pane: "{{ this.pane }}", interactive: false, style: function () { return style; },
    }).addTo(map);
})({{ this._parent.get_name() }}, {{ this.collection }}, {{ this.style }});
{% endmacro %}
"""


def script_json(value: object) -> str:
    """JSON safe inside a <script> element: no '<', so no '</script>' can end it early."""
    return json.dumps(value, separators=(",", ":")).replace("<", "\\u003c")


class _Text(Element):
    """Text placed in the page as it is."""

    _template = Template("{{ this.text }}")

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class _Script(MacroElement):
    """A MacroElement whose rendered macros go into the page as text.

    branca's MacroElement.render wraps each macro's output in Element(output), which
    compiles the output as a Jinja template on every render, twice a rerun: ~13 ms a rerun
    for these four (the neighbours' JSON most), and text holding '{{' would be evaluated.
    Same output, placed in the figure the way branca places it.
    """

    def render(self, **kwargs: object) -> None:
        figure = self.get_root()
        assert isinstance(figure, Figure), "a map script renders only inside a Figure"
        for part in ("header", "html", "script"):
            macro = self._template.module.__dict__.get(part)
            if macro is not None:
                text = macro(self, kwargs)
                getattr(figure, part).add_child(_Text(text), name=self.get_name())
        for element in self._children.values():
            element.render(**kwargs)


class ProvinceShapes(folium.GeoJson, _Script):
    """folium's GeoJson with its output placed as text: _Script comes after GeoJson's own
    classes and before MacroElement in the method order, so GeoJson.render's closing
    super().render() is _Script.render. The provinces' 100 KB of GeoJSON was compiled as a
    Jinja template on every rerun (~10 ms)."""


class Neighbours(_Script):
    """The neighbouring countries, outlined under the provinces, never interactive."""

    _template = Template(_NEIGHBOURS)

    def __init__(
        self, collection: object, style: dict[str, object], pane: str, background: str
    ) -> None:
        super().__init__()
        self._name = "Neighbours"
        self.background = script_json(background)  # the sea and lands beyond the neighbours
        self.collection = script_json(collection)
        self.style = script_json(style)
        self.pane = pane


class NoScrollFocus(_Script):
    """Focus the map on mousedown without scrolling the page (see the module docstring)."""

    _template = Template(_NO_SCROLL_FOCUS)


class AccessibleShapes(_Script):
    """Keyboard access, accessible names and bringing the chosen province into view."""

    _template = Template(_SHAPES)

    def __init__(self, selected: str | None) -> None:
        super().__init__()
        self._name = "AccessibleShapes"
        self.selected = json.dumps(selected)
        self.min_px = MIN_PROVINCE_PX
        self.max_zoom = FOCUS_MAX_ZOOM


class Labels(_Script):
    """Names drawn on the map: (text, lat, lon, kind, minimum zoom) each."""

    _template = Template(_LABELS)

    def __init__(self, labels: Sequence[tuple[str, float, float, str, float]]) -> None:
        super().__init__()
        self._name = "Labels"
        self.labels = json.dumps(
            [
                {"text": html.escape(text), "lat": lat, "lon": lon, "kind": kind, "min_zoom": z}
                for text, lat, lon, kind, z in labels
            ]
        )
