"""Body versus page furniture, and sentence spans that never shift offsets."""

from __future__ import annotations

from pathlib import Path

from etl.extract.text import Body, body_lines, body_sentences, plain, sentences

SEEDS = Path(__file__).resolve().parents[3] / "seeds"
FOX = SEEDS / "003_a74b8543341d43d8.txt"


def body_text(text: str) -> str:
    return "\n".join(text[ln.start : ln.end] for ln in body_lines(text))


def test_trailing_list_of_unrelated_headlines_is_not_the_report():
    text = FOX.read_text(encoding="utf-8")
    body = body_text(text)
    assert "Hairaton-Mazar-e-Sharif Railway" in text
    assert "Hairaton-Mazar-e-Sharif" not in body
    assert "Radio Begum" not in body
    assert "February 11th, 2025" not in body
    # ... but the article itself, up to its last paragraph, is kept.
    assert "the days of Taliban occupation in the north are numbered" in body


def test_navigation_subscribe_and_copyright_lines_are_furniture():
    text = (
        "Top Issues\nDomestic Policy\nNational Security\n"
        "The NRF attacked a Taliban post in Khinj district on Monday, officials said.\n"
        "Subscribe to email updates\nFollow us\n© 2021, The Heritage Foundation\n"
        "CLICK HERE TO GET THE FOX NEWS APP\n"
    )
    assert body_text(text) == (
        "The NRF attacked a Taliban post in Khinj district on Monday, officials said."
    )


def test_read_more_in_running_text_does_not_cut_the_report():
    long_para = "The NRF said its fighters attacked Taliban positions in Andarab. " * 4
    text = f"Read more:\n{long_para}\n{long_para}\n"
    assert long_para.strip() in body_text(text)


def test_headline_items_ending_in_a_date_are_furniture_anywhere():
    text = (
        "Resistance forces clashed with the Taliban in Paryan.\n"
        "- Taliban kill five in Kunduz - Some Paper - March 3rd, 2024 [March 3rd, 2024]\n"
    )
    assert body_text(text) == "Resistance forces clashed with the Taliban in Paryan."


def test_photo_captions_stay_as_text_but_the_caption_label_goes():
    text = (
        "Afghan women at a workshop in Jalalabad, on December 1, 2022. (Photo by AFP)\n"
        "Caption\n"
    )
    assert body_text(text).startswith("Afghan women at a workshop in Jalalabad")
    assert "Caption" not in body_text(text).split("(Photo by AFP)")[-1]


def test_sentence_spans_index_the_original_text():
    text = "  Mr. Nazary spoke in Washington, D.C. on Monday.  The U.S. did not reply! Why?\n"
    spans = sentences(text, 0, len(text))
    got = [text[a:b] for a, b in spans]
    assert got == [
        "Mr. Nazary spoke in Washington, D.C. on Monday.",
        "The U.S. did not reply!",
        "Why?",
    ]


def test_footnote_markers_glued_to_the_next_sentence_still_split():
    text = "he said the tunnel was closed.[32]The capture of Bagram would matter."
    got = [text[a:b] for a, b in sentences(text, 0, len(text))]
    assert got == ["he said the tunnel was closed.[32]", "The capture of Bagram would matter."]


def test_a_footnote_line_is_one_sentence_with_its_citation_date():
    text = (
        "The NRF claimed an attack.[20]\n\n"
        '[20] A. Roushan, "NRF Attacks Taliban Vehicle in Nangarhar. Four Killed," '
        "Republic World, June 16, 2022, https://example.org/x.\n"
    )
    sents = body_sentences(text)
    assert sents[-1].footnote
    assert text[sents[-1].start : sents[-1].end].endswith("https://example.org/x.")


def test_evidence_is_plain_text_with_whitespace_collapsed():
    assert plain("  The NRF \n attacked\t Taliban  posts. ") == "The NRF attacked Taliban posts."


def test_link_and_label_lines_are_furniture():
    text = (
        "Resistance forces clashed with the Taliban in Paryan on Monday.\n"
        "Also read: NRF fighters kill four Taliban in Andarab\n"
        "Tags: Panjshir, NRF, Taliban, Baghlan\n"
        "Related: Taliban arrest dozens in Khinj\n"
    )
    assert body_text(text) == "Resistance forces clashed with the Taliban in Paryan on Monday."


def test_a_short_headline_naming_the_nrf_is_kept():
    text = "Home\nWorld\nNRF attacks in Andarab\nThe front said it killed two Taliban."
    assert body_text(text) == "NRF attacks in Andarab\nThe front said it killed two Taliban."


def test_site_menus_and_breadcrumbs_are_furniture():
    text = (
        "Home | Kabul | Herat | World News | Opinion\n"
        "News › Afghanistan › Panjshir\n"
        "The NRF attacked a Taliban post in Khinj district on Monday | a headline bar stays.\n"
    )
    assert body_text(text) == (
        "The NRF attacked a Taliban post in Khinj district on Monday | a headline bar stays."
    )


def test_the_headline_skips_site_names_menus_and_breadcrumbs():
    text = (
        "Daily Planet\nHome | Afghanistan | World | Rest of the World News | Video\n"
        "Home / Asia & Pacific\nShare\n\n"
        "Resistance fighters free four Taliban they captured in Badakhshan\n\nBody text.\n"
    )
    body = Body(text)
    assert body.line_text(body.headline()) == (
        "Resistance fighters free four Taliban they captured in Badakhshan"
    )
