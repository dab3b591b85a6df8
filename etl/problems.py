"""Structured warnings and errors about bad input.

Problems are collected as values rather than printed where they arise so that the same run can
report them as warnings, turn them into errors under --strict, count them in the summary, and be
checked by tests, and so that worker processes can hand them back to the parent unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass

from etl.controls import printable


@dataclass(frozen=True, order=True)
class Problem:
    """Something wrong with one input file; line is 1-based, or None when no line applies."""

    file: str
    line: int | None
    message: str

    def where(self) -> str:
        """FILE or FILE:LINE, the prefix editors and terminals make clickable."""
        return self.file if self.line is None else f"{self.file}:{self.line}"

    def format(self, level: str = "warning") -> str:
        """One line for stderr: 'warning: FILE[:LINE]: message'. File names and messages quote
        untrusted text, so line breaks and escape sequences in them are shown escaped: no
        input can start a line of its own."""
        return printable(f"{level}: {self.where()}: {self.message}")


class EtlError(Exception):
    """A condition that stops the run before anything is written (exit code 1)."""
