"""The one list of provinces: every spelling must point to exactly one province."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from etl.provinces import BY_ISO, PROVINCES, by_iso, by_name

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def test_codes_and_names_agree_with_the_capitals_list() -> None:
    with (FIXTURES / "provincial_capitals.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {(r["province"], r["iso_3166_2"]) for r in rows} == {
        (p.name, p.iso_3166_2) for p in PROVINCES
    }


def test_no_spelling_names_two_provinces() -> None:
    owners: dict[str, str] = {}
    for province in PROVINCES:
        for spelling in province.spellings:
            key = spelling.casefold()
            assert owners.setdefault(key, province.name) == province.name, spelling


def test_lookups_name_the_bad_key() -> None:
    assert by_iso("AF-PAN").name == "Panjshir"
    assert by_name("Sar-e Pol").iso_3166_2 == "AF-SAR"
    assert len(BY_ISO) == 34
    with pytest.raises(KeyError, match="AF-XXX"):
        by_iso("AF-XXX")
    with pytest.raises(KeyError, match="Panjsher"):  # a spelling, not the canonical name
        by_name("Panjsher")
