"""Dashboard speed: first map against a bare map, and reruns and memory as the table grows.

Prints, against the targets of issues 4 and 9:
- page to map: seconds from opening the page in headless Chromium until Leaflet has drawn
  the 34 provinces, for the dashboard and for benchmarks/minimal_map_app.py (a page that only
  draws the same GeoJSON with st_folium), both served at once and loaded in turns (which
  goes first alternates), 5 times each after one untimed load of each, every load in a fresh
  browser context (empty cache) and on idle servers, off-site requests refused and counted.
  Both medians and their ratio (target <= 1.0). The time is read in the page, at the first
  frame it paints with the 34 shapes (DRAWN_PROBE); the times at which the harness's own
  wait saw them are printed too (it polls every 0.5 s once a page takes longer than 0.3 s,
  too coarse to compare two pages that close);
- per table size (the committed table, and 100k and 500k rows made by replicating its rows
  under new report ids), each in its own process: the first run of the page (load and
  draw), the median server-side time of a rerun after a filter change (Streamlit's AppTest,
  timeline moves, a category change, a report left out, each undone), and the process's
  peak memory (RSS);
- for the committed table, the bytes the map component is sent per rerun (issue 4: <= 250 KB);
- per table size, the full garbage collection Streamlit runs after every run, as the page
  leaves the process (app/heap.py) and with nothing frozen; and what each run's check that
  the process is frozen costs, against asking gc.get_freeze_count().

Run from anywhere: `python benchmarks/app_bench.py` (`--sizes 145` for the small table only,
`--no-browser` to skip Chromium). It reads the same table as the app (NRF_DATA, else
data/nrf_activity.csv). The browser part needs Debian's chromium; without it, it is skipped.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "browser")]

import pandas as pd  # noqa: E402
from browser_harness import (  # noqa: E402
    MAP,
    MAP_SHAPES,
    OffsiteGuard,
    find_chromium,
    launch_chromium,
    running_app,
)

from app import data  # noqa: E402
from app.mapcomponent import NAME as MAP_COMPONENT  # noqa: E402

MINIMAL_APP = ROOT / "benchmarks" / "minimal_map_app.py"
PAGE_LOADS = 5
# Seconds between loads: the rerun a drawn map asks for (the whole dashboard: ~0.1-0.3 s of
# the server's time) ran into the next load, the bare map's when loads took turns in a fixed
# order. A visitor's first map is never timed against such a run.
SETTLE_S = 1.0
N_PROVINCES = 34
SIZES = (0, 100_000, 500_000)  # 0: the table as it is
RERUNS = {0: 20, 100_000: 20, 500_000: 10}
TARGET_RATIO = 1.0
TARGET_PAYLOAD_KB = 250.0
# (first load s, rerun ms, peak MB) per size; None: no target.
TARGETS: dict[int, tuple[float | None, float | None, float | None]] = {
    0: (None, 100.0, None),
    100_000: (5.0, 250.0, None),
    500_000: (None, 3000.0, 1536.0),
}
# Where each page draws its map: the dashboard in the page itself (app/mapcomponent.py), the bare
# map in st_folium's iframe.
MINIMAL_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
# In every page, from its start: at each frame the top page paints, whether the map (in
# st_folium's iframe if the page has one, else in the page) holds the drawn provinces; the
# first time it does, the wall-clock time (ms) is kept. The same probe runs in both pages (a
# query per frame, until the map is drawn).
DRAWN_PROBE = """(() => {
    if (window !== window.top) { return; }
    const probe = () => {
        const frame = document.querySelector(FRAME);
        const doc = frame ? frame.contentDocument : document;
        if (doc && doc.querySelectorAll(SHAPES).length >= COUNT) {
            window.__mapDrawnAt = Date.now();
        } else {
            requestAnimationFrame(probe);
        }
    };
    requestAnimationFrame(probe);
})();""".replace("FRAME", json.dumps(MINIMAL_FRAME)).replace("SHAPES", json.dumps(MAP_SHAPES))
DRAWN_PROBE = DRAWN_PROBE.replace("COUNT", str(N_PROVINCES))

# One filter change per rerun, cycling, each undone: the report change uses the first report.
CHANGES: tuple[tuple[str, object], ...] = (
    ("years", (2022, 2024)),
    ("years", (2021, 2024)),
    ("years", (2023, 2023)),
    ("categories", ["attack"]),
    ("years", (2021, 2024)),
    ("categories", ["attack", "presence"]),
    ("excluded_reports", "first report"),
    ("excluded_reports", []),
)


def verdict(value: float, target: float | None) -> str:
    if target is None:
        return ""
    return f" (target <= {target:g}: {'ok' if value <= target else 'OVER TARGET'})"


def replicated(table: Path, n_rows: int, out: Path) -> Path:
    """The table's rows repeated under new report ids ("<id>~<copy>") up to n_rows rows."""
    rows = pd.read_csv(table, dtype=str, keep_default_na=False)
    copies = []
    for copy in range(math.ceil(n_rows / len(rows))):
        copies.append(rows.assign(source_id=rows["source_id"] + f"~{copy}"))
    pd.concat(copies, ignore_index=True).head(n_rows).to_csv(out, index=False, lineterminator="\n")
    return out


# --- one table size, run in a child process so its peak RSS is its own ---------------------


def measure_size(reruns: int) -> dict[str, object]:
    """First run, reruns and peak RSS of the page on NRF_DATA, via AppTest (this process)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app" / "main.py"), default_timeout=600)
    start = time.perf_counter()
    at.run()
    first = time.perf_counter() - start
    if at.exception:
        raise RuntimeError(f"the app raised: {at.exception[0].message}")
    first_report = at.multiselect(key="excluded_reports").options[0]
    times, sizes = [], []
    for i in range(reruns + 2):  # the first two warm up, untimed
        key, value = CHANGES[i % len(CHANGES)]
        change(at, key, [first_report] if value == "first report" else value)
        start = time.perf_counter()
        at.run()
        if i >= 2:
            times.append(time.perf_counter() - start)
        if at.exception:
            raise RuntimeError(f"the app raised: {at.exception[0].message}")
        sizes.append(len(json.dumps(map_args(at)).encode("utf-8")))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux
    return {
        "first_s": first,
        "rerun_ms": [t * 1000 for t in times],
        "payload_kb": max(sizes) / 1000,
        "peak_mb": peak_mb,
        "freeze_check_ms": freeze_check_ms(),
        "gc_ms": full_collection_ms(),
    }


def freeze_check_ms() -> tuple[float, float]:
    """What every run pays to learn that this process has frozen already (app.heap), and
    what asking gc.get_freeze_count() costs, which counts the frozen objects one by one."""
    from app import heap

    start = time.perf_counter()
    heap.freeze_long_lived()
    check = time.perf_counter() - start
    start = time.perf_counter()
    gc.get_freeze_count()
    return check * 1000, (time.perf_counter() - start) * 1000


def full_collection_ms() -> tuple[float, float]:
    """The full collection Streamlit runs after each run (runner.postScriptGC), in ms: as
    the page leaves the process (app.heap froze what the first load left alive), then with
    everything unfrozen, the cost without app.heap, measured here as the floor to beat."""
    frozen = _collection_ms()
    gc.unfreeze()
    return frozen, _collection_ms()


def _collection_ms() -> float:
    start = time.perf_counter()
    gc.collect(2)
    return (time.perf_counter() - start) * 1000


def map_args(at) -> dict:
    """The map component's arguments from the last run, as sent to the browser."""
    for element in at.get("bidi_component"):
        if element.proto.component_name == MAP_COMPONENT:
            return json.loads(element.proto.json)
    raise RuntimeError("the page has no map component")


def change(at, key: str, value: object) -> None:
    if key == "years":
        at.slider(key=key).set_value(value)
    else:
        at.multiselect(key=key).set_value(value)


def bench_size(table: Path, n_rows: int, workdir: Path) -> dict[str, object]:
    """Run measure_size in a fresh interpreter on the table (or its replication to n_rows)."""
    path = replicated(table, n_rows, workdir / f"activity_{n_rows}.csv") if n_rows else table
    env = {**os.environ, "NRF_DATA": str(path)}
    command = [sys.executable, __file__, "--child-reruns", str(RERUNS.get(n_rows, 10))]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode:
        raise RuntimeError(f"{n_rows or 'committed'} rows: {done.stderr[-2000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["rows"] = sum(1 for _ in path.open(encoding="utf-8")) - 1
    return result


def report_size(n_rows: int, result: dict[str, object]) -> None:
    first_target, rerun_target, memory_target = TARGETS.get(n_rows, (None, None, None))
    reruns = result["rerun_ms"]
    median = statistics.median(reruns)
    print(
        f"{result['rows']:>7,} rows: first run {result['first_s']:.2f} s"
        f"{verdict(result['first_s'], first_target)}; rerun after a filter change median "
        f"{median:.0f} ms of {len(reruns)} (max {max(reruns):.0f})"
        f"{verdict(median, rerun_target)}; peak RSS {result['peak_mb']:.0f} MB"
        f"{verdict(result['peak_mb'], memory_target)}"
    )
    frozen, unfrozen = result["gc_ms"]
    print(f"  full garbage collection after a run (Streamlit runs one after every run): "
          f"{frozen:.1f} ms; {unfrozen:.1f} ms with nothing frozen (without app/heap.py)")
    check, count = result["freeze_check_ms"]
    print(f"  each run's check that the process is frozen: {check:.3f} ms; "
          f"{count:.1f} ms to ask gc.get_freeze_count() (it counts the frozen objects)")


# --- the page against a bare map, in the browser -----------------------------------------------


def load_seconds(browser, url: str, in_frame: bool) -> tuple[float, float, list[str]]:
    """Seconds from page.goto to 34 drawn provinces in a fresh context, as painted (read in
    the page) and as the harness's wait saw them (in st_folium's iframe, or in the page);
    off-site requests."""
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    guard = OffsiteGuard()
    guard.install(context)
    page = context.new_page()
    page.add_init_script(DRAWN_PROBE)
    wall, start = time.time(), time.perf_counter()
    page.goto(url)
    where = page.frame_locator(MINIMAL_FRAME) if in_frame else page.locator(MAP)
    expect(where.locator(MAP_SHAPES)).to_have_count(N_PROVINCES, timeout=60_000)
    seen = time.perf_counter() - start
    drawn_at = page.wait_for_function("window.__mapDrawnAt").json_value()
    context.close()
    return drawn_at / 1000 - wall, seen, guard.blocked


def bench_page_to_map(chromium: str) -> tuple[dict[str, list[float]], ...]:
    """Both apps served at once; loads in turns, the first of each untimed (server start-up,
    first script run), which app goes first alternating from turn to turn. A load ends as its
    map is drawn, while its server starts the rerun the map's first report asks for (the whole
    dashboard, or the bare map again): the next load waits SETTLE_S, so that it is not timed
    against that run. Times painted and times seen, per app."""
    from playwright.sync_api import sync_playwright

    logs = ROOT / "tests" / "browser" / "artifacts"
    dashboard_times: dict[str, list[float]] = {"painted": [], "seen": []}
    minimal_times: dict[str, list[float]] = {"painted": [], "seen": []}
    blocked: list[str] = []
    with (
        running_app(log=logs / "bench_dashboard.log") as dashboard,
        running_app(MINIMAL_APP, log=logs / "bench_minimal.log") as minimal,
        sync_playwright() as playwright,
    ):
        browser = launch_chromium(playwright, chromium)
        try:
            turn = [(dashboard, dashboard_times, False), (minimal, minimal_times, True)]
            for run in range(PAGE_LOADS + 1):
                for url, times, in_frame in turn if run % 2 else turn[::-1]:
                    time.sleep(SETTLE_S)
                    painted, seen, offsite = load_seconds(browser, url, in_frame)
                    blocked += offsite
                    if run:
                        times["painted"].append(painted)
                        times["seen"].append(seen)
        finally:
            browser.close()
    return dashboard_times, minimal_times, blocked


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=list(SIZES),
                        help="table sizes in rows (0 = the table as it is)")
    parser.add_argument("--no-browser", action="store_true", help="skip the page-to-map part")
    parser.add_argument("--child-reruns", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_reruns is not None:  # one size, in this process (see bench_size)
        print(json.dumps(measure_size(args.child_reruns)))
        return 0

    table = data.activity_path()
    print(f"table: {table.relative_to(ROOT) if table.is_relative_to(ROOT) else table}")
    # Timings on a shared 2-core machine depend on what else runs; say so next to the figures.
    print("load average (1, 5, 15 min): " + ", ".join(f"{x:.2f}" for x in os.getloadavg()))
    chromium = None if args.no_browser else find_chromium()
    if chromium is None:
        print("page to map: skipped (no Chromium, or --no-browser)")
    else:
        dashboard, minimal, blocked = bench_page_to_map(chromium)
        page, bare = dashboard["painted"], minimal["painted"]
        ratio = statistics.median(page) / statistics.median(bare)
        print(
            f"page to map (34 provinces drawn, headless Chromium, fresh context, median of "
            f"{PAGE_LOADS} interleaved): dashboard {statistics.median(page):.2f} s "
            f"(min {min(page):.2f}, max {max(page):.2f}), bare st_folium map "
            f"{statistics.median(bare):.2f} s (min {min(bare):.2f}, max {max(bare):.2f}); "
            f"ratio {ratio:.2f}{verdict(ratio, TARGET_RATIO)}; off-site requests: {len(blocked)}"
        )
        page, bare = dashboard["seen"], minimal["seen"]
        print(
            f"  as the harness's wait saw them (polls every 0.5 s): dashboard "
            f"{statistics.median(page):.2f} s, bare map {statistics.median(bare):.2f} s; "
            f"ratio {statistics.median(page) / statistics.median(bare):.2f}"
        )
        if blocked:
            print(f"  OFF-SITE: {blocked}")
    with tempfile.TemporaryDirectory() as workdir:
        for n_rows in args.sizes:
            result = bench_size(table, n_rows, Path(workdir))
            report_size(n_rows, result)
            if not n_rows:
                kb = result["payload_kb"]
                print(f"  map payload per rerun (largest): {kb:.1f} KB"
                      f"{verdict(kb, TARGET_PAYLOAD_KB)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
