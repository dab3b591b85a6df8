"""The 34 provinces of Afghanistan: canonical names, ISO 3166-2 codes and spellings.

This is the project's single source of truth for provinces. The boundary build uses it to
label shapes, the extractor uses it to recognise province names in report text, and the app
uses it to join the tidy table to the map. Anything that names a province goes through here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from etl.datafiles import data_rows


@dataclass(frozen=True)
class Province:
    """A province as the map and the table name it, plus the spellings reports use."""

    name: str
    iso_3166_2: str
    capital: str
    aliases: tuple[str, ...] = ()
    given_name: bool = False  # also a person's name ("Farah Pahlavi")

    @property
    def spellings(self) -> tuple[str, ...]:
        """Every way of writing the province's own name, canonical first."""
        return (self.name, *self.aliases)


PROVINCES_CSV = Path(__file__).resolve().parent / "provinces.csv"
PROVINCE_COLUMNS = ("name", "iso_3166_2", "capital", "spellings", "note")


def load_provinces(path: Path = PROVINCES_CSV) -> tuple[Province, ...]:
    """The provinces from etl/provinces.csv; a bad file raises ValueError naming file and line.

    Spellings are of the province's *name* only (transliterations, official and colloquial
    forms). Places inside a province (capitals, districts, valleys) live in etl/places.csv so
    that a name and a place are never confused.
    """
    out: list[Province] = []
    for n, row in data_rows(path, PROVINCE_COLUMNS):
        if not all(row[c] for c in ("name", "iso_3166_2", "capital")):
            raise ValueError(f"{path}: line {n}: name, iso_3166_2 and capital are required")
        aliases = tuple(s.strip() for s in row["spellings"].split("|") if s.strip())
        given = "given name" in row["note"]
        out.append(Province(row["name"], row["iso_3166_2"], row["capital"], aliases, given))
    return tuple(out)


PROVINCES: tuple[Province, ...] = load_provinces()
BY_ISO: dict[str, Province] = {p.iso_3166_2: p for p in PROVINCES}
BY_NAME: dict[str, Province] = {p.name: p for p in PROVINCES}
CANONICAL_NAMES: tuple[str, ...] = tuple(p.name for p in PROVINCES)
ISO_CODES: tuple[str, ...] = tuple(p.iso_3166_2 for p in PROVINCES)


def by_iso(code: str) -> Province:
    """Look a province up by ISO 3166-2 code; a KeyError names the bad code."""
    try:
        return BY_ISO[code]
    except KeyError:
        raise KeyError(f"unknown ISO 3166-2 code for an Afghan province: {code!r}") from None


def by_name(name: str) -> Province:
    """Look a province up by its canonical name; a KeyError names the bad name."""
    try:
        return BY_NAME[name]
    except KeyError:
        raise KeyError(f"not a canonical province name: {name!r}") from None
