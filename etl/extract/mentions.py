"""From one report's text and publication date to its province mentions.

This is the extractor's single entry point: body sentences (text), place names (places), who
acts and how (events), who claims it (claims), and when (dating). It is pure and deterministic
so the committed table can be rebuilt byte for byte.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import replace

from etl.extract.actors import JIHADIST, find_actors
from etl.extract.actors import OTHER as OTHER_ACTOR
from etl.extract.claims import THIRD_PARTY, claimant
from etl.extract.dating import publication_year, sentence_years
from etl.extract.events import OTHER, analyse, categorise, mention_is_not_place
from etl.extract.patterns import url_spans
from etl.extract.places import Match, find_names
from etl.extract.text import Body, Sentence, plain
from etl.model import NRF_FOUNDED, Mention

# Totals, and the present perfect of repeated activity, describe everything since the NRF
# began (August 2021): "In total, the NRF has attacked targets in 20 provinces". A single
# event in the present perfect ("has claimed an attack") stays in the publication year.
_TOTALS = re.compile(r"\b(?:so\s+far|to\s+date|in\s+total|ever\s+since)\b", re.IGNORECASE)
_TOTALS_WORDS = ("far", "date", "total", "since")
_PERFECT = re.compile(
    r"\b(?:has|have)\s+(?:(?:also|even|now|since|already|repeatedly|continued\s+to|been)\s+)*"
    r"(?:\w+ed|\w+en|fought|hit|won|run|held|struck|begun|grown|led|kept|\w+ing)\b",
    re.IGNORECASE,
)
_REPEATED = re.compile(
    r"\b(?:attacks|operations|clashes|ambushes|raids|targets|provinces|districts|continued|"
    r"continues|repeatedly|regularly|frequently|dozens|hundreds|several|many|numerous)\b",
    re.IGNORECASE,
)
# Between two names of one list: "A, B, and C", "A and B", "A or B".
_LIST_GAP = re.compile(
    r"^\s*(?:,\s*(?:and|or|as\s+well\s+as)?|and|or|&|as\s+well\s+as)\s*(?:the\s+)?$"
)
# A sentence in the present or future tense does not continue the previous sentence's story.
_NOT_NARRATIVE = re.compile(
    r"\b(?:is|are|remains?|has|have|will|would|might|could|should|may|must|expect|today|now|"
    r"currently)\b",
    re.IGNORECASE,
)


def extract_mentions(text: str, published: str) -> list[Mention]:
    """Every mention of a province in the report body, with category and years.

    Sorted by (char_start, char_end); text[char_start:char_end] == matched_text. Only the
    sentences that hold a name are analysed, so the cost is one scan of the text plus work
    proportional to the mentions.
    """
    pub_year = publication_year(published)
    body = Body(text)
    urls = url_spans(text, 0, body.end)
    url_starts = [a for a, _ in urls]

    def near(start: int, end: int) -> str:
        """Context for context-gated names: the line around the name, at most 400 characters
        either side (a report may be one huge line)."""
        s, e = body.spans[body.line_index(start)]
        return text[max(s, start - 400) : min(e, end + 400)]

    groups: dict[int, tuple[Sentence, Sentence | None, list[Match]]] = {}
    for m in _placed(text, find_names(text[: body.end], near)):
        if _inside(urls, url_starts, m.start):
            continue
        located = body.sentence_at(m.start, m.end)
        if located is None:
            continue
        sent, prev = located
        groups.setdefault(sent.start, (sent, prev, []))[2].append(m)

    mentions: list[Mention] = []
    headline = _headline(text, body)
    topic = _about_the_nrf(text[: body.end], headline)
    for _, (sent, prev, found) in sorted(groups.items()):
        before = prev or body.sentence_before(sent)
        antecedent = text[before.start : before.end] if before else None
        got = _sentence_mentions(
            text, sent, prev, antecedent, found, published, pub_year, topic,
            lambda past, sent=sent: _claimant(text, body, sent, headline if not past else "") or "",
        )  # fmt: skip
        mentions.extend(got)
    mentions.sort(key=lambda x: (x.char_start, x.char_end))
    return _unattributed(mentions)


def _unattributed(mentions: list[Mention]) -> list[Mention]:
    """Activity the report attributes nowhere near it takes the attribution the report gives
    the same province later (the headline's news is sourced in the body); failing that, it is
    the outlet's own reporting: a third party."""
    later: dict[str, str] = {}
    out = list(mentions)
    for k in range(len(out) - 1, -1, -1):
        m = out[k]
        if m.category == OTHER:
            continue
        if m.claimed_by:
            later[m.province] = m.claimed_by
        else:
            out[k] = replace(m, claimed_by=later.get(m.province, THIRD_PARTY))
    return out


_NRF_NAMED = re.compile(
    r"\bNRFA?\b|National\s+Resistance\s+Front|\b(?:resistance|anti-Taliban)\s+"
    r"(?:front|forces|fighters)\b",
    re.I,
)
# "Baharak district in Takhar province": the text says which province; a place of the same
# name elsewhere in the gazetteer must not win over it.
_IN_PROVINCE = re.compile(
    r"\s*(?:district|valley|area|city|village)?\s*(?:,|,?\s*in|of)\s+(?:the\s+)?"
    r"(?:(?:north|south|east|west)\w*\s+of\s+(?:the\s+)?)?(?:\w+\s+)?",
    re.IGNORECASE,
)


def _placed(text: str, matches: Iterable[Match]) -> list[Match]:
    """Matches, less a place that the text itself puts in another province; later bare
    mentions of that place are in the province the report gave it ("Baharak district in
    Takhar province ... the Baharak district building": Takhar's Baharak, not Badakhshan's)."""
    found = list(matches)
    out = []
    moved: dict[str, Match] = {}
    for k, m in enumerate(found):
        nxt = found[k + 1] if k + 1 < len(found) else None
        if (
            m.is_place
            and nxt is not None
            and not nxt.is_place
            and nxt.province != m.province
            and _IN_PROVINCE.fullmatch(text, m.end, nxt.start)
            and not _in_a_list(text, m.end, nxt)
        ):
            moved[m.place] = nxt
            continue
        there = moved.get(m.place) if m.is_place else None
        if there is not None:
            m = replace(m, province=there.province, iso_3166_2=there.iso_3166_2)
        out.append(m)
    return out


def _in_a_list(text: str, end: int, nxt: Match) -> bool:
    """ "Andarab, Daikundi, Kabul and Bamiyan": a comma between two names that a list goes
    on after is a list, not "Andarab, Baghlan" (a place and its province)."""
    return text[end:nxt.start].strip() == "," and _LIST_GOES_ON.match(text, nxt.end) is not None


_LIST_GOES_ON = re.compile(r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?-i:[A-Z])")


def _about_the_nrf(body: str, headline: str) -> bool:
    """The report is about the NRF: named in its headline, or at least twice in its body
    when the headline is not about another armed group ("Freedom Front says it killed ...")."""
    if _NRF_NAMED.search(headline):
        return True
    if any(a.kind in (JIHADIST, OTHER_ACTOR) for a in find_actors(headline)):
        return False
    first = _NRF_NAMED.search(body)
    return first is not None and _NRF_NAMED.search(body, first.end()) is not None


def _headline(text: str, body: Body) -> str:
    """The report's headline, which often names the claimant."""
    line = body.headline()
    return body.line_text(line).strip() if line is not None else ""


def _claimant(text: str, body: Body, sent: Sentence, headline: str) -> str | None:
    """Who the report rests this sentence on, from it and its paragraph's other sentences.

    A headline stands alone; the report first attributes its news in the lead that follows
    ("NRF frees four Taliban ..." / "The NRF says it has freed ..."), so the lead's sentences
    stand in for its paragraph."""
    block = body.block(body.line_index(sent.start))
    sents = body.sentences_of_block(*block) if block else [sent]
    k = next((i for i, x in enumerate(sents) if x.start == sent.start), 0)
    before = [text[x.start : x.end] for x in sents[max(0, k - 2) : k]]
    after = [text[x.start : x.end] for x in sents[k + 1 : k + 4]]
    if not after and text[sent.start : sent.end] == headline:
        after = _lead(text, body, block[1] + 1 if block else body.line_index(sent.end) + 1)
    return claimant(text[sent.start : sent.end], before, after, headline, default=None)


def _lead(text: str, body: Body, line: int, count: int = 3) -> list[str]:
    """The first `count` body sentences from `line` on: a headline's lead."""
    out: list[str] = []
    while line < len(body.spans) and len(out) < count:
        block = body.block(line)
        if block is None:
            line += 1
            continue
        out.extend(text[x.start : x.end] for x in body.sentences_of_block(*block))
        line = block[1] + 1
    return out[:count]


def _inside(spans: list[tuple[int, int]], starts: list[int], pos: int) -> bool:
    k = bisect.bisect_right(starts, pos) - 1
    return k >= 0 and spans[k][0] <= pos < spans[k][1]


def _sentence_mentions(
    text: str,
    sent: Sentence,
    prev_sent: Sentence | None,
    antecedent: str | None,
    found: list[Match],
    published: str,
    pub_year: int,
    topic: bool,
    claim: Callable[[bool], str],
) -> list[Mention]:
    """The sentence's mentions; `claim` (who the report rests it on) is asked only when one of
    them is NRF activity, and told whether that activity began before the publication year:
    the headline's claimant speaks for the news, not for the report's account of the group's
    past ("Since the takeover the front has fought in Panjshir" is the outlet's own)."""
    stext = text[sent.start : sent.end]
    # A footnote stands alone; other sentences may lean on the one before in their paragraph.
    prev = text[prev_sent.start : prev_sent.end] if prev_sent and not sent.footnote else None
    # Pronouns may reach back across a paragraph break; years stay within the paragraph.
    ctx = analyse(stext, antecedent, topic)
    years = _years(stext, prev, published, pub_year)
    evidence = plain(stext)
    cats = [categorise(ctx, m.start - sent.start, m.end - sent.start, years) for m in found]
    cats = _propagate_lists(stext, sent.start, found, cats)
    who = claim(years[0] < pub_year) if any(cat != OTHER for cat in cats) else ""
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
            claimed_by=who if cat != OTHER else "",
            place=m.place,
        )
        for m, cat in zip(found, cats, strict=True)
    ]


def _years(stext: str, prev: str | None, published: str, pub_year: int) -> tuple[int, int]:
    """Years from the sentence; else a cumulative span; else the previous sentence's; else the
    publication year."""
    own = sentence_years(stext, published)
    if own is not None:
        return own
    low = stext.lower()  # the patterns' key words, tested first: most sentences have none
    totals = any(w in low for w in _TOTALS_WORDS) and _TOTALS.search(stext)
    if totals or ("ha" in low and _PERFECT.search(stext) and _REPEATED.search(stext)):
        return (min(NRF_FOUNDED, pub_year), pub_year)
    if prev is not None and not _NOT_NARRATIVE.search(stext):
        inherited = sentence_years(prev, published)
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
