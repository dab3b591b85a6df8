"""Who is acting in a sentence: the NRF under its many names, or someone else.

The map shows NRF activity only, so the Taliban, ISIS-K, al-Qaeda, foreign armies and other
anti-Taliban groups (the Afghanistan Freedom Front is NOT the NRF) must be told apart from the
NRF's own names: NRF, National Resistance Front, resistance forces/fighters, Massoud's forces,
the anti-Taliban resistance, "the front".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from etl.extract.patterns import MONTH, by_first_letter

NRF = "nrf"
TALIBAN = "taliban"
JIHADIST = "jihadist"  # ISIS-K, al-Qaeda and allied groups
OTHER = "other"  # other armed groups, foreign forces, historical actors
REFERENCE = "reference"  # "its fighters": whoever the sentence or the one before is about

_SPEAKS = (
    r"(?=\s+(?:said|says|claimed|claims|announced|led|leads|is\s+leading|vowed|called|ordered|"
    r"wrote|told|tweeted|added|stated))"
)
_FORCES = (
    r"(?:forces|troops|military|drone|strike|army|border\s+guards|security\s+forces|government|"
    r"officials|embassy)\b"
)
_MEMBERS = (
    r"(?:forces|fighters|men|members|units|commandos|guerrillas|mujahideen|mujahidin|soldiers|"
    r"troops)\b"
)
# Each name is (kind, pattern); every pattern starts with a letter so the names can be grouped by
# first letter into one regex that fails fast at most positions (a flat alternation of ~70
# names is several times slower). Within a letter, earlier entries win: longer names first.
_NAMES: tuple[tuple[str, str], ...] = (
    # NRF
    (NRF, r"NRF[- ](?:held|controlled|linked|affiliated)\b"),
    (NRF, r"NRF\s+resistance\b"),
    (NRF, r"NRFA?\b"),
    (NRF, r"N\.R\.F\b"),
    (NRF, r"Afghanistan(?:['’]s)?\s+National\s+Resistance\s+Front\b"),
    (NRF, r"National\s+Resistance\s+Front\b"),
    (NRF, r"national\s+resistance\b"),
    (
        NRF,
        r"resistance\s+(?:forces?|fighters?|front|movement|group|commanders?|rebels?|members?|"
        r"units?|troops|militias?|army|soldiers|leaders?|positions?|bases?|ranks)\b",
    ),
    (NRF, r"resistance[- ](?:held|controlled|linked|affiliated)\b"),
    (NRF, r"anti-Taliban[- ](?:held|controlled|linked|affiliated)\b"),
    (NRF, r"anti-Taliban\s+resistance\b"),
    (NRF, r"armed\s+resistance\b"),
    (NRF, r"Afghan\s+resistance\b"),
    (NRF, r"Panj?sh[ie]+r(?:i)?\s+resistance\b"),
    (NRF, r"anti-Taliban\s+(?:forces|fighters|militias?|rebels|group|front|movement|commanders?|"
          r"resistance)\b"),
    (NRF, r"fighters\s+resisting\s+the\s+Taliban\b"),
    (NRF, r"forces\s+of\s+the\s+(?-i:R)esistance\b"),
    (NRF, r"new\s+resistance\b"),
    (NRF, r"pockets\s+of\s+resistance\b"),
    (NRF, r"local\s+resistance\b"),
    (NRF, r"the\s+resistance\b(?!\s+(?:to|against|of|from|by|in\s+the\s+1))"),
    (
        NRF,
        r"Massoud(?:['’]s)?\s+(?:forces|fighters|men|group|troops|loyalists|supporters|commanders|"
        r"followers)\b",
    ),
    (NRF, r"Ahmad\s+Massoud(?:\s+Jr\.?)?(?:['’]s)?" + _SPEAKS),
    (NRF, r"Massoud(?:\s+Jr\.?)?(?:['’]s)?" + _SPEAKS),
    (NRF, r"the\s+front\b(?!\s+(?:lines?|page|door|row|seat|of|end|runner))"),
    (NRF, r"Ahmad\s+Massoud\b(?!\s+Shah)"),
    (NRF, r"Massoud\s+Jr\b"),
    # A reference to a group named before ("its fighters", "the group's forces", "our
    # mujahideen" in a quote): resolved to the NRF by events.analyse when the NRF is the topic.
    *(
        (REFERENCE, rf"{owner}\s+(?:own\s+)?{_MEMBERS}")
        for owner in (r"its", r"their", r"our", r"his", r"the\s+(?:group|front|movement)['’]s")
    ),
    # ISIS-K, al-Qaeda and allies
    (JIHADIST, r"IS(?:IS)?-?K(?:P)?\b"),
    (JIHADIST, r"ISIS\b"),
    (JIHADIST, r"ISIL\b"),
    (JIHADIST, r"Islamic\s+State\b"),
    (JIHADIST, r"Islamic\s+Movement\s+of\s+Uzbekistan\b"),
    (JIHADIST, r"Da['’]?esh\b"),
    (JIHADIST, r"al[- ]Qa['’]?[ei]da\b"),
    (JIHADIST, r"AQIS\b"),
    (JIHADIST, r"Jamaat[- ]e[- ]Ansarullah\b"),
    (JIHADIST, r"IMU\b"),
    (JIHADIST, r"TTP\b"),
    (JIHADIST, r"Tehrik[- ]e[- ]Taliban\b"),
    (JIHADIST, r"ETIM\b"),
    # other armed groups, foreign forces, historical actors
    (OTHER, r"Afghanistan\s+Freedom\s+Front\b"),
    (OTHER, r"Afghanistan\s+Islamic\s+National\s+(?:and\s+)?Liberation\s+Movement\b"),
    (OTHER, r"AFF\b"),
    (OTHER, r"Freedom\s+Front\b"),
    (OTHER, r"Liberation\s+(?:Front|Movement)\b"),
    (OTHER, r"Northern\s+Alliance\b"),
    (OTHER, r"mujahideen\b"),
    (OTHER, r"Soviets?\b"),
    (OTHER, r"Red\s+Army\b"),
    (OTHER, r"British\b"),
    (OTHER, r"Persian\b"),
    (OTHER, r"US\s+" + _FORCES),
    (OTHER, r"U\.S\.\s+" + _FORCES),
    (OTHER, r"American\s+" + _FORCES),
    (OTHER, r"NATO\s+" + _FORCES),
    (OTHER, r"Pakistani\s+" + _FORCES),
    (OTHER, r"Iranian\s+" + _FORCES),
    (OTHER, r"Uzbek\s+" + _FORCES),
    (OTHER, r"Tajik\s+" + _FORCES),
    (OTHER, r"the\s+US\b"),
    (OTHER, r"the\s+U\.S\."),
    (OTHER, r"Ahmad\s+Shah\s+Massoud\b"),
    (OTHER, r"Shah\s+Massoud\b"),
    (OTHER, r"Dostum\b"),
    (OTHER, r"Ismail\s+Khan\b"),
    (OTHER, r"Afghan\s+(?:government|army|forces|security\s+forces|military)\b"),
    (OTHER, r"civilians\b"),
    # non-combatants and criminals the Taliban also fight: "clashed with drug smugglers"
    *((OTHER, rf"{word}\b") for word in (
        "smugglers", "traffickers", "miners", "bandits", "kidnappers", "robbers", "criminals",
        "protesters", "demonstrators", "tribesmen",
    )),
    (OTHER, r"gunmen\b"),
    (OTHER, r"unknown\s+(?:gunmen|attackers)\b"),
    # the Taliban
    (TALIBAN, r"Taliban\b"),
    (TALIBAN, r"Taleban\b"),
    (TALIBAN, r"Talibs\b"),
    (TALIBAN, r"Islamic\s+Emirate\b"),
    (TALIBAN, r"IEA\b"),
    (TALIBAN, r"Haqqani(?:\s+network)?\b"),
    (TALIBAN, r"de\s+facto\s+(?:authorities|government)\b"),
    (TALIBAN, r"Mullah\s+\w+"),
)


_ACTOR = re.compile(
    r"\b(?:"
    + by_first_letter((p for _, p in _NAMES), lambda n, rest: f"(?P<{_NAMES[n][0]}_{n}>{rest})")
    + ")",
    re.IGNORECASE,
)


# A Taliban word right after an attack verb or preposition is the target, not the actor
# ("NRF fighters ambushed a Taliban convoy").
_TARGET_BEFORE = re.compile(
    r"\b(?:against|(?:on|with|at)(?!\s+(?:first|least|last|times|once|\w+day|the\s+(?:same|"
    r"other|next|following|time)\b|\d|" + MONTH + r"\b))|"
    r"ambushed|ambushing|attacked|attacking|attack|targeted|targeting|killed|"
    r"killing|captured|capturing|fought|fighting|fight|hit|struck|raided|raiding|clashed\s+with|"
    r"fending\s+off|fended\s+off|fend\s+off|repelled|repelling|repulsed|defeated|defeating|"
    r"resisted|resisting|overran|ousted|expelled|pushed\s+back|shot\s+down|downed|destroyed|"
    r"destroying|routed|kill|kills|capture|captures|arrest|arrests|arrested|arresting|detain|"
    r"detains|detained|detaining|executed|executing|execute|seized|seizing|besieged|wounded|"
    r"wounding|injured|injuring|"
    r"surrounded|encircled|hunting|hunted|pursued|pursuing|crackdown\s+on|offensive\s+against|"
    # headlines' present tense: "NRF fighters raid Taliban post"; "to hunt down the NRF"
    r"raids?|ambush(?:es)?|attacks|strikes?|hits|targets?|hunt(?:s|ing|ed)?\s+down)"
    # up to three words between the verb and its object: "against the ruling Taliban",
    # 'against the "positions" of NRF forces', "killed two senior Taliban"
    r"\s+(?:[\w\"“”'’-]+\s+){0,3}(?:of\s+(?:the\s+)?)?$",
    re.IGNORECASE,
)


# Where the victims were, between them and their verb: "Taliban posts in Andarab came under ...".
_WHERE = (
    r"(?:\s+(?:in|near|at|around)\s+(?:the\s+)?(?-i:[A-Z])[\w'’-]+(?:\s+(?:district|valley))?)?"
)
# "two Taliban were killed", "Taliban fighters were ambushed": the passive subject is a target.
_VICTIM_AFTER = re.compile(
    r"(?:['’]s)?(?:\s+(?:fighters?|forces|members|soldiers|commanders?|officials|troops|men|"
    r"militants|positions|posts?|checkpoints?|vehicles?|convoys?))?" + _WHERE + r"\s+"
    r"(?:were|was|have\s+been|has\s+been|had\s+been|got)\s+(?:\w+ly\s+)?"
    r"(?:killed|wounded|injured|captured|ambushed|attacked|targeted|hit|struck|destroyed|seized|"
    r"shot|gunned\s+down|executed|overrun)\b"
    # "Taliban positions came under fire from the resistance"
    r"|(?:['’]s)?(?:\s+(?:fighters?|forces|positions|posts?|checkpoints?|bases?|vehicles?|"
    r"convoys?|outposts?))?" + _WHERE + r"\s+(?:came|come|comes|coming)\s+under\s+(?:\w+\s+)?"
    r"(?:attack|fire|assault)\b"
    # "Taliban forces suffered heavy casualties", "the Taliban have lost dozens of fighters"
    r"|(?:\s+(?:fighters|forces|troops|units))?\s+(?:have\s+|has\s+|had\s+)?(?:(?:suffer(?:s|ed)?|"
    r"sustain(?:s|ed)?|t(?:ake|akes|ook))\s+(?:\w+\s+){0,2}(?:casualties|losses)|lost\s+(?:\w+\s+){0,2}(?:of\s+)?"
    r"(?:their\s+)?(?:fighters|men|members|commanders|soldiers))\b"
    r"|(?:['’]s)?(?:\s+(?:fighters?|forces|members|soldiers|commanders?|troops|men|militants))?"
    r"\s+(?:died|were\s+dead|lost\s+their\s+lives|(?:had\s+|have\s+)?been\s+(?:driven|pushed|"
    r"forced)\s+(?:back|out)|(?:were|was)\s+(?:repelled|repulsed|routed|defeated|expelled))\b"
    # a headline's bare participle: "seven Taliban killed in clash", "Taliban fighters captured"
    r"|(?:['’]s)?(?:\s+(?:fighters?|forces|members|soldiers|commanders?|troops|men|militants))?"
    r"\s+(?:killed|wounded|injured|captured|detained|arrested)"
    r"(?=\s*(?:[,.;:]|$)|\s+(?:in|during|as|after|by|near|at|on|and|while|when)\b)",
    re.IGNORECASE,
)
# "fighting between the Taliban and the NRF": the NRF is the Taliban's opponent there.
_OPPONENT_BEFORE = re.compile(r"\bbetween\b[^.;:]{0,150}\band\s+(?:the\s+)?$", re.I)


def _opponent(sentence: str, start: int) -> bool:
    """ "between the Taliban ..., and the NRF": the NRF named as the second side of a fight."""
    return _OPPONENT_BEFORE.search(sentence, max(0, start - 160), start) is not None


@dataclass(frozen=True)
class Actor:
    """An actor named in a sentence: its kind and its span within the sentence."""

    kind: str
    start: int
    end: int
    is_target: bool


@lru_cache(maxsize=4096)
def find_actors(sentence: str) -> tuple[Actor, ...]:
    """Actors named in a sentence, in order; Taliban or NRF words in object position (after an
    attack verb or "against") are targets: "NRF fighters ambushed a Taliban convoy", "Taliban
    fighters fighting the NRF".

    Cached: each sentence is also read as the previous sentence of the next one."""
    out: list[Actor] = []
    for m in _ACTOR.finditer(sentence):
        kind = (m.lastgroup or OTHER).rsplit("_", 1)[0]
        if kind == TALIBAN and sentence[max(0, m.start() - 5) : m.start()].lower() == "anti-":
            continue  # "anti-Taliban" describes the NRF's side, not the Taliban
        target = False
        if kind in (TALIBAN, NRF, REFERENCE):
            before = sentence[max(0, m.start() - 50) : m.start()]
            target = bool(
                _TARGET_BEFORE.search(before)
                or _VICTIM_AFTER.match(sentence, m.end())
                or (kind == NRF and _opponent(sentence, m.start()))
            )
        if kind == NRF and _is_former_title(sentence, m.start()):
            kind, target = OTHER, False
        out.append(Actor(kind, m.start(), m.end(), target))
    return tuple(out)


_FORMER = re.compile(r"\b(?:former|ex-|one-time|veteran)\s*$", re.IGNORECASE)


def _is_former_title(sentence: str, start: int) -> bool:
    """ "the former resistance fighter and governor of Herat" is a person's past, not the NRF."""
    return bool(_FORMER.search(sentence[max(0, start - 20) : start]))


__all__ = ["JIHADIST", "NRF", "OTHER", "REFERENCE", "TALIBAN", "Actor", "find_actors"]
