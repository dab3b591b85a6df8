"""The extractor on the seed reports against the hand-made gold answer (a dev set).

The quality bars of issue 3: NRF activity precision and recall >= 0.95, year agreement
>= 0.95, and the gold's provinces found as mentions (any category) >= 0.95.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.pipeline import build_rows
from etl.scoring import load_gold, score

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
GOLD = ROOT / "tests" / "fixtures" / "seeds_gold.csv"


@pytest.fixture(scope="module")
def scores():
    rows = build_rows(SEEDS, SEEDS / "sources.csv")
    return score(rows, load_gold(GOLD))


def test_activity_precision(scores):
    assert scores.precision >= 0.95, scores.false_positives


def test_activity_recall(scores):
    assert scores.recall >= 0.95, scores.false_negatives


def test_year_agreement(scores):
    assert scores.year_agreement >= 0.95, scores.year_mismatches


def test_mention_recall(scores):
    assert scores.mention_recall >= 0.95, scores.missed_mentions


def test_traps_in_the_seeds(scores):
    """Forecasts and Taliban-only events in the seeds are not scored as NRF activity."""
    wrong = {pair for pair in scores.false_positives}
    assert ("001_c0832e8980d532ef", "Badakhshan") not in wrong
    assert ("001_c0832e8980d532ef", "Parwan") not in wrong
    assert ("004_24f4934fff9a6e85", "Herat") not in wrong


def row(**kw):
    base = {"source_id": "r1", "province": "Panjshir", "category": "attack"}
    base.update(kw)
    return base


def gold(**kw):
    base = {"file": "r1.txt", "province": "Panjshir", "category": "attack"}
    base.update(kw)
    return base


def test_scoring_counts_pairs_with_their_strongest_category():
    rows = [
        row(category="other", year_from=2019, year_to=2019),
        row(category="presence", year_from=2022, year_to=2022),
        row(province="Kabul", category="other", year_from=2022, year_to=2022),
        row(province="Herat", category="attack", year_from=2024, year_to=2024),
    ]
    golds = [
        gold(year_from="2021", year_to="2022"),
        gold(province="Kabul", category="attack", year_from="2023", year_to="2023"),
        gold(province="Balkh", category="other", year_from="", year_to=""),
    ]
    s = score(rows, golds)
    assert s.precision == pytest.approx(1 / 2)  # Panjshir right, Herat wrong
    assert s.recall == pytest.approx(1 / 2)  # Kabul missed as activity
    assert s.f1 == pytest.approx(1 / 2)
    assert s.year_agreement == 1.0  # 2022 overlaps 2021..2022 (the 2019 'other' row is ignored)
    assert s.mention_recall == pytest.approx(2 / 3)  # Balkh never mentioned
    assert s.false_positives == [("r1", "Herat")]
    assert s.false_negatives == [("r1", "Kabul")]
    assert s.missed_mentions == [("r1", "Balkh")]


def test_year_disagreement_is_reported():
    s = score([row(year_from=2024, year_to=2024)], [gold(year_from="2021", year_to="2022")])
    assert s.year_agreement == 0.0
    assert s.year_mismatches == [(("r1", "Panjshir"), (2024, 2024), (2021, 2022))]


def test_load_gold_rejects_unknown_category(tmp_path):
    bad = tmp_path / "gold.csv"
    bad.write_text(
        "file,province,iso_3166_2,category,year_from,year_to,note\n"
        "a.txt,Kabul,AF-KAB,fighting,,,x\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match=r"gold\.csv: line 2: unknown category"):
        load_gold(bad)


def test_load_gold_reads_the_fixture():
    rows = load_gold(GOLD)
    assert len(rows) == 41
    assert {r["category"] for r in rows} == {"attack", "other"}
