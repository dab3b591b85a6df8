"""Making untrusted text inert before it reaches one of Streamlit's Markdown-rendering calls.

st.markdown, st.caption, st.error/info/warning, widget labels, help texts and radio options
render GitHub-flavoured Markdown plus Streamlit's extras: images (which the visitor's browser
fetches), links, `<...>` autolinks, `:material/...:` icons, `:red[...]` colour directives and
badges, `$...$` LaTeX, emoji shortcodes. A publisher named `![](http://host/x.png)` would make
every visitor fetch that address. Raw HTML is not rendered, but shown as text.

Two layers, because Streamlit's Markdown has two kinds of syntax:
- Parsed syntax (links, images, HTML, autolinks, directives, math, emphasis, headings, lists,
  tables, entities): CommonMark lets every ASCII punctuation character be escaped with a
  backslash, and an escaped character is never syntax. So every one is escaped.
- Text rewritten *after* parsing, where escapes are already gone: GFM turns bare
  `https://...`, `www....` and `user@host.tld` into links, and `:name:` into emoji. A WORD
  JOINER (U+2060, invisible, no width, no line break) after `:` and `@` and inside `www.`
  breaks those patterns without changing what the reader sees.
Line breaks become spaces: data shown in a caption or message is one line, never a block.

Plain-text widget parts (multiselect and selectbox options) are shown as typed by Streamlit
and must not go through here, or the reader would see the backslashes.
"""

from __future__ import annotations

import re

WORD_JOINER = "\u2060"
_ASCII_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
_LINE_BREAKS = re.compile(r"\r\n|[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]")
# Where GFM's after-parsing rewrites begin: a scheme's or shortcode's colon, an e-mail's @,
# the dot after "www" (the colon and @ are already escaped: their escape is followed).
_REWRITE_STARTS = re.compile(r"(\\[:@])|(?<=www)(?=\\\.)", re.IGNORECASE)


def escape(text: object) -> str:
    """Text from data as Markdown that renders as exactly that text, on one line."""
    flat = _LINE_BREAKS.sub(" ", str(text))
    escaped = _ASCII_PUNCTUATION.sub(r"\\\1", flat)
    return _REWRITE_STARTS.sub(lambda m: (m.group(1) or "") + WORD_JOINER, escaped)
