"""The neighbouring countries drawn around the map, and the label points of the provinces."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import shapely
from shapely.geometry import Point, box, mapping, shape

from etl import boundaries
from etl.neighbours import NeighbourError, build_neighbours, extract_from_package

ROOT = Path(__file__).resolve().parents[2]
PROVINCES = ROOT / "data" / "afghanistan_provinces.geojson"
NEIGHBOURS = ROOT / "data" / "neighbours.geojson"
EXTRACT = ROOT / "data" / "sources" / "natural_earth_admin0_neighbours.geojson"
ADMIN1 = ROOT / "data" / "sources" / "natural_earth_admin1_afg.geojson"
# Afghanistan's six neighbours, from any atlas (not from the code).
EXPECTED = {"CHN", "IRN", "PAK", "TJK", "TKM", "UZB"}


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def afghanistan() -> shapely.Geometry:
    return shapely.union_all([shape(f["geometry"]) for f in _load(PROVINCES)["features"]])


def test_the_six_neighbours_with_their_names(afghanistan) -> None:
    features = _load(NEIGHBOURS)["features"]
    assert {f["id"] for f in features} == EXPECTED
    names = {f["id"]: f["properties"]["name"] for f in features}
    assert names["IRN"] == "Iran" and names["TJK"] == "Tajikistan"
    for feature in features:
        outline = shape(feature["geometry"])
        assert outline.is_valid and outline.distance(afghanistan) < 0.1, feature["id"]


def test_each_name_sits_in_its_country_outside_afghanistan(afghanistan) -> None:
    for feature in _load(NEIGHBOURS)["features"]:
        props = feature["properties"]
        point = Point(props["label_lon"], props["label_lat"])
        assert shape(feature["geometry"]).contains(point), feature["id"]
        assert not afghanistan.contains(point), feature["id"]


def test_each_province_name_sits_inside_its_province() -> None:
    for feature in _load(PROVINCES)["features"]:
        props = feature["properties"]
        point = Point(props["label_lon"], props["label_lat"])
        assert shape(feature["geometry"]).contains(point), props["name"]


def test_committed_files_are_what_the_boundaries_command_makes(tmp_path, capsys) -> None:
    out, neighbours_out = tmp_path / "p.geojson", tmp_path / "n.geojson"
    argv = [str(ADMIN1), "--countries", str(EXTRACT), "--out", str(out)]
    assert boundaries.main([*argv, "--neighbours-out", str(neighbours_out)]) == 0
    assert out.read_bytes() == PROVINCES.read_bytes()
    assert neighbours_out.read_bytes() == NEIGHBOURS.read_bytes()
    assert "6 neighbouring countries" in capsys.readouterr().err


def test_file_stays_small() -> None:
    assert NEIGHBOURS.stat().st_size < 40_000  # sent with every map the page draws


def _country(path: Path, a2: str, a3: str, geom) -> None:
    feature = {"type": "Feature", "properties": {"country_a2": a2, "country_a3": a3},
               "geometry": mapping(geom)}
    (path / f"{a2}.json").write_text(json.dumps(feature), encoding="utf-8")


def test_neighbours_are_picked_from_the_package_by_touching(tmp_path) -> None:
    _country(tmp_path, "AF", "AFG", box(0, 0, 2, 2))
    _country(tmp_path, "XA", "XAA", box(2, 0, 4, 2))  # shares a border
    _country(tmp_path, "XB", "XBB", box(2.02, 2.02, 3, 3))  # a hairline gap at a corner
    _country(tmp_path, "XC", "XCC", box(5, 5, 6, 6))  # far away
    names = [{"country_a2": a2, "country_name": f"Name {a2}"} for a2 in ("AF", "XA", "XB", "XC")]
    (tmp_path / "countries.json").write_text(json.dumps(names), encoding="utf-8")
    raw = extract_from_package(tmp_path)
    assert [f["properties"]["country_a3"] for f in raw["features"]] == ["XAA", "XBB"]
    assert raw["features"][0]["properties"]["country_name"] == "Name XA"
    built = build_neighbours(raw, box(0, 0, 2, 2))
    assert [f["properties"]["name"] for f in built["features"]] == ["Name XA", "Name XB"]


def test_a_neighbour_without_a_name_is_refused() -> None:
    nameless = {"properties": {"country_a3": "XAA"}, "geometry": mapping(box(2, 0, 4, 2))}
    raw = {"features": [nameless]}
    with pytest.raises(NeighbourError, match="XAA: no country_name"):
        build_neighbours(raw, box(0, 0, 2, 2))
