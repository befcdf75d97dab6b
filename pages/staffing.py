"""Staffing: agents required per interval for a service-level target (Erlang A or C) against the agents
scheduled, where the schedule falls short or runs over and what that costs, a what-if, and how well
the model explains the service level that actually happened."""
from datetime import timedelta

import pandas as pd
import streamlit as st

from analytics.core import calendars, periods, units
from analytics.i18n import N_, _, isolate, ltr, ngettext
from analytics.staffing import charts as sch, erlang, explain, whatif
from analytics.staffing import plan, view
from analytics import i18n
from analytics.ui import components, keyed, option_notices, page, state

VIEWS = {"past": N_("What happened"), "forecast": N_("Forecast")}
MODELS = {"erlang_a": N_("Erlang A (callers abandon)"), "erlang_c": N_("Erlang C")}


def _num(v, decimals: int = 0) -> str:
    return units.number(v, decimals)


def _signed(v, decimals: int = 1) -> str:
    # st.metric reads a change's direction from its leading '-': no left-to-right mark before the sign
    return units.number(v, decimals, sign=True).lstrip("\u200e")


def _day(d) -> str:
    """A day with its weekday, in the view's calendar and the active language."""
    return _("{weekday} {date}").format(weekday=units.weekday_name(d),
                                        date=calendars.long_date(d, calendars.current()))


f = page.filters()
components.header(_("Staffing"), f, _("Erlang staffing per interval: required vs scheduled agents. Method and "
                                      "validation: {doc}.").format(doc=isolate("docs/staffing.md")))
shown = option_notices.count()

start, end = f.start, f.end
if (end - start).days + 1 > periods.SUBDAY_MAX_DAYS:
    start = end - timedelta(days=6)
    st.info(_("Intervals are shown for at most {max} days: showing the last {n} days of the period ({start} – "
              "{end}).").format(max=_num(periods.SUBDAY_MAX_DAYS), n=_num(7),
                                start=ltr(calendars.date_label(start, calendars.current())),
                                end=ltr(calendars.date_label(end, calendars.current()))))

c1, c2, c3, c4 = st.columns(4)
view_kind = state.choice("st_view", ("past", "forecast"), "past", _("Intervals"), container=c1,
                         format_func=lambda v: _(VIEWS[v]),
                         help=_("What happened: the period's calls and shifts. Forecast: the weeks after the "
                                "period, forecast from data up to its last day."))
weeks = state.number("st_weeks", 1, 1, 6, _("Forecast weeks"), container=c2) if view_kind == "forecast" else 0
minutes = int(state.choice("st_iv", ("30", "15"), "30", _("Interval (minutes)"), container=c3,
                           format_func=units.digits))
model = state.choice("st_model", erlang.MODELS, "erlang_a", _("Model"), container=c4,
                     format_func=lambda m: _(MODELS[m]))

sl_s = float(keyed.setting("sl_threshold_s", "20") or 20)
p = view.get_plan(start, end, minutes, sl_s, f.queues, weeks)

with st.expander(_("What-if"), expanded=True):
    w1, w2, w3 = st.columns(3)
    target = state.choice("st_target", ("80/20", "80/30", "85/20", "90/20", "90/30", "95/20"), "80/20",
                          _("Service level target"), container=w1, format_func=lambda t: ltr(units.digits(t)),
                          help=_("percent of calls answered within seconds"))
    aht_d = state.number("st_aht", 0, -120, 120, _("Handle time change (s)"), step=5, container=w2)
    vol = state.number("st_vol", 0, -50, 100, _("Volume change (%)"), step=5, container=w3)
    w4, w5, w6 = st.columns(3)
    auto_shrink = whatif.shrinkage(whatif.Scenario(), p.measured_shrinkage, p.measured_aux_pct) * 100
    aux_pct = whatif.aux(whatif.Scenario(), p.measured_aux_pct)
    aux_measured = p.measured_aux_pct is not None
    shrink_help = (_("Scheduled time not on the phones. Default {shrink}: measured absence and late log-in plus "
                     "{aux} of logged-in time off the phones (measured in the intervals where callers queued).")
                   if aux_measured else
                   _("Scheduled time not on the phones. Default {shrink}: measured absence and late log-in plus "
                     "{aux} of logged-in time off the phones (a planning allowance)."))
    shrink = state.number("st_shr", round(auto_shrink), 0, 60, _("Shrinkage (%)"), container=w4,
                          help=shrink_help.format(shrink=_("{value}%").format(value=_num(auto_shrink)),
                                                  aux=_("{value}%").format(value=_num(aux_pct))))
    add = state.number("st_add", 0, 0, 30, _("Extra agents on a shift"), container=w5)
    add_at = state.number("st_add_at", 9, 0, 20, _("Shift starts at (hour, 8 h)"), container=w6)
option_notices.show_since(shown)

pct, secs = whatif.parse_target(target)
base = whatif.Scenario(target_pct=80.0, target_s=sl_s, shrinkage_pct=round(auto_shrink))
sc = whatif.Scenario(target_pct=pct, target_s=secs, aht_delta_s=aht_d, volume_pct=vol, shrinkage_pct=shrink,
                     extra_agents=add, extra_start_h=add_at, extra_hours=8.0)
ev = view.evaluated(start, end, minutes, sl_s, f.queues, weeks, sc, model)
if p.no_forecast_shifts:
    st.caption(_("No shifts are scheduled for the forecast weeks: scheduled agents are unknown."))
if p.shifts_without_times:
    st.caption(ngettext("{n} shift has no start/end time and is not placed in intervals.",
                        "{n} shifts have no start/end time and are not placed in intervals.",
                        p.shifts_without_times).format(n=_num(p.shifts_without_times)))
if ev.empty:
    components.empty(N_("No calls or shifts in this selection."))
    st.stop()

s = whatif.summary(ev, minutes)
b = whatif.summary(view.evaluated(start, end, minutes, sl_s, f.queues, weeks, base, model), minutes)
m1, m2, m3, m4 = st.columns(4)
changed = sc != base


def _delta(key, decimals=1):
    return _signed(s[key] - b[key], decimals) if changed and key in b else None


sl_ok = s["expected_service_level_pct"] >= pct
target_text = ltr(units.digits(target))
m1.metric(_("Expected SL"), units.format_value(s["expected_service_level_pct"], "pct"),
          _delta("expected_service_level_pct"),
          help=_("Calls-weighted, with the scheduled agents after shrinkage; target {target}.").format(target=target_text))
m2.metric(_("Required agent hours"), _num(s["required_agent_hours"]), _delta("required_agent_hours", 0),
          delta_color="inverse", help=_("Agents to schedule (after shrinkage) × interval length."))
m3.metric(_("Scheduled agent hours"), _num(s["scheduled_agent_hours"]), _delta("scheduled_agent_hours", 0),
          delta_color="off")
m4.metric(_("Understaffed intervals"), _num(s["understaffed_intervals"]), _delta("understaffed_intervals", 0),
          delta_color="inverse",
          help=_("{short} agent hours short; {over} intervals over by {surplus} agent hours.").format(
              short=_num(s["short_agent_hours"]), over=_num(s["overstaffed_intervals"]),
              surplus=_num(s["surplus_agent_hours"])))
summary_values = dict(target=target_text, short=_num(s["short_agent_hours"]), surplus=_num(s["surplus_agent_hours"]),
                      lost=_num(s["sl_points_lost"], 1))
st.markdown((_("**Meets the {target} target** on the calls-weighted expectation; {short} agent hours short and "
               "{surplus} over across the intervals; the short intervals cost {lost} SL points overall.") if sl_ok
             else _("**Misses the {target} target** on the calls-weighted expectation; {short} agent hours short and "
                    "{surplus} over across the intervals; the short intervals cost {lost} SL points overall."))
            .format(**summary_values))

st.subheader(_("Scheduled − required, by weekday and interval"))
g = sch.gap_by_weekday_interval(ev)
if g["scheduled"].fillna(0).sum() == 0:
    components.empty(_("No shifts with start and end times: scheduled agents are unknown, so only the requirement "
                       "is shown."))
st.caption(_("Red: fewer agents scheduled than the target needs (after shrinkage); blue: more. Mean over the "
             "period's days, summed over the queues."))
components.chart(sch.gap_heatmap(g), g, "staffing_gap_weekday_interval", key="st_heat", csv_config={
    "weekday": _("Weekday"), "time": _("Interval start"), "required": _("Required (to schedule)"),
    "scheduled": _("Scheduled"), "gap": _("Scheduled − required")})

# Streamlit writes a datetime column's weekday in English: other languages and the Persian calendar get text
plain = i18n.current() == i18n.DEFAULT and calendars.current() == calendars.DEFAULT
cfg = {"queue": st.column_config.TextColumn(_("Queue")),
       "interval_start": (st.column_config.DatetimeColumn(_("Interval"), format="ddd YYYY-MM-DD HH:mm") if plain
                          else st.column_config.TextColumn(_("Interval"))),
       "offered": st.column_config.NumberColumn(_("Calls"), format="%.0f"),
       "aht_s": st.column_config.NumberColumn(_("AHT (s)"), format="%.0f"),
       "required_agents": components.unit_column(_("Required on phones"), "count"),
       "required_scheduled": components.unit_column(_("Required to schedule"), "count"),
       "scheduled_agents": st.column_config.NumberColumn(_("Scheduled"), format="%.1f"),
       "staffing_gap": st.column_config.NumberColumn(_("Gap (agents)"), format="%+.1f"),
       "gap_agent_hours": st.column_config.NumberColumn(_("Gap (agent h)"), format="%+.1f"),
       "expected_service_level_pct": components.unit_column(_("Expected SL"), "pct"),
       "sl_points_vs_target": st.column_config.NumberColumn(_("SL pts vs target"), format="%+.1f"),
       "expected_abandon_pct": components.unit_column(_("Expected abandon"), "pct"),
       "expected_asa_s": st.column_config.NumberColumn(_("Expected ASA (s)"), format="%.0f")}

st.subheader(_("One day"))
days = sorted({d.isoformat() for d in ev["interval_start"].dt.date})
day = state.choice("st_day", days, days[0], _("Day"), widget=st.selectbox,
                   format_func=lambda d: _day(pd.Timestamp(d).date()))
one = ev[ev["interval_start"].dt.date.astype(str) == day]
components.chart(sch.day_view(one, pct), one, f"staffing_day_{day}", key="st_day_chart", csv_config=cfg)

st.subheader(_("Where the schedule is short or over"))
cols = ["queue", "interval_start", "offered", "aht_s", "required_agents", "required_scheduled", "scheduled_agents",
        "staffing_gap", "gap_agent_hours", "expected_service_level_pct", "sl_points_vs_target",
        "expected_abandon_pct", "expected_asa_s"]
worst = pd.concat([ev.nsmallest(10, "staffing_gap"), ev.nlargest(5, "staffing_gap")])[cols]
if not plain:
    worst = worst.assign(interval_start=units.datetime_texts(worst["interval_start"]))
components.table(worst, "staffing_short_and_over", column_config=cfg, key="st_worst")

if view_kind == "past":
    st.subheader(_("Expected vs actual service level"))
    # the modelled SL reads only the logged-in agents, calls, handle time and the SL threshold: the
    # base scenario's evaluation (already made for the what-if's deltas) is the fit's
    base_ev = view.evaluated(start, end, minutes, sl_s, f.queues, weeks, base, model)
    fit = explain.r_squared(base_ev)
    if fit.get("intervals", 0) < 3 or fit.get("r2") is None:
        components.empty(_("Too few intervals with {n}+ calls to compare.").format(n=_num(explain.MIN_CALLS)))
    else:
        pts = base_ev[(base_ev["offered"] >= explain.MIN_CALLS) & base_ev["actual_service_level_pct"].notna()].copy()
        pts["interval"] = units.datetime_texts(pts["interval_start"])
        fit_values = dict(n=_num(explain.MIN_CALLS), aux=_("{value}%").format(value=_num(aux_pct)),
                          r2=_num(fit["r2"], 2), intervals=_num(fit["intervals"]),
                          r2_day=units.UNDEFINED if fit.get("r2_queue_day") is None else _num(fit["r2_queue_day"], 2),
                          ceiling=_num(fit["noise_ceiling_r2"], 2))
        st.caption((_("Each dot is a queue's interval with {n}+ calls: expected SL from the agents who were logged in "
                      "(less {aux} off the phones, measured in the intervals where callers queued) vs what happened. "
                      "R² = {r2} over {intervals} intervals (calls-weighted); pooled to queue × day R² = {r2_day}. "
                      "Chance alone (each interval's SL is a proportion of a few dozen calls) would cap R² at about "
                      "{ceiling}; the rest is what the model does not know: who was on the phones minute by minute, "
                      "calls that arrive in bursts, handle times that are not exponential.") if aux_measured else
                    _("Each dot is a queue's interval with {n}+ calls: expected SL from the agents who were logged in "
                      "(less {aux} off the phones, a planning allowance) vs what happened. R² = {r2} over "
                      "{intervals} intervals (calls-weighted); pooled to queue × day R² = {r2_day}. Chance alone "
                      "(each interval's SL is a proportion of a few dozen calls) would cap R² at about {ceiling}; the "
                      "rest is what the model does not know: who was on the phones minute by minute, calls that "
                      "arrive in bursts, handle times that are not exponential.")).format(**fit_values))
        pts = pts[["queue", "interval", "offered", "modelled_service_level_pct", "actual_service_level_pct"]]
        components.chart(sch.expected_vs_actual(pts), pts,
                         "staffing_expected_vs_actual", key="st_fit", csv_config={
                             "queue": _("Queue"), "interval": _("Interval"), "offered": _("Calls"),
                             "modelled_service_level_pct": _("Expected SL (%)"),
                             "actual_service_level_pct": _("Actual SL %")})

pat = pd.DataFrame([{"queue": q, "patience_s": v.patience_s, "low_s": v.low_s, "high_s": v.high_s,
                     "abandons": v.abandons, "naive_s": v.naive_s} for q, v in p.patience.items()])
with st.expander(_("Caller patience (Erlang A)")):
    st.caption(_("Mean patience per queue from the last {weeks} weeks: abandons ÷ total waiting time of every caller "
                 "(answered callers' waits count as patience that had not run out). The mean wait of abandoned "
                 "calls alone (naive) is shown for comparison: it keeps only the impatient and "
                 "underestimates.").format(weeks=_num(plan.PATIENCE_WEEKS)))
    components.table(pat, "staffing_patience", key="st_pat", column_config={
        "queue": st.column_config.TextColumn(_("Queue")),
        "patience_s": st.column_config.NumberColumn(_("Patience (s)"), format="%.0f"),
        "low_s": st.column_config.NumberColumn(_("95% low"), format="%.0f"),
        "high_s": st.column_config.NumberColumn(_("95% high"), format="%.0f"),
        "abandons": components.unit_column(_("Abandons"), "count"),
        "naive_s": st.column_config.NumberColumn(_("Naive (s)"), format="%.0f")})
