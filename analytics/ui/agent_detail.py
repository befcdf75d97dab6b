"""The Agents page's drill-down below the scorecard: one agent (KPI tiles and trends, evaluations,
flagged calls, call list) and one of their calls (the call card, analytics/ui/call_card.py).
Clicking a call row opens the call, a back button closes it.
Every choice lives in the URL through state.choice; numbers come from the registry via ui.context."""
from __future__ import annotations


import pandas as pd
import streamlit as st

from analytics.core import charts, labels, periods, units
from analytics.i18n import N_, _, dot, isolate, label, ltr, ngettext
from analytics.people import scorecard
from analytics.core import registry
from analytics.core.filters import Filters
from analytics.ui import call_card, components, context, state
from analytics.ui.markdown import escape as md

TILE_KPIS = ("answered", "aht_s", "hold_rate_pct", "transfer_rate_pct", "fcr_pct", "qa_score_avg",
             "csat_pct", "adherence_pct", "absence_rate_pct", "resolved_pct")
TREND_KPIS = scorecard.SCORECARD_KPIS + ("resolved_pct", "repeat_rate_pct", "qa_pass_rate_pct")
LONG_HOLD_OPTIONS = ("60", "120", "180", "300")
# the words components.table's "Click a row to open that {item}." fills in on this page
DRILL_ITEMS = (N_("agent"), N_("call"), N_("team"))
EVALUATION_KINDS = {"human": N_("human"), "auto": N_("auto")}
MAX_CALL_CHOICES = 3000

def agent_label(agent_id: str, names: dict) -> str:
    return labels.person(names.get(agent_id), agent_id)


def render_agent(f: Filters, agent: str, name: str) -> None:
    fa = f.narrowed(agents=[agent])
    st.subheader(_("Agent: {agent}").format(agent=isolate(md(labels.person(name, agent)))))
    st.button(_("← Back to the scorecard (close this agent)"), key="back_to_scorecard", on_click=_clear,
              args=("agent", "call"))
    components.kpi_tiles(fa, TILE_KPIS, per_row=5)

    st.markdown("#### " + _("KPI trend"))
    kid = state.choice("trend_kpi", TREND_KPIS, "aht_s", _("Trend of"),
                       format_func=lambda i: registry.get(i).label)
    k = registry.get(kid)
    grain = f.grain
    own = context.kpi_frame(fa, TREND_KPIS, by=grain)
    center = context.kpi_frame(f, [kid], by=grain)
    if own.empty:
        components.empty()
    else:
        both = pd.concat([own[[grain, kid]].assign(series=name), center[[grain, kid]].assign(series=_("All agents in scope"))]).sort_values(grain, kind="stable")
        components.chart(charts.trend(both, k, grain, series_col="series", target=k.default_target), both,
                         f"{agent}_{kid}_by_{grain}", key="ag_trend")
        with st.expander(_("All KPIs of this agent by {grain}").format(grain=_(periods.grain_label(grain)))):
            components.table(own, f"{agent}_kpis_by_{grain}", column_config=components.kpi_column_config(TREND_KPIS)
                             | {grain: st.column_config.Column(label(periods.grain_label(grain)))},
                             key="ag_trend_table")

    st.markdown("#### " + _("Evaluations"))
    ev = context.rows("agents_evaluations", f, agent=agent)
    if ev.empty:
        st.info(_("No evaluations of this agent in the period."))
    else:
        ev = ev.assign(kind=[_(EVALUATION_KINDS[k]) if k in EVALUATION_KINDS else k for k in ev["kind"]]) \
            if "kind" in ev else ev
        components.table(ev, f"{agent}_evaluations", key="ag_evals", column_config={
            "score": st.column_config.NumberColumn(_("Score"), format="%.1f"),
            "evaluated_at": st.column_config.DatetimeColumn(_("Evaluated at"), format="YYYY-MM-DD HH:mm"),
            "items": st.column_config.TextColumn(_("Criteria"), width="large"),
            "evaluation_id": st.column_config.TextColumn(_("Evaluation ID")),
            "call_id": st.column_config.TextColumn(_("Call ID")),
            "kind": st.column_config.TextColumn(_("Kind")),
            "evaluator_id": st.column_config.TextColumn(_("Evaluator ID")),
            "evaluator_name": st.column_config.TextColumn(_("Evaluator")),
        })

    hold = state.choice("long_hold", LONG_HOLD_OPTIONS, "120", _("Long hold from"),
                        format_func=lambda s: _("{minutes} min").format(
                            minutes=units.digits(f"{int(s) // 60}:{int(s) % 60:02d}")), widget=st.segmented_control)
    calls = context.rows("agents_calls", f, agent=agent, long_hold_s=float(hold))
    flagged = scorecard.flag_calls(calls)
    call_cols = _call_columns()  # both tables' columns, built once
    st.markdown("#### " + _("Flagged calls"))
    st.caption(_("Answered calls with a long hold (≥ {seconds} s), a transfer, a repeat from the same caller "
                 "within 7 days, or marked unresolved.").format(seconds=units.number(int(hold), 0)))
    if flagged.empty:
        st.info(_("No flagged calls for this agent in the period."))
    else:
        components.table(_callers(flagged[["call_id", "arrived_at", "queue", "caller", "flags", "handle_s",
                                           "hold_s", "transferred", "repeated_7d", "resolved", "reason"]]),
                         f"{agent}_flagged_calls", key="ag_flagged", column_config=call_cols,
                         drill=("call", "call_id"))

    st.markdown("#### " + _("Calls"))
    if calls.empty:
        components.empty()
        return
    st.caption(ngettext("{n} answered call in the period, newest first.",
                        "{n} answered calls in the period, newest first.", len(calls)).format(
        n=units.number(len(calls), 0)))
    components.table(_callers(calls), f"{agent}_calls", key="ag_calls", column_config=call_cols,
                     drill=("call", "call_id"))
    choices = calls["call_id"].head(MAX_CALL_CHOICES).tolist()
    if len(calls) > MAX_CALL_CHOICES:
        st.caption(_("The call picker lists the newest {n} calls; narrow the period for older ones.").format(
            n=units.number(MAX_CALL_CHOICES, 0)))
    when = dict(zip(calls["call_id"], calls["arrived_at"]))
    call = state.choice("call", [""] + choices, "", _("Call"),
                        format_func=lambda c: "—" if not c else f"{isolate(c)}{dot()}{ltr(units.digits(f'{when[c]:%Y-%m-%d %H:%M}'))}")
    if call:
        st.subheader(_("Call {call}").format(call=isolate(md(call))))
        st.button(_("← Back to {agent}'s calls").format(agent=isolate(labels.person(name, agent))), key="back_to_calls",
                  on_click=_clear, args=("call",))
        call_card.render(call, agent)


def _clear(*options: str) -> None:
    """A "back" step of the drill-down: close the given page options (the URL follows)."""
    for option in options:
        st.session_state[f"p_{option}"] = ""


def _callers(df: pd.DataFrame) -> pd.DataFrame:
    """The warehouse's caller words ('unknown caller', 'caller #1a2b3c4d') in the reader's language."""
    from analytics.calls import card

    return df.assign(caller=[card.caller_text(c) for c in df["caller"]]) if "caller" in df else df


def _call_columns() -> dict:
    return {
        "arrived_at": st.column_config.DatetimeColumn(_("Arrived"), format="YYYY-MM-DD HH:mm:ss"),
        "wait_s": components.unit_column(_("Wait"), "s"),
        "talk_s": components.unit_column(_("Talk"), "s"),
        "hold_s": components.unit_column(_("Hold"), "s"),
        "acw_s": components.unit_column(_("ACW"), "s"),
        "handle_s": components.unit_column(_("Handle"), "s"),
        "repeated_7d": st.column_config.CheckboxColumn(_("Repeat ≤ 7 d")),
        "long_hold": st.column_config.CheckboxColumn(_("Long hold")),
        "call_id": st.column_config.TextColumn(_("Call ID")),
        "queue": st.column_config.TextColumn(_("Queue")),
        "caller": st.column_config.TextColumn(_("Caller")),
        "reason": st.column_config.TextColumn(_("Reason")),
        "flags": st.column_config.TextColumn(_("Flags")),
        "transferred": st.column_config.CheckboxColumn(_("Transferred")),
        "resolved": st.column_config.CheckboxColumn(_("Resolved")),
        "csat": st.column_config.NumberColumn(_("CSAT (1–5)"), format="%d"),
        "nps": st.column_config.NumberColumn(_("NPS (0–10)"), format="%d"),
    }
