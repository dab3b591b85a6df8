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

from etl.extract.actors import NRF, REFERENCE, TALIBAN, Actor, find_actors
from etl.extract.actors import OTHER as OTHER_ACTOR
from etl.extract.patterns import MONTH, by_first_letter
from etl.model import NRF_FOUNDED

ATTACK = "attack"
PRESENCE = "presence"
OTHER = "other"

_ATTACK_WORDS = (
    r"attack(?:s|ed|ing)?", r"ambush(?:es|ed|ing)?", r"clash(?:es|ed|ing)?", "fought",
    r"fight(?:s|ing)?", r"battl(?:e|es|ed|ing)", r"exchang(?:e|es|ed|ing)\s+(?:of\s+)?fire",
    r"raid(?:s|ed|ing)?", r"assault(?:s|ed)?",
    r"offensives?", r"counter-?offensive", r"counter-?attack(?:s|ed)?", r"IEDs?",
    r"improvised\s+explosive", r"roadside\s+bomb", r"bomb(?:s|ed|ing)?", r"kill(?:s|ed|ing)?",
    r"wound(?:s|ed|ing)?", r"captur(?:e|ed|es|ing)", r"seiz(?:e|ed|es|ing)", r"overr(?:an|un)",
    r"liberat(?:e|ed|es|ing)", r"shot\s+down", "downed", r"shot\s+dead", r"gunned\s+down",
    r"recaptur(?:e|ed|es|ing)", "retook", r"retak(?:e|en|es|ing)",
    r"open(?:ed|s)?\s+fire", r"under\s+(?:\w+\s+)?fire", "gunfire", r"shell(?:ed|ing)",
    r"rockets?", r"mortars?", r"grenades?", r"snipers?", r"assassinat(?:e|ed|es|ing|ions?)",
    "beheaded", "destroyed",
    r"t(?:ook|aken|akes?|aking)\s+(?:back\s+)?(?:(?!up\b)\w+\s+)?(?:territory|districts?|areas?|villages?|"
    r"positions?|posts?|outposts?|control|bases?|checkpoints?)", r"fire-?fights?", r"gun-?fights?",
    r"skirmish(?:es)?", "combat", "guerrilla", r"strikes?", "struck", "hit", "targeted",
    "targeting", r"engag(?:ed|ement|ements)", r"operations?", "war", "insurgency", "resisted",
    "resisting", "casualties", "victory", "fighting",
    # force used on the NRF counts as a clash: "executed five NRF fighters", "arrested ..."
    r"execut(?:e|ed|es|ing|ions?)", r"arrest(?:s|ed|ing)?", r"detain(?:s|ed|ing)?",
    r"detentions?", "crackdown", r"surround(?:s|ed|ing)", r"encircl(?:e|es|ed|ing)",
    r"besieg(?:e|es|ed|ing)", r"hunt(?:s|ed|ing)?\s+down",
)
_PRESENCE_WORDS = (
    "based", r"bases?", "active", r"operat(?:e|es|ing)", "present", "presence",
    r"recruit(?:s|ed|ing|ment)?", r"strongholds?", r"control(?:s|led|ling)?", r"hold(?:s|ing)?",
    "held", "located", r"headquarter(?:s|ed)?", r"positions?", "deployed", r"mobili[sz](?:ed|ing)",
    r"expand(?:ed|ing)", "relocated", r"join(?:ed|ing)?", r"lead(?:s|ing)?", r"gain(?:ed|ing)",
    "foothold", r"hideouts?", r"retreat(?:ed)?", "entered", "cells", "formed", "emerged",
    "emergence", r"regroup(?:ed)?", "sheltered", r"defend(?:s|ed|ing)?", r"grow(?:s|n|ing)?",
    "opposition", r"challeng(?:e|es|ed|ing)", "survived", "surviving", r"activit(?:y|ies)",
    r"pull(?:ed|s)?\s+back", r"withdr(?:ew|awn|aw|awing)", r"holed\s+up", r"gather(?:ed|ing)",
    r"d(?:ug|ig|igging)\s+in", r"took\s+refuge", r"blocked", r"shut", r"closed",
    r"spread(?:s|ing)?", r"widen(?:s|ed|ing)?", r"extend(?:s|ed|ing)?",
    r"open(?:s|ed|ing)?\s+(?:an?\s+)?(?:new\s+|second\s+)?fronts?",
    r"hid(?:e|es|ing|den)?", r"camps?", "stationed", r"remain(?:s|ed|ing)?", "seen", "sighted",
    "spotted", r"mov(?:ed|ing)\s+into",
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
    r"fighting|attacks?|reports?|claims?|NRF)|n['’]t)\b",
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
# A reference point: "60 miles northeast of Kabul", "Panjshir, north of Kabul" (but "in the
# north of Kapisa" is inside Kapisa).
_DISTANCE_BEFORE = re.compile(
    r"(?:\b(?:miles|mi|km|kilometers|kilometres|mountains|hills|outskirts)\s+(?:\w+\s+){0,2}|"
    r"(?<!\bthe\s)(?<!\bthe\sfar\s)\b)"
    r"(?:north|south|east|west)(?:-?(?:east|west))?\w*\s+of\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# "KABUL (Reuters) -", "KABUL, Afghanistan -", "KABUL, May 9, 2022 (Reuters) -"
_DATELINE_AFTER = re.compile(
    r"^(?:,\s*[A-Za-z]+)?(?:,?\s*" + MONTH + r"\.?\s+\d{1,2}(?:,?\s*\d{4})?)?"
    r"\s*(?:\([^)]{1,40}\))?\s*[-–—:]"
)
# The name begins another name: "Kabul University", "First Herat War", "Kabul Airlift".
_NAME_AFTER = re.compile(
    r"^(?:['’]s)?\s+(?:University|War|Wars|Airlift|Times|Bank|Process|Agreement|Conference|"
    r"Declaration|Accords?|Incident|Hotel|Stadium|Institute|Center|Centre|Prison|Jail|Museum|"
    r"Polytechnic|Express|News|TV|Press|Radio|Club|Cricket|Group|Council|Now|Post|Tribune|"
    r"Daily|Online|Review)\b|^-based\b"
)
_ADJACENT = re.compile(
    r"^(?:\s*\([^)]{1,60}\))?(?:['’]s)?\s+(?:(?:fighters|forces|members|units|commanders|positions|bases|presence|"
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
# The place qualifies the speakers: "Residents of Andarab", "elders from Panjshir"; a leading
# "In Takhar, sources said ..." sets the scene of what is said instead.
_ORIGIN_BEFORE = re.compile(r"\b(?:of|from)\s+(?:the\s+)?\S*\s*$", re.IGNORECASE)
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
    r"Meanwhile|So\s+far|To\s+date|Now|Since\s+then)\s+(?:[\w ]{1,20}?\s+)?)?"
    r"(?:It|They|The\s+group|The\s+front|The\s+movement|"
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
    nrf_topic: bool = False  # the report is about the NRF (named in its headline or often)
    previous_attack: bool = False  # it refers back to the NRF's attacks in the sentence before
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


# A pronoun right after a speech verb takes the speaker as its subject: "the NRF says it killed
# ...", "the group said its fighters ...", "Massoud claimed they ...".
_SPEECH_PRONOUN = re.compile(
    r"\b(?:said|says|say|claimed|claims|stated|announced|added|reported|confirmed)\s+(?:that\s+)?"
    r"(?:(?:over|in|on|during|since|last|this|the|past|recent|earlier|later|week|month|weekend|"
    r"year|days?|\w+day),?\s+){0,5}(?:it|they|we|its|their|our)\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=4096)
def analyse(sentence: str, previous: str | None, nrf_topic: bool = False) -> Context:
    """Actors and clauses of a sentence; whether a leading pronoun refers to the NRF.

    A reference ("its fighters", "our mujahideen") is the NRF when the NRF is named in the
    sentence or is the previous sentence's subject; otherwise it is someone else's.
    """
    actors = find_actors(sentence)

    def previous_is_nrf() -> bool:  # only computed when a reference needs it
        return previous is not None and _subject_kind(previous) == NRF

    if any(a.kind == REFERENCE for a in actors):
        topic_nrf = any(a.kind == NRF for a in actors) or previous_is_nrf()
        fallback = NRF if topic_nrf else OTHER_ACTOR
        actors = tuple(
            Actor(_referent(actors[:k]) or fallback, a.start, a.end, a.is_target)
            if a.kind == REFERENCE
            else a
            for k, a in enumerate(actors)
        )
    actors = _speech_pronouns(sentence, actors)
    carry = event = False
    if previous is not None and not [a for a in actors if not a.is_target and a.start < 40]:
        # "Three Taliban were killed there": victims only, of the attack just told
        victims = (
            bool(actors)
            and all(a.kind == TALIBAN and a.is_target for a in actors)
            and _ATTACK.search(previous) is not None
        )
        event = (victims or _EVENT_ANAPHOR.search(sentence) is not None) and not (
            _ANOTHER_EVENT.search(sentence)
        )
        if event or _PRONOUN_START.match(sentence):
            carry = previous_is_nrf()
    # "The NRF said it carried out 14 attacks. Takhar saw six of them.": the events referred
    # back to are the previous sentence's, and so is what they were.
    went_on = carry and event and previous is not None and _ATTACK.search(previous) is not None
    return Context(sentence, actors, tuple(clauses(sentence)), carry, nrf_topic, went_on)


# A sentence that refers back to the previous sentence's events: "The attack took place in
# ...", "The operations were in ...", "The statement listed ...", "Takhar saw six of them".
_EVENT_ANAPHOR = re.compile(
    r"^\W*(?:The|This|That|These|Those|Both|All|Most)\s+(?:\w+\s+)?(?:attacks?|operations?|"
    r"ambush(?:es)?|raids?|clash(?:es)?|fighting|strikes?|assaults?|statements?|claims?|"
    r"incidents?|list)\b|"
    r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|some|most|several|many|half|all)"
    r"\s+of\s+(?:them|these|those)\b|"
    # "It happened in ...", "... was the scene of the clashes"
    r"^\W*(?:It|This|That)\s+(?:happened|occurred|took\s+place|unfolded)\b|"
    r"\b(?:scene|site)\s+of\s+(?:the|these)\s+(?:\w+\s+)?(?:attacks?|clash(?:es)?|fighting|"
    r"ambush(?:es)?|raids?|operations?)\b",
    re.IGNORECASE,
)


# "In a separate incident ...", "Elsewhere, ...": not the events just told.
_ANOTHER_EVENT = re.compile(r"\b(?:separate(?:ly)?|another|elsewhere|unrelated)\b", re.I)


def _referent(before: tuple[Actor, ...]) -> str | None:
    """The kind of the nearest named actor before a reference ("the Taliban gathered their
    forces"), or None when the sentence names none before it."""
    named = [a.kind for a in before if a.kind != REFERENCE]
    return named[-1] if named else None


def _speech_pronouns(sentence: str, actors: tuple[Actor, ...]) -> tuple[Actor, ...]:
    """Add the NRF as the actor of a pronoun after an NRF speaker's speech verb."""
    added = []
    if not any(a.kind == NRF for a in actors):
        return actors
    for m in _SPEECH_PRONOUN.finditer(sentence):
        speakers = [a for a in actors if a.end <= m.start() and not a.is_target]
        if speakers and speakers[-1].kind == NRF:
            pos = m.end() - len(m.group().split()[-1])
            added.append(Actor(NRF, pos, m.end(), False))
    if not added:
        return actors
    return tuple(sorted((*actors, *added), key=lambda a: a.start))


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
    Taliban fight it in the sentence; when the clause names no one, the sentence's actor near
    the mention, or the previous sentence's through a leading pronoun. In a report about the
    NRF, fighting with no named opponent ("heavy fighting in Dara", "Taliban forces clashed
    with militia fighters in Andarab") is the NRF's fight, unless another group is named."""
    a, b = _clause_of(ctx, start)
    in_clause = [x for x in ctx.actors if a <= x.start < b and not x.is_target]
    nrf_engaged = any(x.kind == NRF and x.is_target for x in ctx.actors)
    if in_clause:
        # The clause's first actor is its subject; the Taliban fighting the NRF is still a
        # clash with the NRF.
        first = NRF if _joined_by_the_nrf(ctx, in_clause) else in_clause[0].kind
        if first == NRF:
            return True
        return first == TALIBAN and (nrf_engaged or _unnamed_fight(ctx, a, start))
    if any(x.kind == NRF and x.is_target and a <= x.start < b for x in ctx.actors):
        return True
    if _SPEAKER_CLAUSE.search(ctx.text, a, b) and _ORIGIN_BEFORE.search(ctx.text, a, start):
        return False  # "Residents of Andarab said ...": where the speakers are, not the NRF
    lead = _LEADING_SUB.match(ctx.text)
    if lead and b <= lead.end() and not _PARTICIPIAL.match(ctx.text):
        return False  # "Two years after the fall of Kabul, the NRF ...": a circumstance
    if ctx.nrf_from_previous and a == 0:
        return True
    in_sentence = [x for x in ctx.actors if not x.is_target]
    if in_sentence:
        if any(x.kind == NRF for x in in_sentence):
            return all(x.kind == NRF for x in in_sentence if abs(x.start - start) < 60)
        if all(x.kind == TALIBAN for x in in_sentence):
            return nrf_engaged or _unnamed_fight(ctx, a, start)
        return False
    return ctx.nrf_from_previous or _unnamed_fight(ctx, a, start) or _taliban_hit(ctx, a, start)


_AND = re.compile(r"\s*(?:,|and|&|as\s+well\s+as)\s+(?:the\s+)?")


def _joined_by_the_nrf(ctx: Context, in_clause: list[Actor]) -> bool:
    """ "The Afghanistan Freedom Front and the NRF claimed attacks in ...": a subject shared
    with another anti-Taliban group is still the NRF's (the NRF is one of the claimants)."""
    if len(in_clause) < 2 or in_clause[0].kind != OTHER_ACTOR or in_clause[1].kind != NRF:
        return False
    return _AND.fullmatch(ctx.text, in_clause[0].end, in_clause[1].start) is not None


def _nrf_the_only_side(ctx: Context) -> bool:
    """An unnamed side can only be the NRF: the report is about it and the sentence names no
    armed group but the NRF and the Taliban."""
    return ctx.nrf_topic and all(x.kind in (NRF, TALIBAN) for x in ctx.actors)


def _taliban_hit(ctx: Context, a: int, start: int) -> bool:
    """ "attacks on Taliban targets in Herat": the Taliban as the object of an attack whose
    attacker is unnamed, in a report about the NRF that names no other armed group."""
    if not _nrf_the_only_side(ctx):
        return False
    hit = [x for x in ctx.actors if x.kind == TALIBAN and x.is_target and a <= x.start < start]
    return bool(hit) and _any_in(ctx.positions("attack", _ATTACK), a, hit[-1].start)


# Two-sided fighting: words that need an opponent, so in a report about the NRF (and naming no
# other group) the opponent is the NRF.
_FIGHT = re.compile(
    r"\b(?:fighting|fought|fights?|clash(?:es|ed)?|battles?|battled|skirmish(?:es)?|"
    r"fire-?fights?|gun-?fights?|exchange\s+of\s+fire|hostilities|offensives?|"
    r"counter-?offensives?|(?:military\s+|clearing\s+|mop-up\s+)?operations?|"
    # a crackdown is a fight only on fighters, not "a crackdown on women" or "on the media"
    r"crackdown(?!\s+on\s+(?!(?:the\s+)?(?:NRF|resistance|rebels|fighters|insurgents)\b))|"
    r"resistance|ambush(?:es|ed)?|war)\b",
    re.IGNORECASE,
)


# Between the fighting and the place: the place is where something else happened.
_ELSEWHERE = re.compile(r"\b(?:buried|funerals?|graveyard|hospitals?|treated|born)\b", re.I)


def _unnamed_fight(ctx: Context, a: int, start: int) -> bool:
    """Fighting named in the clause shortly before the place ("clashes in X", "fought ... in
    X"), in a report about the NRF that names no other armed group."""
    if not _nrf_the_only_side(ctx):
        return False
    near = max(a, start - 90)
    fights = [p for p in ctx.positions("fight", _FIGHT) if near <= p < start]
    return bool(fights) and not _ELSEWHERE.search(ctx.text, fights[-1], start)


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


# Where someone was sent, fled or was taken ("sent to Panjshir to fight", "fled to Kabul"), and
# where fighters came from ("500 fighters from Deh Rawood"): movements, not fighting there.
_MOVED_TO = re.compile(
    r"\b(?:sent|dispatched|deployed|transferred|taken|flown|moved|headed|heading|brought|"
    r"fled|escaped|travell?ed|returned|reinforcements|en\s+route)\s+(?:\w+\s+){0,2}?"
    r"(?:to|into|towards?)\s+(?:the\s+)?(?:\w+\s+)?$",
    re.IGNORECASE,
)
_TO_NEAR_END = re.compile(r"\b(?:to|into|towards?)\b")
_CAME_FROM = re.compile(
    r"\b(?:mobili[sz]ed|sent|brought|recruited|deployed|dispatched|transferred|drawn|"
    r"reinforcements|fighters|troops|forces|men|militants|commanders|supporters|victims|people|"
    r"families|civilians|residents|refugees|natives)\s+(?:[\w-]+\s+){0,3}?from\s+"
    # the origin's own name, then its district or province: "from Khost wa Fereng district of"
    r"(?:the\s+)?(?:(?:(?-i:[A-Z])[\w-]*|wa|e|i)\s+){0,4}?(?:(?:district|valley|area)\s+)?"
    r"(?:in|of)?\s*$",
    re.IGNORECASE,
)
# The NRF reacting to someone else's event: "the NRF condemned the bombing in Kabul".
_REACTION = re.compile(
    r"\b(?:condemn(?:ed|s)?|accus(?:ed|es|ing)|blam(?:ed|es|ing)|denounc(?:ed|es)|"
    r"critici[sz](?:ed|es)|mourn(?:ed|s)|respond(?:ed|s)\s+to|react(?:ed|s)\s+to|welcom(?:ed|es)|"
    r"expressed|condolences)\b",
    re.IGNORECASE,
)


def _moved(ctx: Context, start: int) -> bool:
    """A destination of a move by someone other than the NRF, or an origin of fighters."""
    before = ctx.text[max(0, start - 80) : start]
    low = before.lower()
    # Both patterns end at the mention: test for their last words before running them.
    if "from" in low and _CAME_FROM.search(before):
        return True
    if not _TO_NEAR_END.search(low[-40:]) or not _MOVED_TO.search(before):
        return False
    a, _ = _clause_of(ctx, start)
    subject = [x for x in ctx.actors if a <= x.start < start and not x.is_target]
    return not subject or subject[0].kind != NRF


def categorise(ctx: Context, start: int, end: int, years: tuple[int, int]) -> str:
    """Category of the mention at [start, end) of the sentence, given the years it describes."""
    if mention_is_not_place(ctx.text, start, end) or _moved(ctx, start):
        return OTHER
    a, _ = _clause_of(ctx, start)
    if _any_in(ctx.positions("reaction", _REACTION), a, start):
        return OTHER
    if years[1] < NRF_FOUNDED:
        return OTHER  # history: before the NRF existed
    if not nrf_governs(ctx, start) or is_hedged(ctx, start):
        return _where_clause(ctx, end)
    a, b = _clause_of(ctx, start)
    attacks = ctx.positions("attack", _ATTACK)
    if _any_in(attacks, a, b):
        return ATTACK
    presences = ctx.positions("presence", _PRESENCE)
    if _any_in(presences, a, b):
        return PRESENCE
    if attacks or ctx.previous_attack:
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
    """ "the NRF in Panjshir": the NRF named just before a locative preposition and the place;
    or the place named inside the NRF's name ("the Panjshir resistance")."""
    for x in ctx.actors:
        if x.kind == NRF and x.start <= start < x.end:
            return True
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
