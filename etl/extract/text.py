"""Report body versus page furniture, and sentences, as spans of the original text.

Reports are web pages saved as text: navigation menus, subscribe/follow/copyright lines, teaser
headlines in capitals and "Read more" lists of unrelated headlines surround the article. Users
read every row as evidence from the article, so furniture must not yield mentions. Everything
here returns (start, end) offsets into the text exactly as read, so a mention's offsets and its
sentence stay valid in the original.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from itertools import accumulate
from operator import add, methodcaller

from etl.extract.actors import find_actors
from etl.extract.patterns import MONTH

# A line that is furniture on its own, wherever it appears.
_FURNITURE_LINE = re.compile(
    r"^\s*(?:"
    r"subscribe\b|sign up\b|follow (?:us|him|her)\b|share (?:this|on)\b|©|copyright\b|"
    r"all rights reserved|click here\b|view (?:full )?pdf\b|download (?:the )?pdf\b|"
    r"advertisement\s*$|caption\s*$|print\s*$|email\s*$|share\s*$|menu\s*$|search\s*$|"
    r"frequently searched|top issues\s*$|select a section|"
    r"(?:new)?\s*you can now listen|listen to (?:this|the) article|"
    r"read more\b|related(?: articles| stories| content| posts)?\s*:?\s*$|"
    r"more from\b|recommended(?: for you)?\s*:?\s*$|you may also like|see also\s*:?\s*$|"
    r"most (?:read|popular)\s*:?\s*$|trending\s*:?\s*$|\w+\s*\d+\s*min read\s*$|"
    # link and label lines: "Also read: <other story>", "Tags: Panjshir, NRF", "Related: ..."
    r"(?:also read|read also|see also|related|watch|listen|tags?|topics?|filed under|categories|"
    r"keywords|more on this|sponsored|advertisement|share this article|sign in|log in)\s*:|"
    r"sponsored\s*$|skip to (?:main )?content|back to top"
    r")",
    re.IGNORECASE,
)
# "- Headline - Publisher - February 11th, 2025 [February 11th, 2025]" and similar list items
# whose line ends in a date: headlines of other stories, not the report.
_HEADLINE_ITEM = re.compile(
    rf"^\s*(?:[-•*·]\s+.*|.*\s-\s.*)\b{MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\s*"
    rf"(?:\[[^\]]*\]\s*)?$"
)
# Markers after which the rest of the page is a list of other stories.
_TRAILER_START = re.compile(
    r"^\s*(?:read more(?: here)?|related(?: articles| stories| content| posts)?|more from\b.*|"
    r"recommended(?: for you)?|you may also like|more (?:stories|news|on this(?: story)?)|"
    r"latest news|most (?:read|popular|viewed)|also read|see also|top stories|trending(?: now)?|"
    r"editor['’]s picks|further reading)\s*:?\s*$",
    re.IGNORECASE,
)
_NAV_END = (".", "!", "?", ":", ";", '"', "”", ")")
_FOOTNOTE_LINE = re.compile(r"^\s*\[\d{1,3}\]")
_LOWER_RUN = re.compile(r"[a-z]{4}")
_UPPER = re.compile(r"[A-Z]")
_LOWER = re.compile(r"[a-z]")


@dataclass(frozen=True)
class Line:
    """A body line: its span, whether it is a footnote, and its paragraph number."""

    start: int
    end: int
    footnote: bool
    paragraph: int


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line, its CR/LF ending left out. Iterated in C (map, accumulate):
    a report has hundreds of lines and this runs on every one."""
    chunks = text.splitlines(keepends=True)
    starts = list(accumulate(map(len, chunks), initial=0))[:-1]
    kept = map(len, map(methodcaller("rstrip", "\r\n"), chunks))
    return list(zip(starts, map(add, starts, kept), strict=True))


def _is_headline_item(line: str) -> bool:
    """A list item or "headline - publisher - date" line ending in a date."""
    if len(line) > 400:
        return False  # headlines are short; this also bounds the regex's backtracking
    tail = line.rstrip()[-1:]
    return (tail == "]" or tail.isdigit()) and _HEADLINE_ITEM.match(line) is not None


def _is_shouting(line: str) -> bool:
    """Teaser headlines in capitals (Fox News style); "NRF" alone is not shouting."""
    if _LOWER_RUN.search(line):
        return False  # fast path: ordinary prose
    upper = len(_UPPER.findall(line))
    lower = len(_LOWER.findall(line))
    return upper >= 12 and upper >= 0.9 * (upper + lower) and len(line.split()) >= 3


def _is_nav(line: str) -> bool:
    """A short line without sentence punctuation: menu items, bylines, section headings.
    A short headline that names an armed group ("NRF attacks in Andarab") is kept."""
    stripped = line.strip()
    if not stripped or len(stripped) > 80 or stripped.endswith(_NAV_END):
        return False
    return len(stripped.split()) <= 4 and not find_actors(stripped)


_LETTER = re.compile(r"[^\W\d_]")
_MENU_SEPARATOR = re.compile(r"\s+[|›»•·]\s+")


def _is_menu(line: str) -> bool:
    """A site menu or breadcrumb: three or more short items between bars ("Home | News |
    Afghanistan"). A headline has at most one bar, before the site's name."""
    if "|" not in line and "›" not in line and "»" not in line and "•" not in line:
        return False
    items = _MENU_SEPARATOR.split(line.strip())
    return len(items) >= 3 and all(len(item.split()) <= 5 for item in items)


def _is_furniture(line: str) -> bool:
    return bool(
        _FURNITURE_LINE.match(line)
        or _is_headline_item(line)
        or _is_shouting(line)
        or _is_nav(line)
        or _is_menu(line)
    )


def _trailer_start(text: str, spans: list[tuple[int, int]]) -> int:
    """Index of the line where a trailing list of other stories begins (len(spans) if none).

    A "Read more"/"Related" marker counts only when most of the non-blank lines after it look
    like headline items, so a report that merely says "Read more:" mid-text is not cut.
    """
    # Only lines from the first marker on can start it (matched line by line: a search of
    # the whole text tries the pattern at every character).
    lowest = next((i for i, (s, e) in enumerate(spans) if _TRAILER_START.match(text[s:e])), None)
    if lowest is None:
        return len(spans)
    # Walk backwards once, counting headline-like lines after each point, so the check is
    # linear in the number of lines.
    cut = len(spans)
    items = total = 0
    for i in range(len(spans) - 1, lowest - 1, -1):
        s, e = spans[i]
        line = text[s:e]
        if _TRAILER_START.match(line) and (total == 0 or items >= 0.8 * total):
            cut = i
        if line.strip():
            total += 1
            if _is_headline_item(line) or _is_nav(line) or len(line) < 160:
                items += 1
    return cut


# --- sentences -----------------------------------------------------------------------------------

_ABBREV = {
    "u.s", "u.k", "u.n", "d.c", "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt",
    "st", "no", "vs", "etc", "e.g", "i.e", "jr", "sr", "sept", "sep", "oct", "nov", "dec", "jan",
    "feb", "mar", "apr", "aug", "jun", "jul", "inc", "co", "corp", "prof", "rep", "sen", "gov",
    "pp", "p", "vol", "fig", "al", "approx", "est", "mt", "ft",
}
# End of sentence: . ! ? then closing quotes/brackets, an optional footnote marker ([12], REF, or
# a bare number glued on), then whitespace or a capital letter glued on ("...hat.”REF Massoud").
_BOUNDARY = re.compile(
    r"[.!?]+[\"”’')\]]*(?:\[\d{1,3}\]|REF|\d{1,2}(?=[\s\[A-Z]))?(?:\s+|(?=[A-Z“\"]))"
)


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split text[start:end] into sentence spans (trimmed of surrounding whitespace)."""
    out: list[tuple[int, int]] = []
    s = start
    for m in _BOUNDARY.finditer(text, start, end):
        if _is_abbreviation(text, s, m.start()):
            continue
        if m.end() - s < 2:
            continue
        out.append(_trim(text, s, m.end()))
        s = m.end()
    if s < end and text[s:end].strip():
        out.append(_trim(text, s, end))
    return [sp for sp in out if sp[1] > sp[0]]


def _is_abbreviation(text: str, sent_start: int, dot: int) -> bool:
    if text[dot] != ".":
        return False
    j = dot
    while j > sent_start and (text[j - 1].isalpha() or text[j - 1] == "."):
        j -= 1
    word = text[j:dot].lower()
    if word in _ABBREV:
        return True
    # Single capital initials ("Ahmad S. Massoud", "P. W.") do not end a sentence.
    return len(word) == 1 and text[dot - 1].isupper()


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


@dataclass(frozen=True)
class Sentence:
    """A body sentence: span, paragraph number, footnote flag, and position in the report."""

    start: int
    end: int
    paragraph: int
    footnote: bool
    index: int


_NOT_BODY, _BODY, _FOOTNOTE = 0, 1, 2
_SENTENCE_END = ".!?:\"”"


class Body:
    """A report's body, looked at lazily: only the lines asked about are classified and split.

    Lines are paragraphs (saved pages put each on its own line); a line that does not end a
    sentence and is followed directly by a line starting in lower case is hard-wrapped and
    continues into it, so the two form one block. A footnote line is one sentence: its citation
    date belongs to the headline it cites. Sentence.paragraph is the block's first line number.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans = _lines(text)
        self.starts = [s for s, _ in self.spans]
        cut = _trailer_start(text, self.spans)
        self.cut = cut
        self.end = self.spans[cut][0] if cut < len(self.spans) else len(text)
        self._kinds: dict[int, int] = {}
        self._sentences: dict[int, list[Sentence]] = {}
        self._block_starts: dict[int, list[int]] = {}
        self._block_of: dict[int, tuple[int, int]] = {}

    def line_index(self, pos: int) -> int:
        return bisect.bisect_right(self.starts, pos) - 1

    def line_text(self, i: int) -> str:
        s, e = self.spans[i]
        return self.text[s:e]

    def kind(self, i: int) -> int:
        k = self._kinds.get(i)
        if k is None:
            line = self.line_text(i)
            if i >= self.cut or not line.strip() or _is_furniture(line):
                k = _NOT_BODY
            elif _FOOTNOTE_LINE.match(line):
                k = _FOOTNOTE
            else:
                k = _BODY
            self._kinds[i] = k
        return k

    def _joins(self, i: int) -> bool:
        """Line i is hard-wrapped into line i + 1."""
        if i < 0 or i + 1 >= len(self.spans):
            return False
        if self.kind(i) != _BODY or self.kind(i + 1) != _BODY:
            return False
        end = self.spans[i][1]
        nxt = self.spans[i + 1][0]
        return self.text[end - 1] not in _SENTENCE_END and self.text[nxt : nxt + 1].islower()

    def block(self, i: int) -> tuple[int, int] | None:
        """First and last line of the block holding line i (None for furniture)."""
        if i < 0 or self.kind(i) == _NOT_BODY:
            return None
        known = self._block_of.get(i)
        if known is not None:
            return known
        a = i
        while self._joins(a - 1):
            a -= 1
        b = i
        while self._joins(b):
            b += 1
        for j in range(a, b + 1):
            self._block_of[j] = (a, b)
        return a, b

    def sentences_of_block(self, a: int, b: int) -> list[Sentence]:
        got = self._sentences.get(a)
        if got is None:
            s, e = self.spans[a][0], self.spans[b][1]
            foot = self.kind(a) == _FOOTNOTE
            spans = [(s, e)] if foot else sentences(self.text, s, e)
            spans = [piece for x, y in spans for piece in _bounded(self.text, x, y)]
            got = [Sentence(x, y, a, foot, k) for k, (x, y) in enumerate(spans)]
            self._sentences[a] = got
        return got

    def sentence_at(self, start: int, end: int) -> tuple[Sentence, Sentence | None] | None:
        """The body sentence holding [start, end) and the sentence before it in its paragraph."""
        blk = self.block(self.line_index(start))
        if blk is None:
            return None
        sents = self.sentences_of_block(*blk)
        k = bisect.bisect_right(self._starts_of_block(blk[0], sents), start) - 1
        if k >= 0 and sents[k].start <= start and end <= sents[k].end:
            return sents[k], (sents[k - 1] if k > 0 else None)
        return None

    def _starts_of_block(self, a: int, sents: list[Sentence]) -> list[int]:
        got = self._block_starts.get(a)
        if got is None:
            got = [s.start for s in sents]
            self._block_starts[a] = got
        return got

    def sentence_before(self, sent: Sentence) -> Sentence | None:
        """The sentence just before `sent`, across one paragraph break, when the line just
        before its paragraph is body text (news sites put every sentence on its own line)."""
        if sent.footnote:
            return None
        if sent.index > 0:
            sents = self.sentences_of_block(*(self.block(sent.paragraph) or (0, 0)))
            return sents[sent.index - 1]
        i = sent.paragraph - 1
        while i >= 0 and not self.line_text(i).strip():
            i -= 1
        blk = self.block(i)
        if blk is None or self.kind(blk[0]) == _FOOTNOTE:
            return None
        before = self.sentences_of_block(*blk)
        return before[-1] if before else None

    def headline(self, search: int = 30, min_words: int = 4) -> int | None:
        """Line number of the report's headline: the first body line of `min_words` words or
        more among the first `search` lines (site names, menus and share buttons come first
        in saved pages), or None."""
        for i in range(min(search, len(self.spans))):
            words = [w for w in self.line_text(i).split() if _LETTER.search(w)]
            if self.kind(i) != _NOT_BODY and len(words) >= min_words:
                return i
        return None

    def blocks(self) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        i = 0
        while i < len(self.spans):
            blk = self.block(i)
            if blk is None:
                i += 1
                continue
            out.append(blk)
            i = blk[1] + 1
        return out


def body_lines(text: str) -> list[Line]:
    """The report's own lines (not furniture), with footnote flags and line numbers."""
    body = Body(text)
    return [
        Line(s, e, body.kind(i) == _FOOTNOTE, i)
        for i, (s, e) in enumerate(body.spans)
        if body.kind(i) != _NOT_BODY
    ]


def body_sentences(text: str) -> list[Sentence]:
    """All sentences of the report body, in order."""
    body = Body(text)
    return [s for a, b in body.blocks() for s in body.sentences_of_block(a, b)]


MAX_SENTENCE = 2000
_BEFORE_CAPITAL = re.compile(r"\s(?=[A-Z])")


def _bounded(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """A "sentence" longer than MAX_SENTENCE characters (text without punctuation) is cut at
    line breaks, else commas, else before a capitalised word, else spaces, so that no
    sentence costs more than a bounded amount of work."""
    if e - s <= MAX_SENTENCE:  # the common case
        s, e = _trim(text, s, e)
        return [(s, e)] if e > s else []
    out: list[tuple[int, int]] = []
    while e - s > MAX_SENTENCE:
        window = text[s : s + MAX_SENTENCE]
        cut = window.rfind("\n")
        if cut < MAX_SENTENCE // 4:
            cut = max(window.rfind(", "), window.rfind("; "))
        if cut < MAX_SENTENCE // 4:
            # before a capitalised word, so that a place name is not cut in two
            starts = [m.start() for m in _BEFORE_CAPITAL.finditer(window)]
            cut = starts[-1] if starts else window.rfind(" ")
        if cut < MAX_SENTENCE // 4:
            cut = MAX_SENTENCE
        out.append(_trim(text, s, s + cut))
        s = s + cut
    out.append(_trim(text, s, e))
    return [sp for sp in out if sp[1] > sp[0]]


def plain(text: str) -> str:
    """Evidence as users read it: whitespace collapsed, no leading/trailing space."""
    return " ".join(text.split())


__all__ = ["Body", "Line", "Sentence", "body_lines", "body_sentences", "plain", "sentences"]
