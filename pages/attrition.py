"""Attrition risk: who may leave in the next 90 days and why, by team; the model's card and backtest.
A prompt for a supportive conversation, never a decision on its own."""
import pandas as pd
import streamlit as st

from analytics.attrition import card, explain, scoring, trust, whatif
from analytics.attrition import charts as acharts
from analytics.attrition.ui import cached_agent_history, cached_latest, cached_scores, show_result, train_button
from analytics.ui import components, context, option_notices, page, state

f = page.filters()
components.header("Attrition risk", f, caption=card.INTENDED_USE)
db = context.db_path()
seen = option_notices.count()
show_result()

found = cached_latest(db)
if isinstance(found, str):  # a model file that could not be loaded safely
    st.error(found)
    train_button(db, "Train a new model")
    st.stop()
if found is None:
    st.info("No attrition model has been trained for this warehouse yet. Training reads the agents' history "
            "(tenure, volume, occupancy, handle time, QA, absences, adherence, CSAT, transfers, coaching and "
            "team conditions), backtests two models month by month and keeps the better one. It takes up to "
            "a minute.")
    train_button(db, "Train model")
    st.stop()

model, meta = found
full = cached_scores(db, meta["model_id"])
scored = full
if f.sites or f.supervisors or f.agents:
    keep = pd.Series(True, index=scored.index)
    if f.sites:
        keep &= scored["site"].isin(f.sites)
    if f.supervisors:
        keep &= scored["supervisor_id"].isin(f.supervisors)
    if f.agents:
        keep &= scored["agent_id"].isin(f.agents)
    scored = scored[keep]
month = scored["month_end"].max() if len(scored) else None
verdict = trust.verdict(meta)
st.caption(f"Model {meta['model_id']} ({card.SCORERS[meta['kind']]}), trained {meta['created_at']}. "
           + (f"Risks at month-end {month or '—'}: probability of a voluntary exit within 90 days."
              if verdict.trusted else f"Data at month-end {month or '—'}."))
if not verdict.trusted:
    # A model that has not beaten a simple baseline by a margin its own uncertainty supports is not
    # shown as a ranking: no risk list, no bands, no per-agent scores — team conditions instead.
    st.warning(f"**{verdict.headline}**  \n{verdict.detail}.", icon=":material/block:")
    tab_team, tab_model = st.tabs(["Team conditions", "Model card"])
    with tab_team:
        conditions = trust.team_conditions(scored)
        st.caption("Facts about each team at the latest month-end — the conditions the model looks at, "
                   "not predictions about people.")
        components.table(conditions, f"attrition_team_conditions_{month}", key="att_conditions")
else:
    tab_list, tab_agent, tab_team, tab_model = st.tabs(["Risk list", "One agent", "By team", "Model card"])

if verdict.trusted:
    with tab_list:
        band = state.choice("band", ["all", "high", "medium", "low"], "all", "Risk band",
                            widget=st.segmented_control)
        seen = option_notices.show_since(seen)
        shown = scored if band == "all" else scored[scored["band"] == band]
        if shown.empty:
            components.empty("No agents in this selection.")
        else:
            table = shown[["agent_id", "name", "supervisor", "risk", "band", "drivers"]].assign(risk=lambda d: 100 * d["risk"])
            components.table(table, f"attrition_risk_{month}", key="att_list", column_config={
                "risk": st.column_config.NumberColumn("Risk (90 days)", format="%.1f%%"),
                "drivers": st.column_config.TextColumn("Top drivers (vs team median)", width="large")})

    with tab_agent:
        if scored.empty:
            components.empty("No agents in this selection.")
        else:
            labels = dict(zip(scored["agent_id"], scored["name"].fillna("") + " (" + scored["agent_id"] + ")"))
            agent = state.choice("agent", list(labels), scored["agent_id"].iloc[0], "Agent",
                                 format_func=lambda a: labels.get(a, a))
            seen = option_notices.show_since(seen)
            one = cached_agent_history(db, meta["model_id"], agent)
            row = scored[scored["agent_id"] == agent].iloc[0]
            c1, c2 = st.columns(2)
            c1.metric("Risk (90 days)", f"{100 * row['risk']:.1f}%", border=True)
            c2.metric("Band", row["band"], border=True)
            st.markdown("**What raises this agent's estimate** (values vs the team median):")
            for d in row["drivers_detail"] or []:
                st.text("• " + d["text"])
            if not row["drivers_detail"]:
                st.text("No factor above an average agent's.")
            trend = one[["month_end", "risk", "band", "drivers"]].reset_index(drop=True)
            components.chart(acharts.risk_trend(trend, meta["bands"]), trend, f"attrition_trend_{agent}", key="att_trend")
            st.markdown("**What if…**")
            keys = list(whatif.SCENARIOS)
            sc = state.choice("whatif", keys, keys[0], "Change", format_func=lambda k: whatif.SCENARIOS[k][0])
            seen = option_notices.show_since(seen)
            medians = explain.team_medians(full.set_index("agent_id", drop=False)).loc[agent]
            changes = whatif.scenario(sc, row, medians)
            if not changes:
                st.info("This change does not apply to this agent's data.")
            else:
                res = whatif.apply(model, row, changes)
                st.metric("Risk after the change", f"{100 * res['after']:.1f}%",
                          delta=f"{100 * res['change']:+.1f} points", delta_color="inverse", border=True)
                st.caption(res["caveat"])

    with tab_team:
        teams = scoring.by_supervisor(scored)
        if teams.empty:
            components.empty("No agents in this selection.")
        else:
            teams["supervisor"] = teams["supervisor"].fillna(teams["supervisor_id"]).fillna("(none)")
            components.chart(acharts.supervisors(teams), teams, "attrition_by_supervisor", key="att_team_chart")
            components.table(teams.assign(mean_risk=lambda d: 100 * d["mean_risk"]), "attrition_by_supervisor_table",
                             key="att_team", column_config={
                                 "mean_risk": st.column_config.NumberColumn("Mean risk", format="%.1f%%")})

with tab_model:
    st.markdown(f"**Verdict** — {verdict.headline} {verdict.detail}.")
    for title, text in card.sections(meta):
        st.markdown(f"**{title}**")
        st.text(text)
    st.markdown("**Backtest metrics** (pooled over the test months)")
    metrics_df = card.metrics_table(meta)
    components.table(metrics_df, "attrition_backtest_metrics", key="att_metrics")
    cal = acharts.calibration_frame(meta)
    if len(cal):
        components.chart(acharts.calibration(cal), cal, "attrition_calibration", key="att_cal")
    fd = acharts.folds_frame(meta)
    if len(fd):
        components.chart(acharts.folds(fd), fd, "attrition_backtest_folds", key="att_folds")
    imp = pd.DataFrame(meta.get("importance", []))
    if len(imp):
        st.markdown("**Global driver importance**")
        components.chart(acharts.importance(imp), imp, "attrition_importance", key="att_imp")
    train_button(db, "Retrain model")
