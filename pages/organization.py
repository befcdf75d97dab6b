"""Organization: headcount, hires and leavers over time, tenure of current agents, span of control
per supervisor and per coach against their healthy bands, and the org chart as a table."""
import streamlit as st

from analytics.core import charts, labels
from analytics.people import charts as people_charts
from analytics.core import registry
from analytics.people import organization as org
from analytics.ui import components, context, option_notices, page, state
from analytics.i18n import _

f = page.filters()
components.header("Organization", f)
seen = option_notices.count()

current = context.rows("organization_tenure", f)
span_now = context.kpi_frame(f, ["headcount", "span_of_control"], by="supervisor")
components.stop_if_empty(current.empty and span_now["headcount"].fillna(0).sum() == 0)
for note in context.kpi_notes(f, org.TREND_KPIS + ("span_of_control",)):
    st.caption(_(note))   # the metrics layer's notes are English catalog strings

st.subheader(f"At the period's end ({f.end:%Y-%m-%d})")
# three a row: at 1280 px five tiles left each unstable rate's counts and reason wrapped word by word
components.kpi_tiles(f, ["headcount", "attrition_rate_pct", "voluntary_attrition_rate_pct", "early_attrition_pct",
                         "span_of_control"], per_row=3)

st.subheader("Headcount, hires and leavers")
c1, c2 = st.columns(2)
history = state.choice("history", list(org.HISTORY), "12m", "Over", format_func=org.HISTORY.get, container=c1)
grain = state.choice("org_grain", org.ORG_GRAINS, "month", "By", container=c2, format_func=str.capitalize)
option_notices.show_since(seen)
h_start, h_end = org.history_range(f.start, f.end, history, grain, f.calendar)
fh = f.with_period(h_start, h_end)
trend = context.kpi_frame(fh, org.TREND_KPIS, by=grain)
flows = context.rows(org.flows_query(fh, grain))
tl = org.timeline(trend, flows, grain)
left, right = st.columns(2)
with left:
    k = registry.get("headcount")
    components.chart(charts.trend(tl.rename(columns={"period": grain}), k, grain), tl, f"headcount_by_{grain}",
                     key="org_headcount")
with right:
    hl = org.hires_leavers_long(tl)
    components.chart(people_charts.period_counts(hl, "flow", "people", "Agents", stacked=False), hl,
                     f"hires_leavers_by_{grain}", key="org_flows")
left, right = st.columns(2)
with left:
    st.markdown("**Leavers: voluntary vs involuntary**")
    lv = org.leavers_long(tl)
    components.chart(people_charts.period_counts(lv, "exit_type", "leavers", "Leavers"), lv,
                     f"leavers_by_exit_type_{grain}", key="org_leavers")
with right:
    st.markdown("**Attrition (annualized)**")
    rates = tl[["period", "attrition_rate_pct", "voluntary_attrition_rate_pct"]].melt(
        id_vars=["period"], var_name="series", value_name="rate").rename(columns={"rate": "attrition_rate_pct"})
    rates["series"] = rates["series"].map({"attrition_rate_pct": "all leavers",
                                           "voluntary_attrition_rate_pct": "voluntary"})
    k = registry.get("attrition_rate_pct")
    components.chart(charts.trend(rates.rename(columns={"period": grain}), k, grain, series_col="series",
                                  target=k.default_target), rates, f"attrition_by_{grain}", key="org_attrition")
with st.expander(f"Table by {grain}"):
    components.table(tl, f"organization_by_{grain}", key="org_timeline",
                     column_config=components.kpi_column_config(org.TREND_KPIS))

st.subheader("Tenure of current agents")
dist = org.tenure_distribution(current)
components.chart(charts.histogram(dist, "tenure", "Tenure", count_col="agents"), dist, "tenure_distribution",
                 key="org_tenure")
# the whole width: beside the chart its seven columns were cut off at 1280 px
components.table(current, "current_agents_tenure", key="org_current", column_config={
    "tenure_days": st.column_config.NumberColumn("Tenure (days)", format="%d")})

st.subheader("Span of control")
low, high = org.SUPERVISOR_SPAN
sup = span_now.dropna(subset=["span_of_control"]).copy()
sup = org.with_span_status(sup, "span_of_control", org.SUPERVISOR_SPAN)
sup["label"] = [labels.person(n, i) for n, i in zip(sup["supervisor_name"], sup["supervisor"])]
coach = org.with_span_status(context.rows("organization_coach_span", f), "agents",
                             org.COACH_SPAN)
coach["label"] = [labels.person(n, i) for n, i in zip(coach["coach_name"], coach["coach_id"])]
left, right = st.columns(2)
with left:
    st.markdown(f"**Agents per supervisor** (healthy {low}–{high}; {int(sup['flagged'].sum())} flagged)")
    if sup.empty:
        components.empty()
    else:
        components.chart(people_charts.span_bars(sup, "label", "span_of_control", org.SUPERVISOR_SPAN, "Agents"),
                         sup, "span_per_supervisor", key="org_span_sup")
        # status says what "flagged" did, and span is the team's headcount per supervisor: the half-width
        # table keeps only what fits, so its status column is not cut off at 1280 px
        # (hidden on screen, kept in the CSV)
        components.table(sup.drop(columns=["label"]), "span_per_supervisor_table", key="org_span_sup_t",
                         column_config={"flagged": None, "headcount": None, "span_of_control":
                                        st.column_config.NumberColumn("Agents per supervisor", format="%.1f")})
with right:
    c_low, c_high = org.COACH_SPAN
    st.markdown(f"**Agents per coach** (healthy {c_low}–{c_high}; {int(coach['flagged'].sum())} flagged)")
    if coach.empty:
        components.empty()
    else:
        components.chart(people_charts.span_bars(coach, "label", "agents", org.COACH_SPAN, "Agents"), coach,
                         "span_per_coach", key="org_span_coach")
        components.table(coach.drop(columns=["label"]), "span_per_coach_table", key="org_span_coach_t",
                         column_config={"flagged": None})

st.subheader("Org chart")
st.caption("Manager → supervisor, with the team's agents at the period's end and its hires and leavers in the period.")
chart_rows = context.rows("organization_chart", f)
components.table(chart_rows, "org_chart", key="org_chart", drill=("team", "supervisor_id"), goto="pages/agents.py",
                 closes=("agent", "call"))
