"""Turning a report file into the text the extractor sees: plain text, a saved web page or a
PDF brief, decided by the bytes (etl.sniffing), not only by the name.

read_document is the one entry point for bytes already in hand (the app's add-report panel
calls it on an upload); read_report opens a file of the reports folder safely and calls it.
The text is deterministic: the same bytes always give the same string, and mention offsets
index it. Plain text is the decoded bytes (etl.textdecode); a page is its main text without
furniture (etl.htmlreport); a PDF is its pages' text as paragraphs (etl.pdfreport). A file
that cannot give text is skipped with a warning rather than stopping the run: one bad
download should not cost the whole table.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

from etl.document import Document, DocumentMeta, Kind, skipped
from etl.htmlreport import read_html
from etl.limits import MAX_PAGE_FILE_BYTES, MAX_REPORT_BYTES
from etl.pdfreport import read_pdf
from etl.problems import Problem
from etl.sniffing import KIND_NAMES, kind_by_name, sniff_kind
from etl.textdecode import decode_text

__all__ = ["Document", "DocumentMeta", "Kind", "read_bytes", "read_document", "read_report"]

# A file named .html is a page when it holds any tag, even without a recognised start.
_ANY_TAG = re.compile(rb"<(?:[a-zA-Z][a-zA-Z0-9]*|/[a-zA-Z]|!--)[\s>/]")
_READERS = {"txt": decode_text, "html": read_html, "pdf": read_pdf}


def read_document(data: bytes, name: str) -> Document:
    """Read one report's bytes; name is the file's name, for messages and for the kind its
    suffix claims (the content decides; a name that says otherwise gets a warning)."""
    claimed = kind_by_name(name)
    kind = sniff_kind(data)
    if claimed == "html" and kind == "txt" and _ANY_TAG.search(data[:65536]):
        kind = "html"
    limit = MAX_REPORT_BYTES if kind == "txt" else MAX_PAGE_FILE_BYTES
    if len(data) > limit:
        what = "report" if kind == "txt" else "web page or PDF file"
        message = f"is over the limit of {limit:,} bytes for a {what}; skipped"
        return skipped(name, kind, message)
    document = _READERS[kind](data, name)
    if document.text is not None and len(document.text.encode("utf-8")) > MAX_REPORT_BYTES:
        message = (
            f"its text is over the limit of {MAX_REPORT_BYTES:,} bytes for one report; skipped"
        )
        document = skipped(name, kind, message, *document.problems)
    if claimed is None or claimed == kind:
        return document
    message = (
        f"named as {KIND_NAMES[claimed]} but holds {KIND_NAMES[kind]}; read as {KIND_NAMES[kind]}"
    )
    return replace(document, problems=(Problem(name, None, message), *document.problems))


def read_report(path: Path, display: str | None = None) -> Document:
    """Read one report file; display is the file name used in messages (defaults to the path)."""
    name = display if display is not None else str(path)
    data = read_bytes(path, name)
    return data if isinstance(data, Document) else read_document(data, name)


def read_bytes(path: Path, name: str, limit: int = MAX_PAGE_FILE_BYTES) -> bytes | Document:
    """The file's bytes, or a skipped Document saying why they cannot be read.

    Only a regular file is read, and a symbolic link is not followed: the folder listing
    (etl.reportfiles) decides which links may be read and passes their target, and checking
    again on the open file means a file swapped for a link or a pipe meanwhile is refused
    too. The open does not block, so a named pipe cannot hang the run. At most one byte over
    the limit is read, so a file over it can be told apart without reading it all.
    """
    kind: Kind = kind_by_name(name) or "txt"
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError as err:
        if err.errno == errno.ELOOP:
            return skipped(name, kind, "is a symbolic link; not followed, skipped")
        return skipped(name, kind, f"cannot be read ({err.strerror}); skipped")
    status = os.fstat(fd)
    if not stat.S_ISREG(status.st_mode):  # before fdopen, which refuses a directory
        os.close(fd)
        return skipped(name, kind, "is not a regular file; skipped")
    with os.fdopen(fd, "rb") as handle:
        try:
            return _read_up_to(handle, status.st_size, limit)
        except OSError as err:
            return skipped(name, kind, f"cannot be read ({err.strerror}); skipped")


def _read_up_to(handle: BinaryIO, size: int, limit: int) -> bytes:
    """At most limit + 1 bytes. read(n) sets aside n bytes first (tens of microseconds for a
    limit of megabytes, per file), so it asks for the size the file has, one byte more to
    see it grew, and reads on only if it did."""
    data = handle.read(min(size, limit) + 1)
    if len(data) <= size or len(data) > limit:
        return data
    return data + handle.read(limit + 1 - len(data))
