"""build_rows and write_table: the table's shape, provenance, determinism and atomic writes."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from datetime import date

import pytest
from badinput import (
    CP1252_ORIGINAL,
    ROOT,
    SEED_CATALOG,
    SEEDS,
    make_bad_corpus,
)

from etl.catalog import load_catalog
from etl.model import CATEGORIES, COLUMNS
from etl.pipeline import build, build_rows, parse_rows, render_rows, render_table, write_table
from etl.problems import EtlError
from etl.spreadsheet import FORMULA_PREFIXES


@pytest.fixture(scope="module")
def seed_rows():
    return build_rows(SEEDS, SEED_CATALOG)


def test_rows_have_exactly_the_contract_columns_and_valid_values(seed_rows):
    assert seed_rows, "the seeds mention provinces"
    for row in seed_rows:
        assert tuple(row) == COLUMNS
        assert row["category"] in CATEGORIES
        assert row["year_from"] <= row["year_to"]


def test_every_row_points_at_its_words_in_the_report(seed_rows):
    texts = {p.stem: p.read_bytes().decode("utf-8") for p in SEEDS.glob("*.txt")}
    for row in seed_rows:
        text = texts[row["source_id"]]
        assert text[row["char_start"] : row["char_end"]] == row["matched_text"]


def test_rows_carry_the_catalog_metadata(seed_rows):
    catalog = load_catalog(SEED_CATALOG).entries
    assert {row["source_id"] for row in seed_rows} <= set(catalog)
    for row in seed_rows:
        meta = catalog[row["source_id"]].meta
        assert (row["source"], row["title"], row["published"], row["author"], row["url"]) == (
            meta.source,
            meta.title,
            meta.published,
            meta.author,
            meta.url,
        )


def test_rows_are_sorted_by_report_then_offset(seed_rows):
    keys = [(r["source_id"], r["char_start"], r["char_end"], r["province"]) for r in seed_rows]
    assert keys == sorted(keys)


def test_two_jobs_give_the_same_rows_as_one(tmp_path, seed_rows):
    corpus = make_bad_corpus(tmp_path)
    one = build(corpus.reports, corpus.catalog, jobs=1)
    two = build(corpus.reports, corpus.catalog, jobs=2)
    assert two.rows == one.rows
    assert two.problems == one.problems
    assert build_rows(SEEDS, SEED_CATALOG, jobs=2) == seed_rows


def test_each_bad_input_gives_one_clear_problem_and_the_run_continues(tmp_path, seed_rows):
    corpus = make_bad_corpus(tmp_path)
    result = build(corpus.reports, corpus.catalog)
    where = {(p.file, p.line): p.message for p in result.problems}
    reports, catalog = str(corpus.reports), str(corpus.catalog)

    assert "empty" in where[(f"{reports}/empty.txt", None)]
    assert "binary" in where[(f"{reports}/binary.txt", None)]
    legacy = [p for p in result.problems if p.file == f"{reports}/legacy.txt"]
    assert len(legacy) == 1 and "cp1252" in legacy[0].message and legacy[0].line is not None
    assert "not in the catalog" in where[(f"{reports}/uncatalogued.txt", None)]
    assert "gone.txt" in where[(catalog, corpus.missing_file_line)]
    assert "duplicate" in where[(catalog, corpus.duplicate_line)]
    assert "2022-13" in where[(catalog, corpus.bad_date_line)]
    assert "inferred" in where[(f"{reports}/baddate.txt", None)]
    assert len(result.problems) == 8

    # Nothing else is lost: every seed report's rows are still there.
    seed_ids = {row["source_id"] for row in seed_rows}
    kept = [row for row in result.as_dicts() if row["source_id"] in seed_ids]
    assert kept == seed_rows
    assert result.reports_found == 10 and result.reports_read == 8


def test_cp1252_report_gives_the_same_mentions_as_its_utf8_original(tmp_path):
    corpus = make_bad_corpus(tmp_path)
    rows = build(corpus.reports, corpus.catalog).as_dicts()
    fields = ("province", "category", "year_from", "year_to", "matched_text", "char_start")
    legacy = [tuple(r[f] for f in fields) for r in rows if r["source_id"] == "legacy"]
    original = [tuple(r[f] for f in fields) for r in rows if r["source_id"] == CP1252_ORIGINAL]
    assert legacy and legacy == original
    assert {r["source"] for r in rows if r["source_id"] == "legacy"} == {"Legacy Press"}


def test_uncatalogued_report_gets_metadata_from_its_text(tmp_path):
    corpus = make_bad_corpus(tmp_path)
    all_rows = build_rows(corpus.reports, corpus.catalog)
    rows = [r for r in all_rows if r["source_id"] == "uncatalogued"]
    assert rows, "the uncatalogued report mentions Panjshir"
    assert {r["source"] for r in rows} == {"unknown"}
    assert {r["published"] for r in rows} == {"2023-03-03"}
    assert {r["title"] for r in rows} == {
        "Resistance fighters ambush Taliban convoy in northern Afghanistan"
    }
    assert "Panjshir" in {r["province"] for r in rows}


def test_bad_catalog_date_is_replaced_by_the_date_in_the_text(tmp_path):
    corpus = make_bad_corpus(tmp_path)
    rows = [r for r in build_rows(corpus.reports, corpus.catalog) if r["source_id"] == "baddate"]
    assert rows
    published = {r["published"] for r in rows}
    assert len(published) == 1
    [value] = published
    assert value[:4].isdigit() and value != "2022-13"


def test_warnings_go_to_stderr_in_file_line_format(tmp_path, capsys):
    corpus = make_bad_corpus(tmp_path)
    build_rows(corpus.reports, corpus.catalog)
    err = capsys.readouterr().err.splitlines()
    assert f"warning: {corpus.catalog}:{corpus.duplicate_line}: " in "\n".join(err)
    assert all(line.startswith("warning: ") for line in err)
    assert len(err) == 8
    catalog_lines = [
        int(line.split(":")[2]) for line in err if line.startswith(f"warning: {corpus.catalog}:")
    ]
    assert catalog_lines == sorted(catalog_lines) and len(catalog_lines) == 3


def test_strict_turns_warnings_into_errors(tmp_path, capsys):
    corpus = make_bad_corpus(tmp_path)
    with pytest.raises(EtlError, match="strict"):
        build_rows(corpus.reports, corpus.catalog, strict=True)
    err = capsys.readouterr().err
    assert f"error: {corpus.reports}/empty.txt: " in err


def test_strict_on_clean_input_returns_rows(seed_rows):
    assert build_rows(SEEDS, SEED_CATALOG, strict=True) == seed_rows


def test_missing_reports_dir_is_an_error(tmp_path):
    with pytest.raises(EtlError, match="reports directory not found"):
        build_rows(tmp_path / "nope", SEED_CATALOG)


def test_folder_without_reports_is_an_error_not_an_empty_table(tmp_path):
    (tmp_path / "notes.md").write_text("not a report")
    with pytest.raises(EtlError, match=r"no reports \(\*\.txt, \*\.html, \*\.htm, \*\.pdf\)"):
        build_rows(tmp_path, SEED_CATALOG)


def test_write_table_is_byte_identical_on_rerun_with_unix_newlines(tmp_path, seed_rows):
    out = tmp_path / "out" / "table.csv"
    write_table(seed_rows, out)
    first = out.read_bytes()
    write_table(build_rows(SEEDS, SEED_CATALOG), out)
    assert out.read_bytes() == first
    assert b"\r\n" not in first.replace(b'\r\n"', b"")  # only inside quoted evidence, if at all
    header = first.split(b"\n", 1)[0].decode()
    assert tuple(header.split(",")) == COLUMNS


def test_written_table_reads_back_as_the_same_rows(tmp_path, seed_rows):
    out = tmp_path / "table.csv"
    write_table(seed_rows, out)
    with out.open(encoding="utf-8", newline="") as handle:
        back = list(csv.DictReader(handle))
    assert len(back) == len(seed_rows)
    for read, row in zip(back, seed_rows, strict=True):
        assert read == {key: str(value) for key, value in row.items()}


def test_failed_write_leaves_the_previous_table_intact(tmp_path, seed_rows):
    out = tmp_path / "table.csv"
    write_table(seed_rows, out)
    before = out.read_bytes()
    broken = [*seed_rows[:3], {k: v for k, v in seed_rows[3].items() if k != "evidence"}]
    with pytest.raises(ValueError, match="evidence"):
        write_table(broken, out)
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["table.csv"]


def test_render_table_quotes_commas_quotes_and_newlines():
    row = dict.fromkeys(COLUMNS, "")
    row.update(evidence='He said "Panjshir, again"\nand left', char_start=5, char_end=13)
    text = render_table([row])
    [back] = list(csv.DictReader(io.StringIO(text, newline="")))
    assert back["evidence"] == 'He said "Panjshir, again"\nand left'
    assert back["char_start"] == "5"


def test_render_table_keeps_a_lone_cr_inside_its_cell_and_quotes_every_formula_line():
    row = dict.fromkeys(COLUMNS, "")
    row.update(
        title="Quiet title\r=cmd|' /C calc'!A0",
        author="A. Writer\r\n@SUM(1+1)",
        source="+Press",
        evidence="The NRF held Panjshir.",
        char_start=13,
        char_end=21,
    )
    text = render_table([row, row])
    records = list(csv.reader(io.StringIO(text, newline="")))
    assert len(records) == 3  # the header and the two rows: no CR split a row
    back = dict(zip(COLUMNS, records[1], strict=True))
    assert back["title"] == "Quiet title\n'=cmd|' /C calc'!A0"
    assert back["author"] == "A. Writer\n'@SUM(1+1)"
    assert back["source"] == "'+Press"
    assert back["evidence"] == "The NRF held Panjshir." and back["char_start"] == "13"
    for cell in records[1]:
        assert not any(line.startswith(FORMULA_PREFIXES) for line in cell.split("\n")), cell


def test_a_utf16_report_with_controls_gives_clean_cells_and_consistent_offsets(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    raw = "Heading line\n\x1b]0;owned\x07The NRF\x00 attacked the Taliban in Panjshir.\n"
    (reports / "r.txt").write_bytes(raw.encode("utf-16"))
    catalog = tmp_path / "sources.csv"
    catalog.write_text(
        "file,source,title,author,published,url\nr.txt,P\x1b[31m,T,,2022-01,\n", encoding="utf-8"
    )
    rows = build(reports, catalog).as_dicts()
    assert rows
    text = "Heading line\n]0;ownedThe NRF attacked the Taliban in Panjshir.\n"
    for row in rows:
        assert text[row["char_start"] : row["char_end"]] == row["matched_text"]
        cells = "".join(str(value) for value in row.values())
        assert not any(ord(c) < 0x20 and c not in "\t\n" for c in cells), row


def test_publication_dates_in_the_future_or_before_2001_warn_and_strict_fails(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    body = "The National Resistance Front said it attacked the Taliban in Panjshir.\n"
    for name in ("future", "early", "fine", "dated_text"):
        (reports / f"{name}.txt").write_text(body, encoding="utf-8")
    (reports / "dated_text.txt").write_text("Published July 9, 2022\n" + body, encoding="utf-8")
    catalog = tmp_path / "sources.csv"
    catalog.write_text(
        "file,source,title,author,published,url\n"
        "future.txt,P,T,,2022-07,\n"
        "early.txt,P,T,,2000-12-31,\n"
        "fine.txt,P,T,,2022-06-01,\n",
        encoding="utf-8",
    )
    today = date(2022, 6, 1)
    result = build(reports, catalog, today=today)
    where = {(p.file, p.line): p.message for p in result.problems}
    assert where[(str(catalog), 2)] == (
        f"{reports}/future.txt: published date 2022-07 is in the future (today is 2022-06-01)"
    )
    assert where[(str(catalog), 3)] == (
        f"{reports}/early.txt: published date 2000-12-31 is before 2001; is it a typo?"
    )
    assert "2022-07-09 is in the future" in where[(f"{reports}/dated_text.txt", None)]
    assert len(result.problems) == 4  # and the note that dated_text is not in the catalog
    assert {row["source_id"] for row in result.as_dicts()} == {
        "future", "early", "fine", "dated_text"
    }  # warned, not dropped
    later = build(reports, catalog, today=date(2022, 7, 9)).problems
    assert not [p for p in later if "in the future" in p.message]
    with pytest.raises(EtlError, match="strict"):
        build_rows(reports, catalog, strict=True, today=today)


def test_rows_come_back_from_their_table_lines_as_they_were():
    """The cache keeps a report's lines of the table file; an in-memory build reads its rows
    back from them: quotes, commas, formula characters, lines and numbers all survive."""
    tricky = (
        "id", "=Press, Ltd.", '"Quoted" title', "2023-05", "Panjshir", "AF-PAN", "attack",
        2022, 2023, "Panjshir", 10, 18, "Line one\n-two\n'=three, \"four\"", "'@me", "",
        "nrf", "",
    )  # fmt: skip
    plain = ("id", "Press", "Title", "2023", "Kabul", "AF-KAB", "other", 2023, 2023, "Kabul",
             0, 5, "Kabul.", "", "", "", "")  # fmt: skip
    assert parse_rows(render_rows([tricky, plain])) == [tricky, plain]
    assert parse_rows(render_rows([])) == []


def test_importing_the_pipeline_leaves_multiprocessing_unimported():
    """Importing multiprocessing pins the program's __main__ (the dashboard's first run and
    its tables) as __mp_main__ for good; the pool is imported only when a build uses it."""
    check = (
        "import sys, etl.pipeline, app.addreport; "
        "print('__mp_main__' in sys.modules, 'multiprocessing' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True,
                            check=True, cwd=ROOT)  # fmt: skip
    assert result.stdout.split() == ["False", "False"]
