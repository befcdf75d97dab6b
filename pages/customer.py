"""Customer: first-contact resolution and repeat calls, call reasons, CSAT and NPS."""
import streamlit as st

from analytics.core import charts
from analytics.customer import data as customer
from analytics.customer import charts as ccharts
from analytics.core import registry
from analytics.core import units
from analytics.ui import components, context, option_notices, page, state
from analytics.i18n import _

f = page.filters()
components.header(_("Customer"), f)
seen = option_notices.count()

components.stop_if_no_calls(f)

grain = f.grain
REPEATS = ("fcr_pct", "repeat_rate_pct", "resolved_pct", "median_repeat_interval_h")
SATISFACTION = ["csat_pct", "nps"]
# what the page shows below its first tiles, read while it draws them (in the order it is drawn)
context.prefetch(lambda: context.rows(customer.intervals_query(f)),
                 lambda: context.rows(customer.reason_kpis_query(f, with_stats=True)),
                 lambda: components.tile_data(f, SATISFACTION), lambda: context.kpi_frame(f, SATISFACTION, by=grain),
                 lambda: context.rows(customer.survey_query(f)),
                 lambda: context.kpi_frame(f, ["csat_pct"], by="queue", with_stats=True))
end = context.rows(customer.data_end_query())
end_row = end.iloc[0] if len(end) else None
window_h = float(end_row["repeat_window_h"]) if end_row is not None else 168.0

st.subheader(_("Resolution and repeat calls"))
values = components.kpi_tiles(f, list(REPEATS), read_with=REPEATS)
st.caption(customer.censoring_note(f, end_row["censored_after"] if end_row is not None else None, window_h))
rep = context.kpi_frame(f, ["fcr_pct", "repeat_rate_pct"], by=grain, read_with=REPEATS)  # with the tiles' sparklines
left, right = st.columns(2)
with left:
    k = registry.get("fcr_pct")
    components.chart(charts.trend(rep, k, grain, target=k.default_target), rep, "fcr_by_" + grain, key="cu_fcr")
with right:
    k = registry.get("repeat_rate_pct")
    components.chart(charts.trend(rep, k, grain), rep, "repeat_rate_by_" + grain, key="cu_repeat")

st.subheader(_("Time between a caller's calls"))
st.caption(_("Calls in the period from known callers who had called before (any time in the data), by time "
             "since that caller's previous call."))
intervals = customer.interval_table(context.rows(customer.intervals_query(f)))
if not intervals["calls"].sum():
    components.empty(_("No repeat callers in this selection."))
else:
    components.chart(ccharts.interval_bars(intervals, values.get("median_repeat_interval_h")), intervals,
                     "repeat_interval_distribution", key="cu_intervals")

st.subheader(_("Call reasons"))
top = state.choice("reasons", ["10", "20", "all"], "10", _("Reasons shown"), widget=st.segmented_control,
                   format_func=lambda v: _("All") if v == "all" else _("Top {n}").format(n=units.digits(v)))
option_notices.show_since(seen)
by_reason = context.rows(customer.reason_kpis_query(f, with_stats=True))
reasons = customer.reasons_table(by_reason)
if reasons.empty:
    components.empty()
else:
    shown = reasons if top == "all" else reasons.head(int(top))
    cols = ["reason", "offered", "share_pct", "repeat_rate_pct", "fcr_pct", "csat_pct"]
    # chart above table, each the whole width: side by side the reasons were cut ("Payment arrange…")
    # and the table's last columns ran off the screen at 1280 px
    ch = charts.bars(shown, registry.get("offered"), "reason", height=80 + 26 * len(shown))
    components.chart(ch, shown[cols], "reasons_by_volume", key="cu_reasons")
    # shown as formatted text so an undefined rate reads "—"; the CSV keeps the numbers
    kpi_ids = ["offered", "repeat_rate_pct", "fcr_pct", "csat_pct"]
    share_col = _("Share of calls")
    display = components.formatted_kpi_frame(shown[cols], kpi_ids).rename(
        columns={"reason": _("Reason"), "share_pct": share_col})
    display[share_col] = [units.format_value(v, "pct") for v in shown["share_pct"]]  # None reads "—"
    st.dataframe(display, hide_index=True, key="tbl_cu_reasons_tbl")
    components.download(shown[cols], "reasons_kpis", key="dl_cu_reasons_tbl",
                        column_config={"reason": _("Reason"), "share_pct": share_col})

    st.markdown("**" + _("Which reasons repeat") + "**")
    st.caption(_("Reasons ranked by repeat-call rate, with its 95% interval and the number of calls (label). "
                 "Grey bars rest on fewer than {n} calls that could be judged: treat them as "
                 "uncertain.").format(n=units.number(customer.SMALL_POPULATION, 0)))
    ranking = customer.repeat_ranking(by_reason)
    if ranking.empty:
        components.empty(_("No calls from known callers old enough to judge repeats in this selection."))
    else:
        components.chart(ccharts.repeat_ranking(ranking), ranking, "reasons_by_repeat_rate", key="cu_rank")

st.subheader(_("Satisfaction"))
components.kpi_tiles(f, SATISFACTION, per_row=4)
sat = context.kpi_frame(f, SATISFACTION, by=grain)
left, right = st.columns(2)
with left:
    k = registry.get("csat_pct")
    components.chart(charts.trend(sat, k, grain, target=k.default_target), sat, "csat_by_" + grain, key="cu_csat")
with right:
    components.chart(charts.trend(sat, registry.get("nps"), grain), sat, "nps_by_" + grain, key="cu_nps")

answers = context.rows(customer.survey_query(f))
if answers.empty:
    components.empty(_("No survey answers in this selection."))
else:
    satisfied_min = float(end_row["csat_satisfied_min"]) if end_row is not None else 4.0
    csat = customer.survey_distribution(answers, "csat", satisfied_min)
    nps = customer.survey_distribution(answers, "nps")
    left, right = st.columns(2)
    with left:
        components.chart(ccharts.answer_bars(csat, _("CSAT answer (1–5)")), csat, "csat_answers", key="cu_csat_dist")
    with right:
        components.chart(ccharts.answer_bars(nps, _("NPS answer (0–10)")), nps, "nps_answers", key="cu_nps_dist")

st.markdown("**" + _("CSAT by queue") + "**")
by_queue = context.kpi_frame(f, ["csat_pct"], by="queue", with_stats=True)
by_queue = by_queue[by_queue["csat_pct__den"].fillna(0) > 0].rename(columns={"csat_pct__den": "responses"})
if by_queue.empty:
    components.empty(_("No CSAT answers in this selection."))
else:
    k = registry.get("csat_pct")
    out = by_queue[["queue", "csat_pct", "responses"]]
    left, right = st.columns([3, 2])
    with left:
        ch = charts.bars(out, k, "queue", target=k.default_target, height=80 + 30 * len(out))
        components.chart(ch, out, "csat_by_queue", key="cu_csat_queue")
    with right:
        components.table(out, "csat_by_queue_table", key="cu_csat_queue_tbl", column_config={
            "queue": _("Queue"), **components.kpi_column_config(["csat_pct"]),
            "responses": components.unit_column(_("Responses"), "count")})
