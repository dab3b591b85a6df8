"""Years a sentence describes, resolved against the publication date."""

from __future__ import annotations

import pytest

from etl.extract.dating import publication, sentence_years


@pytest.mark.parametrize(
    ("sentence", "published", "years"),
    [
        ("In spring 2022, the NRF launched an offensive.", "2022-09", (2022, 2022)),
        ("Iran arranged the January 9 meeting.", "2022-01", (2022, 2022)),
        ("Attacks rose throughout 2021–2024.", "2024-08", (2021, 2024)),
        ("The NRF has attacked posts since September 2021.", "2024-08", (2021, 2024)),
        ("The NRF ambushed a convoy last month.", "2022-01", (2021, 2021)),
        ("The NRF ambushed a convoy last month.", "2022-05-10", (2022, 2022)),
        ("Taliban fighters in Panjshir fought the NRF this summer.", "2022-09", (2022, 2022)),
        ("The Taliban captured Kabul last summer.", "2022-09", (2021, 2021)),
        ("Last year, the FBI caught a smuggling network.", "2024-08", (2023, 2023)),
        ("Last October, Massoud traveled to France.", "2024-08", (2023, 2023)),
        ("Just over one year ago, the Taliban swept back into power.", "2022-09", (2021, 2021)),
        ("More than three years ago, the Taliban swept back.", "2024-08", (2021, 2021)),
        ("In the past three years the NRF has grown.", "2024-08", (2021, 2024)),
        ("Since the Taliban takeover, the NRF has fought on.", "2023-03", (2021, 2023)),
        ("Massoud was assassinated two days before 9/11.", "2021-09", (2001, 2001)),
        ("In the 1990s, the Taliban swept into Kandahar.", "2022-09", (1990, 1999)),
        ("There were 100,000 troops in 2010–11.", "2024-08", (2010, 2011)),
        ("Since escaping the valley in September, Massoud fled.", "2022-01", (2021, 2022)),
        ("In the spring and summer of 2023 and 2024, attacks continued.", "2024-08", (2023, 2024)),
        ("The Taliban overran Bazarak on 6 September.", "2022-01", (2021, 2021)),
        ("Fighting broke out on the 3rd of March.", "2023-06", (2023, 2023)),
        ("The front was founded on 17 August 2021.", "2024-01", (2021, 2021)),
        ("The NRF has fought the Taliban for three years.", "2024-08", (2021, 2024)),
        ("The clans have feuded for more than two decades.", "2023-06", (2003, 2023)),
    ],
)
def test_years_of_a_sentence(sentence, published, years):
    assert sentence_years(sentence, published) == years


@pytest.mark.parametrize(
    "sentence",
    [
        "The NRF has attacked Taliban targets.",
        "There were 11,000 US troops and 2,500 contractors.",
        "You May be right, he said.",
        "He was jailed for three years of his life.",
        "The country faces a situation similar to what existed in the mid-1990s.",
    ],
)
def test_sentences_that_name_no_time(sentence):
    assert sentence_years(sentence, "2022-09") is None


def test_years_in_urls_are_not_dates():
    s = "Reuters, July 8, 2022, https://example.org/2019/07/08/story"
    assert sentence_years(s, "2022-09") == (2022, 2022)


def test_publication_dates():
    assert publication("2022-09") == (2022, 9)
    assert publication("2022-09-14") == (2022, 9)
    assert publication("2022") == (2022, 12)
    with pytest.raises(ValueError, match="unparseable"):
        publication("September 2022")


@pytest.mark.parametrize(
    ("sentence", "years"),
    [
        # an aside about an actor dates the actor, not the event
        ("The NRF, founded in 2021, attacked a post in Kapisa on Monday.", (2023, 2023)),
        ("The front (formed in 2021) attacked a post in Kapisa last week.", (2023, 2023)),
        (
            "The NRF, which was set up after the fall of Kabul in August 2021, attacked a post "
            "in Kapisa on Monday.",
            (2023, 2023),
        ),
        # a reference point is not when the event happened
        (
            "Two decades after the Soviet withdrawal in 1989, NRF fighters attacked a post "
            "yesterday.",
            (2023, 2023),
        ),
        # when a statement was made is not when its events were
        ("NRF fighters ambushed a patrol in September 2022, the group said on Sunday.",
         (2022, 2022)),
        # the aside is all there is: it still dates the sentence
        ("The NRF, founded in 2021, holds out in the mountains.", (2021, 2021)),
        # months counted back across the new year
        ("Over the past 12 months, the front has attacked Taliban forces.", (2022, 2023)),
    ],
)
def test_the_event_s_own_time_not_every_date_in_the_sentence(sentence, years):
    assert sentence_years(sentence, "2023-06-15") == years


def test_the_soviet_war_dates_what_is_said_of_it():
    assert sentence_years("He fought the Soviets in Panjshir.", "2023-06") == (1979, 1989)
    aside = "The NRF, like those who fought the Soviets, attacked on Monday."
    assert sentence_years(aside, "2023-06-15") == (2023, 2023)
