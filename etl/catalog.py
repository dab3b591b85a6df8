"""Reading the catalog (file,source,title,author,published,url) that names and dates each report.

The catalog is hand-edited, so every problem is reported with the catalog's file name and the
line it is on, and the run goes on wherever the rest of the catalog is still usable: a bad row
costs at most that row's metadata, never the run. Only a catalog that cannot be read at all, or
has no `file` column to join on, stops the run.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from etl.controls import without_any_controls, without_controls
from etl.model import ReportMeta
from etl.problems import EtlError, Problem
from etl.sniffing import kind_by_name
from etl.spreadsheet import runs_as_formula
from etl.textdecode import decode_legacy

CATALOG_COLUMNS: tuple[str, ...] = ("file", "source", "title", "author", "published", "url")

_PUBLISHED = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")
_YEARS = range(1900, 2100)
# Dates before this are typos for a table of 2021-2024 activity (the NRF formed in 2021; 2001
# still lets reports on its predecessors through); so are dates after the day of the run.
EARLIEST_PUBLISHED = 2001
# Python csv's default field size limit; no real catalog field comes near it. A longer field
# costs its row, not the run.
MAX_FIELD_CHARS = 131_072
# How much of a field a message quotes: enough to find it in the catalog.
_QUOTED_CHARS = 60


@dataclass(frozen=True)
class CatalogEntry:
    """One usable catalog row; published is '' when the catalog's date was missing or unusable."""

    meta: ReportMeta
    line: int
    file: str = ""


@dataclass(frozen=True)
class Catalog:
    """Entries keyed by source_id, and the problems found while reading them."""

    name: str
    entries: dict[str, CatalogEntry]
    problems: tuple[Problem, ...]


def source_id_for(file_name: str) -> str:
    """The report's id in the table: its file name without its report suffix (.txt, .html,
    .htm, .pdf), in any case (B.TXT is report B, as the folder listing reads it), and
    without control characters."""
    if kind_by_name(file_name) is not None:
        file_name = file_name[: file_name.rindex(".")]
    return without_any_controls(file_name)


def is_valid_published(value: str) -> bool:
    """True for 'YYYY-MM' or 'YYYY-MM-DD' naming a real month or day (no 2022-02-30)."""
    match = _PUBLISHED.fullmatch(value)
    if not match:
        return False
    year, month, day = int(match[1]), int(match[2]), int(match[3] or 1)
    if year not in _YEARS:
        return False
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def implausible_published(value: str, today: date) -> str | None:
    """Why a valid 'YYYY-MM[-DD]' date is unlikely to be true (in the future, or before
    EARLIEST_PUBLISHED), or None; a month counts from its first day."""
    match = _PUBLISHED.fullmatch(value)
    if match is None:
        return None
    year, month, day = int(match[1]), int(match[2]), int(match[3] or 1)
    if year < EARLIEST_PUBLISHED:
        return f"published date {value} is before {EARLIEST_PUBLISHED}; is it a typo?"
    if date(year, month, day) > today:
        return f"published date {value} is in the future (today is {today.isoformat()})"
    return None


def load_catalog(path: Path, name: str | None = None) -> Catalog:
    """Parse the catalog; name is how messages refer to it (defaults to the path as given)."""
    display = name if name is not None else str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise EtlError(f"{display}: catalog file not found") from None
    except OSError as err:
        raise EtlError(f"{display}: cannot read the catalog: {err.strerror}") from None
    text, problems = _decode(data, display)
    entries = _parse(text, display, problems)
    return Catalog(name=display, entries=entries, problems=tuple(problems))


def _decode(data: bytes, display: str) -> tuple[str, list[Problem]]:
    """UTF-8 (with or without BOM), else Windows-1252 as spreadsheets export it, with a warning."""
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as err:
        text, _, problem = decode_legacy(data, display, err, "catalog is ")
        return text, [problem]


def _parse(text: str, display: str, problems: list[Problem]) -> dict[str, CatalogEntry]:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        with _field_size_limit(len(text) + 1):  # csv's own limit would stop the whole run
            header = next(reader, None)
            if header is None:
                raise EtlError(f"{display}: catalog is empty (expected a header line)")
            columns = _header_columns(header, display, problems)
            entries: dict[str, CatalogEntry] = {}
            line = reader.line_num + 1
            for fields in reader:
                too_long = _too_long(fields)
                if too_long is not None:
                    problems.append(Problem(display, line, too_long))
                else:
                    _add_row(fields, line, columns, len(header), display, entries, problems)
                line = reader.line_num + 1
    except csv.Error as err:
        raise EtlError(f"{display}:{reader.line_num}: catalog is not valid CSV: {err}") from None
    return entries


@contextmanager
def _field_size_limit(limit: int) -> Iterator[None]:
    """csv's process-wide field size limit raised while the catalog is parsed, then restored."""
    previous = csv.field_size_limit(max(limit, csv.field_size_limit()))
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def _too_long(fields: list[str]) -> str | None:
    """Why a row with a field over MAX_FIELD_CHARS is ignored, or None."""
    for number, field in enumerate(fields, start=1):
        if len(field) > MAX_FIELD_CHARS:
            return (
                f"field {number} is {len(field):,} characters long, over the limit of "
                f"{MAX_FIELD_CHARS:,}; row ignored"
            )
    return None


def _header_columns(header: list[str], display: str, problems: list[Problem]) -> dict[str, int]:
    """Map each known column to its position; a missing `file` column is fatal, others warn."""
    positions: dict[str, int] = {}
    for index, raw in enumerate(header):
        positions.setdefault(raw.strip().lower(), index)
    expected = ",".join(CATALOG_COLUMNS)
    if "file" not in positions:
        raise EtlError(
            f"{display}:1: catalog header has no 'file' column (expected {expected})"
        )
    missing = [column for column in CATALOG_COLUMNS if column not in positions]
    if missing:
        message = (
            f"catalog header lacks column(s) {', '.join(missing)} (expected {expected}); "
            "those fields are left blank"
            + (" and dates are inferred from the report text" if "published" in missing else "")
        )
        problems.append(Problem(display, 1, message))
    return {column: positions[column] for column in CATALOG_COLUMNS if column in positions}


def _add_row(
    fields: list[str],
    line: int,
    columns: dict[str, int],
    width: int,
    display: str,
    entries: dict[str, CatalogEntry],
    problems: list[Problem],
) -> None:
    """Validate one data row and keep it unless it has no file name or repeats an earlier one."""
    if not any(field.strip() for field in fields):
        return
    if len(fields) != width:
        problems.append(
            Problem(display, line, f"row has {len(fields)} fields, the header has {width}")
        )
    values: dict[str, str] = {}
    for column, index in columns.items():
        raw = fields[index] if index < len(fields) else ""
        values[column] = without_controls(raw)[0].strip()
        message = _field_warning(column, raw, values[column])
        if message is not None:
            problems.append(Problem(display, line, message))
    file_name = values["file"]
    if not file_name:
        problems.append(Problem(display, line, "row has no file name; row ignored"))
        return
    source_id = source_id_for(file_name)
    if source_id in entries:
        first = entries[source_id].line
        message = f"duplicate row for {file_name} (first at line {first}); keeping the first"
        problems.append(Problem(display, line, message))
        return
    published = values.get("published", "")
    if "published" in columns and not is_valid_published(published):
        what = f"unparseable published date {published!r}" if published else "no published date"
        message = (
            f"{what} for {file_name} (expected YYYY-MM or YYYY-MM-DD); "
            "the date is inferred from the report text"
        )
        problems.append(Problem(display, line, message))
        published = ""
    meta = ReportMeta(
        source_id=source_id,
        source=values.get("source", ""),
        title=values.get("title", ""),
        author=values.get("author", ""),
        published=published,
        url=values.get("url", ""),
    )
    entries[source_id] = CatalogEntry(meta=meta, line=line, file=file_name)


def _field_warning(column: str, raw: str, value: str) -> str | None:
    """What was done to a field, or is worth a word though it is kept: control characters
    are removed, and the table protects a formula, but users should learn their catalog
    holds one."""
    if without_controls(raw)[1]:
        return f"{column} {quoted(raw)} holds control characters; they are removed"
    if runs_as_formula(value):
        return (
            f"{column} {quoted(value)} would run as a formula in a spreadsheet; "
            "written with a leading ' in the table"
        )
    return None


def quoted(value: str) -> str:
    """A field as messages show it: repr()'d (so line breaks stay on one line), shortened."""
    if len(value) > _QUOTED_CHARS:
        return repr(value[:_QUOTED_CHARS]) + "…"
    return repr(value)
