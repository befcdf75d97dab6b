"""Data page: import a user's own export into the warehouse (upload → map → preview → dry run → import)."""
from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from analytics.core import warehouse
from analytics.importer import TABLES, ImportInputError, import_file, preview, template_sql
from analytics.importer.pipeline import MAPPING_TIMEOUT_S
from analytics.importer.validate import REASONS
from analytics.core import units
from analytics import i18n
from analytics.i18n import N_, _, isolate
from analytics.ui import context, mapping_assistant, page

page.require_app()

UPLOAD_DIR = Path(tempfile.gettempdir()) / "switchboard-uploads"
QUARANTINE_SHOWN_ROWS = 1000
# the import log's columns (the warehouse keeps its machine names; the screen says them in words)
LOG_HEADERS = {
    "import_id": N_("Import ID"), "table_name": N_("Table"), "file_name": N_("File"),
    "file_sha256": N_("File fingerprint (SHA-256)"), "rows_read": N_("Rows read"),
    "rows_accepted": N_("Accepted"), "rows_rejected": N_("Rejected"), "rows_inserted": N_("Inserted"),
    "rows_updated": N_("Updated"), "status": N_("Status"), "started_at": N_("Started at"),
    "finished_at": N_("Finished at"), "message": N_("Message"),
}
SQL_LTR_CSS = """<style>
:is([class*="st-key-asst_sql_"], [class*="st-key-profile_sql_"], [class*="st-key-mapping_"]) textarea
{direction: ltr; text-align: left;}
</style>"""
# the import tables' names are the contract's (files, the CLI's --table); other languages add words
TABLE_WORDS = {"calls": N_("Call records"), "agents": N_("Agent roster"), "evaluations": N_("QA evaluations"),
               "evaluation_items": N_("QA evaluation items"), "surveys": N_("Survey answers"),
               "shifts": N_("Shift records"), "assignments": N_("Team assignments")}
LOG_STATUS = {"imported": N_("imported"), "rejected": N_("rejected"), "dry-run": N_("dry run")}


def table_label(table: str) -> str:
    """'calls' in English (the name the CLI and the docs use); the table's words in Persian and Chinese."""
    if i18n.current() == i18n.DEFAULT or table not in TABLE_WORDS:
        return table
    return _(TABLE_WORDS[table])


def db_path() -> Path:
    """The one place this page decides which warehouse it writes to: the app's."""
    return context.db_path()


def saved_upload(uploaded) -> Path:
    """The upload on disk (the importer streams from a path); written once per uploaded file."""
    target = UPLOAD_DIR / str(uploaded.file_id) / Path(uploaded.name).name
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(uploaded.getbuffer())
    return target


def show_result(result) -> None:
    verdicts = {
        "imported": (st.success, _("Imported — {file} → {table}")),
        "dry-run": (st.success, _("Dry run: every row is valid; nothing was changed — {file} → {table}")),
        "rejected": (st.error, _("Rejected: nothing was changed — {file} → {table}")),
        "dry-run-rejected": (st.warning, _("Dry run: rows would be rejected; nothing was changed — {file} → {table}")),
    }
    show, text = verdicts[result.status]
    show(text.format(file=isolate(result.file_path.name), table=isolate(result.table)))
    cols = st.columns(5)
    count = lambda n: units.number(n, 0)  # noqa: E731
    cols[0].metric(_("Rows read"), count(result.rows_read))
    cols[1].metric(_("Accepted"), count(result.rows_accepted))
    cols[2].metric(_("Rejected"), count(result.rows_rejected))
    cols[3].metric(_("Inserted"), count(result.rows_inserted))
    cols[4].metric(_("Updated"), count(result.rows_updated))
    if result.agents_created:
        text = (_("Placeholder agents created: {n}") if result.status == "imported"
                else _("Placeholder agents to create: {n}"))
        st.info(text.format(n=count(result.agents_created)))
    if result.ignored_columns:
        st.caption(_("Ignored columns (not in the contract): {columns}").format(
            columns=isolate(", ".join(result.ignored_columns))))
    if result.reason_counts:
        st.subheader(_("Rejected rows per reason"))
        # the stored reason codes stay English (the quarantine file, the CLI); the screen says them in words
        st.dataframe(
            pd.DataFrame(
                [(_(REASONS.get(r, r)), c, n) for r, c, n in result.reason_counts],
                columns=[_("Rejection reason"), _("Column"), _("Rows")],
            ),
            hide_index=True,
        )
    if result.quarantine_path and Path(result.quarantine_path).exists():
        q = Path(result.quarantine_path)
        st.subheader(_("Rejected rows"))
        st.caption(_("First {n} shown; source_row is the row in your file (header = row 1).").format(
            n=count(QUARANTINE_SHOWN_ROWS)))
        st.dataframe(pd.read_csv(q, nrows=QUARANTINE_SHOWN_ROWS, dtype=str), hide_index=True)
        st.download_button(_("Download all rejected rows (CSV)"), q.read_bytes(), file_name=q.name, mime="text/csv")


def show_placeholders(path: Path) -> None:
    """Agents an import created for unknown ids: not counted in headcount, hires or attrition until an
    agents import brings their real record."""
    try:
        with warehouse.read_connection(path) as con:
            rows = con.execute(
                "SELECT p.agent_id, a.hired_on AS first_seen, p.table_name AS created_by_import_of, "
                "p.file_name AS file, p.created_at FROM placeholder_agents p "
                "LEFT JOIN agents a USING (agent_id) ORDER BY p.agent_id").df()
    except Exception:  # no warehouse yet, or one built before placeholders were tracked: nothing to list
        return
    if rows.empty:
        return
    st.subheader(_("Placeholder agents ({n})").format(n=units.number(len(rows), 0)))
    st.caption(_("Created for agent ids an import did not know. They are left out of headcount, hires and "
                 "attrition until an agents import brings their real record."))
    st.dataframe(rows, hide_index=True, column_config={
        "agent_id": _("Agent ID"), "first_seen": _("First seen"), "created_by_import_of": _("Created by an import of"),
        "file": _("File"), "created_at": _("Created at")})


def show_import_log(path: Path) -> None:
    st.subheader(_("Import log"))
    try:
        log = context.rows("import_log")
    except warehouse.WarehouseMissing:
        st.info(_("No warehouse at {path} yet: the first import creates it.").format(path=isolate(path)))
        return
    except Exception as exc:  # an old or half-built warehouse: say so, never a traceback
        st.error(_("Cannot read the import log of {path}: {error}").format(path=isolate(path),
                                                                           error=str(exc).splitlines()[0]))
        return
    if log.empty:
        st.caption(_("Nothing imported yet."))
    else:
        if "table_name" in log.columns:
            log = log.assign(table_name=[table_label(t) for t in log["table_name"]])
        if "status" in log.columns:
            log = log.assign(status=[_(LOG_STATUS[v]) if v in LOG_STATUS else v for v in log["status"]])
        st.dataframe(log, hide_index=True, column_config={c: _(t) for c, t in LOG_HEADERS.items()})


if i18n.rtl():   # SQL reads left to right in a Persian page too
    st.html(SQL_LTR_CSS)
st.title(_("Data"))
st.caption(_(
    "Import your own exports. A file is imported whole or not at all: any rejected row leaves the "
    "warehouse unchanged and lists every problem with its row."
))
path = db_path()
table = st.selectbox(_("Table"), TABLES, key="import_table", format_func=table_label)
uploaded = st.file_uploader(_("File (CSV, JSON lines, Parquet or xlsx)"),
                            type=["csv", "txt", "tsv", "jsonl", "ndjson", "parquet", "xlsx"])
encoding = st.text_input(_("Encoding (leave empty for UTF-8/UTF-16; e.g. cp1256, gb18030)"), key="import_encoding") or None
create_missing = st.checkbox(_("Create placeholder agents for unknown agent ids"), key="import_create_missing")

if uploaded is not None:
    file_path = saved_upload(uploaded)
    try:
        st.subheader(_("Columns in your file"))
        mapping_assistant.show_columns(mapping_assistant.file_columns(file_path, encoding))
    except ImportInputError as exc:
        st.error(str(exc))
        st.stop()
    offered = mapping_assistant.offered_profiles(path, context.version(), table, file_path, encoding)
    # the radio's values stay English (tests and links pick them); format_func says them in the language
    by_label = {f"Profile: {p.name}": p for p in offered}
    ways = {"Mapping assistant": N_("Mapping assistant"), "Write the SQL myself": N_("Write the SQL myself")}
    if offered:
        st.info(_("Your file has the columns of {profiles}: pick it below to use that mapping.").format(
            profiles=_(", ").join(f"“{isolate(p.name)}”" for p in offered)))
    how = st.radio(_("Mapping"), [*by_label, *ways], horizontal=True,
                   format_func=lambda v: (_("Profile: {name}").format(name=isolate(by_label[v].name))
                                          if v in by_label else _(ways[v])),
                   key=f"import_how_{table}_{len(offered)}")
    if how in by_label:
        chosen = by_label[how]
        if chosen.bundled:
            st.caption(_("Follows: {document}. Fields used: {fields}.").format(
                document=isolate(chosen.document), fields=isolate(chosen.fields)))
        elif chosen.note:
            st.caption(chosen.note)
        mapping = st.text_area(_("Mapping SQL of the profile (you may edit it)"), value=chosen.sql, height=320,
                               key=f"profile_sql_{abs(hash(chosen.sql))}")
    elif how == "Mapping assistant":
        generated = mapping_assistant.render(table, file_path, encoding)
        mapping = None
        if generated is not None:
            # keyed on the generated text: picks made above replace the SQL, edits here survive reruns
            mapping = st.text_area(_("Mapping SQL (written from your picks; you may edit it)"), value=generated,
                                   height=320, key=f"asst_sql_{abs(hash(generated))}")
            st.download_button(_("Download the mapping SQL"), mapping.encode("utf-8"),
                               file_name=f"{table}_mapping.sql", mime="text/plain", key="download_mapping")
    else:
        mapping = st.text_area(
            _("Mapping: one SELECT … FROM raw producing the canonical columns"),
            value=template_sql(table), height=320, key=f"mapping_{table}",
        )
    if mapping is not None and how not in by_label:
        mapping_assistant.save_profile_form(path, table, mapping)
    if mapping is not None:
        timeout = st.number_input(_("Mapping time limit (seconds)"), min_value=1.0, max_value=3600.0,
                                  value=MAPPING_TIMEOUT_S, step=10.0, key="mapping_timeout",
                                  help=_("A mapping that runs longer is stopped with a message; nothing is imported."))
        st.subheader(_("Preview of the mapped result (first 20 rows)"))
        try:
            st.dataframe(preview(file_path, mapping, limit=20, encoding=encoding, mapping_timeout=timeout),
                         hide_index=True)
        except ImportInputError as exc:
            st.error(str(exc))
        left, right = st.columns(2)
        action = None
        if left.button(_("Dry run"), key="dry_run"):
            action = "dry"
        if right.button(_("Import"), type="primary", key="do_import"):
            action = "import"
        if action:
            # the importer's own stages (analytics/importer/progress.py), the source the CLI's bar reads
            bar = st.progress(0.0, text=_("Validating…") if action == "dry" else _("Importing…"))
            finished = False
            try:
                st.session_state["import_result"] = import_file(
                    path, table, file_path, mapping_sql=mapping, dry_run=action == "dry",
                    create_missing_agents=create_missing, encoding=encoding, mapping_timeout=timeout,
                    # the stages' words are catalog strings (importer/progress.py), said in the session's language
                    progress=lambda share, text: bar.progress(min(max(share, 0.0), 1.0), text=_(text)),
                )
                finished = True   # the bar stays at "Done" above the result
            except ImportInputError as exc:
                st.session_state.pop("import_result", None)
                st.error(str(exc))
            except warehouse.WarehouseError as exc:
                st.error(str(exc))
            except Exception as exc:  # a constraint the contract missed, a full disk…: rolled back, say why
                st.error(_("The import failed and was rolled back; nothing was changed. {error}").format(
                    error=str(exc).splitlines()[0]))
            if not finished:   # the message says what happened; a half-filled bar would not
                bar.empty()
        if "import_result" in st.session_state:
            show_result(st.session_state["import_result"])
else:
    st.session_state.pop("import_result", None)

show_placeholders(path)
show_import_log(path)
