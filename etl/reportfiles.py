"""Which entries of the reports folder are read as reports, and which are refused.

A report's text is published as evidence, so only regular files are read: a symbolic link
is followed only when the file it points to is inside the reports folder itself (a link to
/etc/passwd or a private file must never reach the table), and directories, named pipes,
devices and sockets named like reports are refused with a warning (opening a pipe would block
the run, a device could be endless). Reports are the files named *.txt, *.html, *.htm and
*.pdf (etl.sniffing; how each is read is decided by its content); the suffix is matched in
any case: `B.TXT` is report `B`.
Reports are listed in id order, the order of the table.
"""

from __future__ import annotations

import stat
from dataclasses import dataclass
from pathlib import Path

from etl.catalog import source_id_for
from etl.filekinds import kind_of
from etl.problems import EtlError, Problem
from etl.sniffing import SUFFIX_KINDS, kind_by_name

_PATTERNS = ", ".join(f"*{suffix}" for suffix in SUFFIX_KINDS)


@dataclass(frozen=True)
class ReportFile:
    """One report to read: path is what to open, name is how messages call it."""

    path: Path
    name: str
    source_id: str


@dataclass(frozen=True)
class Listing:
    """The reports to read, the entries refused, and every report id the folder names
    (refused ones too, so the catalog's rows for them are not called missing)."""

    reports: list[ReportFile]
    problems: list[Problem]
    ids: frozenset[str]


def is_report_name(file_name: str) -> bool:
    """A name ending in a report suffix, in any case, with something before the suffix."""
    return kind_by_name(file_name) is not None


def list_reports(reports_dir: Path) -> Listing:
    """Every report directly in reports_dir; an empty folder is an error, not an empty table
    (far more likely a wrong --reports than a wish to replace the table with nothing)."""
    if not reports_dir.is_dir():
        raise EtlError(f"{reports_dir}: reports directory not found")
    root = reports_dir.resolve()
    reports: dict[str, ReportFile] = {}
    problems: list[Problem] = []
    entries = sorted(p for p in reports_dir.iterdir() if is_report_name(p.name))
    for entry in entries:
        name = str(reports_dir / entry.name)
        target, refusal = _target(entry, root)
        source_id = source_id_for(entry.name)
        if refusal is None and not source_id:
            refusal = "file name is only control characters and a suffix; skipped"
        if refusal is None and source_id in reports:
            refusal = f"same report id {source_id!r} as {reports[source_id].name}; skipped"
        if refusal is not None:
            problems.append(Problem(name, None, refusal))
        else:
            reports[source_id] = ReportFile(path=target, name=name, source_id=source_id)
    if not reports:
        refused = f" ({len(problems)} refused, see above)" if problems else ""
        raise EtlError(f"{reports_dir}: no reports ({_PATTERNS}) in this directory{refused}")
    ids = frozenset(source_id_for(entry.name) for entry in entries)
    return Listing(reports=[reports[k] for k in sorted(reports)], problems=problems, ids=ids)


def _target(entry: Path, root: Path) -> tuple[Path, str | None]:
    """The regular file to read for entry, or a refusal saying why it is not read."""
    try:
        mode = entry.lstat().st_mode
        if not stat.S_ISLNK(mode):
            kind = kind_of(mode)
            return entry, None if kind is None else f"is {kind}, not a report file; skipped"
        target = entry.resolve(strict=True)
        mode = target.stat().st_mode
    except (OSError, RuntimeError):
        return entry, "is a broken symbolic link or cannot be examined; skipped"
    if not target.is_relative_to(root):
        return entry, f"is a symbolic link to {target}, outside the reports folder; not followed"
    kind = kind_of(mode)
    if kind is not None:
        return entry, f"is a symbolic link to {kind}, not a report file; skipped"
    return target, None

