"""From a folder of reports and a catalog to the sorted rows of the tidy table, and the CSV.

Reports are independent, so they are processed one per task (in a process pool with jobs > 1),
in report-id order, each report's rows sorted by offset: the output depends only on the input
files, never on the number of workers or the order they finish in. The command streams the
table to its file report by report (write_build), so memory holds one report's rows, never
the table; what one report may add is capped (etl.limits). Problems with the input are
collected as values, printed as they come; writing is atomic so that a run that fails, or is
interrupted, leaves the previous table exactly as it was.
"""

from __future__ import annotations

import csv
import io
import multiprocessing
import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass, replace
from datetime import date
from operator import itemgetter
from pathlib import Path
from typing import Protocol, TextIO

from etl.atomic import atomic_file
from etl.catalog import Catalog, CatalogEntry, implausible_published, load_catalog
from etl.extract import extract_mentions
from etl.interrupts import init_worker
from etl.limits import cap_mentions
from etl.metadata import infer_published, infer_title
from etl.model import CATEGORIES, COLUMNS, Mention, ReportMeta
from etl.problems import EtlError, Problem
from etl.reading import read_report
from etl.reportfiles import Listing, ReportFile, list_reports
from etl.spreadsheet import protect_cell

Row = tuple[str | int, ...]

_IN_COLUMN_ORDER = itemgetter(*COLUMNS)
_SORT_KEY = itemgetter(
    *(COLUMNS.index(name) for name in ("source_id", "char_start", "char_end", "province"))
)
UNKNOWN_SOURCE = "unknown"


@dataclass(frozen=True)
class Task:
    """One report to process; entry is its catalog row, or None when the catalog lacks it."""

    path: Path
    name: str
    source_id: str
    entry: CatalogEntry | None
    catalog_name: str
    today: date


@dataclass(frozen=True)
class ReportResult:
    """What one report contributed: rows in COLUMNS order, and any problems met on the way."""

    rows: list[Row]
    problems: tuple[Problem, ...]
    read: bool


@dataclass(frozen=True)
class Plan:
    """The reports to process and the problems found before reading any (catalog, folder)."""

    tasks: list[Task]
    problems: list[Problem]


@dataclass(frozen=True)
class Written:
    """What write_build put in the table, for the command's summary line."""

    rows: int
    problems: int
    reports_found: int
    reports_read: int


@dataclass(frozen=True)
class Build:
    """The whole run's outcome in memory (for tests and evaluation; the command streams)."""

    rows: list[Row]
    problems: tuple[Problem, ...]
    reports_found: int
    reports_read: int

    def as_dicts(self) -> list[dict[str, str | int]]:
        return [dict(zip(COLUMNS, row, strict=True)) for row in self.rows]


def build_rows(
    reports_dir: Path,
    catalog_path: Path,
    *,
    jobs: int = 1,
    strict: bool = False,
    today: date | None = None,
) -> list[dict[str, str | int]]:
    """Rows of the tidy table (dicts with exactly COLUMNS keys), sorted by report and offset.

    Problems are printed to stderr as 'warning: FILE[:LINE]: message'; with strict=True they
    are printed as errors and EtlError is raised instead of returning.
    """
    result = build(reports_dir, catalog_path, jobs=jobs, today=today)
    report_problems(result.problems, strict=strict)
    return result.as_dicts()


def report_problems(
    problems: Iterable[Problem], *, strict: bool, stream: TextIO | None = None
) -> None:
    """Print problems one per line; under strict they are errors and the run stops."""
    out = stream if stream is not None else sys.stderr
    problems = list(problems)
    _print_problems(problems, "error" if strict else "warning", out)
    if strict and problems:
        raise EtlError(_strict_message(len(problems)))


def _print_problems(problems: Iterable[Problem], level: str, out: TextIO) -> None:
    for problem in problems:
        print(problem.format(level), file=out)


def _strict_message(count: int) -> str:
    return f"{count} problem(s) in the input and --strict is set; nothing written"


def build(
    reports_dir: Path, catalog_path: Path, *, jobs: int = 1, today: date | None = None
) -> Build:
    """Read the catalog and every *.txt report in reports_dir, extract and merge in order.

    today (the clock, default the real date) is what a publication date in the future is
    measured against.
    """
    plan = make_plan(reports_dir, catalog_path, today=today)
    problems = list(plan.problems)
    rows: list[Row] = []
    read = 0
    with closing(_run(plan.tasks, jobs)) as results:
        for result in results:
            rows.extend(result.rows)
            problems.extend(result.problems)
            read += result.read
    return Build(
        rows=rows, problems=tuple(problems), reports_found=len(plan.tasks), reports_read=read
    )


def write_build(
    reports_dir: Path,
    catalog_path: Path,
    out_path: Path,
    *,
    jobs: int = 1,
    strict: bool = False,
    today: date | None = None,
    stream: TextIO | None = None,
) -> Written:
    """Build the table straight into out_path, report by report, printing problems as found.

    The rows go to a temporary file that replaces out_path only at the end, so memory does
    not grow with the table and a failed, interrupted or --strict run leaves the old table.
    """
    out = stream if stream is not None else sys.stderr
    level = "error" if strict else "warning"
    plan = make_plan(reports_dir, catalog_path, today=today)
    problems, rows, read = len(plan.problems), 0, 0
    _print_problems(plan.problems, level, out)
    # closing(): an error or interrupt stops the workers before the temporary file goes.
    with atomic_file(out_path) as handle, closing(_run(plan.tasks, jobs)) as results:
        writer = _table_writer(handle)
        for result in results:
            _print_problems(result.problems, level, out)
            writer.writerows(map(_protected, result.rows))
            problems += len(result.problems)
            rows += len(result.rows)
            read += result.read
        if strict and problems:
            raise EtlError(_strict_message(problems))
    return Written(rows=rows, problems=problems, reports_found=len(plan.tasks), reports_read=read)


def make_plan(reports_dir: Path, catalog_path: Path, *, today: date | None = None) -> Plan:
    """The catalog and the folder read, one task per report, in report-id order."""
    catalog = load_catalog(catalog_path)
    listing = list_reports(reports_dir)
    problems = [*catalog.problems, *_catalog_rows_without_files(catalog, reports_dir, listing)]
    problems.sort(key=lambda problem: problem.line or 0)  # catalog problems in line order
    problems.extend(listing.problems)
    today = today if today is not None else date.today()
    tasks = [_task(report, catalog, today) for report in listing.reports]
    return Plan(tasks=tasks, problems=problems)


def _catalog_rows_without_files(
    catalog: Catalog, reports_dir: Path, listing: Listing
) -> Iterator[Problem]:
    for source_id, entry in catalog.entries.items():
        if source_id not in listing.ids:
            missing = reports_dir / entry.file
            message = f"catalog row names a report that does not exist: {missing}"
            yield Problem(catalog.name, entry.line, message)


def _task(report: ReportFile, catalog: Catalog, today: date) -> Task:
    return Task(
        path=report.path,
        name=report.name,
        source_id=report.source_id,
        entry=catalog.entries.get(report.source_id),
        catalog_name=catalog.name,
        today=today,
    )


def _run(tasks: list[Task], jobs: int) -> Iterator[ReportResult]:
    """Process tasks in order; a pool only when it can help (more than one job and one task)."""
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    if jobs == 1 or len(tasks) < 2:
        yield from map(process_report, tasks)
        return
    workers = min(jobs, len(tasks))
    chunksize = max(1, len(tasks) // (workers * 8))
    context = multiprocessing.get_context()
    with context.Pool(workers, initializer=init_worker, initargs=(os.getpid(),)) as pool:
        yield from pool.imap(process_report, tasks, chunksize=chunksize)


def process_report(task: Task) -> ReportResult:
    """Read, describe and extract one report; skipped reports give problems and no rows."""
    result = read_report(task.path, task.name)
    problems = list(result.problems)
    if result.text is None:
        return ReportResult(rows=[], problems=tuple(problems), read=False)
    meta, meta_problem = resolve_meta(task, result.text)
    if meta_problem is not None:
        problems.append(meta_problem)
    if meta is None:
        return ReportResult(rows=[], problems=tuple(problems), read=False)
    doubt = implausible_published(meta.published, task.today)
    if doubt is not None:
        problems.append(_published_problem(task, meta, doubt))
    try:
        mentions = extract_mentions(result.text, meta.published)
    except Exception as err:  # an extractor bug must name the report that triggered it
        raise EtlError(f"{task.name}: extraction failed: {type(err).__name__}: {err}") from err
    capped = cap_mentions(mentions)
    if (summary := capped.summary()) is not None:
        problems.append(Problem(task.name, None, summary))
    fields = vars(meta)
    rows = [_row(fields, mention, result.text, task.name) for mention in capped.mentions]
    rows.sort(key=_SORT_KEY)
    return ReportResult(rows=rows, problems=tuple(problems), read=True)


def resolve_meta(task: Task, text: str) -> tuple[ReportMeta | None, Problem | None]:
    """The catalog's metadata, with what it lacks inferred from the text.

    A report without any usable publication date is skipped: its years would be guesses,
    and the table promises honest years.
    """
    entry = task.entry
    if entry is None:
        return _uncatalogued(task, text)
    meta = entry.meta
    if not meta.title:
        meta = replace(meta, title=infer_title(text, task.source_id))
    if meta.published:
        return meta, None
    published = infer_published(text)
    if published is None:
        message = "no usable published date in the catalog and none found in the text; skipped"
        return None, Problem(task.name, None, message)
    message = f"published date {published} inferred from the text (catalog date unusable)"
    return replace(meta, published=published), Problem(task.name, None, message)


def _published_problem(task: Task, meta: ReportMeta, doubt: str) -> Problem:
    """A doubtful date is reported where it came from: the catalog's line, or the report."""
    entry = task.entry
    if entry is not None and entry.meta.published == meta.published:
        return Problem(task.catalog_name, entry.line, f"{task.name}: {doubt}")
    return Problem(task.name, None, f"{doubt} (found in the text)")


def _uncatalogued(task: Task, text: str) -> tuple[ReportMeta | None, Problem]:
    title = infer_title(text, task.source_id)
    published = infer_published(text)
    if published is None:
        message = (
            f"not in the catalog {task.catalog_name}, and no publication date found in the "
            "text; skipped (add a catalog row)"
        )
        return None, Problem(task.name, None, message)
    message = (
        f"not in the catalog {task.catalog_name}; metadata inferred from the text: "
        f"title {title!r}, published {published}, source {UNKNOWN_SOURCE!r}"
    )
    meta = ReportMeta(
        source_id=task.source_id,
        source=UNKNOWN_SOURCE,
        title=title,
        author="",
        published=published,
        url="",
    )
    return meta, Problem(task.name, None, message)


def _row(meta: dict[str, str], mention: Mention, text: str, name: str) -> Row:
    """One table row; the offset and category contract is checked here, where a break shows."""
    if text[mention.char_start : mention.char_end] != mention.matched_text:
        raise EtlError(
            f"{name}: extractor offsets {mention.char_start}:{mention.char_end} do not hold "
            f"{mention.matched_text!r}"
        )
    if mention.category not in CATEGORIES:
        raise EtlError(f"{name}: extractor gave unknown category {mention.category!r}")
    # ReportMeta and Mention fields are named as the table's columns, together exactly COLUMNS.
    return _IN_COLUMN_ORDER(meta | vars(mention))


def write_table(rows: Iterable[dict[str, str | int]], out_path: Path) -> None:
    """Write rows (dicts with exactly COLUMNS keys) as the table's CSV, atomically: readers
    see the old file or the new, whole; a bad row fails the write with the old table intact.
    '\n' line endings, COLUMNS order and plain str() of integers make the bytes depend on the
    rows alone."""
    with atomic_file(out_path) as handle:
        _table_writer(handle).writerows(_protected(_ordered(row)) for row in rows)


def render_table(rows: Iterable[dict[str, str | int]]) -> str:
    """The CSV text of the table, header first; text cells spreadsheet-safe (etl.spreadsheet)."""
    buffer = io.StringIO(newline="")
    _table_writer(buffer).writerows(_protected(_ordered(row)) for row in rows)
    return buffer.getvalue()


class _RowWriter(Protocol):
    def writerows(self, rows: Iterable[Iterable[str | int]], /) -> None: ...


def _table_writer(handle: TextIO) -> _RowWriter:
    """A CSV writer for the table that has written the header."""
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(COLUMNS)
    return writer


def _protected(row: Row) -> list[str | int]:
    return [protect_cell(value) for value in row]


def _ordered(row: dict[str, str | int]) -> Row:
    if row.keys() != set(COLUMNS):
        extra = sorted(set(row) - set(COLUMNS))
        missing = [column for column in COLUMNS if column not in row]
        raise ValueError(f"row does not match the table columns: missing {missing}, extra {extra}")
    return tuple(row[column] for column in COLUMNS)
