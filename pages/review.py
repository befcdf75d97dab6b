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
from analytics.ui import auth_gate, components, context, option_notices, page, state
from analytics import i18n
from analytics.core import units
from analytics.i18n import N_, _, dot, isolate, ltr

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
    partial = "" if p.end <= cat.last_day and p.start >= cat.first_day else _(" (partial)")
    return f"{isolate(units.digits(p.label))}{dot()}{p.span()}{partial}"


# --- the view's options, all in the URL ---------------------------------------------------------
asked = state.initial_query().get("review_period")
try:
    asked_period = rp.parse(asked[-1]) if asked else None
except ValueError:
    asked_period = None
if "rv_kind" not in st.session_state:
    st.session_state["rv_kind"] = asked_period.kind if asked_period else "week"

top = st.columns([5, 5, 4, 3])  # at [4, 4, 3, 2] the mode read "Presen" at 1280 px; the kind needs 5 for "Year"
kind = top[0].segmented_control(_("Review"), rp.KINDS, key="rv_kind", format_func=lambda v: _(rp.KIND_LABELS[v])) or "week"
# the calendar of the view (the sidebar's, from cal= in the link or the deployment default): Jalali
# weeks Saturday–Friday, Jalali months, seasons and years under the Persian calendar
cal = st.session_state.get("f_calendar") or state.initial_filters(cat).calendar
options = {p.label: p for p in rp.available(cat.first_day, cat.last_day, kind, calendar=cal)}
if asked_period and asked_period.kind == kind and asked_period.label not in options:
    options[asked_period.label] = asked_period   # a linked period outside the data: shown as empty
default = rp.default(cat.first_day, cat.last_day, kind, calendar=cal).label
label = state.choice("review_period", list(options), default, _("Period"), container=top[1],
                     format_func=lambda v: _period_label(options[v]))
period = options[label]
rank_by = state.choice("review_rank_by", leaders.RANK_KPIS, "fcr_pct", _("Rank teams and agents by"),
                       container=top[2], format_func=lambda v: registry.get(v).label)
present = state.choice("present", ["0", "1"], "0", _("Mode"), widget=top[3].segmented_control,
                       format_func={"0": _("Normal"), "1": _("Present")}.get) == "1"
if present:
    st.html(PRESENT_CSS)

review = context.review(period, rank_by)

# --- header --------------------------------------------------------------------------------------
with st.container(key="rv_sec_headline"):
    # the period's id (2026-W46) as one left-to-right run inside a Persian title
    st.title(_(report_text.TITLES[review.period.kind]).format(period=ltr(units.digits(review.period.label))))
    st.caption(report_text.period_line(review)
               + dot() + _("the whole center (the sidebar's filters do not apply to the review)"))
    for note in state.notices():
        option_notices.show(note)

    if review.empty:
        components.empty()
    else:
        st.subheader(_("Headline KPIs"))
        st.caption(status.legend_markdown())
        for n, r in enumerate(review.headline.to_dict("records")):
            if n % 4 == 0:   # a row of columns per row of tiles (components.kpi_tiles says why)
                cols = st.columns(4)
            k = registry.get(r["kpi_id"])
            chg = status.change(k, r["prev_delta"], r["prev_significant"])
            lk = status.look(r["status"] or None)
            with cols[n % 4]:
                with st.container(border=True, key=f"rv_tile_{k.id}", height="stretch"):
                    st.metric(k.label, f":{lk.name}[{r['value_text']}]" if r["status"] else r["value_text"],
                              # the tile says "n.s." once, beside the change (the table keeps the marked text)
                              delta=k.format_delta(r["prev_delta"]) if r["prev_delta"] is not None else None,
                              delta_color=chg.name, delta_arrow="auto" if chg.name != "gray" else "off",
                              delta_description=chg.word or None,
                              help=k.description + "  \n" + _("Previous ({period}): {value}.").format(
                                  period=review.previous.label, value=r['prev_text']) + "  \n"
                                   + _("Last year ({period}): {value} ({change}).").format(
                                  period=review.last_year.label, value=r['ly_text'], change=r['ly_delta_text']))
                    st.markdown(status.badge(r["status"] or None, k, r["target"]))
        table = review.headline[["label", "value_text", "target_text", "status", "prev_text", "prev_delta_text",
                                 "ly_text", "ly_delta_text"]].copy()
        table.columns = report_text.headline_columns()
        table[_("Status")] = table[_("Status")].map(report_text.status_words()).fillna("")
        if not present:
            components.table(table, f"review_{label}_headline", key="rv_headline")
        st.caption(_(build.SIG_NOTE))
        for note in review.notes:
            st.caption(note)

if not review.empty:
    with st.container(key="rv_sec_highlights"):
        st.subheader(_("Highlights"))
        if review.highlights:
            for n, h in enumerate(review.highlights, 1):
                look = status.change(registry.get(h.kpi_id), h.delta, h.significant) if h.good is not None else status.UNTESTED
                line = f":{look.name}[{md(h.text)}]" if look.name != "gray" else md(h.text)
                st.markdown(f"{units.digits(str(n))}\\. {line}")
            st.caption(_("Changes against {period}, largest first: size relative to the room to "
                         "move, weighted by significance. Drivers are the queues and weekday × hour blocks that "
                         "carry at least 30% of the change.").format(period=ltr(units.digits(review.previous.label))))
        else:
            st.info(report_text.no_highlights(review))
        # each highlight gets its own titled chart: its KPI over the period and where the change came from
        tgts = {r["kpi_id"]: r["target"] for r in review.headline.to_dict("records")}
        for n, view in enumerate(review.highlight_views, 1):
            k = registry.get(view.kpi_id)
            st.markdown(f"**{units.digits(str(n))}. {md(k.label)}**")
            left, right = st.columns(2)
            with left:
                target = tgts.get(k.id)
                components.chart(rv_charts.trend(view, review.trend_grain,
                                                 target=None if target is None or pd.isna(target) else target),
                                 view.trend, f"review_{label}_{k.id}_trend", key=f"rv_hl_trend_{k.id}")
            with right:
                ch = rv_charts.parts(view)
                if ch is None:
                    st.caption(_("No split by queue for this KPI."))
                else:
                    components.chart(ch, view.parts, f"review_{label}_{k.id}_by_queue", key=f"rv_hl_parts_{k.id}")

    with st.container(key="rv_sec_leaders"):
        st.subheader(_("Teams and agents"))
        st.caption(report_text.leaders_title(review))
        ld = review.leaders
        # the center's value is the same on every row: said once above the tables, so the funnel verdict
        # is not cut off in a half-width table (the CSV keeps every column)
        cfg = {"value": None, "z": None, "id": _("Id"), "name": _("Name"), "value_text": _("Value"),
               "n": _("Volume"), "center_text": None, "standing": _("Funnel")}
        centers = [d["center_text"].iloc[0] for d in (ld.teams_best, ld.teams_worst, ld.agents_best, ld.agents_worst)
                   if not d.empty and "center_text" in d]
        if centers:
            st.caption(_("Center") + f": {centers[0]}.")
        left, right = st.columns(2)
        for col, (title, df, key) in zip([left, right, left, right], [
                (_("Best teams"), ld.teams_best, "tb"), (_("Teams to support"), ld.teams_worst, "tw"),
                (_("Best agents"), ld.agents_best, "ab"), (_("Agents to support"), ld.agents_worst, "aw")]):
            with col:
                st.markdown(f"**{title}**")
                if df.empty:
                    st.caption(_("None stand out."))
                else:
                    components.table(df, f"review_{label}_{key}", column_config=cfg, key=f"rv_{key}")

    with st.container(key="rv_sec_watchlist"):
        st.subheader(_("Watchlist"))
        w = review.watchlist
        st.markdown("**" + _("Attrition risk") + "**")
        if w.attrition is None:
            st.info(w.attrition_note)
        else:
            components.table(w.attrition, f"review_{label}_attrition", key="rv_attrition")
        st.markdown("**" + _("Repeated QA failures") + "** "
                    + _("(2 or more human evaluations below the pass mark)"))
        if w.qa_failures.empty:
            st.caption(_("None in this period."))
        else:
            components.table(w.qa_failures, f"review_{label}_qa_failures", key="rv_qa",
                             column_config={"avg_score": st.column_config.NumberColumn(_("Avg score"), format="%.1f"),
                                            "lowest_score": st.column_config.NumberColumn(_("Lowest"), format="%.1f")})
        st.markdown("**" + _("Supervisors over span") + "** " + _("(more than 12 agents)"))
        if w.over_span.empty:
            st.caption(_("None at the end of this period."))
        else:
            components.table(w.over_span, f"review_{label}_span", key="rv_span")


# the staffing check's causes as words (msgids longer than the bare words, which other pages show in English
# as paths and names: docs/staffing.md)
CAUSES = {"load": N_("load (more or longer calls)"), "staffing": N_("staffing (too few agents)")}


def _misses_shown(df: pd.DataFrame) -> pd.DataFrame:
    """The missed intervals in the session's language: the interval with its weekday and date in the
    language and calendar, the cause as a word (the frame is shared by every session: words at display)."""
    if i18n.current() == i18n.DEFAULT or df.empty:
        return df
    ts = pd.to_datetime(df["interval"].str.slice(4), format="%Y-%m-%d %H:%M", errors="coerce")
    return df.assign(interval=[units.datetime_text(t) if t is not pd.NaT else v for t, v in zip(ts, df["interval"])],
                     cause=[_(CAUSES.get(c, c)) for c in df["cause"]])


# --- staffing: missed intervals, staffing vs load (weeks only; analytics/review/staffing.py) ------------
if not review.empty and period.kind == "week":
    from analytics.review import staffing as review_staffing
    with st.container(key="rv_sec_staffing"):
        st.subheader(_("Staffing"))
        missed = context.staffing_misses(period)
        s = review_staffing.summary(missed)
        if not s["missed"]:
            st.caption(_("No interval with 10+ calls missed the 80/20 service level."))
        else:
            st.markdown(_("**{missed}** queue intervals (10+ calls) missed 80/20: **{staffing}** because of "
                          "staffing (too few agents on the phones even for the planned calls), **{load}** "
                          "because of load (the agents present would have met the planned calls; more or longer "
                          "calls came).").format(missed=units.digits(str(s['missed'])),
                                                 staffing=units.digits(str(s['staffing'])),
                                                 load=units.digits(str(s['load']))))
            components.table(_misses_shown(missed.head(15)), f"review_{label}_staffing_misses", key="rv_staffing")
            st.caption(_("Planned calls: the staffing forecast made at the start of the week. Details on the "
                         "Staffing page."))


# --- actions -------------------------------------------------------------------------------------
def _toggle_done(action_id: int) -> None:
    try:
        actions.set_done(path, action_id, bool(st.session_state[f"rv_done_{action_id}"]))
    except rights.WriteDenied as exc:
        st.session_state["rv_action_error"] = str(exc)
    except Exception as exc:  # a locked warehouse: the tick is not saved, say so
        st.session_state["rv_action_error"] = _("The tick could not be saved: {error}").format(error=exc)


writes = auth_gate.role().write_actions   # "all", "team" (own team only) or None (read only)
with st.container(key="rv_sec_actions"):
    st.subheader(_("Actions"))
    last, current = context.review_actions(period)
    if "rv_action_error" in st.session_state:
        st.error(st.session_state.pop("rv_action_error"))
    if last.period_label:
        st.markdown("**" + _("Last review's actions") + f"** ({md(last.period_label)})")
        for r in last.actions.to_dict("records"):
            due = dot() + _("due {date}").format(date=units.digits(f"{r['due_on']:%Y-%m-%d}")) if r.get("due_on") is not None and str(r["due_on"]) != "NaT" else ""
            owner = f"{dot()}{r['owner']}" if r.get("owner") else ""
            st.checkbox(md(f"{r['note']}{owner}{due}"), value=bool(r["done"]), key=f"rv_done_{r['action_id']}",
                        on_change=_toggle_done, args=(int(r["action_id"]),), disabled=writes is None)
    else:
        st.caption(_("No actions from an earlier review."))
    st.markdown("**" + _("Actions from this review") + f"** ({md(period.label)})")
    if current.empty:
        st.caption(_("None yet."))
    else:
        components.table(current[["note", "owner", "due_on", "done"]], f"review_{label}_actions", key="rv_actions",
                         column_config={"note": _("Action"), "owner": _("Owner"), "due_on": _("Due"), "done": _("Done")})
    if not present and writes is None:
        st.caption(_("Your role ({role}) reads the actions; saving them is for admins, "
                     "managers and supervisors.").format(role=auth_gate.role().name))
    elif not present:
        with st.form("rv_add_action", clear_on_submit=True, border=True):
            note = st.text_area(_("Action"), max_chars=actions.MAX_NOTE, placeholder=_("What is to be done"))
            c1, c2, c3 = st.columns(3)
            owner = c1.text_input(_("Owner"), max_chars=actions.MAX_OWNER)
            due = c2.date_input(_("Due"), value=None)
            if writes == "all":   # a supervisor's actions are always about their own team
                about = c3.selectbox(_("About"), ("", *cat.supervisors), key="rv_action_team",
                                     format_func=lambda t: cat.label(t) if t else _("The whole center"),
                                     help=_("A team's actions are shown to its supervisor; the whole "
                                            "center's only to admins, managers and analysts."))
            else:
                about = None
            if st.form_submit_button(_("Save action"), icon=":material/add_task:"):
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
    st.subheader(_("Report"))
    st.caption(_("One self-contained HTML file that opens offline, or a print-ready A4 PDF, of this review."))
    cols = st.columns(2)
    prepared = st.session_state.setdefault("rv_reports", {})   # (format, view, data version) → bytes
    for col, fmt in zip(cols, ("html", "pdf")):
        with col:
            key = (fmt, label, rank_by, context.version(), context.model_version(), i18n.current())
            if key not in prepared:
                if st.button(_("Prepare {format} report").format(format=fmt.upper()), key=f"rv_prepare_{fmt}",
                             icon=":material/description:"):
                    bar = st.progress(0.0, text=_("Starting"))
                    warnings: list[str] = []
                    prepared[key] = report_cmd.render(
                        path, label, fmt, rank_by, warnings=warnings,
                        progress=lambda share, msg: bar.progress(min(share, 1.0), text=msg))
                    bar.empty()
                    for w_ in warnings:
                        st.warning(w_)
            if key in prepared:
                st.download_button(_("Download {format}").format(format=fmt.upper()), prepared[key], file_name=f"review-{label}.{fmt}",
                                   mime="text/html" if fmt == "html" else "application/pdf",
                                   key=f"rv_download_{fmt}", icon=":material/download:",
                                   on_click=components.audit_export, args=(f"review-{label}", fmt))
