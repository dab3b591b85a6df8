"""PDF briefs: the pages' text as paragraphs, running heads and page numbers dropped,
hyphenated line ends mended, the document information as metadata."""

from __future__ import annotations

import importlib.util
import io
import shutil

import pytest
from badinput import ROOT

from etl.pdfreport import pdf_text
from etl.pipeline import build
from etl.reading import read_document

FIXTURES = ROOT / "tests" / "fixtures" / "reports"
BRIEF = FIXTURES / "brief.pdf"


def _generator():
    spec = importlib.util.spec_from_file_location("make_brief_pdf", FIXTURES / "make_brief_pdf.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_committed_brief_is_what_its_script_writes():
    assert _generator().build() == BRIEF.read_bytes()


@pytest.fixture(scope="module")
def brief():
    return read_document(BRIEF.read_bytes(), "brief.pdf")


def test_the_brief_reads_as_paragraphs_without_running_heads_or_page_numbers(brief):
    assert brief.kind == "pdf" and brief.problems == ()
    lines = brief.text.split("\n")
    assert lines[0] == "Resistance Activity in the North-East, Spring 2023"
    assert "Key findings" in lines and "Outlook" in lines  # headings stay lines of their own
    assert "Northern Monitor | Brief No. 7" not in brief.text
    assert not any(line.strip() in {"1", "2"} for line in lines)


def test_hyphenated_line_ends_are_mended_and_compounds_keep_their_hyphen(brief):
    assert "its spring resistance campaign" in brief.text
    assert "resis-" not in brief.text
    assert "several Taliban-controlled villages" in brief.text


def test_a_sentence_over_the_page_break_stays_one_line(brief):
    sentence = ("The NRF reported clashes with Taliban units in the Warsaj district of Takhar "
                "province, and local sources said the Taliban sent reinforcements from Kunduz "
                "to hold the valley roads.")  # fmt: skip
    assert any(sentence in line for line in brief.text.split("\n"))


def test_the_document_information_is_the_metadata(brief):
    meta = brief.metadata
    assert (meta.title, meta.author, meta.published, meta.source) == (
        "Resistance Activity in the North-East, Spring 2023",
        "Northern Monitor Research Desk",
        "2023-06-15",
        "",
    )


def test_rows_from_the_brief_point_into_its_text(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    shutil.copyfile(BRIEF, reports / "brief.PDF")
    catalog = tmp_path / "sources.csv"
    catalog.write_text("file,source,title,author,published,url\nbrief.PDF,Monitor,,,2023-06,\n")
    result = build(reports, catalog)
    rows = result.as_dicts()
    assert {"Baghlan", "Takhar"} <= {row["province"] for row in rows}
    for row in rows:
        assert row["source_id"] == "brief"
        assert brief_text(reports)[row["char_start"] : row["char_end"]] == row["matched_text"]
    assert {row["title"] for row in rows} == {"Resistance Activity in the North-East, Spring 2023"}
    [problem] = result.problems
    assert "title" in problem.message and "PDF's document information" in problem.message


def brief_text(reports):
    return read_document((reports / "brief.PDF").read_bytes(), "brief.pdf").text


@pytest.mark.parametrize(
    ("pages", "expected"),
    [
        (["spring resis-\ntance campaign"], "spring resistance campaign\n"),
        (["the Taliban-\ncontrolled area"], "the Taliban-controlled area\n"),
        (["an anti-\nTaliban front"], "an anti-Taliban front\n"),
        (["from 2021-\n2023 the front"], "from 2021-2023 the front\n"),
        (["a soft\u00ad\nhyphen"], "a softhyphen\n"),
        (["a word at the end -\nthen more"], "a word at the end - then more\n"),
    ],
)
def test_line_ends_are_joined_as_a_reader_reads_them(pages, expected):
    assert pdf_text(pages) == expected


def test_a_line_is_a_running_head_only_when_every_page_has_it():
    text = pdf_text(["Head\nThe first page says this.", "Head\nThe second page says that."])
    assert "Head" not in text
    text = pdf_text(["Head\nThe first page says this.", "Other\nThe second page says that."])
    assert text.startswith("Head")


def test_a_damaged_pdf_is_skipped_naming_it():
    document = read_document(b"%PDF-1.7\n1 0 obj << /Type /Catalog", "r/broken.pdf")
    assert document.text is None and document.kind == "pdf"
    [problem] = document.problems
    assert problem.file == "r/broken.pdf" and "PDF" in problem.message


def test_an_encrypted_pdf_is_skipped_saying_so():
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(BRIEF))
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    document = read_document(buffer.getvalue(), "locked.pdf")
    assert document.text is None
    assert "encrypted" in document.problems[-1].message
