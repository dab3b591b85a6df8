"""extract_mentions: the contract the pipeline and the table rely on."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.extract import extract_mentions
from etl.model import CATEGORIES
from etl.provinces import BY_NAME

SEEDS = Path(__file__).resolve().parents[3] / "seeds"
REPORTS = sorted(SEEDS.glob("*.txt"))


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.stem)
def test_mentions_point_at_their_words_and_are_sorted(path):
    text = path.read_text(encoding="utf-8")
    mentions = extract_mentions(text, "2022-09")
    assert mentions
    assert mentions == sorted(mentions, key=lambda m: (m.char_start, m.char_end))
    for m in mentions:
        assert text[m.char_start : m.char_end] == m.matched_text
        assert BY_NAME[m.province].iso_3166_2 == m.iso_3166_2
        assert m.category in CATEGORIES
        assert isinstance(m.year_from, int) and isinstance(m.year_to, int)
        assert m.year_from <= m.year_to
        assert m.matched_text in m.evidence
        assert "\n" not in m.evidence and "  " not in m.evidence


def test_deterministic():
    text = REPORTS[1].read_text(encoding="utf-8")
    assert extract_mentions(text, "2022-09") == extract_mentions(text, "2022-09")


def test_one_mention_per_occurrence_longest_match():
    got = extract_mentions("The NRF holds the Panjshir Valley and Panjshir's side valleys.", "2022")
    assert [(m.matched_text, m.province) for m in got] == [
        ("Panjshir Valley", "Panjshir"),
        ("Panjshir", "Panjshir"),
    ]


def test_evidence_is_the_whole_sentence():
    text = "Intro line here.\nThe NRF attacked  Taliban posts\nin Rokha on Monday. Then it rained."
    (m,) = extract_mentions(text, "2023-04")
    assert m.evidence == "The NRF attacked Taliban posts in Rokha on Monday."
    assert (m.category, m.year_from, m.year_to) == ("attack", 2023, 2023)


def test_fox_news_trailing_headlines_are_not_mentions():
    path = SEEDS / "003_a74b8543341d43d8.txt"
    text = path.read_text(encoding="utf-8")
    cut = text.index("Read more here:")
    mentions = extract_mentions(text, "2022-08")
    assert mentions
    assert all(m.char_start < cut for m in mentions)
    assert "Balkh" not in {m.province for m in mentions}


def test_unseen_style_report():
    text = (
        "NRF claims deadly ambush in Panjsher\n"
        "Subscribe to our newsletter\n"
        "KABUL - The National Resistance Front said on Tuesday its fighters ambushed a Taliban "
        "convoy in Khinj district, killing five. Resistance forces also clashed with the Taliban "
        "in the Andarab valley of Baghlan last week. The Taliban's governor of Takhar denied the "
        "reports. ISIS-K bombed a mosque in Kunduz in March. Analysts expect the NRF to try "
        "expanding to Badakhshan in the coming months.\n"
        "© 2023 Example News\n"
    )
    mentions = extract_mentions(text, "2023-05-10")
    got = [(m.province, m.category, m.year_from, m.year_to) for m in mentions]
    assert ("Panjshir", "attack", 2023, 2023) in got
    assert ("Baghlan", "attack", 2023, 2023) in got
    assert ("Takhar", "other", 2023, 2023) in got
    assert ("Kunduz", "other", 2023, 2023) in got
    assert ("Badakhshan", "other", 2023, 2023) in got
    assert not [g for g in got if g[0] == "Kabul" and g[1] != "other"]


def test_empty_report_has_no_mentions():
    assert extract_mentions("", "2022-01") == []
    assert extract_mentions("   \n\n", "2022-01") == []


def test_pronoun_reaches_back_across_a_one_sentence_paragraph():
    text = (
        "Since the Taliban's return in August 2021, the NRF has attacked posts in Kapisa.\n"
        "In 2022, the group claimed to have captured villages in Paryan district.\n"
    )
    got = [(m.province, m.category, m.year_from) for m in extract_mentions(text, "2023-06")]
    assert got == [("Kapisa", "attack", 2021), ("Panjshir", "attack", 2022)]


def test_pronoun_after_a_taliban_sentence_is_not_the_nrf():
    text = (
        "The Taliban have not commented on the claim.\n"
        "The group said security in Panjshir was fully under control.\n"
    )
    assert [m.category for m in extract_mentions(text, "2023-06")] == ["other"]


def test_text_without_punctuation_or_line_breaks_is_cut_into_bounded_sentences():
    text = "NRF fighters attacked Taliban posts in Rokha and Dara district and " * 3000
    mentions = extract_mentions(text, "2022-06")
    assert len(mentions) == 6000
    assert all(text[m.char_start : m.char_end] == m.matched_text for m in mentions)
    assert max(len(m.evidence) for m in mentions) <= 2000


@pytest.mark.parametrize(
    ("sentence", "years"),
    [
        ("The NRF has claimed an attack on a Taliban post in Rokha.", (2023, 2023)),
        ("The NRF has carried out dozens of attacks in Kapisa.", (2021, 2023)),
        ("So far, resistance fighters have held the heights above Khinj.", (2021, 2023)),
        ("Last week NRF fighters ambushed a convoy in Tagab.", (2023, 2023)),
    ],
)
def test_years_without_an_explicit_date(sentence, years):
    (m,) = extract_mentions(sentence, "2023-05")
    assert (m.year_from, m.year_to) == years
    assert m.category in ("attack", "presence")


@pytest.mark.parametrize(
    "sentence",
    [
        "The NRF said it hit a Taliban post in Baharak district in Takhar province.",
        "The NRF said it hit a Taliban post in Baharak district of Takhar province.",
        "The NRF said it hit a Taliban post in Baharak district, in the west of Takhar province.",
    ],
)
def test_a_place_the_text_puts_in_another_province_is_not_mentioned(sentence):
    """Baharak is also a Badakhshan district: the text's own province wins."""
    got = {(m.province, m.category) for m in extract_mentions(sentence, "2023-05")}
    assert got == {("Takhar", "attack")}


def test_a_list_of_places_is_not_a_place_and_its_province():
    text = "He said people in Andarab, Daikundi, Kabul and Bamiyan had joined the resistance."
    assert {m.province for m in extract_mentions(text, "2021-09")} == {
        "Baghlan", "Daykundi", "Kabul", "Bamyan"
    }


def test_a_place_then_its_province_after_a_comma():
    text = "The NRF said it attacked a Taliban post in Baharak, Takhar, on Monday."
    assert {m.province for m in extract_mentions(text, "2021-09")} == {"Takhar"}


def test_a_place_the_report_puts_in_another_province_stays_there_later():
    text = (
        "NRF strikes district centre\n\n"
        "The NRF said its fighters struck the headquarters of Baharak district in Takhar. "
        "According to the NRF, its forces fired rockets at the Baharak district building.\n"
    )
    got = [(m.matched_text, m.province) for m in extract_mentions(text, "2023-05")]
    assert got == [("Takhar", "Takhar"), ("Baharak district", "Takhar")]
