"""Building blocks every page uses: header and notices, KPI tiles, tables with CSV download,
the empty state. They render; the numbers come from analytics.core.metrics through ui.context."""
from __future__ import annotations

import functools
import re

import pandas as pd
import streamlit as st

from analytics.core import calendars, charts, comparison, exports, periods, status, units
from analytics.core.numbers import as_float
from analytics.core import registry
from analytics.core.filters import Filters
from analytics.core.units import digits
from analytics import i18n
from analytics.i18n import N_, _, dot, ltr, ngettext
from analytics.ui.markdown import escape as md
from analytics.ui import context, option_notices, state, targets_view

NO_CALLS = N_("No calls in this selection.")
# the items a clickable table's row opens, named in its "Click a row to open that {item}." caption
DRILL_ITEMS = (N_("call"), N_("team"), N_("agent"))


# Labels and values wrap instead of being cut with an ellipsis ("Average speed of ans…") at 1280 px.
WRAP_CSS = """<style>
[data-testid="stMetricLabel"] p, [data-testid="stMetricLabel"] div {white-space: normal !important;
  overflow: visible !important; text-overflow: clip !important;}
[data-testid="stMetricValue"] > div {white-space: normal !important; overflow: visible !important;}
[data-testid="stMetricDelta"] div {white-space: normal !important;}
[data-testid="stMainBlockContainer"] {padding-left: 1rem !important; padding-right: 1rem !important;}
span.stMarkdownBadge {white-space: normal !important; overflow: visible !important; text-overflow: clip !important;}
</style>"""
# (the padding: Streamlit's wide layout keeps 5rem each side; at 1280 px the 8rem given back are what
# an eight-column KPI table needs to show its last column. The sidebar keeps its width: narrower, its
# date range was cut. Badges: a tile's "On target · ≥ 100.0%" was cut to
# "≥ 100.…" five tiles a row)


def header(title: str, f: Filters, caption: str | None = None) -> None:
    st.html(WRAP_CSS)
    st.title(title)
    cat = context.catalog()
    line = f.describe(cat)
    cmp = f.comparison()
    if cmp:
        line += dot() + _("compared with {start} – {end}").format(
            start=ltr(digits(calendars.date_label(cmp.start, cmp.calendar))),
            end=ltr(digits(calendars.date_label(cmp.end, cmp.calendar))))
        covered, days = context.comparison_coverage(f)
        if covered == 0:
            line += " " + _("(no data then: changes are not shown)")
        elif covered < days:
            line += " " + ngettext("(data on only {covered} of its {days} day: changes are not shown)",
                                   "(data on only {covered} of its {days} days: changes are not shown)",
                                   days).format(covered=digits(str(covered)), days=digits(str(days)))
    # names and queues come from the data: shown literally, never as markdown
    st.caption(md(line) + (f"  \n{caption}" if caption else ""))
    for note in state.notices():
        option_notices.show(note)


def empty(message: str = NO_CALLS) -> None:
    st.info(_(message))


def stop_if_empty(nothing: bool, message: str = NO_CALLS) -> None:
    """The empty-selection guard: when there is nothing to show, say so and end the page's run here."""
    if nothing:
        empty(message)
        st.stop()


def stop_if_no_calls(f: Filters) -> None:
    """The guard of the call pages: no call in the selection."""
    stop_if_empty(not context.has_calls(f))


def slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "_", text).strip("_").lower() or "data"


def audit_export(name: str, kind: str = "csv") -> None:
    """Record a download in the audit log (who exported what)."""
    from analytics.auth import audit, config
    from analytics.ui import auth_gate

    audit.record(config.audit_file(context.db_path()), "export", auth_gate.user().username,
                 what=name, format=kind, page=st.session_state.get("_page_url"))


def download(df, name: str, key: str | None = None, column_config: dict | None = None) -> None:
    """CSV download of a frame (or of a function that makes it, called only when the CSV is asked
    for), written for people by analytics.core.exports (headers in words with units, people as
    "Name (id)", numbers rounded as on screen; `column_config` gives the table's own labels): formula
    injection neutralized, the export audited. The CSV is written only when the button is clicked (a
    deferred download): every chart and table offers one, and writing them all on every rerun cost
    more than drawing the page."""
    st.download_button(_("Download CSV"), _csv_writer(df, column_config), file_name=f"{slug(name)}.csv",
                       mime="text/csv", key=key or f"dl_{slug(name)}", icon=":material/download:",
                       on_click=audit_export, args=(name,))


def _csv_writer(df, column_config: dict | None = None):
    # Streamlit calls a deferred download outside the script run (no session to read the language
    # from): the headers' language is the session's at the time the button was drawn
    lang = i18n.current()

    def write() -> bytes:
        with i18n.using(lang):
            return exports.to_csv_bytes(df() if callable(df) else df, column_config)
    return write


def labelled(df: pd.DataFrame, column_config: dict | None = None, *, kpis: bool = True) -> dict:
    """The table's column_config with every column it does not configure labelled in words
    (analytics.core.exports: "Hold count", "Wait (s)", "Agent ID"; a KPI by its registry label, number
    format and description) and floats shown with the CSV's digits, so no table shows a machine
    name or 474.1707317073171."""
    config = dict(column_config or {})
    names = [str(c) for c in df.columns]
    for col, label in exports.screen_labels(names).items():
        if col in config:
            continue
        if kpis and col in registry.KPIS:
            k = registry.get(col)
            config[col] = unit_column(k.label, k.unit, help=k.description)
            continue
        d = exports.screen_decimals(col, df[col])
        if d is not None:
            config[col] = st.column_config.NumberColumn(label, format=units.group_separator(f"%,.{d}f"))
        elif exports.dates_only(df[col]):  # a hire date is 2015-12-03, not 2015-12-03 00:00:00
            config[col] = st.column_config.DateColumn(label, format="YYYY-MM-DD")
        else:
            config[col] = st.column_config.Column(label)
    return config


def table(df: pd.DataFrame, name: str, *, column_config=None, height="auto", key: str | None = None,
          hide_index: bool = True, drill: tuple[str, str] | None = None, goto: str | None = None,
          closes: tuple[str, ...] = ()) -> None:
    """A table with its CSV download; text is shown as text (st.dataframe never renders HTML).
    `drill=(option, column)`: clicking a row sets the page option `option` (a state.choice, kept in the
    URL) to that row's `column` — click a team to see its agents, an agent to see their calls.
    `goto`: the option belongs to another page (a file under pages/), which the click opens;
    `closes`: options of the drill's deeper steps, closed by the click (a new team shows no old agent)."""
    if df is None or df.empty:
        empty()
        return
    column_config = labelled(df, column_config)
    first = str(df.columns[0])
    if len(df.columns) > 6 and isinstance(column_config.get(first), dict) and not \
            pd.api.types.is_numeric_dtype(df[first]):
        # a wide table keeps its row's name on screen while its other columns scroll
        column_config[first] = {**column_config[first], "pinned": True}
    kwargs = {}
    if drill and key:
        kwargs = dict(on_select=_drill_callback(f"tbl_{key}", df, *drill, goto=goto, closes=closes),
                      selection_mode="single-row")
    st.dataframe(rtl_cells(df), hide_index=hide_index, column_config=column_config, height=height, placeholder="—",
                 key=key and f"tbl_{key}", **kwargs)
    if drill and key:
        st.caption(_("Click a row to open that {item}.").format(item=_(drill[0])))
    download(df, name, key=key and f"dl_{key}", column_config=column_config)
    if drill and key and goto and st.session_state.get(_GOTO) == goto:
        # st.switch_page does nothing inside a widget callback: the click asks, the run goes, with the
        # target's address (the filters and the drilled option) so the page opens as a link would
        del st.session_state[_GOTO]
        st.switch_page(goto, query_params=state.handoff(**{drill[0]: st.session_state.get(f"p_{drill[0]}", "")}))


_GOTO = "_drill_goto"

# a signed number as units.number writes it in a right-to-left language: a left-to-right mark, then it
_MARKED_SIGNED = re.compile("\u200e([+\\-\u2212][\u06f0-\u06f9\u066b\u066c]+)")


def rtl_cells(df: pd.DataFrame) -> pd.DataFrame:
    """The table as the grid draws it in a right-to-left language. The grid lays a cell out left to right
    when its first strong character is left-to-right, and the mark that keeps a sign before its digits
    is one: "+۳٫۵ واحد درصد (غ.م.)" came out as "واحد درصد (غ.م.) +۳٫۵". The signed number is isolated
    left to right instead (U+2066 … U+2069), so the cell is read right to left with the number whole.
    The CSV keeps the frame as it was; other languages get it unchanged."""
    if not i18n.rtl():
        return df
    text_cols = [c for c in df.columns if df[c].dtype == object or pd.api.types.is_string_dtype(df[c])]
    if not text_cols:
        return df
    out = df.copy()
    for c in text_cols:
        out[c] = [_MARKED_SIGNED.sub("\u2066\\1\u2069", v) if isinstance(v, str) and "\u200e" in v else v
                  for v in out[c]]
    return out


def _drill_callback(widget_key: str, df: pd.DataFrame, option: str, column: str, *, goto: str | None = None,
                    closes: tuple[str, ...] = ()):
    values = df[column].tolist()

    def on_select():
        rows = st.session_state[widget_key].selection.rows
        if rows and 0 <= rows[0] < len(values) and values[rows[0]] is not None:
            st.session_state[f"p_{option}"] = str(values[rows[0]])
            for deeper in closes:
                st.session_state[f"p_{deeper}"] = ""
            if goto:
                st.session_state[_GOTO] = goto
    return on_select


def chart(ch, df: pd.DataFrame, name: str, key: str | None = None, *, drill=None,
          download_csv: bool = True, csv_config: dict | None = None) -> None:
    """An Altair chart with the CSV of the data behind it (`csv_config`: column labels for its headers,
    as a table's column_config).
    `drill=(option, selection, to_value)`: the chart's point selection named `selection` (an Altair
    selection_point the builder added) is clickable; a click sets the page option `option` (a
    state.choice, kept in the URL) to `to_value(point)`, the point being the selection's field values —
    click a heatmap cell to list that hour's calls, a funnel point to open that agent."""
    kwargs = {}
    if drill and key:
        option, selection, to_value = drill
        kwargs = dict(key=f"chart_{key}", selection_mode=selection,
                      on_select=_chart_drill_callback(f"chart_{key}", option, selection, to_value))
    # a concatenated chart is drawn at the width its builder gives it: stretched, each part's plot took the
    # whole column and its axis ran off the screen's right edge
    import altair as alt
    width = "content" if isinstance(ch, (alt.VConcatChart, alt.HConcatChart, alt.ConcatChart)) else "stretch"
    st.altair_chart(_without_schema_check(charts.localize(ch)), width=width, **kwargs)
    if download_csv:
        download(df, name, key=key, column_config=csv_config)


def selected_point(event, selection: str) -> dict | None:
    """The first point of a chart's point selection `selection` (its field values), or None."""
    try:
        points = event.selection[selection] if event is not None else None
    except (KeyError, AttributeError, TypeError):
        return None
    if isinstance(points, dict):  # a single point may come as a mapping of field → value(s)
        points = [{k: (v[0] if isinstance(v, list) and v else v) for k, v in points.items()}]
    return points[0] if points and isinstance(points[0], dict) else None


def _chart_drill_callback(widget_key: str, option: str, selection: str, to_value):
    def on_select():
        point = selected_point(st.session_state.get(widget_key), selection)
        value = to_value(point) if point else None
        if value:  # a click on empty space clears the chart's selection but keeps the open view
            st.session_state[f"p_{option}"] = str(value)
    return on_select


def vega_chart(spec: dict, df, name: str, key: str | None = None) -> None:
    """A chart given as a plain Vega-Lite dict (for builders that skip Altair's object model), with the
    CSV of the data behind it (a frame, or a function that makes it: see download)."""
    st.vega_lite_chart(charts.localize_spec(spec), width="stretch")
    download(df, name, key=key)


def _without_schema_check(ch):
    """Altair checks a chart's whole spec against the Vega-Lite JSON schema each time it is drawn: two
    thirds of the time of drawing a small layered chart. The spec is the same either way and the
    builders are deterministic, so the app skips it; the page tests check every spec a page drew
    against the schema instead (tests/apptest_helpers.py, errors())."""
    # an instance attribute shadows the method for this one chart; SchemaBase.__setattr__ would store it
    # as a spec property instead
    object.__setattr__(ch, "to_dict", functools.partial(ch.to_dict, validate=False))
    return ch


def unit_column(label: str, unit: str, **kwargs):
    """A sortable number column in a unit (analytics.core.units), the unit written in the reader's
    language as the tiles write it ("%.0f ثانیه", "%.1f٪")."""
    return st.column_config.NumberColumn(label, format=units.get(unit).column_format(), **kwargs)


def formatted_kpi_frame(df: pd.DataFrame, ids) -> pd.DataFrame:
    """Display copy: KPI columns as formatted text (— for undefined)."""
    out = df.copy()
    for i in ids:
        if i in out:
            out[i] = [registry.get(i).format(v) for v in out[i]]
    return out.rename(columns={i: registry.get(i).label for i in ids if i in out})


def kpi_column_config(ids) -> dict:
    """Column formats for raw KPI columns in st.dataframe (keeps numbers sortable)."""
    return {i: unit_column(registry.get(i).label, registry.get(i).unit, help=registry.get(i).description)
            for i in ids}


def delta_color(k: registry.Kpi, delta, significant: bool | None) -> str:
    """st.metric's delta colour: the status language's (coloured only when significant)."""
    return status.change(k, delta, significant).name


def _spark(df: pd.DataFrame | None, kid: str) -> list[float] | None:
    """Sparkline points: undefined periods are skipped (st.metric cannot draw a gap)."""
    if df is None or kid not in df:
        return None
    pts = [float(v) for v in df[kid].tolist() if v is not None and not pd.isna(v)]
    return pts if len(pts) > 1 else None


def legend() -> None:
    """What the colours mean, once above the tiles (the status language, analytics.core.status)."""
    st.caption(status.legend_markdown())


def tile_changes(f: Filters, ids) -> tuple[dict, dict, dict]:
    """Current values, and per KPI the comparison's delta_row (value, prev, delta, significant): the one
    significance `kpis --compare` and the weekly review print (a count's change is untested)."""
    current, previous = context.kpi_values_pair(f, ids)
    changes = {}
    for kid in ids:
        k = registry.get(kid)
        if not previous:
            changes[kid] = {"prev": None, "delta": None, "significant": None}
            continue
        changes[kid] = comparison.delta_row(current, previous, k)
    return current, previous, changes


def tile_data(f: Filters, ids, read_with=()) -> None:
    """Read what kpi_tiles(f, ids, read_with=…) shows (a page's prefetch)."""
    context.kpi_values_pair(f, ids)
    tile_reads(f, ids, read_with)


def tile_reads(f: Filters, ids, read_with=()) -> pd.DataFrame:
    """The tiles' sparklines: their KPIs at the filter's grain (by day under an hourly grain longer than a
    week), read with the page's charts at that grain (`read_with`)."""
    by = f.grain if f.grain not in periods.SUBDAY or f.days <= 7 else "day"
    return context.kpi_frame(f, ids, by=by, read_with=read_with)


def kpi_tiles(f: Filters, ids, per_row: int = 4, sparkline: bool = True, show_legend: bool = True,
              read_with=()) -> dict:
    """One tile per KPI: the value coloured by its status against target (with the status word and the
    target under it), the change vs the comparison period coloured only when significant ("n.s."
    otherwise), and a sparkline at the filter's grain. Undefined KPIs show "—" and say why. Returns
    the current values. `read_with`: the KPIs the page's own charts read by the filter's grain, read
    with the sparklines' (context.kpi_frame's read_with)."""
    current, previous, changes = tile_changes(f, ids)
    trend_df = tile_reads(f, ids, read_with) if sparkline else None
    notes = list(context.kpi_notes(f, ids))
    tgts = targets_view.targets_for(f)
    if show_legend:
        legend()
    cols = st.columns(per_row)
    for n, kid in enumerate(ids):
        if n and n % per_row == 0:
            # a row of its own: a tile taller than its neighbours (a label that wraps in Persian) would
            # stagger every tile below it in a single grid of columns
            cols = st.columns(per_row)
        k = registry.get(kid)
        value = as_float(current.get(kid))
        d = changes[kid]
        unstable = status.unstable(k, f.days)
        t = None if unstable else tgts.get(kid)
        st_ = status.of(kid, value, t)
        lk = status.look(st_)
        chg = status.change(k, d["delta"], d["significant"])
        help_lines = [k.description]
        if t:
            help_lines.append(_("Target {value} ({source}).").format(value=k.format(t.value),
                                                                      source=t.source))
        if d["prev"] is not None:
            help_lines.append(_("Comparison period: {value}.").format(value=k.format(d['prev'])))
        if d["significant"] is False:
            help_lines.append(_("The change is not significant at the 5% level (n.s.): it is within the "
                                "day-to-day noise."))
        value_text = k.format(value)
        if st_ is not None:
            value_text = f":{lk.name}[{value_text}]"
        with cols[n % per_row]:
            with st.container(border=True, key=f"tile_{kid}", height="stretch"):  # as tall as its row
                st.metric(
                    k.label, value_text,
                    delta=(status.change_text(k, d["delta"], None) if d["delta"] is not None else None),
                    delta_color=chg.name, delta_arrow="auto" if chg.name != "gray" else "off",
                    delta_description=chg.word or None,
                    help="  \n".join(help_lines), border=False,
                    chart_data=_spark(trend_df, kid),
                )
                if value is None:
                    why = _why_undefined(k, notes)
                    st.caption(md(why))
                elif unstable:
                    st.caption(md(status.unstable_text(k, f.days, current.get(f"{kid}__leavers"),
                                                       current.get(f"{kid}__agents"))))
                else:
                    st.markdown(status.badge(st_, k, t) or " ")
    return current


def _why_undefined(k: registry.Kpi, notes: list[str]) -> str:
    """The metrics layer's note that explains an undefined KPI (abandoned calls under a team filter,
    workforce KPIs under a queue filter), else the plain reason."""
    from analytics.core import sources

    rule = sources.ATTRIBUTION.get(k.belongs_to)
    if rule and rule[1] in notes:   # the KPI's own attribution rule (service level under a site filter)
        return _(rule[1])
    words = {"shifts": ("workforce", "shift"), "org": ("headcount", "attrition"),
             "calls": ("abandon", k.label_en.lower()), "calls_detail": (k.label_en.lower(),),
             "evaluations": ("evaluat", "qa")}.get(k.source, ())
    for note in notes:
        low = note.lower()
        if k.id in note or any(w in low for w in words):
            return _(note)   # the metrics layer's notes are English catalog strings (sources.py)
    return _("— not defined for this selection: nothing it could be computed from.")


def attention_strip(f: Filters, ids=registry.HEADLINE, limit: int = 4) -> list:
    """"Needs attention": the KPIs off target or significantly worse, largest × most significant first
    (the weekly review's ranking), one line each, so a reader knows where to look first."""
    from analytics.review import attention

    current, previous, _changes = tile_changes(f, ids)
    items = attention.rank(current, previous or None, targets_view.targets_for(f), ids=ids, limit=limit)
    with st.container(border=True, key="needs_attention"):
        if not items:
            st.markdown(":blue-badge[:material/check_circle: " + _("Nothing needs attention") + "] "
                        + _("every KPI with a target meets it and none got significantly worse."))
            return items
        st.markdown("**" + _("Needs attention") + "** — " + _("biggest and most certain first"))
        cols = st.columns(len(items))
        for col, it in zip(cols, items):
            lk = status.look(it.status) if it.status else status.WORSE
            with col:
                st.markdown(f":{lk.name}-badge[{lk.material or ':material/trending_down:'} {md(it.label)}]  \n"
                            f"**{md(it.value_text)}**{dot()}{md(it.reason)}")
    return items


def status_table(df: pd.DataFrame, name: str, ids, targets_by_row, *, key: str | None = None,
                 extra_config: dict | None = None) -> None:
    """A KPI table in the status language: KPI cells tinted and marked by status against each row's
    target, labelled with the registry's labels; numbers stay numbers (sortable) and the CSV download
    keeps them rounded in their unit."""
    if df is None or df.empty:
        empty()
        return
    config = {i: st.column_config.Column(registry.get(i).label, help=registry.get(i).description)
              for i in ids if i in df.columns}
    config.update(extra_config or {})
    config = labelled(df, config, kpis=False)
    first = str(df.columns[0])
    if first not in ids and isinstance(config.get(first), dict):
        # the row's name stays on screen when a narrow window scrolls the KPI columns
        config[first] = {**config[first], "pinned": True}
    st.dataframe(status.style_kpi_table(df, targets_by_row, ids), hide_index=True, column_config=config,
                 placeholder="—", key=key and f"tbl_{key}")
    download(df, name, key=key and f"dl_{key}", column_config=config)
