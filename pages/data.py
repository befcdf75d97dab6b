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
from analytics.ui import context, mapping_assistant, page

page.require_app()

UPLOAD_DIR = Path(tempfile.gettempdir()) / "switchboard-uploads"
QUARANTINE_SHOWN_ROWS = 1000


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
        "imported": (st.success, "Imported"),
        "dry-run": (st.success, "Dry run: every row is valid; nothing was changed"),
        "rejected": (st.error, "Rejected: nothing was changed"),
        "dry-run-rejected": (st.warning, "Dry run: rows would be rejected; nothing was changed"),
    }
    show, text = verdicts[result.status]
    show(f"{text} — {result.file_path.name} → {result.table}")
    cols = st.columns(5)
    cols[0].metric("Rows read", f"{result.rows_read:,}")
    cols[1].metric("Accepted", f"{result.rows_accepted:,}")
    cols[2].metric("Rejected", f"{result.rows_rejected:,}")
    cols[3].metric("Inserted", f"{result.rows_inserted:,}")
    cols[4].metric("Updated", f"{result.rows_updated:,}")
    if result.agents_created:
        st.info(f"Placeholder agents {'created' if result.status == 'imported' else 'to create'}: "
                f"{result.agents_created:,}")
    if result.ignored_columns:
        st.caption("Ignored columns (not in the contract): " + ", ".join(result.ignored_columns))
    if result.reason_counts:
        st.subheader("Rejected rows per reason")
        st.dataframe(
            pd.DataFrame(
                [(REASONS.get(r, r), c, n) for r, c, n in result.reason_counts],
                columns=["reason", "column", "rows"],
            ),
            hide_index=True,
        )
    if result.quarantine_path and Path(result.quarantine_path).exists():
        q = Path(result.quarantine_path)
        st.subheader("Rejected rows")
        st.caption(f"First {QUARANTINE_SHOWN_ROWS:,} shown; source_row is the row in your file (header = row 1).")
        st.dataframe(pd.read_csv(q, nrows=QUARANTINE_SHOWN_ROWS, dtype=str), hide_index=True)
        st.download_button("Download all rejected rows (CSV)", q.read_bytes(), file_name=q.name, mime="text/csv")


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
    st.subheader(f"Placeholder agents ({len(rows):,})")
    st.caption("Created for agent ids an import did not know. They are left out of headcount, hires and "
               "attrition until an agents import brings their real record.")
    st.dataframe(rows, hide_index=True)


def show_import_log(path: Path) -> None:
    st.subheader("Import log")
    try:
        log = context.rows("import_log")
    except warehouse.WarehouseMissing:
        st.info(f"No warehouse at {path} yet: the first import creates it.")
        return
    except Exception as exc:  # an old or half-built warehouse: say so, never a traceback
        st.error(f"Cannot read the import log of {path}: {str(exc).splitlines()[0]}")
        return
    if log.empty:
        st.caption("Nothing imported yet.")
    else:
        st.dataframe(log, hide_index=True)


st.title("Data")
st.caption(
    "Import your own exports. A file is imported whole or not at all: any rejected row leaves the "
    "warehouse unchanged and lists every problem with its row."
)
path = db_path()
table = st.selectbox("Table", TABLES, key="import_table")
uploaded = st.file_uploader("File (CSV, JSON lines, Parquet or xlsx)",
                            type=["csv", "txt", "tsv", "jsonl", "ndjson", "parquet", "xlsx"])
encoding = st.text_input("Encoding (leave empty for UTF-8/UTF-16; e.g. cp1256, gb18030)", key="import_encoding") or None
create_missing = st.checkbox("Create placeholder agents for unknown agent ids", key="import_create_missing")

if uploaded is not None:
    file_path = saved_upload(uploaded)
    try:
        st.subheader("Columns in your file")
        mapping_assistant.show_columns(mapping_assistant.file_columns(file_path, encoding))
    except ImportInputError as exc:
        st.error(str(exc))
        st.stop()
    offered = mapping_assistant.offered_profiles(path, context.version(), table, file_path, encoding)
    by_label = {f"Profile: {p.name}": p for p in offered}
    if offered:
        st.info("Your file has the columns of " + ", ".join(f"“{p.name}”" for p in offered)
                + ": pick it below to use that mapping.")
    how = st.radio("Mapping", [*by_label, "Mapping assistant", "Write the SQL myself"], horizontal=True,
                   key=f"import_how_{table}_{len(offered)}")
    if how in by_label:
        chosen = by_label[how]
        if chosen.bundled:
            st.caption(f"Follows: {chosen.document}. Fields used: {chosen.fields}.")
        elif chosen.note:
            st.caption(chosen.note)
        mapping = st.text_area("Mapping SQL of the profile (you may edit it)", value=chosen.sql, height=320,
                               key=f"profile_sql_{abs(hash(chosen.sql))}")
    elif how == "Mapping assistant":
        generated = mapping_assistant.render(table, file_path, encoding)
        mapping = None
        if generated is not None:
            # keyed on the generated text: picks made above replace the SQL, edits here survive reruns
            mapping = st.text_area("Mapping SQL (written from your picks; you may edit it)", value=generated,
                                   height=320, key=f"asst_sql_{abs(hash(generated))}")
            st.download_button("Download the mapping SQL", mapping.encode("utf-8"),
                               file_name=f"{table}_mapping.sql", mime="text/plain", key="download_mapping")
    else:
        mapping = st.text_area(
            "Mapping: one SELECT … FROM raw producing the canonical columns",
            value=template_sql(table), height=320, key=f"mapping_{table}",
        )
    if mapping is not None and how not in by_label:
        mapping_assistant.save_profile_form(path, table, mapping)
    if mapping is not None:
        timeout = st.number_input("Mapping time limit (seconds)", min_value=1.0, max_value=3600.0,
                                  value=MAPPING_TIMEOUT_S, step=10.0, key="mapping_timeout",
                                  help="A mapping that runs longer is stopped with a message; nothing is imported.")
        st.subheader("Preview of the mapped result (first 20 rows)")
        try:
            st.dataframe(preview(file_path, mapping, limit=20, encoding=encoding, mapping_timeout=timeout),
                         hide_index=True)
        except ImportInputError as exc:
            st.error(str(exc))
        left, right = st.columns(2)
        action = None
        if left.button("Dry run", key="dry_run"):
            action = "dry"
        if right.button("Import", type="primary", key="do_import"):
            action = "import"
        if action:
            # the importer's own stages (analytics/importer/progress.py), the source the CLI's bar reads
            bar = st.progress(0.0, text="Validating…" if action == "dry" else "Importing…")
            finished = False
            try:
                st.session_state["import_result"] = import_file(
                    path, table, file_path, mapping_sql=mapping, dry_run=action == "dry",
                    create_missing_agents=create_missing, encoding=encoding, mapping_timeout=timeout,
                    progress=lambda share, text: bar.progress(min(max(share, 0.0), 1.0), text=text),
                )
                finished = True   # the bar stays at "Done" above the result
            except ImportInputError as exc:
                st.session_state.pop("import_result", None)
                st.error(str(exc))
            except warehouse.WarehouseError as exc:
                st.error(str(exc))
            except Exception as exc:  # a constraint the contract missed, a full disk…: rolled back, say why
                st.error(f"The import failed and was rolled back; nothing was changed. {str(exc).splitlines()[0]}")
            if not finished:   # the message says what happened; a half-filled bar would not
                bar.empty()
        if "import_result" in st.session_state:
            show_result(st.session_state["import_result"])
else:
    st.session_state.pop("import_result", None)

show_placeholders(path)
show_import_log(path)
