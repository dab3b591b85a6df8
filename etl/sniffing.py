"""What kind of file a report is, decided by its content, and what its name claims.

A saved page may be named .txt, a PDF may lose its suffix on the way; the bytes decide how it
is read, and a name that says otherwise earns a warning naming the file. PDF is recognised by
its header (`%PDF-` within the first 1,024 bytes, where readers look for it); HTML by the
WHATWG MIME-sniffing signatures (a document type, or one of the tags a page starts with),
after any byte-order mark and whitespace; anything else is read as plain text.
"""

from __future__ import annotations

import codecs
import re

from etl.document import Kind

# Suffixes of the files read as reports, lower case, and the kind each name claims.
SUFFIX_KINDS: dict[str, Kind] = {".txt": "txt", ".html": "html", ".htm": "html", ".pdf": "pdf"}
KIND_NAMES: dict[Kind, str] = {"txt": "plain text", "html": "HTML", "pdf": "PDF"}

_PDF_MAGIC = b"%PDF-"
_PDF_WINDOW = 1024
_HEAD_BYTES = 1024
# WHATWG MIME Sniffing, "identifying a resource with an unknown MIME type", HTML rows; plus
# <meta (a page saved without its <html>), and XML-declared XHTML.
_HTML_START = re.compile(
    rb"<(?:!doctype\s+html|html|head|script|iframe|h1|div|font|table|a|style|title|b|body|br"
    rb"|p|meta)[\s>/]|<!--",
    re.IGNORECASE,
)
_XHTML = re.compile(rb"<\?xml[^>]*\?>\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)[\s>]",
                    re.IGNORECASE | re.DOTALL)  # fmt: skip
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def kind_by_name(file_name: str) -> Kind | None:
    """The kind a file's suffix claims (in any case), or None for a name that is no report's."""
    lower = file_name.lower()
    for suffix, kind in SUFFIX_KINDS.items():
        if lower.endswith(suffix) and len(file_name) > len(suffix):
            return kind
    return None


def sniff_kind(data: bytes) -> Kind:
    """'pdf' or 'html' when the bytes start like one, else 'txt'."""
    if _PDF_MAGIC in data[:_PDF_WINDOW]:
        return "pdf"
    head = _ascii_head(data)
    if _HTML_START.match(head) or _XHTML.match(head):
        return "html"
    return "txt"


def _ascii_head(data: bytes) -> bytes:
    """The first bytes as ASCII-compatible bytes, byte-order mark and leading whitespace gone
    (a UTF-16 or UTF-32 page is decoded first: its tags are not ASCII bytes)."""
    for bom, encoding in _WIDE_BOMS:
        if data.startswith(bom):
            text = data[: _HEAD_BYTES * 4].decode(encoding, errors="ignore")
            return text.lstrip("\ufeff").encode("ascii", errors="replace").lstrip()
    return data[:_HEAD_BYTES].removeprefix(codecs.BOM_UTF8).lstrip()
