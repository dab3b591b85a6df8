"""Report body versus page furniture, and sentences, as spans of the original text.

Reports are web pages saved as text: navigation menus, subscribe/follow/copyright lines, teaser
headlines in capitals and "Read more" lists of unrelated headlines surround the article. Users
read every row as evidence from the article, so furniture must not yield mentions. Everything
here returns (start, end) offsets into the text exactly as read, so a mention's offsets and its
sentence stay valid in the original.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
# A line that is furniture on its own, wherever it appears.
_FURNITURE_LINE = re.compile(
    r"^\s*(?:"
    r"subscribe\b|sign up\b|follow (?:us|him|her)\b|share (?:this|on)\b|©|copyright\b|"
    r"all rights reserved|click here\b|view (?:full )?pdf\b|download (?:the )?pdf\b|"
    r"advertisement\s*$|caption\s*$|print\s*$|email\s*$|share\s*$|menu\s*$|search\s*$|"
    r"frequently searched|top issues\s*$|select a section|"
    r"(?:new)?\s*you can now listen|listen to (?:this|the) article|"
    r"read more\b|related(?: articles| stories| content| posts)?\s*:?\s*$|"
    r"more from\b|recommended(?: for you)?\s*:?\s*$|you may also like|see also\s*:?\s*$|"
    r"most (?:read|popular)\s*:?\s*$|trending\s*:?\s*$|\w+\s*\d+\s*min read\s*$"
    r")",
    re.IGNORECASE,
)
# "- Headline - Publisher - February 11th, 2025 [February 11th, 2025]" and similar list items
# whose line ends in a date: headlines of other stories, not the report.
_HEADLINE_ITEM = re.compile(
    rf"^\s*(?:[-•*·]\s+.*|.*\s-\s.*)\b{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\s*"
    rf"(?:\[[^\]]*\]\s*)?$"
)
# Markers after which the rest of the page is a list of other stories.
_TRAILER_START = re.compile(
    r"^\s*(?:read more(?: here)?|related(?: articles| stories| content| posts)?|more from\b.*|"
    r"recommended(?: for you)?|you may also like|more stories|latest news|most read)\s*:?\s*$",
    re.IGNORECASE,
)
_FOOTNOTE_LINE = re.compile(r"^\s*\[\d{1,3}\]")


@dataclass(frozen=True)
class Line:
    """A body line: its span, whether it is a footnote, and its paragraph number."""

    start: int
    end: int
    footnote: bool
    paragraph: int


def _lines(text: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    for chunk in text.splitlines(keepends=True):
        end = pos + len(chunk.rstrip("\r\n"))
        spans.append((pos, end))
        pos += len(chunk)
    return spans


def _is_shouting(line: str) -> bool:
    """Teaser headlines in capitals (Fox News style); "NRF" alone is not shouting."""
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 12 and sum(c.isupper() for c in letters) >= 0.9 * len(letters) and (
        len(line.split()) >= 3
    )


def _is_nav(line: str) -> bool:
    """A short line without sentence punctuation or a verb-like shape: menu items, bylines."""
    stripped = line.strip()
    words = stripped.split()
    return 0 < len(words) <= 4 and not re.search(r"[.!?:;\"”)]$", stripped)


def body_lines(text: str) -> list[Line]:
    """The report's own lines (not furniture), with footnote and paragraph markers."""
    spans = _lines(text)
    trailer_at = _trailer_start(text, spans)
    out: list[Line] = []
    paragraph = 0
    for i, (s, e) in enumerate(spans):
        if i >= trailer_at:
            break
        line = text[s:e]
        if not line.strip():
            continue
        if (
            _FURNITURE_LINE.match(line)
            or _HEADLINE_ITEM.match(line)
            or _is_shouting(line)
            or _is_nav(line)
        ):
            continue
        # Saved pages put each paragraph on its own line; a blank line changes nothing.
        paragraph += 1
        out.append(Line(s, e, bool(_FOOTNOTE_LINE.match(line)), paragraph))
    return out


def _trailer_start(text: str, spans: list[tuple[int, int]]) -> int:
    """Index of the line where a trailing list of other stories begins (len(spans) if none).

    A "Read more"/"Related" marker counts only when most of the non-blank lines after it look
    like headline items, so a report that merely says "Read more:" mid-text is not cut.
    """
    for i, (s, e) in enumerate(spans):
        if not _TRAILER_START.match(text[s:e]):
            continue
        rest = [text[a:b] for a, b in spans[i + 1 :] if text[a:b].strip()]
        if not rest:
            return i
        items = sum(1 for r in rest if _HEADLINE_ITEM.match(r) or _is_nav(r) or len(r) < 160)
        if items >= 0.8 * len(rest):
            return i
    return len(spans)


# --- sentences -----------------------------------------------------------------------------------

_ABBREV = {
    "u.s", "u.k", "u.n", "d.c", "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt",
    "st", "no", "vs", "etc", "e.g", "i.e", "jr", "sr", "sept", "sep", "oct", "nov", "dec", "jan",
    "feb", "mar", "apr", "aug", "jun", "jul", "inc", "co", "corp", "prof", "rep", "sen", "gov",
    "pp", "p", "vol", "fig", "al", "approx", "est", "mt", "ft",
}
# End of sentence: . ! ? then closing quotes/brackets, an optional footnote marker ([12], REF, or
# a bare number glued on), then whitespace or a capital letter glued on ("...hat.”REF Massoud").
_BOUNDARY = re.compile(
    r"[.!?]+[\"”’')\]]*(?:\[\d{1,3}\]|REF|\d{1,2}(?=[\s\[A-Z]))?(?:\s+|(?=[A-Z“\"]))"
)


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split text[start:end] into sentence spans (trimmed of surrounding whitespace)."""
    out: list[tuple[int, int]] = []
    s = start
    for m in _BOUNDARY.finditer(text, start, end):
        if _is_abbreviation(text, s, m.start()):
            continue
        if m.end() - s < 2:
            continue
        out.append(_trim(text, s, m.end()))
        s = m.end()
    if s < end and text[s:end].strip():
        out.append(_trim(text, s, end))
    return [sp for sp in out if sp[1] > sp[0]]


def _is_abbreviation(text: str, sent_start: int, dot: int) -> bool:
    if text[dot] != ".":
        return False
    j = dot
    while j > sent_start and (text[j - 1].isalpha() or text[j - 1] == "."):
        j -= 1
    word = text[j:dot].lower()
    if word in _ABBREV:
        return True
    # Single capital initials ("Ahmad S. Massoud", "P. W.") do not end a sentence.
    return len(word) == 1 and text[dot - 1].isupper()


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


@dataclass(frozen=True)
class Sentence:
    """A body sentence: span, paragraph number, footnote flag, and position in the report."""

    start: int
    end: int
    paragraph: int
    footnote: bool
    index: int


def _blocks(text: str, lines: list[Line]) -> list[Line]:
    """Join hard-wrapped lines: a line that does not end a sentence, followed directly by a line
    starting in lower case, continues into it."""
    out: list[Line] = []
    for line in lines:
        if out and not out[-1].footnote and not line.footnote:
            prev = out[-1]
            gap = text[prev.end : line.start]
            tail = text[prev.end - 1] if prev.end > prev.start else "."
            if gap.strip() == "" and gap.count("\n") == 1 and tail not in ".!?:\"”" and (
                text[line.start : line.start + 1].islower()
            ):
                out[-1] = Line(prev.start, line.end, False, prev.paragraph)
                continue
        out.append(line)
    return out


def body_sentences(text: str) -> list[Sentence]:
    """All sentences of the report body, in order. A footnote line is one sentence: its
    citation date belongs to the headline it cites."""
    out: list[Sentence] = []
    for line in _blocks(text, body_lines(text)):
        spans = [(line.start, line.end)] if line.footnote else sentences(text, line.start, line.end)
        for s, e in spans:
            out.append(Sentence(s, e, line.paragraph, line.footnote, len(out)))
    return out


_WS = re.compile(r"\s+")


def plain(text: str) -> str:
    """Evidence as users read it: whitespace collapsed, no leading/trailing space."""
    return _WS.sub(" ", text).strip()


__all__ = ["Line", "Sentence", "body_lines", "body_sentences", "plain", "sentences"]
