"""Best-effort title and publication date for a report the catalog does not describe.

A report dropped into the folder without a catalog row should still reach the map, but its
years are resolved against its publication date, so the date is taken from what the page itself
says: the latest full date it mentions (a news page's dateline or latest event), never later
than its copyright year, and never invented from the file's timestamp, which git does not keep.
"""

from __future__ import annotations

import re
from datetime import date

from etl.extract.patterns import MONTH, month_number
from etl.extract.text import Body

_MONTH = rf"(?P<month>{MONTH})\.?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_FULL_DATES = (
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b"),
    re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b"),
    re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"),
)
_MONTH_YEAR = re.compile(rf"\b{_MONTH},?\s+{_YEAR}\b")
_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:(?:19|20)\d{2}\s*[-–]\s*)?((?:19|20)\d{2})", re.IGNORECASE
)
_TITLE_MIN_WORDS = 4
_TITLE_MIN_CHARS = 20
_TITLE_MAX_CHARS = 200
_TITLE_TRAILERS = " \t-–—|:·•"


def infer_title(text: str, fallback: str) -> str:
    """The report's headline (Body.headline: site names, menus and share buttons skipped)."""
    body = Body(text)
    at = body.headline(min_words=_TITLE_MIN_WORDS)
    line = " ".join(body.line_text(at).split()).rstrip(_TITLE_TRAILERS) if at is not None else ""
    return _shorten(line) if len(line) >= _TITLE_MIN_CHARS else fallback


def infer_published(text: str) -> str | None:
    """The latest date the text mentions ('YYYY-MM-DD', or 'YYYY-MM' for a month), else from ©.

    A copyright year caps the candidates, since dates after it are forecasts. A copyright
    year alone gives 'YYYY-01': the contract needs a month, and January never places relative
    expressions ("this year") in a later year than the page could have been written.
    """
    copyright_year = _copyright_year(text)
    ceiling = copyright_year if copyright_year is not None else 2099
    full = [(d, True) for d in _full_dates(text) if d.year <= ceiling]
    months = [(d, False) for d in _month_dates(text) if d.year <= ceiling]
    if full or months:
        latest, has_day = max(full + months)
        return latest.isoformat() if has_day else latest.isoformat()[:7]
    if copyright_year is not None:
        return f"{copyright_year:04d}-01"
    return None


def _full_dates(text: str) -> list[date]:
    found = []
    for pattern in _FULL_DATES:
        for match in pattern.finditer(text):
            parsed = _date(match["year"], match["month"], match["day"])
            if parsed is not None:
                found.append(parsed)
    return found


def _month_dates(text: str) -> list[date]:
    found = []
    for match in _MONTH_YEAR.finditer(text):
        parsed = _date(match["year"], match["month"], "1")
        if parsed is not None:
            found.append(parsed)
    return found


def _date(year: str, month: str, day: str) -> date | None:
    number = int(month) if month.isdigit() else month_number(month)
    try:
        return date(int(year), number, int(day))
    except ValueError:
        return None


def _copyright_year(text: str) -> int | None:
    years = [int(match[1]) for match in _COPYRIGHT.finditer(text)]
    return max(years) if years else None


def _shorten(line: str) -> str:
    if len(line) <= _TITLE_MAX_CHARS:
        return line
    cut = line[:_TITLE_MAX_CHARS].rsplit(" ", 1)[0]
    return cut.rstrip(_TITLE_TRAILERS) + "…"
