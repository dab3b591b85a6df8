"""A folium map that needs no internet: Leaflet comes from the app's own static folder.

folium.Map loads Leaflet, jQuery, Bootstrap and Font Awesome from CDNs, and streamlit-folium's
``st_folium`` inserts every ``default_js``/``default_css`` URL of the map's elements as
``<script>``/``<link>`` tags in its component iframe. Offline those requests fail and the map
stays blank. Streamlit serves ``app/static/`` at ``/app/static/`` when
``server.enableStaticServing`` is on (see ``.streamlit/config.toml``), so the map points there.
The dashboard draws its map in the page itself (app/mapcomponent.py), whose script loads these
same files, and refuses a map that needs any other; the benchmark's bare map uses st_folium.

The URLs are absolute paths (leading ``/``): st_folium's iframe is served from
``/component/<name>/``, so a relative URL would resolve under that component path instead
of the app's static route.

Only Leaflet is loaded. The map elements the dashboard uses (GeoJson, GeoJsonTooltip,
GeoJsonPopup, FeatureGroup) are plain Leaflet. jQuery is needed only by ``folium.Popup`` and
``Map(objects_to_stay_in_front=...)``, Bootstrap and Font Awesome only by marker icons; none
of them is loaded, so do not use those elements (``offsite_assets`` and the browser test
catch what they would try to fetch). Branca colormaps make st_folium add d3 from a CDN:
draw the legend another way.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import branca.colormap
import folium
import folium.elements

STATIC_DIR = Path(__file__).resolve().parent / "static"
STATIC_URL = "/app/static"

LEAFLET_JS = f"{STATIC_URL}/leaflet/leaflet.js"
LEAFLET_CSS = f"{STATIC_URL}/leaflet/leaflet.css"

# (name, url) pairs in folium's format. The names match folium's own so that an element that
# re-declares "leaflet" (folium plugins do) points at the same, local, file.
MAP_JS: tuple[tuple[str, str], ...] = (("leaflet", LEAFLET_JS),)
MAP_CSS: tuple[tuple[str, str], ...] = (("leaflet_css", LEAFLET_CSS),)

# Every URL the offline map makes the browser load; all are served by the app itself.
ASSET_URLS: tuple[str, ...] = tuple(url for _, url in MAP_JS + MAP_CSS)

# What st_folium prepends to js_links when any branca colormap is on the map.
_ST_FOLIUM_COLORMAP_JS: tuple[str, ...] = (
    "https://d3js.org/d3.v4.min.js",
    "https://cdnjs.cloudflare.com/ajax/libs/d3/3.5.5/d3.min.js",
)


def offline_map(*, tiles: str | None = None, **kwargs: Any) -> folium.Map:
    """Return a folium.Map whose JavaScript and CSS are served by the app.

    ``tiles`` defaults to None: no basemap, so nothing is fetched from a tile server. Passing a
    folium tiles name (e.g. "OpenStreetMap") is the explicit opt-in to an online basemap.
    Other keyword arguments go to ``folium.Map`` unchanged.
    """
    fmap = folium.Map(tiles=tiles, **kwargs)
    # Instance attributes shadow the class lists; copies, because folium's add_js_link mutates
    # the list in place and must never change folium.Map for other callers.
    fmap.default_js = list(MAP_JS)
    fmap.default_css = list(MAP_CSS)
    return fmap


def _walk(element: Any) -> Iterator[Any]:
    """Yield the element and all its descendants, as st_folium walks them for links."""
    yield element
    for child in getattr(element, "_children", {}).values():
        yield from _walk(child)


def asset_urls(fmap: folium.Map) -> list[str]:
    """Every JS/CSS URL st_folium would make the browser load for this map, in order, unique.

    Mirrors st_folium's own collection (default_js/default_css of each element, plus d3 when a
    branca colormap is present), so tests can check a built map without a browser.
    """
    js: list[str] = []
    css: list[str] = []
    for element in _walk(fmap):
        if isinstance(element, branca.colormap.ColorMap):
            js[:0] = _ST_FOLIUM_COLORMAP_JS
        if isinstance(element, folium.elements.JSCSSMixin):
            js.extend(url for _, url in element.default_js)
            css.extend(url for _, url in element.default_css)
    return list(dict.fromkeys(js + css))


def offsite_assets(fmap: folium.Map) -> list[str]:
    """URLs this map would fetch from anywhere but the app itself; empty when it works offline."""
    return [url for url in asset_urls(fmap) if not url.startswith(f"{STATIC_URL}/")]
