"""The page itself, run by streamlit.testing.v1.AppTest on the designed sample table.

AppTest cannot draw the map component, but it keeps what the app sent to it: the
component's arguments hold the choropleth layer's JavaScript, whose style switch gives each
province's fill colour. Tests read that, and st.session_state["map_values"], the numbers the
app computed for the map.
"""

from __future__ import annotations

import gc
import io
import json
import re
import sys
from pathlib import Path

import pandas as pd
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from app import cached, data, export, mapcomponent, mapview, preview, reviews
from etl.model import COLUMNS
from etl.spreadsheet import protect_cell

MAIN = Path(__file__).resolve().parents[2] / "app" / "main.py"
ALL_FOUR = {"AF-PAN": 4, "AF-BGL": 2, "AF-KAP": 1, "AF-PAR": 1, "AF-BDS": 1, "AF-TAK": 1}


@pytest.fixture()
def app(monkeypatch, paths, tmp_path) -> AppTest:
    monkeypatch.setenv("NRF_DATA", str(paths["sample"]))
    monkeypatch.setenv("NRF_REVIEWS", str(tmp_path / "reviews.csv"))
    monkeypatch.delenv("NRF_EDITOR_PASSWORD", raising=False)
    monkeypatch.setenv("NRF_BOUNDARIES", str(paths["boundaries"]))
    return AppTest.from_file(str(MAIN), default_timeout=60)


@pytest.fixture()
def downloads(monkeypatch) -> dict[str, object]:
    """What the app handed Streamlit to build on a click, by deferred file id (a spy:
    registration still runs). Calling one is what Streamlit does when the button is clicked."""
    saved: dict[str, object] = {}
    real = MediaFileManager.add_deferred

    def spy(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        file_id = real(self, data_callable, mimetype, coordinates, file_name, **kwargs)
        saved[file_id] = data_callable
        return file_id

    monkeypatch.setattr(MediaFileManager, "add_deferred", spy)
    return saved


def preview_text(at: AppTest) -> str:
    """The rows preview the page shows (HTML)."""
    (table,) = [h.value for h in at.get("html") if "nrf-preview" in h.value]
    return table


def sent_layer(at: AppTest) -> str:
    """The province layer's JavaScript, as the last run sent it to the map (app/mapcomponent.py)."""
    (component,) = at.get("bidi_component")
    assert component.proto.component_name == mapcomponent.NAME
    return json.loads(component.proto.json)["feature_group"]


def sent_fills(at: AppTest) -> dict[str, str]:
    """Fill colour per ISO code, read from the layer JavaScript sent to the map."""
    layer = sent_layer(at)
    styler = layer[layer.index("_styler(feature)") : layer.index("_highlighter(feature)")]
    fills: dict[str, str] = {}
    codes: list[str] = []
    for line in styler.splitlines():
        codes += re.findall(r'case "(AF-[A-Z]{3})":', line)
        style = re.search(r"return (\{.*\});", line)
        if style:
            colour = json.loads(style.group(1))["fillColor"]
            for code in codes or ["default"]:
                fills[code] = colour
            codes = []
    default = fills.pop("default", None)
    for match in re.finditer(r'"id": "(AF-[A-Z]{3})"', layer):
        fills.setdefault(match.group(1), default)
    return fills


def coloured(at: AppTest) -> set[str]:
    return {code for code, fill in sent_fills(at).items() if fill != mapview.NO_DATA_FILL}


def test_default_page(app):
    at = app.run()
    assert not at.exception
    assert at.session_state["map_values"] == ALL_FOUR
    fills = sent_fills(at)
    assert len(fills) == 34
    assert coloured(at) == set(ALL_FOUR)
    # The page's title heads the sidebar; nothing stands above the map (app/pageload.py).
    title = at.sidebar.get("html")[0].value
    assert title.startswith("<h1 ")
    assert title.endswith(">NRF activity in Afghanistan, by province</h1>")
    assert not [h for h in at.get("html") if "<h1" in h.value and h.value != title]
    assert not at.info
    assert at.slider(key="years").value == (2021, 2024)
    assert at.multiselect(key="categories").value == ["attack", "presence"]
    assert dict(at.query_params) == {}


INTRODUCTION = "Click a province to read the sentences behind its shade."


def test_the_introduction_stands_beside_the_map_until_a_province_is_chosen(app):
    at = app.run()
    assert [h.value for h in at.main.get("html") if INTRODUCTION in h.value], "no introduction"
    at.selectbox(key="province").set_value("AF-PAN").run()
    assert not at.exception
    assert not [h.value for h in at.get("html") if INTRODUCTION in h.value]


def test_moving_the_timeline_changes_the_map(app):
    at = app.run()
    before = sent_fills(at)
    legend = [h.value for h in at.get("html") if "nrf-legend" in h.value]
    at.slider(key="years").set_value((2022, 2022)).run()
    assert not at.exception
    # dated 2022 only: Baghlan (2021-2024, 2022-2023) and Kapisa (2021-2023) reach beyond it
    assert at.session_state["map_values"] == {"AF-PAN": 1, "AF-PAR": 1, "AF-BDS": 1}
    assert at.session_state["map_spanning_only"] == ["AF-BGL", "AF-KAP"]
    after = sent_fills(at)
    assert after != before
    assert after["AF-TAK"] == mapview.NO_DATA_FILL != before["AF-TAK"]
    assert after["AF-PAN"] != before["AF-PAN"]  # 4 reports -> 1 report, a lighter class
    assert after["AF-PAN"] == after["AF-PAR"] == before["AF-PAR"]  # classes stay put
    layer = sent_layer(at)
    layer = layer.replace("\\u2013", "–")  # the layer's JSON writes the en dash escaped
    assert mapview.SPANNING_OUTLINE in layer
    assert "1 report dated 2022" in layer
    assert (
        "nothing dated 2022 (not coloured); 1 statement spanning 2021–2024; "
        "1 statement spanning 2022–2023"
    ) in layer  # Baghlan
    assert "nothing dated 2022 (not coloured); 1 statement spanning 2021–2023" in layer
    new_legend = [h.value for h in at.get("html") if "nrf-legend" in h.value]
    assert new_legend != legend and "only statements spanning beyond 2022" in new_legend[0]


def test_statements_beyond_the_years_can_be_hidden(app):
    at = app.run()
    at.slider(key="years").set_value((2022, 2022))
    at.toggle(key="spanning").set_value(False).run()
    assert not at.exception
    assert at.session_state["map_values"] == {"AF-PAN": 1, "AF-PAR": 1, "AF-BDS": 1}
    assert at.session_state["map_spanning_only"] == []
    assert coloured(at) == {"AF-PAN", "AF-PAR", "AF-BDS"}
    assert at.query_params["span"] == "0"
    table = preview_text(at)
    assert "Showing all 3 rows." in table
    assert all(name in table for name in ("Panjshir", "Parwan", "Badakhshan"))


def test_the_timeline_reaches_the_latest_year_in_the_data(app, monkeypatch, paths, tmp_path):
    table = pd.read_csv(paths["sample"], dtype=str, keep_default_na=False)
    late = table.iloc[[0]].assign(source_id="gamma-2025", year_from="2025", year_to="2025",
                                  published="2025-03", iso_3166_2="AF-KAP", province="Kapisa")
    path = tmp_path / "activity.csv"
    pd.concat([table, late]).to_csv(path, index=False, lineterminator="\n")
    monkeypatch.setenv("NRF_DATA", str(path))
    at = app.run()
    assert not at.exception
    assert at.slider(key="years").value == (2021, 2025)
    at.slider(key="years").set_value((2025, 2025)).run()
    assert at.session_state["map_values"] == {"AF-KAP": 1}
    assert at.query_params["years"] == "2025"


def test_the_claim_filter_changes_the_map_and_the_link(app):
    at = app.run()
    at.multiselect(key="claims").set_value(["nrf"]).run()
    assert not at.exception
    # NRF-claimed rows: Panjshir (alpha-2021, beta-2024), Baghlan (alpha-2023), Parwan
    assert at.session_state["map_values"] == {"AF-PAN": 2, "AF-BGL": 1, "AF-PAR": 1}
    assert at.query_params["claim"] == "nrf"
    layer = sent_layer(at)
    assert "NRF 2" in layer


def test_mentions_measure(app):
    at = app.run()
    at.radio(key="measure").set_value("mentions").run()
    assert at.session_state["map_values"]["AF-PAN"] == 6
    assert at.query_params["measure"] == "mentions"


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("categories", []),
        ("sources", []),
        ("excluded_reports", ["alpha-2021", "alpha-2023", "beta-2022", "beta-2024"]),
    ],
)
def test_empty_selections_show_an_empty_state(app, key, value):
    at = app.run()
    at.multiselect(key=key).set_value(value).run()
    assert not at.exception
    assert at.session_state["map_values"] == {}
    assert coloured(at) == set()
    assert "No rows match" in at.info[0].value
    assert "Showing all 0 rows." in preview_text(at)
    assert "<td>" not in preview_text(at)


def test_a_year_with_no_rows(app):
    at = app.run()
    at.multiselect(key="sources").set_value(["Beta News"])
    at.slider(key="years").set_value((2023, 2023)).run()
    assert not at.exception
    assert at.session_state["map_values"] == {}
    assert at.info


def test_download_is_exactly_the_filtered_table(app, downloads, paths):
    at = app.run()
    at.slider(key="years").set_value((2024, 2024)).run()
    button = at.download_button[0]
    assert button.proto.deferred_file_id and not button.proto.url  # built on the click
    payload = downloads[button.proto.deferred_file_id]()
    back = pd.read_csv(io.BytesIO(payload), dtype=str, keep_default_na=False)
    # 2024: Baghlan 2021-2024 (alpha-2021), Takhar attack and Panjshir presence (beta-2024)
    assert sorted(zip(back["source_id"], back["province"], strict=True)) == [
        ("alpha-2021", "Baghlan"), ("beta-2024", "Panjshir"), ("beta-2024", "Takhar")
    ]
    assert tuple(back.columns) == (*COLUMNS, *reviews.ADDED_COLUMNS)
    assert set(back["review"]) == {"unreviewed"}
    table = pd.read_csv(paths["sample"], dtype=str, keep_default_na=False)
    keys = set(zip(back["source_id"], back["char_start"], strict=True))
    chosen = table[[k in keys for k in zip(table["source_id"], table["char_start"], strict=True)]]
    expected = chosen.map(protect_cell).reset_index(drop=True)
    pd.testing.assert_frame_equal(back.loc[:, list(COLUMNS)], expected)
    assert "'-In 2024 the NRF remained in Panjshir." in set(back["evidence"])
    assert "3 rows" in button.label
    assert button.proto.ignore_rerun  # on_click="ignore": downloading keeps the page as it is


def test_the_download_is_not_built_until_clicked(app, monkeypatch):
    built: list[int] = []
    real = export.to_csv_bytes
    monkeypatch.setattr(export, "to_csv_bytes", lambda rows: built.append(len(rows)) or real(rows))
    at = app.run()
    at.slider(key="years").set_value((2022, 2024)).run()
    at.radio(key="measure").set_value("mentions").run()
    assert not at.exception
    assert built == []


def test_the_rows_preview_is_bounded_and_counts_every_row(app, monkeypatch, paths, tmp_path):
    table = pd.read_csv(paths["sample"], dtype=str, keep_default_na=False)
    many = pd.concat([table] * 10, ignore_index=True)  # 140 rows, 120 in the default view
    path = tmp_path / "activity.csv"
    many.to_csv(path, index=False, lineterminator="\n")
    monkeypatch.setenv("NRF_DATA", str(path))
    at = app.run()
    shown = preview_text(at)
    assert f"Showing the first {preview.PREVIEW_ROWS} of 120 rows" in shown
    assert shown.count("<tr>") == preview.PREVIEW_ROWS + 1  # the header and the rows
    assert "&lt;img src=x onerror=alert(1)&gt;" in shown and "<img" not in shown


def test_query_params_restore_the_filters(app):
    app.query_params.update(
        {"years": "2022", "span": "0", "cat": "attack", "measure": "mentions", "prov": "AF-PAN"}
    )
    at = app.run()
    assert not at.exception
    assert at.slider(key="years").value == (2022, 2022)
    assert at.toggle(key="spanning").value is False
    assert at.multiselect(key="categories").value == ["attack"]
    assert at.radio(key="measure").value == "mentions"
    assert at.selectbox(key="province").value == "AF-PAN"
    assert at.session_state["map_values"] == {"AF-PAN": 1, "AF-PAR": 1}
    detail = [h.value for h in at.get("html") if "nrf-detail" in h.value]
    assert detail and "&lt;img src=x onerror=alert(1)&gt;" in detail[0]
    assert "<mark>Panjshir</mark>" in detail[0]


def test_widget_changes_reach_the_url(app):
    at = app.run()
    at.slider(key="years").set_value((2022, 2023))
    at.multiselect(key="categories").set_value(["attack", "other"])
    at.multiselect(key="sources").set_value(["Beta News"]).run()
    assert at.query_params["years"] == "2022-2023"
    assert at.query_params["src"] == "Beta News"
    assert at.query_params["cat"] == ["attack", "other"]
    # a fresh session opened on that URL shows the same filters
    again = AppTest.from_file(str(MAIN), default_timeout=60)
    again.query_params.update(at.query_params)
    again.run()
    assert again.slider(key="years").value == (2022, 2023)
    assert again.multiselect(key="sources").value == ["Beta News"]
    assert again.multiselect(key="categories").value == ["attack", "other"]
    assert again.session_state["map_values"] == at.session_state["map_values"]


def test_bad_query_params_open_the_default_view(app):
    app.query_params.update(
        {"years": "1990-2999", "cat": "<script>", "measure": "x", "prov": "AF-XXX", "rep": "nope"}
    )
    at = app.run()
    assert not at.exception
    assert at.slider(key="years").value == (2021, 2024)
    assert at.session_state["map_values"] == ALL_FOUR
    (notice,) = at.warning
    for name in ("years", "cat", "measure", "prov", "rep"):
        assert f"'{name}'" in notice.value


@pytest.mark.parametrize("years", ["²⁰²²", "2" * 5000])
def test_a_crafted_link_opens_the_default_view_with_a_notice(app, years):
    app.query_params.update({"years": years, "measure": "mentions"})
    at = app.run()
    assert not at.exception
    assert at.slider(key="years").value == (2021, 2024)
    assert at.radio(key="measure").value == "mentions"  # the rest of the link still counts
    assert "'years'" in at.warning[0].value and "'measure'" not in at.warning[0].value
    at.radio(key="measure").set_value("reports").run()
    assert "'years'" in at.warning[0].value, "the notice stays while the user works"
    at.button(key="reset").click().run()
    assert not at.warning, "back to the default view, the link no longer matters"


def test_missing_data_file_is_reported_not_raised(app, monkeypatch, tmp_path, rendered):
    monkeypatch.setenv("NRF_DATA", str(tmp_path / "absent.csv"))
    at = app.run()
    assert not at.exception
    assert "absent.csv" in rendered(at.error[0].value)


@pytest.mark.parametrize(
    ("variable", "name", "content", "message"),
    [
        ("NRF_DATA", "empty.csv", "", "line 1: the file is empty"),
        ("NRF_BOUNDARIES", "deep.geojson", "[" * 100_000, "nested too deeply"),
        ("NRF_BOUNDARIES", "none.geojson", '{"features": []}', "has no features"),
    ],
)
def test_a_bad_input_file_is_a_message_not_a_traceback(
    app, monkeypatch, tmp_path, rendered, variable, name, content, message
):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    monkeypatch.setenv(variable, str(path))
    at = app.run()
    assert not at.exception
    (error,) = at.error
    assert f"{path}: " in rendered(error.value) and message in rendered(error.value)


def _sample_with(paths, tmp_path: Path, column: str, by_report: dict[str, str]) -> Path:
    """The sample table with `column` set per report id (others unchanged), as a new file."""
    table = pd.read_csv(paths["sample"], dtype=str, keep_default_na=False)
    for report, value in by_report.items():
        table.loc[table["source_id"] == report, column] = value
    path = tmp_path / "activity.csv"
    table.to_csv(path, index=False, lineterminator="\n")
    return path


IMAGE = "![](http://198.51.100.7/x.png)"
LINK = "[text](https://evil.example/login)"


def test_a_hostile_publisher_reaches_the_caption_as_text(app, monkeypatch, paths, tmp_path,
                                                         rendered):
    table = _sample_with(paths, tmp_path, "source", {"alpha-2021": IMAGE, "beta-2022": LINK})
    monkeypatch.setenv("NRF_DATA", str(table))
    at = app.run()
    assert not at.exception
    (caption,) = [c.value for c in at.caption if c.value.startswith("Data:")]
    assert IMAGE not in caption and LINK not in caption and "](" not in caption
    assert IMAGE in rendered(caption) and LINK in rendered(caption)


def test_a_hostile_code_reaches_the_error_as_text(app, monkeypatch, paths, tmp_path, rendered):
    table = _sample_with(paths, tmp_path, "iso_3166_2", {"beta-2024": IMAGE})
    monkeypatch.setenv("NRF_DATA", str(table))
    at = app.run()
    assert not at.exception
    message = at.error[0].value
    assert "![" not in message and "](" not in message
    assert f"{table}: line 13: unknown province code '{IMAGE}'" in rendered(message)


def test_reset_restores_the_default_view(app):
    app.query_params.update({"years": "2023", "cat": "", "prov": "AF-BGL"})
    at = app.run()
    assert at.session_state["map_values"] == {}
    at.button(key="reset").click().run()
    assert not at.exception
    assert at.session_state["map_values"] == ALL_FOUR
    assert at.query_params == {"prov": "AF-BGL"}
    assert at.selectbox(key="province").value == "AF-BGL"


def test_rows_the_timeline_cannot_show_are_counted(app):
    at = app.run()
    # the sample's Kabul 1996 and Takhar 2001 rows
    (notice,) = [c.value for c in at.sidebar.caption if "never counted" in c.value]
    assert notice.startswith("2 rows") and "2021–2024" in notice


def test_provenance_caption(app):
    at = app.run()
    assert any("4 reports by 2 publishers" in c.value for c in at.caption)


def test_a_rebuilt_table_shows_without_restart(app, monkeypatch, paths, tmp_path):
    table = tmp_path / "activity.csv"
    table.write_bytes(paths["sample"].read_bytes())
    monkeypatch.setenv("NRF_DATA", str(table))
    at = app.run()
    at.multiselect(key="sources").set_value(["Alpha Institute"]).run()
    assert at.session_state["map_values"] == {"AF-PAN": 2, "AF-BGL": 2, "AF-KAP": 1}
    # the table is rebuilt without Alpha Institute's reports
    lines = paths["sample"].read_text(encoding="utf-8").splitlines(keepends=True)
    table.write_text("".join(line for line in lines if not line.startswith("alpha-")),
                     encoding="utf-8")
    at.run()
    assert not at.exception
    assert at.multiselect(key="sources").value == []
    assert at.session_state["map_values"] == {}
    assert at.multiselect(key="sources").options == ["Beta News"]


def _click(at: AppTest, code: str, count: int) -> AppTest:
    """What the map reports when a province is clicked (app/frontend/map.js)."""
    drawing = {"type": "Feature", "properties": {"iso_3166_2": code}, "geometry": None}
    report = {"last_active_drawing": drawing, "last_object_clicked_count": count}
    at.session_state["map"] = {mapcomponent.STATE: report}
    return at.run()


def test_clicking_a_province_shows_its_evidence_and_outlines_it(app):
    at = app.run()
    _click(at, "AF-BGL", 1)
    assert not at.exception
    assert at.selectbox(key="province").value == "AF-BGL"
    assert at.query_params["prov"] == "AF-BGL"
    detail = next(h.value for h in at.get("html") if "nrf-detail" in h.value)
    assert "<mark>Andarab</mark>" in detail and "<mark>Baghlan</mark>" in detail
    layer = sent_layer(at)
    assert mapview.SELECTED_OUTLINE in layer
    # choosing another province in the list, then clicking Baghlan again, selects it again
    at.selectbox(key="province").set_value("AF-PAN").run()
    assert at.selectbox(key="province").value == "AF-PAN"
    _click(at, "AF-BGL", 2)
    assert at.selectbox(key="province").value == "AF-BGL"


def _sample_plus(paths, tmp_path: Path, copy_of: str, new_id: str, code: str) -> Path:
    """The sample with a copy of one report under a new id, its rows moved to another province
    (same title, publisher and date: the same label)."""
    table = pd.read_csv(paths["sample"], dtype=str, keep_default_na=False)
    copy = table[table["source_id"] == copy_of].assign(source_id=new_id, iso_3166_2=code)
    path = tmp_path / "activity.csv"
    pd.concat([table, copy]).to_csv(path, index=False, lineterminator="\n")
    return path


def test_reports_with_the_same_label_are_two_choices(app, monkeypatch, paths, tmp_path):
    table = _sample_plus(paths, tmp_path, "alpha-2023", "alpha-2023-reissued", "AF-KDZ")
    monkeypatch.setenv("NRF_DATA", str(table))
    at = app.run()
    widget = at.multiselect(key="excluded_reports")
    assert widget.value == [] and len(set(widget.options)) == 5
    assert at.session_state["map_values"]["AF-KDZ"] == 1
    widget.set_value(["alpha-2023-reissued"]).run()
    assert at.multiselect(key="excluded_reports").value == ["alpha-2023-reissued"]
    assert "AF-KDZ" not in at.session_state["map_values"]
    assert at.session_state["map_values"]["AF-KAP"] == 1  # the original still counts
    assert at.query_params["xrep"] == "alpha-2023-reissued"


def test_a_link_shows_reports_added_after_it_was_made(app, monkeypatch, paths, tmp_path):
    at = app.run()
    at.multiselect(key="excluded_reports").set_value(["beta-2022"]).run()
    at.slider(key="years").set_value((2022, 2024)).run()
    link = dict(at.query_params)
    assert link == {"xrep": "beta-2022", "years": "2022-2024"}
    monkeypatch.setenv("NRF_DATA", str(_sample_plus(paths, tmp_path, "beta-2024", "new", "AF-KDZ")))
    later = AppTest.from_file(str(MAIN), default_timeout=60)
    later.query_params.update(link)
    later.run()
    assert not later.exception and not later.warning
    assert later.session_state["map_values"]["AF-KDZ"] == 1  # the new report counts
    assert "AF-PAR" not in later.session_state["map_values"]  # beta-2022 is still left out


def test_an_old_report_link_opens_as_it_was_made(app):
    app.query_params.update({"rep": ["alpha-2021", "beta-2024"]})
    at = app.run()
    assert not at.exception and not at.warning
    assert at.multiselect(key="excluded_reports").value == ["alpha-2023", "beta-2022"]
    assert at.session_state["map_values"] == {"AF-PAN": 2, "AF-BGL": 1, "AF-TAK": 1}
    assert dict(at.query_params) == {"xrep": ["alpha-2023", "beta-2022"]}


def test_the_province_picker_shows_its_own_placeholder(app):
    at = app.run()
    picker = at.selectbox(key="province")
    assert picker.value is None
    assert picker.placeholder == "Choose a province (or click the map)"
    assert None not in picker.options and len(picker.options) == 34
    assert not at.warning


def test_a_year_without_activity_shows_a_sentence_not_an_empty_chart(app):
    at = app.run()
    at.multiselect(key="sources").set_value(["Beta News"])
    at.slider(key="years").set_value((2023, 2023)).run()
    assert "No matching activity in these years." in [c.value for c in at.caption]
    assert len(at.get("vega_lite_chart")) == 0


def test_the_table_and_download_can_follow_the_chosen_province(app):
    app.query_params.update({"prov": "AF-BGL"})
    at = app.run()
    assert "Download these 12 rows" in at.download_button[0].label  # every picked row
    follow = at.toggle(key="follow")
    assert follow.label == "Baghlan only"
    follow.set_value(True).run()
    assert "Download these 2 rows" in at.download_button[0].label
    table = preview_text(at)
    assert "Showing all 2 rows." in table and "Panjshir" not in table
    at.toggle(key="follow").set_value(False).run()  # one click back to all
    assert "Download these 12 rows" in at.download_button[0].label


def test_the_detail_shows_the_province_per_year_by_claim(app):
    app.query_params.update({"prov": "AF-BGL"})
    at = app.run()
    assert not at.get("vega_lite_chart")  # light HTML bars: no chart script before the map
    years = next(h.value for h in at.get("html") if "nrf-province-years" in h.value)
    assert "· NRF" in years and "· third party" in years
    detail = next(h.value for h in at.get("html") if "nrf-detail" in h.value)
    assert "Claimed by: NRF 1 · third party 1" in detail


def _page_globals() -> list[dict]:
    """The module namespaces of app/main.py's runs that are still alive."""
    return [o for o in gc.get_objects() if isinstance(o, dict) and o.get("__file__") == str(MAIN)]


def test_a_run_leaves_no_frame_in_the_page_globals(app):
    # The first run's globals live as long as the server (multiprocessing keeps the __main__
    # it finds): a filtered frame left there would hold memory for good.
    at = app.run()
    at.slider(key="years").set_value((2022, 2024)).run()
    page = sys.modules["__main__"].__dict__
    assert page.get("__file__") == str(MAIN)
    assert "selected" in page or "current" in page  # the run's namespace, not another
    assert [name for name, value in page.items() if isinstance(value, pd.DataFrame)] == []


def test_a_rerun_frees_the_previous_runs_globals_without_the_garbage_collector(app):
    # A function defined in the page (a cached loader, a callback, a lambda) would tie each
    # run's globals into a cycle that only a full collection frees, rarely: memory grew by
    # the run's frames (500k rows: ~250 MB) with every rerun.
    gc.collect()
    before = {id(namespace) for namespace in _page_globals()}
    gc.disable()
    try:
        at = app.run()
        for years in ((2022, 2024), (2023, 2023), (2021, 2024)):
            at.slider(key="years").set_value(years).run()
        alive = [namespace for namespace in _page_globals() if id(namespace) not in before]
    finally:
        gc.enable()
    kept = {id(getattr(sys.modules.get(name), "__dict__", None)) for name in
            ("__main__", "__mp_main__")}
    assert [namespace for namespace in alive if id(namespace) not in kept] == []


def test_the_shared_shapes_are_never_modified_by_a_run(app, paths):
    # cached.boundaries and cached.neighbours hand every session the same dicts.
    at = app.run()
    _click(at, "AF-PAN", 1)
    at.slider(key="years").set_value((2023, 2023)).run()
    assert not at.exception
    boundaries_file, neighbours_file = data.boundaries_path(), data.neighbours_path()
    fresh = data.load_boundaries(boundaries_file), data.load_neighbours(neighbours_file)
    with pytest.MonkeyPatch.context() as patch:  # the runs' own dicts, not new ones
        patch.setattr(data, "load_boundaries", None)
        patch.setattr(data, "load_neighbours", None)
        shared = (
            cached.boundaries(str(boundaries_file), data.file_version(boundaries_file)),
            cached.neighbours(str(neighbours_file), data.file_version(neighbours_file)),
        )
    assert shared == fresh
