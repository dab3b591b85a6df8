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
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass
from datetime import date
from functools import partial
from operator import itemgetter
from pathlib import Path
from typing import Protocol, TextIO

from etl import reportcache
from etl.atomic import atomic_file
from etl.catalog import Catalog, CatalogEntry, load_catalog
from etl.document import Document
from etl.extract import extract_mentions
from etl.interrupts import init_worker
from etl.limits import cap_mentions
from etl.model import CATEGORIES, COLUMNS, INT_COLUMNS, Mention, Row
from etl.problems import EtlError, Problem
from etl.reading import read_bytes, read_document
from etl.reportfiles import Listing, ReportFile, list_reports
from etl.reportmeta import published_problem, resolve_meta
from etl.spreadsheet import protect_cell, unprotect_cell

_IN_COLUMN_ORDER = itemgetter(*COLUMNS)
_SORT_KEY = itemgetter(
    *(COLUMNS.index(name) for name in ("source_id", "char_start", "char_end", "province"))
)
_NUMBER = tuple(column in INT_COLUMNS for column in COLUMNS)


@dataclass(frozen=True)
class Task:
    """One report to process; entry is its catalog row, or None when the catalog lacks it;
    cache is the per-report cache's folder (etl.reportcache), None for none."""

    path: Path
    name: str
    source_id: str
    entry: CatalogEntry | None
    catalog_name: str
    today: date
    cache: Path | None = None


@dataclass(frozen=True)
class Extracted:
    """Everything extracting one report gave (what the cache keeps of it is reportcache.Entry).

    published is the date its years were resolved against, None when it was skipped;
    before and after are its problems, on either side of where the run's date check goes.
    """

    rows: list[Row]
    before: tuple[Problem, ...]
    after: tuple[Problem, ...]
    published: str | None


@dataclass(frozen=True)
class ReportResult:
    """What one report contributed, and any problems met on the way: its rows in COLUMNS
    order for a build in memory, or (as_table) its lines of the table file for the command,
    which streams them (rows None then)."""

    count: int
    problems: tuple[Problem, ...]
    read: bool
    cached: bool = False
    rows: list[Row] | None = None
    table: str | None = None


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
    reports_cached: int = 0


@dataclass(frozen=True)
class Build:
    """The whole run's outcome in memory (for tests and evaluation; the command streams)."""

    rows: list[Row]
    problems: tuple[Problem, ...]
    reports_found: int
    reports_read: int
    reports_cached: int = 0

    def as_dicts(self) -> list[dict[str, str | int]]:
        return [dict(zip(COLUMNS, row, strict=True)) for row in self.rows]


def build_rows(
    reports_dir: Path,
    catalog_path: Path,
    *,
    jobs: int = 1,
    strict: bool = False,
    today: date | None = None,
    cache: Path | None = None,
) -> list[dict[str, str | int]]:
    """Rows of the tidy table (dicts with exactly COLUMNS keys), sorted by report and offset.

    Problems are printed to stderr as 'warning: FILE[:LINE]: message'; with strict=True they
    are printed as errors and EtlError is raised instead of returning. cache is the folder of
    the per-report cache (etl.reportcache), None to extract every report.
    """
    result = build(reports_dir, catalog_path, jobs=jobs, today=today, cache=cache)
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
    reports_dir: Path,
    catalog_path: Path,
    *,
    jobs: int = 1,
    today: date | None = None,
    cache: Path | None = None,
) -> Build:
    """Read the catalog and every report in reports_dir, extract and merge in order.

    today (the clock, default the real date) is what a publication date in the future is
    measured against; cache is the per-report cache's folder, None for none.
    """
    plan = make_plan(reports_dir, catalog_path, today=today, cache=cache)
    problems = list(plan.problems)
    rows: list[Row] = []
    read = cached = 0
    with closing(_run(plan.tasks, jobs, process_report)) as results:
        for result in results:
            rows.extend(result.rows or ())
            problems.extend(result.problems)
            read += result.read
            cached += result.cached
    return Build(
        rows=rows,
        problems=tuple(problems),
        reports_found=len(plan.tasks),
        reports_read=read,
        reports_cached=cached,
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
    cache: Path | None = None,
) -> Written:
    """Build the table straight into out_path, report by report, printing problems as found.

    The rows go to a temporary file that replaces out_path only at the end, so memory does
    not grow with the table and a failed, interrupted or --strict run leaves the old table.
    cache is the per-report cache's folder (etl.reportcache.default_cache_dir(out_path) is
    the command's), None to extract every report; other versions' entries in it are removed
    once the table is written.
    """
    out = stream if stream is not None else sys.stderr
    level = "error" if strict else "warning"
    plan = make_plan(reports_dir, catalog_path, today=today, cache=cache)
    problems, rows, read, cached = len(plan.problems), 0, 0, 0
    _print_problems(plan.problems, level, out)
    # closing(): an error or interrupt stops the workers before the temporary file goes.
    as_table = partial(process_report, as_table=True)
    with atomic_file(out_path) as handle, closing(_run(plan.tasks, jobs, as_table)) as results:
        _table_writer(handle)  # the header
        for result in results:
            _print_problems(result.problems, level, out)
            handle.write(result.table or "")
            problems += len(result.problems)
            rows += result.count
            read += result.read
            cached += result.cached
        if strict and problems:
            raise EtlError(_strict_message(problems))
    if cache is not None:
        reportcache.prune(cache, reportcache.extractor_version())
    return Written(
        rows=rows,
        problems=problems,
        reports_found=len(plan.tasks),
        reports_read=read,
        reports_cached=cached,
    )


def make_plan(
    reports_dir: Path,
    catalog_path: Path,
    *,
    today: date | None = None,
    cache: Path | None = None,
) -> Plan:
    """The catalog and the folder read, one task per report, in report-id order."""
    catalog = load_catalog(catalog_path)
    listing = list_reports(reports_dir)
    problems = [*catalog.problems, *_catalog_rows_without_files(catalog, reports_dir, listing)]
    problems.sort(key=lambda problem: problem.line or 0)  # catalog problems in line order
    problems.extend(listing.problems)
    today = today if today is not None else date.today()
    tasks = [_task(report, catalog, today, cache) for report in listing.reports]
    return Plan(tasks=tasks, problems=problems)


def _catalog_rows_without_files(
    catalog: Catalog, reports_dir: Path, listing: Listing
) -> Iterator[Problem]:
    for source_id, entry in catalog.entries.items():
        if source_id not in listing.ids:
            missing = reports_dir / entry.file
            message = f"catalog row names a report that does not exist: {missing}"
            yield Problem(catalog.name, entry.line, message)


def _task(report: ReportFile, catalog: Catalog, today: date, cache: Path | None) -> Task:
    return Task(
        path=report.path,
        name=report.name,
        source_id=report.source_id,
        entry=catalog.entries.get(report.source_id),
        catalog_name=catalog.name,
        today=today,
        cache=cache,
    )


def _run(
    tasks: list[Task], jobs: int, process: Callable[[Task], ReportResult]
) -> Iterator[ReportResult]:
    """Process tasks in order; a pool only when it can help (more than one job and one task)."""
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    if jobs == 1 or len(tasks) < 2:
        yield from map(process, tasks)
        return
    # Imported here, not with the module: importing multiprocessing pins the importing
    # program's __main__ as __mp_main__, and the dashboard (which builds with one job) would
    # keep its first run's tables alive for good.
    import multiprocessing

    workers = min(jobs, len(tasks))
    chunksize = max(1, len(tasks) // (workers * 8))
    context = multiprocessing.get_context()
    with context.Pool(workers, initializer=init_worker, initargs=(os.getpid(),)) as pool:
        yield from pool.imap(process, tasks, chunksize=chunksize)


def process_report(task: Task, *, as_table: bool = False) -> ReportResult:
    """Read, describe and extract one report (or take what it gave from the cache); skipped
    reports give problems and no rows. as_table gives its lines of the table file instead of
    rows: rendered here, in the worker, or copied from the cache."""
    data = read_bytes(task.path, task.name)
    if isinstance(data, Document):
        return ReportResult(count=0, problems=data.problems, read=False, rows=[], table="")
    key = _cache_key(task, data)
    entry = None if key is None else reportcache.load(task.cache, *key)
    if entry is not None:
        if as_table:
            return _result(task, entry, entry.count, table=entry.table, cached=True)
        return _result(task, entry, entry.count, rows=parse_rows(entry.table), cached=True)
    extracted = extract_report(task, data)
    count = len(extracted.rows)
    table = render_rows(extracted.rows) if as_table or key is not None else ""
    if key is not None:
        entry = reportcache.Entry(
            table=table,
            count=count,
            before=extracted.before,
            after=extracted.after,
            published=extracted.published,
        )
        reportcache.store(task.cache, *key, entry)
    if as_table:
        return _result(task, extracted, count, table=table, cached=False)
    return _result(task, extracted, count, rows=extracted.rows, cached=False)


class _Outcome(Protocol):
    """What a report's result needs of its extraction, fresh or cached."""

    before: tuple[Problem, ...]
    after: tuple[Problem, ...]
    published: str | None


def _result(
    task: Task,
    outcome: _Outcome,
    count: int,
    *,
    rows: list[Row] | None = None,
    table: str | None = None,
    cached: bool,
) -> ReportResult:
    """The report's result, with the warning about a future date worked out for this run
    (outside the cache: the date of the run is not in its key)."""
    doubt = None
    if outcome.published is not None:
        doubt = published_problem(
            task.name, task.entry, task.catalog_name, outcome.published, task.today
        )
    problems = (*outcome.before, *([doubt] if doubt else []), *outcome.after)
    return ReportResult(
        count=count,
        problems=problems,
        read=outcome.published is not None,
        cached=cached,
        rows=rows,
        table=table,
    )


def _cache_key(task: Task, data: bytes) -> tuple[str, str] | None:
    """The extractor's version and the report's cache key, None when there is no cache."""
    if task.cache is None:
        return None
    version = reportcache.extractor_version()
    meta = () if task.entry is None else tuple(vars(task.entry.meta).values())
    identity = (task.name, task.source_id, task.catalog_name, str(task.entry is None), *meta)
    return version, reportcache.entry_key(version, identity, data)


def extract_report(task: Task, data: bytes) -> Extracted:
    """Everything about one report that depends only on its bytes, name and catalog row."""
    document = read_document(data, task.name)
    if document.text is None:
        return Extracted(rows=[], before=document.problems, after=(), published=None)
    meta, meta_problems = resolve_meta(
        task.name, task.source_id, task.entry, task.catalog_name, document
    )
    before = (*document.problems, *meta_problems)
    if meta is None:
        return Extracted(rows=[], before=before, after=(), published=None)
    try:
        mentions = extract_mentions(document.text, meta.published)
    except Exception as err:  # an extractor bug must name the report that triggered it
        raise EtlError(f"{task.name}: extraction failed: {type(err).__name__}: {err}") from err
    capped = cap_mentions(mentions)
    summary = capped.summary()
    after = (Problem(task.name, None, summary),) if summary is not None else ()
    fields = vars(meta)
    rows = [_row(fields, mention, document.text, task.name) for mention in capped.mentions]
    rows.sort(key=_SORT_KEY)
    return Extracted(rows=rows, before=before, after=after, published=meta.published)


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


def render_rows(rows: Iterable[Row]) -> str:
    """Rows (in COLUMNS order) as the table's CSV lines, no header, spreadsheet-safe: what
    the table file holds for them, and what the cache keeps so that it need not be redone."""
    buffer = io.StringIO(newline="")
    _csv_writer(buffer).writerows(map(_protected, rows))
    return buffer.getvalue()


def parse_rows(table: str) -> list[Row]:
    """The rows back from their table lines: render_rows undone, line ends aside (a CR or
    CRLF inside a cell comes back as LF, as every reader of the table file sees it)."""
    return [_parsed(cells) for cells in csv.reader(io.StringIO(table, newline=""))]


def _parsed(cells: list[str]) -> Row:
    return tuple(
        int(cell) if number else unprotect_cell(cell)
        for cell, number in zip(cells, _NUMBER, strict=True)
    )


class _RowWriter(Protocol):
    def writerows(self, rows: Iterable[Iterable[str | int]], /) -> None: ...


def _table_writer(handle: TextIO) -> _RowWriter:
    """A CSV writer for the table that has written the header."""
    writer = _csv_writer(handle)
    writer.writerow(COLUMNS)
    return writer


def _csv_writer(handle: TextIO) -> _RowWriter:
    """The table's one CSV dialect: '\n' line ends, quoting only where needed."""
    return csv.writer(handle, lineterminator="\n")


def _protected(row: Row) -> list[str | int]:
    return [protect_cell(value) for value in row]


def _ordered(row: dict[str, str | int]) -> Row:
    if row.keys() != set(COLUMNS):
        extra = sorted(set(row) - set(COLUMNS))
        missing = [column for column in COLUMNS if column not in row]
        raise ValueError(f"row does not match the table columns: missing {missing}, extra {extra}")
    return tuple(row[column] for column in COLUMNS)
