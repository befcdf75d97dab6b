"""Organization: headcount, hires and leavers over time, tenure of current agents, span of control
per supervisor and per coach against their healthy bands, and the org chart as a table."""
import streamlit as st

from analytics.core import charts, labels, periods
from analytics.people import charts as people_charts
from analytics.core import registry
from analytics.people import organization as org
from analytics.core import units
from analytics.i18n import _, label, ltr, ngettext
from analytics.ui import components, context, option_notices, page, state

# the tables' own columns in words (names and ids from the data stay as they are)
TENURE_COLUMNS = {"agent_id": st.column_config.TextColumn(_("Agent ID")), "name": st.column_config.TextColumn(_("Agent")),
                  "supervisor_id": st.column_config.TextColumn(_("Supervisor ID")),
                  "supervisor_name": st.column_config.TextColumn(_("Supervisor")),
                  "site": st.column_config.TextColumn(_("Site")),
                  "hired_on": st.column_config.DateColumn(_("Hired on"), format="YYYY-MM-DD")}
SPAN_COLUMNS = {"supervisor": st.column_config.TextColumn(_("Supervisor ID")),
                "supervisor_name": st.column_config.TextColumn(_("Supervisor")),
                "coach_id": st.column_config.TextColumn(_("Coach ID")), "coach_name": st.column_config.TextColumn(_("Coach")),
                "site": st.column_config.TextColumn(_("Site")),
                "agents": components.unit_column(_("Agents"), "count"),
                "status": st.column_config.TextColumn(_("Status"))}
ORG_CHART_COLUMNS = {"manager_id": st.column_config.TextColumn(_("Manager ID")),
                     "manager_name": st.column_config.TextColumn(_("Manager")),
                     "supervisor_id": st.column_config.TextColumn(_("Supervisor ID")),
                     "supervisor_name": st.column_config.TextColumn(_("Supervisor")),
                     "site": st.column_config.TextColumn(_("Site")),
                     "agents": components.unit_column(_("Agents"), "count"),
                     "coaches": components.unit_column(_("Coaches"), "count"),
                     "hires": components.unit_column(_("Hires"), "count"),
                     "leavers": components.unit_column(_("Leavers"), "count")}


def flagged_words(n: int) -> str:
    return ngettext("{n} flagged", "{n} flagged", n).format(n=units.digits(str(n)))


f = page.filters()
components.header(_("Organization"), f)
seen = option_notices.count()

TILES = org.TREND_KPIS + ("span_of_control",)
HISTORY_DEFAULT, GRAIN_DEFAULT = "12m", "month"


def history_reads(history: str, grain: str):
    """The trend's KPIs and hire/leaver counts over the chosen history, by the chosen grain."""
    h_start, h_end = org.history_range(f.start, f.end, history, grain, f.calendar)
    fh = f.with_period(h_start, h_end)
    return context.kpi_frame(fh, org.TREND_KPIS, by=grain), context.rows(org.flows_query(fh, grain))


# what the page shows below its first table, read while it draws it (in the order it is drawn)
peeked = (state.peek("history", list(org.HISTORY), HISTORY_DEFAULT),
          state.peek("org_grain", org.ORG_GRAINS, GRAIN_DEFAULT))
context.prefetch(lambda: components.tile_data(f, TILES),
                 lambda: history_reads(*peeked), lambda: context.rows("organization_coach_span", f),
                 lambda: context.rows("organization_chart", f))
current = context.rows("organization_tenure", f)
span_now = context.kpi_frame(f, ["headcount", "span_of_control"], by="supervisor")
components.stop_if_empty(current.empty and span_now["headcount"].fillna(0).sum() == 0)
for note in context.kpi_notes(f, TILES):
    st.caption(_(note))   # the metrics layer's notes are English catalog strings

st.subheader(_("At the period's end ({date})").format(date=ltr(units.digits(f"{f.end:%Y-%m-%d}"))))
# three a row: at 1280 px five tiles left each unstable rate's counts and reason wrapped word by word
components.kpi_tiles(f, TILES, per_row=3)

st.subheader(_("Headcount, hires and leavers"))
c1, c2 = st.columns(2)
history = state.choice("history", list(org.HISTORY), HISTORY_DEFAULT, _("Over"),
                       format_func=lambda h: _(org.HISTORY[h]), container=c1)
grain = state.choice("org_grain", org.ORG_GRAINS, GRAIN_DEFAULT, _("By"), container=c2,
                     format_func=lambda g: label(periods.grain_label(g)))
option_notices.show_since(seen)
trend, flows = history_reads(history, grain)
tl = org.timeline(trend, flows, grain)
left, right = st.columns(2)
with left:
    k = registry.get("headcount")
    components.chart(charts.trend(tl.rename(columns={"period": grain}), k, grain), tl, f"headcount_by_{grain}",
                     key="org_headcount")
with right:
    hl = org.hires_leavers_long(tl)
    components.chart(people_charts.period_counts(hl, "flow", "people", _("Agents"), stacked=False), hl,
                     f"hires_leavers_by_{grain}", key="org_flows")
left, right = st.columns(2)
with left:
    st.markdown("**" + _("Leavers: voluntary vs involuntary") + "**")
    lv = org.leavers_long(tl)
    components.chart(people_charts.period_counts(lv, "exit_type", "leavers", _("Leavers")), lv,
                     f"leavers_by_exit_type_{grain}", key="org_leavers")
with right:
    st.markdown("**" + registry.get("attrition_rate_pct").label + "**")
    rates = tl[["period", "attrition_rate_pct", "voluntary_attrition_rate_pct"]].melt(
        id_vars=["period"], var_name="series", value_name="rate").rename(columns={"rate": "attrition_rate_pct"})
    rates["series"] = rates["series"].map({"attrition_rate_pct": _("All leavers"),
                                           "voluntary_attrition_rate_pct": _("Voluntary")})
    k = registry.get("attrition_rate_pct")
    components.chart(charts.trend(rates.rename(columns={"period": grain}), k, grain, series_col="series",
                                  target=k.default_target), rates, f"attrition_by_{grain}", key="org_attrition")
# the rates' counts behind them (leavers, agents, unstable) in words
STAT_WORDS = {"leavers": _("leavers"), "agents": _("agents"), "unstable": _("unstable")}
STAT_COLUMNS = {f"{kid}__{w}": st.column_config.Column(_("{kpi}: {what}").format(kpi=registry.get(kid).label, what=word))
                for kid in org.TREND_KPIS for w, word in STAT_WORDS.items() if f"{kid}__{w}" in tl}
with st.expander(_("Table by {grain}").format(grain=_(periods.grain_label(grain)))):
    components.table(tl, f"organization_by_{grain}", key="org_timeline",
                     column_config=components.kpi_column_config(org.TREND_KPIS) | {
                         **STAT_COLUMNS,
                         "period": st.column_config.Column(label(periods.grain_label(grain))),
                         "hires": components.unit_column(_("Hires"), "count"),
                         "leavers": components.unit_column(_("Leavers"), "count"),
                         "voluntary_leavers": components.unit_column(_("Voluntary leavers"), "count"),
                         "involuntary_leavers": components.unit_column(_("Involuntary leavers"), "count"),
                         "unknown_exit_leavers": components.unit_column(_("Leavers, exit type unknown"), "count")})

st.subheader(_("Tenure of current agents"))
dist = org.tenure_distribution(current)
components.chart(charts.histogram(dist.assign(tenure=[people_charts.canvas_text(t) for t in dist["tenure"]]), "tenure",
                                  _("Tenure"), count_col="agents", count_title=_("Agents")), dist, "tenure_distribution",
                 key="org_tenure")
# the whole width: beside the chart its seven columns were cut off at 1280 px
components.table(current, "current_agents_tenure", key="org_current", column_config={
    "tenure_days": components.unit_column(_("Tenure (days)"), "count"), **TENURE_COLUMNS})

st.subheader(registry.get("span_of_control").label)
low, high = org.SUPERVISOR_SPAN
sup = span_now.dropna(subset=["span_of_control"]).copy()
sup = org.with_span_status(sup, "span_of_control", org.SUPERVISOR_SPAN)
sup["label"] = [labels.person(n, i) for n, i in zip(sup["supervisor_name"], sup["supervisor"])]
coach = org.with_span_status(context.rows("organization_coach_span", f), "agents",
                             org.COACH_SPAN)
coach["label"] = [labels.person(n, i) for n, i in zip(coach["coach_name"], coach["coach_id"])]
left, right = st.columns(2)
with left:
    st.markdown("**" + _("Agents per supervisor") + "** " + _("(healthy {low}–{high}; {flagged})").format(
        low=units.digits(str(low)), high=units.digits(str(high)), flagged=flagged_words(int(sup['flagged'].sum()))))
    if sup.empty:
        components.empty()
    else:
        components.chart(people_charts.span_bars(sup, "label", "span_of_control", org.SUPERVISOR_SPAN, _("Agents")),
                         sup, "span_per_supervisor", key="org_span_sup")
        # status says what "flagged" did, and span is the team's headcount per supervisor: the half-width
        # table keeps only what fits, so its status column is not cut off at 1280 px
        # (hidden on screen, kept in the CSV)
        components.table(sup.drop(columns=["label"]), "span_per_supervisor_table", key="org_span_sup_t",
                         column_config={"flagged": None, "headcount": None, "span_of_control":
                                        st.column_config.NumberColumn(_("Agents per supervisor"), format="%.1f"),
                                        **SPAN_COLUMNS})
with right:
    c_low, c_high = org.COACH_SPAN
    st.markdown("**" + _("Agents per coach") + "** " + _("(healthy {low}–{high}; {flagged})").format(
        low=units.digits(str(c_low)), high=units.digits(str(c_high)),
        flagged=flagged_words(int(coach['flagged'].sum()))))
    if coach.empty:
        components.empty()
    else:
        components.chart(people_charts.span_bars(coach, "label", "agents", org.COACH_SPAN, _("Agents")), coach,
                         "span_per_coach", key="org_span_coach")
        components.table(coach.drop(columns=["label"]), "span_per_coach_table", key="org_span_coach_t",
                         column_config={"flagged": None, **SPAN_COLUMNS})

st.subheader(_("Org chart"))
st.caption(_("Manager → supervisor, with the team's agents at the period's end and its hires and leavers in the "
             "period."))
chart_rows = context.rows("organization_chart", f)
components.table(chart_rows, "org_chart", key="org_chart", column_config=ORG_CHART_COLUMNS, drill=("team", "supervisor_id"), goto="pages/agents.py",
                 closes=("agent", "call"))
