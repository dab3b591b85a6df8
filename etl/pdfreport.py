"""Reading a PDF brief: the text of its pages as paragraphs, with pypdf.

A PDF has no paragraphs, only lines placed on pages, so the text is rebuilt the way a reader
sees it, deterministically. Per page, the running header and footer are dropped (a page
number, or a line every page starts or ends with). Lines are unwrapped into paragraphs: a
line is joined to the next unless a blank line follows it or it is clearly short (under 70%
of its page's longest line: a heading or a paragraph's last line), and a heading also ends
the paragraph before it. A word hyphenated at a line end is mended ("resis-" + "tance" is
"resistance"; a capitalised first part keeps its hyphen: "Taliban-" + "controlled" is
"Taliban-controlled"). Pages are joined the same way, so a sentence running over a page
break stays one sentence. Paragraphs are separated by one newline, as in the plain-text
reports, so the extractor sees the same shape.
"""

from __future__ import annotations

import io
import re
import warnings
from dataclasses import dataclass, replace

from etl.catalog import is_valid_published
from etl.controls import without_any_controls
from etl.document import Document, DocumentMeta, skipped
from etl.liblogs import caught_logs
from etl.problems import Problem
from etl.textdecode import cleaned

_SHORT_LINE = 0.7
_SENTENCE_END = (".", "!", "?", '"', "”", "’", ")")
_PAGE_NUMBER = re.compile(r"(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?|[-–]\s*\d{1,4}\s*[-–]",
                          re.IGNORECASE)  # fmt: skip
_LAST_WORD = re.compile(r"[^\W\d_]+$")
_PDF_DATE = re.compile(r"D:(\d{4})(\d{2})?(\d{2})?")


@dataclass(frozen=True)
class _Line:
    text: str
    short: bool  # ends a paragraph: shorter than most of its page, or before a blank line


def read_pdf(data: bytes, name: str) -> Document:
    """The brief's text and document information, or skipped with a problem saying why."""
    with caught_logs("pypdf") as logs, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            pages, meta = _pages_and_meta(data)
        except _Unreadable as err:
            return skipped(name, "pdf", str(err))
        except Exception as err:  # a damaged or hostile file: pypdf raises many kinds
            return skipped(name, "pdf", f"cannot be read as PDF ({type(err).__name__}); skipped")
    problems: tuple[Problem, ...] = ()
    if logs:
        message = f"PDF has flaws pypdf worked around ({len(logs)}; the first: {logs[0]})"
        problems = (Problem(name, None, message),)
    text = pdf_text(pages)
    if not text.strip():
        message = "PDF without a text layer (a scan?); no text to read; skipped"
        return skipped(name, "pdf", message, *problems)
    document = cleaned(text, None, problems, name, "pdf", lines=False)
    return replace(document, metadata=meta)


class _Unreadable(Exception):
    """A PDF that cannot give text; the message says why and that it is skipped."""


def _pages_and_meta(data: bytes) -> tuple[list[str], DocumentMeta]:
    from pypdf import PdfReader  # here, not above: 0.1 s of imports most runs never need

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted and not reader.decrypt(""):
        raise _Unreadable("PDF is encrypted with a password; skipped")
    pages = [page.extract_text() or "" for page in reader.pages]
    info = reader.metadata or {}
    meta = DocumentMeta(
        title=_field(info.get("/Title")),
        author=_field(info.get("/Author")),
        published=_pdf_date(_field(info.get("/CreationDate"))),
    )
    return pages, meta


def pdf_text(pages: list[str]) -> str:
    """The pages' text as paragraphs, one per line (see the module's docstring)."""
    page_lines = [_page_lines(page) for page in pages]
    _drop_running_lines(page_lines)
    lines = [line for lines in page_lines for line in _marked(lines)]
    paragraphs: list[str] = []
    current = ""
    for line in lines:
        if current.endswith(_SENTENCE_END) and _is_heading(line):
            paragraphs.append(current)
            current = ""
        current = _joined(current, line.text)
        if line.short:
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return "\n".join(paragraphs) + "\n" if paragraphs else ""


def _page_lines(page: str) -> list[str]:
    """A page's lines, trailing spaces gone, a page number at its top or bottom dropped;
    blank lines are kept as '' (they end paragraphs)."""
    lines = [line.rstrip() for line in page.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    for end in (0, -1):
        if lines and _PAGE_NUMBER.fullmatch(lines[end].strip()):
            lines.pop(end)
    return lines


def _drop_running_lines(page_lines: list[list[str]]) -> None:
    """Remove a first or last line that every page (two or more) repeats: a running head."""
    if len(page_lines) < 2 or not all(page_lines):
        return
    for end in (0, -1):
        if len({lines[end].strip() for lines in page_lines}) == 1 and all(
            len(lines) > 1 for lines in page_lines
        ):
            for lines in page_lines:
                lines.pop(end)


def _marked(lines: list[str]) -> list[_Line]:
    """Non-blank lines, each marked as ending a paragraph or not."""
    width = max((len(line.strip()) for line in lines), default=0)
    out: list[_Line] = []
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        blank_next = i + 1 < len(lines) and not lines[i + 1].strip()
        short = len(line.strip()) < _SHORT_LINE * width and not _ends_hyphenated(line)
        out.append(_Line(" ".join(line.split()), short or blank_next))
    if out:  # a page's last line ends a paragraph only if it is short
        last = out[-1].text
        out[-1] = _Line(last, len(last) < _SHORT_LINE * width and not _ends_hyphenated(last))
    return out


def _ends_hyphenated(line: str) -> bool:
    """A line ending in a hyphen after a letter continues on the next, however short."""
    line = line.rstrip()
    return len(line) > 1 and line[-1] in "-\u00ad" and line[-2].isalpha()


def _is_heading(line: _Line) -> bool:
    """A short line that ends no sentence: a heading, which starts a paragraph of its own."""
    return line.short and not line.text.endswith((*_SENTENCE_END, ",", ";", ":"))


def _joined(current: str, line: str) -> str:
    """current continued by line: a word hyphenated at the line end mended, a dash kept
    without a space ("anti-" + "Taliban", "2021-" + "2022"), else a space between."""
    if not current:
        return line
    if current.endswith("\u00ad"):  # a soft hyphen only ever marks a break
        return current[:-1] + line
    if current.endswith(("-", "–")) and len(current) > 1 and not current[-2].isspace():
        word = _LAST_WORD.search(current[:-1])
        if current[-1] == "-" and word and word[0][0].islower() and line[:1].islower():
            return current[:-1] + line
        return current + line
    return f"{current} {line}"


def _pdf_date(value: str) -> str:
    """'D:20220315...' as '2022-03-15' (or '2022-03'), '' when absent or not a real date."""
    match = _PDF_DATE.match(value)
    if match is None or match[2] is None:
        return ""
    published = "-".join(part for part in match.groups() if part)
    return published if is_valid_published(published) else ""


def _field(value: object) -> str:
    return " ".join(without_any_controls(str(value or "")).split())
