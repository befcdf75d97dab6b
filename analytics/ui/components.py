"""Building blocks every page uses: header and notices, KPI tiles, tables with CSV download,
the empty state. They render; the numbers come from analytics.core.metrics through ui.context."""
from __future__ import annotations

import functools
import os
import re

import pandas as pd
import streamlit as st

from analytics.core import exports, periods, targets, vegalite_check
from analytics.core import registry
from analytics.core.filters import Filters
from analytics.review.markdown import escape as md
from analytics.ui import context, state, targets_view

NO_CALLS = "No calls in this selection."


def header(title: str, f: Filters, caption: str | None = None) -> None:
    st.title(title)
    cat = context.catalog()
    line = f.describe(cat)
    cmp = f.comparison()
    if cmp:
        line += f" · compared with {cmp.start:%Y-%m-%d} – {cmp.end:%Y-%m-%d}"
    # names and queues come from the data: shown literally, never as markdown
    st.caption(md(line) + (f"  \n{caption}" if caption else ""))
    for note in state.notices():
        st.info(note, icon="ℹ️")


def empty(message: str = NO_CALLS) -> None:
    st.info(message)


def slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "_", text).strip("_").lower() or "data"


def audit_export(name: str, kind: str = "csv") -> None:
    """Record a download in the audit log (who exported what)."""
    from analytics.auth import audit, config
    from analytics.ui import auth_gate

    audit.record(config.audit_file(context.db_path()), "export", auth_gate.user().username,
                 what=name, format=kind, page=st.session_state.get("_page_url"))


def download(df: pd.DataFrame, name: str, key: str | None = None) -> None:
    """CSV download of a frame: formula injection neutralized, the export audited. The CSV is written
    only when the button is clicked (a deferred download): every chart and table offers one, and
    writing them all on every rerun cost more than drawing the page."""
    st.download_button("Download CSV", _csv_writer(df), file_name=f"{slug(name)}.csv",
                       mime="text/csv", key=key or f"dl_{slug(name)}", icon=":material/download:",
                       on_click=audit_export, args=(name,))


def _csv_writer(df: pd.DataFrame):
    return lambda: exports.to_csv_bytes(df)


def table(df: pd.DataFrame, name: str, *, column_config=None, height="auto", key: str | None = None,
          hide_index: bool = True) -> None:
    """A table with its CSV download; text is shown as text (st.dataframe never renders HTML)."""
    if df is None or df.empty:
        empty()
        return
    st.dataframe(df, hide_index=hide_index, column_config=column_config, height=height, placeholder="—",
                 key=key and f"tbl_{key}")
    download(df, name, key=key and f"dl_{key}")


def chart(ch, df: pd.DataFrame, name: str, key: str | None = None) -> None:
    """An Altair chart with the CSV of the data behind it."""
    st.altair_chart(_without_schema_check(ch), width="stretch")
    download(df, name, key=key)


def vega_chart(spec: dict, df: pd.DataFrame, name: str, key: str | None = None) -> None:
    """A chart given as a plain Vega-Lite dict (for builders that skip Altair's object model), with the
    CSV of the data behind it. Checked against the Vega-Lite schema under pytest, like chart()."""
    if "PYTEST_CURRENT_TEST" in os.environ:
        vegalite_check.validate(spec)
    st.vega_lite_chart(spec, width="stretch")
    download(df, name, key=key)


def _without_schema_check(ch):
    """Altair checks a chart's whole spec against the Vega-Lite JSON schema each time it is drawn: two
    thirds of the time of drawing a small layered chart. The spec is the same either way; the builders
    are deterministic and every page test draws its charts with the check on (under pytest), so the
    app skips it."""
    if "PYTEST_CURRENT_TEST" in os.environ:
        return ch
    # an instance attribute shadows the method for this one chart; SchemaBase.__setattr__ would store it
    # as a spec property instead
    object.__setattr__(ch, "to_dict", functools.partial(ch.to_dict, validate=False))
    return ch


def formatted_kpi_frame(df: pd.DataFrame, ids) -> pd.DataFrame:
    """Display copy: KPI columns as formatted text (— for undefined)."""
    out = df.copy()
    for i in ids:
        if i in out:
            out[i] = [registry.get(i).format(v) for v in out[i]]
    return out.rename(columns={i: registry.get(i).label for i in ids if i in out})


def kpi_column_config(ids) -> dict:
    """Column formats for raw KPI columns in st.dataframe (keeps numbers sortable)."""
    fmt = {"pct": "%.1f%%", "s": "%.0f s", "count": "%d", "h": "%.1f h", "score": "%.1f", "nps": "%+.0f",
           "ratio": "%.2f"}
    return {i: st.column_config.NumberColumn(registry.get(i).label, format=fmt.get(registry.get(i).unit, "%.2f"),
                                             help=registry.get(i).description)
            for i in ids}


def _delta_color(k: registry.Kpi) -> str:
    return {registry.HIGHER_IS_BETTER: "normal", registry.LOWER_IS_BETTER: "inverse"}.get(k.direction, "off")


def _spark(df: pd.DataFrame | None, kid: str) -> list[float] | None:
    """Sparkline points: undefined periods are skipped (st.metric cannot draw a gap)."""
    if df is None or kid not in df:
        return None
    pts = [float(v) for v in df[kid].tolist() if v is not None and not pd.isna(v)]
    return pts if len(pts) > 1 else None


def kpi_tiles(f: Filters, ids, per_row: int = 4, sparkline: bool = True) -> dict:
    """One st.metric per KPI: value, delta vs the comparison period (coloured by direction),
    target status and a sparkline at the filter's grain. Returns the current values."""
    current = context.kpi_values(f, ids)
    cmp = f.comparison()
    previous = context.kpi_values(cmp, ids) if cmp else {}
    trend_df = context.kpi_frame(f, ids, by=f.grain if f.grain not in periods.SUBDAY or f.days <= 7 else "day") if sparkline else None
    tgts = targets_view.targets_for(f)
    cols = st.columns(per_row)
    for n, kid in enumerate(ids):
        k = registry.get(kid)
        value, prev = current.get(kid), previous.get(kid)
        delta = None if value is None or prev is None else value - prev
        t = tgts.get(kid)
        st_ = targets.status(kid, value, t)
        help_lines = [k.description]
        if t:
            help_lines.append(f"Target {k.format(t.value)} ({t.source}).")
        if prev is not None:
            help_lines.append(f"Comparison period: {k.format(prev)}.")
        desc = None
        if t:
            desc = {"met": "on target", "missed": "off target"}.get(st_, "target") + f" {k.format(t.value)}"
        with cols[n % per_row]:
            st.metric(
                k.label, k.format(value),
                delta=registry.format_delta(delta, k.unit) if delta is not None else None,
                delta_color=_delta_color(k), help="  \n".join(help_lines), border=True,
                chart_data=_spark(trend_df, kid),
                delta_description=desc,
            )
    return current
