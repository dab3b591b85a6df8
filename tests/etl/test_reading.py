"""Reading report files: what the extractor sees, and which files are skipped with a warning."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from etl.limits import MAX_PAGE_FILE_BYTES, MAX_REPORT_BYTES
from etl.reading import _read_up_to, read_document, read_report
from etl.sniffing import sniff_kind


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_utf8_text_is_returned_exactly_as_decoded(tmp_path):
    raw = "NRF fighters in Panjshir \u2014 \u201cAndarab\u201d.\r\nSecond line\n\n  indented\n"
    path = write(tmp_path, "r.txt", raw.encode("utf-8"))
    result = read_report(path)
    assert result.text == raw  # no newline translation, no stripping
    assert result.encoding == "utf-8"
    assert result.problems == ()


def test_utf8_bom_is_dropped_so_offsets_start_at_the_first_character(tmp_path):
    path = write(tmp_path, "r.txt", b"\xef\xbb\xbfPanjshir valley")
    result = read_report(path)
    assert result.text == "Panjshir valley"
    assert result.text.index("Panjshir") == 0
    assert result.problems == ()


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  \n"])
def test_empty_or_blank_report_is_skipped_with_a_warning_naming_the_file(tmp_path, data):
    path = write(tmp_path, "empty.txt", data)
    result = read_report(path, "seeds/empty.txt")
    assert result.text is None
    [problem] = result.problems
    assert problem.file == "seeds/empty.txt"
    assert "empty" in problem.message
    assert problem.format() == f"warning: seeds/empty.txt: {problem.message}"


def test_binary_file_with_nul_bytes_is_skipped(tmp_path):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    result = read_report(write(tmp_path, "image.txt", png), "r/image.txt")
    assert result.text is None
    [problem] = result.problems
    assert problem.file == "r/image.txt"
    assert "binary" in problem.message


def test_control_byte_soup_without_nul_is_binary(tmp_path):
    data = bytes([0x01, 0x02, 0x41, 0x1B, 0x7F, 0x05] * 200)
    result = read_report(write(tmp_path, "blob.txt", data))
    assert result.text is None
    assert "binary" in result.problems[0].message


def test_a_stray_control_character_in_prose_is_still_text(tmp_path):
    data = ("The NRF attacked in Baghlan. " * 40).encode() + b"\x0c" + b"Page 2."
    result = read_report(write(tmp_path, "r.txt", data))
    assert result.text is not None
    assert result.problems == ()


def test_cp1252_quotes_decode_with_a_warning_naming_file_and_line(tmp_path):
    data = b"Title line\nSecond line\nThe NRF said \x93we hold Panjshir\x94 \x96 again.\n"
    result = read_report(write(tmp_path, "word.txt", data), "seeds/word.txt")
    assert result.text == (
        "Title line\nSecond line\nThe NRF said \u201cwe hold Panjshir\u201d \u2013 again.\n"
    )
    assert result.encoding == "cp1252"
    [problem] = result.problems
    assert (problem.file, problem.line) == ("seeds/word.txt", 3)
    assert "0x93" in problem.message
    assert "cp1252" in problem.message
    assert problem.format().startswith("warning: seeds/word.txt:3: not valid UTF-8")


def test_bytes_undefined_in_cp1252_fall_back_to_latin1(tmp_path):
    # 0x81 and 0x9D have no character in Windows-1252; Latin-1 maps every byte, to the C1
    # controls U+0081 and U+009D, which are removed like any control character.
    data = b"Caf\xe9 in Kabul \x81 and Herat \x9d.\n"
    result = read_report(write(tmp_path, "odd.txt", data))
    assert result.text == "Caf\u00e9 in Kabul  and Herat .\n"
    assert result.encoding == "latin-1"
    assert [p.line for p in result.problems] == [1, 1]
    assert "latin-1" in result.problems[0].message
    assert "2 control character(s) removed" in result.problems[1].message


def test_decoded_length_matches_offsets_into_the_text(tmp_path):
    data = "\u201cKhawak\u201d \u2014 Andarab".encode("cp1252")
    text = read_report(write(tmp_path, "r.txt", data)).text
    assert text[text.index("Andarab") :] == "Andarab"
    assert len(text) == len(data)  # one character per cp1252 byte


def test_utf16_with_bom_is_decoded_with_a_warning(tmp_path):
    data = "Taloqan and Fayzabad\n".encode("utf-16")
    result = read_report(write(tmp_path, "u16.txt", data), "u16.txt")
    assert result.text == "Taloqan and Fayzabad\n"
    assert "UTF-16" in result.problems[0].message


def test_a_link_is_not_followed_and_a_pipe_does_not_block(tmp_path):
    target = write(tmp_path, "target.txt", b"The NRF attacked in Panjshir.\n")
    (tmp_path / "link.txt").symlink_to(target)
    os.mkfifo(tmp_path / "pipe.txt")  # nothing ever writes to it: reading it would block
    linked = read_report(tmp_path / "link.txt", "r/link.txt")
    assert linked.text is None and "symbolic link" in linked.problems[0].message
    piped = read_report(tmp_path / "pipe.txt", "r/pipe.txt")
    assert piped.text is None and "not a regular file" in piped.problems[0].message


@pytest.mark.parametrize("encoding", ["utf-32", "utf-32-le", "utf-32-be"])
def test_utf32_with_bom_is_decoded_as_utf32_not_utf16(tmp_path, encoding):
    raw = "Taloqan and Fayzabad\n"
    data = raw.encode(encoding)
    if encoding != "utf-32":  # the explicit-endian codecs write no mark: add the right one
        data = ("\ufeff" + raw).encode(encoding)
    result = read_report(write(tmp_path, "u32.txt", data), "u32.txt")
    assert result.text == raw
    assert result.encoding == "utf-32"
    assert [p.message for p in result.problems] == [
        "encoded as UTF-32, not UTF-8; decoded as utf-32"
    ]


def test_nul_and_esc_in_a_utf16_report_are_removed_with_a_warning_naming_the_line(tmp_path):
    raw = "First line\nThe NRF\x00 held \x1b[2JPanjshir.\x0cPage two.\n"
    result = read_report(write(tmp_path, "r.txt", raw.encode("utf-16")), "r.txt")
    assert result.text == "First line\nThe NRF held [2JPanjshir.\nPage two.\n"
    assert [(p.line, p.message) for p in result.problems][1:] == [
        (2, "2 control character(s) removed (the first on this line)")
    ]


# Kinds: decided by the bytes, with a warning when the name says otherwise.

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "reports"
PAGE = (FIXTURES / "article.html").read_bytes()
BRIEF = (FIXTURES / "brief.pdf").read_bytes()
TEXT = b"The National Resistance Front said it attacked the Taliban in Panjshir.\n"


@pytest.mark.parametrize(
    ("data", "name", "kind", "warning"),
    [
        (PAGE, "r/page.html", "html", None),
        (PAGE, "r/page.HTM", "html", None),
        (BRIEF, "r/brief.pdf", "pdf", None),
        (TEXT, "r/plain.txt", "txt", None),
        (PAGE, "r/page.txt", "html", "named as plain text but holds HTML; read as HTML"),
        (BRIEF, "r/brief.txt", "pdf", "named as plain text but holds PDF; read as PDF"),
        (TEXT, "r/plain.pdf", "txt", "named as PDF but holds plain text; read as plain text"),
        (BRIEF, "r/brief.html", "pdf", "named as HTML but holds PDF; read as PDF"),
        (TEXT, "r/plain.html", "txt", "named as HTML but holds plain text; read as plain text"),
    ],
)
def test_the_content_decides_the_kind_and_a_wrong_name_is_named(data, name, kind, warning):
    document = read_document(data, name)
    assert document.kind == kind and document.text
    messages = [(p.file, p.message) for p in document.problems]
    assert messages == ([] if warning is None else [(name, warning)])


def test_a_utf16_page_and_a_fragment_named_html_are_pages():
    utf16 = read_document(PAGE.decode().encode("utf-16"), "wide.html")
    assert utf16.kind == "html" and utf16.text == read_document(PAGE, "p.html").text
    fragment = b"Saved from the web\n<p>The NRF said it attacked the Taliban in Panjshir.</p>"
    assert read_document(fragment, "fragment.html").kind == "html"


def test_every_committed_text_report_is_read_as_plain_text():
    root = Path(__file__).resolve().parents[2]
    paths = [*sorted((root / "seeds").glob("*.txt")), *sorted((root / "eval/reports").glob("*"))]
    assert len(paths) > 100
    assert {sniff_kind(path.read_bytes()) for path in paths} == {"txt"}


def test_a_page_may_be_larger_than_a_text_report_but_its_text_may_not():
    script = b"<script>var x = '" + b"x" * MAX_REPORT_BYTES + b"';</script>"
    big_page = PAGE.replace(b"</head>", script + b"</head>")
    assert MAX_REPORT_BYTES < len(big_page) <= MAX_PAGE_FILE_BYTES
    assert read_document(big_page, "big.html").text == read_document(PAGE, "p.html").text
    sentence = b"The NRF said it attacked the Taliban in Panjshir. "
    body = sentence * (MAX_REPORT_BYTES // len(sentence) + 100)
    wordy = b"<html><body><article><p>" + body + b"</p></article>"
    document = read_document(wordy, "r/wordy.html")
    assert document.text is None
    assert document.problems[-1].message == (
        "its text is over the limit of 1,048,576 bytes for one report; skipped"
    )


def test_bytes_over_the_file_limit_are_skipped_before_any_parsing():
    document = read_document(b"%PDF-1.4\n" + b" " * MAX_PAGE_FILE_BYTES, "big.pdf")
    assert document.text is None and document.kind == "pdf"
    assert document.problems[0].message == (
        "is over the limit of 8,388,608 bytes for a web page or PDF file; skipped"
    )


def test_a_directory_in_place_of_a_report_is_refused_not_a_crash(tmp_path):
    """The listing refuses folders, but one may be swapped in before the file is opened."""
    (tmp_path / "swapped.txt").mkdir()
    document = read_report(tmp_path / "swapped.txt", "r/swapped.txt")
    assert document.text is None
    assert [(p.file, p.message) for p in document.problems] == [
        ("r/swapped.txt", "is not a regular file; skipped")
    ]


@pytest.mark.parametrize("stale_size", [0, 5, 11])
def test_a_file_that_grew_after_its_size_was_taken_is_read_whole(tmp_path, stale_size):
    """The read asks for the size the file had; what was added since is read too."""
    path = tmp_path / "growing.txt"
    path.write_bytes(b"hello world, and more")
    with path.open("rb") as handle:
        assert _read_up_to(handle, stale_size, limit=1000) == b"hello world, and more"
    with path.open("rb") as handle:  # over the limit: one byte more than it, as before
        assert _read_up_to(handle, stale_size, limit=8) == b"hello wor"
