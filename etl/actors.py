"""Who is acting in a sentence: the NRF under its many names, or someone else.

The map shows NRF activity only, so the Taliban, ISIS-K, al-Qaeda, foreign armies and other
anti-Taliban groups (the Afghanistan Freedom Front is NOT the NRF) must be told apart from the
NRF's own names: NRF, National Resistance Front, resistance forces/fighters, Massoud's forces,
the anti-Taliban resistance, "the front".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NRF = "nrf"
TALIBAN = "taliban"
JIHADIST = "jihadist"  # ISIS-K, al-Qaeda and allied groups
OTHER = "other"  # other armed groups, foreign forces, historical actors

_NRF_RE = (
    r"\bNRF(?:A)?\b|\bN\.R\.F\b|"
    r"\b(?:Afghanistan(?:['’]s)?\s+)?National\s+Resistance\s+Front\b|"
    r"\bresistance\s+(?:forces?|fighters?|front|movement|group|commanders?|rebels?|members?|units?|"
    r"troops|militias?|army|soldiers|leaders?|positions?|bases?|ranks)\b|"
    r"\b(?:anti-Taliban|armed|Afghan|Panjshiri|Panjshir|new|NRF|national)\s+resistance\b|"
    r"\b(?:the|pockets\s+of|local)\s+resistance\b(?!\s+(?:to|against|of|from|by|in\s+the\s+1))|"
    r"\bMassoud(?:['’]s)?\s+(?:forces|fighters|men|group|troops|loyalists|supporters|commanders|followers)\b|"
    r"\b(?:Ahmad\s+)?Massoud(?:\s+Jr\.?)?(?:['’]s)?(?=\s+(?:said|says|claimed|claims|announced|led|leads|is\s+leading|vowed|called|ordered))|"
    r"\bthe\s+front\b(?!\s+(?:lines?|page|door|row|seat|of|end|runner))|"
    r"\b(?:NRF|resistance|anti-Taliban)[- ](?:held|controlled|linked|affiliated)\b|"
    r"\bAhmad\s+Massoud\b(?!\s+Shah)|\bMassoud\s+Jr\b"
)
_TALIBAN_RE = (
    r"(?<!anti-)\bTaliban\b|(?<!anti-)\bTaleban\b|\bIslamic\s+Emirate\b|\bIEA\b|\bHaqqani(?:\s+network)?\b|"
    r"\bde\s+facto\s+(?:authorities|government)\b|\bMullah\s+\w+"
)
_JIHADIST_RE = (
    r"\bIS(?:IS)?-?K(?:P)?\b|\bISIS\b|\bISIL\b|\bIslamic\s+State\b|\bDa['’]?esh\b|"
    r"\bal[- ]Qa['’]?[ei]da\b|\bAQIS\b|\bJamaat[- ]e[- ]Ansarullah\b|\bIMU\b|"
    r"\bIslamic\s+Movement\s+of\s+Uzbekistan\b|\bTTP\b|\bTehrik[- ]e[- ]Taliban\b|\bETIM\b"
)
_OTHER_RE = (
    r"\bAfghanistan\s+Freedom\s+Front\b|\bAFF\b|\bFreedom\s+Front\b|\bLiberation\s+(?:Front|Movement)\b|"
    r"\bAfghanistan\s+Islamic\s+National\s+(?:and\s+)?Liberation\s+Movement\b|\bNorthern\s+Alliance\b|"
    r"\bmujahideen\b|\bSoviets?\b|\bRed\s+Army\b|\bBritish\b|\bPersian\b|"
    r"\b(?:US|U\.S\.|American|NATO|Pakistani|Iranian|Uzbek|Tajik)\s+(?:forces|troops|military|"
    r"drone|strike|army|border\s+guards|security\s+forces|government|officials|embassy)\b|"
    r"\bthe\s+US\b|\bthe\s+U\.S\.|\bAhmad\s+Shah\s+Massoud\b|\bShah\s+Massoud\b|\bDostum\b|"
    r"\bIsmail\s+Khan\b|\bAfghan\s+(?:government|army|forces|security\s+forces|military)\b|"
    r"\bcivilians\b|\bgunmen\b|\bunknown\s+(?:gunmen|attackers)\b"
)

_ACTOR = re.compile(
    rf"(?P<{NRF}>{_NRF_RE})|(?P<{JIHADIST}>{_JIHADIST_RE})|(?P<{OTHER}>{_OTHER_RE})|(?P<{TALIBAN}>{_TALIBAN_RE})",
    re.IGNORECASE,
)
# Case matters for a few of the NRF names: "the Front" in a title vs "the front" (both fine), but
# "Massoud" must be the proper name; IGNORECASE is safe because names are matched whole.

# A Taliban word right after an attack verb or preposition is the target, not the actor
# ("NRF fighters ambushed a Taliban convoy").
_TARGET_BEFORE = re.compile(
    r"\b(?:against|on|with|at|ambushed|ambushing|attacked|attacking|attack|targeted|targeting|killed|"
    r"killing|captured|capturing|fought|fighting|fight|hit|struck|raided|raiding|clashed\s+with|"
    r"fending\s+off|fended\s+off|fend\s+off|repelled|repelling|repulsed|defeated|defeating|"
    r"resisted|resisting|overran|ousted|expelled|pushed\s+back)\s+"
    r"(?:(?:the|a|an|several|many|some|dozens\s+of|early|new|major|large|local|\d+)\s+){0,3}$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Actor:
    """An actor named in a sentence: its kind and its span within the sentence."""

    kind: str
    start: int
    end: int
    is_target: bool


def find_actors(sentence: str) -> list[Actor]:
    """Actors named in a sentence, in order; Taliban words in object position are targets."""
    out: list[Actor] = []
    for m in _ACTOR.finditer(sentence):
        kind = m.lastgroup or OTHER
        target = False
        if kind == TALIBAN:
            before = sentence[max(0, m.start() - 40) : m.start()]
            target = bool(_TARGET_BEFORE.search(before))
        if kind == NRF and _is_former_title(sentence, m.start()):
            kind = OTHER
        out.append(Actor(kind, m.start(), m.end(), target))
    return out


_FORMER = re.compile(r"\b(?:former|ex-|one-time|veteran)\s*$", re.IGNORECASE)


def _is_former_title(sentence: str, start: int) -> bool:
    """ "the former resistance fighter and governor of Herat" is a person's past, not the NRF."""
    return bool(_FORMER.search(sentence[max(0, start - 20) : start]))


__all__ = ["JIHADIST", "NRF", "OTHER", "TALIBAN", "Actor", "find_actors"]
