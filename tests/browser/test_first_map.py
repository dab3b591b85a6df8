"""The page's first load in a real browser: the map before any widget, the rest unasked.

What the server sent is read from the page's own websocket, decoded with Streamlit's
protocol: one list of element kinds per script run, in the order they were sent.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from test_dashboard import open_dashboard, wait_until

from app.offline import LEAFLET_CSS, LEAFLET_JS

pytestmark = pytest.mark.browser

MAP = "bidi_component"


def element_kind(msg: ForwardMsg) -> tuple[str, bool] | None:
    """(kind, is a widget) of a message that adds an element; None for anything else. A
    widget is an element with an id (the map is one: it reports back)."""
    if msg.WhichOneof("type") != "delta" or msg.delta.WhichOneof("type") != "new_element":
        return None
    kind = msg.delta.new_element.WhichOneof("type")
    body = getattr(msg.delta.new_element, kind)
    return kind, bool(getattr(body, "id", ""))


def record_runs(page) -> list[list[tuple[str, bool]]]:
    """Element kinds per script run, filled in as the page receives them."""
    runs: list[list[tuple[str, bool]]] = []

    def received(payload) -> None:
        if not isinstance(payload, bytes):
            return
        msg = ForwardMsg()
        msg.ParseFromString(payload)
        if msg.WhichOneof("type") == "new_session":  # sent as every run starts
            runs.append([])
        elif runs and (kind := element_kind(msg)):
            runs[-1].append(kind)

    page.on("websocket", lambda ws: ws.on("framereceived", received))
    return runs


def test_the_first_run_sends_the_map_and_no_widget_then_the_rest_follows(app_url, page):
    runs = record_runs(page)
    open_dashboard(page, app_url)  # waits for the whole page; nothing is clicked or typed
    wait_until(lambda: page.evaluate("true") and len(runs) >= 2, "a second run")

    first, second = runs[0], runs[1]
    widgets = [kind for kind, widget in first if widget]
    assert widgets == [MAP], f"the first run sent widgets besides the map: {first}"
    # Besides, only the sidebar held open by an empty placeholder. Every element sent with
    # the map is rendered by the browser's main thread, which also draws the map: the page's
    # title and the sidebar's heading come with the rest (app/pageload.py).
    assert [kind for kind, _ in first] == [MAP, "empty"], first
    # (The map itself is not sent again: unchanged, it goes as a reference to the first.)
    kinds = {kind for kind, _ in second}
    assert {"slider", "multiselect", "selectbox", "download_button"} <= kinds, second


def test_the_map_is_drawn_in_the_page_fetching_only_leaflet(app_url, page):
    open_dashboard(page, app_url)
    # No frame to open first (st_folium's loaded 225 KB of React, then asked for Leaflet) ...
    assert page.locator("iframe").count() == 0
    requests = page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")
    paths = [urlsplit(name).path for name in requests]
    # ... and Leaflet's two files, from the app, once each, with no other file for the map.
    assert paths.count(LEAFLET_CSS) == paths.count(LEAFLET_JS) == 1, paths
    others = [path for path in paths if "/component" in path
              or ("leaflet" in path.lower() and path not in (LEAFLET_CSS, LEAFLET_JS))]
    assert others == [], paths
