"""Adding a report: content-checked uploads, the real pipeline's preview, save and rebuild."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from app import addreport, data
from app.addreport import Refused, Upload
from etl.catalog import load_catalog
from etl.limits import MAX_REPORT_BYTES
from etl.model import ReportMeta
from etl.pipeline import write_build

ROOT = Path(__file__).resolve().parents[2]
RAID = ROOT / "tests" / "fixtures" / "reports" / "bamyan_raid.txt"
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


def test_the_kind_is_read_from_the_bytes_not_the_name(corpus):
    page = b"<!DOCTYPE html><html><body><p>Bamyan</p></body></html>"
    assert addreport.sniff(b"  \n<!-- saved --><HTML lang=en>") == "html"
    assert addreport.sniff(b"%PDF-1.7\n...") == "pdf"
    assert addreport.sniff(b"The NRF said <b> is not html") == "txt"
    with pytest.raises(Refused, match=r"report\.txt: a HTML file"):
        addreport.examine(Upload("report.txt", page), corpus["folder"])
    with pytest.raises(Refused, match=r"brief\.txt: a PDF file"):
        addreport.examine(Upload("brief.txt", b"%PDF-1.4\n%binary"), corpus["folder"])
    candidate = addreport.examine(Upload("report.pdf", RAID.read_bytes()), corpus["folder"])
    assert candidate.kind == "txt"


def test_too_large_empty_and_binary_uploads_are_refused(corpus):
    with pytest.raises(Refused, match=f"over the limit of {MAX_REPORT_BYTES:,} bytes"):
        big = b"Panjshir " * (MAX_REPORT_BYTES // 9 + 1)
        addreport.examine(Upload("big.txt", big), corpus["folder"])
    with pytest.raises(Refused, match="empty"):
        addreport.examine(Upload("blank.txt", b" \n\n"), corpus["folder"])
    with pytest.raises(Refused, match="binary file"):
        addreport.examine(Upload("x.txt", b"NRF\x00\x01\x02 in Panjshir"), corpus["folder"])


def test_a_report_already_present_is_refused_naming_it(corpus):
    seed = sorted(corpus["folder"].glob("*.txt"))[2]
    with pytest.raises(Refused, match=f"already present, as {seed.name}"):
        addreport.examine(Upload("copy.txt", seed.read_bytes()), corpus["folder"])


def test_metadata_is_suggested_from_the_text(corpus):
    candidate = addreport.examine(raid(), corpus["folder"])
    assert candidate.suggested.title == "Resistance fighters strike Taliban posts in Bamyan"
    assert candidate.suggested.published == "2024-03-14"


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
