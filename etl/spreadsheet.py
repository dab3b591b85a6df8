"""Cells safe to open in a spreadsheet: one rule for every CSV the project writes.

Report text and catalog fields are untrusted. Excel, LibreOffice and Google Sheets run a cell
as a formula when it starts with = + - @ (or a tab or carriage return, which some strip
first), and a cell holding several lines is split into rows by tools that see a lone carriage
return as a line end (Python's csv module does not quote one). So every text cell has CR and
CRLF turned into LF, and every *line* that starts with a formula character gets a leading
single quote, the convention spreadsheets show as plain text (OWASP "CSV injection").

The quote is reversible: a line that already starts with quotes before a formula character
gets one more, so `unprotect_cell` gives back exactly the text `protect_cell` was given
(line endings aside). The dashboard uses it to show catalog text as the catalog wrote it.
"""

from __future__ import annotations

import re

FORMULA_PREFIXES: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"
_NEWLINES = re.compile(r"\r\n?")
_STARTS = "[" + "".join(re.escape(p) for p in FORMULA_PREFIXES if p != "\r") + "]"
# Lines starting (after any quotes) with a formula character: they get one more quote.
_FORMULA_LINE = re.compile(f"^(?='*{_STARTS})", re.MULTILINE)
# Lines protect_cell quoted: one or more quotes, then a formula character.
_PROTECTED_LINE = re.compile(f"^'(?='*{_STARTS})", re.MULTILINE)


def protect_cell(value: object) -> object:
    """Text with CR/CRLF as LF and a quote before each line a spreadsheet would run; other
    values (integers) unchanged."""
    if not isinstance(value, str):
        return value
    if "\n" not in value and "\r" not in value and not value.lstrip(QUOTE).startswith(
        FORMULA_PREFIXES
    ):
        return value  # one safe line, the common case: no regex (a table has ~10^6 cells)
    return _FORMULA_LINE.sub(QUOTE, _NEWLINES.sub("\n", value))


def unprotect_cell(value: str) -> str:
    """The text protect_cell was given (with LF line ends): one quote off each quoted line."""
    return _PROTECTED_LINE.sub("", value)


def runs_as_formula(value: str) -> bool:
    """True when some line of the text starts with a formula character (CR counts as a
    line end, so '\\r=1' does too)."""
    lines = _NEWLINES.sub("\n", value).split("\n")
    return any(line.startswith(FORMULA_PREFIXES) for line in lines)


__all__ = ["FORMULA_PREFIXES", "protect_cell", "runs_as_formula", "unprotect_cell"]
