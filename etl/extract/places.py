"""Province names and the places inside provinces, and the matcher that finds them in text.

Province names and their spellings come from etl/provinces.py; the places reports name
(capitals, districts, valleys, passes, airfields) and their spellings come from the data file
etl/places.csv, so an analyst can add a district without touching code. A name that is also a
word, a person's name or a place elsewhere carries context words in the file and counts only
with them nearby (or followed by "district"/"valley"). All names are compiled into ONE regex
at import so a report is scanned in a single pass.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from etl.datafiles import data_rows
from etl.provinces import BY_ISO, PROVINCES

PLACES_CSV = Path(__file__).resolve().parents[1] / "places.csv"
PLACE_COLUMNS = ("name", "spellings", "iso_3166_2", "kind", "context", "note")
KINDS = frozenset(
    {"city", "district", "valley", "pass", "airfield", "airport", "tunnel", "river", "road",
     "area", "village"}
)


@dataclass(frozen=True)
class Place:
    """One row of etl/places.csv: a place, its spellings, its province, and context words."""

    name: str
    spellings: tuple[str, ...]
    province: str
    iso_3166_2: str
    kind: str
    context: tuple[str, ...]
    given_name: bool


def load_places(path: Path = PLACES_CSV) -> tuple[Place, ...]:
    """The gazetteer's places; a bad row raises ValueError naming the file and line."""
    out: list[Place] = []
    for n, row in data_rows(path, PLACE_COLUMNS):
        province = BY_ISO.get(row["iso_3166_2"])
        if province is None:
            raise ValueError(f"{path}: line {n}: unknown ISO code {row['iso_3166_2']!r}")
        if row["kind"] not in KINDS:
            raise ValueError(f"{path}: line {n}: unknown kind {row['kind']!r}")
        name = row["name"]
        if len(name) < 2 or not name[:2].isalpha():
            raise ValueError(f"{path}: line {n}: a name starts with two letters: {name!r}")
        spellings = tuple(s.strip() for s in row["spellings"].split("|") if s.strip())
        context = tuple(s.strip() for s in row["context"].split("|") if s.strip())
        out.append(Place(name, (name, *spellings), province.name, province.iso_3166_2,
                         row["kind"], context, "given name" in row["note"]))  # fmt: skip
    return tuple(out)


PLACE_LIST: tuple[Place, ...] = load_places()
# Places by province (canonical province name -> every spelling), for tests and readers.
PLACES: dict[str, tuple[str, ...]] = {}
for _place in PLACE_LIST:
    PLACES[_place.province] = (*PLACES.get(_place.province, ()), *_place.spellings)
# A name is followed by a capitalised word that is not a place word: a person ("Farah Pahlavi").
_PERSON_AFTER = re.compile(
    r"\s+(?!(?:Province|Valley|District|City|River|Pass|Airport|Airfield|Air|Tunnel)\b)[A-Z][a-z]+"
)


@dataclass(frozen=True)
class Match:
    """A province name or a place found in the text, already resolved to its province."""

    province: str
    iso_3166_2: str
    start: int
    end: int
    text: str
    is_place: bool
    place: str = ""  # the place's common name (etl/places.csv), "" for a province name


# --- folding: same length as the input so offsets never shift -----------------------------


def _fold_char(ch: str) -> str:
    decomposed = unicodedata.normalize("NFD", ch)
    base = decomposed[0]
    return base if len(base) == 1 and base.isascii() else ch


_FOLD_TABLE: dict[int, str] = {
    cp: _fold_char(chr(cp)) for cp in range(0xC0, 0x250) if _fold_char(chr(cp)) != chr(cp)
}
_FOLD_TABLE.update({ord(c): "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2212"})
_FOLD_TABLE.update({ord(c): "'" for c in "\u2018\u2019\u02bc\u02bf\u02be"})
_FOLD_TABLE[0xA0] = " "


# Dashes, apostrophes and the no-break space, frequent in news text, are replaced one kind at a
# time (str.replace: no Python call per character); accented letters, rarer, by one pattern.
_FOLD_FREQUENT = [(chr(c), v) for c, v in sorted(_FOLD_TABLE.items()) if not 0xC0 <= c < 0x250]
_ACCENTED = re.compile("[\u00c0-\u024f]")


def fold(text: str) -> str:
    """Strip diacritics and unify dashes/apostrophes, keeping every character at its offset."""
    if text.isascii():
        return text
    for char, plain in _FOLD_FREQUENT:
        if char in text:
            text = text.replace(char, plain)
    if _ACCENTED.search(text) is None:
        return text
    return _ACCENTED.sub(lambda m: _FOLD_TABLE.get(ord(m.group()), m.group()), text)


# --- pattern building ------------------------------------------------------------------------

_CONNECTORS = {"i", "e", "ye", "y", "o", "u", "wa", "us", "ul"}


def _name_pattern(name: str) -> str:
    """A name's regex, tolerant of hyphens, spaces and ezafe (Sar-i-Pul ~ Sar-e Pul ~ Saripul)."""
    tokens = [t for t in re.split(r"[\s\-]+", fold(name)) if t]
    out: list[str] = []
    for i, tok in enumerate(tokens):
        if i == 0:
            out.append(re.escape(tok))
            continue
        if tok.lower() in _CONNECTORS:
            conn = "wa|o|u|va" if tok.lower() in {"wa", "o", "u"} else "i|e|ye|y|-e|-i|us|ul|u"
            out.append(rf"(?:[\s\-]?(?:{conn})[\s\-]?|[\s\-]?)")
            continue
        prev_connector = tokens[i - 1].lower() in _CONNECTORS
        if prev_connector:
            out.append(re.escape(tok))
        else:
            # An ezafe may be written where the canonical form has none
            # (Mazar Sharif ~ Mazar-e Sharif).
            out.append(rf"(?:[\s\-]?(?:[ie]|ye)[\s\-]|[\s\-]?){re.escape(tok)}")
    return "".join(out)


@dataclass(frozen=True)
class _Entry:
    """What one spelling stands for: a province name, or a place (with its context gate)."""

    province: str
    iso_3166_2: str
    place: Place | None
    given_name: bool = False


def _entries() -> list[tuple[str, _Entry]]:
    """(spelling, entry) for every name the matcher knows: province names first."""
    entries: list[tuple[str, _Entry]] = []
    for p in PROVINCES:
        entries.extend((s, _Entry(p.name, p.iso_3166_2, None, p.given_name)) for s in p.spellings)
    for place in PLACE_LIST:
        entries.extend((s, _Entry(place.province, place.iso_3166_2, place, place.given_name))
                       for s in place.spellings)  # fmt: skip
    return entries


def _build() -> tuple[re.Pattern[str], dict[str, _Entry], dict[str, _Entry]]:
    lookup: dict[str, _Entry] = {}
    alternative: dict[str, _Entry] = {}  # a place spelt like a province: "Khost" in Baghlan
    patterns: dict[str, str] = {}
    for spelling, entry in _entries():
        key = _norm_key(spelling)
        # First entry wins a key (province names before places); every distinct spelling still
        # gets its pattern ("Shakar Dara" and "Shakardara").
        if key in lookup and lookup[key].place is None and entry.place is not None:
            alternative.setdefault(key, entry)
        lookup.setdefault(key, entry)
        patterns.setdefault(fold(spelling).lower(), _name_pattern(spelling))
    # Longest alternatives first: "Panjshir Valley" beats "Panjshir", "Khost wa Fereng" "Khost".
    alts = _grouped(sorted(patterns.values(), key=len, reverse=True))
    suffix = (
        r"(?i:\s+(?:Valley|Province|District|City|Pass|Airfield|Air\s+Base|Airport|Tunnel|River|"
        r"Gorge))?"
    )
    return re.compile(rf"(?:{alts}){suffix}(?![\w])"), lookup, alternative


def _grouped(alts: list[str]) -> str:
    """Factor alternatives into a two-level trie (first letter, then second) so the regex
    dispatches on a character instead of trying hundreds of names at every word start.

    The first letter must be upper case (place names are proper nouns) and starts a word (the
    look-behind after it: no word character before it); the rest of the name is matched
    case-insensitively. Every branch opening with a plain capital lets the regex engine skip
    to the next capital letter in C instead of trying each position (about a quarter faster
    than a leading \\b). Order inside a group is kept (longest first).
    """
    tree: dict[str, dict[str, list[str]]] = {}
    for alt in alts:
        first, second = alt[0].upper(), alt[1:2].lower()
        if not (first.isalpha() and second.isalpha()):
            raise ValueError(f"place pattern must start with two letters: {alt!r}")
        tree.setdefault(first, {}).setdefault(second, []).append(alt[2:])
    parts = []
    for first, seconds in tree.items():
        inner = "|".join(f"{sec}(?:{'|'.join(tails)})" for sec, tails in seconds.items())
        parts.append(rf"{first}(?<!\w\w)(?i:{inner})")
    return "|".join(parts)


def _norm_key(s: str) -> str:
    s = fold(s).lower()
    s = re.sub(r"[\s\-']+", "", s)
    return s


_NORM_CACHE: dict[str, str] = {}


def _key_for(matched: str) -> str:
    """Map a matched string to its lookup key, trying the ezafe-free forms the pattern allowed."""
    k = _NORM_CACHE.get(matched)
    if k is None:
        k = _norm_key(matched)
        _NORM_CACHE[matched] = k
    return k


NAME_RE, _LOOKUP, _ALTERNATIVE = _build()
_SUFFIX_RE = re.compile(
    r"\s+(?:Valley|Province|District|city|Pass|Airfield|Air\s+Base|Airport|Tunnel|River|Gorge)$",
    re.IGNORECASE,
)


def _resolve_key(core: str) -> str | None:
    """The lookup key a matched name stands for (the pattern tolerates an added or dropped
    ezafe, so a key may need one removed to be found)."""
    key = _key_for(core)
    if key in _LOOKUP:
        return key
    for cand_key in list(_LOOKUP):
        if _ezafe_equal(cand_key, key):
            _LOOKUP[key] = _LOOKUP[cand_key]
            if cand_key in _ALTERNATIVE:
                _ALTERNATIVE[key] = _ALTERNATIVE[cand_key]
            return key
    return None


_VOWELISH = re.compile(r"(?:ye|y|i|e|us|ul|u|wa|o|va)")


def _ezafe_equal(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 2 or a[:3] != b[:3]:
        return False
    return _VOWELISH.sub("", a) == _VOWELISH.sub("", b)


# --- context rules -----------------------------------------------------------------------------

_PLACE_WORD_AFTER = re.compile(r"\s+(?:district|valley)\b", re.IGNORECASE)
_PROVINCE_SUFFIX = re.compile(r"\s+(?:province|city)$", re.IGNORECASE)
_DISTRICT_SUFFIX = re.compile(r"\s+district$", re.IGNORECASE)


def _words_re(words: tuple[str, ...]) -> re.Pattern[str] | None:
    if not words:
        return None
    return re.compile(r"\b(?:" + "|".join(_name_pattern(w) for w in words) + r")\b", re.I)


_GATES: dict[str, re.Pattern[str] | None] = {p.name: _words_re(p.context) for p in PLACE_LIST}
_PROVINCE_WORDS: dict[str, re.Pattern[str] | None] = {
    p.name: _words_re(p.spellings) for p in PROVINCES
}


def _gate_ok(place: Place, folded: str, start: int, end: int, context: str) -> bool:
    """A context-gated place counts with a capital, followed by "district"/"valley" or with
    one of its context words nearby."""
    if not folded[start].isupper() or folded[start:end].isupper():
        return False
    if _PLACE_WORD_AFTER.search(folded[start:end]) or _PLACE_WORD_AFTER.match(folded, end):
        return True
    gate = _GATES[place.name]
    return gate is not None and gate.search(fold(context)) is not None


def _alternative_applies(place: Place, matched: str, context: str, report: str) -> bool:
    """A place spelt like a province ("Khost" district of Baghlan): "<name> province" is the
    province; "<name> district" is the place when the report names its province or its places;
    a bare name is the place only among that place's context words (its province's places)."""
    if _PROVINCE_SUFFIX.search(matched):
        return False
    gate = _GATES[place.name]
    if gate is not None and gate.search(fold(context)):
        return True
    if not _DISTRICT_SUFFIX.search(matched):
        return False
    own = _PROVINCE_WORDS[place.province]
    folded = fold(report)
    return bool((own is not None and own.search(folded)) or (gate and gate.search(folded)))


@dataclass(frozen=True)
class _Resolved:
    """What a matched string means, independent of where it occurs (cached per string)."""

    entry: _Entry
    alternative: _Entry | None
    needs_context: bool


_RESOLVED: dict[str, _Resolved | None] = {}


def _resolve(matched: str) -> _Resolved | None:
    if matched in _RESOLVED:
        return _RESOLVED[matched]
    core = _SUFFIX_RE.sub("", matched)
    key = _resolve_key(core)
    if key is None and core != matched:  # the suffix is part of the name: "... Airport"
        key = _resolve_key(matched)
    out = None
    if key is not None:
        entry, alt = _LOOKUP[key], _ALTERNATIVE.get(key)
        place = entry.place
        needs = alt is not None or entry.given_name or (place is not None and bool(place.context))
        out = _Resolved(entry, alt, needs)
    if len(_RESOLVED) < 100_000:
        _RESOLVED[matched] = out
    return out


def _match(entry: _Entry, start: int, end: int, text: str) -> Match:
    place = entry.place
    name = place.name if place else ""
    return Match(entry.province, entry.iso_3166_2, start, end, text[start:end], bool(place), name)


def find_names(text: str, context_of: Callable[[int, int], str] | None = None) -> Iterator[Match]:
    """Yield every province or place name in text, longest match first, in text order.

    `context_of(start, end)` returns the surrounding text (the sentence or paragraph) used for
    context-gated names and for places spelt like a province; by default the whole text.
    Soft hyphens, zero-width characters and combining accents are ignored for matching
    ("Pan\u200bjshir", "Panjshi\u0304r"); offsets still point into the original text.
    """
    norm, index = normalise(text)
    folded = fold(norm)
    for m in NAME_RE.finditer(folded):
        matched = m.group(0)
        r = _resolve(matched)
        if r is None:
            continue
        start, end = m.span()
        o_start, o_end = (start, end) if index is None else (index[start], index[end - 1] + 1)
        if not r.needs_context:
            yield _match(r.entry, o_start, o_end, text)
            continue
        ctx = context_of(o_start, o_end) if context_of else text
        entry = r.entry
        alt = r.alternative
        if alt is not None and alt.place and _alternative_applies(alt.place, matched, ctx, text):
            entry = alt
        place = entry.place
        if entry.given_name and _PERSON_AFTER.match(folded, end):
            continue
        gated = place is not None and entry is r.entry and place.context
        if gated and not _gate_ok(place, folded, start, end, ctx):
            continue
        yield _match(entry, o_start, o_end, text)


# Characters that hide a name without changing it: soft hyphen, zero-width space/joiners, word
# joiner, BOM, and combining marks (an accent written as a separate character).
_IGNORABLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff\u0300-\u036f]")


def normalise(text: str) -> tuple[str, list[int] | None]:
    """Text with ignorable characters removed, and for each kept character its index in the
    original (None when nothing was removed, the common case)."""
    if text.isascii() or not _IGNORABLE.search(text):
        return text, None
    kept = [i for i, ch in enumerate(text) if not _IGNORABLE.match(ch)]
    kept_text = "".join(text[i] for i in kept)
    kept.append(len(text))
    return kept_text, kept


__all__ = [
    "NAME_RE", "PLACES", "PLACE_LIST", "Match", "Place", "find_names", "fold", "load_places",
    "normalise",
]
