"""The page's headings as plain HTML (st.html), not through Streamlit's Markdown.

st.title, st.header and st.subheader render through Streamlit's Markdown pipeline. On a
page's first load that pipeline was the largest single cost on the browser's main thread
before the map's message could be handled (a Chrome CPU profile: ~50 ms of Markdown
parsing for the title, the introduction and the sidebar's heading), and the map's iframe
is made on that same thread: the dashboard drew its map later than a bare map did
(benchmarks/app_bench.py). As HTML the same headings cost a small sanitiser instead. The
styles are the sizes Streamlit gives its own headings, so the page looks as before.

Text is escaped here: a heading may carry a file's name (an upload).
"""

from __future__ import annotations

import html
import re

# Streamlit's own heading styles (1.67, light theme; read from the page): the page title
# (st.title), a sidebar heading (st.header there), a section heading (st.subheader). Its
# headings end in 1rem of padding that a negative margin takes back, so the next element
# sits one gap below the text; here the padding is left out instead. The title keeps it:
# its introduction follows inside the same element.
_STYLES = {
    "title": "font-size:2.75rem;font-weight:700;line-height:1.2;padding:1.25rem 0 1rem",
    "sidebar": "font-size:1.25rem;font-weight:600;line-height:1.2;padding:1rem 0 0;"
    "letter-spacing:-0.005em",
    "section": "font-size:1.75rem;font-weight:600;line-height:1.2;padding:0.75rem 0 0;"
    "letter-spacing:-0.005em",
}
_TAGS = {"title": "h1", "sidebar": "h2", "section": "h3"}
_BOLD = re.compile(r"\*\*(.+?)\*\*")


def heading_html(text: str, role: str) -> str:
    """A heading in the page: role "title", "sidebar" (a heading in the sidebar) or
    "section" (a heading in the main area)."""
    tag = _TAGS[role]
    return f'<{tag} style="margin:0;{_STYLES[role]}">{html.escape(text)}</{tag}>'


def title_html(title: str, introduction: str) -> str:
    """The page title and its introduction, one element. **word** in the introduction is
    shown bold; everything else is text."""
    intro = _BOLD.sub(r"<strong>\1</strong>", html.escape(introduction))
    return heading_html(title, "title") + f'<p style="margin:0">{intro}</p>'
