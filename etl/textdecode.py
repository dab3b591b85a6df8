"""Decoding a text file's bytes (a plain-text report, or the markup of a saved web page).

The text is the decoded bytes: no newline translation, no Unicode normalisation, no trimming.
Only a leading byte-order mark is dropped (an encoding marker, not text) and control
characters are removed (etl.controls: NUL, ESC and the like, with a warning; form feeds become
newlines), since they must not reach the table or a terminal. Mention offsets index this
string, so anyone can reproduce a row's matched_text by reading the file as bytes and decoding
it the same way. Files that cannot be text (empty, binary) are skipped with a warning rather
than stopping the run: one bad download should not cost the whole table.
"""

from __future__ import annotations

import codecs

from etl.controls import first_control, without_controls
from etl.document import Document, Kind, skipped
from etl.problems import Problem

# Bytes that never occur in prose: C0 controls other than tab, newline, vertical tab,
# form feed and carriage return, plus DEL. NUL alone is conclusive.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])
_NOT_CONTROL = bytes(b for b in range(256) if b not in _CONTROL_BYTES)
# Above this share of control bytes a file is a binary blob, not text with a stray character.
_MAX_CONTROL_SHARE = 0.05


def decode_text(data: bytes, name: str, kind: Kind = "txt") -> Document:
    """Decode text bytes, deciding on skipping and fallback encodings; name is for messages."""
    # UTF-32's little-endian mark starts with UTF-16's, so it is looked for first.
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return _decode_wide(data, name, "utf-32", kind)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode_wide(data, name, "utf-16", kind)
    if b"\x00" in data:
        return skipped(name, kind, "binary file (contains NUL bytes), not a text report; skipped")
    if _control_share(data) > _MAX_CONTROL_SHARE:
        message = "binary file (mostly control bytes), not a text report; skipped"
        return skipped(name, kind, message)
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        text = data.decode("utf-8")
        encoding = "utf-8"
        problems: tuple[Problem, ...] = ()
    except UnicodeDecodeError as err:
        text, encoding, problem = decode_legacy(data, name, err)
        problems = (problem,)
    return cleaned(text, encoding, problems, name, kind)


def cleaned(
    text: str, encoding: str | None, problems: tuple[Problem, ...], name: str, kind: Kind,
    *, lines: bool = True,
) -> Document:
    """The text without control characters, or skipped when nothing is left.

    lines=False when the text is not the file's own (a page's extracted text, a PDF's): a
    line number in it would point nowhere in the file.
    """
    first = first_control(text)
    line = None if first is None or not lines else text.count("\n", 0, first) + 1
    removed = 0
    if first is not None or "\x0b" in text or "\x0c" in text:  # else nothing to clean
        text, removed = without_controls(text)
    if not text.strip():
        return skipped(name, kind, "empty report (no text); skipped")
    if removed:
        where = "the first on this line" if lines else "in the extracted text"
        message = f"{removed} control character(s) removed ({where})"
        problems = (*problems, Problem(name, line, message))
    return Document(text=text, kind=kind, problems=problems, encoding=encoding)


def decode_legacy(
    data: bytes, name: str, err: UnicodeDecodeError, subject: str = ""
) -> tuple[str, str, Problem]:
    """Fall back to Windows-1252 (the usual culprit: curly quotes 0x93/0x94), then Latin-1.

    Latin-1 maps every byte, so it always succeeds; cp1252 is tried first because it is what
    Word, spreadsheets and older CMSs produce and it decodes those quotes and dashes to the
    right characters. The warning names the line of the first undecodable byte; subject
    starts it ('catalog is ').
    """
    line = data.count(b"\n", 0, err.start) + 1
    bad = data[err.start]
    try:
        text, encoding = data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        text, encoding = data.decode("latin-1"), "latin-1"
    message = (
        f"{subject}not valid UTF-8 (first undecodable byte 0x{bad:02X} is on this line); "
        f"decoded as {encoding} instead"
    )
    return text, encoding, Problem(name, line, message)


def _decode_wide(data: bytes, name: str, encoding: str, kind: Kind) -> Document:
    """UTF-16 or UTF-32 with a byte-order mark is text, though not the UTF-8 the catalog
    promises; encoding is 'utf-16' or 'utf-32', whose codecs read the mark."""
    label = encoding.upper()
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        message = f"has a {label} byte-order mark but is not valid {label}; skipped"
        return skipped(name, kind, message)
    text = text.removeprefix("\ufeff")
    problem = Problem(name, None, f"encoded as {label}, not UTF-8; decoded as {encoding}")
    return cleaned(text, encoding, (problem,), name, kind)


def _control_share(data: bytes) -> float:
    """Share of bytes that are control characters no text file contains."""
    if not data:
        return 0.0
    return len(data.translate(None, delete=_NOT_CONTROL)) / len(data)
