"""Reading a saved web page: its main text and what it declares about itself, with trafilatura.

A saved page is mostly furniture: menus, related links, share buttons, footers. Furniture
names provinces too ("Baghlan news", "Taliban attack NRF in Takhar" under Related), so it must
never reach the extractor: navigation, asides and footers are removed by their markup, and
trafilatura keeps the article's own text from the rest. Its settings are fixed
here so that the same bytes always give the same text: no comments, no deduplication across
documents (that would make a report's text depend on the reports read before it), no
network (it is given the markup, never an address), and dates judged against a fixed latest
date rather than today. The headline is put first when the main text does not start with it,
as saved plain-text reports have it, so the extractor can tell a headline from the body.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import replace
from typing import TYPE_CHECKING

from etl.catalog import is_valid_published
from etl.controls import without_any_controls
from etl.document import Document, DocumentMeta
from etl.liblogs import caught_logs
from etl.problems import Problem
from etl.textdecode import cleaned, decode_text

if TYPE_CHECKING:
    from trafilatura.settings import Document as Extracted

_DATE_PARAMS = {"extensive_search": False, "original_date": True, "max_date": "2099-12-31"}
_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", re.IGNORECASE)
_CHARSET_WINDOW = 1024
# As browsers do (WHATWG Encoding), a page that declares Latin-1 or ASCII is read as cp1252.
_BROWSER_ALIASES = {"latin-1": "cp1252", "iso8859-1": "cp1252", "ascii": "cp1252"}
_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext", "readability")
# Furniture by its markup, removed before trafilatura looks for the article: its fallbacks
# would otherwise return a menu when a page has nothing else.
_FURNITURE = [
    "//nav", "//aside", "//footer",
    "//*[@role='navigation' or @role='complementary' or @role='contentinfo']",
]  # fmt: skip


def read_html(data: bytes, name: str) -> Document:
    """The page's main text (headline first) and metadata, or skipped with problems."""
    page = _decode_page(data, name)
    if page.text is None:
        return page
    import trafilatura  # here, not above: 0.2 s of imports a run of text reports never needs

    with caught_logs(*_LOGGERS):
        extracted = trafilatura.bare_extraction(
            page.text,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            deduplicate=False,
            date_extraction_params=_DATE_PARAMS,
            prune_xpath=_FURNITURE,
        )
    if extracted is None or not (extracted.text or "").strip():
        message = "web page with no main text found (only page furniture?); skipped"
        return Document(
            text=None, kind="html", problems=(*page.problems, Problem(name, None, message))
        )
    meta = _metadata(extracted)
    text = _with_headline(extracted.text, meta.title)
    document = cleaned(text, page.encoding, page.problems, name, "html", lines=False)
    return replace(document, metadata=meta)


def _decode_page(data: bytes, name: str) -> Document:
    """The markup as text: in the charset the page declares, when Python knows it and the
    bytes are valid in it; otherwise as any text report is decoded (UTF-8, then cp1252)."""
    declared = _declared_charset(data)
    if declared is not None:
        try:
            markup = data.removeprefix(codecs.BOM_UTF8).decode(declared)
        except UnicodeDecodeError:
            pass
        else:
            return cleaned(markup, declared, (), name, "html")
    return decode_text(data, name, "html")


def _declared_charset(data: bytes) -> str | None:
    """The codec name of a <meta charset> in the page's first KiB, or None (also when a
    byte-order mark decides, or Python has no such codec)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    match = _CHARSET.search(data[:_CHARSET_WINDOW])
    if match is None:
        return None
    try:
        codec = codecs.lookup(match[1].decode("ascii")).name
    except LookupError:
        return None
    return _BROWSER_ALIASES.get(codec, codec)


def _metadata(extracted: Extracted) -> DocumentMeta:
    published = extracted.date or ""
    return DocumentMeta(
        title=_field(extracted.title),
        author=_field(extracted.author),
        published=published if is_valid_published(published) else "",
        source=_field(extracted.sitename),
        url=_field(extracted.url),
    )


def _field(value: str | None) -> str:
    """A metadata value on one line, without control characters, trimmed."""
    return " ".join(without_any_controls(value or "").split())


def _with_headline(text: str, title: str) -> str:
    if not title or text.lstrip().startswith(title):
        return text
    return f"{title}\n{text}"
