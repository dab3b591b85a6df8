"""The page's headings, and its own paragraph of text, as plain HTML (st.html), not through
Streamlit's Markdown.

st.title, st.header and st.subheader render through Streamlit's Markdown pipeline. On a
page's first load that pipeline was the largest single cost on the browser's main thread
before the map's message could be handled (a Chrome CPU profile: ~50 ms of Markdown
parsing for the title, the introduction and the sidebar's heading), and the map is made
on that same thread: the dashboard drew its map later than a bare map did
(benchmarks/app_bench.py). As HTML the same headings cost a small sanitiser instead. The
styles are the sizes Streamlit gives its own headings, the title's aside (see _STYLES).

Text is escaped here: a heading may carry a file's name (an upload).
"""

from __future__ import annotations

import html
import re

# Streamlit's own heading styles (1.67, light theme; read from the page) for a sidebar heading
# (st.header there) and a section heading (st.subheader). Its headings end in 1rem of padding
# that a negative margin takes back, so the next element sits one gap below the text; here
# the padding is left out instead. The page title heads the sidebar (app/pageload.py): at
# st.title's 2.75rem it took four lines there, so it is set a size above the sidebar's
# headings.
_STYLES = {
    "title": "font-size:1.75rem;font-weight:700;line-height:1.2;padding:0.5rem 0 0",
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


def paragraph_html(text: str) -> str:
    """A paragraph of the page's own text: **word** is shown bold; everything else is text."""
    text = _BOLD.sub(r"<strong>\1</strong>", html.escape(text))
    return f'<p style="margin:0">{text}</p>'
