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
from collections.abc import Iterable, Mapping
from urllib.parse import urlsplit

import pandas as pd

from app.claimants import breakdown, breakdown_text, claim_label
from app.timespan import Years, inside_mask, years_text
from etl.provinces import BY_ISO

Span = tuple[int, int]
# Reports shown in a province's evidence; the rest are counted (the table holds them all).
MAX_REPORTS = 50


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


def _report_header(report: Mapping[str, str]) -> str:
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
    rows: pd.DataFrame,
    iso_code: str,
    years: Years | None = None,
    measure: str = "reports",
    limit: int = MAX_REPORTS,
) -> str:
    """HTML for one province's evidence, grouped by report then sentence, in report order.

    A sentence naming the province twice shows once, with both places marked. Each sentence
    says whose claim it is and, when `years` is given and it reaches beyond them, says so.
    The first `limit` reports are shown and the others counted: a province of a 100k-row
    table had 3,448 reports, 5 MB of HTML and half a minute to build.
    """
    mine = rows[rows["iso_3166_2"] == iso_code]
    name = html.escape(BY_ISO[iso_code].name)
    if mine.empty:
        return f'<div class="nrf-detail"><p>No matching evidence for {name}.</p></div>'
    claimed = html.escape(breakdown_text(breakdown(mine, measure)))
    parts = [f'<div class="nrf-detail"><h4>{name}</h4>',
             f'<p class="nrf-claims">Claimed by: {claimed}</p>']
    reports = pd.unique(mine["source_id"].to_numpy())
    if len(reports) > limit:
        mine = mine.loc[mine["source_id"].isin(reports[:limit])]
    for report in _by_report_and_sentence(mine, years).values():
        parts.append(_report_header(next(iter(report.values()))[0]))
        parts.append("<ul>")
        for group in report.values():
            parts.append(_sentence_html(group, years))
        parts.append("</ul>")
    if len(reports) > limit:
        more = html.escape(more_reports_text(limit, len(reports)))
        parts.append(f'<p class="nrf-more">{more}</p>')
    parts.append("</div>")
    return "".join(parts)


_SENTENCE_KEYS = ("evidence", "category", "year_from", "year_to")


def _by_report_and_sentence(
    rows: pd.DataFrame, years: Years | None
) -> dict[str, dict[tuple, list[dict]]]:
    """The rows (as dicts, with `inside` the years) by report, then by sentence, each in
    the order first met. Plain Python over the few rows shown: a pandas group per
    sentence cost ~2 ms each."""
    inside = inside_mask(rows, years) if years is not None else pd.Series(True, rows.index)
    grouped: dict[str, dict[tuple, list[dict]]] = {}
    for row in rows.assign(inside=inside).to_dict("records"):
        sentence = tuple(row[key] for key in _SENTENCE_KEYS)
        grouped.setdefault(row["source_id"], {}).setdefault(sentence, []).append(row)
    return grouped


def _sentence_html(group: list[dict], years: Years | None) -> str:
    """One sentence of a report, its mentions marked, with its category, years and claim."""
    first = group[0]
    mentions = [(row["matched_text"], row["char_start"], row["char_end"]) for row in group]
    spans = sentence_spans(first["evidence"], mentions)
    tags = [html.escape(first["category"]), _years(int(first["year_from"]), int(first["year_to"]))]
    claimants = [claim_label(c) for c in dict.fromkeys(row["claimed_by"] for row in group) if c]
    if claimants:
        tags.append(f"claimed by {html.escape(' and '.join(claimants))}")
    beyond = years is not None and not first["inside"]
    if beyond:
        tags.append(f"spans beyond {years_text(years)}: not counted in the colour")
    item = '<li class="nrf-beyond">' if beyond else "<li>"
    return f"{item}{highlight(first['evidence'], spans)} <small>[{', '.join(tags)}]</small></li>"


def more_reports_text(shown: int, total: int) -> str:
    """What the evidence leaves out when a province has more reports than it shows."""
    return (
        f"The first {shown:,} of {total:,} reports are shown here; the rows below (choose "
        "this province only) and their download hold every one."
    )
