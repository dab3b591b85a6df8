"""The place matcher: word boundaries, spellings, context gates, longest match."""

from __future__ import annotations

import pytest

from etl.extract.places import PLACES, find_names
from etl.provinces import PROVINCES, by_name


def names(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.province) for m in find_names(text)]


def test_a_person_named_parwana_is_not_parwan():
    assert names("Parwana Ibrahimkhel, a prominent women's rights activist, took part.") == []


@pytest.mark.parametrize(
    "word", ["Kandahari faction", "Herati traders", "Panjshiris are used to winter"]
)
def test_demonyms_are_not_place_names(word):
    assert names(word) == []


@pytest.mark.parametrize(
    "spelling",
    ["Sar-i-Pul", "Sar-e Pul", "Sari Pul", "Sar-e Pol", "Saripul", "Sar-i Pul", "Sar e Pol"],
)
def test_sar_e_pol_spellings(spelling):
    assert names(f"attacks in {spelling} province") == [(f"{spelling} province", "Sar-e Pol")]


@pytest.mark.parametrize(
    "spelling",
    ["Mazar-i-Sharif", "Mazar-e-Sharif", "Mazar-e Sharif", "Mazar Sharif", "Mazār-i-Sharīf"],
)
def test_mazar_spellings_are_balkh(spelling):
    assert names(f"fighting in {spelling} yesterday") == [(spelling, "Balkh")]


@pytest.mark.parametrize(
    ("text", "province"),
    [
        ("Lashkargah", "Helmand"),
        ("Lashkar Gah", "Helmand"),
        ("Pul-e-Khumri", "Baghlan"),
        ("Puli Khumri", "Baghlan"),
        ("Jabal Saraj", "Parwan"),
        ("Jabal-us-Saraj", "Parwan"),
        ("Panjsher", "Panjshir"),
        ("Hilmand", "Helmand"),
        ("Nimruz", "Nimroz"),
        ("Paktya", "Paktia"),
        ("Urozgan", "Uruzgan"),
        ("Maidan Wardak", "Wardak"),
        ("Konar", "Kunar"),
        ("Kondoz", "Kunduz"),
        ("Daikundi", "Daykundi"),
        ("Bamiyan", "Bamyan"),
    ],
)
def test_spelling_variants(text, province):
    assert names(f"They met in {text} on Monday.") == [(text, province)]


@pytest.mark.parametrize(
    "place",
    [
        "Andarab", "Khawak", "Salang", "Bagram", "Charikar", "Jabal Saraj", "Gulbahar", "Anaba",
        "Rokha", "Khinj", "Paryan", "Shutul", "Tagab", "Nijrab", "Alasay", "Mazar-i-Sharif",
        "Jalalabad", "Zaranj", "Lashkargah", "Fayzabad", "Taloqan",
    ],
)
def test_places_named_in_the_issue_are_known(place):
    found = names(f"Reports from {place} describe the situation.")
    assert [t for t, _ in found] == [place]


def test_every_provincial_capital_is_found_in_its_province():
    for p in PROVINCES:
        found = names(f"Fighters entered {p.capital}, the capital of {p.name}, on Friday.")
        assert found[0] == (p.capital, p.name), p.capital
        assert {prov for _, prov in found} == {p.name}


def test_places_table_names_only_real_provinces():
    for province in PLACES:
        assert by_name(province).name == province


def test_longest_match_wins_once():
    assert names("the Panjshir Valley") == [("Panjshir Valley", "Panjshir")]
    assert names("the Salang Tunnel and Bagram Airfield") == [
        ("Salang Tunnel", "Parwan"),
        ("Bagram Airfield", "Parwan"),
    ]


def test_khost_district_of_baghlan_versus_khost_province():
    assert names("an attack in the Khost district of Baghlan") == [
        ("Khost district", "Baghlan"),
        ("Baghlan", "Baghlan"),
    ]
    assert names("Khost wa Fereng district") == [("Khost wa Fereng district", "Baghlan")]
    assert names("a Taliban crackdown in Khost province") == [("Khost province", "Khost")]
    assert names("rockets were fired in Khost on Monday") == [("Khost", "Khost")]


def test_dara_needs_to_be_a_place():
    assert names("fighting in the Dara district of Panjshir") == [
        ("Dara district", "Panjshir"),
        ("Panjshir", "Panjshir"),
    ]
    assert names("He studied at Dara Adam Khel.") == []
    assert names("the dara of the mountains") == []


def test_given_name_farah_is_not_the_province():
    assert names("Farah Pahlavi visited Farah province") == [("Farah province", "Farah")]


def test_place_names_are_proper_nouns():
    assert names("the salang road") == []


def test_offsets_index_the_original_text():
    text = "Clashes near Mazār-i-Sharīf and in Kabul’s outskirts."
    for m in find_names(text):
        assert text[m.start : m.end] == m.text
    assert names(text) == [("Mazār-i-Sharīf", "Balkh"), ("Kabul", "Kabul")]


def test_hyphenated_compounds_still_name_the_place():
    assert names("the Tehran-Kabul talks and Kabul-based diplomats") == [
        ("Kabul", "Kabul"),
        ("Kabul", "Kabul"),
    ]


def test_every_listed_place_resolves_to_its_own_province():
    """No spelling is shadowed by another entry, and no name is cut short."""
    wrong = []
    province_names = {s for p in PROVINCES for s in p.spellings}
    for province, places in PLACES.items():
        for place in places:
            if place in province_names:
                continue  # spelt like a province: its own context rule, tested elsewhere
            found = names(f"They reached {place} yesterday, in {province} province.")
            if not found or found[0] != (place, province):
                wrong.append((place, province, found))
    assert wrong == []


def test_a_bare_word_from_a_longer_name_is_not_a_place():
    assert names("They reached Khas yesterday.") == []
    assert names("They reached Kot yesterday.") == []


def test_two_provinces_named_together_keep_khost_as_the_province():
    assert names("Attacks were reported in Baghlan and Khost.") == [
        ("Baghlan", "Baghlan"),
        ("Khost", "Khost"),
    ]
    assert names("Fighting spread from Andarab to Khost and Nahrin.") == [
        ("Andarab", "Baghlan"),
        ("Khost", "Baghlan"),
        ("Nahrin", "Baghlan"),
    ]
