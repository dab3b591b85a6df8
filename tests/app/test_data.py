"""Loading: the table's types, paths from the environment, clear errors for bad files."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest

from app import data, export
from etl.model import COLUMNS
from etl.pipeline import build, write_table
from etl.provinces import ISO_CODES


def test_sample_loads_with_integer_years_and_text_cells(rows):
    assert tuple(rows.columns) == COLUMNS
    assert len(rows) == 14
    assert rows["year_from"].dtype == "int64" and rows["char_end"].dtype == "int64"
    assert rows.loc[rows["source_id"] == "beta-2024", "title"].iloc[0].startswith("=HYPERLINK(")


def test_paths_default_to_project_data_and_follow_environment(monkeypatch, paths):
    root, sample, boundaries = paths["root"], paths["sample"], paths["boundaries"]
    monkeypatch.delenv("NRF_DATA", raising=False)
    monkeypatch.delenv("NRF_BOUNDARIES", raising=False)
    assert data.activity_path() == root / "data" / "nrf_activity.csv"
    assert data.boundaries_path() == root / "data" / "afghanistan_provinces.geojson"
    monkeypatch.chdir(root / "tests")  # relative paths are from the project, not the cwd
    monkeypatch.setenv("NRF_DATA", "tests/fixtures/activity_sample.csv")
    monkeypatch.setenv("NRF_BOUNDARIES", str(boundaries))
    assert data.activity_path() == sample
    assert data.boundaries_path() == boundaries


def _write_sample_with(
    sample: Path, tmp_path: Path, line_index: int, column: str, value: str
) -> Path:
    lines = sample.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    cells = lines[line_index].split(",")
    cells[header.index(column)] = value
    lines[line_index] = ",".join(cells)
    path = tmp_path / "bad.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("year_from", "20x1", "year_from must be an integer"),
        ("iso_3166_2", "AF-XXX", "unknown province code"),
        ("category", "rumour", "unknown category"),
        ("year_to", "2020", "year_from 2021 > year_to 2020"),
    ],
)
def test_bad_row_names_file_and_line(paths, tmp_path, column, value, message):
    path = _write_sample_with(paths["sample"], tmp_path, 1, column, value)
    with pytest.raises(data.DataError, match=message) as caught:
        data.load_activity(path)
    assert str(path) in str(caught.value) and "line 2" in str(caught.value)


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("year_from", "1" + "0" * 30),  # 10^30: int64 overflows
        ("year_to", "²⁰²²"),  # str.isdigit() says yes, int() says no
        ("char_start", "٣٤"),  # Arabic-Indic digits
        ("char_end", "-5"),
    ],
)
def test_numbers_must_be_plain_ascii_digits(paths, tmp_path, column, value):
    path = _write_sample_with(paths["sample"], tmp_path, 3, column, value)
    with pytest.raises(data.DataError, match=f"line 4: {column} must be an integer"):
        data.load_activity(path)


def test_an_empty_table_names_the_file_and_line(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    with pytest.raises(data.DataError, match="empty") as caught:
        data.load_activity(path)
    assert str(caught.value).startswith(f"{path}: line 1: ")


def test_wrong_header_and_missing_file_are_clear(tmp_path):
    path = tmp_path / "header.csv"
    path.write_text("province,count\nPanjshir,3\n", encoding="utf-8")
    with pytest.raises(data.DataError, match="line 1: expected columns"):
        data.load_activity(path)
    with pytest.raises(data.DataError, match="not found"):
        data.load_activity(tmp_path / "absent.csv")


def test_boundaries_have_every_province(boundaries):
    codes = [f["properties"]["iso_3166_2"] for f in boundaries["features"]]
    assert sorted(codes) == sorted(ISO_CODES)


def test_boundaries_with_unknown_code_are_rejected(tmp_path):
    path = tmp_path / "b.geojson"
    path.write_text(
        '{"type": "FeatureCollection", "features": [{"type": "Feature", '
        '"properties": {"iso_3166_2": "AF-ZZZ"}, "geometry": null}]}',
        encoding="utf-8",
    )
    with pytest.raises(data.DataError, match="feature 1: unknown iso_3166_2 'AF-ZZZ'"):
        data.load_boundaries(path)


def test_provenance_names_reports_publishers_and_dates(rows):
    assert data.provenance(rows) == (
        "14 province mentions from 4 reports by 2 publishers (Alpha Institute, Beta News), "
        "published 2021-09 to 2024-01-15."
    )
    assert "empty" in data.provenance(rows.iloc[0:0])


def test_a_table_the_etl_protected_loads_with_the_catalog_text_as_written(paths, tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    seed = paths["root"] / "seeds" / "004_24f4934fff9a6e85.txt"
    (reports / "r.txt").write_bytes(seed.read_bytes())
    title = '=HYPERLINK("http://evil.example","click")\n+1 and \'=quoted'
    catalog = tmp_path / "sources.csv"
    catalog.write_text(
        "file,source,title,author,published,url\n"
        f'r.txt,@Press,"{title.replace(chr(34), chr(34) * 2)}",-A. Writer,2022-09,\n',
        encoding="utf-8",
    )
    table = tmp_path / "nrf_activity.csv"
    write_table(build(reports, catalog).as_dicts(), table)
    assert "'=HYPERLINK(" in table.read_text(encoding="utf-8")

    rows = data.load_activity(table)
    assert len(rows) > 0
    assert set(rows["title"]) == {title}
    assert set(rows["source"]) == {"@Press"} and set(rows["author"]) == {"-A. Writer"}
    downloaded = pd.read_csv(io.BytesIO(export.to_csv_bytes(rows)), dtype=str)
    assert set(downloaded["title"]) == {
        '\'=HYPERLINK("http://evil.example","click")\n\'+1 and \'=quoted'
    }


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"type": "FeatureCollection", "features": []}', "has no features"),
        ('{"type": "FeatureCollection", "features": [1, "x"]}', "feature 1: not a JSON object"),
        ('{"type": "FeatureCollection", "features": [{"properties": 3}]}',
         "feature 1: properties must be a JSON object"),
        ('{"type": "FeatureCollection", "features": [{"properties": {"iso_3166_2": "AF-PAN"}}]}',
         "feature 1: geometry must be a JSON object or null"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"features": [' + "9" * 5000 + "]}", "not valid GeoJSON"),
        ("", "not valid GeoJSON"),
    ],
    ids=["no features", "not objects", "bad properties", "no geometry", "deep", "digits", "empty"],
)
def test_bad_boundaries_name_the_file(tmp_path, text, message):
    _refused(data.load_boundaries, tmp_path / "b.geojson", text, message)


def _refused(loader, path: Path, text: str, message: str) -> None:
    """The loader refuses the file with a message that starts with its path."""
    path.write_text(text, encoding="utf-8")
    with pytest.raises(data.DataError, match=message) as caught:
        loader(path)
    assert str(caught.value).startswith(f"{path}: ")


def test_the_first_bad_line_is_named_whatever_its_fault(paths, tmp_path):
    """Rules are checked column by column, but the message is about the first bad line."""
    lines = paths["sample"].read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    for index, column, value in ((4, "category", "rumour"), (9, "year_from", "x")):
        cells = lines[index].split(",")
        cells[header.index(column)] = value
        lines[index] = ",".join(cells)
    path = tmp_path / "two_bad.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(data.DataError, match="line 5: unknown category 'rumour'"):
        data.load_activity(path)


def test_numbers_with_spaces_around_them_still_load(paths, tmp_path):
    path = _write_sample_with(paths["sample"], tmp_path, 2, "year_to", " 2021 ")
    assert data.load_activity(path)["year_to"].iloc[1] == 2021


def test_a_malformed_line_is_named(paths, tmp_path):
    lines = paths["sample"].read_text(encoding="utf-8").splitlines()
    lines[2] += ",extra"
    path = tmp_path / "long_row.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(data.DataError, match=r"cannot parse CSV: .*line 3") as caught:
        data.load_activity(path)
    assert str(caught.value).startswith(f"{path}: ")


def test_a_row_missing_its_last_cells_loads_with_them_empty(paths, tmp_path):
    lines = paths["sample"].read_text(encoding="utf-8").splitlines()
    assert lines[1].endswith(",")  # the first row's place is empty
    lines[1] = lines[1][:-1]
    path = tmp_path / "short_row.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    loaded = data.load_activity(path)
    pd.testing.assert_frame_equal(loaded, data.load_activity(paths["sample"]))


def test_text_that_is_not_utf8_is_a_parse_error_naming_the_file(paths, tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes(paths["sample"].read_bytes().replace(b"Kabul", b"K\xe2bul"))
    with pytest.raises(data.DataError, match=r"cannot parse CSV: .*utf-8") as caught:
        data.load_activity(path)
    assert str(caught.value).startswith(f"{path}: ")


def test_the_committed_neighbours_load(monkeypatch):
    monkeypatch.delenv("NRF_NEIGHBOURS", raising=False)
    neighbours = data.load_neighbours(data.neighbours_path())
    assert {f["properties"]["name"] for f in neighbours["features"]} == {
        "China", "Iran", "Pakistan", "Tajikistan", "Turkmenistan", "Uzbekistan"
    }


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"type": "FeatureCollection", "features": [{"properties": {"name": "Iran"}}]}',
         "feature 1: needs a name, label_lat and label_lon"),
        ('{"type": "FeatureCollection", "features": [7]}', "feature 1: needs a name"),
        ("[", "not valid GeoJSON"),
        ('{"type": "FeatureCollection", "features": []}', "neighbouring countries: none"),
    ],
)
def test_bad_neighbours_name_the_file(tmp_path, text, message):
    _refused(data.load_neighbours, tmp_path / "neighbours.geojson", text, message)
    with pytest.raises(data.DataError, match="neighbouring countries not found"):
        data.load_neighbours(tmp_path / "absent.geojson")


def test_repeated_text_loads_as_categoricals_that_hold_every_value_a_review_may_set(rows):
    for column in data.CATEGORY_COLUMNS:
        assert isinstance(rows[column].dtype, pd.CategoricalDtype), column
    assert set(rows["iso_3166_2"].cat.categories) >= set(ISO_CODES)
    assert {"", "nrf", "taliban", "third_party"} <= set(rows["claimed_by"].cat.categories)
    assert "Herat" in set(rows["province"].cat.categories)  # no row of the sample names it
    assert rows["evidence"].dtype == "str"  # a sentence per row: nothing to share
    assert list(rows["category"].cat.categories) == sorted(rows["category"].cat.categories)


def test_a_value_stored_with_and_without_its_quote_loads_as_one_text(paths, tmp_path):
    # Quotes are taken off each distinct value once; here two stored values become one.
    lines = paths["sample"].read_text(encoding="utf-8").splitlines(keepends=True)
    raw = next(line for line in lines if line.startswith("beta-2024"))
    quoted = raw.replace('"=HYPERLINK(', '"\'=HYPERLINK(').replace(",11,17,", ",12,18,")
    table = tmp_path / "activity.csv"
    table.write_text("".join([*lines, quoted]), encoding="utf-8")
    titles = data.load_activity(table)["title"]
    assert titles.iloc[-1] == titles.iloc[-2] == '=HYPERLINK("http://evil.example","click")'
    assert isinstance(titles.dtype, pd.CategoricalDtype)
    assert list(titles.cat.categories) == sorted(set(titles))
