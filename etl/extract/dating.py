"""Years a sentence talks about, from explicit dates and from relative expressions.

Users filter the map by year, so a row's years must be the years the text describes: "last
October" in a report of August 2024 is 2023, "since September 2021" runs to the report's year,
"2021–2024" stays one span and is never spread into false precision. Relative expressions are
resolved against the report's publication date ('YYYY', 'YYYY-MM' or 'YYYY-MM-DD').
"""

from __future__ import annotations

import re
from functools import lru_cache

from etl.extract.patterns import MONTH, blank_urls, month_number

Span = tuple[int, int]

_NUM_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "several": 3, "few": 2, "couple": 2,
}
_NUM = (
    r"(?:\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|a few|"
    r"a couple of)"
)

_RANGE = re.compile(
    r"\b(1[89]\d\d|20\d\d)\s*(?:[-–—/]|\bto\b|\band\b|\buntil\b|\bthrough\b)\s*(\d{4}|\d{2})\b"
    r"(?!\s*(?:%|percent|people|troops|fighters))"
)
_DECADE = re.compile(r"\b(?:(early|mid|late)[- ])?(1[89]\d|20[0-2])0s\b", re.I)
_YEAR = re.compile(r"(?<![\d,.$/])\b(1[89]\d\d|20\d\d)\b(?![,.]\d)")
_NINE_ELEVEN = re.compile(r"\b9/11\b")
_MONTH_REF = re.compile(
    rf"\b(?P<month>{MONTH})\b\.?(?:\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b)?"
    rf"(?P<year>,?\s+(?:of\s+)?\d{{4}})?"
)
# Words just before a month name that make it a date ("last October", "in May", "since June").
_MONTH_BEFORE = re.compile(
    r"(?:\b(?P<rel>last|this|past|next|early|late|mid)[\s-]*)?"
    r"(?:\b(?P<pre>in|on|since|by|until|of|from|during|through|and|to|between|before|after)\s+)?"
    r"(?:the\s+)?(?P<dayfirst>\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?)?$",
    re.I,
)
_MONTH_TRIGGER = re.compile(rf"\b{MONTH}\b")
_SEASON = re.compile(
    r"\b(?P<rel>last|this|past|next)\s+(?P<season>spring|summer|autumn|fall|winter)\b", re.I
)
_REL_YEAR = re.compile(
    r"\b(?:(?P<last>last|past|previous)|(?P<this>this|current|earlier this|later this))\s+year\b",
    re.I,
)
_REL_NEAR = re.compile(
    r"\b(?:last|this|past|previous)\s+(?:month|week|weekend|few\s+(?:days|weeks|months))\b|"
    r"\b(?:yesterday|today|on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b",
    re.I,
)
_AGO = re.compile(
    rf"\b(?:(?:just|nearly|almost|about|roughly|around|some|more than|over|less than|under)\s+)*"
    rf"(?P<n>{_NUM})\s+years?\s+ago\b",
    re.I,
)
_PAST_N = re.compile(
    rf"\b(?:in|over|during|for|within)\s+the\s+(?:past|last|previous)\s+(?P<n>{_NUM})\s+(?P<unit>years?|decades?|months?)\b",
    re.I,
)
# "has fought for three years", "for more than two decades": a span ending now.
_FOR_N = re.compile(
    rf"\bfor\s+(?:(?:more\s+than|over|nearly|almost|about|some|the\s+(?:past|last))\s+)?"
    rf"(?P<n>{_NUM})\s+(?P<unit>years?|decades?)\b(?!\s+(?:of|in\s+prison|ago))",
    re.I,
)
_PAST_YEAR = re.compile(r"\b(?:in|over|during)\s+the\s+(?:past|last)\s+year\b", re.I)
_TAKEOVER = re.compile(
    r"\b(?:Taliban(?:['’]s)?\s+(?:takeover|take\s+over|return(?:ed)?\s+to\s+power|seizure\s+of\s+power|"
    r"capture\s+of\s+Kabul|victory)|fall\s+of\s+(?:Kabul|the\s+(?:Afghan\s+)?(?:republic|government))|"
    r"(?:US|U\.S\.|American)\s+withdrawal)\b",
    re.I,
)
_TAKEOVER_YEAR = 2021
# The Soviet war (1979-1989) dates what is said of it: "led the resistance against the Soviets".
_SOVIET = re.compile(r"\bSoviets?\b", re.I)
_SOVIET_WAR = (1979, 1989)
_SINCE = re.compile(r"\bsince\b", re.I)
_DIGIT = re.compile(r"\d")
_NON_DIGITS = re.compile(r"\D")
# A time named only for comparison ("similar to the 1990s", "more than it did in 2001").
_COMPARISON = re.compile(
    r"\b(?:similar\s+(?:\w+\s+)?(?:to|as)|as\s+in|like\s+in|just\s+like|than\s+(?:it\s+)?(?:did|was|were|had)?\s*(?:in|on|at)?|"
    r"reminiscent\s+of|parallels?\s+(?:to|with)|echo(?:es|ing)?|compared\s+(?:to|with))\s+"
    r"(?:(?:the|what|existed|in|during|of|a|an|situation|period)\s+){0,4}[^\s]*$",
    re.I,
)


@lru_cache(maxsize=1024)
def publication(published: str) -> tuple[int, int]:
    """(year, month) of a publication date; month 12 when only the year is known."""
    m = re.match(r"^\s*(\d{4})(?:-(\d{1,2}))?", published or "")
    if not m:
        raise ValueError(f"unparseable publication date: {published!r}")
    return int(m.group(1)), int(m.group(2) or 12)


def _n(word: str) -> int:
    w = word.lower().replace("a few", "few").replace("a couple of", "couple")
    return int(w) if w.isdigit() else _NUM_WORDS.get(w, 1)


def _month_year(month: int, pub_y: int, pub_m: int, rel: str | None) -> int:
    """Year of a month named without a year: the latest such month not after publication."""
    if rel and rel.lower() == "next":
        return pub_y if month > pub_m else pub_y + 1
    if rel and rel.lower() == "this":
        return pub_y
    if rel and rel.lower() in {"last", "past"}:
        return pub_y if month < pub_m else pub_y - 1
    return pub_y if month <= pub_m else pub_y - 1


def _expand(y1: int, tail: str) -> int:
    if len(tail) == 2:
        y2 = (y1 // 100) * 100 + int(tail)
        return y2 if y2 >= y1 else y2 + 100
    return int(tail)


def find_spans(sentence: str, published: str) -> list[tuple[int, Span]]:
    """Every time expression in the sentence as (offset, (year_from, year_to))."""
    pub_y, pub_m = publication(published)
    text = blank_urls(sentence)
    found: list[tuple[int, Span]] = []
    taken: list[tuple[int, int]] = []

    def add(pos: int, end: int, span: Span) -> None:
        if any(a <= pos < b for a, b in taken):
            return
        if _COMPARISON.search(text, max(0, pos - 60), pos):
            taken.append((pos, end))  # "a situation similar to the mid-1990s" is not when
            return
        taken.append((pos, end))
        found.append((pos, (min(span), max(span))))

    low = text.lower()
    has_digit = _DIGIT.search(text) is not None
    has_month = _MONTH_TRIGGER.search(text) is not None
    has_past = "past" in low or "last" in low or "previous" in low
    for m in _RANGE.finditer(text) if has_digit else ():
        y1, y2 = int(m.group(1)), _expand(int(m.group(1)), m.group(2))
        if y1 <= y2 <= y1 + 60:
            add(m.start(), m.end(), (y1, y2))
    for m in _DECADE.finditer(text) if has_digit else ():
        base = int(m.group(2)) * 10
        part = (m.group(1) or "").lower()
        span = {
            "early": (base, base + 3),
            "mid": (base + 3, base + 6),
            "late": (base + 6, base + 9),
        }
        add(m.start(), m.end(), span.get(part, (base, base + 9)))
    for m in _NINE_ELEVEN.finditer(text) if has_digit else ():
        add(m.start(), m.end(), (2001, 2001))
    for m in _MONTH_REF.finditer(text) if has_month else ():
        b = _MONTH_BEFORE.search(text, max(0, m.start() - 24), m.start())
        rel = b.group("rel") if b else None
        pre = b and (b.group("pre") or b.group("dayfirst"))
        if not (rel or pre or m.group("day") or m.group("year")):
            continue  # "May" the verb, "March" the verb
        month = month_number(m.group("month"))
        if m.group("year"):
            y = int(_NON_DIGITS.sub("", m.group("year")))
        else:
            y = _month_year(month, pub_y, pub_m, rel)
        add(b.start() if b and rel else m.start(), m.end(), (y, y))
    for m in _YEAR.finditer(text) if has_digit else ():
        y = int(m.group(1))
        if 1800 <= y <= pub_y + 10:
            add(m.start(), m.end(), (y, y))
    has_season = any(w in low for w in ("spring", "summer", "autumn", "fall", "winter"))
    for m in _SEASON.finditer(text) if has_season else ():
        rel = m.group("rel").lower()
        season = m.group("season").lower()
        if rel == "this":
            span = (pub_y, pub_y)
        elif rel == "next":
            span = (pub_y + 1, pub_y + 1) if season == "winter" or pub_m > 6 else (pub_y, pub_y)
        elif season == "winter":
            span = (pub_y - 1, pub_y) if pub_m >= 3 else (pub_y - 1, pub_y - 1)
        else:
            span = (pub_y - 1, pub_y - 1)
        add(m.start(), m.end(), span)
    for m in _REL_YEAR.finditer(text) if "year" in low else ():
        add(m.start(), m.end(), (pub_y - 1, pub_y - 1) if m.group("last") else (pub_y, pub_y))
    near = has_past or "this" in low or "day" in low
    for m in _REL_NEAR.finditer(text) if near else ():
        y = pub_y - 1 if pub_m == 1 and "month" in m.group(0).lower() else pub_y
        add(m.start(), m.end(), (y, pub_y) if "few" in m.group(0).lower() else (y, y))
    for m in _AGO.finditer(text) if " ago" in low else ():
        add(m.start(), m.end(), (pub_y - _n(m.group("n")),) * 2)
    for m in _PAST_N.finditer(text) if has_past else ():
        n = _n(m.group("n"))
        unit = m.group("unit").lower()
        if unit.startswith("month"):  # "the past 12 months" in June reaches into last year
            start = (pub_y * 12 + pub_m - 1 - n) // 12
        else:
            start = pub_y - (n * 10 if unit.startswith("decade") else n)
        add(m.start(), m.end(), (start, pub_y))
    for m in _FOR_N.finditer(text) if "for " in low else ():
        n = _n(m.group("n"))
        add(m.start(), m.end(), (pub_y - n * (10 if m.group("unit")[0] in "dD" else 1), pub_y))
    for m in _PAST_YEAR.finditer(text) if has_past else ():
        add(m.start(), m.end(), (pub_y - 1, pub_y))
    takeover = "tal" in low or "fall of" in low or "withdrawal" in low
    for m in _TAKEOVER.finditer(text) if takeover else ():
        add(m.start(), m.end(), (_TAKEOVER_YEAR, _TAKEOVER_YEAR))
    for m in _SOVIET.finditer(text) if "soviet" in low else ():
        add(m.start(), m.end(), _SOVIET_WAR)
    # "since X" runs from X to the report's date.
    for m in _SINCE.finditer(text) if "since" in low else ():
        after = [(pos, span) for pos, span in found if 0 <= pos - m.end() <= 40]
        if after:
            pos, span = min(after)
            found.remove((pos, span))
            found.append((pos, (span[0], max(span[1], pub_y))))
    return sorted(found)


# Times that date something other than the event, when the sentence also dates the event:
# an aside about an actor (", founded in 2021,", "(formed in 2021)"), a reference point
# ("two decades after the Soviet withdrawal in 1989"), and when a statement was made ("..., the
# group said on Sunday").
_ASIDE = re.compile(
    r",\s*(?:which|who|whose|founded|formed|established|created|set\s+up|launched|born|like|"
    r"unlike)\b"
    r"[^,;]*(?:,|$)|\([^()]*\)|"
    r"\b(?:\w+\s+)?(?:years?|decades?|months?)\s+(?:after|before)\b[^,;]*|"
    r"\b(?:said|says|told\s+\w+|announced|claimed|added|stated)\s+(?:in\s+a\s+\w+\s+)?"
    r"(?:on|late\s+on|early\s+on)\s+\w+",
    re.I,
)


@lru_cache(maxsize=4096)
def sentence_years(sentence: str, published: str) -> Span | None:
    """The span of the sentence's time expressions, or None when it names no time. Times in an
    aside are left out when others remain: "The NRF, founded in 2021, attacked ... on Monday"
    is about this Monday."""
    spans = find_spans(sentence, published)
    if len(spans) > 1:
        asides = [m.span() for m in _ASIDE.finditer(sentence)]
        event = [(p, s) for p, s in spans if not any(a <= p < b for a, b in asides)]
        spans = event or spans
    if not spans:
        return None
    return min(s[0] for _, s in spans), max(s[1] for _, s in spans)


def publication_year(published: str) -> int:
    """The year a report was published: the default when a sentence names no time."""
    return publication(published)[0]


__all__ = ["find_spans", "publication", "publication_year", "sentence_years"]
