"""Category of one mention: NRF attack, NRF presence, or other.

The map counts only what the NRF did, so a province is "attack" or "presence" only when the NRF
governs the clause it sits in, the statement is a fact rather than a forecast or a wish, it is
not history from before the NRF existed (2021), and the name is a place rather than part of a
title ("former governor of Herat") or of another name ("Kabul University"). Everything else is
"other": it is still shown as a mention, never as activity.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

from etl.extract.actors import NRF, TALIBAN, Actor, find_actors
from etl.extract.patterns import by_first_letter

ATTACK = "attack"
PRESENCE = "presence"
OTHER = "other"

_ATTACK_WORDS = (
    r"attack(?:s|ed|ing)?", r"ambush(?:es|ed|ing)?", r"clash(?:es|ed|ing)?", "fought",
    r"fight(?:s|ing)?", r"battles?", "battled", r"raid(?:s|ed|ing)?", r"assault(?:s|ed)?",
    r"offensives?", r"counter-?offensive", r"counter-?attack(?:s|ed)?", r"IEDs?",
    r"improvised\s+explosive", r"roadside\s+bomb", r"bomb(?:s|ed|ing)?", r"kill(?:s|ed|ing)?",
    r"wound(?:s|ed|ing)?", r"captur(?:e|ed|es|ing)", r"seiz(?:e|ed|es|ing)", r"overr(?:an|un)",
    r"liberat(?:e|ed|es|ing)", r"shot\s+down", r"fire-?fights?", r"gun-?fights?",
    r"skirmish(?:es)?", "combat", "guerrilla", r"strikes?", "struck", "hit", "targeted",
    "targeting", r"engag(?:ed|ement|ements)", r"operations?", "war", "insurgency", "resisted",
    "resisting", "casualties", "victory", "fighting",
)
_PRESENCE_WORDS = (
    "based", r"bases?", "active", r"operat(?:e|es|ing)", "present", "presence",
    r"recruit(?:s|ed|ing|ment)?", r"strongholds?", r"control(?:s|led|ling)?", r"hold(?:s|ing)?",
    "held", "located", r"headquarter(?:s|ed)?", r"positions?", "deployed", r"mobili[sz](?:ed|ing)",
    r"expand(?:ed|ing)", "relocated", r"join(?:ed|ing)?", r"lead(?:s|ing)?", r"gain(?:ed|ing)",
    "foothold", r"hideouts?", r"retreat(?:ed)?", "entered", "cells", "formed", "emerged",
    "emergence", r"regroup(?:ed)?", "sheltered", r"defend(?:s|ed|ing)?", r"grow(?:s|n|ing)?",
    "opposition", r"challeng(?:e|es|ed|ing)", "survived", "surviving",
)
_ATTACK = re.compile(rf"\b(?:{by_first_letter(_ATTACK_WORDS)})\b", re.IGNORECASE)
_PRESENCE = re.compile(rf"\b(?:{by_first_letter(_PRESENCE_WORDS)})\b", re.IGNORECASE)
# Forecasts, aspirations, recommendations and conditionals: not (yet) activity. Auxiliaries
# hedge their whole clause ("Bagram would give the NRF ..."); words naming a plan or a goal
# hedge only what follows them ("expect the NRF to try expanding to Badakhshan", but not
# "the NRF controlled the side valleys in Panjshir with the goal of surviving the winter").
_MODAL_AUX = re.compile(
    r"\b(?:will|would|might|could|should|shall|must|likely|unlikely|if|unless|"
    r"needs?\s+to|won['’]t|wouldn['’]t|(?-i:may))\b",
    re.IGNORECASE,
)
_MODAL_BEFORE = re.compile(
    r"\b(?:expect(?:s|ed)?|plan(?:s|ned|ning)?\s+to|aim(?:s|ed|ing)?\s+to|goals?|aspirations?|"
    r"hope(?:s|d)?\s+to|want(?:s|ed)?\s+to|intend(?:s|ed)?\s+to|try(?:ing)?\s+to|tries\s+to|"
    r"potential(?:ly)?|possibl[ey]|future|wildcard|prepar(?:e|es|ing)\s+to|threaten(?:s|ed)?\s+to|"
    r"vow(?:s|ed)?\s+to|in\s+the\s+(?:longer|long|short)\s+term|aspire(?:s|d)?|ambitions?|"
    r"recommend\w*|propos\w+|urge[sd]?|call(?:s|ed)?\s+(?:on|for)|"
    r"promise[sd]?\s+to|pledge[sd]?\s+to|prepared\s+to|ready\s+to)\b",
    re.IGNORECASE,
)
# A denial or negation before the mention in its clause: "the NRF has not been active in Herat".
_NEGATION = re.compile(
    r"\b(?:not(?!\s+only)|never|denied|denies|deny|no\s+(?:evidence|presence|sign|signs|"
    r"fighting|attacks?|reports?|NRF)|n['’]t)\b",
    re.IGNORECASE,
)
# The name is part of a person's title or origin: "former governor of Herat".
_TITLE_BEFORE = re.compile(
    r"\b(?:governor|governors|mayor|police\s+chief|chief|commander|deputy|representative|MP|"
    r"senator|native|head|official|minister|ulema|elder|elders|envoy|consul)\s+(?:of|for|from)\s+"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)
_TITLE_AFTER = re.compile(
    r"^(?:['’]s)?\s+(?:governor|police\s+chief|provincial\s+council|native|governorate)\b",
    re.IGNORECASE,
)
_PREPOSITION_TAIL = re.compile(r"\b(?:of|for|from)\s+(?:the\s+)?$", re.IGNORECASE)
# A reference point for a distance: "60 miles northeast of Kabul".
_DISTANCE_BEFORE = re.compile(
    r"\b(?:miles|mi|km|kilometers|kilometres|mountains|hills|outskirts)\s+(?:\w+\s+){0,2}"
    r"(?:north|south|east|west)\w*\s+of\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_DATELINE_AFTER = re.compile(r"^(?:,\s*[A-Za-z]+)?\s*(?:\([^)]{1,40}\))?\s*[-–—:]")
# The name begins another name: "Kabul University", "First Herat War", "Kabul Airlift".
_NAME_AFTER = re.compile(
    r"^(?:['’]s)?\s+(?:University|War|Wars|Airlift|Times|Bank|Process|Agreement|Conference|"
    r"Declaration|Accords?|Incident|Hotel|Stadium|Institute|Center|Centre|Prison|Jail|Museum|"
    r"Polytechnic|Express|News|TV|Press|Radio|Club|Cricket|Group|Council|Now|Post|Tribune|"
    r"Daily|Online|Review)\b|^-based\b"
)
_ADJACENT = re.compile(
    r"^(?:['’]s)?\s+(?:(?:fighters|forces|members|units|commanders|positions|bases|presence|"
    r"cells|activity|operations|leadership)\s+)?(?:in|inside|across|throughout|around|from)\s+"
    r"(?:the\s+)?(?:\w+\s+)?$"
)

# Clause boundaries: where a new subject may start.
_CLAUSE_BREAK = re.compile(
    r";|\s[—–-]\s|—|:\s|"
    # ", and claimed to ..." keeps its subject: no break before a bare verb
    r",\s+(?=(?:and|but)\b(?!\s+(?:also\s+|then\s+|later\s+)?\w+(?:ed|s)\b))|"
    r",\s+(?=(?:while|whereas|although|though|which|who|where|as|after|before|when|"
    r"because|since|until|yet)\b)|"
    r"\s(?=(?:while|whereas|but|although|though|because|until|after|before|when|that)\s)",
)
_SPEAKER_CLAUSE = re.compile(
    r"\b(?:said|says|say|stated|added|told\s+\w+(?:\s+\w+)?|claimed|reported)\s+(?:that\s+)?$",
    re.IGNORECASE,
)
# Reported speech starts a clause after the verb: "The NRF said the Taliban attacked ...",
# "Taliban officials said NRF fighters ...".
_SPEECH = re.compile(
    r"\b(?:(?:said|says|say|stated|added)\s+(?:that\s+)?(?!to\b)|"
    r"(?:claimed|claims|confirmed|reported|announced|alleged|denied)\s+that\s+)(?=\w)"
)
_LEADING_SUB = re.compile(
    r"^\W*(?:\w+\s+){0,2}?(?:after|when|since|before|while|although|though|as|once|because|if|"
    r"despite|during|following|in\s+response\s+to|unlike|like)\b[^,]{0,200},",
    re.IGNORECASE,
)
# "After fending off ..., the NRF launched": the participle's subject is the main clause's.
_PARTICIPIAL = re.compile(r"^\W*(?:After|Before|While|Since|Despite|By|Upon|When)\s+\w+ing\b")
_PRONOUN_START = re.compile(
    r"^\W*(?:[\w ]{1,25},\s*|(?:In|On|By|During|Throughout|Since|After|Later|Earlier|Then|"
    r"Meanwhile)\s+[\w ]{1,20}?\s+)?(?:It|They|The\s+group|The\s+front|The\s+movement|"
    r"The\s+organi[sz]ation|The\s+resistance|"
    r"Its|Their|Members\s+of\s+the\s+(?:group|organi[sz]ation|movement)|The\s+fighters|"
    r"The\s+rebels|He|We|Our)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Context:
    """What a sentence says, computed once and shared by all its mentions."""

    text: str
    actors: tuple[Actor, ...]
    clauses: tuple[tuple[int, int], ...]
    nrf_from_previous: bool
    _positions: dict[str, tuple[int, ...]] = field(default_factory=dict, compare=False)

    def positions(self, name: str, pattern: re.Pattern[str]) -> tuple[int, ...]:
        """Start offsets of a cue pattern in the sentence, found on first use only."""
        got = self._positions.get(name)
        if got is None:
            got = tuple(m.start() for m in pattern.finditer(self.text))
            self._positions[name] = got
        return got


def _any_in(positions: tuple[int, ...], a: int, b: int) -> bool:
    return any(a <= p < b for p in positions)


def clauses(sentence: str) -> list[tuple[int, int]]:
    """Clause spans of a sentence (offsets within the sentence)."""
    cuts = [0]
    lead = _LEADING_SUB.match(sentence)
    if lead and not _PARTICIPIAL.match(sentence):
        cuts.append(lead.end())
    for m in _CLAUSE_BREAK.finditer(sentence):
        cuts.append(m.start())
    for m in _SPEECH.finditer(sentence):
        cuts.append(m.end())
    cuts.append(len(sentence))
    cuts = sorted(set(cuts))
    # A subordinate clause may also open a later clause ("KABUL (AP) — After ..., the NRF").
    for a, b in pairwise(list(cuts)):
        if a > 0:
            inner = _LEADING_SUB.match(sentence[a:b].lstrip(" —–-:;"))
            if inner and not _PARTICIPIAL.match(sentence[a:b].lstrip(" —–-:;")):
                offset = b - len(sentence[a:b].lstrip(" —–-:;"))
                cuts.append(offset + inner.end())
    cuts = sorted(set(cuts))
    return [(a, b) for a, b in pairwise(cuts) if b > a]


@lru_cache(maxsize=4096)
def analyse(sentence: str, previous: str | None) -> Context:
    """Actors and clauses of a sentence; whether a leading pronoun refers to the NRF."""
    actors = find_actors(sentence)
    carry = False
    if (
        previous is not None
        and _PRONOUN_START.match(sentence)
        and not [a for a in actors if not a.is_target and a.start < 40]
    ):
        carry = _subject_kind(previous) == NRF
    return Context(sentence, actors, tuple(clauses(sentence)), carry)


def _subject_kind(sentence: str) -> str | None:
    """Kind of the sentence's subject: its first non-target actor after a leading
    subordinate clause ("Since the Taliban's return ..., the NRF has ...")."""
    actors = [a for a in find_actors(sentence) if not a.is_target]
    lead = _LEADING_SUB.match(sentence)
    if lead and not _PARTICIPIAL.match(sentence):
        main = [a for a in actors if a.start >= lead.end()]
        actors = main or actors
    return actors[0].kind if actors else None


def _clause_of(ctx: Context, pos: int) -> tuple[int, int]:
    for a, b in ctx.clauses:
        if a <= pos < b:
            return a, b
    return 0, len(ctx.text)


def nrf_governs(ctx: Context, start: int) -> bool:
    """The NRF acts in the clause holding the mention: it is the clause's first actor, or the
    Taliban fight it there; when the clause names no one, the sentence's actor near the
    mention, or the previous sentence's through a leading pronoun."""
    a, b = _clause_of(ctx, start)
    in_clause = [x for x in ctx.actors if a <= x.start < b and not x.is_target]
    nrf_engaged = any(x.kind == NRF and x.is_target and a <= x.start < b for x in ctx.actors)
    if in_clause:
        # The clause's first actor is its subject; the Taliban fighting the NRF there is still
        # a clash with the NRF.
        first = in_clause[0].kind
        return first == NRF or (first == TALIBAN and nrf_engaged)
    if nrf_engaged:
        return True
    if _SPEAKER_CLAUSE.search(ctx.text, a, b):
        return False  # "Residents of Andarab said ...": where the speakers are, not the NRF
    lead = _LEADING_SUB.match(ctx.text)
    if lead and b <= lead.end() and not _PARTICIPIAL.match(ctx.text):
        return False  # "Two years after the fall of Kabul, the NRF ...": a circumstance
    if ctx.nrf_from_previous and a == 0:
        return True
    in_sentence = [x for x in ctx.actors if not x.is_target]
    if in_sentence:
        return any(x.kind == NRF for x in in_sentence) and all(
            x.kind == NRF for x in in_sentence if abs(x.start - start) < 60
        )
    return ctx.nrf_from_previous


def mention_is_not_place(sentence: str, start: int, end: int) -> bool:
    """Title, distance reference, dateline, or part of another name: never NRF activity."""
    before = sentence[max(0, start - 60) : start]
    after = sentence[end : end + 40]
    if not before.strip() and sentence[start:end].isupper() and _DATELINE_AFTER.match(after):
        return True  # "KABUL (Reuters) - ..." says where the story was filed
    if _TITLE_AFTER.match(after) or _NAME_AFTER.match(after):
        return True
    # Titles and distances end in "of/for/from [the]": test the cheap condition first.
    near = _PREPOSITION_TAIL.search(before[-12:])
    return bool(near and (_TITLE_BEFORE.search(before) or _DISTANCE_BEFORE.search(before)))


def is_hedged(ctx: Context, start: int) -> bool:
    """A forecast, aspiration, condition or denial governing the mention. The clause is the
    whole sentence when the mention's clause names no actor (the statement is then the
    sentence's); a negation counts only before the mention in its own clause."""
    a, b = _clause_of(ctx, start)
    if not any(a <= x.start < b and not x.is_target for x in ctx.actors):
        a, b = 0, len(ctx.text)
    aux = ctx.positions("aux", _MODAL_AUX)
    ca, _ = _clause_of(ctx, start)
    return (
        _any_in(aux, 0, start)
        or _any_in(aux, a, b)
        or _any_in(ctx.positions("plan", _MODAL_BEFORE), 0, start)
        or _any_in(ctx.positions("negation", _NEGATION), ca, start)
    )


def categorise(ctx: Context, start: int, end: int, years: tuple[int, int]) -> str:
    """Category of the mention at [start, end) of the sentence, given the years it describes."""
    if mention_is_not_place(ctx.text, start, end):
        return OTHER
    if years[1] < 2021:
        return OTHER  # history: the NRF was founded in 2021
    if not nrf_governs(ctx, start) or is_hedged(ctx, start):
        return _where_clause(ctx, end)
    a, b = _clause_of(ctx, start)
    attacks = ctx.positions("attack", _ATTACK)
    if _any_in(attacks, a, b):
        return ATTACK
    presences = ctx.positions("presence", _PRESENCE)
    if _any_in(presences, a, b):
        return PRESENCE
    if attacks:
        return ATTACK
    if presences or _nrf_in_place(ctx, start):
        return PRESENCE
    return OTHER


_WHERE_AFTER = re.compile(
    r"(?:\s+(?:province|valley|district|city|area|region))?,\s+where\s+", re.IGNORECASE
)


def _where_clause(ctx: Context, end: int) -> str:
    """ "... Panjshir, where the NRF was based": a relative clause about the place itself."""
    m = _WHERE_AFTER.match(ctx.text, end)
    if m is None:
        return OTHER
    pos = m.end()
    a, b = _clause_of(ctx, pos)
    actors = [x for x in ctx.actors if a <= x.start < b and not x.is_target]
    if not actors or actors[0].kind != NRF or is_hedged(ctx, pos):
        return OTHER
    if _any_in(ctx.positions("attack", _ATTACK), a, b):
        return ATTACK
    if _any_in(ctx.positions("presence", _PRESENCE), a, b):
        return PRESENCE
    return OTHER


def _nrf_in_place(ctx: Context, start: int) -> bool:
    """ "the NRF in Panjshir": the NRF named just before a locative preposition and the place."""
    for x in ctx.actors:
        if x.kind == NRF and x.end <= start and _ADJACENT.match(ctx.text[x.end : start]):
            return True
    return False


__all__ = [
    "ATTACK",
    "OTHER",
    "PRESENCE",
    "Context",
    "analyse",
    "categorise",
    "clauses",
    "is_hedged",
    "mention_is_not_place",
    "nrf_governs",
]
