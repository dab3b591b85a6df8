"""Who claims an activity: the NRF itself, Taliban officials, or a third party.

An NRF claim, a Taliban statement and a UN tally are different kinds of evidence, and analysts
weigh them differently, so every activity row says whose word it rests on. The claimant is the
first attribution the report gives for the sentence: in the sentence itself ("..., the group
said", "according to local sources"), else in the sentences around it in its paragraph ("The
NRF said in a statement on Sunday."), else the headline. A sentence that attributes nothing is
the outlet's own reporting: a third party.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from etl.datafiles import data_rows
from etl.model import CLAIMANTS

NRF, TALIBAN, THIRD_PARTY = CLAIMANTS

SPEAKERS_CSV = Path(__file__).resolve().parents[1] / "speakers.csv"


def load_speakers(path: Path = SPEAKERS_CSV) -> dict[str, str]:
    """Named spokespeople and leaders -> side; a bad row raises ValueError naming file and line."""
    out: dict[str, str] = {}
    for n, row in data_rows(path, ("name", "side", "note")):
        if row["side"] not in (NRF, TALIBAN) or not row["name"]:
            raise ValueError(f"{path}: line {n}: side must be nrf or taliban, with a name")
        out[row["name"]] = row["side"]
    return out


_SAYS = (
    r"(?:said|says|say|claimed|claims|claim|announced|announces|stated|states|reported|reports|"
    r"confirmed|confirms|added|wrote|tweeted|posted|told|insisted|alleged|asserted|declared|"
    r"acknowledged|admitted|shared|published|released)"
)
_NRF_NAME = (
    r"(?:NRFA?|National\s+Resistance\s+Front|resistance(?:\s+front|\s+forces?|\s+fighters|"
    r"\s+movement)?|the\s+front|the\s+group|Massoud|anti-Taliban\s+(?:forces|fighters|group)|"
    r"fighters\s+resisting\s+the\s+Taliban)"
)
# Between a name and its speech verb: "the NRF and the Afghanistan Freedom Front have said",
# "the NRF on Monday said", "the NRF, in a statement, said", and any short aside between
# commas: "the resistance, insisting it held the advantage, said".
_TO_VERB = (
    r"(?:\s*\([^)]{1,50}\))?(?:,?\s+(?:and\s+the\s+(?-i:[A-Z])[\w-]*(?:\s+(?-i:[A-Z])[\w-]*){0,4}|"
    r"also|has|have|had|previously|later|earlier|on\s+\w+|in\s+a\s+(?:\w+\s+)?statement,?|"
    r"separately),?|,\s+[^,.;()]{3,60},)*,?\s+"
)
# Where an official serves: "the Taliban-appointed governor of Panjshir said".
_OF_PLACE = r"(?:\s+(?:of|in|for)\s+(?-i:[A-Z])[\w'’-]+)?"
# "according to a statement from the group", "according to the front's video message"
_DOCUMENT_OF = (
    r"(?:(?:an?|the)\s+(?:\w+\s+)?(?:statement|post|video|message|tweet|report|release)\s+"
    r"(?:from|by|of|issued\s+by)\s+)?"
)
# ", and they say": within the sentence, not past a clause of reported speech.
_AND_THEY_SAY = rf"[^.;:?!]{{1,200}}?,\s+and\s+(?:they|it)\s+{_SAYS}\b"
_TALIBAN_NAME = (
    r"(?:Taliban|Taleban|Islamic\s+Emirate|de\s+facto\s+authorities|IEA|"
    r"(?:interior|defen[cs]e)\s+ministry|ministry\s+of\s+(?:interior|defen[cs]e)|"
    r"(?:provincial|local|district)\s+(?:police|governor|officials?|authorities))"
)
# Nouns that make an attribution by themselves ("the NRF's spokesman"), and nouns that do so
# only with a speech verb ("Taliban officials said"; "Taliban members were killed" is no claim).
_MOUTHPIECE = r"(?:spokes(?:man|person|woman)|statements?|media\s+office|press\s+office|channel)"
_OFFICIAL = (
    r"(?:officials?|sources?|commanders?|leaders?|leadership|authorities|ministry|office|"
    r"governor|chief|account)"
)
_THIRD = (
    r"(?:UNAMA|United\s+Nations|UN\b|U\.N\.|Security\s+Council|Monitoring\s+Team|"
    r"Human\s+Rights\s+Watch|Amnesty|ACLED|rights\s+groups?|human\s+rights|monitor\w*|"
    r"residents?|locals?|local\s+sources?|sources?|witness\w*|eyewitness\w*|villagers|"
    r"activists?|journalists?|analysts?|observers?|researchers?|Rawadari|Afghan\s+Witness|"
    r"media\s+(?:outlets?|reports?)|reports\s+(?:said|say|suggest)|according\s+to\s+reports|"
    r"news\s+agency|(?-i:[A-Z])\w+\s+News\s+(?:reported|said))"
)


def _surnames(speakers: dict[str, str]) -> dict[str, str]:
    """A speaker's last name -> side, for names only one side's speakers bear: reports name a
    speaker in full once, then by last name ("Ahmadi told AFP")."""
    sides: dict[str, set[str]] = {}
    for name, side in speakers.items():
        if " " in name:
            sides.setdefault(name.split()[-1], set()).add(side)
    return {last: next(iter(s)) for last, s in sides.items() if len(s) == 1}


def _cues(speakers: dict[str, str]) -> list[tuple[str, str]]:
    """(side, pattern) for every attribution cue, in order of precedence at one position."""
    names = {side: "|".join(re.escape(n) for n, s in speakers.items() if s == side)
             for side in (NRF, TALIBAN)}  # fmt: skip
    last = _surnames(speakers)
    surnames = {side: "|".join(re.escape(n) for n, s in last.items() if s == side)
                for side in (NRF, TALIBAN)}  # fmt: skip
    return [
        # "NRF spokesman", "the front's statement", "police spokesman"
        (NRF, rf"\b{_NRF_NAME}(?:['’]s)?\s+(?:\w+\s+)?{_MOUTHPIECE}\b"),
        (TALIBAN, rf"\b{_TALIBAN_NAME}(?:['’]s)?\s+(?:\w+\s+)?{_MOUTHPIECE}\b"),
        # "NRF sources said", "Taliban officials told"
        (NRF, rf"\b{_NRF_NAME}(?:['’]s)?\s+(?:\w+\s+)?{_OFFICIAL}{_OF_PLACE}{_TO_VERB}{_SAYS}\b"),
        # "sources close to the front", "sources within the Taliban"
        (NRF, rf"\bsources?\s+(?:close\s+to|within|inside)\s+(?:the\s+)?{_NRF_NAME}"),
        (TALIBAN, rf"\bsources?\s+(?:close\s+to|within|inside)\s+(?:the\s+)?{_TALIBAN_NAME}"),
        (TALIBAN, rf"\b{_TALIBAN_NAME}(?:['’]s|[- ](?:appointed|installed|led))?\s+(?:\w+\s+)?"
                  rf"{_OFFICIAL}{_OF_PLACE}{_TO_VERB}{_SAYS}\b"),
        # "the NRF said", "the resistance front claimed", "the NRF and the AFF have said"
        (NRF, rf"\b{_NRF_NAME}{_TO_VERB}{_SAYS}\b"),
        (TALIBAN, rf"\b{_TALIBAN_NAME}{_TO_VERB}{_SAYS}\b"),
        # "The resistance forces rejected the Taliban's claim, and they say ...": a second
        # clause whose pronoun is the sentence's subject
        (NRF, rf"^\W*(?:\w+\s+){{0,3}}?{_NRF_NAME}\b{_AND_THEY_SAY}"),
        (TALIBAN, rf"^\W*(?:\w+\s+){{0,3}}?{_TALIBAN_NAME}\b{_AND_THEY_SAY}"),
        # "according to the NRF"; a headline "NRF: seven killed ..."
        (NRF, rf"\baccording\s+to\s+{_DOCUMENT_OF}(?:an?\s+|the\s+)?{_NRF_NAME}"),
        (TALIBAN, rf"\baccording\s+to\s+{_DOCUMENT_OF}(?:an?\s+|the\s+)?{_TALIBAN_NAME}"),
        (NRF, r"^\W*NRFA?\s*:"),
        *_speaking(NRF, names[NRF]),
        *_speaking(TALIBAN, names[TALIBAN]),
        (NRF, rf"\b(?-i:{surnames[NRF]}){_TO_VERB}{_SAYS}\b"),
        (TALIBAN, rf"\b(?-i:{surnames[TALIBAN]}){_TO_VERB}{_SAYS}\b"),
        # "the Taliban-run Bakhtar news agency said"
        (TALIBAN, rf"\b{_TALIBAN_NAME}[- ](?:run|controlled|owned)\s+(?:[\w-]+\s+){{0,3}}?"
                  r"(?:agency|media|television|TV|radio|outlet|channel)\b"),
        (TALIBAN, r"\bIEA\s*:"),
        (THIRD_PARTY, rf"\b{_THIRD}"),
    ]


def _speaking(side: str, names: str) -> list[tuple[str, str]]:
    """A named speaker marks a claim when speaking ("Ahmad Massoud said", "said Ahmad Massoud",
    "according to Ahmad Massoud", "Ahmad Massoud's statement"), not when merely named: "the
    front, led by Ahmad Massoud, has fought ..." rests on no one's word."""
    name = rf"(?:{names})\b"
    words = rf"['’]s\s+(?:\w+\s+)?(?:{_MOUTHPIECE}|message|tweet)\b"
    return [
        (side, rf"\b{name}(?:{words}|{_TO_VERB}{_SAYS}\b)"),
        (side, rf"\b(?:{_SAYS}|according\s+to)\s+(?:[\w'’]+,?\s+){{0,4}}?{name}"),
    ]


def _compiled(cues: list[tuple[str, str]]) -> list[tuple[str, re.Pattern[str]]]:
    """Each cue compiled on its own. One alternation of them all would scan the sentence
    once, but it is twice as slow as the separate scans: alone, each pattern keeps the
    engine's shortcuts (a literal or a set of letters it must start with)."""
    return [(side, re.compile(pattern, re.IGNORECASE | re.MULTILINE)) for side, pattern in cues]


_CUES = _compiled(_cues(load_speakers()))


@lru_cache(maxsize=4096)
def attribution(sentence: str) -> str | None:
    """The claimant the sentence itself names first, or None when it attributes nothing:
    the cue found leftmost, and at one position the one earlier in the list."""
    best, side = len(sentence) + 1, None
    for cue_side, cue in _CUES:
        m = cue.search(sentence)
        if m is not None and m.start() < best:
            best, side = m.start(), cue_side
    return side


def claimant(
    sentence: str,
    before: Sequence[str],
    after: Sequence[str],
    headline: str = "",
    default: str | None = THIRD_PARTY,
) -> str | None:
    """Who the report rests the sentence's activity on.

    `before` are the earlier sentences of its paragraph, nearest last; `after` the later ones,
    nearest first. The sentence's own attribution wins, then the next sentence (the statement
    often follows the news: "... killed 12 Taliban. The NRF said ..."), then the previous ones,
    then the rest of the paragraph, then the headline; else `default` (the outlet's own
    reporting, or None for a caller that looks further).
    """
    order = [sentence, *after[:1], *reversed(before[-2:]), *after[1:3], headline]
    for text in order:
        if text:
            side = attribution(text)
            if side is not None:
                return side
    return default


__all__ = ["CLAIMANTS", "NRF", "TALIBAN", "THIRD_PARTY", "attribution", "claimant"]
