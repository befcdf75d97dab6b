"""The call view as a card: who, when, which queue and what happened, in words; a timeline bar of
wait → talk → hold → after-call work; transfers; the evaluations (human and automated) with their
criteria; the survey; and whether the caller called again. Ids appear only where a person needs one
(the call id to quote, an agent's id beside the name)."""
from __future__ import annotations

import streamlit as st

from analytics.calls import card, charts as call_charts
from analytics.core import units
from analytics.i18n import N_, _, dot, isolate
from analytics.ui import components, context, keyed
from analytics.ui.markdown import escape as md

# the drill option a table row opens ("Click a row to open that call."): translated where shown
DRILL_ITEM = N_("call")


def render(call: str, agent: str | None = None) -> bool:
    """Draw the card of `call` (restricted to `agent`'s calls when given). False when the call is not
    in the warehouse (or not this agent's / not in the user's scope): the page says so."""
    detail = context.rows("agents_call_detail", call=call, agent=agent)
    if detail.empty:
        st.info(_("This call is not one of this agent's answered calls.") if agent
                else _("This call is not in the data you can see."))
        return False
    row = detail.iloc[0].to_dict()
    h = card.header(row)
    with st.container(border=True, key="call_card"):
        st.markdown(f"#### {md(h.title)}")
        line = [f"**{md(h.outcome)}**"]
        if h.agent:
            line.append(_("handled by {agent}").format(agent=f"**{md(isolate(h.agent))}**"))
        if h.team:
            line.append(_("team of {supervisor}").format(supervisor=md(isolate(h.team))))
        st.markdown(dot().join(line))
        facts = [_("Reason: {reason}").format(reason=md(isolate(h.reason))) if h.reason else _("No reason recorded"),
                 md(h.caller), _("Call id {id}").format(id=f"`{call}`")]
        st.caption(dot().join(facts))

        parts = card.timeline(row)
        if parts.empty:
            st.caption(_("No durations recorded for this call."))
        else:
            components.chart(call_charts.timeline(parts), parts, f"call_{call}_timeline", key="call_timeline",
                             download_csv=False)
            st.caption(_("Hold is recorded as a total, so it is drawn as one block after the talk."))
        left, right = st.columns(2)
        with left:
            st.markdown("**" + _("Handling") + "**")
            for line in card.handling_words(row) or [_("Not answered: no handling.")]:
                st.markdown(f"- {md(line)}")
            st.markdown("**" + _("Resolution") + "**")
            window_h = float(keyed.setting("repeat_window_h", "168") or 168)
            for line in card.resolution_words(row, window_h) or [_("Not answered: no resolution.")]:
                st.markdown(f"- {md(line)}")
        with right:
            st.markdown("**" + _("Survey") + "**")
            lines = card.survey_words(context.rows("agents_call_survey", call=call))
            if not lines:
                st.caption(_("The caller answered no survey."))
            for line in lines:
                st.markdown(f"- {md(line)}")
        _evaluations(call)
    return True


def _evaluations(call: str) -> None:
    st.markdown("**" + _("Evaluations") + "**")
    evals = card.evaluations(context.rows("agents_call_evaluations", call=call),
                             context.rows("call_evaluation_items", call=call))
    if not evals:
        st.caption(_("Not evaluated, by a person or by the automated checks."))
        return
    cols = st.columns(min(len(evals), 3))
    for n, ev in enumerate(evals):
        with cols[n % len(cols)]:
            st.markdown(f"{md(ev['title'])}  \n" + _("Score {score} of {top}").format(
                score=f"**{units.number(ev['score'], 0)}**", top=units.number(100, 0)))
            crit = ev["criteria"]
            if crit.empty:
                st.caption(_("No per-criterion scores recorded."))
            else:
                st.dataframe(crit, hide_index=True, key=f"call_eval_{n}", column_config={
                    "criterion": st.column_config.TextColumn(_("Criterion")),
                    "score": st.column_config.ProgressColumn(_("Score"), format="%.0f", min_value=0, max_value=100),
                })
