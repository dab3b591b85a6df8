"""Check that rewritten reports copy no run of 7+ words from the articles they rewrite.

The evaluation corpus must be faithful rewrites in our own words, never the outlets' sentences.
Source texts are not committed (they are the outlets' copyright); keep them beside the corpus
while writing and run:

    python eval/check_overlap.py SOURCE_DIR [REPORTS_DIR]

SOURCE_DIR holds, for each report, a file of the same name with the article text as retrieved.
Exits 1 and lists every shared run of N or more words (default 7); reports without a source
file are listed as unchecked.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from pathlib import Path

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def words(text: str) -> list[str]:
    """Lower-cased words with accents and typographic quotes folded, so trivial variants match."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _WORD.findall(text.lower().replace("\u2019", "'"))


def shared_runs(report: str, source: str, n: int = 7) -> list[str]:
    """Every maximal run of >= n consecutive words that appears in both texts."""
    src = words(source)
    grams = {tuple(src[i : i + n]) for i in range(len(src) - n + 1)}
    rep = words(report)
    runs: list[str] = []
    i = 0
    while i <= len(rep) - n:
        if tuple(rep[i : i + n]) in grams:
            j = i + n
            while j < len(rep) and tuple(rep[j - n + 1 : j + 1]) in grams:
                j += 1
            runs.append(" ".join(rep[i:j]))
            i = j
        else:
            i += 1
    return runs


def main(argv: list[str] | None = None) -> int:
    cli = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    cli.add_argument("sources", type=Path)
    cli.add_argument("reports", type=Path, nargs="?", default=Path(__file__).parent / "reports")
    cli.add_argument("-n", type=int, default=7, help="run length in words (default: 7)")
    args = cli.parse_args(argv)
    bad = 0
    for report in sorted(args.reports.glob("*.txt")):
        source = args.sources / report.name
        if not source.is_file():
            print(f"unchecked: {report.name}: no source text in {args.sources}")
            continue
        runs = shared_runs(report.read_text(encoding="utf-8"), source.read_text(encoding="utf-8"),
                           args.n)
        for run in runs:
            bad += 1
            print(f"{report.name}: copies {len(run.split())} words: {run}")
    print(f"{bad} copied run(s) of {args.n}+ words")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
