"""The catalog: every problem names the catalog file and line, and good rows survive bad ones."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from etl.catalog import MAX_FIELD_CHARS, is_valid_published, load_catalog
from etl.problems import EtlError

HEADER = "file,source,title,author,published,url\n"
SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def catalog(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "sources.csv"
    path.write_bytes(text.encode(encoding))
    return path


def test_seed_catalog_loads_cleanly_with_every_seed_report():
    result = load_catalog(SEEDS / "sources.csv")
    assert result.problems == ()
    assert sorted(result.entries) == sorted(p.stem for p in SEEDS.glob("*.txt"))
    meta = result.entries["003_a74b8543341d43d8"].meta
    assert meta.source == "Fox News"
    assert meta.published == "2022-08"


def test_fields_keep_commas_and_quotes_and_lines_count_from_the_header(tmp_path):
    path = catalog(
        tmp_path,
        HEADER
        + 'a.txt,"Hudson Institute","US, NRF and ""the valley""",Luke Coffey,2022-09,https://x\n'
        + "b.txt,Fox News,Title,Michael Lee,2022-08-15,https://y\n",
    )
    result = load_catalog(path)
    assert result.problems == ()
    assert result.entries["a"].meta.title == 'US, NRF and "the valley"'
    assert result.entries["a"].line == 2
    assert result.entries["b"].meta.published == "2022-08-15"
    assert result.entries["b"].line == 3


def test_duplicate_row_warns_with_both_lines_and_keeps_the_first(tmp_path):
    path = catalog(
        tmp_path,
        HEADER + "a.txt,First,T1,,2022-01,\nb.txt,B,T,,2022-02,\na.txt,Second,T2,,2023-01,\n",
    )
    result = load_catalog(path, "seeds/sources.csv")
    [problem] = result.problems
    assert (problem.file, problem.line) == ("seeds/sources.csv", 4)
    assert "duplicate" in problem.message and "a.txt" in problem.message
    assert "line 2" in problem.message
    assert result.entries["a"].meta.source == "First"
    assert set(result.entries) == {"a", "b"}


@pytest.mark.parametrize("bad", ["2022-13", "2022/09/01", "Sept 2022", "2022-02-30", "22-09", ""])
def test_unparseable_date_warns_at_its_line_and_keeps_the_row(tmp_path, bad):
    path = catalog(tmp_path, HEADER + "ok.txt,S,T,,2021-09,\nbad.txt,S,T,A," + bad + ",u\n")
    result = load_catalog(path, "cat.csv")
    [problem] = result.problems
    assert (problem.file, problem.line) == ("cat.csv", 3)
    assert "bad.txt" in problem.message
    assert "YYYY-MM" in problem.message
    assert problem.format().startswith("warning: cat.csv:3: ")
    kept = result.entries["bad"].meta
    assert kept.published == ""  # to be inferred from the text, never guessed here
    assert (kept.source, kept.author, kept.url) == ("S", "A", "u")


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("2021-09", True),
        ("2024-02-29", True),
        ("2023-02-29", False),
        ("2021-00", False),
        ("2021-9", False),
        (" 2021-09", False),
        ("2021-09-01T00:00", False),
    ],
)
def test_published_format(value, valid):
    assert is_valid_published(value) is valid


def test_missing_columns_warn_on_line_1_and_are_left_blank(tmp_path):
    path = catalog(tmp_path, "file,title,published\na.txt,Title,2022-01\n")
    result = load_catalog(path, "cat.csv")
    [problem] = result.problems
    assert (problem.file, problem.line) == ("cat.csv", 1)
    for column in ("source", "author", "url"):
        assert column in problem.message
    meta = result.entries["a"].meta
    assert (meta.title, meta.published, meta.source, meta.url) == ("Title", "2022-01", "", "")


def test_missing_file_column_stops_the_run_naming_the_header_line(tmp_path):
    path = catalog(tmp_path, "name,source,title,author,published,url\na.txt,S,T,,2022-01,\n")
    with pytest.raises(EtlError, match=r"sources\.csv:1: .*'file' column"):
        load_catalog(path)


def test_missing_catalog_is_an_error_naming_it(tmp_path):
    with pytest.raises(EtlError, match=r"nope\.csv: catalog file not found"):
        load_catalog(tmp_path / "nope.csv")


def test_empty_catalog_is_an_error(tmp_path):
    with pytest.raises(EtlError, match="empty"):
        load_catalog(catalog(tmp_path, ""))


def test_row_with_wrong_field_count_warns_and_blank_lines_are_ignored(tmp_path):
    path = catalog(tmp_path, HEADER + "\na.txt,S,T\n\nb.txt,S,T,A,2022-01,u,extra\n")
    result = load_catalog(path, "cat.csv")
    lines = [(p.line, p.message) for p in result.problems]
    assert lines[0][0] == 3 and "3 fields" in lines[0][1]
    assert any(line == 3 and "published" in message for line, message in lines)
    assert any(line == 5 and "7 fields" in message for line, message in lines)
    assert result.entries["b"].meta.url == "u"


def test_multiline_quoted_field_reports_the_line_the_row_starts_on(tmp_path):
    path = catalog(tmp_path, HEADER + 'a.txt,S,"two\nline title",,2022-01,\nb.txt,S,T,,bad,\n')
    result = load_catalog(path, "cat.csv")
    assert result.entries["a"].meta.title == "two\nline title"
    assert [p.line for p in result.problems] == [4]


def test_bom_and_cp1252_catalogs_are_read(tmp_path):
    with_bom = catalog(tmp_path, "\ufeff" + HEADER + "a.txt,S,T,,2022-01,\n")
    assert load_catalog(with_bom).problems == ()
    legacy = catalog(tmp_path, HEADER + "a.txt,S,\u201cQuoted\u201d,,2022-01,\n", "cp1252")
    result = load_catalog(legacy, "cat.csv")
    assert result.entries["a"].meta.title == "\u201cQuoted\u201d"
    [problem] = result.problems
    assert problem.line == 2 and "cp1252" in problem.message


def test_row_without_a_file_name_is_ignored_with_a_warning(tmp_path):
    result = load_catalog(catalog(tmp_path, HEADER + ",S,T,,2022-01,\n"), "cat.csv")
    assert result.entries == {}
    assert result.problems[0].line == 2
    assert "no file name" in result.problems[0].message


def test_a_field_a_spreadsheet_would_run_warns_with_its_line_and_keeps_the_row(tmp_path):
    path = catalog(
        tmp_path,
        HEADER
        + "a.txt,Press,Plain title,,2022-01,\n"
        + 'b.txt,Press,"=HYPERLINK(""http://evil.example"",""click"")",,2022-01,\n'
        + 'c.txt,Press,"Two lines\n@SUM(1+1)",-Someone,2022-01,\n',
    )
    result = load_catalog(path, "sources.csv")
    where = sorted((p.line, p.message) for p in result.problems)
    assert [line for line, _ in where] == [3, 4, 4]
    assert all("formula" in message for _, message in where)
    assert "title" in where[0][1] and "HYPERLINK" in where[0][1]
    assert {"author", "title"} == {m.split(" ", 1)[0] for _, m in where[1:]}
    assert result.entries["b"].meta.title == '=HYPERLINK("http://evil.example","click")'


def test_control_characters_in_fields_are_removed_with_a_warning(tmp_path):
    path = catalog(tmp_path, HEADER + 'a.txt,"Press\x1b[31m","Ti\x00tle",,2022-01,\n')
    result = load_catalog(path, "sources.csv")
    assert result.entries["a"].meta.source == "Press[31m"
    assert result.entries["a"].meta.title == "Title"
    assert [(p.line, p.message.split(" ", 1)[0]) for p in result.problems] == [
        (2, "source"), (2, "title")
    ]
    assert all("control characters" in p.message for p in result.problems)


def test_a_field_cannot_forge_a_line_of_the_log(tmp_path):
    forged = "gone.txt\nerror: seeds/sources.csv:1: forged\x1b[2K"
    path = catalog(tmp_path, HEADER + f'"{forged}",P,T,,2022-01,\n"{forged}",P,T,,2022-01,\n')
    result = load_catalog(path, "sources.csv")
    [problem] = [p for p in result.problems if "duplicate" in p.message]
    line = problem.format()
    assert "\n" not in line and "\x1b" not in line
    assert line.startswith("warning: sources.csv:4: duplicate row for gone.txt\\nerror: ")


def test_a_field_over_the_size_limit_costs_only_its_row(tmp_path):
    huge = "x" * (MAX_FIELD_CHARS + 1)
    rows = ["a.txt,A,T,,2022-01,\n", f'b.txt,B,"{huge}",,2022-01,\n', "c.txt,C,T,,2022-01,\n"]
    result = load_catalog(catalog(tmp_path, HEADER + "".join(rows)), "sources.csv")
    assert sorted(result.entries) == ["a", "c"]
    assert result.entries["c"].line == 4
    [problem] = result.problems
    assert (problem.line, problem.message) == (
        3, "field 3 is 131,073 characters long, over the limit of 131,072; row ignored"
    )
    assert csv.field_size_limit() == MAX_FIELD_CHARS  # the process-wide limit is restored
