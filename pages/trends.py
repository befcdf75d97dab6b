"""Trends: any KPI over time at the filter's grain, against the comparison period, its uncertainty and
target, split by queue/site/team if asked, with a control chart that separates signal from noise."""
import streamlit as st

from analytics.trends import charts as trend_charts, data as trends
from analytics.core import registry
from analytics.ui import auth_gate, components, context, option_notices, page, state, targets_view
from analytics.core import periods, units
from analytics.i18n import _

f = page.filters()
components.header(_("Trends"), f)
shown_notices = option_notices.count()

left, right = st.columns([3, 2])
kid = state.choice("kpi", trends.kpi_options(), "service_level_pct", _("KPI"), container=left,
                   format_func=trends.kpi_option_label)
# a center-level role (viewer) gets no team breakdown, as on Benchmarks and in the CLI
breakdowns = trends.breakdowns_for(auth_gate.scope())
if "p_breakdown" not in st.session_state and (asked := state.initial_query().get("breakdown")) \
        and asked[-1] in trends.BREAKDOWNS and asked[-1] not in breakdowns:
    state.add_notice(_("Your role shows center-level KPIs only: the link's breakdown by "
                       "{breakdown} was removed.").format(breakdown=_(trends.BREAKDOWN_LABELS[asked[-1]]).lower()))
    st.session_state["p_breakdown"] = "none"
by = state.choice("breakdown", breakdowns, "none", _("Break down by"), container=right,
                  format_func=lambda b: _(trends.BREAKDOWN_LABELS[b]))
option_notices.show_since(shown_notices)
components.stop_if_no_calls(f)
k = registry.get(kid)
grain = f.grain
st.caption(k.description)

cur = context.kpi_frame(f, [kid], by=grain, with_stats=True)
for note in context.kpi_notes(f, [kid], by=grain):
    st.info(_(note), icon=":material/info:")
components.stop_if_empty(not len(cur) or cur[kid].isna().all(),
                         _("{kpi} has no values by {grain} in this selection.").format(
                             kpi=k.label, grain=_(periods.grain_label(grain))))

target = targets_view.targets_for(f).get(kid)
cmp = f.comparison()
comparable = context.comparable(f)   # a comparison period the data covers whole (the header says when not)
labels = trends.period_labels(f.start, f.end, grain, f.calendar)

# --- the trend -----------------------------------------------------------------------------------------
st.subheader(_("{kpi} by {grain}").format(kpi=k.label, grain=_(periods.grain_label(grain))))
why_not = trends.breakdown_applies(k, by)
if why_not:
    st.info(_(why_not) + " " + _("Showing {kpi} without a breakdown.").format(kpi=k.label), icon=":material/info:")
if by != "none" and not why_not:
    volume = context.kpi_frame(f, [trends.volume_kpi(by)], by=by)
    members, total = trends.top_members(volume, by)
    cat = context.catalog()
    attr = trends.BREAKDOWN_FILTER_ATTR[by]
    frames = {}
    for m in members:
        label = cat.label(m) if by == "supervisor" else m
        frames[label] = context.kpi_frame(f.narrowed(**{attr: (m,)}), [kid], by=grain)
    lines = trends.breakdown_series(frames, kid, grain, labels)
    volume_label = registry.get(trends.volume_kpi(by)).label.lower()
    shown = (_("the top {n} of {total} by {volume}").format(n=units.digits(str(len(members))),
                                                            total=units.digits(str(total)), volume=volume_label)
             if total > len(members) else _("all {total}").format(total=units.digits(str(total))))
    member_word = _(trends.BREAKDOWN_LABELS[by]).lower()
    st.caption(_("One line per {member}: {shown}.").format(member=member_word, shown=shown) + " "
               + (_("One confidence band and one dashed comparison line per {member} would hide the lines, "
                    "so each {member}'s 95% interval and its comparison with {start} – {end} are in the table "
                    "under the chart.").format(member=member_word, start=units.digits(f"{cmp.start:%Y-%m-%d}"),
                                               end=units.digits(f"{cmp.end:%Y-%m-%d}"))
                  if cmp else _("One confidence band per {member} would hide the lines, so each "
                                "{member}'s 95% interval is in the table under the chart.").format(member=member_word)))
    if lines["value"].notna().any():
        components.chart(trend_charts.kpi_trend(lines, k, target=target.value if target else None),
                         lines, f"{kid}_by_{grain}_by_{by}", key="tr_breakdown")
        per_member = {}
        for m in members:
            label = cat.label(m) if by == "supervisor" else m
            narrowed = {attr: (m,)}
            cur_m = context.kpi_frame(f.narrowed(**narrowed), [kid], "none", with_stats=True).iloc[0].to_dict()
            prev_m = (context.kpi_frame(cmp.narrowed(**narrowed), [kid], "none", with_stats=True).iloc[0].to_dict()
                      if comparable else None)
            per_member[label] = (cur_m, prev_m)
        components.table(trends.breakdown_comparison(per_member, k, _(trends.BREAKDOWN_LABELS[by])),
                         f"{kid}_by_{by}_against_comparison", key="tr_breakdown_cmp")
    else:
        components.empty()
else:
    prev = context.kpi_frame(cmp, [kid], by=grain) if cmp else None
    lines = trends.aligned_series(cur, prev, kid, grain, labels,
                                  trends.period_labels(cmp.start, cmp.end, grain, cmp.calendar) if cmp else None)
    band = trends.confidence_band(cur, k, grain, labels)
    notes = []
    if cmp:
        notes.append(_("Dashed: the comparison period ({start} – {end}) aligned by "
                       "position (its first {grain} against this period's first).").format(
            start=units.digits(f"{cmp.start:%Y-%m-%d}"), end=units.digits(f"{cmp.end:%Y-%m-%d}"),
            grain=_(periods.grain_label(grain))))
    if len(band):
        notes.append(_("Shaded: 95% confidence interval of each value ({method}).").format(
            method=_("Wilson score interval") if k.kind == "rate" else _("t interval")))
    if target:
        notes.append(_("Red dashed rule: target {value} ({source}).").format(value=k.format(target.value),
                                                                            source=target.source))
    st.caption(" ".join(notes))
    export = lines.merge(band, on=["position", "period"], how="left") if len(band) else lines
    components.chart(trend_charts.kpi_trend(lines, k, band, target.value if target else None),
                     export, f"{kid}_by_{grain}", key="tr_trend")

# --- period-over-period ----------------------------------------------------------------------------------
if cmp and comparable:
    st.subheader(_("This period against the comparison"))
    cur_row = context.kpi_frame(f, [kid], "none", with_stats=True).iloc[0].to_dict()
    prev_row = context.kpi_frame(cmp, [kid], "none", with_stats=True).iloc[0].to_dict()
    d = trends.delta_summary(cur_row, prev_row, k)
    c1, c2, c3 = st.columns(3)
    c1.metric(_("{kpi}, this period").format(kpi=k.label), k.format(d["value"]),
              delta=k.format_delta(d["delta"]) if d["delta"] is not None else None,
              delta_color=components.delta_color(k, d["delta"], d["significant"]), border=True)
    c2.metric(_("Comparison ({start} – {end})").format(start=units.digits(f"{cmp.start:%Y-%m-%d}"),
                                                         end=units.digits(f"{cmp.end:%Y-%m-%d}")),
              k.format(d["prev"]), border=True)
    c3.metric(_("95% interval, this period"),
              f"{k.format(d['ci'][0])} – {k.format(d['ci'][1])}" if d["ci"] else "—", border=True,
              help=_("Widened like the test below when the days vary more than chance alone would make them.")
              if d["phi"] and d["phi"] > 1 else None)
    st.write(d["reading"])

# --- control chart -------------------------------------------------------------------------------------
st.subheader(_("Control chart: signal or noise?"))
kind, ctrl = trends.control_frame(cur, k, grain)
usable = int(ctrl["value"].notna().sum())
if usable < trends.MIN_CONTROL_POINTS:
    st.info(_("A control chart needs at least {n} periods ({grain}) with a value; this selection "
              "has {usable}. Choose a longer period or a finer grain.").format(
        n=units.digits(str(trends.MIN_CONTROL_POINTS)), grain=_(periods.grain_label(grain)),
        usable=units.digits(str(usable))), icon=":material/info:")
else:
    flagged = int(ctrl["out_of_control"].sum())
    g, same = _(periods.grain_label(grain)), (_("weekday") if grain == "day" else _("time of day"))
    method = {
        "p": _("p-chart: limits from each period's own count of calls, so periods with fewer calls get wider "
               "limits. The centre line is the average over the period."),
        "xmr": _("XmR (individuals) chart: limits from the average change between consecutive periods. The "
                 "centre line is the average over the period."),
        "p_seasonal": _("p-chart against the usual pattern: each {grain} is compared with the same {same} (the "
                        "centre line follows it), and the limits allow for the ordinary day-to-day spread "
                        "(Laney p′), so weekends and nights are not signals.").format(grain=g, same=same),
        "xmr_seasonal": _("XmR chart of de-seasonalized values: each {grain} is compared with the average of the "
                          "same {same}, so the weekly pattern is not a signal.").format(grain=g, same=same),
    }[kind]
    if kind in ("p", "xmr") and grain in ("day", "hour", "interval30", "interval15"):
        method += " " + _("Too few periods ({grain}) to compare each with the same {same} (two of each are "
                          "needed), so the usual weekly pattern may show as signals.").format(grain=g, same=same)
    st.caption(method + " " + _("The dashed lines are 3-sigma limits."))
    components.chart(trend_charts.control_chart(ctrl, k), ctrl, f"{kid}_control_chart_by_{grain}",
                     key="tr_control")
    if flagged:
        st.warning(_("{flagged} of {usable} periods fall outside the control limits (marked “Out of control”). "
                     "Such points are "
                     "**signals**: variation this large is very unlikely from the process's usual noise, so "
                     "something changed (staffing, volume, a system or process change) and is worth "
                     "investigating.").format(flagged=units.digits(str(flagged)), usable=units.digits(str(usable))),
                   icon=":material/error:")
        if flagged > usable / 4:
            st.caption(_("When most points are signals, look for a pattern rather than single incidents: a weekly "
                         "cycle (weekends, Mondays) or a shift in level. With thousands of calls per period the "
                         "limits are narrow, so any systematic pattern shows up as a signal."))
    else:
        st.success(_("All {usable} periods are within the control limits: the ups and downs are the process's "
                     "usual **noise**. Reacting to individual points would be chasing noise; to move this KPI, "
                     "change the process.").format(usable=units.digits(str(usable))), icon=":material/check_circle:")
