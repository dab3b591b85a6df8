"""The page's first load: the map first, everything else once Leaflet has drawn it.

The browser fetches the JavaScript of each kind of element when the first one arrives, over
the few connections it opens to the app, from the same Python process that is still running
the script. Sent in one run, the filters' widgets, the detail panel and the rows preview
made the map's own chain (the component's chunk, its script, Leaflet) wait behind some 45
chunk requests and the rest of the run: the map drew 1.4 to 1.6 times later than on a page
holding only the map (benchmarks/app_bench.py).

So a browser's first run of a session sends the map with what sits beside it on its left
(the columns, and the sidebar, open but holding only an empty placeholder), so that the map
never moves later, and stops. Above the map stands only a notice, when there is one (a
link's ignored values, no matching rows): everything else the first run sends costs the map
time, as the browser's main thread, which runs Leaflet, also renders every element sent
before or with it (app/headings.py). The page's title and introduction, sent first, held
the map back by ~40 ms (per-request timings, ten interleaved loads); the title now heads
the sidebar, in the placeholder's place, and the introduction stands beside the map until
a province is chosen. The sidebar's own heading had cost the map ~25 ms the same way. The
map reports as soon as Leaflet has drawn it (app/frontend/map.js), which reruns the
script; that run sends the rest.
Without a browser (AppTest, the benchmark's reruns) nothing would draw the map or report,
so every run is whole.
"""

from __future__ import annotations

from collections.abc import Mapping

# Session-state key: set once the first run of a session has sent the map.
MAP_SENT = "first_map_sent"


def map_only(state: Mapping[str, object], browser: bool) -> bool:
    """True when this run should send only the map and the page's frame: the first run of a
    session that a browser will draw (and report back from)."""
    return browser and not state.get(MAP_SENT)
