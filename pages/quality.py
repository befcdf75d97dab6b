"""Quality: QA scores and pass rate, human vs automated coverage, weak criteria, evaluator drift and
automated per-call flags."""
import streamlit as st

from analytics.core import charts, units
from analytics.quality import data as quality
from analytics.core import registry
from analytics.quality import charts as qcharts
from analytics.i18n import N_, _, isolate, ngettext
from analytics.ui import call_card, components, context, option_notices, page, state

f = page.filters()
components.header(_("Quality"), f)
seen = option_notices.count()

components.stop_if_no_calls(f)

NO_EVALS = N_("No human evaluations in this selection.")
grain = f.grain

TILES = ("qa_score_avg", "qa_pass_rate_pct", "evaluations", "qa_coverage_pct", "auto_qa_coverage_pct")
BY_GRAIN = TILES + ("answered",)  # the tiles' sparklines and the charts below, read together
CRITERIA_DEFAULT, FLAG_DEFAULT = "overall", "long_hold"
# what the page shows below its charts, read while it draws them (in the order it is drawn)
peeked = (state.peek("criteria_by", list(quality.CRITERION_GROUPS), CRITERIA_DEFAULT),
          state.peek("flag", list(quality.FLAGS), FLAG_DEFAULT))
context.prefetch(lambda: context.rows(quality.criteria_query(f, peeked[0])),
                 lambda: context.rows(quality.drift_query(f)), lambda: context.rows(quality.flag_counts_query(f)),
                 lambda: context.rows(quality.flagged_calls_query(f, peeked[1])))
components.kpi_tiles(f, list(TILES), per_row=5, read_with=BY_GRAIN)

st.subheader(_("QA score and pass rate"))
qa = context.kpi_frame(f, ["qa_score_avg", "qa_pass_rate_pct", "evaluations"], by=grain, read_with=BY_GRAIN)
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

st.subheader(_("Coverage: people vs automation"))
st.caption(_("People review a small sample — typically {low}–{high} of calls — while automated checks score "
             "every call ({all}). Human coverage is the share of answered calls with at least one human "
             "evaluation; automated coverage the same for automated evaluations. Period = the call's "
             "arrival.").format(low=units.digits("3"), high=_("{value}%").format(value=units.digits("5")),
                                all=_("{value}%").format(value=units.digits("100"))))
cov = context.kpi_frame(f, ["qa_coverage_pct", "auto_qa_coverage_pct", "answered"], by=grain, read_with=BY_GRAIN)
left, right = st.columns(2)
for col, kid, key in ((left, "qa_coverage_pct", "qa_cov_human"), (right, "auto_qa_coverage_pct", "qa_cov_auto")):
    with col:
        k = registry.get(kid)
        components.chart(charts.trend(cov, k, grain, target=k.default_target), cov[[grain, kid, "answered"]],
                         f"{kid}_by_{grain}", key=key)

st.subheader(_("Weak spots by criterion"))
by = state.choice("criteria_by", list(quality.CRITERION_GROUPS), CRITERIA_DEFAULT, _("Criteria"),
                  widget=st.segmented_control, format_func=lambda b: _(quality.CRITERION_GROUPS[b]))
seen = option_notices.show_since(seen)
items = context.rows(quality.criteria_query(f, by))
if items.empty:
    components.empty(NO_EVALS)
else:
    pass_mark = float(items["pass_mark"].iloc[0])
    st.caption(_("Human evaluations' per-criterion scores ({low}–{high}): mean score and share of items below "
                 "the pass mark ({pass_mark}), lowest mean first. Period = evaluation date.").format(
        low=units.digits("0"), high=units.digits("100"),
        pass_mark=units.number(pass_mark, 0 if pass_mark.is_integer() else 1, group=False)))
    crit = quality.criteria_table(items, by)
    crit_cfg = {
        "criterion": st.column_config.TextColumn(_("Criterion")),
        "group": st.column_config.TextColumn(_("Team") if by == "team" else _("Queue")),
        "items": components.unit_column(_("Scored items"), "count"),
        "mean_score": st.column_config.NumberColumn(_("Mean score"), format="%.1f"),
        "below_pass_pct": components.unit_column(_("Below pass mark"), "pct"),
    }
    if by == "overall":
        components.chart(qcharts.criterion_bars(crit, pass_mark), crit, "qa_criteria_overall", key="qa_crit",
                         csv_config=crit_cfg)
    else:
        components.chart(qcharts.criterion_heatmap(crit), crit, f"qa_criteria_by_{by}", key="qa_crit",
                         csv_config=crit_cfg)
    components.table(crit, f"qa_criteria_{by}_table", key="qa_crit_tbl", column_config=crit_cfg)

st.subheader(_("Evaluator calibration"))
st.caption(_("Drift = an evaluator's mean score − the mean score of all evaluators' evaluations of the same "
             "agents in the period (see {doc}). Positive: scores more generously than colleagues on the same "
             "people. Faded bars rest on fewer than {n} evaluations.").format(
    doc=isolate("docs/metrics.md"), n=units.digits(str(quality.FEW_EVALUATIONS))))
drift = context.rows(quality.drift_query(f))
if drift.empty:
    components.empty(NO_EVALS)
else:
    drift = quality.drift_table(drift)
    components.chart(qcharts.drift_bars(drift), drift.drop(columns=["evaluator_label"]), "qa_evaluator_drift",
                     key="qa_drift", csv_config={
                         "evaluator": _("Evaluator"), "evaluations": _("Their evaluations"),
                         "agents": _("Agents evaluated"), "own_mean": _("Their mean score"),
                         "peer_mean": _("All evaluations of the same agents"),
                         "peer_evaluations": _("Evaluations in the baseline"),
                         "few_evaluations": _("Fewer than {n} evaluations").format(
                             n=units.digits(str(quality.FEW_EVALUATIONS)))})

st.subheader(_("Automated call flags"))
st.caption(_("Thresholds: {rules}. Each rate is over the answered calls the flag can judge (see the "
             "table).").format(rules=quality.thresholds_text()))
flags = quality.flag_table(context.rows(quality.flag_counts_query(f)))
# chart above table, each the whole width: side by side the table's counts were cut off at 1280 px
flags_cfg = {
    "flag": _("Flag id"), "label": _("Flag"), "rule": _("Rule"),
    "flagged": components.unit_column(_("Flagged"), "count"),
    "judged": components.unit_column(_("Judged"), "count"),
    "rate_pct": components.unit_column(_("Rate"), "pct"),
    "judged_on": _("Judged on"),
}
components.chart(qcharts.flag_rates(flags.drop(columns=["flag"])), flags, "qa_flag_rates", key="qa_flags", csv_config=flags_cfg)
components.table(flags.drop(columns=["flag"]), "qa_flag_counts", key="qa_flags_tbl",
                 column_config={k: v for k, v in flags_cfg.items() if k != "flag"})

flag = state.choice("flag", list(quality.FLAGS), FLAG_DEFAULT, _("Calls behind the flag"),
                    format_func=lambda x: quality.FLAGS[x].label_text())
seen = option_notices.show_since(seen)
calls = context.rows(quality.flagged_calls_query(f, flag))
total = int(flags.loc[flags["flag"] == flag, "flagged"].iloc[0])
if calls.empty:
    components.empty(_("No calls flagged “{flag}” in this selection.").format(flag=quality.FLAGS[flag].label_text()))
else:
    shown = len(calls)
    st.caption(ngettext("{total} call flagged; showing the newest {shown}.",
                        "{total} calls flagged; showing the newest {shown}.", total).format(
        total=units.number(total, 0), shown=units.number(shown, 0)) if total > shown
        else ngettext("{total} call flagged.", "{total} calls flagged, newest first.", total).format(
        total=units.number(total, 0)))
    # fourteen columns scroll sideways below ~1500 px: the call's id stays pinned on screen
    components.table(calls, f"qa_flagged_{flag}", key="qa_flag_calls", column_config={
        "call_id": st.column_config.TextColumn(_("Call ID"), pinned=True),
        "arrived_at": st.column_config.DatetimeColumn(_("Arrived"), format="YYYY-MM-DD HH:mm:ss"),
        "queue": st.column_config.TextColumn(_("Queue")),
        "agent_name": _("Agent"), "agent_id": _("Agent id"),
        "wait_s": st.column_config.NumberColumn(_("Wait"), format=_("%.0f s")),
        "talk_s": st.column_config.NumberColumn(_("Talk"), format=_("%.0f s")),
        "hold_s": st.column_config.NumberColumn(_("Hold"), format=_("%.0f s")),
        "acw_s": st.column_config.NumberColumn(_("ACW"), format=_("%.0f s")),
        "dead_air_s": st.column_config.NumberColumn(_("Dead air"), format=_("%.0f s")),
        "hold_count": components.unit_column(_("Holds"), "count"),
        "transferred": st.column_config.CheckboxColumn(_("Transferred")),
        "resolved": st.column_config.CheckboxColumn(_("Resolved")),
        "reason": st.column_config.TextColumn(_("Reason")),
    }, drill=("call", "call_id"))
    call = state.choice("call", [""] + calls["call_id"].tolist(), "", _("Call"),
                        format_func=lambda c: _("— click a row or choose —") if not c else c)
    option_notices.show_since(seen)
    if call:
        call_card.render(call)
