"""Check an evaluation catalog and its gold labels for consistency before they are used.

    python eval/validate.py CATALOG GOLD [REPORTS_DIR]

Every catalog row names an existing report with a valid date and an http(s) URL; every gold row
names a catalogued report, a canonical province with its own ISO code, a known category, years
for activity rows (none for `other`) and `claimed_by` for activity rows only; no (file, province)
pair twice. Prints one line per problem with file and line; exits 1 if there is any.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from etl.catalog import CATALOG_COLUMNS as CATALOG  # noqa: E402
from etl.catalog import is_valid_published  # noqa: E402
from etl.model import CATEGORIES  # noqa: E402
from etl.model import CLAIMANTS as CLAIMS  # noqa: E402
from etl.provinces import BY_NAME  # noqa: E402
from etl.scoring import GOLD_COLUMNS  # noqa: E402

# The seeds' gold columns, with who claims each activity before the note.
GOLD = (*GOLD_COLUMNS[:-1], "claimed_by", GOLD_COLUMNS[-1])


def check(catalog: Path, gold: Path, reports: Path) -> list[str]:
    problems: list[str] = []
    files: set[str] = set()
    with catalog.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        if tuple(reader.fieldnames or ())[: len(CATALOG)] != CATALOG:
            problems.append(f"{catalog}: line 1: header must start {','.join(CATALOG)}")
            return problems
        for n, row in enumerate(reader, start=2):
            where = f"{catalog}: line {n}"
            files.add(row["file"])
            if not (reports / row["file"]).is_file():
                problems.append(f"{where}: no report {reports / row['file']}")
            if not is_valid_published(row["published"] or ""):
                problems.append(f"{where}: bad date {row['published']!r}")
            if not (row["url"] or "").startswith(("http://", "https://")):
                problems.append(f"{where}: bad url {row['url']!r}")
            if not row["source"] or not row["title"]:
                problems.append(f"{where}: source and title are required")
    seen: set[tuple[str, str]] = set()
    with gold.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        if tuple(reader.fieldnames or ()) != GOLD:
            problems.append(f"{gold}: line 1: header must be {','.join(GOLD)}")
            return problems
        for n, row in enumerate(reader, start=2):
            where = f"{gold}: line {n}"
            key = (row["file"], row["province"])
            if key in seen:
                problems.append(f"{where}: {key} twice")
            seen.add(key)
            if row["file"] not in files:
                problems.append(f"{where}: {row['file']} not in the catalog")
            prov = BY_NAME.get(row["province"])
            if prov is None:
                problems.append(f"{where}: not a canonical province {row['province']!r}")
            elif prov.iso_3166_2 != row["iso_3166_2"]:
                problems.append(f"{where}: {row['province']} is {prov.iso_3166_2}")
            cat = row["category"]
            if cat not in CATEGORIES:
                problems.append(f"{where}: bad category {cat!r}")
            elif cat == "other":
                if row["year_from"] or row["year_to"] or row["claimed_by"]:
                    problems.append(f"{where}: `other` rows have no years and no claimed_by")
            else:
                try:
                    y0, y1 = int(row["year_from"]), int(row["year_to"])
                    if not 2021 <= y0 <= y1 <= 2025:
                        raise ValueError
                except ValueError:
                    problems.append(f"{where}: bad years {row['year_from']!r}-{row['year_to']!r}")
                if row["claimed_by"] not in CLAIMS:
                    problems.append(f"{where}: claimed_by must be one of {CLAIMS}")
    return problems


def main(argv: list[str]) -> int:
    if len(argv) not in (2, 3):
        print(__doc__)
        return 2
    reports = Path(argv[2]) if len(argv) == 3 else Path(__file__).parent / "reports"
    problems = check(Path(argv[0]), Path(argv[1]), reports)
    for p in problems:
        print(p)
    print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
