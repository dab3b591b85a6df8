"""The 34 provinces of Afghanistan: canonical names, ISO 3166-2 codes and spellings.

This is the project's single source of truth for provinces. The boundary build uses it to
label shapes, the extractor uses it to recognise province names in report text, and the app
uses it to join the tidy table to the map. Anything that names a province goes through here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Province:
    """A province as the map and the table name it, plus the spellings reports use."""

    name: str
    iso_3166_2: str
    capital: str
    aliases: tuple[str, ...] = ()

    @property
    def spellings(self) -> tuple[str, ...]:
        """Every way of writing the province's own name, canonical first."""
        return (self.name, *self.aliases)


# Aliases are spellings of the province's *name* only (transliterations, official and
# colloquial forms). Places inside a province (capitals, districts, valleys) live in
# etl/gazetteer.py so that a name and a place are never confused.
PROVINCES: tuple[Province, ...] = (
    Province("Badakhshan", "AF-BDS", "Fayzabad", ("Badakshan", "Badachschan")),
    Province("Badghis", "AF-BDG", "Qala-i-Naw", ("Badgis", "Badghes", "Badkhis")),
    Province("Baghlan", "AF-BGL", "Pul-i-Khumri", ("Baglan",)),
    Province("Balkh", "AF-BAL", "Mazar-i-Sharif", ("Balk",)),
    Province("Bamyan", "AF-BAM", "Bamyan", ("Bamiyan", "Bamian")),
    Province("Daykundi", "AF-DAY", "Nili", ("Daikundi", "Daykondi", "Daikondi", "Day Kundi")),
    Province("Farah", "AF-FRA", "Farah", ("Farrah",)),
    Province("Faryab", "AF-FYB", "Maymana", ("Fariab", "Faryob")),
    Province("Ghazni", "AF-GHA", "Ghazni", ("Ghazny", "Ghazna")),
    Province("Ghor", "AF-GHO", "Chaghcharan", ("Ghowr", "Ghōr", "Ghur")),
    Province("Helmand", "AF-HEL", "Lashkar Gah", ("Hilmand", "Helmund")),
    Province("Herat", "AF-HER", "Herat", ("Hirat", "Harat")),
    Province("Jowzjan", "AF-JOW", "Sheberghan", ("Jawzjan", "Jouzjan", "Jozjan", "Jowzjon")),
    Province("Kabul", "AF-KAB", "Kabul", ("Kabol", "Caubul")),
    Province("Kandahar", "AF-KAN", "Kandahar", ("Qandahar", "Kandehar")),
    Province("Kapisa", "AF-KAP", "Mahmud-i-Raqi", ("Kapissa",)),
    Province("Khost", "AF-KHO", "Khost", ("Khowst", "Khust")),
    Province("Kunar", "AF-KNR", "Asadabad", ("Konar", "Kunarh")),
    Province("Kunduz", "AF-KDZ", "Kunduz", ("Kondoz", "Kondooz", "Qunduz", "Konduz")),
    Province("Laghman", "AF-LAG", "Mihtarlam", ("Lagman",)),
    Province("Logar", "AF-LOG", "Pul-i-Alam", ("Lowgar", "Lohgar")),
    Province("Nangarhar", "AF-NAN", "Jalalabad", ("Ningarhar", "Nangrahar", "Nangahar")),
    Province("Nimroz", "AF-NIM", "Zaranj", ("Nimruz", "Neemroz")),
    Province("Nuristan", "AF-NUR", "Parun", ("Nooristan", "Nurestan")),
    Province("Paktika", "AF-PKA", "Sharana", ("Paktica", "Paktīkā")),
    Province("Paktia", "AF-PIA", "Gardez", ("Paktiya", "Paktya", "Paktiā")),
    Province("Panjshir", "AF-PAN", "Bazarak", ("Panjsher", "Panjsheer", "Panjshair", "Panshir")),
    Province("Parwan", "AF-PAR", "Charikar", ("Parvan",)),
    Province("Samangan", "AF-SAM", "Aybak", ("Semangan",)),
    Province(
        "Sar-e Pol",
        "AF-SAR",
        "Sar-e Pol",
        ("Sar-i-Pul", "Sar-e Pul", "Sari Pul", "Sar-i Pul", "Sar-e-Pul", "Sar-e-Pol", "Saripul",
         "Sar-i-Pol", "Sari Pol", "Sar e Pul", "Sar e Pol"),
    ),
    Province("Takhar", "AF-TAK", "Taloqan", ("Tahar", "Takhār")),
    Province("Uruzgan", "AF-URU", "Tarinkot", ("Oruzgan", "Urozgan", "Orozgan", "Uruzghan")),
    Province("Wardak", "AF-WAR", "Maidan Shahr", ("Maidan Wardak", "Maydan Wardak", "Vardak")),
    Province("Zabul", "AF-ZAB", "Qalat", ("Zabol", "Zaboul")),
)

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
