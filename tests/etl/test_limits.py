"""The caps on what one report may add to the table, tried with generated hostile reports."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from badinput import SEEDS

from etl.limits import (
    MAX_EVIDENCE_CHARS,
    MAX_MENTIONS_PER_REPORT,
    MAX_MENTIONS_PER_SENTENCE,
    MAX_REPORT_BYTES,
    shorten_evidence,
)
from etl.pipeline import build
from etl.reading import read_report

HEADER = "file,source,title,author,published,url\n"


def run_one(tmp_path: Path, text: str) -> tuple[list[dict], list[str]]:
    """Rows and problem messages for one report holding text."""
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "hostile.txt").write_text(text, encoding="utf-8")
    catalog = tmp_path / "sources.csv"
    catalog.write_text(HEADER + "hostile.txt,P,T,,2022-01,\n", encoding="utf-8")
    result = build(reports, catalog)
    assert all(p.file == f"{reports}/hostile.txt" for p in result.problems)
    return result.as_dicts(), [p.message for p in result.problems]


def test_real_reports_are_far_below_every_cap():
    rows = build(SEEDS, SEEDS / "sources.csv").as_dicts()
    per_report: dict[str, int] = {}
    for row in rows:
        per_report[row["source_id"]] = per_report.get(row["source_id"], 0) + 1
    assert max(per_report.values()) * 10 < MAX_MENTIONS_PER_REPORT
    assert max(len(row["evidence"]) for row in rows) * 2 < MAX_EVIDENCE_CHARS
    assert max(p.stat().st_size for p in SEEDS.glob("*.txt")) * 20 < MAX_REPORT_BYTES


def test_a_sentence_naming_a_place_over_and_over_is_capped_with_a_warning(tmp_path):
    rows, messages = run_one(tmp_path, "The NRF attacked in " + "Herat " * 150 + "again.\n")
    assert len(rows) == MAX_MENTIONS_PER_SENTENCE
    assert messages == [
        "capped: 1 sentence(s) name more than 100 places (50 mentions dropped)"
    ]
    assert [r["char_start"] for r in rows] == sorted(r["char_start"] for r in rows)
    assert rows[0]["char_start"] == len("The NRF attacked in ")  # the first ones are kept


def test_a_report_of_many_sentences_is_capped_with_a_warning(tmp_path):
    text = "".join(f"The NRF attacked in Panjshir on day {day:04d}. " for day in range(1100))
    rows, messages = run_one(tmp_path, text)
    assert len(rows) == MAX_MENTIONS_PER_REPORT
    assert messages == ["capped: more than 1,000 mentions in the report (100 dropped)"]
    assert rows[-1]["evidence"] == "The NRF attacked in Panjshir on day 0999."


def test_a_place_name_repeated_without_end_is_capped_quickly_with_a_warning(tmp_path):
    started = time.perf_counter()
    rows, messages = run_one(tmp_path, "Panjshir " * 6000)  # 6,000 mentions uncapped
    assert 0 < len(rows) <= MAX_MENTIONS_PER_REPORT
    assert all(len(row["evidence"]) <= MAX_EVIDENCE_CHARS for row in rows)
    [message] = messages
    assert message.startswith("capped: ") and "mentions dropped" in message
    assert time.perf_counter() - started < 20


def test_overlong_evidence_is_shortened_and_still_holds_the_matched_words(tmp_path):
    sentence = "The NRF attacked the Taliban in Panjshir and " + "then went on " * 120 + "home."
    rows, messages = run_one(tmp_path, sentence + "\n")
    assert rows and messages == [
        "capped: 1 sentence(s) over 1,000 characters shortened in the evidence column"
    ]
    for row in rows:
        assert len(row["evidence"]) <= MAX_EVIDENCE_CHARS
        assert row["evidence"].endswith("…") and row["matched_text"] in row["evidence"]


@pytest.mark.parametrize(
    ("length", "kept"),
    [(MAX_EVIDENCE_CHARS, MAX_EVIDENCE_CHARS), (MAX_EVIDENCE_CHARS + 1, None)],
)
def test_shorten_evidence_cuts_at_a_space(length, kept):
    text = ("word " * length)[:length]
    short = shorten_evidence(text)
    if kept is not None:
        assert short == text
    else:
        assert len(short) <= MAX_EVIDENCE_CHARS and short.endswith("word…")
        assert text.startswith(short[:-1])


def test_a_report_file_over_the_size_limit_is_not_read(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"Panjshir " * (MAX_REPORT_BYTES // 9 + 1))
    result = read_report(path, "r/huge.txt")
    assert result.text is None
    [problem] = result.problems
    assert problem.file == "r/huge.txt"
    assert "over the limit of 1,048,576 bytes" in problem.message
