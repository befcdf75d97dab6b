"""Staffing: agents required per interval for a service-level target (Erlang A or C) against the agents
scheduled, where the schedule falls short or runs over and what that costs, a what-if, and how well
the model explains the service level that actually happened."""
from datetime import timedelta

import pandas as pd
import streamlit as st

from analytics.core import periods
from analytics.staffing import charts as sch, erlang, explain, whatif
from analytics.staffing import view
from analytics.ui import components, keyed, option_notices, page, state

f = page.filters()
components.header("Staffing", f, "Erlang staffing per interval: required vs scheduled agents. Method and "
                                  "validation: docs/staffing.md.")
shown = option_notices.count()

start, end = f.start, f.end
if (end - start).days + 1 > periods.SUBDAY_MAX_DAYS:
    start = end - timedelta(days=6)
    st.info(f"Intervals are shown for at most {periods.SUBDAY_MAX_DAYS} days: showing the last 7 days of the "
            f"period ({start:%Y-%m-%d} – {end:%Y-%m-%d}).")

c1, c2, c3, c4 = st.columns(4)
view_kind = state.choice("st_view", ("past", "forecast"), "past", "Intervals", container=c1,
                         format_func={"past": "What happened", "forecast": "Forecast"}.get,
                         help="What happened: the period's calls and shifts. Forecast: the weeks after the "
                              "period, forecast from data up to its last day.")
weeks = state.number("st_weeks", 1, 1, 6, "Forecast weeks", container=c2) if view_kind == "forecast" else 0
minutes = int(state.choice("st_iv", ("30", "15"), "30", "Interval (minutes)", container=c3))
model = state.choice("st_model", erlang.MODELS, "erlang_a", "Model", container=c4,
                     format_func={"erlang_a": "Erlang A (callers abandon)", "erlang_c": "Erlang C"}.get)

sl_s = float(keyed.setting("sl_threshold_s", "20") or 20)
p = view.get_plan(start, end, minutes, sl_s, f.queues, weeks)

with st.expander("What-if", expanded=True):
    w1, w2, w3 = st.columns(3)
    target = state.choice("st_target", ("80/20", "80/30", "85/20", "90/20", "90/30", "95/20"), "80/20",
                          "Service level target", container=w1, help="percent of calls answered within seconds")
    aht_d = state.number("st_aht", 0, -120, 120, "Handle time change (s)", step=5, container=w2)
    vol = state.number("st_vol", 0, -50, 100, "Volume change (%)", step=5, container=w3)
    w4, w5, w6 = st.columns(3)
    auto_shrink = whatif.shrinkage(whatif.Scenario(), p.measured_shrinkage, p.measured_aux_pct) * 100
    aux_pct = whatif.aux(whatif.Scenario(), p.measured_aux_pct)
    aux_how = "measured in the intervals where callers queued" if p.measured_aux_pct is not None else "a planning allowance"
    shrink = state.number("st_shr", round(auto_shrink), 0, 60, "Shrinkage (%)", container=w4,
                          help=f"Scheduled time not on the phones. Default {auto_shrink:.0f}%: measured absence "
                               f"and late log-in plus {aux_pct:.0f}% of logged-in time off the phones ({aux_how}).")
    add = state.number("st_add", 0, 0, 30, "Extra agents on a shift", container=w5)
    add_at = state.number("st_add_at", 9, 0, 20, "Shift starts at (hour, 8 h)", container=w6)
option_notices.show_since(shown)

pct, secs = whatif.parse_target(target)
base = whatif.Scenario(target_pct=80.0, target_s=sl_s, shrinkage_pct=round(auto_shrink))
sc = whatif.Scenario(target_pct=pct, target_s=secs, aht_delta_s=aht_d, volume_pct=vol, shrinkage_pct=shrink,
                     extra_agents=add, extra_start_h=add_at, extra_hours=8.0)
ev = view.evaluated(start, end, minutes, sl_s, f.queues, weeks, sc, model)
for n in p.notes:
    st.caption(n)
if ev.empty:
    components.empty("No calls or shifts in this selection.")
    st.stop()

s = whatif.summary(ev, minutes)
b = whatif.summary(view.evaluated(start, end, minutes, sl_s, f.queues, weeks, base, model), minutes)
m1, m2, m3, m4 = st.columns(4)
changed = sc != base


def _delta(key, fmt="{:+.1f}"):
    return fmt.format(s[key] - b[key]) if changed and key in b else None


sl_ok = s["expected_service_level_pct"] >= pct
m1.metric("Expected SL", f"{s['expected_service_level_pct']:.1f}%", _delta("expected_service_level_pct"),
          help=f"Calls-weighted, with the scheduled agents after shrinkage; target {target}.")
m2.metric("Required agent hours", f"{s['required_agent_hours']:,.0f}", _delta("required_agent_hours", "{:+,.0f}"),
          delta_color="inverse", help="Agents to schedule (after shrinkage) × interval length.")
m3.metric("Scheduled agent hours", f"{s['scheduled_agent_hours']:,.0f}", _delta("scheduled_agent_hours", "{:+,.0f}"),
          delta_color="off")
m4.metric("Understaffed intervals", f"{s['understaffed_intervals']:,}", _delta("understaffed_intervals", "{:+,.0f}"),
          delta_color="inverse",
          help=f"{s['short_agent_hours']:,.0f} agent hours short; {s['overstaffed_intervals']:,} intervals over by "
               f"{s['surplus_agent_hours']:,.0f} agent hours.")
st.markdown(f"**{'Meets' if sl_ok else 'Misses'} the {target} target** on the calls-weighted expectation; "
            f"{s['short_agent_hours']:,.0f} agent hours short and {s['surplus_agent_hours']:,.0f} over across "
            f"the intervals; the short intervals cost {s['sl_points_lost']:.1f} SL points overall.")

st.subheader("Scheduled − required, by weekday and interval")
g = sch.gap_by_weekday_interval(ev)
if g["scheduled"].fillna(0).sum() == 0:
    components.empty("No shifts with start and end times: scheduled agents are unknown, so only the requirement is shown.")
st.caption("Red: fewer agents scheduled than the target needs (after shrinkage); blue: more. Mean over the "
           "period's days, summed over the queues.")
components.chart(sch.gap_heatmap(g), g, "staffing_gap_weekday_interval", key="st_heat")

st.subheader("One day")
days = sorted({d.isoformat() for d in ev["interval_start"].dt.date})
day = state.choice("st_day", days, days[0], "Day", widget=st.selectbox)
one = ev[ev["interval_start"].dt.date.astype(str) == day]
components.chart(sch.day_view(one, pct), one, f"staffing_day_{day}", key="st_day_chart")

st.subheader("Where the schedule is short or over")
cols = ["queue", "interval_start", "offered", "aht_s", "required_agents", "required_scheduled", "scheduled_agents",
        "staffing_gap", "gap_agent_hours", "expected_service_level_pct", "sl_points_vs_target",
        "expected_abandon_pct", "expected_asa_s"]
worst = pd.concat([ev.nsmallest(10, "staffing_gap"), ev.nlargest(5, "staffing_gap")])[cols]
cfg = {"queue": st.column_config.TextColumn("Queue"),
       "interval_start": st.column_config.DatetimeColumn("Interval", format="ddd YYYY-MM-DD HH:mm"),
       "offered": st.column_config.NumberColumn("Calls", format="%.0f"),
       "aht_s": st.column_config.NumberColumn("AHT s", format="%.0f"),
       "required_agents": st.column_config.NumberColumn("Required on phones", format="%d"),
       "required_scheduled": st.column_config.NumberColumn("Required to schedule", format="%d"),
       "scheduled_agents": st.column_config.NumberColumn("Scheduled", format="%.1f"),
       "staffing_gap": st.column_config.NumberColumn("Gap (agents)", format="%+.1f"),
       "gap_agent_hours": st.column_config.NumberColumn("Gap (agent h)", format="%+.1f"),
       "expected_service_level_pct": st.column_config.NumberColumn("Expected SL", format="%.1f%%"),
       "sl_points_vs_target": st.column_config.NumberColumn("SL pts vs target", format="%+.1f"),
       "expected_abandon_pct": st.column_config.NumberColumn("Expected abandon", format="%.1f%%"),
       "expected_asa_s": st.column_config.NumberColumn("Expected ASA s", format="%.0f")}
components.table(worst, "staffing_short_and_over", column_config=cfg, key="st_worst")

if view_kind == "past":
    st.subheader("Expected vs actual service level")
    fit = explain.r_squared(view.evaluated(start, end, minutes, sl_s, f.queues, 0, whatif.Scenario(target_s=sl_s), model))
    if fit.get("intervals", 0) < 3 or fit.get("r2") is None:
        components.empty(f"Too few intervals with {explain.MIN_CALLS}+ calls to compare.")
    else:
        base_ev = view.evaluated(start, end, minutes, sl_s, f.queues, 0, whatif.Scenario(target_s=sl_s), model)
        pts = base_ev[(base_ev["offered"] >= explain.MIN_CALLS) & base_ev["actual_service_level_pct"].notna()].copy()
        pts["interval"] = pts["interval_start"].dt.strftime("%a %Y-%m-%d %H:%M")
        st.caption(
            f"Each dot is a queue's interval with {explain.MIN_CALLS}+ calls: expected SL from the agents who were "
            f"logged in (less {aux_pct:.0f}% off the phones, {aux_how}) vs what happened. R² = {fit['r2']:.2f} over "
            f"{fit['intervals']:,} intervals (calls-weighted); pooled to queue × day R² = "
            f"{fit.get('r2_queue_day', float('nan')):.2f}. Chance alone (each interval's SL is a proportion of a few "
            f"dozen calls) would cap R² at about {fit['noise_ceiling_r2']:.2f}; the rest is what the model does not "
            "know: who was on the phones minute by minute, calls that arrive in bursts, handle times that are not "
            "exponential.")
        components.chart(sch.expected_vs_actual(pts), pts[["queue", "interval", "offered", "modelled_service_level_pct",
                                                           "actual_service_level_pct"]],
                         "staffing_expected_vs_actual", key="st_fit")

pat = pd.DataFrame([{"queue": q, "patience_s": v.patience_s, "low_s": v.low_s, "high_s": v.high_s,
                     "abandons": v.abandons, "naive_s": v.naive_s} for q, v in p.patience.items()])
with st.expander("Caller patience (Erlang A)"):
    st.caption("Mean patience per queue from the last 8 weeks: abandons ÷ total waiting time of every caller "
               "(answered callers' waits count as patience that had not run out). The mean wait of abandoned "
               "calls alone (naive) is shown for comparison: it keeps only the impatient and underestimates.")
    components.table(pat, "staffing_patience", key="st_pat", column_config={
        "queue": st.column_config.TextColumn("Queue"),
        "patience_s": st.column_config.NumberColumn("Patience s", format="%.0f"),
        "low_s": st.column_config.NumberColumn("95% low", format="%.0f"),
        "high_s": st.column_config.NumberColumn("95% high", format="%.0f"),
        "abandons": st.column_config.NumberColumn("Abandons", format="%d"),
        "naive_s": st.column_config.NumberColumn("Naive s", format="%.0f")})
