"""Weekly review: the meeting page. Headline KPIs against target, last period and last year; what
changed and where; best and worst teams and agents; the watchlist; and the meeting's actions."""

import pandas as pd

import streamlit as st

from analytics.core import status, warehouse
from analytics.core import registry
from analytics.commands import report as report_cmd
from analytics.report import text as report_text
from analytics.review import actions, build, leaders
from analytics.review import charts as rv_charts
from analytics.review import period as rp
from analytics.ui.markdown import escape as md
from analytics.auth import rights
from analytics.ui import auth_gate, components, context, page, state

page.require_app()

PRESENT_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"] {display: none !important;}
.block-container, [data-testid="stMainBlockContainer"] {max-width: 100% !important; padding: 1.5rem 3rem !important;}
html {font-size: 21px;}
[class*="st-key-rv_sec_"] {min-height: 92vh; padding-top: 1rem; border-bottom: 2px solid rgba(128,128,128,.25);}
[data-testid="stMetricValue"] {font-size: 2.6rem;}
</style>"""

st.html(components.WRAP_CSS)   # tile labels wrap instead of being cut
cat = context.catalog()
path = context.db_path()


def _period_label(p: rp.ReviewPeriod) -> str:
    partial = "" if p.end <= cat.last_day and p.start >= cat.first_day else " (partial)"
    return f"{p.label} · {p.span()}{partial}"


# --- the view's options, all in the URL ---------------------------------------------------------
asked = state.initial_query().get("review_period")
try:
    asked_period = rp.parse(asked[-1]) if asked else None
except ValueError:
    asked_period = None
if "rv_kind" not in st.session_state:
    st.session_state["rv_kind"] = asked_period.kind if asked_period else "week"

top = st.columns([4, 4, 3, 2])
kind = top[0].segmented_control("Review", rp.KINDS, key="rv_kind", format_func=rp.KIND_LABELS.get) or "week"
# the calendar of the view (the sidebar's, from cal= in the link or the deployment default): Jalali
# weeks Saturday–Friday, Jalali months, seasons and years under the Persian calendar
cal = st.session_state.get("f_calendar") or state.initial_filters(cat).calendar
options = {p.label: p for p in rp.available(cat.first_day, cat.last_day, kind, calendar=cal)}
if asked_period and asked_period.kind == kind and asked_period.label not in options:
    options[asked_period.label] = asked_period   # a linked period outside the data: shown as empty
default = rp.default(cat.first_day, cat.last_day, kind, calendar=cal).label
label = state.choice("review_period", list(options), default, "Period", container=top[1],
                     format_func=lambda v: _period_label(options[v]))
period = options[label]
rank_by = state.choice("review_rank_by", leaders.RANK_KPIS, "fcr_pct", "Rank teams and agents by",
                       container=top[2], format_func=lambda v: registry.get(v).label)
present = state.choice("present", ["0", "1"], "0", "Mode", widget=top[3].segmented_control,
                       format_func={"0": "Normal", "1": "Present"}.get) == "1"
if present:
    st.html(PRESENT_CSS)

review = context.review(period, rank_by)

# --- header --------------------------------------------------------------------------------------
with st.container(key="rv_sec_headline"):
    st.title(report_text.title(review))
    st.caption(f"{period.describe()} · compared with {review.previous.label} and {review.last_year.label} · "
               "the whole center (the sidebar's filters do not apply to the review)")
    for note in state.notices():
        st.info(note, icon="ℹ️")

    if review.empty:
        components.empty()
    else:
        st.subheader("Headline KPIs")
        st.caption(status.legend_markdown())
        cols = st.columns(4)
        for n, r in enumerate(review.headline.to_dict("records")):
            k = registry.get(r["kpi_id"])
            chg = status.change(k, r["prev_delta"], r["prev_significant"])
            lk = status.look(r["status"] or None)
            with cols[n % 4]:
                with st.container(border=True, key=f"rv_tile_{k.id}"):
                    st.metric(k.label, f":{lk.name}[{r['value_text']}]" if r["status"] else r["value_text"],
                              delta=r["prev_delta_text"] if r["prev_delta"] is not None else None,
                              delta_color=chg.name, delta_arrow="auto" if chg.name != "gray" else "off",
                              delta_description=chg.word or None,
                              help=f"{k.description}  \nPrevious ({review.previous.label}): {r['prev_text']}.  \n"
                                   f"Last year ({review.last_year.label}): {r['ly_text']} ({r['ly_delta_text']}).")
                    st.markdown(status.badge(r["status"] or None, k, r["target"]))
        table = review.headline[["label", "value_text", "target_text", "status", "prev_text", "prev_delta_text",
                                 "ly_text", "ly_delta_text"]].copy()
        table.columns = report_text.HEADLINE_COLUMNS
        table["Status"] = table["Status"].map(report_text.STATUS).fillna("")
        if not present:
            components.table(table, f"review_{label}_headline", key="rv_headline")
        st.caption(build.SIG_NOTE)

if not review.empty:
    with st.container(key="rv_sec_highlights"):
        st.subheader("Highlights")
        if review.highlights:
            for n, h in enumerate(review.highlights, 1):
                look = status.change(registry.get(h.kpi_id), h.delta, h.significant) if h.good is not None else status.UNTESTED
                line = f":{look.name}[{md(h.text)}]" if look.name != "gray" else md(h.text)
                st.markdown(f"{n}\\. {line}")
            st.caption(f"Changes against {review.previous.label}, largest first: size relative to the room to "
                       "move, weighted by significance. Drivers are the queues and weekday × hour blocks that "
                       "carry at least 30% of the change.")
        else:
            st.info("No KPI moved notably against the previous period.")
        # each highlight gets its own titled chart: its KPI over the period and where the change came from
        tgts = {r["kpi_id"]: r["target"] for r in review.headline.to_dict("records")}
        for n, view in enumerate(review.highlight_views, 1):
            k = registry.get(view.kpi_id)
            st.markdown(f"**{n}. {md(k.label)}**")
            left, right = st.columns(2)
            with left:
                target = tgts.get(k.id)
                components.chart(rv_charts.trend(view, review.trend_grain,
                                                 target=None if target is None or pd.isna(target) else target),
                                 view.trend, f"review_{label}_{k.id}_trend", key=f"rv_hl_trend_{k.id}")
            with right:
                ch = rv_charts.parts(view)
                if ch is None:
                    st.caption("No split by queue for this KPI.")
                else:
                    components.chart(ch, view.parts, f"review_{label}_{k.id}_by_queue", key=f"rv_hl_parts_{k.id}")

    with st.container(key="rv_sec_leaders"):
        st.subheader("Teams and agents")
        st.caption(report_text.leaders_title(review))
        ld = review.leaders
        cfg = {"value": None, "z": None, "id": "Id", "name": "Name", "value_text": "Value", "n": "Volume",
               "center_text": "Center", "standing": "Funnel"}
        left, right = st.columns(2)
        for col, (title, df, key) in zip([left, right, left, right], [
                ("Best teams", ld.teams_best, "tb"), ("Teams to support", ld.teams_worst, "tw"),
                ("Best agents", ld.agents_best, "ab"), ("Agents to support", ld.agents_worst, "aw")]):
            with col:
                st.markdown(f"**{title}**")
                if df.empty:
                    st.caption("None stand out.")
                else:
                    components.table(df, f"review_{label}_{key}", column_config=cfg, key=f"rv_{key}")

    with st.container(key="rv_sec_watchlist"):
        st.subheader("Watchlist")
        w = review.watchlist
        st.markdown("**Attrition risk**")
        if w.attrition is None:
            st.info(w.attrition_note)
        else:
            components.table(w.attrition, f"review_{label}_attrition", key="rv_attrition")
        st.markdown("**Repeated QA failures** (2 or more human evaluations below the pass mark)")
        if w.qa_failures.empty:
            st.caption("None in this period.")
        else:
            components.table(w.qa_failures, f"review_{label}_qa_failures", key="rv_qa",
                             column_config={"avg_score": st.column_config.NumberColumn("Avg score", format="%.1f"),
                                            "lowest_score": st.column_config.NumberColumn("Lowest", format="%.1f")})
        st.markdown("**Supervisors over span** (more than 12 agents)")
        if w.over_span.empty:
            st.caption("None at the end of this period.")
        else:
            components.table(w.over_span, f"review_{label}_span", key="rv_span")


# --- staffing: missed intervals, staffing vs load (weeks only; analytics/review/staffing.py) ------------
if not review.empty and period.kind == "week":
    from analytics.review import staffing as review_staffing
    with st.container(key="rv_sec_staffing"):
        st.subheader("Staffing")
        missed = context.staffing_misses(period)
        s = review_staffing.summary(missed)
        if not s["missed"]:
            st.caption("No interval with 10+ calls missed the 80/20 service level.")
        else:
            st.markdown(f"**{s['missed']}** queue intervals (10+ calls) missed 80/20: **{s['staffing']}** because of "
                        f"staffing (too few agents on the phones even for the planned calls), **{s['load']}** "
                        "because of load (the agents present would have met the planned calls; more or longer "
                        "calls came).")
            components.table(missed.head(15), f"review_{label}_staffing_misses", key="rv_staffing")
            st.caption("Planned calls: the staffing forecast made at the start of the week. Details on the "
                       "Staffing page.")


# --- actions -------------------------------------------------------------------------------------
def _toggle_done(action_id: int) -> None:
    try:
        actions.set_done(path, action_id, bool(st.session_state[f"rv_done_{action_id}"]))
    except rights.WriteDenied as exc:
        st.session_state["rv_action_error"] = str(exc)
    except Exception as exc:  # a locked warehouse: the tick is not saved, say so
        st.session_state["rv_action_error"] = f"The tick could not be saved: {exc}"


writes = auth_gate.role().write_actions   # "all", "team" (own team only) or None (read only)
with st.container(key="rv_sec_actions"):
    st.subheader("Actions")
    last, current = context.review_actions(period)
    if "rv_action_error" in st.session_state:
        st.error(st.session_state.pop("rv_action_error"))
    if last.period_label:
        st.markdown(f"**Last review's actions** ({md(last.period_label)})")
        for r in last.actions.to_dict("records"):
            due = f" · due {r['due_on']:%Y-%m-%d}" if r.get("due_on") is not None and str(r["due_on"]) != "NaT" else ""
            owner = f" · {r['owner']}" if r.get("owner") else ""
            st.checkbox(md(f"{r['note']}{owner}{due}"), value=bool(r["done"]), key=f"rv_done_{r['action_id']}",
                        on_change=_toggle_done, args=(int(r["action_id"]),), disabled=writes is None)
    else:
        st.caption("No actions from an earlier review.")
    st.markdown(f"**Actions from this review** ({md(period.label)})")
    if current.empty:
        st.caption("None yet.")
    else:
        components.table(current[["note", "owner", "due_on", "done"]], f"review_{label}_actions", key="rv_actions",
                         column_config={"note": "Action", "owner": "Owner", "due_on": "Due", "done": "Done"})
    if not present and writes is None:
        st.caption(f"Your role ({auth_gate.role().name}) reads the actions; saving them is for admins, "
                   "managers and supervisors.")
    elif not present:
        with st.form("rv_add_action", clear_on_submit=True, border=True):
            note = st.text_area("Action", max_chars=actions.MAX_NOTE, placeholder="What is to be done")
            c1, c2, c3 = st.columns(3)
            owner = c1.text_input("Owner", max_chars=actions.MAX_OWNER)
            due = c2.date_input("Due", value=None)
            if writes == "all":   # a supervisor's actions are always about their own team
                about = c3.selectbox("About", ("", *cat.supervisors), key="rv_action_team",
                                     format_func=lambda t: cat.label(t) if t else "The whole center",
                                     help="A team's actions are shown to its supervisor; the whole "
                                          "center's only to admins, managers and analysts.")
            else:
                about = None
            if st.form_submit_button("Save action", icon=":material/add_task:"):
                try:
                    actions.add(path, period, note, owner, due, team=about or None)
                except (actions.ActionError, rights.WriteDenied) as exc:
                    st.error(str(exc))
                except warehouse.WarehouseError as exc:
                    st.error(str(exc))
                else:
                    st.rerun()

# --- the report ----------------------------------------------------------------------------------
if not present:
    st.subheader("Report")
    st.caption("One self-contained HTML file that opens offline, or a print-ready A4 PDF, of this review.")
    cols = st.columns(2)
    prepared = st.session_state.setdefault("rv_reports", {})   # (format, view, data version) → bytes
    for col, fmt in zip(cols, ("html", "pdf")):
        with col:
            key = (fmt, label, rank_by, context.version(), context.model_version())
            if key not in prepared:
                if st.button(f"Prepare {fmt.upper()} report", key=f"rv_prepare_{fmt}", icon=":material/description:"):
                    bar = st.progress(0.0, text="Starting")
                    warnings: list[str] = []
                    prepared[key] = report_cmd.render(
                        path, label, fmt, rank_by, warnings=warnings,
                        progress=lambda share, msg: bar.progress(min(share, 1.0), text=msg))
                    bar.empty()
                    for w_ in warnings:
                        st.warning(w_)
            if key in prepared:
                st.download_button(f"Download {fmt.upper()}", prepared[key], file_name=f"review-{label}.{fmt}",
                                   mime="text/html" if fmt == "html" else "application/pdf",
                                   key=f"rv_download_{fmt}", icon=":material/download:",
                                   on_click=components.audit_export, args=(f"review-{label}", fmt))
