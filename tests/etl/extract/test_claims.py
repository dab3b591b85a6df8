"""Who claims an activity: the sentence's own attribution first, then its paragraph's."""

from __future__ import annotations

import pytest

from etl.extract import extract_mentions
from etl.extract.claims import attribution, claimant


@pytest.mark.parametrize(
    ("sentence", "side"),
    [
        ("NRF fighters raided a post in Khinjan, the group said.", "nrf"),
        ("NRF fighters raided a post in Khinjan, residents told reporters.", "third_party"),
        ("According to the NRF, its men raided a post.", "nrf"),
        ("The front's spokesman wrote that a post was raided.", "nrf"),
        ("Taliban officials told reporters that eight rebels were killed.", "taliban"),
        ("Local officials said two posts were attacked.", "taliban"),
        ("A UN report counted 40 attacks by the group.", "third_party"),
        ("The NRF and the Afghanistan Freedom Front have said they hit several posts.", "nrf"),
        ("Zabihullah Mujahid said the clearing operation was over.", "taliban"),
        ("The resistance, insisting it held the upper hand, said the Taliban had fled.", "nrf"),
        ("The Taliban, denying heavy losses, claimed the rebels had fled.", "taliban"),
        ("Mujahid told reporters that the rebels had fled.", "taliban"),  # a speaker's surname
        ("Nazary wrote that a post was overrun.", "nrf"),
        ("Ahmadi told AFP a post was overrun.", None),  # an NRF and a Taliban speaker's name
        ("The Taliban-run Bakhtar news agency said a post was overrun.", "taliban"),
        ("A post was overrun, according to a statement from the group.", "nrf"),
        ("Hamid Khorasani, a Taliban commander, said a post was overrun.", "taliban"),
        # a named speaker speaks: after, before or owning the words
        ("Two posts fell, said the front's leader, Ahmad Massoud.", "nrf"),
        ("Two posts fell, according to Amrullah Saleh.", "nrf"),
        ("Ahmad Massoud's video message said two posts fell.", "nrf"),
        # sources close to a side speak for it; an official named with where they serve
        ("Two posts fell, according to sources close to the front.", "nrf"),
        ("Sources within the Taliban said two posts fell.", "taliban"),
        ("The Taliban-appointed governor of Panjshir said two posts fell.", "taliban"),
        ("Taliban security officials in Panjshir confirmed that two posts fell.", "taliban"),
        ("NRF commanders in Panjshir said two posts fell.", "nrf"),
        # ", and they say": the subject speaks in a second clause
        (
            "Resistance fighters in Andarab disputed the Taliban's version of the battle, and "
            "they say none of their men was hurt.",
            "nrf",
        ),
    ],
)
def test_attribution_of_a_sentence(sentence, side):
    assert attribution(sentence) == side


@pytest.mark.parametrize(
    "sentence",
    [
        "The NRF's fighters killed two Taliban members in Khinjan.",  # victims, not speakers
        "A Taliban commander was killed in the raid.",
        "The Taliban denied that any fighting took place.",  # a denial claims nothing
        # a leader named, not speaking
        "Under the command of Ahmad Massoud, the front has fought on in the north.",
        "The group was founded in 2021 and is led by Ahmad Massoud.",
    ],
)
def test_no_attribution(sentence):
    assert attribution(sentence) is None


def test_the_next_sentence_attributes_the_news():
    got = claimant("Two posts were overrun in Nijrab.", [], ["The NRF said so on Sunday."])
    assert got == "nrf"


def test_the_sentence_itself_wins_over_its_paragraph():
    got = claimant("Two posts were overrun, residents said.", [], ["The NRF said so too."])
    assert got == "third_party"


def test_unattributed_reporting_is_the_outlet_s_own():
    assert claimant("Fighting went on in the valley.", [], []) == "third_party"


def test_the_headline_attributes_when_the_body_does_not():
    got = claimant("Two posts were overrun in Nijrab.", [], [], "NRF says it overran posts")
    assert got == "nrf"


def test_activity_rows_carry_the_claim_and_other_rows_none():
    text = (
        "NRF claims raid\n\nNRF fighters raided a Taliban post in Khinjan on Monday, a "
        "spokesman for the group said. The Taliban governor of Kunduz was not available."
    )
    rows = {m.province: m for m in extract_mentions(text, "2023-05")}
    assert rows["Baghlan"].claimed_by == "nrf"
    assert rows["Kunduz"].category == "other" and rows["Kunduz"].claimed_by == ""


@pytest.mark.parametrize(
    ("lead", "side"),
    [
        ("The National Resistance Front says its fighters freed the four men on Friday.", "nrf"),
        ("Taliban officials said on Sunday that the four men had been freed.", "taliban"),
        ("Residents told reporters that the four men were freed on Friday.", "third_party"),
    ],
)
def test_a_headline_is_attributed_by_the_lead_that_follows_it(lead, side):
    text = f"Resistance fighters free four Taliban they captured in Badakhshan\n\n{lead}\n"
    (row,) = [m for m in extract_mentions(text, "2023-05") if m.province == "Badakhshan"]
    assert row.category == "attack" and row.claimed_by == side


def test_unattributed_activity_takes_the_attribution_given_later_for_its_province():
    text = (
        "Fighting goes on in the north of the country\n\n"
        "NRF fighters raided a Taliban post in Khinjan on Monday.\n\n"
        "Weather was cold across the region.\n\n"
        "In a statement, the NRF said its fighters had also raided a checkpoint in Khinjan.\n"
    )
    rows = [m for m in extract_mentions(text, "2023-05") if m.category != "other"]
    assert [m.claimed_by for m in rows] == ["nrf", "nrf"]


def test_activity_attributed_nowhere_is_the_outlet_s_own():
    text = (
        "Fighting goes on in the north of the country\n\n"
        "NRF fighters raided a Taliban post in Khinjan on Monday.\n"
    )
    (row,) = extract_mentions(text, "2023-05")
    assert row.category == "attack" and row.claimed_by == "third_party"


@pytest.mark.parametrize(
    ("background", "side"),
    [
        ("Since the 2021 takeover, the front has fought the Taliban in Panjshir.", "third_party"),
        ("On Sunday the front also fought the Taliban in Panjshir.", "nrf"),
    ],
)
def test_the_headline_speaks_for_the_news_not_for_the_group_s_past(background, side):
    text = (
        "NRF says it killed five Taliban in Khinjan\n\n"
        "Five Taliban fighters were killed in an ambush in Khinjan on Saturday, the front said "
        "in a statement.\n\n"
        f"{background}\n"
    )
    (row,) = [m for m in extract_mentions(text, "2023-05-08") if m.province == "Panjshir"]
    assert row.category == "attack" and row.claimed_by == side
