"""The reports folder: only regular files are read, links never lead outside, and every
refused entry is named in a warning."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest
from badinput import SEEDS

from etl.pipeline import build
from etl.reportfiles import list_reports

REPORT = "The National Resistance Front said its fighters attacked the Taliban in Panjshir.\n"
HEADER = "file,source,title,author,published,url\n"


def folder(tmp_path: Path, catalog_rows: str = "") -> tuple[Path, Path]:
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "a.txt").write_text(REPORT, encoding="utf-8")
    catalog = tmp_path / "sources.csv"
    catalog.write_text(HEADER + "a.txt,A Press,A,,2022-01,\n" + catalog_rows, encoding="utf-8")
    return reports, catalog


def test_a_link_out_of_the_folder_is_not_followed_and_is_named(tmp_path):
    reports, catalog = folder(tmp_path, "leak.txt,Leak,Leak,,2022-01,\n")
    secret = tmp_path / "private.txt"
    secret.write_text("SECRET: the NRF attacked in Baghlan.\n", encoding="utf-8")
    (reports / "leak.txt").symlink_to(secret)
    result = build(reports, catalog)
    [problem] = [p for p in result.problems if p.file == f"{reports}/leak.txt"]
    assert "symbolic link" in problem.message and str(secret) in problem.message
    assert not any("SECRET" in str(cell) for row in result.rows for cell in row)
    assert {row[0] for row in result.rows} == {"a"}
    assert len(result.problems) == 1  # the catalog row for leak.txt is not called missing


def test_a_link_to_a_report_inside_the_folder_is_read(tmp_path):
    reports, catalog = folder(tmp_path, "b.txt,B Press,B,,2022-01,\n")
    (reports / "b.txt").symlink_to("a.txt")
    result = build(reports, catalog)
    assert result.problems == ()
    rows = result.as_dicts()
    assert [r["char_start"] for r in rows if r["source_id"] == "b"] == [
        r["char_start"] for r in rows if r["source_id"] == "a"
    ]
    assert result.reports_read == 2


def _make_fifo(path: Path) -> None:
    os.mkfifo(path)


def _make_device(path: Path) -> None:
    try:
        os.mknod(path, 0o600 | stat.S_IFCHR, os.makedev(1, 5))  # like /dev/zero: endless
    except PermissionError:
        pytest.skip("creating a device node needs CAP_MKNOD")


@pytest.mark.parametrize(
    ("make", "kind"),
    [
        (Path.mkdir, "a directory"),
        (_make_fifo, "a named pipe"),
        (_make_device, "a character device"),
    ],
)
def test_non_regular_entries_named_txt_warn_and_never_block(tmp_path, make, kind):
    reports, catalog = folder(tmp_path)
    make(reports / "odd.txt")
    (reports / "via_link.txt").symlink_to("odd.txt")
    result = build(reports, catalog)
    messages = {p.file: p.message for p in result.problems}
    assert messages[f"{reports}/odd.txt"].startswith(f"is {kind}")
    assert messages[f"{reports}/via_link.txt"].startswith(f"is a symbolic link to {kind}")
    assert result.reports_read == 1


def test_suffix_in_any_case_names_the_report_the_catalog_names(tmp_path):
    reports, catalog = folder(tmp_path, "B.TXT,Upper Press,Upper,,2022-03,\n")
    (reports / "B.TXT").write_text(REPORT, encoding="utf-8")
    result = build(reports, catalog)
    assert result.problems == ()
    sources = {(r["source_id"], r["source"]) for r in result.as_dicts()}
    assert sources == {("a", "A Press"), ("B", "Upper Press")}


def test_two_files_with_one_report_id_keep_the_first_and_warn(tmp_path):
    reports, _ = folder(tmp_path)
    (reports / "A.txt").write_text(REPORT, encoding="utf-8")
    (reports / "a.TXT").write_text(REPORT, encoding="utf-8")
    listing = list_reports(reports)
    kept = [(r.source_id, Path(r.name).name) for r in listing.reports]
    assert kept == [("A", "A.txt"), ("a", "a.TXT")]
    [problem] = listing.problems
    assert problem.file == f"{reports}/a.txt" and "same report id 'a'" in problem.message


def test_reports_are_listed_in_id_order_the_order_of_the_table(tmp_path):
    reports = tmp_path / "r"
    reports.mkdir()
    for name in ("a-b.txt", "a.txt", "a_b.txt"):
        (reports / name).write_text(REPORT, encoding="utf-8")
    assert [r.source_id for r in list_reports(reports).reports] == ["a", "a-b", "a_b"]


def test_seed_folder_lists_every_seed():
    listing = list_reports(SEEDS)
    assert listing.problems == []
    assert [r.source_id for r in listing.reports] == sorted(p.stem for p in SEEDS.glob("*.txt"))


def test_control_characters_in_a_file_name_stay_out_of_the_report_id(tmp_path):
    reports, catalog = folder(tmp_path, "b.txt,B Press,B,,2022-01,\n")
    (reports / "b\x1b\x07\n.txt").write_text(REPORT, encoding="utf-8")
    result = build(reports, catalog)
    assert {(r["source_id"], r["source"]) for r in result.as_dicts()} == {
        ("a", "A Press"), ("b", "B Press")
    }
    assert result.problems == ()


def test_pages_and_pdfs_are_reports_in_any_case_and_other_files_are_not(tmp_path):
    reports = tmp_path / "r"
    reports.mkdir()
    names = ("a.txt", "b.html", "c.HTM", "d.pdf", "e.PDF", "f.md", "g.html.bak", ".html")
    for name in names:
        (reports / name).write_text(REPORT, encoding="utf-8")
    listing = list_reports(reports)
    assert [(r.source_id, Path(r.name).name) for r in listing.reports] == [
        ("a", "a.txt"), ("b", "b.html"), ("c", "c.HTM"), ("d", "d.pdf"), ("e", "e.PDF")
    ]


def test_a_page_and_a_text_of_the_same_name_are_one_report_id_and_the_second_is_named(tmp_path):
    reports = tmp_path / "r"
    reports.mkdir()
    for name in ("a.txt", "a.html"):
        (reports / name).write_text(REPORT, encoding="utf-8")
    listing = list_reports(reports)
    assert [Path(r.name).name for r in listing.reports] == ["a.html"]
    [problem] = listing.problems
    assert problem.file == f"{reports}/a.txt" and "same report id 'a'" in problem.message


def test_a_catalog_row_for_a_page_or_pdf_joins_its_file(tmp_path):
    rows = "b.HTM,B Press,B,,2022-02,\nc.pdf,C Press,C,Desk,2022-03,\n"
    reports, catalog = folder(tmp_path, rows)
    (reports / "b.HTM").write_text(f"<html><body><p>{REPORT}</p></body></html>")
    shutil.copyfile(SEEDS.parent / "tests/fixtures/reports/brief.pdf", reports / "c.pdf")
    result = build(reports, catalog)
    assert {(r["source_id"], r["source"]) for r in result.as_dicts()} == {
        ("a", "A Press"), ("b", "B Press"), ("c", "C Press")
    }
    assert result.problems == ()
