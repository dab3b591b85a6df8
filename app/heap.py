"""Python's full garbage collection, kept off the page's first map.

Streamlit runs a full collection (gc.collect(2)) after every script run, the option
runner.postScriptGC, so that what a run left in reference cycles does not pile up. In the
dashboard's process that collection walks some 124,000 long-lived objects (pandas, folium,
Streamlit itself, the cached table and shapes) and holds the interpreter for ~85 ms, and it
falls just after a session's first run has sent the map: the browser's requests for the
map's JavaScript, served by this same process, waited behind it.

gc.freeze() moves every object alive at that moment into a permanent generation that the
collector no longer walks, so the collection after a run walks only what that run made, and
still frees it. Done once per process, after the first load of the data. The cost: garbage
cycles among the frozen objects are never collected. A table replaced after a rebuild is
still freed, by reference counting (tests/app/test_heap.py checks that it needs no
collection).
"""

from __future__ import annotations

import gc

# Whether this process has frozen. Not gc.get_freeze_count(): that counts the frozen objects
# one by one, ~20 ms per call here, in every run (benchmarks/app_bench.py prints both).
_state = {"frozen": False}


def freeze_long_lived() -> bool:
    """Collect, then freeze what survives, the first time in this process; True when it did.

    Later calls change nothing, so what a later run makes is never frozen with it."""
    if _state["frozen"]:
        return False
    _state["frozen"] = True
    gc.collect()
    gc.freeze()
    return True
