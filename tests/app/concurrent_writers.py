"""Writers the concurrency tests start as separate processes (not a test module).

    python concurrent_writers.py reviews PATH NAME COUNT     COUNT reviews, one save each
    python concurrent_writers.py reports FOLDER NAME COUNT   COUNT reports added, one by one
COUNT 0 means forever (until killed). The table is NRF_DATA; the catalog is FOLDER/sources.csv.
"""

from __future__ import annotations

import itertools
import sys
from datetime import date
from pathlib import Path

from app import addreport, reviews
from etl.model import ReportMeta

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "reports" / "bamyan_raid.txt"


def write_reviews(path: Path, name: str, count: int) -> None:
    for n in itertools.count() if count == 0 else range(count):
        review = reviews.Review(name, n, n + 6, "Bamyan", reviews.CONFIRMED, note=f"={name} {n}")
        reviews.save_reviews(path, [review])
        print(n, flush=True)


def add_reports(folder: Path, table: Path, name: str, count: int) -> None:
    for n in itertools.count() if count == 0 else range(count):
        data = FIXTURE.read_bytes() + f"\nFiled by {name}, copy {n}.\n".encode()
        candidate = addreport.examine(addreport.Upload(f"{name}-{n}.txt", data), folder)
        meta = ReportMeta("", f"Desk {name}", f"Raid report {n}", "", "2024-03-14", "")
        addreport.add(candidate, meta, folder, folder / "sources.csv", table,
                      today=date(2025, 1, 1))  # fmt: skip
        print(n, flush=True)


if __name__ == "__main__":
    kind, target, who, how_many = sys.argv[1:5]
    if kind == "reviews":
        write_reviews(Path(target), who, int(how_many))
    else:
        add_reports(Path(target), Path(sys.argv[5]), who, int(how_many))
