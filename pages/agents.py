"""Agents: a sortable scorecard ranked within team and center, a funnel plot that flags only agents whose
rate chance cannot explain, and the drill-down team → agent → call."""
import streamlit as st

from analytics.core import registry
from analytics.people import charts as people_charts, scorecard
from analytics.core import units
from analytics.i18n import _, dot, ngettext
from analytics.ui import agent_detail, components, context, option_notices, page, state

f = page.filters()
components.header(_("Agents"), f)
seen = option_notices.count()

ids = scorecard.SCORECARD_KPIS
kpis = context.kpi_frame(f, ids, by="agent", with_stats=True)
kpis = kpis[kpis["agent"].notna()].reset_index(drop=True)
components.stop_if_empty(kpis.empty or kpis["answered"].fillna(0).sum() == 0)
for note in context.kpi_notes(f, ids, by="agent"):
    st.caption(_(note))   # the metrics layer's notes are English catalog strings

label = lambda i: registry.get(i).label  # noqa: E731
c1, c2, c3 = st.columns(3)
rank_kpi = state.choice("rank_kpi", ids, "fcr_pct", _("Rank by"), format_func=label, container=c1,
                        help=_("Rank 1 and percentile 100 are the best in the team/center (for volume: the most)."))
funnel_kpi = state.choice("funnel_kpi", scorecard.FUNNEL_KPIS, "transfer_rate_pct", _("Funnel plot of"),
                          format_func=label, container=c2)

roster = context.rows("agents_roster")
funnels = scorecard.funnels(kpis)
card = scorecard.build(kpis, roster, rank_kpi, f.end, funnel_kpi, funnels)
teams = scorecard.team_options(card)
team = state.choice("team", ["all"] + list(teams), "all", _("Team"), container=c3,
                    format_func=lambda t: _("All teams") if t == "all" else teams[t])
seen = option_notices.show_since(seen)
shown = card if team == "all" else card[card["supervisor_id"] == team]
shown = shown.sort_values(["team", "rank_in_team", "name"], na_position="last")

st.subheader(_("Scorecard"))
st.caption(ngettext("{n} agent", "{n} agents", len(shown)).format(n=units.number(len(shown), 0)) + dot()
           + _("rank and percentiles by {kpi}").format(kpi=label(rank_kpi).lower()) + dot()
           + _("flags: outside the 99.8% funnel limits (a difference chance explains less than 1 time in 500)."))
# the ranking first, after the name (pinned while the KPIs scroll): with twenty columns, rank and
# percentiles were the ones off-screen at 1280 px; the ranked KPI's own value sits beside them
rest = [i for i in ids if i != rank_kpi]
columns = ["name", "team", rank_kpi, "rank_in_team", "team_size", "pct_in_team", "pct_in_center", "funnel_status",
           "flags", *rest, "site", "tenure_months", "agent"]
config = components.kpi_column_config(ids) | {
    "agent": st.column_config.TextColumn(_("Agent ID")),
    "name": st.column_config.TextColumn(_("Agent"), pinned=True),
    "team": st.column_config.TextColumn(_("Team")),
    "site": st.column_config.TextColumn(_("Site")),
    "tenure_months": st.column_config.NumberColumn(_("Tenure (months)"), format="%.1f"),
    "rank_in_team": st.column_config.NumberColumn(_("Rank in team"), format="%d"),
    "team_size": st.column_config.NumberColumn(_("Team size"), format="%d"),
    "pct_in_team": st.column_config.ProgressColumn(_("Percentile in team"), format="%.0f", min_value=0,
                                                   max_value=100),
    "pct_in_center": st.column_config.ProgressColumn(_("Percentile in center"), format="%.0f", min_value=0,
                                                     max_value=100),
    "funnel_status": st.column_config.TextColumn(_("Funnel: {kpi}").format(kpi=label(funnel_kpi))),
    "flags": st.column_config.TextColumn(_("Flags (99.8%)")),
}
components.table(shown[columns].reset_index(drop=True), "agent_scorecard", column_config=config, key="ag_scorecard",
                 drill=("agent", "agent"))

st.subheader(_("Funnel plot: {kpi}").format(kpi=label(funnel_kpi)))
points = funnels[funnel_kpi]
if points.empty:
    st.info(_("No agent has calls that count towards {kpi} in this selection.").format(kpi=label(funnel_kpi).lower()))
else:
    k = registry.get(funnel_kpi)
    curve = scorecard.funnel_curve(float(points["center"].iloc[0]), float(points["n"].max()) * 1.05,
                                   min_n=float(points["n"].min()) * 0.8)
    st.caption(_("Center rate {rate} over all agents in scope. Points outside the dashed lines (95%) deserve a "
                 "look, outside the solid lines (99.8%) a conversation; low-volume agents get wide limits, so they "
                 "are not flagged by chance.").format(rate=k.format(points['center'].iloc[0])))
    selected = st.session_state.get("p_agent") or None
    st.caption(_("Click a point to open that agent below."))
    components.chart(people_charts.funnel_plot(points, curve, k, highlight=selected, select="agent_point"),
                     scorecard.funnel_export(points), f"funnel_{funnel_kpi}", key="ag_funnel",
                     csv_config=scorecard.funnel_csv_config(k),
                     drill=("agent", "agent_point", lambda p: p.get("agent")))

st.subheader(_("Drill down"))
names = dict(zip(card["agent"], card["name"]))
# every agent of the selection (a funnel point may be outside the team shown): the team's first
choices = (shown.sort_values(["name", "agent"])["agent"].tolist()
           + card[~card["agent"].isin(shown["agent"])].sort_values(["name", "agent"])["agent"].tolist())
agent = state.choice("agent", [""] + choices, "", _("Agent"),
                     format_func=lambda a: _("— choose an agent —") if not a else agent_detail.agent_label(a, names))
seen = option_notices.show_since(seen)
if agent:
    agent_detail.render_agent(f, agent, names.get(agent, agent))
    option_notices.show_since(seen)  # the drill-down's own options (a linked call)
