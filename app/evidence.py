"""The province detail: each sentence behind a province, its matched words marked.

Everything here comes from reports, which are untrusted. The sentence is cut at the match
boundaries *before* escaping and each piece is escaped on its own, so offsets always refer to
the raw text and an escaped entity can never be split by a <mark>. Links are kept only for
http(s) URLs.

The table's char_start/char_end index the whole report, and the sentence alone does not say
where it starts. So the sentence's start is inferred: it is the report offset minus the
position of the matched words in the sentence, chosen so that the most mentions of the same
sentence line up; if none line up (e.g. whitespace was normalised) the first occurrence is used.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from urllib.parse import urlsplit

import pandas as pd

from app.claimants import breakdown, breakdown_text, claim_label
from app.timespan import Years, inside_mask, years_text
from etl.provinces import BY_ISO

Span = tuple[int, int]


def safe_url(url: str) -> str | None:
    """The URL escaped for an href attribute, or None unless it is http(s) with a host."""
    url = (url or "").strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return html.escape(url, quote=True)


def highlight(sentence: str, spans: Iterable[Span]) -> str:
    """The sentence as escaped HTML with <mark> around each span (sentence-relative offsets)."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        start, end = max(0, start), min(len(sentence), end)
        if start >= end:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out, cursor = [], 0
    for start, end in merged:
        out.append(html.escape(sentence[cursor:start]))
        out.append(f"<mark>{html.escape(sentence[start:end])}</mark>")
        cursor = end
    out.append(html.escape(sentence[cursor:]))
    return "".join(out)


def sentence_spans(sentence: str, mentions: Iterable[tuple[str, int, int]]) -> list[Span]:
    """Sentence-relative spans for (matched_text, char_start, char_end) of one sentence."""
    mentions = [(m, s, e) for m, s, e in mentions if m]
    candidates: dict[int, int] = {}
    for matched, start, _ in mentions:
        for position in _occurrences(sentence, matched):
            origin = start - position
            candidates[origin] = candidates.get(origin, 0) + 1
    origin = max(candidates, key=lambda o: (candidates[o], o)) if candidates else None
    spans = []
    for matched, start, end in mentions:
        if origin is not None and sentence[start - origin : end - origin] == matched:
            spans.append((start - origin, end - origin))
            continue
        found = _occurrences(sentence, matched) or _occurrences(sentence.lower(), matched.lower())
        if found:
            spans.append((found[0], found[0] + len(matched)))
    return spans


def _occurrences(text: str, word: str) -> list[int]:
    """Every start index of word in text (overlaps allowed)."""
    found, index = [], text.find(word)
    while index >= 0:
        found.append(index)
        index = text.find(word, index + 1)
    return found


def _years(year_from: int, year_to: int) -> str:
    return str(year_from) if year_from == year_to else f"{year_from}–{year_to}"


def _report_header(report: pd.Series) -> str:
    """Publisher, linked title, author and date of one report, all escaped."""
    title = html.escape(report["title"] or report["source_id"])
    href = safe_url(report["url"])
    linked = (
        f'<a href="{href}" target="_blank" rel="noopener noreferrer">{title}</a>' if href else title
    )
    details = [html.escape(report["source"])]
    if report["author"]:
        details.append(html.escape(report["author"]))
    if report["published"]:
        details.append(html.escape(report["published"]))
    byline = " · ".join(details)
    return f'<p class="nrf-report"><strong>{linked}</strong><br><small>{byline}</small></p>'


def province_detail_html(
    rows: pd.DataFrame, iso_code: str, years: Years | None = None, measure: str = "reports"
) -> str:
    """HTML for one province's evidence, grouped by report then sentence, in report order.

    A sentence naming the province twice shows once, with both places marked. Each sentence
    says whose claim it is and, when `years` is given and it reaches beyond them, says so.
    """
    mine = rows[rows["iso_3166_2"] == iso_code]
    name = html.escape(BY_ISO[iso_code].name)
    if mine.empty:
        return f'<div class="nrf-detail"><p>No matching evidence for {name}.</p></div>'
    claimed = html.escape(breakdown_text(breakdown(mine, measure)))
    parts = [f'<div class="nrf-detail"><h4>{name}</h4>',
             f'<p class="nrf-claims">Claimed by: {claimed}</p>']
    for _, report in mine.groupby("source_id", sort=False):
        parts.append(_report_header(report.iloc[0]))
        parts.append("<ul>")
        sentence_keys = ["evidence", "category", "year_from", "year_to"]
        for (sentence, category, year_from, year_to), group in report.groupby(
            sentence_keys, sort=False
        ):
            mentions = zip(
                group["matched_text"], group["char_start"], group["char_end"], strict=True
            )
            spans = sentence_spans(sentence, mentions)
            dated = _years(int(year_from), int(year_to))
            tags = [html.escape(category), dated]
            claimants = [claim_label(c) for c in dict.fromkeys(group["claimed_by"]) if c]
            if claimants:
                tags.append(f"claimed by {html.escape(' and '.join(claimants))}")
            beyond = years is not None and not bool(inside_mask(group.iloc[:1], years).iloc[0])
            if beyond:
                tags.append(f"spans beyond {years_text(years)}: not counted in the colour")
            item = '<li class="nrf-beyond">' if beyond else "<li>"
            parts.append(
                f"{item}{highlight(sentence, spans)} "
                f"<small>[{', '.join(tags)}]</small></li>"
            )
        parts.append("</ul>")
    parts.append("</div>")
    return "".join(parts)
