"""Saved web pages: the article's text and metadata reach the table, the page's furniture
(menus, related links, share buttons, footer) never does."""

from __future__ import annotations

import shutil
from pathlib import Path

from badinput import ROOT

from etl.pipeline import build
from etl.reading import read_document

FIXTURES = ROOT / "tests" / "fixtures" / "reports"
ARTICLE = FIXTURES / "article.html"
HEADLINE = "NRF says it attacked Taliban posts in Panjshir"
# Words only the page's furniture holds: the menu, related stories, share bar and footer.
FURNITURE = ("Home", "Helmand", "Opinion", "Related stories", "Kunar", "Nimroz", "Ghazni",
             "Facebook", "WhatsApp", "bureaus", "Herat", "Kandahar", "Privacy",
             "All rights reserved")  # fmt: skip
HEADER = "file,source,title,author,published,url\n"


def test_the_article_text_is_read_headline_first_and_the_furniture_is_left_out():
    document = read_document(ARTICLE.read_bytes(), "article.html")
    assert document.kind == "html" and document.problems == ()
    assert document.text.startswith(HEADLINE + "\n")
    assert "attacked two Taliban posts in the Panjshir Valley" in document.text
    assert "Andarab valley of neighbouring Baghlan province" in document.text
    assert [word for word in FURNITURE if word in document.text] == []


def test_the_page_metadata_is_what_the_page_declares():
    meta = read_document(ARTICLE.read_bytes(), "article.html").metadata
    assert (meta.title, meta.author, meta.published, meta.source, meta.url) == (
        HEADLINE,
        "Farida Noori",
        "2022-05-16",
        "Kabul Ledger",
        "https://kabul-ledger.example/2022/05/nrf-panjshir-attack",
    )


def test_the_same_bytes_give_the_same_text_whatever_was_read_before():
    data = ARTICLE.read_bytes()
    first = read_document(data, "article.html")
    read_document(data.replace(b"Farida", b"Farah"), "other.html")  # no cross-document state
    assert read_document(data, "article.html") == first


def corpus(tmp_path: Path, catalog_rows: str) -> tuple[Path, Path]:
    reports = tmp_path / "reports"
    reports.mkdir()
    shutil.copyfile(ARTICLE, reports / "ledger.html")
    catalog = tmp_path / "sources.csv"
    catalog.write_text(HEADER + catalog_rows, encoding="utf-8")
    return reports, catalog


def test_rows_come_from_the_article_only_and_their_offsets_index_the_read_text(tmp_path):
    reports, catalog = corpus(tmp_path, "ledger.html,Kabul Ledger,Title,Author,2022-05-16,u\n")
    result = build(reports, catalog)
    rows = result.as_dicts()
    assert {row["province"] for row in rows} == {"Panjshir", "Baghlan"}
    text = read_document((reports / "ledger.html").read_bytes(), "x.html").text
    for row in rows:
        assert row["source_id"] == "ledger"
        assert text[row["char_start"] : row["char_end"]] == row["matched_text"]
        assert row["evidence"] in text  # the evidence sentence stands on its own
    assert result.problems == ()


def test_fields_the_catalog_leaves_empty_are_taken_from_the_page_with_a_warning(tmp_path):
    reports, catalog = corpus(tmp_path, "ledger.html,,,,,\n")
    result = build(reports, catalog)
    row = result.as_dicts()[0]
    assert (row["source"], row["title"], row["author"], row["published"]) == (
        "Kabul Ledger", HEADLINE, "Farida Noori", "2022-05-16"
    )
    assert row["url"] == "https://kabul-ledger.example/2022/05/nrf-panjshir-attack"
    messages = [p.format() for p in result.problems if p.file == f"{reports}/ledger.html"]
    assert len(messages) == 1
    assert messages[0].startswith(f"warning: {reports}/ledger.html: the catalog leaves source")
    assert "'Farida Noori'" in messages[0] and "taken from the page's metadata" in messages[0]


def test_the_catalog_wins_over_the_page(tmp_path):
    reports, catalog = corpus(tmp_path, "ledger.html,Desk,My title,Me,2022-06,\n")
    result = build(reports, catalog)
    rows = result.as_dicts()
    assert {(r["source"], r["title"], r["author"], r["published"]) for r in rows} == {
        ("Desk", "My title", "Me", "2022-06")
    }
    assert {r["url"] for r in rows} == {"https://kabul-ledger.example/2022/05/nrf-panjshir-attack"}


def test_an_uncatalogued_page_is_described_by_its_metadata(tmp_path):
    reports, catalog = corpus(tmp_path, "")
    result = build(reports, catalog)
    rows = result.as_dicts()
    assert {(r["source"], r["title"], r["published"]) for r in rows} == {
        ("Kabul Ledger", HEADLINE, "2022-05-16")
    }
    [problem] = result.problems
    assert "not in the catalog" in problem.message and "page's metadata" in problem.message


def test_a_declared_legacy_charset_is_honoured():
    page = (b'<html><head><meta charset="windows-1252"><title>T</title></head><body><article>'
            b"<p>The NRF said \x93its fighters attacked the Taliban in Panjshir\x94 on Monday "
            b"night, and residents confirmed the fighting in the valley.</p></article></body>"
            b"</html>")  # fmt: skip
    document = read_document(page, "legacy.html")
    assert document.problems == () and document.encoding == "cp1252"
    assert "\u201cits fighters attacked the Taliban in Panjshir\u201d" in document.text


def test_a_page_of_furniture_only_is_skipped_naming_it():
    page = b"<!DOCTYPE html><html><body><nav><a href='/'>Home</a></nav></body></html>"
    document = read_document(page, "r/menu.html")
    assert document.text is None
    [problem] = document.problems
    assert problem.file == "r/menu.html" and "no main text" in problem.message
