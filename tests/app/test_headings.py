"""app.headings: the page's headings as HTML, their text inert."""

from __future__ import annotations

import pytest

from app import headings


@pytest.mark.parametrize(("role", "tag"), [("title", "h1"), ("sidebar", "h2"), ("section", "h3")])
def test_each_role_is_its_own_heading_level(role, tag):
    made = headings.heading_html("Filters", role)
    assert made.startswith(f"<{tag} ") and made.endswith(f">Filters</{tag}>")


def test_a_heading_from_a_file_name_is_text_not_markup():
    made = headings.heading_html('<img src=x onerror="alert(1)">.html', "section")
    assert "<img" not in made
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;.html</h3>" in made


def test_a_paragraph_bolds_only_what_it_marks_and_escapes_the_rest():
    made = headings.paragraph_html("how many **reports** & **<i>x</i>** mention it")
    assert made == (
        '<p style="margin:0">how many <strong>reports</strong> &amp; '
        "<strong>&lt;i&gt;x&lt;/i&gt;</strong> mention it</p>"
    )


def test_an_unknown_role_is_refused():
    with pytest.raises(KeyError):
        headings.heading_html("Filters", "footer")
