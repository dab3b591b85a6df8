"""A report folder and catalog with one of each bad input the issue lists, built in tmp_path.

Shared by the pipeline and CLI tests. Line numbers below are those of the catalog written
here, so tests can check that messages point at the right line.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
SEED_CATALOG = SEEDS / "sources.csv"
CP1252_ORIGINAL = "000_1c729e261becc1e3"
UNCATALOGUED_TEXT = (
    "Resistance fighters ambush Taliban convoy in northern Afghanistan\n"
    "Published March 3, 2023\n"
    "The National Resistance Front said its fighters attacked a Taliban convoy in Panjshir "
    "province on Thursday, killing four.\n"
)


@dataclass(frozen=True)
class BadCorpus:
    reports: Path
    catalog: Path
    duplicate_line: int
    bad_date_line: int
    missing_file_line: int


def copy_seeds(reports: Path) -> None:
    reports.mkdir(parents=True, exist_ok=True)
    for path in sorted(SEEDS.glob("*.txt")):
        shutil.copyfile(path, reports / path.name)


def make_bad_corpus(root: Path) -> BadCorpus:
    """Seeds plus: empty, binary, cp1252, uncatalogued, missing-file, duplicate, bad-date."""
    reports = root / "reports"
    copy_seeds(reports)
    (reports / "empty.txt").write_bytes(b"  \n\n")
    (reports / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(300))
    original = (SEEDS / f"{CP1252_ORIGINAL}.txt").read_text(encoding="utf-8")
    (reports / "legacy.txt").write_bytes(original.encode("cp1252"))
    (reports / "uncatalogued.txt").write_text(UNCATALOGUED_TEXT, encoding="utf-8")
    shutil.copyfile(SEEDS / "003_a74b8543341d43d8.txt", reports / "baddate.txt")

    lines = SEED_CATALOG.read_text(encoding="utf-8").splitlines()
    seed_row = next(line for line in lines if line.startswith(CP1252_ORIGINAL))
    extra = [
        "legacy.txt,Legacy Press,Legacy title,,2021-09,",
        "empty.txt,Empty Press,Empty,,2022-01,",
        "binary.txt,Binary Press,Binary,,2022-01,",
        "gone.txt,Gone Press,Gone,,2022-01,",
        seed_row.replace("The Heritage Foundation", "Duplicate Publisher"),
        "baddate.txt,Fox News,Bad date,,2022-13,",
    ]
    all_lines = [*lines, *extra]
    catalog = root / "sources.csv"
    catalog.write_text("\n".join(all_lines) + "\n", encoding="utf-8")
    return BadCorpus(
        reports=reports,
        catalog=catalog,
        missing_file_line=all_lines.index(extra[3]) + 1,
        duplicate_line=all_lines.index(extra[4]) + 1,
        bad_date_line=all_lines.index(extra[5]) + 1,
    )
