"""Speed and memory of the ETL on a synthetic corpus built from the seed reports' paragraphs.

    .venv/bin/python benchmarks/etl_bench.py [--sizes 500 2000] [--jobs 1 2] [--seed 2024]

For each corpus size it writes reports made of seed paragraphs drawn at random (fixed seed, so
every run measures the same corpus), sized like the seeds, with a matching catalog; the
"unique" variant also makes every sentence distinct, so that caches keyed on sentence text
cannot make repeated seed sentences look cheap (see make_corpus). Then, per
--jobs value, it times build_rows in this process (interpreter start-up and imports excluded;
best of --repeat runs; wall time, and CPU time summed over the parent and pool workers, which
is the per-process rate even when other programs share the cores), and runs `python -m etl` as
a child process to measure peak memory: the largest process's maximum RSS (RUSAGE_CHILDREN,
via a small launcher) and the sum over the process tree (CLI plus pool workers, sampled every
20 ms).
Targets from issue 3: >= 5 MB/s per process, <= 500 MB peak for 2,000 reports, and the
2,000-report run taking at most 4.4x the 500-report run.

Then, for the largest corpus (issue 10): the per-report cache, timed as the command runs
(write_build: extract and write the table file). It times a full build without a cache and
a build that fills an empty cache; then one report is added to the folder and its catalog,
and the rebuild with the cache is timed; target: that rebuild takes <= 10% of the full build.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from etl.pipeline import build_rows, write_build  # noqa: E402

SEEDS = ROOT / "seeds"
MB = 1024 * 1024
PAGE = os.sysconf("SC_PAGE_SIZE")
TARGET_MB_S = 5.0
TARGET_PEAK_MB = 500.0
TARGET_RATIO = 4.4
TARGET_ADDED_SHARE = 0.10


@dataclass(frozen=True)
class Corpus:
    reports: Path
    catalog: Path
    count: int
    size_bytes: int


@dataclass(frozen=True)
class Timing:
    """Best of the repeats: wall seconds, and CPU seconds summed over this process and workers."""

    seconds: float
    cpu_seconds: float
    rows: int


@dataclass(frozen=True)
class Memory:
    largest_mb: float
    tree_mb: float
    wall_seconds: float


def seed_material() -> tuple[list[str], list[int]]:
    """Non-blank seed lines (paragraphs, headings and page furniture alike) and seed sizes."""
    paragraphs: list[str] = []
    sizes: list[int] = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        sizes.append(len(text.encode("utf-8")))
        paragraphs.extend(line for line in text.splitlines() if line.strip())
    return paragraphs, sizes


_SENTENCE_END = re.compile(r"([.!?])(?=\s+[A-Z\"“‘]|\s*$)")
VARIANTS = ("recombined", "unique")


def make_corpus(directory: Path, count: int, rng: random.Random, *, unique: bool) -> Corpus:
    """Reports of random seed paragraphs; with unique, every sentence also gets its own tag.

    Recombined paragraphs repeat the seeds' sentences thousands of times, so any memoisation
    in the extractor turns most of the work into cache hits, which real, unseen reports never
    give. The unique variant appends a distinct lowercase nonsense word to each sentence (no
    digits, so no years; no capital, so no names) to measure the cost of text never seen before.
    """
    paragraphs, sizes = seed_material()
    reports = directory / "reports"
    reports.mkdir(parents=True)
    catalog_lines = ["file,source,title,author,published,url"]
    tags = itertools.count()
    total = 0
    for index in range(count):
        target = rng.choice(sizes)
        chosen: list[str] = []
        size = 0
        while size < target:
            paragraph = rng.choice(paragraphs)
            if unique:
                paragraph = _SENTENCE_END.sub(lambda end: f" zq{_letters(next(tags))}{end[1]}",
                                              paragraph)  # fmt: skip
            chosen.append(paragraph)
            size += len(paragraph.encode("utf-8")) + 1
        data = ("\n".join(chosen) + "\n").encode("utf-8")
        name = f"synthetic_{index:05d}.txt"
        (reports / name).write_bytes(data)
        total += len(data)
        year, month = rng.choice(range(2021, 2025)), rng.randint(1, 12)
        catalog_lines.append(f"{name},Synthetic,Synthetic report {index},,{year}-{month:02d},")
    catalog = directory / "sources.csv"
    catalog.write_text("\n".join(catalog_lines) + "\n", encoding="utf-8")
    return Corpus(reports=reports, catalog=catalog, count=count, size_bytes=total)


def _letters(number: int) -> str:
    """A number written in letters a-z, so the tag is a word and never a year."""
    out = ""
    while True:
        number, digit = divmod(number, 26)
        out = chr(ord("a") + digit) + out
        if number == 0:
            return out


def time_in_process(corpus: Corpus, jobs: int, repeat: int) -> Timing:
    """Best of `repeat` runs: on a shared machine the minimum is the least disturbed run.

    CPU time (this process plus the pool workers it has reaped) is also kept: it measures the
    work per process even when other programs compete for the cores.
    """
    timings = [_timed(lambda: build_rows(corpus.reports, corpus.catalog, jobs=jobs))
               for _ in range(repeat)]  # fmt: skip
    return min(timings, key=lambda timing: timing.seconds)


def _cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


# A small launcher runs the CLI and reports RUSAGE_CHILDREN's maxrss: the CLI is forked from
# this ~10 MB launcher, not from the benchmark process, whose memory a forked child's peak RSS
# would otherwise include (Linux keeps the high-water mark across exec).
_LAUNCHER = (
    "import resource, subprocess, sys\n"
    "code = subprocess.call(sys.argv[1:])\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    "sys.exit(code)\n"
)


def measure_cli(corpus: Corpus, jobs: int, out: Path) -> Memory:
    command = [
        sys.executable, "-c", _LAUNCHER,
        sys.executable, "-m", "etl", "--reports", str(corpus.reports),
        "--catalog", str(corpus.catalog), "--out", str(out), "--jobs", str(jobs),
        "--no-cache",  # issue 3's figures: the extraction itself, not the cache
    ]  # fmt: skip
    with tempfile.TemporaryFile() as stderr:
        start = time.perf_counter()
        child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=stderr)
        peak_tree = [0]
        done = threading.Event()
        sampler = threading.Thread(target=_sample_tree, args=(child.pid, peak_tree, done))
        sampler.start()
        stdout, _ = child.communicate()
        wall = time.perf_counter() - start
        done.set()
        sampler.join()
        if child.returncode != 0:
            stderr.seek(0)
            message = stderr.read().decode()
            raise SystemExit(f"python -m etl failed ({child.returncode}):\n{message}")
    largest = int(stdout.split()[-1]) * 1024 / MB  # Linux reports kilobytes
    return Memory(largest_mb=largest, tree_mb=peak_tree[0] / MB, wall_seconds=wall)


def _sample_tree(root: int, peak: list[int], done: threading.Event) -> None:
    while not done.is_set():
        peak[0] = max(peak[0], _tree_rss(root))
        done.wait(0.02)


def _tree_rss(root: int) -> int:
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    tree: set[int] = set()  # the launcher itself is not counted
    frontier = [root]
    while frontier:
        pid = frontier.pop()
        children = [child for child, parent in parents.items() if parent == pid]
        tree.update(children)
        frontier.extend(children)
    total = 0
    for pid in tree:
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE
        except OSError:
            continue
    return total


def main() -> int:
    cli = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    cli.add_argument("--sizes", type=int, nargs="+", default=[500, 2000])
    cli.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    cli.add_argument("--variants", nargs="+", choices=VARIANTS, default=list(VARIANTS))
    cli.add_argument("--seed", type=int, default=2024)
    cli.add_argument("--repeat", type=int, default=2, help="timed runs per case; best is kept")
    cli.add_argument("--no-eval", action="store_true", help="skip the eval/ corpus")
    args = cli.parse_args()

    # Warm up: imports and compiled patterns are start-up cost, not throughput.
    build_rows(SEEDS, SEEDS / "sources.csv")
    if not args.no_eval:
        _measure_eval_corpus(args.repeat)
    with tempfile.TemporaryDirectory(prefix="etl_bench_") as scratch:
        for variant in args.variants:
            results: dict[tuple[int, int], tuple[Corpus, Timing, Memory]] = {}
            for size in args.sizes:
                rng = random.Random(args.seed)
                directory = Path(scratch) / f"{variant}_{size}"
                corpus = make_corpus(directory, size, rng, unique=variant == "unique")
                print(f"{variant} corpus: {size} reports, {corpus.size_bytes / MB:.1f} MB",
                      flush=True)  # fmt: skip
                for jobs in args.jobs:
                    timing = time_in_process(corpus, jobs, args.repeat)
                    out = Path(scratch) / f"out_{variant}_{size}_{jobs}.csv"
                    memory = measure_cli(corpus, jobs, out)
                    results[(size, jobs)] = (corpus, timing, memory)
                    print(_line(corpus, jobs, timing, memory), flush=True)
            print(f"\ntargets, {variant} corpus:")
            _print_verdict(results, args.sizes, args.jobs)
            largest = max(args.sizes)
            for jobs in args.jobs:
                corpus = results[(largest, jobs)][0]
                cache = Path(scratch) / f"cache_{variant}_{jobs}"
                out = Path(scratch) / f"added_{variant}_{jobs}.csv"
                _print_added(corpus, jobs, cache, out, args.repeat)
            print(flush=True)
    return 0


def time_added_report(
    corpus: Corpus, jobs: int, cache: Path, out: Path, repeat: int
) -> tuple[Timing, Timing, Timing]:
    """The command's full build without a cache, then one filling an empty cache; then, best
    of `repeat`, add one new report and rebuild with the cache.

    Each added report is a copy of the first with one word changed (new bytes, so exactly
    one miss), catalogued like the others; all are removed after, leaving the corpus as it was.
    """
    full = _timed(lambda: _write(corpus, jobs, None, out))
    cold = _timed(lambda: _write(corpus, jobs, cache, out))
    first = min(corpus.reports.glob("*.txt")).read_bytes()
    catalog = corpus.catalog.read_bytes()
    added: list[Path] = []
    timings: list[Timing] = []
    try:
        for index in range(repeat):
            path = corpus.reports / f"synthetic_added_{index}.txt"
            path.write_bytes(first.replace(b"the", b"a", 1) + f"\nAdded {index}.\n".encode())
            added.append(path)
            with corpus.catalog.open("ab") as handle:
                handle.write(f"{path.name},Synthetic,Added {index},,2023-05,\n".encode())
            timings.append(_timed(lambda: _write(corpus, jobs, cache, out)))
    finally:
        for path in added:
            path.unlink()
        corpus.catalog.write_bytes(catalog)
    return full, cold, min(timings, key=lambda timing: timing.seconds)


def _write(corpus: Corpus, jobs: int, cache: Path | None, out: Path) -> int:
    """What `python -m etl` does: build the table file; the number of rows written."""
    with open(os.devnull, "w") as quiet:
        written = write_build(corpus.reports, corpus.catalog, out, jobs=jobs, cache=cache,
                              stream=quiet)  # fmt: skip
    return written.rows


def _timed(run: Callable[[], list | int]) -> Timing:
    """Wall and CPU seconds (this process and the pool workers it reaped) of one build."""
    cpu_start = _cpu_seconds()
    start = time.perf_counter()
    result = run()
    rows = result if isinstance(result, int) else len(result)
    return Timing(seconds=time.perf_counter() - start, cpu_seconds=_cpu_seconds() - cpu_start,
                  rows=rows)  # fmt: skip


def _print_added(corpus: Corpus, jobs: int, cache: Path, out: Path, repeat: int) -> None:
    full, cold, rebuild = time_added_report(corpus, jobs, cache, out, repeat)
    share = rebuild.seconds / full.seconds
    cpu_share = rebuild.cpu_seconds / full.cpu_seconds
    ok = "ok" if share <= TARGET_ADDED_SHARE else "MISSED"
    print(f"  one report added to {corpus.count}, jobs={jobs}, the command's build (table "
          f"written): full build {full.seconds:.2f} s (no cache; cpu {full.cpu_seconds:.2f} s), "
          f"{cold.seconds:.2f} s filling the cache; rebuild with the cache "
          f"{rebuild.seconds:.2f} s (cpu {rebuild.cpu_seconds:.2f} s) = {share:.1%} of the "
          f"full build, {cpu_share:.1%} by CPU time (<= {TARGET_ADDED_SHARE:.0%}) {ok}",
          flush=True)  # fmt: skip


def _measure_eval_corpus(repeat: int) -> None:
    """The evaluation corpus as it is: real report lengths and a realistic share of names."""
    reports = ROOT / "eval" / "reports"
    files = sorted(reports.glob("*.txt"))
    corpus = Corpus(reports, ROOT / "eval" / "catalog.csv", len(files),
                    sum(f.stat().st_size for f in files))  # fmt: skip
    timing = time_in_process(corpus, 1, repeat)
    mb = corpus.size_bytes / MB
    print(f"eval corpus: {corpus.count} reports, {mb:.2f} MB, jobs=1: {timing.seconds:.3f} s, "
          f"{mb / timing.cpu_seconds:.2f} MB/s per process\n", flush=True)  # fmt: skip


def _line(corpus: Corpus, jobs: int, timing: Timing, memory: Memory) -> str:
    mb = corpus.size_bytes / MB
    return (
        f"  reports={corpus.count:5d} jobs={jobs}  wall={timing.seconds:6.2f} s "
        f"{mb / timing.seconds:6.2f} MB/s  {corpus.count / timing.seconds:6.1f} reports/s  "
        f"cpu={timing.cpu_seconds:6.2f} s {mb / timing.cpu_seconds:5.2f} MB/s per process  "
        f"rows={timing.rows}  peak RSS: largest process {memory.largest_mb:5.1f} MB, "
        f"process tree {memory.tree_mb:5.1f} MB  (CLI wall {memory.wall_seconds:.2f} s)"
    )


def _print_verdict(results, sizes: list[int], jobs_list: list[int]) -> None:
    for (size, jobs), (corpus, timing, memory) in sorted(results.items()):
        mb = corpus.size_bytes / MB
        per_process = mb / timing.cpu_seconds
        wall_per_process = mb / timing.seconds / jobs
        ok = "ok" if per_process >= TARGET_MB_S else "MISSED"
        print(f"  {size} reports, jobs={jobs}: {per_process:.2f} MB/s per process by CPU time, "
              f"{wall_per_process:.2f} by wall time / jobs (>= {TARGET_MB_S}) {ok}")  # fmt: skip
        if size >= 2000:
            peak = max(memory.largest_mb, memory.tree_mb)
            ok = "ok" if peak <= TARGET_PEAK_MB else "MISSED"
            print(f"  {size} reports, jobs={jobs}: peak {peak:.1f} MB (<= {TARGET_PEAK_MB}) {ok}")
    if 500 in sizes and 2000 in sizes:
        for jobs in jobs_list:
            small, large = results[(500, jobs)][1], results[(2000, jobs)][1]
            ratio = large.seconds / small.seconds
            cpu_ratio = large.cpu_seconds / small.cpu_seconds
            ok = "ok" if ratio <= TARGET_RATIO else "MISSED"
            print(f"  jobs={jobs}: time(2000) / time(500) = {ratio:.2f} wall, {cpu_ratio:.2f} CPU "
                  f"(<= {TARGET_RATIO}) {ok}")  # fmt: skip


if __name__ == "__main__":
    sys.exit(main())
