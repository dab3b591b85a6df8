"""The rows preview: at most PREVIEW_ROWS rows, the true count, every cell escaped."""

from __future__ import annotations

import re

import pandas as pd

from app import preview


def _cells(markup: str) -> list[list[str]]:
    return [re.findall(r"<td>(.*?)</td>", row) for row in re.findall(r"<tr>(.*?)</tr>", markup)]


def test_every_row_of_a_small_selection_is_shown(rows):
    markup = preview.preview_html(rows)
    cells = _cells(markup)
    assert cells[0] == []  # the header row
    assert len(cells) - 1 == len(rows) == 14
    assert "Showing all 14 rows." in markup
    assert re.findall(r"<th>(.*?)</th>", markup) == list(preview.PREVIEW_COLUMNS)
    first = rows.iloc[0]
    assert cells[1][:4] == [first["province"], first["category"], "2021", "2021"]


def test_a_large_selection_is_cut_and_counted(rows):
    many = pd.concat([rows] * 300, ignore_index=True)  # 4,200 rows
    markup = preview.preview_html(many, limit=25)
    assert len(_cells(markup)) - 1 == 25
    assert "Showing the first 25 of 4,200 rows; the download holds them all." in markup


def test_cells_reach_the_page_as_text(rows):
    markup = preview.preview_html(rows)
    assert "<img" not in markup and "<b>" not in markup
    assert "&lt;img src=x onerror=alert(1)&gt;" in markup
    assert "Clashes reported &lt;b&gt;north&lt;/b&gt; of Kabul" in markup


def test_captions_say_how_many_rows_there_are():
    assert preview.preview_caption(0, 0) == "Showing all 0 rows."
    assert preview.preview_caption(1, 1) == "Showing all 1 row."
    assert preview.preview_caption(51, 50).startswith("Showing the first 50 of 51 rows;")
