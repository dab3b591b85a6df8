"""Control characters: removed from what reaches the table, escaped in what reaches a terminal.

Reports and catalogs are untrusted. NUL, ESC and their kin never belong in prose, and an ESC
printed to a terminal runs an escape sequence; a line break inside a catalog field quoted in a
warning would start a new line that could pass for an `error:` line. So data keeps only tab,
newline and carriage return (form feed and vertical tab, which pdftotext writes between
pages, become newlines), and every message is printed on one line with anything that is not
visible text shown as a Python escape (\\n, \\x1b, \\u202e).
"""

from __future__ import annotations

import re
import unicodedata

_KEEP = "\t\n\r"
_AS_NEWLINE = "\x0b\x0c"
_C0_C1 = [*range(0x00, 0x20), *range(0x7F, 0xA0)]
_CLEAN = str.maketrans(
    {chr(c): ("\n" if chr(c) in _AS_NEWLINE else None) for c in _C0_C1 if chr(c) not in _KEEP}
)
_CLEAN_ALL = str.maketrans(dict.fromkeys(map(chr, _C0_C1)))
_REMOVED = re.compile("[" + "".join(re.escape(chr(c)) for c in _C0_C1
                                    if chr(c) not in _KEEP + _AS_NEWLINE) + "]")  # fmt: skip
_TO_CLEAN = re.compile("[" + "".join(re.escape(chr(c)) for c in _C0_C1 if chr(c) not in _KEEP)
                       + "]")  # fmt: skip
# What a terminal line may not show as it is: controls, format characters (bidi overrides)
# and line or paragraph separators.
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp"})


def without_controls(text: str) -> tuple[str, int]:
    """The text without control characters, and how many were removed (page breaks that
    became newlines are not counted)."""
    if _TO_CLEAN.search(text) is None:
        return text, 0  # the common case; str.translate costs ~100 ns a character
    cleaned = text.translate(_CLEAN)
    return cleaned, len(text) - len(cleaned)


def without_any_controls(name: str) -> str:
    """A name (a report id) without any control character, tabs and line breaks included."""
    return name.translate(_CLEAN_ALL)


def first_control(text: str) -> int | None:
    """Index of the first character without_controls removes, or None."""
    match = _REMOVED.search(text)
    return None if match is None else match.start()


def printable(text: str) -> str:
    """The text on one terminal line: hidden characters written as Python escapes."""
    return "".join(
        repr(c)[1:-1] if c != "\t" and unicodedata.category(c) in _HIDDEN_CATEGORIES else c
        for c in text
    )


__all__ = ["first_control", "printable", "without_any_controls", "without_controls"]
