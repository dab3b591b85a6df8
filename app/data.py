"""Loading the tidy table and the province boundaries for the dashboard.

Paths come from the environment (NRF_DATA, NRF_BOUNDARIES) so tests and the benchmark can point
the app at fixtures; defaults resolve from this file's location, never the working directory,
because `streamlit run` may be started from anywhere. Both loaders fail with a message naming
the file (and the line, for a bad row) instead of letting a half-read table reach the page.

The ETL writes the table spreadsheet-safe (etl.spreadsheet): a line of a text cell that a
spreadsheet would run as a formula is stored with a leading single quote. The loader takes
that quote off again (unprotect_cell), so the page shows titles and sentences as the catalog
and the report wrote them; the download puts it back (app.export). A table written without
the quotes (older, or by hand) loads unchanged.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pandas as pd

from etl.model import CATEGORIES, CLAIMANTS, COLUMNS, INT_COLUMNS
from etl.provinces import BY_ISO, ISO_CODES
from etl.spreadsheet import QUOTE, unprotect_cell

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ACTIVITY = PROJECT_ROOT / "data" / "nrf_activity.csv"
DEFAULT_BOUNDARIES = PROJECT_ROOT / "data" / "afghanistan_provinces.geojson"
DEFAULT_NEIGHBOURS = PROJECT_ROOT / "data" / "neighbours.geojson"

TEXT_COLUMNS: tuple[str, ...] = tuple(c for c in COLUMNS if c not in INT_COLUMNS)
# Years and offsets: ASCII digits only (str.isdigit takes '²⁰²²'), short enough for int64.
MAX_DIGITS = 18
_WHOLE_NUMBER = re.compile(rf"[0-9]{{1,{MAX_DIGITS}}}")
# Text columns with few distinct values for the rows they fill (a report's title and
# publisher repeat on each of its rows; 34 provinces, three categories): held as pandas
# categoricals, each value stored once and each row a small integer code. Picking rows then
# copies codes, not strings (100k rows: the table 25 MB instead of 64 MB, a filter's copy
# 8 ms instead of 50 ms), and comparisons look at each distinct value once. The sentence
# (evidence) stays plain text: nearly every row has its own.
CATEGORY_COLUMNS: tuple[str, ...] = (
    "source_id", "source", "title", "published", "province", "iso_3166_2", "category",
    "matched_text", "author", "url", "claimed_by", "place",
)  # fmt: skip
# Every value a review may set (app.reviews) is a category from the start: a categorical
# refuses a value it does not hold.
KNOWN_CATEGORIES: dict[str, tuple[str, ...]] = {
    "province": tuple(province.name for province in BY_ISO.values()),
    "iso_3166_2": tuple(ISO_CODES),
    "category": CATEGORIES,
    "claimed_by": ("", *CLAIMANTS),
}


class DataError(ValueError):
    """The input file is missing or malformed; the message names the file and line."""


def _env_path(variable: str, default: Path) -> Path:
    """A path from the environment, relative paths taken from the project root."""
    value = os.environ.get(variable, "").strip()
    if not value:
        return default
    path = Path(value)
    return path if path.is_absolute() else PROJECT_ROOT / path


def activity_path() -> Path:
    """Where the tidy table is read from (NRF_DATA, else data/nrf_activity.csv)."""
    return _env_path("NRF_DATA", DEFAULT_ACTIVITY)


def boundaries_path() -> Path:
    """Where the province shapes are read from (NRF_BOUNDARIES, else data/...geojson)."""
    return _env_path("NRF_BOUNDARIES", DEFAULT_BOUNDARIES)


def neighbours_path() -> Path:
    """Where the neighbouring countries are read from (NRF_NEIGHBOURS, else data/...)."""
    return _env_path("NRF_NEIGHBOURS", DEFAULT_NEIGHBOURS)


def file_version(path: Path) -> int:
    """The file's modification time in ns (0 if absent): a cache key that changes on rebuild."""
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


def load_activity(path: Path) -> pd.DataFrame:
    """Read the tidy table: text columns as str ('' for empty), those of CATEGORY_COLUMNS
    as categoricals of str, years and offsets as int.

    Columns must start with etl.model.COLUMNS in order (extra trailing columns are kept).
    Unknown ISO codes or categories would silently vanish from the map, so they are errors.
    """
    if not path.is_file():
        raise DataError(f"{path}: activity table not found (run `python -m etl` to build it)")
    try:
        frame = _read_csv(path)
    except pd.errors.EmptyDataError as exc:
        raise DataError(f"{path}: line 1: the file is empty; expected the header line") from exc
    except (UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise DataError(f"{path}: cannot parse CSV: {exc}") from exc
    except OSError as exc:
        raise DataError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    header = tuple(frame.columns[: len(COLUMNS)])
    if header != COLUMNS:
        raise DataError(
            f"{path}: line 1: expected columns {', '.join(COLUMNS)}; "
            f"got {', '.join(frame.columns)}"
        )
    for column in TEXT_COLUMNS:
        if column in CATEGORY_COLUMNS:  # quotes taken off each distinct value once
            text = categorical(frame[column], KNOWN_CATEGORIES.get(column, ()))
            frame[column] = _unprotected_categories(text)
        else:
            frame[column] = _unprotected(frame[column])
    suspect, numbers = _suspect_rows(frame)
    for offset in suspect:
        _check_row(path, offset + 2, frame.iloc[offset].to_dict())
    for column in INT_COLUMNS:  # without suspects, the numbers read while checking are right
        frame[column] = frame[column].astype("int64") if suspect else numbers[column]
    return frame


def categorical(column: pd.Series, known: tuple[str, ...] = ()) -> pd.Series:
    """The text column as a categorical holding its values and the `known` ones, in text
    order (so sorting and grouping order rows as they would the text)."""
    values = column.astype("category")
    categories = values.cat.categories
    if not known or set(known) <= set(categories):
        return values
    return values.cat.set_categories(sorted({*categories, *known}))


def _read_csv(path: Path) -> pd.DataFrame:
    """Every cell as text. pyarrow's reader is twice as fast and needs half the memory of
    pandas' own (500k rows: 3.4 s, +350 MB); a file it refuses is read again by pandas' own,
    whose messages name the line, and which fills a short row's missing cells with ''."""
    options: dict[str, Any] = {"dtype": str, "keep_default_na": False, "encoding": "utf-8"}
    try:
        return pd.read_csv(path, engine="pyarrow", **options)
    except (UnicodeDecodeError, pd.errors.ParserError):
        return pd.read_csv(path, **options)


def _unprotected(column: pd.Series) -> pd.Series:
    """The column with etl.spreadsheet's quotes taken off; only cells holding a quote are
    touched (a Python call per cell costs seconds at half a million rows)."""
    quoted = column.str.contains(QUOTE, regex=False)
    if quoted.any():
        column = column.copy()
        column[quoted] = column[quoted].map(unprotect_cell)
    return column


def _unprotected_categories(column: pd.Series) -> pd.Series:
    """_unprotected for a categorical: each distinct value unquoted once. Should two values
    become one (a quoted and an unquoted copy of a formula-like cell), cell by cell."""
    categories = column.cat.categories
    quoted = categories.str.contains(QUOTE, regex=False)
    if not quoted.any():
        return column
    plain = categories.where(~quoted, categories.map(unprotect_cell))
    if not plain.is_unique:
        return categorical(_unprotected(column.astype(str)), tuple(categories[~quoted]))
    return column.cat.rename_categories(plain).cat.reorder_categories(sorted(plain))


def _suspect_rows(frame: pd.DataFrame) -> tuple[list[int], dict[str, pd.Series]]:
    """Positions of rows that may break a rule of _check_row, in table order, and the
    integer columns as read (0 where not plain digits).

    The checks run on whole columns; each row found is then checked by _check_row, which
    raises with the file, line and value, so the first bad row gives the same message as a
    row-by-row check would. Rows are flagged generously (e.g. a number with spaces round
    it), never missed: _check_row has the last word.
    """
    suspect = pd.Series(False, index=frame.index)
    numbers: dict[str, pd.Series] = {}
    for column in INT_COLUMNS:
        plain = frame[column].str.fullmatch(_WHOLE_NUMBER.pattern).astype(bool)
        suspect |= ~plain
        numbers[column] = frame[column].where(plain, "0").astype("int64")
    suspect |= numbers["year_from"] > numbers["year_to"]
    suspect |= ~frame["iso_3166_2"].isin(ISO_CODES)
    suspect |= ~frame["category"].isin(CATEGORIES)
    suspect |= ~frame["claimed_by"].isin(("", *CLAIMANTS))
    return suspect.to_numpy().nonzero()[0].tolist(), numbers


def _shorten(value: str, limit: int = 40) -> str:
    """A bad value as quoted in a message: long ones cut, so the message stays readable."""
    return value if len(value) <= limit else f"{value[:limit]}... ({len(value)} characters)"


def _check_row(path: Path, line: int, row: dict[str, Any]) -> None:
    """Validate one row; `line` is the CSV line number users see in an editor."""
    for column in INT_COLUMNS:
        value = row[column].strip()
        if not _WHOLE_NUMBER.fullmatch(value):
            raise DataError(
                f"{path}: line {line}: {column} must be an integer (at most "
                f"{MAX_DIGITS} digits 0-9), got {_shorten(value)!r}"
            )
    if int(row["year_from"]) > int(row["year_to"]):
        raise DataError(
            f"{path}: line {line}: year_from {row['year_from']} > year_to {row['year_to']}"
        )
    if row["iso_3166_2"] not in ISO_CODES:
        raise DataError(f"{path}: line {line}: unknown province code {row['iso_3166_2']!r}")
    if row["category"] not in CATEGORIES:
        raise DataError(f"{path}: line {line}: unknown category {row['category']!r}")
    if row["claimed_by"] not in ("", *CLAIMANTS):
        raise DataError(f"{path}: line {line}: unknown claimed_by {row['claimed_by']!r}")


def load_boundaries(path: Path) -> dict[str, Any]:
    """Read the province GeoJSON as plain data; every feature must carry a known ISO code.

    Kept as a dict (not a GeoDataFrame): the map only needs to copy features and add
    properties, and a dict is cheap to hash for st.cache_data.
    """
    geojson = _read_collection(path, "province boundaries")
    for number, feature in enumerate(geojson["features"], start=1):
        _check_feature(path, number, feature)
    return geojson


def load_neighbours(path: Path) -> dict[str, Any]:
    """Read the neighbouring countries: each feature a geometry, a name and a label point."""
    geojson = _read_collection(path, "neighbouring countries")
    for number, feature in enumerate(geojson["features"], start=1):
        props = feature.get("properties") if isinstance(feature, dict) else None
        if not isinstance(props, dict) or not isinstance(props.get("name"), str) or not all(
            isinstance(props.get(k), int | float) for k in ("label_lat", "label_lon")
        ):
            raise DataError(f"{path}: feature {number}: needs a name, label_lat and label_lon")
    return geojson


def _read_collection(path: Path, what: str) -> dict[str, Any]:
    """A GeoJSON FeatureCollection with at least one feature, or a DataError naming the file."""
    if not path.is_file():
        raise DataError(f"{path}: {what} not found")
    try:
        geojson = json.loads(path.read_text(encoding="utf-8"))
    except RecursionError as exc:
        raise DataError(f"{path}: not valid GeoJSON: nested too deeply") from exc
    except ValueError as exc:  # bad UTF-8, bad JSON, a number of over 4,300 digits
        raise DataError(f"{path}: not valid GeoJSON: {exc}") from exc
    except OSError as exc:
        raise DataError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    features = geojson.get("features") if isinstance(geojson, dict) else None
    if not isinstance(features, list):
        raise DataError(f"{path}: not a GeoJSON FeatureCollection")
    if not features:
        raise DataError(f"{path}: the FeatureCollection has no features ({what}: none to draw)")
    return geojson


def _check_feature(path: Path, number: int, feature: object) -> None:
    """One province shape: an object with a geometry and a known ISO code in its properties."""
    if not isinstance(feature, dict):
        raise DataError(f"{path}: feature {number}: not a JSON object")
    properties = feature.get("properties")
    if not isinstance(properties, dict):
        raise DataError(f"{path}: feature {number}: properties must be a JSON object")
    if "geometry" not in feature or not isinstance(feature["geometry"], dict | None):
        raise DataError(f"{path}: feature {number}: geometry must be a JSON object or null")
    code = properties.get("iso_3166_2")
    if code not in ISO_CODES:
        raise DataError(f"{path}: feature {number}: unknown iso_3166_2 {_shorten(str(code))!r}")


def provenance(rows: pd.DataFrame) -> str:
    """One line saying where the numbers come from: reports, publishers and their dates."""
    if rows.empty:
        return "The table is empty: no report mentions a province."
    publishers = sorted(rows["source"].unique())
    dates = sorted(d for d in rows["published"].unique() if d)
    span = f", published {dates[0]} to {dates[-1]}" if dates else ""
    return (
        f"{len(rows)} province mentions from {rows['source_id'].nunique()} reports by "
        f"{len(publishers)} publishers ({', '.join(publishers)}){span}."
    )
