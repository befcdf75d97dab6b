"""Quality: QA scores and pass rate, human vs automated coverage, weak criteria, evaluator drift and
automated per-call flags."""
import streamlit as st

from analytics.core import charts
from analytics.quality import data as quality
from analytics.core import registry
from analytics.quality import charts as qcharts
from analytics.ui import call_card, components, context, option_notices, page, state

f = page.filters()
components.header("Quality", f)
seen = option_notices.count()

components.stop_if_no_calls(f)

NO_EVALS = "No human evaluations in this selection."
grain = f.grain

components.kpi_tiles(f, ["qa_score_avg", "qa_pass_rate_pct", "evaluations", "qa_coverage_pct",
                         "auto_qa_coverage_pct"], per_row=5)

st.subheader("QA score and pass rate")
qa = context.kpi_frame(f, ["qa_score_avg", "qa_pass_rate_pct", "evaluations"], by=grain)
if qa.empty or not qa["evaluations"].fillna(0).sum():
    components.empty(NO_EVALS)
else:
    left, right = st.columns(2)
    with left:
        k = registry.get("qa_score_avg")
        components.chart(charts.trend(qa, k, grain, target=k.default_target), qa, "qa_score_by_" + grain,
                         key="qa_score")
    with right:
        k = registry.get("qa_pass_rate_pct")
        components.chart(charts.trend(qa, k, grain, target=k.default_target), qa, "qa_pass_rate_by_" + grain,
                         key="qa_pass")

st.subheader("Coverage: people vs automation")
st.caption("People review a small sample — typically 3–5% of calls — while automated checks score every "
           "call (100%). Human coverage is the share of answered calls with at least one human evaluation; "
           "automated coverage the same for automated evaluations. Period = the call's arrival.")
cov = context.kpi_frame(f, ["qa_coverage_pct", "auto_qa_coverage_pct", "answered"], by=grain)
left, right = st.columns(2)
for col, kid, key in ((left, "qa_coverage_pct", "qa_cov_human"), (right, "auto_qa_coverage_pct", "qa_cov_auto")):
    with col:
        k = registry.get(kid)
        components.chart(charts.trend(cov, k, grain, target=k.default_target), cov[[grain, kid, "answered"]],
                         f"{kid}_by_{grain}", key=key)

st.subheader("Weak spots by criterion")
by = state.choice("criteria_by", list(quality.CRITERION_GROUPS), "overall", "Criteria",
                  widget=st.segmented_control, format_func=quality.CRITERION_GROUPS.get)
seen = option_notices.show_since(seen)
items = context.rows(quality.criteria_query(f, by))
if items.empty:
    components.empty(NO_EVALS)
else:
    pass_mark = float(items["pass_mark"].iloc[0])
    st.caption(f"Human evaluations' per-criterion scores (0–100): mean score and share of items below the pass "
               f"mark ({pass_mark:g}), lowest mean first. Period = evaluation date.")
    crit = quality.criteria_table(items, by)
    if by == "overall":
        components.chart(qcharts.criterion_bars(crit, pass_mark), crit, "qa_criteria_overall", key="qa_crit")
    else:
        components.chart(qcharts.criterion_heatmap(crit), crit, f"qa_criteria_by_{by}", key="qa_crit")
    components.table(crit, f"qa_criteria_{by}_table", key="qa_crit_tbl", column_config={
        "items": st.column_config.NumberColumn("Scored items", format="%d"),
        "mean_score": st.column_config.NumberColumn("Mean score", format="%.1f"),
        "below_pass_pct": st.column_config.NumberColumn("Below pass mark", format="%.1f%%"),
    })

st.subheader("Evaluator calibration")
st.caption("Drift = an evaluator's mean score − the mean score of all evaluators' evaluations of the same "
           "agents in the period (see docs/metrics.md). Positive: scores more generously "
           f"than colleagues on the same people. Faded bars rest on fewer than {quality.FEW_EVALUATIONS} "
           "evaluations.")
drift = context.rows(quality.drift_query(f))
if drift.empty:
    components.empty(NO_EVALS)
else:
    drift = quality.drift_table(drift)
    components.chart(qcharts.drift_bars(drift), drift.drop(columns=["evaluator_label"]), "qa_evaluator_drift",
                     key="qa_drift")

st.subheader("Automated call flags")
st.caption("Thresholds: " + quality.thresholds_text() + ". Each rate is over the answered calls the flag "
           "can judge (see the table).")
flags = quality.flag_table(context.rows(quality.flag_counts_query(f)))
# chart above table, each the whole width: side by side the table's counts were cut off at 1280 px
components.chart(qcharts.flag_rates(flags), flags, "qa_flag_rates", key="qa_flags")
components.table(flags.drop(columns=["flag"]), "qa_flag_counts", key="qa_flags_tbl", column_config={
    "label": "Flag", "rule": "Rule",
    "flagged": st.column_config.NumberColumn("Flagged", format="%d"),
    "judged": st.column_config.NumberColumn("Judged", format="%d"),
    "rate_pct": st.column_config.NumberColumn("Rate", format="%.1f%%"),
    "judged_on": "Judged on",
})

flag = state.choice("flag", list(quality.FLAGS), "long_hold", "Calls behind the flag",
                    format_func=lambda x: quality.FLAGS[x].label)
seen = option_notices.show_since(seen)
calls = context.rows(quality.flagged_calls_query(f, flag))
total = int(flags.loc[flags["flag"] == flag, "flagged"].iloc[0])
if calls.empty:
    components.empty(f"No calls flagged '{quality.FLAGS[flag].label}' in this selection.")
else:
    shown = len(calls)
    st.caption(f"{total:,} calls flagged; showing the newest {shown:,}" if total > shown
               else f"{total:,} calls flagged, newest first.")
    # fourteen columns scroll sideways below ~1500 px: the call's id stays pinned on screen
    components.table(calls, f"qa_flagged_{flag}", key="qa_flag_calls", column_config={
        "call_id": st.column_config.TextColumn("Call ID", pinned=True),
        "arrived_at": st.column_config.DatetimeColumn("Arrived", format="YYYY-MM-DD HH:mm:ss"),
        "agent_name": "Agent", "agent_id": "Agent id",
        "wait_s": st.column_config.NumberColumn("Wait", format="%.0f s"),
        "talk_s": st.column_config.NumberColumn("Talk", format="%.0f s"),
        "hold_s": st.column_config.NumberColumn("Hold", format="%.0f s"),
        "acw_s": st.column_config.NumberColumn("ACW", format="%.0f s"),
        "dead_air_s": st.column_config.NumberColumn("Dead air", format="%.0f s"),
    }, drill=("call", "call_id"))
    call = state.choice("call", [""] + calls["call_id"].tolist(), "", "Call",
                        format_func=lambda c: "— click a row or choose —" if not c else c)
    option_notices.show_since(seen)
    if call:
        call_card.render(call)
