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


# --- places as data (etl/places.csv) -----------------------------------------------------------


def test_every_place_row_names_a_province_and_a_known_kind():
    from etl.extract.places import KINDS, PLACE_LIST

    assert PLACE_LIST, "etl/places.csv is empty"
    for place in PLACE_LIST:
        assert place.kind in KINDS and place.iso_3166_2 == by_name(place.province).iso_3166_2


def test_every_spelling_resolves_to_one_province_or_has_a_context_rule():
    from etl.extract.places import PLACE_LIST

    seen: dict[str, str] = {}
    province_names = {s.lower() for p in PROVINCES for s in p.spellings}
    for place in PLACE_LIST:
        for spelling in place.spellings:
            key = spelling.lower()
            if key in province_names:
                assert place.context, f"{spelling} is spelt like a province: needs context words"
                continue
            assert seen.setdefault(key, place.province) == place.province, spelling


def test_every_provincial_capital_is_a_place_of_its_province():
    from etl.extract.places import PLACE_LIST

    places = {(s, p.province) for p in PLACE_LIST for s in p.spellings}
    for province in PROVINCES:
        if province.capital in province.spellings:
            continue  # Kabul, Herat, ...: the capital is named like its province
        assert (province.capital, province.name) in places, province.capital


def test_a_bad_places_file_names_its_line(tmp_path):
    from etl.extract.places import load_places

    bad = tmp_path / "places.csv"
    bad.write_text(
        "name,spellings,iso_3166_2,kind,context,note\nAndarab,,AF-BGL,district,,\n"
        "Nowhere,,AF-XXX,district,,\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match=r"places.csv: line 3: unknown ISO code"):
        load_places(bad)


def test_a_place_added_to_the_data_is_loaded(tmp_path):
    from etl.extract import places

    extra = places.load_places()
    assert not any("Puzeh" in s for p in extra for s in p.spellings)
    data = tmp_path / "places.csv"
    data.write_text(
        places.PLACES_CSV.read_text(encoding="utf-8") + "Puzeh,,AF-KAP,village,,\n",
        encoding="utf-8",
    )
    assert [p.name for p in places.load_places(data)][-1] == "Puzeh"


@pytest.mark.parametrize(
    "hidden",
    ["Pan\u200bjshir", "Panj\u00adshir", "Panjshi\u0304r", "Panjsh\u012br", "\ufeffPanjshir"],
)
def test_invisible_characters_and_accents_do_not_hide_a_name(hidden):
    text = f"Fighting went on in {hidden} on Monday."
    found = list(find_names(text))
    assert [m.province for m in found] == ["Panjshir"]
    assert text[found[0].start : found[0].end] == found[0].text == hidden.lstrip("\ufeff")


def test_the_place_column_is_the_common_name():
    found = list(find_names("They fought in Jabal-us-Saraj and in Parwan."))
    assert [(m.place, m.province) for m in found] == [("Jabal Saraj", "Parwan"), ("", "Parwan")]


def test_khost_district_in_a_report_about_baghlan():
    text = "Andarab saw fighting.\n\nLater the group moved to Khost district."
    assert [m.province for m in find_names(text)] == ["Baghlan", "Baghlan"]
