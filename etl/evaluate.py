"""`python -m etl.evaluate`: score the extractor on hand-labelled corpora, split by split.

Two corpora are labelled: the seeds (a dev set) and the evaluation corpus in eval/ (rewritten
real news reports; its catalog's `split` column puts about a third of them in `test`). Figures
are printed for every split; the errors behind them are listed for dev splits only, because the
test split is for measuring: reading its errors to write rules would make it a second dev set.
It runs the same build as `python -m etl`, so what it scores is what the table would contain.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from etl.pipeline import build
from etl.problems import EtlError
from etl.scoring import Pair, Scores, Years, load_gold, score, source_id

ROOT = Path(__file__).resolve().parents[1]
TEST = "test"
DEV = "dev"


@dataclass(frozen=True)
class Corpus:
    """Reports, their catalog (with an optional `split` column) and their gold labels."""

    name: str
    reports: Path
    catalog: Path
    gold: Path


CORPORA = (
    Corpus("seeds", ROOT / "seeds", ROOT / "seeds" / "sources.csv",
           ROOT / "tests" / "fixtures" / "seeds_gold.csv"),
    Corpus("eval", ROOT / "eval" / "reports", ROOT / "eval" / "catalog.csv",
           ROOT / "eval" / "gold.csv"),
)


def split_for(file_name: str) -> str:
    """The split a report belongs to, fixed once by a hash of its file name (1 in 3 is test)."""
    digest = hashlib.sha256(file_name.encode("utf-8")).digest()
    return TEST if digest[0] % 3 == 0 else DEV


def splits(catalog: Path) -> dict[str, str]:
    """source_id -> split, from the catalog's `split` column (dev where it has none)."""
    with catalog.open(newline="", encoding="utf-8") as fh:
        return {source_id(r["file"]): (r.get("split") or DEV) for r in csv.DictReader(fh)}


def score_corpus(corpus: Corpus) -> dict[str, tuple[Scores, list[dict]]]:
    """Scores per split, with the extracted rows (for listing evidence)."""
    result = build(corpus.reports, corpus.catalog)
    rows = result.as_dicts()
    gold = load_gold(corpus.gold)
    split_of = splits(corpus.catalog)
    out: dict[str, tuple[Scores, list[dict]]] = {}
    for split in sorted(set(split_of.values())):
        ids = {k for k, v in split_of.items() if v == split}
        part = [r for r in rows if r["source_id"] in ids]
        gpart = [g for g in gold if source_id(g["file"]) in ids]
        out[split] = (score(part, gpart), part)
    return out


def format_figures(label: str, s: Scores) -> str:
    return (
        f"{label:<12} precision {s.precision:.3f}  recall {s.recall:.3f}  F1 {s.f1:.3f}  "
        f"years {s.year_agreement:.3f}  claims {s.claim_agreement:.3f}  "
        f"mentions {s.mention_recall:.3f}  (activity pairs: {s.activity_found} found, "
        f"{s.activity_gold} in gold)"
    )


def format_errors(scores: Scores, rows: list[Mapping]) -> str:
    """Every disagreement, with the sentences the extractor read for the pair."""
    evidence: dict[Pair, list[str]] = {}
    for r in rows:
        key = (str(r["source_id"]), str(r["province"]))
        evidence.setdefault(key, []).append(f"[{r['category']}] {r['evidence']}")
    lines: list[str] = []
    lines += _listing("false positives (NRF activity extracted, not in the gold)",
                      [(p, "") for p in scores.false_positives], evidence)  # fmt: skip
    lines += _listing("false negatives (NRF activity in the gold, not extracted)",
                      [(p, "") for p in scores.false_negatives], evidence)  # fmt: skip
    lines += _listing("year spans not overlapping the gold (extracted vs gold)",
                      [(p, f"{_years(f)} vs {_years(g)}") for p, f, g in scores.year_mismatches],
                      evidence)  # fmt: skip
    lines += _listing("claimant differs (extracted vs gold)",
                      [(p, f"{f or '-'} vs {g}") for p, f, g in scores.claim_mismatches],
                      evidence)  # fmt: skip
    lines += _listing("gold provinces not found as any mention",
                      [(p, "") for p in scores.missed_mentions], {})  # fmt: skip
    return "\n".join(lines)


def _listing(
    title: str, items: list[tuple[Pair, str]], evidence: Mapping[Pair, list[str]]
) -> list[str]:
    out = ["", f"{title}: {len(items)}"]
    for pair, extra in items:
        out.append(f"  {pair[0]}  {pair[1]}  {extra}".rstrip())
        out += [f"      {e[:300]}" for e in evidence.get(pair, [])[:4]]
    return out


def _years(years: Years) -> str:
    if years is None:
        return "-"
    start, end = years
    return str(start) if start == end else f"{start}-{end}"


def parser() -> argparse.ArgumentParser:
    cli = argparse.ArgumentParser(
        prog="python -m etl.evaluate",
        description="Score the extracted NRF activity against hand-labelled corpora: the seeds "
        "and eval/ by default, or one corpus given by --reports, --catalog and --gold. Errors "
        "are listed for dev splits only.",
    )
    cli.add_argument("--reports", type=Path, metavar="DIR", help="folder of reports")
    cli.add_argument("--catalog", type=Path, metavar="FILE", help="catalog CSV (split column)")
    cli.add_argument("--gold", type=Path, metavar="FILE", help="gold CSV")
    cli.add_argument("--quiet", action="store_true", help="figures only, no error listing")
    return cli


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    corpora: Iterable[Corpus] = CORPORA
    if args.gold or args.reports or args.catalog:
        if not args.gold:
            print("error: --gold is required with --reports/--catalog", file=sys.stderr)
            return 2
        reports = args.reports or ROOT / "seeds"
        catalog = args.catalog or reports / "sources.csv"
        corpora = [Corpus(args.gold.stem, reports, catalog, args.gold)]
    try:
        results = [(c, score_corpus(c)) for c in corpora]
    except (EtlError, ValueError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    except OSError as err:
        print(f"error: {err.filename}: {err.strerror}", file=sys.stderr)
        return 1
    for corpus, by_split in results:
        for split, (scores, _) in by_split.items():
            print(format_figures(f"{corpus.name} {split}", scores))
    if not args.quiet:
        for corpus, by_split in results:
            for split, (scores, rows) in by_split.items():
                if split != TEST:
                    print(f"\n=== errors: {corpus.name} {split} ===")
                    print(format_errors(scores, rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
