"""app.heap: what the first load leaves alive is frozen once; what runs make is still freed.

Each check runs in a fresh interpreter: the test process itself may already be frozen by an
earlier test that ran the page.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import weakref
from pathlib import Path

from app import data, filters, reviews


def _fresh(root: Path, script: str, env: dict[str, str] | None = None) -> list:
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=root, env={**os.environ, **(env or {})},
        capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_first_call_freezes_and_a_later_call_freezes_nothing_new(paths):
    before, first, frozen, second, after = _fresh(
        paths["root"],
        "import gc, json; from app import heap; before = gc.get_freeze_count(); "
        "first = heap.freeze_long_lived(); frozen = gc.get_freeze_count(); "
        "made_later = [[] for _ in range(1000)]; second = heap.freeze_long_lived(); "
        "print(json.dumps([before, first, frozen, second, gc.get_freeze_count()]))"
    )
    assert before == 0 and first is True and frozen > 1000
    assert second is False and after == frozen  # the later lists stay collectable


def test_the_page_freezes_its_process_in_its_first_run_and_only_then(paths, tmp_path):
    env = {"NRF_DATA": str(paths["sample"]), "NRF_REVIEWS": str(tmp_path / "reviews.csv"),
           "NRF_BOUNDARIES": str(paths["boundaries"])}  # fmt: skip
    counts = _fresh(
        paths["root"],
        "import gc, json; from streamlit.testing.v1 import AppTest; "
        "at = AppTest.from_file('app/main.py', default_timeout=60); "
        "counts = [gc.get_freeze_count()]; at.run(); counts.append(gc.get_freeze_count()); "
        "at.slider(key='years').set_value((2022, 2024)).run(); "
        "counts.append(gc.get_freeze_count()); "
        "assert not at.exception, at.exception; print(json.dumps(counts))",
        env,
    )
    assert counts[0] == 0 and counts[1] > 10_000  # Streamlit, pandas, the loaded table
    assert counts[2] <= counts[1]  # a rerun freezes nothing (frozen objects can still die)


def test_a_replaced_table_is_freed_without_the_garbage_collector(paths, tmp_path):
    # Frozen cycles are never collected: the loaded table, reviewed and filtered as a run
    # does, must need no collection to be freed once nothing refers to it.
    import gc

    gc.disable()
    try:
        table = data.load_activity(paths["sample"])
        rows = reviews.apply_reviews(table, reviews.load_reviews(tmp_path / "reviews.csv"))
        chosen = filters.apply_filters(rows, filters.default_filters(filters.options(rows)[0]))
        assert len(chosen)
        refs = [weakref.ref(frame) for frame in (table, rows, chosen)]
        del table, rows, chosen
        assert [ref() for ref in refs] == [None, None, None]
    finally:
        gc.enable()
