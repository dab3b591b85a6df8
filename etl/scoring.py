"""Scoring a tidy table against a hand-made gold answer, per (report, province).

What users read off the map is "did the NRF act in this province, according to this report,
and when", so the table is scored on that: each (report, province) pair gets its strongest
category (attack > presence > other), and NRF activity means attack or presence. Precision and
recall are over activity pairs; year agreement is the share of found activity pairs whose span
overlaps the gold span; claim agreement is the share of found activity pairs whose claimant
(`claimed_by` of the pair's first activity row) is the gold's, over the gold pairs that name one;
mention recall is the share of all gold pairs found as any mention.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from etl.model import ACTIVITY_CATEGORIES, CATEGORIES

_RANK = {c: len(CATEGORIES) - i for i, c in enumerate(CATEGORIES)}  # attack highest
GOLD_COLUMNS = ("file", "province", "iso_3166_2", "category", "year_from", "year_to", "note")

Pair = tuple[str, str]  # (source_id, province)
Years = tuple[int, int] | None


@dataclass(frozen=True)
class Scores:
    """Scores of one table against the gold, with the disagreements for display."""

    precision: float
    recall: float
    f1: float
    year_agreement: float
    mention_recall: float
    claim_agreement: float = 1.0
    activity_found: int = 0
    activity_gold: int = 0
    false_positives: list[Pair] = field(default_factory=list)
    false_negatives: list[Pair] = field(default_factory=list)
    year_mismatches: list[tuple[Pair, Years, Years]] = field(default_factory=list)
    missed_mentions: list[Pair] = field(default_factory=list)
    claim_mismatches: list[tuple[Pair, str, str]] = field(default_factory=list)


def source_id(file_name: str) -> str:
    """Gold rows name files ('x.txt'); table rows name reports without the extension."""
    return file_name[:-4] if file_name.endswith(".txt") else file_name


def load_gold(path: str | Path) -> list[dict]:
    """Gold rows as dicts; a bad header or category raises ValueError naming the file and line."""
    path = Path(path)
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in GOLD_COLUMNS[:4] if c not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(f"{path}: line 1: gold header lacks columns {missing}")
        rows = []
        for n, row in enumerate(reader, start=2):
            if row["category"] not in CATEGORIES:
                raise ValueError(f"{path}: line {n}: unknown category {row['category']!r}")
            rows.append(dict(row))
    return rows


def _pairs(rows: Iterable[Mapping], id_key: str) -> dict[Pair, dict]:
    """Per (report, province): strongest category and min/max years over its activity rows."""
    out: dict[Pair, dict] = {}
    for r in rows:
        key = (source_id(str(r[id_key])), str(r["province"]))
        cat = str(r["category"])
        cur = out.setdefault(key, {"category": cat, "years": None, "claim": ""})
        if _RANK[cat] > _RANK[cur["category"]]:
            cur["category"] = cat
        if cat in ACTIVITY_CATEGORIES and not cur["claim"]:
            cur["claim"] = str(r.get("claimed_by") or "")
        if cat in ACTIVITY_CATEGORIES and str(r.get("year_from", "")).strip():
            y0, y1 = int(r["year_from"]), int(r["year_to"] or r["year_from"])
            ys = cur["years"]
            cur["years"] = (y0, y1) if ys is None else (min(ys[0], y0), max(ys[1], y1))
    return out


def score(rows: Iterable[Mapping], gold_rows: Iterable[Mapping]) -> Scores:
    """Score table rows (COLUMNS keys) against gold rows (GOLD_COLUMNS keys)."""
    found = _pairs(rows, "source_id")
    gold = _pairs(gold_rows, "file")
    act_found = {k for k, v in found.items() if v["category"] in ACTIVITY_CATEGORIES}
    act_gold = {k for k, v in gold.items() if v["category"] in ACTIVITY_CATEGORIES}
    tp = act_found & act_gold
    precision = len(tp) / len(act_found) if act_found else 1.0
    recall = len(tp) / len(act_gold) if act_gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    mismatches = []
    agree = 0
    for k in sorted(tp):
        fy, gy = found[k]["years"], gold[k]["years"]
        if fy and gy and fy[0] <= gy[1] and gy[0] <= fy[1]:
            agree += 1
        else:
            mismatches.append((k, fy, gy))
    year_agreement = agree / len(tp) if tp else 1.0
    claims = [(k, found[k]["claim"], gold[k]["claim"]) for k in sorted(tp) if gold[k]["claim"]]
    claim_mismatches = [c for c in claims if c[1] != c[2]]
    claim_agreement = 1 - len(claim_mismatches) / len(claims) if claims else 1.0
    missed = sorted(k for k in gold if k not in found)
    mention_recall = 1 - len(missed) / len(gold) if gold else 1.0
    return Scores(
        precision=precision,
        recall=recall,
        f1=f1,
        year_agreement=year_agreement,
        mention_recall=mention_recall,
        claim_agreement=claim_agreement,
        activity_found=len(act_found),
        activity_gold=len(act_gold),
        false_positives=sorted(act_found - act_gold),
        false_negatives=sorted(act_gold - act_found),
        year_mismatches=mismatches,
        missed_mentions=missed,
        claim_mismatches=claim_mismatches,
    )


__all__ = ["GOLD_COLUMNS", "Scores", "load_gold", "score", "source_id"]
