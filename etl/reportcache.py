"""The per-report cache: what extracting one report gave, kept so that an unchanged report is
not extracted again. Adding one report to 2,000 then extracts one.

An entry is keyed by everything the result depends on: the report's bytes, its name and id,
its catalog row, the catalog's name (messages quote it), and the extractor's version, a hash
of every code and data file in etl/ (etl/extract/ included), of the libraries that turn pages
and PDFs into text, and of the Python that runs them. Change any of these and the key
changes, so a stale entry is never looked up. The date of the run is not in the key: the
warning about a date in the future is worked out anew on every run, outside the cache.

An entry holds the report's lines of the table file as they are written there (CSV,
spreadsheet-safe), so a cached rebuild copies text instead of redoing a million cells, plus
its problems as JSON. The cache is a convenience, never trusted: each entry holds its own key
and a SHA-256 of its content, its JSON is parsed (never unpickled) and checked, and its lines
are checked for the table's shape and for anything a spreadsheet would run; anything that
fails a check is a miss, and the report is extracted again and the entry rewritten. Entries are
written atomically (etl.atomic), so two builds sharing the cache at once each see whole
entries; they are not flushed to disk one by one (2,000 fsyncs cost more than the extraction
they save), since an entry torn by a power cut fails its checksum. A cache that cannot be
written costs speed, not the table. Entries live under
DIR/VERSION/; after a successful build the folders of other versions are removed.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import re
import shutil
import unicodedata
from contextlib import suppress
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path

from etl.atomic import write_bytes_atomic
from etl.document import Document
from etl.model import COLUMNS, INT_COLUMNS
from etl.problems import Problem
from etl.reading import read_bytes
from etl.spreadsheet import FORMULA_PREFIXES

CACHE_FORMAT = "nrf-etl-cache/2"
ETL_DIR = Path(__file__).resolve().parent
# The extractor's code and data: every file of these kinds under etl/, subfolders included.
_VERSIONED = ("*.py", "*.csv", "*.json", "*.txt")
# Libraries whose releases change the text read from a page or a PDF.
_LIBRARIES = ("trafilatura", "htmldate", "justext", "lxml", "pypdf")
_VERSION_DIR = re.compile(r"[0-9a-f]{16}")
# No real entry comes near this (1,000 rows of 1,000-character evidence is ~2 MB).
_MAX_ENTRY_BYTES = 64 * 1024 * 1024
# One row of the table as etl.pipeline writes it, as a spreadsheet may open it: COLUMNS' cells,
# ASCII digits in the number columns; a text cell bare (no comma, quote or line end) or quoted
# (quotes doubled), and neither the cell nor a line inside it starting with a formula
# character; no carriage return anywhere. Possessive quantifiers: no backtracking, one pass.
_FORMULA = "[" + re.escape("".join(FORMULA_PREFIXES)) + "]"
_TEXT_CELL = (
    f'(?:"(?!{_FORMULA})(?:[^"\\n\\r]++|""|\\n(?!{_FORMULA}))*+"|(?!{_FORMULA})[^",\\n\\r]*+)'
)
_ROW = re.compile(
    ",".join("[0-9]++" if column in INT_COLUMNS else _TEXT_CELL for column in COLUMNS) + "\n"
)


@dataclass(frozen=True)
class Entry:
    """What one report gave, all of it determined by the cache key.

    table is its rows as the table file's CSV lines (etl.pipeline.render_rows), count how
    many; published is the date its years were resolved against, None when it was skipped;
    before and after are its problems, on either side of where the run's date check goes.
    """

    table: str
    count: int
    before: tuple[Problem, ...]
    after: tuple[Problem, ...]
    published: str | None


def default_cache_dir(out_path: Path) -> Path:
    """Where `python -m etl` keeps its cache: .cache/etl/ beside the table (git-ignored)."""
    return Path(out_path).parent / ".cache" / "etl"


@cache
def extractor_version(root: Path = ETL_DIR) -> str:
    """A hash of the extractor: the code and data files under root (etl/), the page and PDF
    libraries' releases, and the Python version (its regular expressions and Unicode tables).
    Computed once per process: the code a process runs does not change under it."""
    digest = hashlib.sha256(CACHE_FORMAT.encode())
    files = sorted(
        path for pattern in _VERSIONED for path in root.rglob(pattern)
        if "__pycache__" not in path.parts
    )  # fmt: skip
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    for library in _LIBRARIES:
        try:
            digest.update(f"{library}={metadata.version(library)}\0".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{library}=absent\0".encode())
    digest.update(f"{platform.python_version()} {unicodedata.unidata_version}".encode())
    return digest.hexdigest()


def entry_key(version: str, identity: tuple[str, ...], data: bytes) -> str:
    """The cache key of one report: its identity (name, id, catalog name, catalog fields)
    and bytes under this extractor version."""
    digest = hashlib.sha256(json.dumps([CACHE_FORMAT, version, *identity]).encode())
    digest.update(hashlib.sha256(data).digest())
    return digest.hexdigest()


def load(cache_dir: Path, version: str, key: str) -> Entry | None:
    """The entry for key, or None when it is absent or fails any check."""
    data = read_bytes(_entry_path(cache_dir, version, key), key, _MAX_ENTRY_BYTES)
    if isinstance(data, Document) or len(data) > _MAX_ENTRY_BYTES:
        return None
    header, _, body = data.partition(b"\n")
    if header != f"{CACHE_FORMAT} {hashlib.sha256(body).hexdigest()}".encode():
        return None
    about, _, table = body.partition(b"\n")
    try:
        return _checked(json.loads(about), table.decode("utf-8"), key)
    except (ValueError, TypeError, KeyError, AttributeError):
        return None


def store(cache_dir: Path, version: str, key: str, entry: Entry) -> None:
    """Write the entry atomically; a cache that cannot be written is left alone.

    Its body is one line of JSON (which never holds a raw line end) and the table lines."""
    about = {
        "key": key,
        "count": entry.count,
        "before": [[p.file, p.line, p.message] for p in entry.before],
        "after": [[p.file, p.line, p.message] for p in entry.after],
        "published": entry.published,
    }
    line = json.dumps(about, ensure_ascii=False, separators=(",", ":"))
    body = f"{line}\n{entry.table}".encode()
    header = f"{CACHE_FORMAT} {hashlib.sha256(body).hexdigest()}\n".encode()
    path = _entry_path(cache_dir, version, key)
    with suppress(OSError):  # read-only or full disk: the next run extracts it again
        _clear(path)
        write_bytes_atomic(path, header + body, durable=False)  # checked when read


def _clear(path: Path) -> None:
    """Remove a link or folder where an entry belongs (the cache is ours to repair), so
    the atomic writer, which replaces only regular files, can write the entry."""
    if path.is_symlink():
        path.unlink(missing_ok=True)
    elif path.is_dir():
        shutil.rmtree(path, ignore_errors=True)


def prune(cache_dir: Path, version: str) -> None:
    """Remove the entries of other extractor versions (only folders named like a version)."""
    try:
        folders = list(Path(cache_dir).iterdir())
    except OSError:
        return
    for folder in folders:
        if folder.name != version[:16] and _VERSION_DIR.fullmatch(folder.name):
            shutil.rmtree(folder, ignore_errors=True)


def _entry_path(cache_dir: Path, version: str, key: str) -> Path:
    # os.path, not pathlib: this runs once per report, and pathlib's parsing showed in profiles
    return Path(os.path.join(cache_dir, version[:16], key[:2], f"{key}.json"))


def _checked(about: dict, table: str, key: str) -> Entry | None:
    """The entry as values, or None unless every part has the shape the pipeline writes."""
    if about.keys() != {"key", "count", "before", "after", "published"}:
        return None
    if about["key"] != key:
        return None
    published, count = about["published"], about["count"]
    if published is not None and type(published) is not str:
        return None
    if type(count) is not int or not _is_table(table, count):
        return None
    before = _problems(about["before"])
    after = _problems(about["after"])
    if before is None or after is None:
        return None
    return Entry(table=table, count=count, before=before, after=after, published=published)


def _is_table(table: str, count: int) -> bool:
    """True when the lines are count rows of the table's shape that no spreadsheet would run.

    They are copied into the table as they are, so they are checked for what the table
    promises rather than compared with rows (that would be the rendering a cached rebuild
    saves): row by row, from the first character to the last (_ROW). The formula check is
    stricter than etl.spreadsheet needs (a cell may not start with a quote before a formula
    character either); a false alarm only costs extracting the report again.
    """
    rows = _ROW.scanner(table)
    end = seen = 0
    while (row := rows.match()) is not None:
        end, seen = row.end(), seen + 1
    return end == len(table) and seen == count


def _problems(items: list) -> tuple[Problem, ...] | None:
    problems = []
    for item in items:
        if not (isinstance(item, list) and len(item) == 3):
            return None
        file, line, message = item
        if type(file) is not str or type(message) is not str:
            return None
        if line is not None and type(line) is not int:
            return None
        problems.append(Problem(file, line, message))
    return tuple(problems)
