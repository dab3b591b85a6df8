"""Bar charts as plain HTML: the provinces ranked and the activity per year.

Streamlit's charts load Vega (775 KB of JavaScript) and the browser ran it before the map's
own code, so the map drew later than a bare map would. These bars are a few divs whose
widths are computed here; labels are escaped, because province names and units could one
day come from data.
"""

from __future__ import annotations

import html

import pandas as pd

BAR_COLOUR = "#2c7fb8"  # a class colour of the map's palette (app.mapview.PALETTE)
EMPTY_BAR = "#e0e0e0"


def bars_html(table: pd.DataFrame, label: str, unit: str, css_class: str) -> str:
    """One row per table row, in order: its `label` column, a bar as long as its `count`
    (relative to the largest) and the count, under a line naming the unit. A zero count
    draws a grey stub, not a bar."""
    counts = [int(n) for n in table["count"]]
    top = max(counts, default=0)
    rows = [_row(str(name), n, top) for name, n in zip(table[label], counts, strict=True)]
    return (
        f'<div class="nrf-bars {html.escape(css_class)}" role="table" style="font-size:0.9em">'
        f'<div style="color:#555;margin-bottom:4px">{html.escape(unit)}</div>'
        f"{''.join(rows)}</div>"
    )


def _row(label: str, count: int, top: int) -> str:
    """One labelled bar; its width is count/top of the bar column."""
    width = 100 * count / top if top else 0
    bar = (
        f'<span style="display:inline-block;height:0.9em;width:{width:.1f}%;'
        f'background:{BAR_COLOUR};vertical-align:middle"></span>'
        if count
        else f'<span style="display:inline-block;height:0.9em;width:2px;background:{EMPTY_BAR};'
        'vertical-align:middle"></span>'
    )
    return (
        '<div role="row" style="display:flex;align-items:center;gap:6px;margin:2px 0">'
        f'<span role="rowheader" style="flex:0 0 9em;text-align:right">{html.escape(label)}</span>'
        f'<span role="cell" style="flex:1 1 auto">{bar}'
        f' <span class="nrf-count">{count}</span></span></div>'
    )
