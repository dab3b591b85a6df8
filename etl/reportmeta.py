"""One report's metadata: the catalog's row first, then what the file declares about itself,
then what its text says.

The catalog is what a person wrote down, so it wins; a saved page or a PDF often declares its
title, author, date and site, which fill the fields the catalog leaves empty (with a warning
saying which, so a wrong guess is seen); a plain-text report declares nothing, so its title and
date are read from its text (etl.metadata). A report without any usable publication date is
skipped: its years would be guesses, and the table promises honest years.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from etl.catalog import CatalogEntry, implausible_published, quoted
from etl.document import Document, DocumentMeta
from etl.metadata import infer_published, infer_title
from etl.model import ReportMeta
from etl.problems import Problem

UNKNOWN_SOURCE = "unknown"
# The catalog's fields a file's own metadata may fill, in the catalog's order.
_FILLABLE = ("source", "title", "author", "published", "url")
_FROM = {"html": "the page's metadata", "pdf": "the PDF's document information"}


def resolve_meta(
    name: str,
    source_id: str,
    entry: CatalogEntry | None,
    catalog_name: str,
    document: Document,
) -> tuple[ReportMeta | None, list[Problem]]:
    """The report's metadata and the warnings saying where missing fields came from; None
    (and why) when no publication date can be found anywhere."""
    text = document.text or ""
    problems: list[Problem] = []
    meta = ReportMeta(source_id, "", "", "", "", "") if entry is None else entry.meta
    meta, filled = _filled(meta, document.metadata)
    if filled and entry is not None:
        where = _FROM.get(document.kind, "the file")
        message = f"the catalog leaves {_listed(filled)} empty; taken from {where}"
        problems.append(Problem(name, None, message))
    if not meta.title:
        meta = replace(meta, title=infer_title(text, source_id))
    if entry is None:
        return _uncatalogued(name, catalog_name, meta, filled, document, problems)
    if not meta.published:
        published = infer_published(text)
        if published is None:
            message = "no usable published date in the catalog and none found in the text; skipped"
            return None, [*problems, Problem(name, None, message)]
        message = f"published date {published} inferred from the text (catalog date unusable)"
        meta = replace(meta, published=published)
        problems.append(Problem(name, None, message))
    return meta, problems


def published_problem(
    name: str, entry: CatalogEntry | None, catalog_name: str, published: str, today: date
) -> Problem | None:
    """A doubtful date is reported where it came from: the catalog's line, or the report."""
    doubt = implausible_published(published, today)
    if doubt is None:
        return None
    if entry is not None and entry.meta.published == published:
        return Problem(catalog_name, entry.line, f"{name}: {doubt}")
    return Problem(name, None, f"{doubt} (found in the text)")


def _filled(meta: ReportMeta, declared: DocumentMeta) -> tuple[ReportMeta, dict[str, str]]:
    """meta with its empty fields taken from what the file declares, and those fields."""
    offered = declared.fields()
    filled = {f: offered[f] for f in _FILLABLE if not getattr(meta, f) and f in offered}
    return replace(meta, **filled), filled


def _uncatalogued(
    name: str,
    catalog_name: str,
    meta: ReportMeta,
    filled: dict[str, str],
    document: Document,
    problems: list[Problem],
) -> tuple[ReportMeta | None, list[Problem]]:
    published = meta.published or infer_published(document.text or "")
    if published is None:
        message = (
            f"not in the catalog {catalog_name}, and no publication date found in the "
            "text; skipped (add a catalog row)"
        )
        return None, [*problems, Problem(name, None, message)]
    source = meta.source or UNKNOWN_SOURCE
    meta = replace(meta, published=published, source=source)
    where = _FROM.get(document.kind, "the file")
    origin = f"from {where} and the text" if filled else "from the text"
    message = (
        f"not in the catalog {catalog_name}; metadata inferred {origin}: "
        f"title {meta.title!r}, published {published}, source {source!r}"
    )
    return meta, [*problems, Problem(name, None, message)]


def _listed(filled: dict[str, str]) -> str:
    return ", ".join(f"{field} ({quoted(value)})" for field, value in filled.items())
