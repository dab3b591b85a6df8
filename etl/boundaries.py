"""Build data/afghanistan_provinces.geojson from Natural Earth's admin-1 layer.

Natural Earth's shapes for Afghanistan are sound but four carry another province's label,
so a map joined on their codes would shade the wrong province. We relabel by the stable
`adm1_code`, take names and codes from etl.provinces, and simplify the provinces as one
coverage so that neighbours keep sharing their borders exactly (no slivers on the map).

Each province also gets a label point (where its name is drawn on the map), and the
neighbouring countries are built beside it from Natural Earth's admin-0 outlines
(etl/neighbours.py), so the two files always come from one command.

Usage:
    python -m etl.boundaries data/sources/natural_earth_admin1_afg.geojson \
        --countries data/sources/natural_earth_admin0_neighbours.geojson
    python -m etl.boundaries package/data/states/admin1.json --countries package/data/countries \
        --extract data/sources/natural_earth_admin0_neighbours.geojson
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from pyproj import Geod
from shapely.geometry import mapping, shape
from shapely.geometry.base import BaseGeometry

from etl.atomic import write_text_atomic
from etl.neighbours import NeighbourError, build_neighbours, extract_from_package, label_point
from etl.provinces import ISO_CODES, by_iso

# Natural Earth admin-1 features whose `name`/`iso_3166_2` belong to another province.
# Identified by adm1_code, which Natural Earth keeps stable across releases; each was
# checked against the provincial capital that lies inside the shape.
LABEL_FIXES: Mapping[str, str] = {
    "AFG-1769": "AF-PAN",  # labelled Parwan (AF-PAR); contains Bazarak: Panjshir
    "AFG-1753": "AF-DAY",  # labelled Uruzgan (AF-URU); contains Nili: Daykundi
    "AFG-1759": "AF-PKA",  # labelled Paktika but coded AF-PIA; contains Sharana: Paktika
    "AFG-3413": "AF-PIA",  # labelled Paktya but coded AF-PKA; contains Gardez: Paktia
}

GRID_DEGREES = 0.001  # coordinates snapped to ~100 m: finer than the simplification
SIMPLIFY_DEGREES = 0.01  # ~1 km: invisible at the zoom levels a province map uses
DEFAULT_OUT = Path("data/afghanistan_provinces.geojson")
DEFAULT_NEIGHBOURS_OUT = Path("data/neighbours.geojson")

_GEOD = Geod(ellps="WGS84")


class BoundaryError(ValueError):
    """The source does not hold exactly one shape per Afghan province."""


def afghan_features(collection: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """Afghanistan's admin-1 features, from a world file or an Afghan subset."""
    return [f for f in collection["features"] if f["properties"].get("adm0_a3") == "AFG"]


def corrected_code(properties: Mapping[str, Any]) -> str:
    """The ISO 3166-2 code a Natural Earth feature really has."""
    return LABEL_FIXES.get(properties["adm1_code"], properties["iso_3166_2"])


def geodesic_area_km2(geom: BaseGeometry) -> float:
    """Area on the WGS84 ellipsoid, so no projection choice distorts it."""
    area_m2, _ = _GEOD.geometry_area_perimeter(geom)
    return abs(area_m2) / 1e6


def simplify_coverage(geoms: Iterable[BaseGeometry]) -> list[BaseGeometry]:
    """Snap to a grid, then simplify shared edges once for both neighbours."""
    snapped = shapely.set_precision(np.array(list(geoms), dtype=object), GRID_DEGREES)
    return list(shapely.coverage_simplify(snapped, SIMPLIFY_DEGREES))


def labelled_shapes(features: Iterable[Mapping[str, Any]]) -> dict[str, BaseGeometry]:
    """Map each corrected ISO code to its shape, refusing gaps and duplicates."""
    shapes: dict[str, BaseGeometry] = {}
    for feature in features:
        code = corrected_code(feature["properties"])
        by_iso(code)  # raises on a code that is not an Afghan province
        if code in shapes:
            raise BoundaryError(f"two source features carry {code} after corrections")
        shapes[code] = shape(feature["geometry"])
    return shapes


def build_collection(features: Iterable[Mapping[str, Any]], *, simplify: bool = True) -> dict:
    """The corrected, simplified FeatureCollection, sorted by code for stable output.

    With simplify=False any subset of provinces can be relabelled, which is how the
    label fixes are tested on a small fixture.
    """
    shapes = labelled_shapes(features)
    codes = sorted(shapes)
    geoms = simplify_coverage(shapes[c] for c in codes) if simplify else [shapes[c] for c in codes]
    out = []
    for code, geom in zip(codes, geoms, strict=True):
        province = by_iso(code)
        lon, lat = label_point(geom)
        out.append(
            {
                "type": "Feature",
                "id": code,
                "properties": {
                    "iso_3166_2": code,
                    "name": province.name,
                    "area_km2": round(geodesic_area_km2(shapes[code])),
                    "label_lat": lat,
                    "label_lon": lon,
                },
                "geometry": mapping(geom),
            }
        )
    return {"type": "FeatureCollection", "features": out}


def build_from_source(source: Mapping[str, Any]) -> dict:
    """Build the full 34-province file; anything short of all 34 is an error."""
    collection = build_collection(afghan_features(source))
    found = {f["id"] for f in collection["features"]}
    missing = sorted(set(ISO_CODES) - found)
    if missing:
        raise BoundaryError(f"source lacks provinces: {', '.join(missing)}")
    if not shapely.coverage_is_valid(
        np.array([shape(f["geometry"]) for f in collection["features"]], dtype=object)
    ):
        raise BoundaryError("simplified provinces overlap or leave gaps")
    return collection


def dumps(collection: Mapping[str, Any]) -> str:
    """Compact, key-ordered JSON: the same input always gives the same bytes."""
    return json.dumps(collection, separators=(",", ":"), ensure_ascii=False) + "\n"


def read_countries(path: Path, extract: Path | None) -> dict:
    """The neighbours' raw features: the committed extract, or picked from the package's
    countries folder (then also written to `extract`, if given, as the new raw extract)."""
    if not path.is_dir():
        return json.loads(path.read_text(encoding="utf-8"))
    raw = extract_from_package(path)
    if extract is not None:
        write_text_atomic(extract, dumps(raw))
    return raw


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m etl.boundaries", description=__doc__)
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument("source", type=Path, help="Natural Earth admin-1 GeoJSON (world or AFG)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument(
        "--countries", type=Path, help="neighbours' raw extract, or the package's data/countries"
    )
    parser.add_argument("--neighbours-out", type=Path, default=DEFAULT_NEIGHBOURS_OUT)
    parser.add_argument("--extract", type=Path, help="write the neighbours' raw extract here")
    args = parser.parse_args(argv)
    try:
        source = json.loads(args.source.read_text(encoding="utf-8"))
        collection = build_from_source(source)
        neighbours = None
        if args.countries is not None:
            afghanistan = shapely.union_all([shape(f["geometry"]) for f in collection["features"]])
            neighbours = build_neighbours(read_countries(args.countries, args.extract), afghanistan)
    except (OSError, ValueError, KeyError, NeighbourError) as exc:
        print(f"error: {args.source}: {exc}", file=sys.stderr)
        return 1
    _write(args.out, collection, "provinces")
    if neighbours is not None:
        _write(args.neighbours_out, neighbours, "neighbouring countries")
    return 0


def _write(path: Path, collection: Mapping[str, Any], what: str) -> None:
    text = dumps(collection)
    write_text_atomic(path, text)
    size = len(text.encode("utf-8"))
    print(f"wrote {path}: {len(collection['features'])} {what}, {size:,} bytes", file=sys.stderr)


if __name__ == "__main__":
    raise SystemExit(main())
