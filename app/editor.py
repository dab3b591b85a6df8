"""The editors' part of the page: signing in, adding a report, reviewing rows.

app/main.py calls these functions in a few marked places. Without an editor password on the
server (app.access) they draw nothing at all; with one, only a sign-in form until the visitor
has entered it. The logic lives in app.access, app.addreport and app.reviews; this module is
widgets only. Everything shown from reports, catalogs and reviews is untrusted: it is escaped
(markdown.escape for Markdown, html.escape via app.evidence and app.headings for HTML) or
shown as plain text (widget options, tables).
"""

from __future__ import annotations

import hashlib
import html

import pandas as pd
import streamlit as st

from app import access, addreport, data, evidence, headings, markdown, reviews
from etl.catalog import source_id_for
from etl.model import CATEGORIES, CLAIMANTS, ReportMeta
from etl.provinces import BY_ISO, CANONICAL_NAMES, by_name

SIGNED_IN = "editor_signed_in"
MESSAGE = "editor_message"
UPLOAD_ROUND = "editor_upload_round"
ADDED = "editor_added"
# The review queue offers this many rows at a time (the table can hold 500,000).
QUEUE_SIZE = 200
_PROVINCES = [by_name(name).iso_3166_2 for name in sorted(CANONICAL_NAMES)]


def is_editor() -> bool:
    """True when the server allows editing and this visitor has signed in."""
    return access.editing_enabled() and is_editor_state(st.session_state)


def is_editor_state(state: object) -> bool:
    """True when this session state says the visitor signed in."""
    return SIGNED_IN in state and bool(state[SIGNED_IN])  # type: ignore[operator,index]


def sign_in() -> None:
    """The sidebar's editor block: a password form, or who is signed in; nothing when the
    server is read-only."""
    password = access.editor_password()
    if password is None:
        return
    st.html(headings.heading_html("Editors", "sidebar"))
    if st.session_state.get(SIGNED_IN):
        st.caption("Signed in: you can add reports and review rows.")
        st.button("Sign out", key="editor_sign_out", on_click=_sign_out)
        return
    with st.form("editor_sign_in", clear_on_submit=True, border=False):
        entered = st.text_input("Editor password", type="password", key="editor_password")
        submitted = st.form_submit_button("Sign in")
    if submitted:
        if access.check_password(entered, password):
            st.session_state[SIGNED_IN] = True
            st.rerun()
        st.error("Wrong password.")


def _sign_out() -> None:
    st.session_state[SIGNED_IN] = False


def show_message() -> None:
    """The outcome of the last save (kept across the rerun that shows its effect); a report
    just added joins the publisher selection, so the map shows its rows. Called
    before the filter widgets are drawn."""
    added = st.session_state.pop(ADDED, None)
    if added is not None and "sources" in st.session_state:
        # Reports are filtered by what is left out, so a new one shows; publishers by choice.
        _, source = added
        chosen = list(st.session_state["sources"])
        st.session_state["sources"] = chosen if source in chosen else [*chosen, source]
    message = st.session_state.pop(MESSAGE, None)
    if message:
        kind, text = message
        (st.success if kind == "ok" else st.warning)(text)


def _done(kind: str, text: str) -> None:
    st.session_state[MESSAGE] = (kind, text)
    st.rerun()


# --- Reviews ---------------------------------------------------------------------------


def review_mentions(rows: pd.DataFrame, key: str) -> None:
    """A reviewer's form for one of rows (chosen in a list), for editors only."""
    if not is_editor():
        return
    if rows.empty:
        st.caption("No rows to review here.")
        return
    shown = rows.iloc[:QUEUE_SIZE]
    choice = st.selectbox(
        "Row to review",
        range(len(shown)),
        format_func=lambda i: _label(shown.iloc[i]),
        key=f"{key}_row",
    )
    row = shown.iloc[choice]
    st.html(_row_html(row))
    _review_form(row, key)


def _label(row: pd.Series) -> str:
    years = evidence._years(int(row["year_from"]), int(row["year_to"]))
    state = reviews.STATE_LABELS[row["review"]]
    return f"{row['province']}: “{row['matched_text']}” · {row['category']}, {years} · {state}"


def _row_html(row: pd.Series) -> str:
    """The row's sentence with its words marked, what was extracted, and the note: escaped."""
    spans = evidence.sentence_spans(
        row["evidence"], [(row["matched_text"], row["char_start"], row["char_end"])]
    )
    extracted = (
        f"{row['extracted_category']}, {row['extracted_province']}, "
        f"{row['extracted_claimed_by'] or 'no claim'}, "
        f"{evidence._years(int(row['extracted_year_from']), int(row['extracted_year_to']))}"
    )
    note = f"<br>Note: {html.escape(row['review_note'])}" if row["review_note"] else ""
    return (
        f'<div class="nrf-review"><p>{evidence.highlight(row["evidence"], spans)}</p>'
        f"<small>{html.escape(row['title'] or row['source_id'])} · extracted: "
        f"{html.escape(extracted)}{note}</small></div>"
    )


def _state_index(state: str) -> int:
    """The verdict preselected: the current one, or "confirmed" for an unreviewed row."""
    return reviews.STATES.index(state) if state in reviews.STATES else 0


def _review_form(row: pd.Series, key: str) -> None:
    ident = hashlib.sha256(repr([row[c] for c in reviews.KEY]).encode()).hexdigest()[:12]
    with st.form(f"{key}_review_{ident}", border=True):
        state = st.radio(
            "Verdict",
            list(reviews.STATES),
            index=_state_index(row["review"]),
            format_func=reviews.STATE_LABELS.get,
            horizontal=True,
            key=f"{key}_state_{ident}",
        )
        st.caption("A correction uses the values below.")
        category = st.selectbox("Category", CATEGORIES, index=CATEGORIES.index(row["category"]),
                                key=f"{key}_category_{ident}")  # fmt: skip
        province = st.selectbox(
            "Province", _PROVINCES, index=_PROVINCES.index(row["iso_3166_2"]),
            format_func=lambda code: BY_ISO[code].name, key=f"{key}_province_{ident}",
        )  # fmt: skip
        claims = ["", *CLAIMANTS]
        claimed_by = st.selectbox(
            "Claimed by", claims, index=claims.index(row["claimed_by"]),
            format_func=lambda c: c or "(none)", key=f"{key}_claim_{ident}",
        )  # fmt: skip
        low, high = st.columns(2)
        year_from = low.number_input("From", 1900, 2100, int(row["year_from"]), step=1,
                                     key=f"{key}_from_{ident}")  # fmt: skip
        year_to = high.number_input("To", 1900, 2100, int(row["year_to"]), step=1,
                                    key=f"{key}_to_{ident}")  # fmt: skip
        note = st.text_area("Note (optional)", row["review_note"], max_chars=reviews.MAX_NOTE_CHARS,
                            key=f"{key}_note_{ident}")  # fmt: skip
        saved = st.form_submit_button("Save review")
    if not saved:
        return
    corrected = (
        {"category": category, "iso_3166_2": province, "claimed_by": claimed_by,
         "year_from": int(year_from), "year_to": int(year_to)}
        if state == reviews.CORRECTED else {}
    )  # fmt: skip
    if corrected.get("category") == "other":
        corrected["claimed_by"] = ""
    try:
        review = reviews.review_of(row, state, note=note.strip(), **corrected)
        reviews.save_reviews(reviews.reviews_path(), [review])
    except (ValueError, OSError) as exc:
        st.error(f"Not saved: {markdown.escape(exc)}")
        return
    _done("ok", f"Saved: {markdown.escape(_label(row))} is now {reviews.STATE_LABELS[state]}.")


def review_queue(rows: pd.DataFrame) -> None:
    """The queue: unreviewed activity rows first (editors only)."""
    if not is_editor():
        return
    ordered = reviews.queue(rows)
    waiting = int(((rows["review"] == reviews.UNREVIEWED) & (rows["category"] != "other")).sum())
    with st.expander(f"Review queue: {waiting} activity rows not yet reviewed", expanded=False):
        review_mentions(ordered, "queue")


def orphaned_reviews(orphans: pd.DataFrame) -> None:
    """Reviews whose mention the table no longer holds: listed, never dropped silently."""
    if orphans.empty:
        return
    with st.expander(f"{len(orphans)} review(s) no longer match a row of the table"):
        st.caption(
            "The report changed or was removed, so these mentions are no longer extracted. "
            "They stay in the reviews file and apply again if the same words are found."
        )
        st.dataframe(orphans, hide_index=True)


# --- Adding a report -------------------------------------------------------------------


def add_report_panel() -> None:
    """Upload or paste a report, fill its catalog row, preview its rows, add it (editors)."""
    if not is_editor():
        return
    round_ = st.session_state.setdefault(UPLOAD_ROUND, 0)
    with st.expander("Add a report", expanded=False):
        files = st.file_uploader(
            "Report files (plain text, saved web page or PDF)", accept_multiple_files=True,
            max_upload_size=addreport.UPLOAD_LIMIT_MB,
            key=f"add_files_{round_}",
        )  # fmt: skip
        pasted = st.text_area("…or paste the report's text", key=f"add_pasted_{round_}")
        uploads = [addreport.Upload(f.name, f.getvalue()) for f in files or []]
        if pasted.strip():
            uploads.append(addreport.Upload("pasted text", pasted.encode("utf-8")))
        for number, upload in enumerate(uploads):
            _one_upload(upload, f"{round_}_{number}")


def _one_upload(upload: addreport.Upload, key: str) -> None:
    st.html(headings.heading_html(upload.name, "section"))
    try:
        candidate = addreport.examine(upload, addreport.reports_dir())
    except addreport.Refused as refused:
        st.error(markdown.escape(refused))
        return
    for warning in candidate.warnings:
        st.warning(markdown.escape(warning))
    suggested = candidate.suggested
    meta = ReportMeta(
        source_id="",
        source=st.text_input("Publisher", suggested.source, key=f"add_source_{key}"),
        title=st.text_input("Title", suggested.title, key=f"add_title_{key}"),
        author=st.text_input("Author", suggested.author, key=f"add_author_{key}"),
        published=st.text_input(
            "Published (YYYY-MM or YYYY-MM-DD)", suggested.published, key=f"add_published_{key}"
        ),
        url=st.text_input("URL", suggested.url, key=f"add_url_{key}"),
    )
    meta = addreport.clean_meta(meta)
    problem = addreport.meta_problem(meta)
    if problem is not None:
        st.info(problem)
        return
    found = pd.DataFrame(addreport.preview(candidate, meta).as_dicts())
    _preview(found)
    if st.button("Add to the map", key=f"add_button_{key}", type="primary"):
        _add(candidate, meta)


def _preview(found: pd.DataFrame) -> None:
    """The rows the extractor finds, province by province, sentences highlighted."""
    if found.empty:
        st.warning("The extractor finds no province in this report.")
        return
    activity = found[found["category"] != "other"]
    st.markdown(
        f"**Preview:** {len(found)} mention(s), {len(activity)} of NRF activity, in "
        f"{found['iso_3166_2'].nunique()} province(s)."
    )
    parts = [evidence.province_detail_html(found, code) for code in found["iso_3166_2"].unique()]
    with st.container(height=300):
        st.html("".join(parts))


def _add(candidate: addreport.Candidate, meta: ReportMeta) -> None:
    try:
        added = addreport.add(
            candidate, meta, addreport.reports_dir(), addreport.catalog_path(),
            data.activity_path(),
        )  # fmt: skip
    except addreport.Refused as refused:
        st.error(markdown.escape(refused))
        return
    except Exception as exc:  # the rebuild failed: the report was taken back
        st.error(f"Not added (nothing changed): {markdown.escape(exc)}")
        return
    st.session_state[UPLOAD_ROUND] = st.session_state.get(UPLOAD_ROUND, 0) + 1
    st.session_state[ADDED] = (source_id_for(added.file_name), meta.source)
    warnings = f" {len(added.problems)} warning(s) from the rebuild." if added.problems else ""
    _done("ok", f"Added as {markdown.escape(added.file_name)}; the table now has "
                f"{added.rows} rows.{warnings}")  # fmt: skip
