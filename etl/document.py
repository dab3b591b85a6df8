"""What reading one report file gives: its text, what kind of file it was, what it says about
itself, and what went wrong.

One shape for every kind of file, so the pipeline and the app's add-report panel handle plain
text, saved web pages and PDF briefs the same way: text is what the extractor sees and what
mention offsets index; metadata is only what the file itself declares (a page's title, author,
date and site name; a PDF's document information), empty strings when it says nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from etl.problems import Problem

Kind = Literal["txt", "html", "pdf"]
KINDS: tuple[Kind, ...] = ("txt", "html", "pdf")


@dataclass(frozen=True)
class DocumentMeta:
    """What a file declares about itself; published is 'YYYY-MM-DD' or 'YYYY-MM' or ''."""

    title: str = ""
    author: str = ""
    published: str = ""
    source: str = ""  # the site or publisher's name
    url: str = ""  # the page's canonical address

    def fields(self) -> dict[str, str]:
        """The non-empty fields by name, in declaration order."""
        return {name: value for name, value in vars(self).items() if value}


@dataclass(frozen=True)
class Document:
    """One report file read: text is None when it is skipped (problems say why).

    encoding is the character encoding the text was decoded from (None for a PDF, whose text
    comes from its fonts, and for a skipped file).
    """

    text: str | None
    kind: Kind
    metadata: DocumentMeta = field(default_factory=DocumentMeta)
    problems: tuple[Problem, ...] = ()
    encoding: str | None = None


def skipped(name: str, kind: Kind, message: str, *earlier: Problem) -> Document:
    """A document with no text, and the problem that says why (after any earlier ones)."""
    return Document(text=None, kind=kind, problems=(*earlier, Problem(name, None, message)))
