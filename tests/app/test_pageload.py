"""The page's first load: which run sends only the map."""

from __future__ import annotations

from app import pageload


def test_a_browser_sessions_first_run_sends_only_the_map():
    assert pageload.map_only({}, browser=True)


def test_once_the_map_is_sent_every_run_is_whole():
    assert not pageload.map_only({pageload.MAP_SENT: True}, browser=True)


def test_without_a_browser_nothing_would_report_the_map_so_every_run_is_whole():
    assert not pageload.map_only({}, browser=False)
