"""The evaluation corpus (eval/) and `python -m etl.evaluate` over its splits."""

from __future__ import annotations

import csv
import subprocess
import sys
from collections import Counter
from pathlib import Path

from etl.evaluate import CORPORA, TEST, format_errors, split_for
from etl.scoring import score

ROOT = Path(__file__).resolve().parents[2]
EVAL = ROOT / "eval"
sys.path.insert(0, str(EVAL))
import validate  # noqa: E402


def catalog() -> list[dict[str, str]]:
    with (EVAL / "catalog.csv").open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_the_corpus_is_consistent():
    assert validate.check(EVAL / "catalog.csv", EVAL / "gold.csv", EVAL / "reports") == []


def test_the_corpus_covers_what_the_issue_asks():
    rows = catalog()
    assert len(rows) >= 100
    years = Counter(r["published"][:4] for r in rows)
    assert all(years[y] >= 15 for y in ("2021", "2022", "2023", "2024")), years
    assert len({r["source"] for r in rows}) >= 20
    assert len({r["url"] for r in rows}) == len(rows)  # one article, one report


def test_every_report_is_catalogued():
    assert {p.name for p in (EVAL / "reports").glob("*.txt")} == {r["file"] for r in catalog()}


def test_the_split_is_the_hash_of_the_file_name_and_about_a_third_is_test():
    rows = catalog()
    assert all(r["split"] == split_for(r["file"]) for r in rows)
    share = sum(r["split"] == TEST for r in rows) / len(rows)
    assert 0.25 <= share <= 0.42


def test_split_for_is_fixed():
    # Values computed by hand from SHA-256 (first byte mod 3), not from the implementation.
    # hashlib.sha256(b"a01_aljazeera.txt").digest()[0] % 3 == 0, and so on.
    assert split_for("a01_aljazeera.txt") == "test"
    expected = ["dev", "test", "test", "dev", "dev", "dev"]
    assert [split_for(f"x{n}.txt") for n in range(6)] == expected


def test_evaluate_lists_errors_for_dev_splits_only():
    result = subprocess.run(
        [sys.executable, "-m", "etl.evaluate"], cwd=ROOT, capture_output=True, text=True,
        check=False, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert any(line.startswith("eval test ") for line in lines[:4])
    assert any(line.startswith("eval dev ") for line in lines[:4])
    assert "=== errors: eval dev ===" in result.stdout
    assert "errors: eval test" not in result.stdout
    test_ids = {r["file"].removesuffix(".txt") for r in catalog() if r["split"] == TEST}
    listed = result.stdout.split("=== errors: eval dev ===", 1)[1]
    assert not any(f"  {sid}  " in listed for sid in test_ids)


def test_claim_agreement_counts_only_pairs_the_gold_names_a_claimant_for():
    rows = [
        {"source_id": "r", "province": "Panjshir", "category": "attack", "year_from": 2022,
         "year_to": 2022, "claimed_by": "nrf", "evidence": "x"},
        {"source_id": "r", "province": "Baghlan", "category": "attack", "year_from": 2022,
         "year_to": 2022, "claimed_by": "nrf", "evidence": "y"},
    ]
    gold = [
        {"file": "r.txt", "province": "Panjshir", "category": "attack", "year_from": "2022",
         "year_to": "2022", "claimed_by": "taliban"},
        {"file": "r.txt", "province": "Baghlan", "category": "attack", "year_from": "2022",
         "year_to": "2022", "claimed_by": "nrf"},
    ]
    got = score(rows, gold)
    assert got.claim_agreement == 0.5
    assert "r  Panjshir  nrf vs taliban" in format_errors(got, rows)


def test_the_default_corpora_are_the_seeds_and_eval():
    assert [c.name for c in CORPORA] == ["seeds", "eval"]
