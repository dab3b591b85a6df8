"""Adding a report: content-checked uploads (text, saved page, PDF), the real pipeline's
preview, save and rebuild."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from app import addreport, data
from app.addreport import Refused, Upload
from etl.catalog import load_catalog
from etl.limits import MAX_PAGE_FILE_BYTES, MAX_REPORT_BYTES
from etl.model import ReportMeta
from etl.pipeline import write_build
from etl.reading import read_document

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "reports"
RAID = FIXTURES / "bamyan_raid.txt"
# The same raid as a saved page: its menu, related stories and footer name other provinces.
PAGE = FIXTURES / "bamyan_raid.html"
FURNITURE_PROVINCES = {"AF-KDZ", "AF-TAK", "AF-HER", "AF-KAN"}
FURNITURE_WORDS = ("Home", "World", "Related stories", "Kunduz", "Takhar", "Herat", "Privacy")
BRIEF = FIXTURES / "brief.pdf"
TODAY = date(2025, 1, 1)
META = ReportMeta("", "Kabul Monitor", "Resistance strikes in Bamyan", "A. Reporter", "2024-03-14",
                  "https://monitor.example/bamyan")  # fmt: skip


@pytest.fixture()
def corpus(tmp_path: Path) -> dict[str, Path]:
    """A copy of the seeds, their catalog and a table built from them."""
    folder = tmp_path / "reports"
    shutil.copytree(ROOT / "seeds", folder)
    catalog, table = folder / "sources.csv", tmp_path / "activity.csv"
    write_build(folder, catalog, table, today=TODAY)
    return {"folder": folder, "catalog": catalog, "table": table}


def raid() -> Upload:
    return Upload("raid.txt", RAID.read_bytes())


def page() -> Upload:
    return Upload("bamyan raid.html", PAGE.read_bytes())


def test_the_kind_is_read_from_the_bytes_and_a_wrong_name_is_warned_naming_the_file(corpus):
    candidate = addreport.examine(Upload("report.txt", PAGE.read_bytes()), corpus["folder"])
    assert candidate.kind == "html"
    assert candidate.warnings == ("report.txt: named as plain text but holds HTML; read as HTML",)
    candidate = addreport.examine(Upload("brief.htm", BRIEF.read_bytes()), corpus["folder"])
    assert candidate.kind == "pdf"
    assert candidate.warnings == ("brief.htm: named as HTML but holds PDF; read as PDF",)
    candidate = addreport.examine(Upload("report.pdf", RAID.read_bytes()), corpus["folder"])
    assert candidate.kind == "txt"
    assert candidate.warnings[0].startswith("report.pdf: named as PDF but holds plain text")
    assert addreport.examine(page(), corpus["folder"]).warnings == ()


def test_a_file_that_gives_no_text_is_refused_naming_it(corpus):
    with pytest.raises(Refused, match=r"\Abrief\.txt: .*PDF.*\(not added\)\Z"):
        addreport.examine(Upload("brief.txt", b"%PDF-1.4\n%binary"), corpus["folder"])
    with pytest.raises(Refused, match=r"\Ax\.txt: binary file"):
        addreport.examine(Upload("x.txt", b"NRF\x00\x01\x02 in Panjshir"), corpus["folder"])


def test_too_large_and_empty_uploads_are_refused(corpus):
    with pytest.raises(Refused, match=f"big.txt: .*over the limit of {MAX_REPORT_BYTES:,} bytes"):
        big = b"Panjshir " * (MAX_REPORT_BYTES // 9 + 1)
        addreport.examine(Upload("big.txt", big), corpus["folder"])
    with pytest.raises(Refused, match=f"huge.html: .*over the limit of {MAX_PAGE_FILE_BYTES:,}"):
        addreport.examine(Upload("huge.html", b"<p>" * MAX_PAGE_FILE_BYTES), corpus["folder"])
    with pytest.raises(Refused, match="empty"):
        addreport.examine(Upload("blank.txt", b" \n\n"), corpus["folder"])


def test_a_saved_page_may_be_larger_than_a_text_report(corpus):
    script = b"<script>var x = 1;</script>\n" * (MAX_REPORT_BYTES // 28 + 1)
    heavy = PAGE.read_bytes().replace(b"</head>", script + b"</head>")
    assert MAX_REPORT_BYTES < len(heavy) < MAX_PAGE_FILE_BYTES
    candidate = addreport.examine(Upload("heavy.html", heavy), corpus["folder"])
    assert candidate.text == read_document(PAGE.read_bytes(), "page.html").text


def test_a_report_already_present_is_refused_naming_it(corpus):
    seed = sorted(corpus["folder"].glob("*.txt"))[2]
    with pytest.raises(Refused, match=f"already present, as {seed.name}"):
        addreport.examine(Upload("copy.txt", seed.read_bytes()), corpus["folder"])


def test_metadata_is_suggested_from_the_text(corpus):
    candidate = addreport.examine(raid(), corpus["folder"])
    assert candidate.suggested.title == "Resistance fighters strike Taliban posts in Bamyan"
    assert candidate.suggested.published == "2024-03-14"


def test_metadata_is_suggested_from_what_a_page_and_a_pdf_declare(corpus):
    suggested = addreport.examine(page(), corpus["folder"]).suggested
    assert suggested == ReportMeta(
        "", "Kabul Monitor", "Resistance fighters strike Taliban posts in Bamyan",
        "Shabnam Rahimi", "2024-03-14", "https://kabul-monitor.example/2024/03/bamyan-raid",
    )  # fmt: skip
    brief = Upload("brief.pdf", BRIEF.read_bytes())
    suggested = addreport.examine(brief, corpus["folder"]).suggested
    assert suggested == ReportMeta(
        "", "", "Resistance Activity in the North-East, Spring 2023",
        "Northern Monitor Research Desk", "2023-06-15", "",
    )  # fmt: skip


def test_the_preview_is_what_the_pipeline_finds(corpus):
    candidate = addreport.examine(raid(), corpus["folder"])
    result = addreport.preview(candidate, META, today=TODAY)
    rows = pd.DataFrame(result.as_dicts())
    activity = rows[rows["category"] != "other"]
    assert sorted(set(activity["iso_3166_2"])) == ["AF-BAM", "AF-WAR"]
    assert set(rows["source"]) == {"Kabul Monitor"}
    text = RAID.read_text(encoding="utf-8")
    for _, row in rows.iterrows():
        assert text[row["char_start"] : row["char_end"]] == row["matched_text"]


def test_a_page_already_present_is_refused_naming_it_whatever_its_suffix(corpus):
    (corpus["folder"] / "old raid.HTM").write_bytes(PAGE.read_bytes())
    with pytest.raises(Refused, match=r"\Araid\.txt: .*already present, as old raid\.HTM"):
        addreport.examine(Upload("raid.txt", PAGE.read_bytes()), corpus["folder"])


def test_a_page_is_previewed_and_saved_as_the_etl_reads_it_without_its_furniture(corpus):
    candidate = addreport.examine(page(), corpus["folder"])
    meta = addreport.clean_meta(candidate.suggested)
    preview = pd.DataFrame(addreport.preview(candidate, meta, today=TODAY).as_dicts())
    assert "AF-BAM" in set(preview.loc[preview["category"] == "attack", "iso_3166_2"])
    assert not FURNITURE_PROVINCES & set(preview["iso_3166_2"])
    shown = candidate.text + "".join(preview["evidence"])
    assert [word for word in FURNITURE_WORDS if word in shown] == []

    added = addreport.add(candidate, meta, corpus["folder"], corpus["catalog"], corpus["table"],
                          today=TODAY)  # fmt: skip

    saved = corpus["folder"] / added.file_name
    assert saved.suffix == ".html" and saved.read_bytes() == PAGE.read_bytes()
    assert read_document(saved.read_bytes(), saved.name).text == candidate.text
    table = data.load_activity(corpus["table"])
    new = table[table["source_id"] == saved.stem]
    spans = ["char_start", "char_end", "matched_text", "iso_3166_2", "category", "evidence"]
    assert new[spans].values.tolist() == preview[spans].values.tolist()
    for _, row in new.iterrows():
        assert candidate.text[row["char_start"] : row["char_end"]] == row["matched_text"]
    assert not any("warning" in problem for problem in added.problems), added.problems
    rebuilt = corpus["table"].parent / "rebuilt.csv"  # python -m etl, from scratch, no cache
    write_build(corpus["folder"], corpus["catalog"], rebuilt, today=TODAY)
    assert rebuilt.read_bytes() == corpus["table"].read_bytes()


def test_a_pdf_brief_is_added_and_the_next_add_extracts_only_the_new_report(corpus):
    brief = addreport.examine(Upload("brief", BRIEF.read_bytes()), corpus["folder"])
    meta = ReportMeta(**{**vars(brief.suggested), "source": "Northern Monitor"})
    first = addreport.add(brief, meta, corpus["folder"], corpus["catalog"], corpus["table"],
                          today=TODAY)  # fmt: skip
    assert first.file_name.endswith(".pdf") and first.cached == 0
    candidate = addreport.examine(raid(), corpus["folder"])
    second = addreport.add(candidate, META, corpus["folder"], corpus["catalog"], corpus["table"],
                           today=TODAY)  # fmt: skip
    assert second.cached == 6  # the five seeds and the brief, all but the new report
    table = data.load_activity(corpus["table"])
    assert {"AF-BGL", "AF-TAK"} <= set(table.loc[table["source_id"] == first.file_name[:-4],
                                                 "iso_3166_2"])  # fmt: skip


def test_adding_saves_the_report_and_its_row_and_rebuilds_the_table(corpus):
    before = data.load_activity(corpus["table"])
    catalog_before = corpus["catalog"].read_bytes()
    upload = Upload("../../etc/evil name.txt", RAID.read_bytes())
    candidate = addreport.examine(upload, corpus["folder"])

    added = addreport.add(candidate, META, corpus["folder"], corpus["catalog"], corpus["table"],
                          today=TODAY)  # fmt: skip

    assert added.file_name == f"005_{candidate.sha256[:16]}.txt"
    assert (corpus["folder"] / added.file_name).read_bytes() == RAID.read_bytes()
    assert corpus["catalog"].read_bytes().startswith(catalog_before)
    entry = load_catalog(corpus["catalog"]).entries[added.file_name.removesuffix(".txt")]
    assert (entry.meta.source, entry.meta.published) == ("Kabul Monitor", "2024-03-14")
    after = data.load_activity(corpus["table"])
    new = after[after["source_id"] == added.file_name.removesuffix(".txt")]
    assert len(after) == len(before) + len(new) == added.rows
    assert "AF-BAM" in set(new.loc[new["category"] == "attack", "iso_3166_2"])
    assert "AF-BAM" not in set(before.loc[before["category"] == "attack", "iso_3166_2"])
    with pytest.raises(Refused, match=f"already present, as {added.file_name}"):
        addreport.examine(raid(), corpus["folder"])


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"source": " "}, "publisher"),
        ({"title": ""}, "title"),
        ({"published": "14 March 2024"}, "YYYY-MM"),
        ({"title": "=HYPERLINK(\"http://x\")"}, "formula"),
        ({"author": "@admin"}, "formula"),
        ({"url": "javascript:alert(1)"}, "http"),
    ],
)
def test_unusable_metadata_is_refused_and_nothing_is_written(corpus, change, message):
    candidate = addreport.examine(raid(), corpus["folder"])
    files = sorted(p.name for p in corpus["folder"].iterdir())
    catalog = corpus["catalog"].read_bytes()
    meta = ReportMeta(**{**vars(META), **change})
    with pytest.raises(Refused, match=message):
        addreport.add(candidate, meta, corpus["folder"], corpus["catalog"], corpus["table"])
    assert sorted(p.name for p in corpus["folder"].iterdir() if p.suffix != ".lock") == files
    assert corpus["catalog"].read_bytes() == catalog


def test_line_breaks_in_a_field_stay_on_one_catalog_line(corpus):
    candidate = addreport.examine(raid(), corpus["folder"])
    meta = ReportMeta(**{**vars(META), "title": "Strikes\nin\r\nBamyan\x1b[31m"})
    added = addreport.add(candidate, meta, corpus["folder"], corpus["catalog"], corpus["table"],
                          today=TODAY)  # fmt: skip
    last = corpus["catalog"].read_text(encoding="utf-8").splitlines()[-1]
    assert last.startswith(added.file_name) and "Strikes in Bamyan[31m" in last


def test_a_failed_rebuild_takes_the_report_and_its_row_back(corpus):
    candidate = addreport.examine(raid(), corpus["folder"])
    files = sorted(corpus["folder"].glob("*.txt"))
    catalog = corpus["catalog"].read_bytes()
    table = corpus["table"].read_bytes()
    blocked = corpus["table"].parent / "blocked"
    blocked.mkdir()  # a directory where the table should go: the rebuild must fail
    with pytest.raises(OSError, match="not a regular file"):
        addreport.add(candidate, META, corpus["folder"], corpus["catalog"], blocked)
    assert sorted(corpus["folder"].glob("*.txt")) == files
    assert corpus["catalog"].read_bytes() == catalog
    assert corpus["table"].read_bytes() == table
