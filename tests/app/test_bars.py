"""The HTML bar charts: bar lengths relative to the largest count, labels as text."""

from __future__ import annotations

import re

import pandas as pd

from app import aggregate, bars


def _widths(markup: str) -> list[float]:
    return [float(w) for w in re.findall(r"width:([0-9.]+)%", markup)]


def test_bars_are_as_long_as_their_counts():
    table = pd.DataFrame({"province": ["Panjshir", "Baghlan", "Kapisa"], "count": [4, 2, 1]})
    markup = bars.bars_html(table, "province", "reports describing activity", "nrf-rank")
    assert _widths(markup) == [100.0, 50.0, 25.0]
    assert re.findall(r'class="nrf-count">(\d+)<', markup) == ["4", "2", "1"]
    assert markup.index("Panjshir") < markup.index("Baghlan") < markup.index("Kapisa")
    assert "reports describing activity" in markup and 'class="nrf-bars nrf-rank"' in markup


def test_a_zero_count_draws_a_stub_and_all_zero_draws_no_bar(rows, defaults):
    per_year = aggregate.per_year(rows.iloc[0:0], defaults.years, "reports")
    markup = bars.bars_html(per_year, "year", "reports", "nrf-years")
    assert _widths(markup) == []
    assert re.findall(r'class="nrf-count">(\d+)<', markup) == ["0"] * 4
    assert "2021" in markup and "2024" in markup


def test_labels_and_unit_are_escaped():
    table = pd.DataFrame({"label": ["<img src=x onerror=alert(1)>"], "count": [3]})
    markup = bars.bars_html(table, "label", "<b>unit</b>", '"><script>')
    assert "<img" not in markup and "<b>" not in markup and "<script>" not in markup
    assert "&lt;img src=x onerror=alert(1)&gt;" in markup and "&lt;b&gt;unit" in markup
