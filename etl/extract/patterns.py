"""Building fast word-list regexes.

Python's regex engine tries the branches of an alternation one by one at every position, so a
flat list of dozens of words costs dozens of checks per character. Grouping the words by their
first letter lets it dispatch on one character instead; the extractor's throughput target
(>= 5 MB/s per process) depends on it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

# One list of month names for every stage that reads dates (body years, datelines, page
# furniture, publication dates): full names and the usual abbreviations.
MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_MONTH_NUMBERS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip


def month_number(name: str) -> int:
    """1-12 for a month name or abbreviation matched by MONTH."""
    return _MONTH_NUMBERS[name[:3].lower()]


# One URL pattern: links are not prose, so names and years inside them are not mentions.
URL = re.compile(r"(?:https?://|www\.)\S+")


def url_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans of the URLs in text[start:end]. Most text has none, and a substring test is far
    cheaper than a regex scan, so the regex runs only from where a URL may begin."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    for marker in ("http", "www."):
        at = text.find(marker, start, end)
        while at != -1:
            m = URL.match(text, at, end)
            if m:
                spans.append(m.span())
            at = text.find(marker, m.end() if m else at + 1, end)
    spans.sort()
    # "http://www.x" holds both markers: keep each URL once, by its first start.
    return [s for k, s in enumerate(spans) if k == 0 or s[0] >= spans[k - 1][1]]


def blank_urls(text: str) -> str:
    """Text with every URL replaced by spaces, so offsets are kept."""
    if "http" not in text and "www." not in text:
        return text
    return URL.sub(lambda m: " " * len(m.group(0)), text)


def by_first_letter(
    alternatives: Iterable[str], wrap: Callable[[int, str], str] | None = None
) -> str:
    """An alternation equivalent to '|'.join(alternatives), factored by (lower-case) first letter.

    Every alternative must start with a plain letter. Order within a letter is kept, so earlier
    alternatives still win. `wrap(n, rest)` may wrap the n-th alternative's remainder (after its
    first letter), e.g. in a named group. Compile the result with re.IGNORECASE.
    """
    groups: dict[str, list[str]] = {}
    for n, alt in enumerate(alternatives):
        head = alt[:1].lower()
        if not head.isalpha():
            raise ValueError(f"alternative must start with a letter: {alt!r}")
        rest = alt[1:]
        groups.setdefault(head, []).append(wrap(n, rest) if wrap else rest)
    return "|".join(f"{head}(?:{'|'.join(rests)})" for head, rests in groups.items())


__all__ = ["MONTH", "URL", "blank_urls", "by_first_letter", "month_number", "url_spans"]
