"""The province detail: report text escaped, matched words marked at the right places."""

from __future__ import annotations

from html.parser import HTMLParser

from app import evidence


class _Marks(HTMLParser):
    """Collects the text inside <mark>, the tags seen and the hrefs of links."""

    def __init__(self) -> None:
        super().__init__()
        self.marks: list[str] = []
        self.tags: list[str] = []
        self.hrefs: list[str] = []
        self.text: list[str] = []
        self._in_mark = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self._in_mark = self._in_mark or tag == "mark"
        if tag == "mark":
            self.marks.append("")
        if tag == "a":
            self.hrefs.append(dict(attrs)["href"])

    def handle_endtag(self, tag):
        if tag == "mark":
            self._in_mark = False

    def handle_data(self, data):
        self.text.append(data)
        if self._in_mark:
            self.marks[-1] += data


def _parse(markup: str) -> _Marks:
    parser = _Marks()
    parser.feed(markup)
    return parser


def test_highlight_escapes_then_marks_the_span():
    sentence = "Fighting in Panjshir <img src=x onerror=alert(1)> continued."
    markup = evidence.highlight(sentence, [(12, 20)])
    parsed = _parse(markup)
    assert parsed.marks == ["Panjshir"]
    assert "img" not in parsed.tags
    assert "&lt;img src=x onerror=alert(1)&gt;" in markup
    assert "".join(parsed.text) == sentence


def test_highlight_span_over_markup_characters_stays_escaped():
    sentence = 'A & B <b>"Andarab"</b>'
    start = sentence.index("<b>")
    parsed = _parse(evidence.highlight(sentence, [(start, len(sentence)), (0, 5)]))
    assert parsed.marks == ["A & B", '<b>"Andarab"</b>']
    assert parsed.tags == ["mark", "mark"]


def test_report_offsets_are_mapped_into_the_sentence():
    sentence = "Andarab and Panjshir; later Panjshir again."
    origin = 1000  # where the sentence starts in its report
    second = sentence.index("Panjshir", 20)
    spans = evidence.sentence_spans(
        sentence,
        [("Andarab", origin, origin + 7), ("Panjshir", origin + second, origin + second + 8)],
    )
    assert spans == [(0, 7), (second, second + 8)]


def test_offsets_that_do_not_fit_fall_back_to_the_words():
    # e.g. whitespace normalised in the sentence: the offsets cannot line up
    spans = evidence.sentence_spans("NRF raided  panjshir posts.", [("Panjshir", 5, 13)])
    assert spans == [(12, 20)]
    assert evidence.sentence_spans("No match here.", [("Kabul", 0, 5)]) == []


def test_safe_url_keeps_only_http_links_escaped():
    assert evidence.safe_url("https://a.example/r?a=1&b=2") == "https://a.example/r?a=1&amp;b=2"
    assert evidence.safe_url('http://a.example/"onmouseover=x') == (
        "http://a.example/&quot;onmouseover=x"
    )
    for bad in ("javascript:alert(1)", "data:text/html,hi", "//evil.example", "", "http://"):
        assert evidence.safe_url(bad) is None


def test_panjshir_detail_from_the_sample(rows):
    markup = evidence.province_detail_html(rows, "AF-PAN")
    parsed = _parse(markup)
    assert "img" not in parsed.tags and "b" not in parsed.tags
    assert "&lt;img src=x onerror=alert(1)&gt;" in markup
    assert "Clashes reported &lt;b&gt;north&lt;/b&gt; of Kabul" in markup
    # six Panjshir rows, five sentences; the sentence naming it twice shows both marked
    assert parsed.marks == ["Panjshir"] * 6
    assert markup.count("<li>") == 5
    assert "In the <mark>Panjshir</mark> valley, <mark>Panjshir</mark> fighters" in markup
    # beta-2022's javascript: URL is not linked; the others are, with & escaped
    assert parsed.hrefs == [
        "https://alpha.example/r1",
        "https://alpha.example/r2?a=1&b=2",
        "https://beta.example/r4",
    ]
    assert 'href="https://alpha.example/r2?a=1&amp;b=2"' in markup
    assert "[presence, 2024, claimed by NRF]" in markup
    assert "[attack, 2021, claimed by NRF]" in markup
    # one sentence, two mentions resting on two claims: shown once, both claims named
    assert "[attack, 2021, claimed by third party and Taliban]" in markup
    # reports: NRF alpha-2021, beta-2024; Taliban alpha-2021, alpha-2023, beta-2022; third
    # party alpha-2021
    assert "Claimed by: NRF 2 · Taliban 3 · third party 1" in markup


def test_sentences_beyond_the_years_are_marked(rows):
    markup = evidence.province_detail_html(rows, "AF-BGL", years=(2022, 2022))
    assert markup.count('<li class="nrf-beyond">') == 2  # 2021-2024 and 2022-2023
    assert "spans beyond 2022: not counted in the colour" in markup
    inside = evidence.province_detail_html(rows, "AF-BGL", years=(2021, 2024))
    assert "nrf-beyond" not in inside


def test_place_name_is_marked_for_its_province(rows):
    parsed = _parse(evidence.province_detail_html(rows, "AF-BGL"))
    assert parsed.marks == ["Baghlan", "Andarab"]
    assert "2021–2024" in "".join(parsed.text)


def test_province_without_rows_says_so(rows):
    assert "No matching evidence for Kabul" in evidence.province_detail_html(
        rows[rows["iso_3166_2"] != "AF-KAB"], "AF-KAB"
    )


def test_a_province_with_many_reports_shows_the_first_and_counts_the_rest(rows):
    # Panjshir: alpha-2021, alpha-2023, beta-2022, beta-2024, in table order. A province of
    # a 100k-row table had 3,448 reports: 5 MB of HTML, half a minute to build.
    markup = evidence.province_detail_html(rows, "AF-PAN", limit=2)
    parsed = _parse(markup)
    assert parsed.hrefs == ["https://alpha.example/r1", "https://alpha.example/r2?a=1&b=2"]
    assert "Clashes reported" not in markup  # beta-2022, the third report
    assert "The first 2 of 4 reports are shown here" in markup
    # the claims still count every report
    assert "Claimed by: NRF 2 · Taliban 3 · third party 1" in markup
    assert "nrf-more" not in evidence.province_detail_html(rows, "AF-PAN", limit=4)
