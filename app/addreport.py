"""Adding a report from the dashboard: check the upload, preview its rows, save and rebuild.

An upload is untrusted: its kind is decided by its bytes, never its name, its size is capped
at etl.limits.MAX_REPORT_BYTES, and it is saved under a generated name (a number and the hash
of its bytes), so no user-supplied path ever reaches the file system. The same bytes already
in the reports folder are refused, naming the file that holds them.

The preview is what the real pipeline finds: the upload and its catalog row are written into a
temporary folder and run through etl.pipeline.build, so the rows shown are the rows added.
"Add to the map" holds the catalog's lock (etl.filelock) while it writes the report and its
catalog row (each atomically) and rebuilds the table with etl.pipeline.write_build; if the
rebuild fails, both are taken back, so the folder, the catalog and the table stay in step.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.data import PROJECT_ROOT, _env_path
from etl.atomic import write_bytes_atomic
from etl.catalog import CATALOG_COLUMNS, is_valid_published
from etl.controls import without_any_controls
from etl.filelock import locked
from etl.limits import MAX_REPORT_BYTES
from etl.metadata import infer_published, infer_title
from etl.model import ReportMeta
from etl.pipeline import Build, build, write_build
from etl.reading import read_document
from etl.spreadsheet import runs_as_formula

DEFAULT_REPORTS = PROJECT_ROOT / "seeds"
DEFAULT_CATALOG = DEFAULT_REPORTS / "sources.csv"
# What the reports folder can read, by kind; a kind the ETL cannot read yet is refused.
SUFFIXES: dict[str, str] = {"txt": ".txt"}
_HTML_START = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
    re.IGNORECASE | re.DOTALL,
)
_NUMBERED = re.compile(r"\A(\d+)_")
_SNIFF_BYTES = 4096


@dataclass(frozen=True)
class Upload:
    """One file as the visitor gave it (name only for messages) or pasted text."""

    name: str
    data: bytes


@dataclass(frozen=True)
class Candidate:
    """An upload that may be added: its kind, text, suggested metadata and any warnings."""

    upload: Upload
    kind: str
    text: str
    suggested: ReportMeta
    warnings: tuple[str, ...]
    sha256: str


@dataclass(frozen=True)
class Added:
    """What "Add to the map" did: the generated file name, and the rebuild's outcome."""

    file_name: str
    rows: int
    problems: tuple[str, ...]


class Refused(ValueError):
    """The upload or its metadata cannot be added; the message says why, for the visitor."""


def reports_dir() -> Path:
    """The folder the table is built from (NRF_REPORTS, else seeds/)."""
    return _env_path("NRF_REPORTS", DEFAULT_REPORTS)


def catalog_path() -> Path:
    """The catalog the table is built with (NRF_CATALOG, else seeds/sources.csv)."""
    return _env_path("NRF_CATALOG", DEFAULT_CATALOG)


def sniff(data: bytes) -> str:
    """The kind the bytes are, whatever the file was called: 'pdf', 'html' or 'txt'."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if _HTML_START.match(data[:_SNIFF_BYTES]):
        return "html"
    return "txt"


def examine(upload: Upload, folder: Path) -> Candidate:
    """Check one upload and read it; Refused says why it cannot be added."""
    if not upload.data.strip():
        raise Refused(f"{upload.name}: the file is empty")
    if len(upload.data) > MAX_REPORT_BYTES:
        raise Refused(
            f"{upload.name}: {len(upload.data):,} bytes, over the limit of "
            f"{MAX_REPORT_BYTES:,} bytes for one report"
        )
    kind = sniff(upload.data)
    if kind not in SUFFIXES:
        raise Refused(
            f"{upload.name}: a {kind.upper()} file; this dashboard reads plain-text reports "
            "only (save the report's text as .txt)"
        )
    sha256 = hashlib.sha256(upload.data).hexdigest()
    present = find_same_bytes(upload.data, folder)
    if present is not None:
        raise Refused(_already(upload.name, present))
    result = read_document(upload.data, upload.name)
    if result.text is None:
        raise Refused("; ".join(problem.message for problem in result.problems))
    suggested = ReportMeta(
        source_id="",
        source="",
        title=infer_title(result.text, ""),
        author="",
        published=infer_published(result.text) or "",
        url="",
    )
    warnings = tuple(problem.message for problem in result.problems)
    return Candidate(upload, kind, result.text, suggested, warnings, sha256)


def find_same_bytes(data: bytes, folder: Path) -> Path | None:
    """A report file in folder holding exactly these bytes, or None."""
    if not folder.is_dir():
        return None
    suffixes = tuple(SUFFIXES.values())
    reports = (p for p in sorted(folder.iterdir()) if p.name.lower().endswith(suffixes))
    return next((path for path in reports if _holds(path, data)), None)


def _holds(path: Path, data: bytes) -> bool:
    """True when path is a regular file (not a link) with exactly these bytes."""
    if path.is_symlink() or not path.is_file() or path.stat().st_size != len(data):
        return False
    return path.read_bytes() == data


def _already(name: str, present: Path) -> str:
    return f"{name}: this report is already present, as {present.name}; not added again"


def clean_meta(meta: ReportMeta) -> ReportMeta:
    """The form's fields on one line each, without control characters or outer spaces."""
    fields = {k: without_any_controls(" ".join(v.split())).strip() for k, v in vars(meta).items()}
    return ReportMeta(**fields)


def meta_problem(meta: ReportMeta) -> str | None:
    """Why the catalog row cannot be written as given, or None."""
    if not meta.source:
        return "Give the publisher."
    if not meta.title:
        return "Give the title."
    if not is_valid_published(meta.published):
        return "Give the publication date as YYYY-MM or YYYY-MM-DD."
    for name, value in vars(meta).items():
        if runs_as_formula(value):
            return f"The {name} starts with = + - or @ and would run as a spreadsheet formula."
    if meta.url and not re.match(r"https?://\S+\Z", meta.url, re.IGNORECASE):
        return "The URL must start with http:// or https://."
    return None


def file_name_for(candidate: Candidate, folder: Path) -> str:
    """A new name: the next number after the folder's numbered files, then the bytes' hash
    (the seeds' own pattern, e.g. 005_1c729e261becc1e3.txt)."""
    numbers = [int(m[1]) for p in _listing(folder) if (m := _NUMBERED.match(p))]
    number = max(numbers, default=-1) + 1
    return f"{number:03d}_{candidate.sha256[:16]}{SUFFIXES[candidate.kind]}"


def _listing(folder: Path) -> list[str]:
    return [path.name for path in folder.iterdir()] if folder.is_dir() else []


def catalog_line(file_name: str, meta: ReportMeta) -> str:
    """The catalog row for the report, as CSV text with its line end."""
    buffer = io.StringIO()
    values = {"file": file_name, **vars(meta)}
    csv.writer(buffer, lineterminator="\n").writerow([values[c] for c in CATALOG_COLUMNS])
    return buffer.getvalue()


def preview(candidate: Candidate, meta: ReportMeta, *, today: date | None = None) -> Build:
    """The rows and problems the pipeline gives for this report with this metadata."""
    with tempfile.TemporaryDirectory(prefix="nrf-preview-") as tmp:
        folder = Path(tmp)
        name = f"000_{candidate.sha256[:16]}{SUFFIXES[candidate.kind]}"
        (folder / name).write_bytes(candidate.upload.data)
        catalog = folder / "catalog.csv"
        catalog.write_text(",".join(CATALOG_COLUMNS) + "\n" + catalog_line(name, meta))
        return build(folder, catalog, today=today)


def add(
    candidate: Candidate,
    meta: ReportMeta,
    folder: Path,
    catalog: Path,
    table: Path,
    *,
    today: date | None = None,
) -> Added:
    """Save the report and its catalog row, and rebuild the table, all under the catalog's
    lock; Refused if the metadata is unusable or the bytes arrived meanwhile."""
    meta = clean_meta(meta)
    why = meta_problem(meta)
    if why is not None:
        raise Refused(why)
    with locked(catalog):
        present = find_same_bytes(candidate.upload.data, folder)
        if present is not None:
            raise Refused(_already(candidate.upload.name, present))
        name = file_name_for(candidate, folder)
        before = catalog.read_bytes() if catalog.exists() else None
        report = folder / name
        write_bytes_atomic(report, candidate.upload.data)
        try:
            _append_row(catalog, before, catalog_line(name, meta))
            messages = io.StringIO()
            written = write_build(folder, catalog, table, today=today, stream=messages)
        except BaseException:
            report.unlink(missing_ok=True)
            if before is not None:
                write_bytes_atomic(catalog, before)
            raise
    return Added(name, written.rows, tuple(messages.getvalue().splitlines()))


def _append_row(catalog: Path, before: bytes | None, line: str) -> None:
    """The catalog with one more row, written atomically (a header first if it is new); the
    existing bytes are kept exactly as they were."""
    old = before if before else (",".join(CATALOG_COLUMNS) + "\n").encode("utf-8")
    if not old.endswith((b"\n", b"\r")):
        old += b"\n"
    write_bytes_atomic(catalog, old + line.encode("utf-8"))
