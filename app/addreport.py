"""Adding a report from the dashboard: check the upload, preview its rows, save and rebuild.

An upload is untrusted: it is read by etl.reading.read_document, the reader `python -m etl`
uses, so its kind (plain text, saved web page or PDF) is decided by its bytes, never its name
(a name that says otherwise earns a warning naming the file), and its size is capped like a
report file's (etl.limits). It is saved as the original bytes under a generated name (a number,
the hash of its bytes and the suffix of the kind it holds), so no user-supplied path ever
reaches the file system and the ETL re-reads exactly the text that was previewed. The same
bytes already in the reports folder are refused, naming the file that holds them. The form is
prefilled from what a page or PDF declares about itself (site name, title, author, date, URL),
else from its text.

The preview is what the real pipeline finds: the upload and its catalog row are written into a
temporary folder and run through etl.pipeline.build, so the rows shown are the rows added.
"Add to the map" holds the catalog's lock (etl.filelock) while it writes the report and its
catalog row (each atomically) and rebuilds the table with etl.pipeline.write_build, through
the per-report cache `python -m etl` keeps beside the table (only the new report is
extracted); if the rebuild fails, both are taken back, so the folder, the catalog and the
table stay in step.
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
from etl.controls import printable, without_any_controls
from etl.document import Document, Kind
from etl.filelock import locked
from etl.limits import MAX_PAGE_FILE_BYTES
from etl.metadata import infer_published, infer_title
from etl.model import ReportMeta
from etl.pipeline import Build, build, write_build
from etl.reading import read_document
from etl.reportcache import default_cache_dir
from etl.reportfiles import is_report_name
from etl.spreadsheet import runs_as_formula

DEFAULT_REPORTS = PROJECT_ROOT / "seeds"
DEFAULT_CATALOG = DEFAULT_REPORTS / "sources.csv"
# The suffix a report is saved with, by the kind its bytes hold: the ETL reads it as that kind.
SUFFIXES: dict[Kind, str] = {"txt": ".txt", "html": ".html", "pdf": ".pdf"}
# The uploader's own cap, in MiB: the largest report file the ETL reads (a page or a PDF).
UPLOAD_LIMIT_MB = MAX_PAGE_FILE_BYTES // 2**20
_NUMBERED = re.compile(r"\A(\d+)_")


@dataclass(frozen=True)
class Upload:
    """One file as the visitor gave it (name only for messages) or pasted text."""

    name: str
    data: bytes


@dataclass(frozen=True)
class Candidate:
    """An upload that may be added: its kind, text, suggested metadata and any warnings."""

    upload: Upload
    kind: Kind
    text: str
    suggested: ReportMeta
    warnings: tuple[str, ...]
    sha256: str


@dataclass(frozen=True)
class Added:
    """What "Add to the map" did: the generated file name, and the rebuild's outcome (cached:
    the reports taken from the cache, not extracted again)."""

    file_name: str
    rows: int
    problems: tuple[str, ...]
    cached: int


class Refused(ValueError):
    """The upload or its metadata cannot be added; the message says why, for the visitor."""


def reports_dir() -> Path:
    """The folder the table is built from (NRF_REPORTS, else seeds/)."""
    return _env_path("NRF_REPORTS", DEFAULT_REPORTS)


def catalog_path() -> Path:
    """The catalog the table is built with (NRF_CATALOG, else seeds/sources.csv)."""
    return _env_path("NRF_CATALOG", DEFAULT_CATALOG)


def examine(upload: Upload, folder: Path) -> Candidate:
    """Check one upload and read it as the ETL will; Refused says why it cannot be added."""
    if not upload.data.strip():
        raise Refused(f"{upload.name}: the file is empty")
    if len(upload.data) > MAX_PAGE_FILE_BYTES:
        raise Refused(
            f"{upload.name}: {len(upload.data):,} bytes, over the limit of "
            f"{MAX_PAGE_FILE_BYTES:,} bytes for a report file"
        )
    present = find_same_bytes(upload.data, folder)
    if present is not None:
        raise Refused(_already(upload.name, present))
    document = read_document(upload.data, upload.name)
    said = tuple(printable(f"{p.where()}: {p.message}") for p in document.problems)
    if document.text is None:
        raise Refused("; ".join(said) + " (not added)")
    sha256 = hashlib.sha256(upload.data).hexdigest()
    return Candidate(upload, document.kind, document.text, suggest_meta(document), said, sha256)


def suggest_meta(document: Document) -> ReportMeta:
    """The form's first values: what the file declares about itself, else what its text says
    (a plain-text report declares nothing)."""
    declared, text = document.metadata, document.text or ""
    return ReportMeta(
        source_id="",
        source=declared.source,
        title=declared.title or infer_title(text, ""),
        author=declared.author,
        published=declared.published or infer_published(text) or "",
        url=declared.url,
    )


def find_same_bytes(data: bytes, folder: Path) -> Path | None:
    """A report file in folder holding exactly these bytes, or None."""
    if not folder.is_dir():
        return None
    reports = (p for p in sorted(folder.iterdir()) if is_report_name(p.name))
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
            written = write_build(folder, catalog, table, today=today, stream=messages,
                                  cache=default_cache_dir(table))  # fmt: skip
        except BaseException:
            report.unlink(missing_ok=True)
            if before is not None:
                write_bytes_atomic(catalog, before)
            raise
    problems = tuple(messages.getvalue().splitlines())
    return Added(name, written.rows, problems, written.reports_cached)


def _append_row(catalog: Path, before: bytes | None, line: str) -> None:
    """The catalog with one more row, written atomically (a header first if it is new); the
    existing bytes are kept exactly as they were."""
    old = before if before else (",".join(CATALOG_COLUMNS) + "\n").encode("utf-8")
    if not old.endswith((b"\n", b"\r")):
        old += b"\n"
    write_bytes_atomic(catalog, old + line.encode("utf-8"))
