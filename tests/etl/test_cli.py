"""`python -m etl` and `python -m etl.evaluate` as a user runs them, in a subprocess."""

from __future__ import annotations

import csv
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from badinput import ROOT, SEED_CATALOG, SEEDS, copy_seeds, make_bad_corpus

from etl.pipeline import build_rows
from etl.scoring import load_gold, score

COMMITTED_TABLE = ROOT / "data" / "nrf_activity.csv"
GOLD = ROOT / "tests" / "fixtures" / "seeds_gold.csv"
# Enough copies of the seeds that extraction takes several seconds even at 20 MB/s.
INTERRUPT_COPIES = 3000
INTERRUPT_AFTER_S = 1.5


def run(*args: str | Path, cwd: Path = ROOT, module: str = "etl") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", module, *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_committed_table_is_exactly_what_the_command_produces_from_the_seeds(tmp_path):
    out = tmp_path / "nrf_activity.csv"
    result = run("--reports", SEEDS, "--catalog", SEED_CATALOG, "--out", out)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == COMMITTED_TABLE.read_bytes(), (
        "data/nrf_activity.csv is stale: regenerate it with `python -m etl`"
    )


def test_defaults_are_relative_to_the_working_directory(tmp_path):
    copy_seeds(tmp_path / "seeds")
    shutil.copyfile(SEED_CATALOG, tmp_path / "seeds" / "sources.csv")
    result = run(cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = tmp_path / "data" / "nrf_activity.csv"
    assert out.read_bytes() == COMMITTED_TABLE.read_bytes()
    summary = result.stderr.strip().splitlines()[-1]
    with out.open(encoding="utf-8", newline="") as handle:
        rows = len(list(csv.DictReader(handle)))
    assert summary == (
        f"etl: 5 of 5 reports read, {rows} rows written to data/nrf_activity.csv, 0 warnings"
    )


def test_rerun_is_byte_identical_and_jobs_do_not_change_the_output(tmp_path):
    corpus = make_bad_corpus(tmp_path)
    outputs = []
    for name, jobs in (("a.csv", "1"), ("b.csv", "1"), ("c.csv", "2")):
        out = tmp_path / name
        result = run("--reports", corpus.reports, "--catalog", corpus.catalog, "--out", out,
                     "--jobs", jobs)  # fmt: skip
        assert result.returncode == 0, result.stderr
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1] == outputs[2]


def test_bad_inputs_warn_with_file_and_line_and_the_table_is_still_written(tmp_path):
    corpus = make_bad_corpus(tmp_path)
    out = tmp_path / "table.csv"
    result = run("--reports", corpus.reports, "--catalog", corpus.catalog, "--out", out)
    assert result.returncode == 0, result.stderr
    err = result.stderr
    reports, catalog = corpus.reports, corpus.catalog
    assert f"warning: {reports}/empty.txt: empty report" in err
    assert f"warning: {reports}/binary.txt: binary file" in err
    assert f"warning: {reports}/legacy.txt:1: not valid UTF-8" in err
    assert f"warning: {reports}/uncatalogued.txt: not in the catalog {catalog}" in err
    assert f"warning: {catalog}:{corpus.missing_file_line}: catalog row names a report" in err
    assert f"warning: {catalog}:{corpus.duplicate_line}: duplicate row" in err
    assert f"warning: {catalog}:{corpus.bad_date_line}: unparseable published date" in err
    assert err.strip().splitlines()[-1].endswith("8 warnings")
    assert b"uncatalogued," in out.read_bytes()


def test_strict_exits_1_and_leaves_the_previous_table_intact(tmp_path):
    corpus = make_bad_corpus(tmp_path)
    out = tmp_path / "table.csv"
    assert run("--reports", SEEDS, "--catalog", SEED_CATALOG, "--out", out).returncode == 0
    before = out.read_bytes()
    result = run("--reports", corpus.reports, "--catalog", corpus.catalog, "--out", out,
                 "--strict", "--jobs", "2")  # fmt: skip
    assert result.returncode == 1
    assert f"error: {corpus.catalog}:{corpus.duplicate_line}: duplicate row" in result.stderr
    assert "nothing written" in result.stderr
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["sources.csv", "table.csv"]


def test_strict_on_clean_input_succeeds(tmp_path):
    out = tmp_path / "t.csv"
    result = run("--reports", SEEDS, "--catalog", SEED_CATALOG, "--out", out, "--strict")
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == COMMITTED_TABLE.read_bytes()


def large_corpus(root: Path, copies: int) -> tuple[Path, Path]:
    """Many catalogued copies of the seeds: a run long enough to interrupt half-way."""
    reports = root / "many"
    reports.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))
    lines = ["file,source,title,author,published,url"]
    for index in range(copies):
        name = f"copy_{index:05d}.txt"
        shutil.copyfile(seeds[index % len(seeds)], reports / name)
        lines.append(f"{name},Copies,Copy {index},,2022-01,")
    catalog = root / "many.csv"
    catalog.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return reports, catalog


def test_interrupted_run_leaves_the_previous_table_intact(tmp_path):
    reports, catalog = large_corpus(tmp_path, INTERRUPT_COPIES)
    out = tmp_path / "table.csv"
    out.write_bytes(b"previous table\n")
    command = [sys.executable, "-m", "etl", "--reports", str(reports), "--catalog", str(catalog),
               "--out", str(out)]  # fmt: skip
    child = subprocess.Popen(command, cwd=ROOT, stderr=subprocess.PIPE, text=True)
    time.sleep(INTERRUPT_AFTER_S)
    assert child.poll() is None, "the run finished before it could be interrupted"
    child.send_signal(signal.SIGINT)
    _, err = child.communicate(timeout=120)
    assert child.returncode == 130
    assert f"error: interrupted; {out} left as it was" in err
    assert out.read_bytes() == b"previous table\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["many.csv", "table.csv"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--catalog", "missing.csv"), "error: missing.csv: catalog file not found"),
        (("--reports", "no_such_dir"), "error: no_such_dir: reports directory not found"),
        (
            ("--reports", "empty_dir"),
            "error: empty_dir: no reports (*.txt, *.html, *.htm, *.pdf) in this directory",
        ),
    ],
)
def test_missing_inputs_exit_1_without_touching_the_output(tmp_path, args, message):
    (tmp_path / "empty_dir").mkdir()
    out = tmp_path / "t.csv"
    out.write_bytes(b"previous\n")
    result = run("--reports", SEEDS, "--catalog", SEED_CATALOG, *args, "--out", out, cwd=tmp_path)
    assert result.returncode == 1
    assert message in result.stderr
    assert out.read_bytes() == b"previous\n"


@pytest.mark.parametrize("args", [("--jobs", "0"), ("--jobs", "two"), ("--bogus",)])
def test_usage_errors_exit_2(args):
    result = run(*args)
    assert result.returncode == 2
    assert "usage:" in result.stderr


def test_evaluate_prints_the_scores_of_the_table_python_m_etl_builds():
    result = run("--gold", GOLD, module="etl.evaluate")
    assert result.returncode == 0, result.stderr
    figures = result.stdout.splitlines()[0].split()
    printed = dict(zip(figures[2:13:2], figures[3:14:2], strict=True))
    expected = score(build_rows(SEEDS, SEED_CATALOG), load_gold(GOLD))
    assert figures[:2] == ["seeds_gold", "dev"]
    assert printed == {
        "precision": f"{expected.precision:.3f}",
        "recall": f"{expected.recall:.3f}",
        "F1": f"{expected.f1:.3f}",
        "years": f"{expected.year_agreement:.3f}",
        "claims": f"{expected.claim_agreement:.3f}",
        "mentions": f"{expected.mention_recall:.3f}",
    }
    assert f"false positives (NRF activity extracted, not in the gold): " \
        f"{len(expected.false_positives)}" in result.stdout
    assert f"false negatives (NRF activity in the gold, not extracted): " \
        f"{len(expected.false_negatives)}" in result.stdout


def test_evaluate_reports_a_bad_gold_file_with_its_line(tmp_path):
    gold = tmp_path / "gold.csv"
    gold.write_text(
        "file,province,iso_3166_2,category,year_from,year_to,note\n"
        "a.txt,Panjshir,AF-PAN,fighting,2021,2021,\n",
        encoding="utf-8",
    )
    result = run("--gold", gold, module="etl.evaluate")
    assert result.returncode == 1
    assert str(gold) in result.stderr and "line 2" in result.stderr


def test_evaluate_a_folder_without_its_gold_is_a_usage_error():
    assert run("--reports", SEEDS, module="etl.evaluate").returncode == 2


def test_an_error_naming_a_hostile_path_stays_on_one_line(tmp_path):
    catalog = "missing\nerror: all good\x1b[2K.csv"
    result = run("--reports", SEEDS, "--catalog", catalog, "--out", tmp_path / "t.csv")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "error: missing\\nerror: all good\\x1b[2K.csv: catalog file not found"
    ]


def test_a_publication_date_in_the_future_warns_and_fails_under_strict(tmp_path):
    reports = tmp_path / "reports"
    copy_seeds(reports)
    lines = SEED_CATALOG.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace(lines[1].split(",")[4], "2099-01", 1)
    catalog = tmp_path / "sources.csv"
    catalog.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "t.csv"
    result = run("--reports", reports, "--catalog", catalog, "--out", out)
    assert result.returncode == 0
    assert f"warning: {catalog}:2: {reports}/" in result.stderr
    assert "published date 2099-01 is in the future (today is " in result.stderr
    strict = run("--reports", reports, "--catalog", catalog, "--out", tmp_path / "s.csv",
                 "--strict")  # fmt: skip
    assert strict.returncode == 1 and not (tmp_path / "s.csv").exists()


def _temporary_files(folder: Path) -> list[Path]:
    return sorted(folder.glob(".*.tmp"))


def test_the_table_is_streamed_to_disk_while_reports_are_read(tmp_path):
    """Rows reach the (temporary) output while the run goes on: memory holds one report's
    rows, not the table."""
    reports, catalog = large_corpus(tmp_path, INTERRUPT_COPIES)
    out = tmp_path / "table.csv"
    command = [sys.executable, "-m", "etl", "--reports", str(reports), "--catalog", str(catalog),
               "--out", str(out)]  # fmt: skip
    child = subprocess.Popen(command, cwd=ROOT, stderr=subprocess.PIPE, text=True)
    written = 0
    deadline = time.monotonic() + 30
    while child.poll() is None and time.monotonic() < deadline and written < 100_000:
        written = sum(p.stat().st_size for p in _temporary_files(tmp_path) if p.exists())
        time.sleep(0.05)
    running = child.poll() is None
    child.send_signal(signal.SIGINT)
    child.communicate(timeout=120)
    assert running and written >= 100_000, "no rows were written before the run ended"
    assert not out.exists() and _temporary_files(tmp_path) == []


REFUSED = "not a regular file; refusing to replace it"


def _make_link(out: Path) -> None:
    (out.parent / "real.csv").write_bytes(b"real table\n")
    out.symlink_to("real.csv")


@pytest.mark.parametrize(
    ("make", "out_name", "message"),
    [
        (Path.mkdir, "out", f"is a directory, {REFUSED}"),
        (_make_link, "out.csv", f"is a symbolic link, {REFUSED}"),
        (os.mkfifo, "out.csv", f"is a named pipe (FIFO), {REFUSED}"),
        (lambda out: out.parent.write_text("a file"), "file/out.csv", "Not a directory"),
    ],
)
def test_an_out_that_is_not_a_regular_file_is_refused_naming_it(tmp_path, make, out_name, message):
    out = tmp_path / out_name
    make(out)
    before = sorted((p.name, p.is_symlink()) for p in tmp_path.iterdir())
    result = run("--reports", SEEDS, "--catalog", SEED_CATALOG, "--out", out)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [f"error: {out}: {message}"]
    assert sorted((p.name, p.is_symlink()) for p in tmp_path.iterdir()) == before
    if out.is_symlink():
        assert (tmp_path / "real.csv").read_bytes() == b"real table\n"


def _children(pid: int) -> set[int]:
    """Live child processes of pid, from /proc (Linux)."""
    found = set()
    for stat_file in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat_file.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.add(int(stat_file.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _start_two_jobs(tmp_path: Path) -> tuple[subprocess.Popen, Path, set[int]]:
    """A --jobs 2 run on a long corpus, well under way; with its two workers."""
    reports, catalog = large_corpus(tmp_path, INTERRUPT_COPIES)
    out = tmp_path / "table.csv"
    out.write_bytes(b"previous table\n")
    command = [sys.executable, "-m", "etl", "--reports", str(reports), "--catalog", str(catalog),
               "--out", str(out), "--jobs", "2"]  # fmt: skip
    child = subprocess.Popen(command, cwd=ROOT, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while child.poll() is None and time.monotonic() < deadline and len(_children(child.pid)) < 2:
        time.sleep(0.05)
    time.sleep(INTERRUPT_AFTER_S)
    workers = _children(child.pid)
    assert child.poll() is None and len(workers) == 2, "the run ended before it could be stopped"
    return child, out, workers


def _gone_within(pids: set[int], seconds: float) -> set[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and any(map(_alive, pids)):
        time.sleep(0.05)
    return {pid for pid in pids if _alive(pid)}


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_sigterm_cleans_up_says_so_and_stops_the_workers(tmp_path):
    child, out, workers = _start_two_jobs(tmp_path)
    child.send_signal(signal.SIGTERM)
    _, err = child.communicate(timeout=60)
    assert child.returncode == 143
    assert err.strip().splitlines()[-1] == f"error: terminated; {out} left as it was"
    assert "Traceback" not in err
    assert out.read_bytes() == b"previous table\n"
    assert _temporary_files(tmp_path) == []
    assert _gone_within(workers, 2) == set()


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_workers_die_with_a_parent_killed_outright(tmp_path):
    child, _, workers = _start_two_jobs(tmp_path)
    child.kill()  # SIGKILL: the parent runs no cleanup at all
    _, err = child.communicate(timeout=60)
    assert _gone_within(workers, 2) == set(), "workers outlived their parent"
    assert "Traceback" not in err


def test_git_ignores_the_temporary_files_a_killed_run_leaves():
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    checked = subprocess.run(
        ["git", "check-ignore", "--no-index", "-q", "data/.nrf_activity.csv.k2j4_x.tmp"],
        cwd=ROOT,
        capture_output=True,
    )
    if checked.returncode == 128:
        pytest.skip(f"not a git checkout: {checked.stderr.decode().strip()}")
    assert checked.returncode == 0
