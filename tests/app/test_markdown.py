"""Untrusted text made inert for Streamlit's Markdown: nothing parses, nothing is lost.

The real renderer (the page in Chromium) is checked in tests/browser/; here the escaped text
is checked against the rules it must meet: every ASCII punctuation character escaped (so no
CommonMark or directive syntax can start), and none of the patterns Streamlit's Markdown
rewrites after parsing (bare URLs, www., e-mail addresses, :shortcodes:) left in the text the
reader ends up with.
"""

from __future__ import annotations

import re
import string

import pytest

from app import markdown

HOSTILE = [
    "![](http://198.51.100.7/x.png)",
    "[text](https://evil.example/login)",
    "<https://evil.example/auto> https://evil.example/bare www.evil.example WWW.Evil.example",
    "mailto:user@evil.example and user@evil.example",
    "<img src=x onerror=alert(1)> <a href='https://evil.example'>a</a> &lt;b&gt; &#x41;",
    ":material/home: :red[red] :blue-badge[b] :streamlit: :smile: $x^2$ $$y$$",
    "**bold** _it_ `code` ~~s~~ # head\n1. list\r\n---\n| a | b |\n> quote",
    "\\[already](https://evil.example/escaped) \\",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_every_ascii_punctuation_is_escaped(text):
    escaped = markdown.escape(text)
    index = 0
    while index < len(escaped):
        char = escaped[index]
        if char == "\\":
            assert escaped[index + 1] in string.punctuation, escaped
            index += 2
            continue
        assert char not in string.punctuation, f"bare {char!r} at {index} in {escaped!r}"
        index += 1


@pytest.mark.parametrize("text", HOSTILE)
def test_nothing_is_lost_and_it_stays_on_one_line(text, rendered):
    shown = rendered(markdown.escape(text))
    assert "\n" not in shown and "\r" not in shown
    assert shown == re.sub(r"\r\n|[\r\n]", " ", text)


@pytest.mark.parametrize("text", HOSTILE)
def test_no_pattern_rewritten_after_parsing_survives(text):
    # what the reader's Markdown sees after parsing: escapes resolved, word joiners still there
    shown = re.sub(r"\\(.)", r"\1", markdown.escape(text))
    assert not re.search(r"[a-z]:/", shown, re.IGNORECASE), "a URL scheme"
    assert not re.search(r"www\.", shown, re.IGNORECASE), "a www. autolink"
    assert not re.search(r"@\w", shown), "an e-mail autolink"
    assert not re.search(r":\w", shown), "an emoji shortcode, icon or directive"


def test_plain_words_are_unchanged():
    assert markdown.escape("Alpha Institute 2021") == "Alpha Institute 2021"
    assert markdown.escape("a*b") == "a\\*b"
    assert markdown.escape(42) == "42"
