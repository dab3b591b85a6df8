"""From one report's text and publication date to its province mentions.

This is the extractor's single entry point: body sentences (etl.text), place names
(etl.gazetteer), who acts and how (etl.classify), and when (etl.dating). It is pure and
deterministic so the committed table can be rebuilt byte for byte.
"""

from __future__ import annotations

import bisect
import re

from etl.classify import OTHER, analyse, categorise, mention_is_not_place
from etl.dating import publication_year, sentence_years
from etl.gazetteer import Match, find_names
from etl.model import Mention
from etl.text import Sentence, body_lines, body_sentences, plain

_URL = re.compile(r"https?://\S+|www\.\S+")
# Present perfect and totals describe everything since the NRF began (August 2021).
_CUMULATIVE = re.compile(
    r"\b(?:has|have)\s+(?:(?:also|even|now|since|already|repeatedly|continued\s+to|been)\s+)*"
    r"(?:\w+ed|\w+en|fought|hit|won|run|held|struck|begun|grown|led|kept)\b|"
    r"\bso\s+far\b|\bto\s+date\b|\bin\s+total\b|\bhave\s+been\s+\w+ing\b|\bhas\s+been\s+\w+ing\b",
    re.IGNORECASE,
)
# Between two names of one list: "A, B, and C", "A and B", "A or B".
_LIST_GAP = re.compile(
    r"^\s*(?:,\s*(?:and|or|as\s+well\s+as)?|and|or|&|as\s+well\s+as)\s*(?:the\s+)?$"
)
NRF_FOUNDED = 2021
# A sentence in the present or future tense does not continue the previous sentence's story.
_NOT_NARRATIVE = re.compile(
    r"\b(?:is|are|remains?|has|have|will|would|might|could|should|may|must|expect|today|now|"
    r"currently)\b",
    re.IGNORECASE,
)


def extract_mentions(text: str, published: str) -> list[Mention]:
    """Every mention of a province in the report body, with category and years.

    Sorted by (char_start, char_end); text[char_start:char_end] == matched_text.
    """
    pub_year = publication_year(published)
    sents = body_sentences(text)
    if not sents:
        return []
    starts = [s.start for s in sents]
    lines = body_lines(text)
    line_starts = [ln.start for ln in lines]
    urls = [(m.start(), m.end()) for m in _URL.finditer(text)]

    def paragraph_of(start: int, end: int) -> str:
        i = bisect.bisect_right(line_starts, start) - 1
        if i < 0:
            return ""
        return text[lines[i].start : lines[i].end]

    by_sentence: dict[int, list[Match]] = {}
    for m in find_names(text, paragraph_of):
        i = bisect.bisect_right(starts, m.start) - 1
        if i < 0 or m.end > sents[i].end or _inside(urls, m.start):
            continue
        by_sentence.setdefault(i, []).append(m)

    mentions: list[Mention] = []
    for i, found in sorted(by_sentence.items()):
        mentions.extend(_sentence_mentions(text, sents, i, found, published, pub_year))
    mentions.sort(key=lambda x: (x.char_start, x.char_end))
    return mentions


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    return any(a <= pos < b for a, b in spans)


def _sentence_mentions(
    text: str, sents: list[Sentence], i: int, found: list[Match], published: str, pub_year: int
) -> list[Mention]:
    sent = sents[i]
    stext = text[sent.start : sent.end]
    prev = _previous(text, sents, i)
    ctx = analyse(stext, prev[0] if prev else None)
    years = _years(stext, prev, published, pub_year)
    evidence = plain(stext)
    cats = [categorise(ctx, m.start - sent.start, m.end - sent.start, years) for m in found]
    cats = _propagate_lists(stext, sent.start, found, cats)
    return [
        Mention(
            province=m.province,
            iso_3166_2=m.iso_3166_2,
            category=cat,
            year_from=years[0],
            year_to=years[1],
            matched_text=m.text,
            char_start=m.start,
            char_end=m.end,
            evidence=evidence,
        )
        for m, cat in zip(found, cats, strict=True)
    ]


def _previous(text: str, sents: list[Sentence], i: int) -> tuple[str, Sentence] | None:
    """The previous sentence of the same paragraph (not across footnotes or headings)."""
    if i == 0:
        return None
    p = sents[i - 1]
    if p.paragraph != sents[i].paragraph or p.footnote or sents[i].footnote:
        return None
    return text[p.start : p.end], p


def _years(
    stext: str, prev: tuple[str, Sentence] | None, published: str, pub_year: int
) -> tuple[int, int]:
    """Years from the sentence; else a cumulative span; else the previous sentence's; else the
    publication year."""
    own = sentence_years(stext, published)
    if own is not None:
        return own
    if _CUMULATIVE.search(stext):
        return (min(NRF_FOUNDED, pub_year), pub_year)
    if prev is not None and not _NOT_NARRATIVE.search(stext):
        inherited = sentence_years(prev[0], published)
        if inherited is not None:
            return inherited
    return (pub_year, pub_year)


def _propagate_lists(stext: str, offset: int, found: list[Match], cats: list[str]) -> list[str]:
    """Every name of a list takes the category of the list's first name ("attacked Taliban
    targets in A, B, ... and T"), unless the name itself is a title or part of another name."""
    out = list(cats)
    for k in range(1, len(found)):
        gap = stext[found[k - 1].end - offset : found[k].start - offset]
        if _LIST_GAP.match(gap) and out[k - 1] != OTHER:
            a, b = found[k].start - offset, found[k].end - offset
            if not mention_is_not_place(stext, a, b):
                out[k] = out[k - 1]
    return out


__all__ = ["extract_mentions"]
