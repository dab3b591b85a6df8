"""The committed province boundaries: right names on the right shapes, a clean coverage.

A map joined on wrong labels shades the wrong province, silently, so the strongest checks
here come from outside the build: each provincial capital's coordinates must fall inside the
polygon that carries its province's code.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely
from shapely.geometry import Point, shape

from etl.boundaries import BoundaryError, build_collection, build_from_source, dumps

ROOT = Path(__file__).resolve().parents[2]
BOUNDARIES = ROOT / "data" / "afghanistan_provinces.geojson"
SOURCE = ROOT / "data" / "sources" / "natural_earth_admin1_afg.geojson"
FIXTURES = ROOT / "tests" / "fixtures"

# The names the issue fixes for the map, written out here rather than taken from the code.
EXPECTED_NAMES = {
    "Badakhshan", "Badghis", "Baghlan", "Balkh", "Bamyan", "Daykundi", "Farah", "Faryab",
    "Ghazni", "Ghor", "Helmand", "Herat", "Jowzjan", "Kabul", "Kandahar", "Kapisa", "Khost",
    "Kunar", "Kunduz", "Laghman", "Logar", "Nangarhar", "Nimroz", "Nuristan", "Paktia",
    "Paktika", "Panjshir", "Parwan", "Samangan", "Sar-e Pol", "Takhar", "Uruzgan", "Wardak",
    "Zabul",
}  # fmt: skip


@pytest.fixture(scope="module")
def boundaries() -> dict:
    return json.loads(BOUNDARIES.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def capitals() -> list[dict[str, str]]:
    with (FIXTURES / "provincial_capitals.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _shapes_by_code(collection: dict) -> dict[str, shapely.Geometry]:
    return {f["properties"]["iso_3166_2"]: shape(f["geometry"]) for f in collection["features"]}


def test_34_unique_codes_with_canonical_names(boundaries: dict) -> None:
    features = boundaries["features"]
    codes = [f["properties"]["iso_3166_2"] for f in features]
    assert len(features) == 34
    assert len(set(codes)) == 34
    assert all(f["id"] == f["properties"]["iso_3166_2"] for f in features)
    assert {f["properties"]["name"] for f in features} == EXPECTED_NAMES
    expected_keys = {"iso_3166_2", "name", "area_km2", "label_lat", "label_lon"}
    assert all(set(f["properties"]) == expected_keys for f in features)


def test_every_capital_lies_inside_its_own_province(boundaries: dict, capitals) -> None:
    shapes = _shapes_by_code(boundaries)
    names = {f["properties"]["iso_3166_2"]: f["properties"]["name"] for f in boundaries["features"]}
    assert len(capitals) == 34
    for row in capitals:
        point = Point(float(row["lon"]), float(row["lat"]))
        assert names[row["iso_3166_2"]] == row["province"]
        inside = shapes[row["iso_3166_2"]].contains(point)
        assert inside, f"{row['capital']} not in {row['province']}"


def test_coverage_is_valid_without_gaps_or_overlaps(boundaries: dict) -> None:
    geoms = np.array([shape(f["geometry"]) for f in boundaries["features"]], dtype=object)
    assert shapely.coverage_is_valid(geoms)
    assert all(g.is_valid for g in geoms)


def test_total_area_within_two_percent_of_unsimplified_source(boundaries: dict) -> None:
    equal_area = "EPSG:6933"  # an independent measure: projected, not the build's geodesic one
    simplified = gpd.GeoDataFrame.from_features(boundaries["features"], crs="EPSG:4326")
    source = gpd.read_file(SOURCE)
    source = source[source["adm0_a3"] == "AFG"]
    ratio = simplified.to_crs(equal_area).area.sum() / source.to_crs(equal_area).area.sum()
    assert abs(ratio - 1) < 0.02
    # The stored areas describe the real provinces, about 642,000 km² together.
    stored = sum(f["properties"]["area_km2"] for f in boundaries["features"])
    assert 630_000 < stored < 655_000


def test_file_is_small_enough_for_the_web() -> None:
    assert BOUNDARIES.stat().st_size <= 150 * 1024


def test_committed_file_is_what_the_build_makes() -> None:
    source = json.loads(SOURCE.read_text(encoding="utf-8"))
    assert dumps(build_from_source(source)) == BOUNDARIES.read_text(encoding="utf-8")


def test_build_corrects_the_mislabelled_features_of_a_fixture(capitals) -> None:
    sample = json.loads((FIXTURES / "natural_earth_sample.geojson").read_text(encoding="utf-8"))
    props = [f["properties"] for f in sample["features"]]
    before = {p["adm1_code"]: p["iso_3166_2"] for p in props}
    # The fixture really holds the mislabels (two features both coded Parwan, two Uruzgan).
    assert before["AFG-1769"] == before["AFG-1772"] == "AF-PAR"
    assert before["AFG-1753"] == before["AFG-1752"] == "AF-URU"

    built = build_collection(sample["features"], simplify=False)
    names = {f["id"]: f["properties"]["name"] for f in built["features"]}
    assert names == {
        "AF-PAN": "Panjshir", "AF-PAR": "Parwan", "AF-DAY": "Daykundi",
        "AF-URU": "Uruzgan", "AF-PKA": "Paktika", "AF-PIA": "Paktia",
    }  # fmt: skip
    shapes = _shapes_by_code(built)
    for row in capitals:
        if row["iso_3166_2"] in shapes:
            assert shapes[row["iso_3166_2"]].contains(Point(float(row["lon"]), float(row["lat"])))


def test_build_refuses_a_source_missing_provinces() -> None:
    sample = json.loads((FIXTURES / "natural_earth_sample.geojson").read_text(encoding="utf-8"))
    with pytest.raises(BoundaryError, match="lacks provinces"):
        build_from_source(sample)


def test_build_refuses_two_shapes_for_one_province() -> None:
    sample = json.loads((FIXTURES / "natural_earth_sample.geojson").read_text(encoding="utf-8"))
    real_parwan = next(f for f in sample["features"] if f["properties"]["adm1_code"] == "AFG-1772")
    with pytest.raises(BoundaryError, match="AF-PAR"):
        build_collection([*sample["features"], real_parwan], simplify=False)
