"""Province focus: the table and download following the chosen province, and on a phone
the evidence brought into view after a tap.
"""

from __future__ import annotations

import pandas as pd

# Streamlit stacks columns below this width (its 'sm' breakpoint): the evidence is then
# below the map, out of view after a tap.
STACKED_MAX_WIDTH_PX = 640


def following(province: str | None, follow: bool) -> str | None:
    """The province the table follows: the chosen one when 'only' is on, else None (all)."""
    return province if province and follow else None


def only_province(rows: pd.DataFrame, province: str | None) -> pd.DataFrame:
    """The rows of that province, or all rows for None."""
    return rows if province is None else rows.loc[rows["iso_3166_2"] == province]


def scroll_to_detail_script(nonce: int) -> str:
    """HTML for a zero-height component that scrolls the page to the evidence when the
    columns are stacked. `nonce` (the click number) makes each tap a new component, so the
    browser runs it again. The component iframe shares the app's origin."""
    return f"""<script>/* tap {int(nonce)} */
const page = window.parent;
if (page.innerWidth < {STACKED_MAX_WIDTH_PX}) {{
  const detail = page.document.querySelector(".st-key-detail");
  if (detail) {{ detail.scrollIntoView({{block: "start"}}); }}
}}
</script>"""
