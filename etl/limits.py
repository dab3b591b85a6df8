"""How much one report may produce: the caps that keep a hostile report from flooding the table.

Real reports stay far below every cap (the seeds and the 112 reports of eval/ give at most 59
mentions in a report, 20 in a sentence, sentences of 467 characters, files of 35 KB), so a
cap only ever bites on a broken or hostile file, such as "Panjshir " repeated for 9 MB, which
would otherwise give a million rows. The extractor's work grows with the mentions it finds,
so a text report over MAX_REPORT_BYTES is not read at all (a page or PDF file may be up to
MAX_PAGE_FILE_BYTES, its text no more than MAX_REPORT_BYTES). What is cut is said in a warning
naming the report; the README's "Limits" section lists the numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from etl.model import Mention

MAX_REPORT_BYTES = 1_048_576
# A saved page or a PDF is mostly markup, scripts, fonts and images: its file may be larger,
# and the text read from it is then held to MAX_REPORT_BYTES like a text report.
MAX_PAGE_FILE_BYTES = 8 * MAX_REPORT_BYTES
MAX_MENTIONS_PER_REPORT = 1_000
MAX_MENTIONS_PER_SENTENCE = 100
MAX_EVIDENCE_CHARS = 1_000
ELLIPSIS = "…"


@dataclass(frozen=True)
class Capped:
    """The mentions kept, in text order, and what the caps took away."""

    mentions: list[Mention]
    crowded_sentences: int = 0
    dropped_in_sentences: int = 0
    dropped_in_report: int = 0
    shortened: int = 0

    def summary(self) -> str | None:
        """One warning's text saying what was cut, or None when nothing was."""
        parts = []
        if self.dropped_in_sentences:
            parts.append(
                f"{self.crowded_sentences} sentence(s) name more than "
                f"{MAX_MENTIONS_PER_SENTENCE:,} places ({self.dropped_in_sentences:,} mentions "
                "dropped)"
            )
        if self.dropped_in_report:
            parts.append(
                f"more than {MAX_MENTIONS_PER_REPORT:,} mentions in the report "
                f"({self.dropped_in_report:,} dropped)"
            )
        if self.shortened:
            parts.append(
                f"{self.shortened} sentence(s) over {MAX_EVIDENCE_CHARS:,} characters "
                "shortened in the evidence column"
            )
        return "capped: " + "; ".join(parts) if parts else None


def cap_mentions(mentions: Sequence[Mention]) -> Capped:
    """The first MAX_MENTIONS_PER_SENTENCE mentions of each sentence, then the first
    MAX_MENTIONS_PER_REPORT of those, with evidence over MAX_EVIDENCE_CHARS shortened.

    Mentions come in text order, so a sentence's mentions are a run with the same evidence
    (two identical sentences in a row count as one: a repetition a cap may well cut).
    """
    runs: list[int] = []
    kept: list[Mention] = []
    previous = None
    for mention in mentions:
        if runs and mention.evidence == previous:
            runs[-1] += 1
        else:
            runs.append(1)
        previous = mention.evidence
        if runs[-1] <= MAX_MENTIONS_PER_SENTENCE:
            kept.append(mention)
    in_sentences = len(mentions) - len(kept)
    in_report = max(0, len(kept) - MAX_MENTIONS_PER_REPORT)
    kept = kept[:MAX_MENTIONS_PER_REPORT]
    long = {m.evidence for m in kept if len(m.evidence) > MAX_EVIDENCE_CHARS}
    if long:
        kept = [_shortened(m) if m.evidence in long else m for m in kept]
    return Capped(
        mentions=kept,
        crowded_sentences=sum(n > MAX_MENTIONS_PER_SENTENCE for n in runs),
        dropped_in_sentences=in_sentences,
        dropped_in_report=in_report,
        shortened=len(long),
    )


def shorten_evidence(evidence: str) -> str:
    """At most MAX_EVIDENCE_CHARS characters: cut at the last space that fits, marked with …"""
    if len(evidence) <= MAX_EVIDENCE_CHARS:
        return evidence
    head = evidence[: MAX_EVIDENCE_CHARS - len(ELLIPSIS)]
    cut = head.rsplit(" ", 1)[0] if " " in head else head
    return cut.rstrip() + ELLIPSIS


def _shortened(mention: Mention) -> Mention:
    return replace(mention, evidence=shorten_evidence(mention.evidence))
