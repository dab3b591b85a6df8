"""The per-report cache: a rebuild extracts only what changed, gives the very bytes a full
build gives, and never trusts an entry it cannot verify."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from badinput import ROOT, SEED_CATALOG, copy_seeds

from etl.__main__ import main
from etl.pipeline import build, write_build
from etl.reportcache import CACHE_FORMAT, default_cache_dir, extractor_version

FIXTURES = ROOT / "tests" / "fixtures" / "reports"
NEW_REPORT = (
    "Resistance fighters strike Taliban post in northern Afghanistan\n"
    "Published March 3, 2023\n"
    "The National Resistance Front said on Monday its fighters attacked a Taliban post in "
    "the Andarab district of Baghlan province.\n"
)


def corpus(tmp_path: Path) -> tuple[Path, Path]:
    """The seeds, the article page and the PDF brief, with a catalog naming them all."""
    reports = tmp_path / "reports"
    copy_seeds(reports)
    shutil.copyfile(FIXTURES / "article.html", reports / "ledger.html")
    shutil.copyfile(FIXTURES / "brief.pdf", reports / "brief.pdf")
    catalog = tmp_path / "sources.csv"
    rows = "ledger.html,Kabul Ledger,,,,\nbrief.pdf,Northern Monitor,,,2023-06,\n"
    catalog.write_text(SEED_CATALOG.read_text(encoding="utf-8") + rows, encoding="utf-8")
    return reports, catalog


def full_build(reports: Path, catalog: Path, out: Path) -> bytes:
    """The table built with no cache at all."""
    written, table = cached_build(reports, catalog, out, None)
    assert written.reports_cached == 0
    return table


def cached_build(reports: Path, catalog: Path, out: Path, cache: Path | None, jobs: int = 1):
    with open(os.devnull, "w") as quiet:
        written = write_build(reports, catalog, out, cache=cache, jobs=jobs, stream=quiet)
    return written, out.read_bytes()


def entries(cache: Path) -> list[Path]:
    return sorted(cache.rglob("*.json"))


@pytest.mark.parametrize("jobs", [1, 2])
def test_adding_one_report_extracts_one_and_gives_the_bytes_of_a_full_build(tmp_path, jobs):
    reports, catalog = corpus(tmp_path)
    cache = tmp_path / "cache"
    first, table = cached_build(reports, catalog, tmp_path / "a.csv", cache, jobs)
    assert (first.reports_found, first.reports_cached) == (7, 0)
    assert table == full_build(reports, catalog, tmp_path / "full_a.csv")
    (reports / "zz_new.txt").write_text(NEW_REPORT, encoding="utf-8")
    second, table = cached_build(reports, catalog, tmp_path / "b.csv", cache, jobs)
    assert (second.reports_found, second.reports_cached) == (8, 7)
    assert b"zz_new" in table
    assert table == full_build(reports, catalog, tmp_path / "full_b.csv")


def test_a_build_in_memory_gives_the_same_rows_from_the_cache(tmp_path):
    reports, catalog = corpus(tmp_path)
    cache = tmp_path / "cache"
    cached_build(reports, catalog, tmp_path / "a.csv", cache)
    from_cache = build(reports, catalog, cache=cache)
    assert from_cache.reports_cached == 7
    assert from_cache.rows == build(reports, catalog).rows


def test_a_report_that_names_no_place_is_cached_too(tmp_path):
    reports, catalog = corpus(tmp_path)
    (reports / "zz_quiet.txt").write_text(
        "Markets steady\nPublished March 3, 2023\nPrices held steady this week.\n",
        encoding="utf-8",
    )
    cache = tmp_path / "cache"
    cached_build(reports, catalog, tmp_path / "a.csv", cache)
    again, table = cached_build(reports, catalog, tmp_path / "b.csv", cache)
    assert again.reports_cached == 8
    assert table == full_build(reports, catalog, tmp_path / "full.csv")


def test_cells_a_spreadsheet_would_run_are_protected_and_still_cached(tmp_path):
    """Lines written protected pass the entry's checks: no false alarm for them."""
    reports, catalog = corpus(tmp_path)
    (reports / "zz_formula.txt").write_text(NEW_REPORT, encoding="utf-8")
    with catalog.open("a", encoding="utf-8") as handle:
        handle.write('zz_formula.txt,"=cmd|\' /C calc\'!A0","+Title, with ""quotes""",'
                     "@author,2023-03,\n")  # fmt: skip
    cache = tmp_path / "cache"
    _, first = cached_build(reports, catalog, tmp_path / "a.csv", cache)
    again, table = cached_build(reports, catalog, tmp_path / "b.csv", cache)
    assert again.reports_cached == 8 and table == first
    assert b"'=cmd|" in table and b"'+Title" in table and b"'@author" in table


def test_a_changed_report_or_catalog_row_is_extracted_again(tmp_path):
    reports, catalog = corpus(tmp_path)
    cache = tmp_path / "cache"
    cached_build(reports, catalog, tmp_path / "a.csv", cache)
    page = reports / "ledger.html"
    page.write_bytes(page.read_bytes().replace(b"two Taliban posts", b"three Taliban posts"))
    catalog.write_text(catalog.read_text().replace("Northern Monitor", "N. Monitor"))
    written, table = cached_build(reports, catalog, tmp_path / "b.csv", cache)
    assert written.reports_cached == 5  # the seeds; the page and the brief are extracted again
    assert b"three Taliban posts" in table and b"N. Monitor" in table
    assert table == full_build(reports, catalog, tmp_path / "full.csv")


def _truncated(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:-40])


def _flipped(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[-30] ^= 0x01
    path.write_bytes(bytes(data))


def _emptied(path: Path) -> None:
    path.write_bytes(b"")


def _resealed(path: Path, edit) -> None:
    """Edit the content (its JSON line and table lines) and write a matching checksum: only
    the content checks can tell."""
    about, _, table = path.read_bytes().partition(b"\n")[2].partition(b"\n")
    about, table = edit(json.loads(about), table.decode())
    body = json.dumps(about).encode() + b"\n" + table.encode()
    path.write_bytes(f"{CACHE_FORMAT} {hashlib.sha256(body).hexdigest()}\n".encode() + body)


def _edit_first_row(edit):
    """An edit of the entry's first table row (a list of cells), the CSV written back."""

    def edited(about: dict, table: str) -> tuple[dict, str]:
        rows = list(csv.reader(io.StringIO(table, newline="")))
        edit(rows[0])
        buffer = io.StringIO(newline="")
        csv.writer(buffer, lineterminator="\n").writerows(rows)
        return about, buffer.getvalue()

    return edited


def _wrong_cell_type(path: Path) -> None:
    _resealed(path, _edit_first_row(lambda row: row.__setitem__(10, "12a")))


def _missing_cell(path: Path) -> None:
    _resealed(path, _edit_first_row(lambda row: row.pop()))


def _formula_cell(path: Path) -> None:
    """A title a spreadsheet would run, in place of its protected form."""
    _resealed(path, _edit_first_row(lambda row: row.__setitem__(2, '=HYPERLINK("x")')))


def _formula_line(path: Path) -> None:
    """A second line inside the evidence cell that a spreadsheet would run."""
    _resealed(path, _edit_first_row(lambda row: row.__setitem__(12, row[12] + "\n@SUM(A1)")))


def _wrong_count(path: Path) -> None:
    _resealed(path, lambda about, table: ({**about, "count": about["count"] + 1}, table))


def _moved(paths: list[Path]) -> None:
    """Each entry holds the next one's valid content: stale or misplaced entries."""
    contents = [path.read_bytes() for path in paths]
    for path, content in zip(paths, contents[1:] + contents[:1], strict=True):
        path.write_bytes(content)


def _made_links(paths: list[Path]) -> None:
    """Each entry a symbolic link to the next one."""
    targets = [path.with_suffix(".target") for path in paths]
    for path, target in zip(paths, targets, strict=True):
        path.rename(target)
    for path, target in zip(paths, targets[1:] + targets[:1], strict=True):
        path.symlink_to(target)


def _each(spoil):
    return lambda paths: [spoil(path) for path in paths]


@pytest.mark.parametrize(
    "spoil",
    [_each(_truncated), _each(_flipped), _each(_emptied), _each(_wrong_cell_type),
     _each(_missing_cell), _each(_formula_cell), _each(_formula_line), _each(_wrong_count),
     _moved, _made_links],
    ids=["truncated", "flipped", "emptied", "wrong_cell_type", "missing_cell", "formula_cell",
         "formula_line", "wrong_count", "moved", "links"],
)  # fmt: skip
def test_a_spoiled_entry_is_rebuilt_never_trusted(tmp_path, spoil):
    reports, catalog = corpus(tmp_path)
    cache = tmp_path / "cache"
    _, clean = cached_build(reports, catalog, tmp_path / "a.csv", cache)
    spoil(entries(cache))
    written, table = cached_build(reports, catalog, tmp_path / "b.csv", cache)
    assert written.reports_cached == 0
    assert table == clean
    again, table = cached_build(reports, catalog, tmp_path / "c.csv", cache)
    assert again.reports_cached == 7 and table == clean  # the entries were rewritten whole


def test_an_entry_under_the_wrong_key_is_refused_even_with_a_fresh_checksum(tmp_path):
    """The checksum catches damage; the key stored inside each entry catches an entry
    written for other input."""
    reports, catalog = corpus(tmp_path)
    cache = tmp_path / "cache"
    _, clean = cached_build(reports, catalog, tmp_path / "a.csv", cache)
    for entry in entries(cache):
        _resealed(entry, lambda about, table: ({**about, "key": "0" * 64}, table))
    written, table = cached_build(reports, catalog, tmp_path / "b.csv", cache)
    assert written.reports_cached == 0 and table == clean


def test_a_folder_in_place_of_an_entry_is_replaced_by_the_entry(tmp_path):
    reports, catalog = corpus(tmp_path)
    cache = tmp_path / "cache"
    _, clean = cached_build(reports, catalog, tmp_path / "a.csv", cache)
    victim = entries(cache)[0]
    victim.unlink()
    (victim / "inside").mkdir(parents=True)
    written, table = cached_build(reports, catalog, tmp_path / "b.csv", cache)
    assert written.reports_cached == 6 and table == clean
    assert cached_build(reports, catalog, tmp_path / "c.csv", cache)[0].reports_cached == 7


def test_the_extractor_version_covers_every_code_and_data_file_under_etl(tmp_path):
    copy = tmp_path / "etl"
    shutil.copytree(ROOT / "etl", copy, ignore=shutil.ignore_patterns("__pycache__"))
    assert extractor_version(copy) == extractor_version(ROOT / "etl")
    versions = {extractor_version(copy)}
    for name in ("places.csv", "extract/patterns.py", "limits.py"):
        changed = tmp_path / f"etl_{len(versions)}"
        shutil.copytree(copy, changed)
        with (changed / name).open("a", encoding="utf-8") as handle:
            handle.write("\n")
        versions.add(extractor_version(changed))
    assert len(versions) == 4


def run_etl(*args: str | Path, code: Path = ROOT) -> subprocess.Popen:
    """`python -m etl` with the etl package found in code (another tree: another version)."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    return subprocess.Popen(
        [sys.executable, "-m", "etl", *map(str, args)],
        cwd=code, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def finished(process: subprocess.Popen) -> str:
    _, err = process.communicate(timeout=300)
    assert process.returncode == 0, err
    return err


def test_a_new_extractor_version_extracts_everything_and_drops_the_old_entries(tmp_path):
    reports, catalog = corpus(tmp_path)
    out, cache = tmp_path / "out.csv", tmp_path / "cache"
    finished(run_etl("--reports", reports, "--catalog", catalog, "--out", out, "--cache", cache))
    [old_version] = [p.name for p in cache.iterdir()]
    code = tmp_path / "code"
    shutil.copytree(ROOT / "etl", code / "etl", ignore=shutil.ignore_patterns("__pycache__"))
    with (code / "etl" / "limits.py").open("a", encoding="utf-8") as handle:
        handle.write("# a changed extractor\n")
    args = ("--reports", reports, "--catalog", catalog, "--out", out, "--cache", cache)
    err = finished(run_etl(*args, code=code))
    assert "from the cache" not in err
    assert old_version not in [p.name for p in cache.iterdir()]
    assert len(entries(cache)) == 7


def test_two_builds_at_once_share_the_cache_safely(tmp_path):
    reports, catalog = corpus(tmp_path)
    for index in range(10):  # enough work that the two runs overlap
        shutil.copyfile(FIXTURES / "article.html", reports / f"copy_{index:02d}.html")
    cache = tmp_path / "cache"
    args = ("--reports", reports, "--catalog", catalog, "--cache", cache, "--jobs", "2")
    runs = [run_etl(*args, "--out", tmp_path / f"{n}.csv") for n in ("a", "b")]
    for process in runs:
        finished(process)
    expected = full_build(reports, catalog, tmp_path / "full.csv")
    assert (tmp_path / "a.csv").read_bytes() == expected == (tmp_path / "b.csv").read_bytes()
    assert [p for p in cache.rglob("*") if p.name.endswith(".tmp")] == []
    err = finished(run_etl("--reports", reports, "--catalog", catalog,
                           "--out", tmp_path / "c.csv", "--cache", cache))  # fmt: skip
    assert "17 report(s) unchanged, taken from the cache" in err
    assert (tmp_path / "c.csv").read_bytes() == expected


def test_the_command_caches_beside_its_output_unless_told_otherwise(tmp_path, capsys):
    reports, catalog = corpus(tmp_path)
    out = tmp_path / "data" / "table.csv"
    args = ["--reports", str(reports), "--catalog", str(catalog), "--out", str(out)]
    assert main([*args, "--no-cache"]) == 0
    assert not default_cache_dir(out).exists()
    assert main(args) == 0
    assert "from the cache" not in capsys.readouterr().err
    assert len(entries(tmp_path / "data" / ".cache" / "etl")) == 7
    assert main(args) == 0
    assert capsys.readouterr().err.rstrip().endswith(
        "; 7 report(s) unchanged, taken from the cache"
    )


def test_git_ignores_the_cache():
    probe = ROOT / "data" / ".cache" / "etl" / "x.json"
    result = subprocess.run(["git", "check-ignore", "-q", str(probe)], cwd=ROOT)
    assert result.returncode == 0
