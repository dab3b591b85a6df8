"""Two editors at once lose nothing; a writer killed mid-write leaves every file whole.

Real processes write the real files: reviews through app.reviews.save_reviews, reports through
app.addreport.add (file, catalog row, rebuilt table), all at the same time.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pandas as pd

from app import data, reviews
from etl.catalog import load_catalog
from etl.pipeline import write_build

ROOT = Path(__file__).resolve().parents[2]
WRITERS = Path(__file__).resolve().parent / "concurrent_writers.py"


def start(*args: str | Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, str(WRITERS), *map(str, args)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def finish(proc: subprocess.Popen) -> str:
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    return out


def corpus(tmp_path: Path) -> tuple[Path, Path]:
    """One seed report and its catalog: every add rebuilds the table, so the corpus is small."""
    folder = tmp_path / "reports"
    folder.mkdir()
    seeds = ROOT / "seeds"
    lines = (seeds / "sources.csv").read_text(encoding="utf-8").splitlines()
    first = lines[1].split(",", 1)[0]
    shutil.copy(seeds / first, folder / first)
    (folder / "sources.csv").write_text("\n".join(lines[:2]) + "\n", encoding="utf-8")
    table = tmp_path / "activity.csv"
    write_build(folder, folder / "sources.csv", table, today=date(2025, 1, 1))
    return folder, table


def test_two_reviewers_and_two_report_adders_at_once_lose_nothing(tmp_path):
    folder, table = corpus(tmp_path)
    path = tmp_path / "reviews.csv"
    procs = [start("reviews", path, name, 500) for name in ("ann", "bob")]
    procs += [start("reports", folder, name, 2, table) for name in ("cat", "dan")]
    for proc in procs:
        finish(proc)

    stored = reviews.load_reviews(path)
    assert len(stored) == 1000
    for name in ("ann", "bob"):
        mine = stored[stored["source_id"] == name]
        assert sorted(mine["char_start"]) == list(range(500))
        assert set(mine["note"]) == {f"={name} {n}" for n in range(500)}
    catalog = load_catalog(folder / "sources.csv")
    added = {e.meta.source for e in catalog.entries.values()} - {"", None}
    assert {"Desk cat", "Desk dan"} <= added
    new_ids = {sid for sid, e in catalog.entries.items() if e.meta.source.startswith("Desk ")}
    assert len(new_ids) == 4
    assert all((folder / f"{sid}.txt").is_file() for sid in new_ids)
    rebuilt = data.load_activity(table)
    assert new_ids <= set(rebuilt["source_id"]), "the last rebuild holds every added report"


def test_a_writer_killed_mid_write_leaves_every_file_whole(tmp_path):
    folder, table = corpus(tmp_path)
    path = tmp_path / "reviews.csv"
    for wait in (40, 150):
        writer = start("reviews", path, f"w{wait}", 0)
        adder = start("reports", folder, f"a{wait}", 0, table)
        for proc, enough in ((writer, wait), (adder, 1)):
            assert proc.stdout is not None
            for _ in range(enough):
                assert proc.stdout.readline(), proc.stderr.read() if proc.stderr else ""
        time.sleep(0.05 * (wait % 7))
        for proc in (writer, adder):
            proc.send_signal(signal.SIGKILL)
            proc.wait()
        stored = reviews.load_reviews(path)  # parses: whole, never half-written
        mine = sorted(stored.loc[stored["source_id"] == f"w{wait}", "char_start"])
        assert mine == list(range(len(mine))) and len(mine) >= wait
        catalog = load_catalog(folder / "sources.csv")
        assert not catalog.problems
        table_now = data.load_activity(table)
        assert isinstance(table_now, pd.DataFrame) and not table_now.empty
