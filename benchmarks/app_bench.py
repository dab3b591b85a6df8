"""Dashboard speed: rerun time, map payload per rerun, and time until the map is drawn.

Prints three figures against the targets of issue 4:
- server-side time of a rerun after a filter change: median of 20 AppTest runs, each after
  moving the timeline or changing the categories (target <= 150 ms);
- bytes of map payload per rerun: the JSON arguments st_folium sends to its component (base
  map script, header, and the choropleth feature group it swaps in), measured on the same
  runs (target <= 250 KB);
- time from opening the page in headless Chromium until Leaflet has drawn the 34 provinces,
  each load in a fresh browser context (empty cache), off-site requests refused
  (target <= 3 s).

Run from anywhere: `python benchmarks/app_bench.py`. It reads the same table as the app
(NRF_DATA, else data/nrf_activity.csv). The browser part needs Debian's chromium and is
reported as skipped without it.
"""

from __future__ import annotations

import gzip
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "browser")]

from browser_harness import (  # noqa: E402
    MAP_FRAME,
    MAP_SHAPES,
    OffsiteGuard,
    find_chromium,
    launch_chromium,
    running_app,
)
from streamlit.testing.v1 import AppTest  # noqa: E402

from app import data  # noqa: E402

RERUNS = 20
PAGE_LOADS = 5
N_PROVINCES = 34
TARGET_RERUN_MS = 150.0
TARGET_PAYLOAD_KB = 250.0
TARGET_DRAW_S = 3.0
COMPONENT = "streamlit_folium.st_folium"

# One filter change per rerun, cycling: timeline moves and a category change, each undone.
CHANGES: tuple[tuple[str, object], ...] = (
    ("years", (2022, 2024)),
    ("years", (2021, 2024)),
    ("years", (2023, 2023)),
    ("categories", ["attack"]),
    ("years", (2021, 2024)),
    ("categories", ["attack", "presence"]),
)


def verdict(value: float, target: float) -> str:
    return "within target" if value <= target else "OVER TARGET"


def map_args(at: AppTest) -> dict:
    """The st_folium component's arguments from the last run, as sent to the browser."""
    for element in at.get("component_instance"):
        if element.proto.component_name == COMPONENT:
            return json.loads(element.proto.json_args)
    raise RuntimeError("the page has no st_folium map")


def change(at: AppTest, key: str, value: object) -> None:
    if key == "years":
        at.slider(key=key).set_value(value)
    else:
        at.multiselect(key=key).set_value(value)


def bench_reruns() -> tuple[list[float], list[int], dict[str, int], int]:
    """Seconds per rerun, payload bytes per rerun, a per-argument breakdown, gzip bytes."""
    at = AppTest.from_file(str(ROOT / "app" / "main.py"), default_timeout=120)
    at.run()
    if at.exception:
        raise RuntimeError(f"the app raised: {at.exception[0].message}")
    for key, value in CHANGES[:2]:  # warm caches once, untimed
        change(at, key, value)
        at.run()
    times: list[float] = []
    sizes: list[int] = []
    for i in range(RERUNS):
        key, value = CHANGES[i % len(CHANGES)]
        change(at, key, value)
        start = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - start)
        if at.exception:
            raise RuntimeError(f"the app raised: {at.exception[0].message}")
        sizes.append(len(json.dumps(map_args(at)).encode("utf-8")))
    args = map_args(at)
    breakdown = {
        k: len(json.dumps(v).encode("utf-8"))
        for k, v in args.items()
        if isinstance(v, str) and len(v) > 1000
    }
    zipped = len(gzip.compress(json.dumps(args).encode("utf-8")))
    return times, sizes, breakdown, zipped


def bench_page_loads(chromium: str) -> list[float]:
    """Seconds from page.goto to 34 drawn provinces, one fresh (cold-cache) context each."""
    from playwright.sync_api import expect, sync_playwright

    times: list[float] = []
    with running_app() as url, sync_playwright() as playwright:
        browser = launch_chromium(playwright, chromium)
        try:
            for _ in range(PAGE_LOADS):
                context = browser.new_context(viewport={"width": 1400, "height": 1000})
                guard = OffsiteGuard()
                guard.install(context)
                page = context.new_page()
                start = time.perf_counter()
                page.goto(url)
                shapes = page.frame_locator(MAP_FRAME).locator(MAP_SHAPES)
                expect(shapes).to_have_count(N_PROVINCES, timeout=60_000)
                times.append(time.perf_counter() - start)
                context.close()
                if guard.blocked:
                    raise RuntimeError(f"the page tried to reach off-site URLs: {guard.blocked}")
        finally:
            browser.close()
    return times


def main() -> int:
    table = data.activity_path()
    print(f"table: {table.relative_to(ROOT) if table.is_relative_to(ROOT) else table}")
    # Timings on a shared 2-core machine depend on what else runs; say so next to the figures.
    print("load average (1, 5, 15 min): " + ", ".join(f"{x:.2f}" for x in os.getloadavg()))
    times, sizes, breakdown, zipped = bench_reruns()
    median_ms = statistics.median(times) * 1000
    print(
        f"rerun after a filter change (AppTest, median of {RERUNS}): {median_ms:.1f} ms "
        f"(min {min(times) * 1000:.1f}, max {max(times) * 1000:.1f}); target <= "
        f"{TARGET_RERUN_MS:.0f} ms: {verdict(median_ms, TARGET_RERUN_MS)}"
    )
    payload_kb = max(sizes) / 1000
    print(
        f"map payload per rerun (st_folium arguments, largest of {RERUNS}): {payload_kb:.1f} KB "
        f"(median {statistics.median(sizes) / 1000:.1f} KB, gzip {zipped / 1000:.1f} KB); "
        f"target <= {TARGET_PAYLOAD_KB:.0f} KB: {verdict(payload_kb, TARGET_PAYLOAD_KB)}"
    )
    parts = ", ".join(f"{name} {size / 1000:.1f} KB" for name, size in breakdown.items())
    print(f"  largest arguments: {parts}")

    chromium = find_chromium()
    if chromium is None:
        print("time to map drawn: skipped (no Chromium; apt-get install chromium)")
        return 0
    loads = bench_page_loads(chromium)
    first, rest = loads[0], loads[1:]
    median_s = statistics.median(rest)
    print(
        f"open page -> 34 provinces drawn (headless Chromium, fresh context each): "
        f"first load after server start {first:.2f} s, then median {median_s:.2f} s of "
        f"{len(rest)} (max {max(rest):.2f}); target <= {TARGET_DRAW_S:.0f} s: "
        f"{verdict(max(loads), TARGET_DRAW_S)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
