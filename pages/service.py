"""Service & queues: when the queue struggles (weekday × hour), queue by queue against target, how long
callers wait, short abandons and the longest waits."""
import streamlit as st

from analytics.core import breakdowns, charts
from analytics.service import charts as service_charts, data as service
from analytics.core import metrics, registry, units
from analytics.ui import call_card, components, context, keyed, option_notices, page, state, targets_view
from analytics.i18n import _, ngettext

f = page.filters()
components.header(_("Service & queues"), f)
shown_notices = option_notices.count()
# Queue service is shown for the whole center: abandoned calls belong to a queue, never to a team, site
# or agent, and queue KPIs are not personal data (every role sees them). Only the queue filter applies.
if f.sites or f.supervisors or f.agents:
    st.info(_("Service and queue figures are for the whole center (queues and period only): abandoned calls "
              "belong to a queue, never to a team, site or agent."), icon=":material/info:")
f = metrics.center_view(f)
# the queue table and the waits further down, read while the heatmap is drawn (in the order drawn)
context.prefetch(lambda: context.kpi_frame(f, list(service.QUEUE_KPIS), by="queue"),
                 lambda: context.rows("service_wait_distribution", f, edges=service.WAIT_EDGES),
                 lambda: context.rows("service_longest_waits", f, limit=service.LONGEST_WAITS))

# --- weekday × hour heatmap ------------------------------------------------------------------------
st.subheader(_("By weekday and hour"))
heat = state.choice("heat", service.HEAT_KPIS, "service_level_pct", _("Heatmap of"),
                    widget=st.segmented_control, format_func=service.heat_label)
option_notices.show_since(shown_notices)
totals = context.kpi_values(f, ["offered", "abandoned", "short_abandoned"])
components.stop_if_empty(not totals.get("offered"))
short_s = keyed.setting("short_abandon_s", "5")
k = registry.get(heat)
cells = keyed.kpi_frame_by_keys(f, [heat], breakdowns.WEEKDAY_HOUR)
cells = breakdowns.with_weekday_names(cells)
# the cell open now is outlined on the heatmap: its option is read before the chart is drawn (above it)
heat_area = st.container()
# --- a cell's calls (click to drill; kept in the URL as slot=Mon-09) ------------------------------------
seen = option_notices.count()
slot = state.choice("slot", ("",) + service.SLOTS, "", _("Calls of one weekday and hour"),
                    format_func=service.slot_label,
                    help=_("Click a heatmap cell, or choose here: the calls that arrived in that hour on that "
                           "weekday, over the whole period."))
option_notices.show_since(seen)
with heat_area:
    if cells[heat].notna().any():
        st.caption(_("{kpi} by arrival weekday and hour over the whole period (local time). Empty cells had "
                     "no calls.").format(kpi=service.heat_label(heat)) + (
                       " " + _("Offered counts are totals, so weekdays that occur more often in the period weigh "
                               "more.") if heat == "offered" else ""))
        heat_target = targets_view.targets_for(f).get(heat)
        if heat_target is not None and k.direction != registry.NEUTRAL:
            st.caption(_("Colours are centred on the target ({value}): blue cells meet it, vermillion cells miss "
                         "it; the paler, the closer.").format(value=k.format(heat_target.value)))
        st.caption(_("Click a cell to list that weekday-hour's calls."))
        components.chart(charts.heatmap(cells, k, target=heat_target.value if heat_target else None,
                                        select="cell", selected=service.slot_cell(slot)),
                         cells, f"{heat}_by_weekday_hour", key="sv_heat",
                         drill=("slot", "cell", service.slot_of_point))
    else:
        components.empty(_("{kpi} is undefined for every hour of this selection.").format(kpi=k.label))
if slot:
    weekday, hour = service.slot_parts(slot)
    slot_calls = context.rows("service_calls_in_slot", f, weekday=weekday, hour=hour, limit=service.SLOT_CALLS)
    if slot_calls.empty:
        components.empty(_("No calls arrived on {slot} in this period.").format(slot=service.slot_label(slot)))
    else:
        n_all = int(slot_calls["calls_in_slot"].iloc[0])
        slot_text, n_text = service.slot_label(slot), units.number(n_all, 0)
        st.caption(_("{n} calls arrived on {slot} in this period; the newest {shown} are listed.").format(
            n=n_text, slot=slot_text, shown=units.number(len(slot_calls), 0)) if n_all > len(slot_calls)
            else ngettext("{n} call arrived on {slot} in this period.",
                          "{n} calls arrived on {slot} in this period, newest first.", n_all).format(
                n=n_text, slot=slot_text))
        components.table(service.slot_calls_table(slot_calls), f"calls_{slot}", key="sv_slot_calls",
                         drill=("call", "call_id"), column_config={
            "call_id": st.column_config.TextColumn(_("Call ID"), pinned=True),
            "arrived_at": st.column_config.DatetimeColumn(_("Arrived"), format="YYYY-MM-DD HH:mm:ss"),
            "queue": st.column_config.TextColumn(_("Queue")),
            "outcome": st.column_config.TextColumn(_("Outcome")),
            "wait_s": st.column_config.NumberColumn(_("Wait (s)"), format="%,.0f"),
            "handle_s": st.column_config.NumberColumn(_("Handle (s)"), format="%,.0f"),
            "agent": st.column_config.TextColumn(_("Agent")),
            "reason": st.column_config.TextColumn(_("Reason")),
        })
        call = state.choice("call", [""] + slot_calls["call_id"].tolist(), "", _("Call"),
                            format_func=lambda c: _("— click a row or choose —") if not c else c)
        option_notices.show_since(seen)
        if call:
            call_card.render(call)

# --- queue table -------------------------------------------------------------------------------------
st.subheader(_("Queues"))
by_queue = context.kpi_frame(f, list(service.QUEUE_KPIS), by="queue")
sl_target = targets_view.targets_for(f).get("service_level_pct")
site = f.sites[0] if len(f.sites) == 1 else None
by_queue = service.with_sl_status(by_queue, lambda q: targets_view.effective(q, site).get("service_level_pct"))
config = components.kpi_column_config(service.QUEUE_KPIS)
config["queue"] = st.column_config.TextColumn(_("Queue"))
config["sl_target"] = components.unit_column(_("SL target"), "pct",
                                                    help=_("The queue's own target where one is set."))
config["sl_status"] = st.column_config.TextColumn(
    _("SL vs target"), help=_("Service level against its target (met / missed)."))
if sl_target:
    st.caption(_("Service-level target {value} ({source}).").format(
        value=registry.get("service_level_pct").format(sl_target.value), source=sl_target.source))
# Two tables, volume then service: as one table its twelve columns ran off the screen at 1280 px.
# A queue's own SL target is a column only where some queue has one (otherwise the caption says it).
volume_cols, service_cols = service.split_queue_table(by_queue, sl_target.value if sl_target else None)
by_queue["max_wait"] = [units.duration_s(v) for v in by_queue["max_wait_s"]]  # 18 min 59 s, not 1139 s
service_cols = [c for col in service_cols for c in (("max_wait", col) if col == "max_wait_s" else (col,))]
config["max_wait_s"] = None  # hidden on screen; the CSV keeps the seconds beside the readable wait
config["max_wait"] = st.column_config.TextColumn(registry.get("max_wait_s").label,
                                                 help=registry.get("max_wait_s").description)
st.markdown("**" + _("Calls by queue") + "**")
components.table(by_queue[volume_cols], "calls_by_queue", column_config=config, key="sv_queue_calls")
st.markdown("**" + _("Service by queue") + "**")
components.table(by_queue[service_cols], "service_kpis_by_queue", column_config=config, key="sv_queues")

# --- wait-time distribution ----------------------------------------------------------------------------
st.subheader(_("How long callers wait"))
counts = context.rows("service_wait_distribution", f, edges=service.WAIT_EDGES)
hist = service.wait_histogram(counts)
if hist.empty:
    components.empty(_("No answered or abandoned call in this selection has a recorded wait."))
else:
    st.caption(_("Each outcome's calls by how long they waited, as a share of that outcome's calls (hover for "
                 "counts). The service-level threshold ({sl}) and the short-abandon threshold ({short}) are bin "
                 "edges. Abandoned excludes short abandons (shown below) and calls whose wait was not "
                 "recorded.").format(sl=units.duration_s(float(keyed.setting("sl_threshold_s", "20"))),
                                     short=units.duration_s(float(short_s))))
    components.chart(service_charts.wait_distribution(hist), service.series_in_words(hist.drop(columns="bin")),
                     "wait_time_distribution", key="sv_wait")

# --- short abandons ---------------------------------------------------------------------------------------
st.subheader(_("Short abandons"))
summary = service.short_abandon_summary(totals)
st.caption(_("Callers who hung up within {short} of waiting: usually misdials or callers who changed their "
             "mind, not calls the center failed to answer. They are excluded from both the service level "
             "(left out of its denominator) and the abandonment rate (left out of numerator and denominator), "
             "so they are shown here on their own.").format(short=units.duration_s(float(short_s))))
c1, c2, c3 = st.columns(3)
c1.metric(registry.get("short_abandoned").label, registry.get("short_abandoned").format(summary["short_abandoned"]), border=True)
c2.metric(_("Share of abandoned calls"), units.format_value(summary["share_of_abandoned_pct"], "pct"), border=True)
c3.metric(_("Share of offered calls"), units.format_value(summary["share_of_offered_pct"], "pct"), border=True)
if summary["short_abandoned"]:
    by_hour = keyed.kpi_frame_by_keys(f, ["short_abandoned", "abandoned", "offered"], breakdowns.HOUR_OF_DAY)
    components.chart(charts.histogram(by_hour, "hour", _("Hour of day"), count_col="short_abandoned",
                                      count_title=registry.get("short_abandoned").label), by_hour,
                     "short_abandons_by_hour", key="sv_short")

# --- longest waits ----------------------------------------------------------------------------------------
st.subheader(_("Longest waits"))
longest = context.rows("service_longest_waits", f, limit=service.LONGEST_WAITS)
st.caption(_("The {n} calls that waited longest in this selection, answered or abandoned.").format(
    n=units.number(service.LONGEST_WAITS, 0)))
components.table(service.longest_waits_view(longest), "longest_waits", key="sv_longest", column_config={
    "arrived_at": st.column_config.DatetimeColumn(_("Arrived"), format="YYYY-MM-DD HH:mm:ss"),
    "queue": st.column_config.TextColumn(_("Queue")),
    "outcome": st.column_config.TextColumn(_("Outcome")),
    "wait": st.column_config.TextColumn(_("Wait")),
    "wait_s": None,  # hidden on screen (the readable wait is beside it); the CSV keeps the seconds
    "agent": st.column_config.TextColumn(_("Agent")),
    "reason": st.column_config.TextColumn(_("Reason")),
    "call_id": st.column_config.TextColumn(_("Call ID")),
})
