"""`python -m etl.evaluate --gold FILE`: score the extractor against hand-labelled reports.

For anyone extending the gazetteer or the rules: run it before and after a change to see the
effect on precision, recall and years, and read the false positives and negatives it lists to
find what to fix next. It runs the same build_rows as `python -m etl`, so what it scores is
exactly what the table would contain.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path

from etl.pipeline import build_rows
from etl.problems import EtlError
from etl.scoring import Pair, Scores, Years, load_gold, score


def parser() -> argparse.ArgumentParser:
    cli = argparse.ArgumentParser(
        prog="python -m etl.evaluate",
        description="Score the extracted NRF activity against a gold CSV "
        "(file,province,iso_3166_2,category,year_from,year_to,note).",
    )
    cli.add_argument("--gold", type=Path, required=True, metavar="FILE", help="gold CSV")
    cli.add_argument("--reports", type=Path, default=Path("seeds"), metavar="DIR",
                     help="folder of *.txt reports (default: %(default)s)")  # fmt: skip
    cli.add_argument("--catalog", type=Path, default=Path("seeds/sources.csv"), metavar="FILE",
                     help="catalog CSV (default: %(default)s)")  # fmt: skip
    return cli


def format_scores(scores: Scores) -> str:
    """The report printed to stdout: headline figures, then every error to look at."""
    lines = [
        f"precision       {scores.precision:.3f}",
        f"recall          {scores.recall:.3f}",
        f"F1              {scores.f1:.3f}",
        f"year agreement  {scores.year_agreement:.3f}",
        f"mention recall  {scores.mention_recall:.3f}",
    ]
    lines += _listing("false positives (NRF activity extracted, not in the gold)",
                      map(_pair, scores.false_positives))  # fmt: skip
    lines += _listing("false negatives (NRF activity in the gold, not extracted)",
                      map(_pair, scores.false_negatives))  # fmt: skip
    lines += _listing("year spans not overlapping the gold (extracted vs gold)",
                      (f"{_pair(pair)}  {_years(found)} vs {_years(gold)}"
                       for pair, found, gold in scores.year_mismatches))  # fmt: skip
    lines += _listing("gold provinces not found as any mention",
                      map(_pair, scores.missed_mentions))  # fmt: skip
    return "\n".join(lines)


def _listing(title: str, items: Iterable[str]) -> list[str]:
    items = list(items)
    return ["", f"{title}: {len(items)}", *(f"  {item}" for item in items)]


def _pair(pair: Pair) -> str:
    source_id, province = pair
    return f"{source_id}  {province}"


def _years(years: Years) -> str:
    if years is None:
        return "-"
    start, end = years
    return str(start) if start == end else f"{start}-{end}"


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        gold = load_gold(args.gold)
        rows = build_rows(args.reports, args.catalog)
    except EtlError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    except OSError as err:
        print(f"error: {err.filename}: {err.strerror}", file=sys.stderr)
        return 1
    except ValueError as err:  # load_gold names the file and line of a bad gold row
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(format_scores(score(rows, gold)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
