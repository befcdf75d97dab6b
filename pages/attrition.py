"""Attrition risk: who may leave in the next 90 days and why, by team; the model's card and backtest.
A prompt for a supportive conversation, never a decision on its own."""
import pandas as pd
import streamlit as st

from analytics import i18n
from analytics.attrition import card, explain, scoring, trust, whatif
from analytics.attrition import charts as acharts
from analytics.attrition.ui import cached_agent_history, cached_latest, cached_scores, show_result, train_button
from analytics.attrition import features as feats
from analytics.core import units
from analytics.i18n import _, current, isolate, ltr, rtl
from analytics.ui import components, context, option_notices, page, state

NO_AGENTS = _("No agents in this selection.")
PEOPLE_COLUMNS = {"agent_id": st.column_config.TextColumn(_("Agent ID")), "name": st.column_config.TextColumn(_("Agent")),
                  "supervisor_id": st.column_config.TextColumn(_("Supervisor ID")),
                  "supervisor": st.column_config.TextColumn(_("Supervisor"))}
METRIC_COLUMNS = {"id": st.column_config.TextColumn(_("Id"))} | {
    c: (st.column_config.TextColumn(card.metric_header(c)) if digits is None
        else st.column_config.NumberColumn(card.metric_header(c), format=f"%.{digits}f" if digits else "%d"))
    for c, (_words, digits) in card.METRIC_HEADERS.items()}

f = page.filters()
components.header(_("Attrition risk"), f, caption=_(card.INTENDED_USE))
db = context.db_path()
seen = option_notices.count()
show_result()

found = cached_latest(db)
if isinstance(found, str):  # a model file that could not be loaded safely
    st.error(found)
    train_button(db, _("Train a new model"))
    st.stop()
if found is None:
    st.info(_("No attrition model has been trained for this warehouse yet. Training reads the agents' history "
              "(tenure, volume, occupancy, handle time, QA, absences, adherence, CSAT, transfers, coaching and "
              "team conditions), backtests two models month by month and keeps the better one. It takes up to "
              "a minute."))
    train_button(db, _("Train model"))
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
month_text = ltr(units.digits(str(month))) if month else "—"
st.caption(_("Model {model} ({scorer}), trained {created}.").format(
    model=isolate(meta['model_id']), scorer=card.scorer(meta['kind']), created=card.created_text(meta))
           + ("" if current() == "zh" else " ") + (_("Risks at month-end {month}: probability of a voluntary exit within 90 days.").format(month=month_text)
                    if verdict.trusted else _("Data at month-end {month}.").format(month=month_text)))
if not verdict.trusted:
    # A model that has not beaten a simple baseline by a margin its own uncertainty supports is not
    # shown as a ranking: no risk list, no bands, no per-agent scores — team conditions instead.
    st.warning(f"**{verdict.headline}**  \n" + _("{detail}.").format(detail=verdict.detail), icon=":material/block:")
    tab_team, tab_model = st.tabs([_("Team conditions"), _("Model card")])
    with tab_team:
        conditions = trust.team_conditions(scored)
        st.caption(_("Facts about each team at the latest month-end — the conditions the model looks at, "
                     "not predictions about people."))
        components.table(conditions, f"attrition_team_conditions_{month}", key="att_conditions")
else:
    tab_list, tab_agent, tab_team, tab_model = st.tabs([_("Risk list"), _("One agent"), _("By team"), _("Model card")])

if verdict.trusted:
    with tab_list:
        band = state.choice("band", ["all", "high", "medium", "low"], "all", _("Risk band"),
                            widget=st.segmented_control, format_func=lambda b: i18n.label("all") if b == "all" else acharts.band_word(b))
        seen = option_notices.show_since(seen)
        shown = scored if band == "all" else scored[scored["band"] == band]
        if shown.empty:
            components.empty(NO_AGENTS)
        else:
            table = shown[["agent_id", "name", "supervisor", "risk", "band", "drivers"]].assign(
                risk=lambda d: 100 * d["risk"], band=lambda d: d["band"].map(acharts.band_word),
                drivers=[explain.drivers_text(i or []) for i in shown["drivers_detail"]])
            components.table(table, f"attrition_risk_{month}", key="att_list", column_config=PEOPLE_COLUMNS | {
                "risk": components.unit_column(_("Risk (90 days)"), "pct"),
                "band": st.column_config.TextColumn(_("Band")),
                "drivers": st.column_config.TextColumn(_("Top drivers (vs team median)"), width="large")})

    with tab_agent:
        if scored.empty:
            components.empty(NO_AGENTS)
        else:
            labels = dict(zip(scored["agent_id"], scored["name"].fillna("") + " (" + scored["agent_id"] + ")"))
            agent = state.choice("agent", list(labels), scored["agent_id"].iloc[0], _("Agent"),
                                 format_func=lambda a: labels.get(a, a))
            seen = option_notices.show_since(seen)
            one = cached_agent_history(db, meta["model_id"], agent)
            row = scored[scored["agent_id"] == agent].iloc[0]
            c1, c2 = st.columns(2)
            c1.metric(_("Risk (90 days)"), _("{value}%").format(value=units.number(100 * row['risk'], 1)), border=True)
            c2.metric(_("Band"), acharts.band_word(row["band"]), border=True)
            st.markdown("**" + _("What raises this agent's estimate") + "** " + _("(values vs the team median):"))
            for d in row["drivers_detail"] or []:
                st.text("• " + explain.item_text(d))
            if not row["drivers_detail"]:
                st.text(_("No factor above an average agent's."))
            trend = one[["month_end", "risk", "band", "drivers"]].reset_index(drop=True)
            if "drivers_detail" in one:
                trend["drivers"] = [explain.drivers_text(i or []) for i in one["drivers_detail"]]
            trend["band"] = trend["band"].map(acharts.band_word)
            components.chart(acharts.risk_trend(trend, meta["bands"]), trend, f"attrition_trend_{agent}", key="att_trend")
            st.markdown("**" + _("What if…") + "**")
            keys = list(whatif.SCENARIOS)
            sc = state.choice("whatif", keys, keys[0], _("Change"), format_func=lambda k: _(whatif.SCENARIOS[k][0]))
            seen = option_notices.show_since(seen)
            medians = explain.team_medians(full.set_index("agent_id", drop=False)).loc[agent]
            changes = whatif.scenario(sc, row, medians)
            if not changes:
                st.info(_("This change does not apply to this agent's data."))
            else:
                res = whatif.apply(model, row, changes)
                moved = abs(100 * res["change"]) >= 0.05  # a move that rounds to 0.0 points is not coloured
                st.metric(_("Risk after the change"), _("{value}%").format(value=units.number(100 * res['after'], 1)),
                          delta=_("{value} points").format(value=units.number(100 * res['change'], 1, sign=True)),
                          delta_color="inverse" if moved else "off", border=True)
                st.caption(res["caveat"])

    with tab_team:
        teams = scoring.by_supervisor(scored)
        if teams.empty:
            components.empty(NO_AGENTS)
        else:
            teams["supervisor"] = teams["supervisor"].fillna(teams["supervisor_id"]).fillna(_(trust.NO_SUPERVISOR))
            components.chart(acharts.supervisors(teams), teams, "attrition_by_supervisor", key="att_team_chart")
            components.table(teams.assign(mean_risk=lambda d: 100 * d["mean_risk"]), "attrition_by_supervisor_table",
                             key="att_team", column_config=PEOPLE_COLUMNS | {
                                 "mean_risk": components.unit_column(_("Mean risk"), "pct"),
                                 "agents": components.unit_column(_("Agents"), "count"),
                                 "high": components.unit_column(_("High risk"), "count"),
                                 "medium": components.unit_column(_("Medium risk"), "count")})

with tab_model:
    st.markdown("**" + _("Verdict") + "** — " + _("{headline} {detail}.").format(headline=verdict.headline,
                                                                             detail=verdict.detail))
    for title, text in card.sections(meta):
        st.markdown(f"**{title}**")
        # a Persian paragraph that starts with a Latin term (ROC AUC) is still a right-to-left paragraph
        st.text(("\u200f" if rtl() else "") + text)
    st.markdown("**" + _("Backtest metrics") + "** " + _("(pooled over the test months)"))
    metrics_df = card.metrics_table(meta)
    components.table(metrics_df, "attrition_backtest_metrics", key="att_metrics", column_config=METRIC_COLUMNS)
    cal = acharts.calibration_frame(meta)
    if len(cal):
        components.chart(acharts.calibration(cal), cal, "attrition_calibration", key="att_cal")
    fd = acharts.folds_frame(meta)
    if len(fd):
        components.chart(acharts.folds(fd), fd, "attrition_backtest_folds", key="att_folds")
    imp = pd.DataFrame(meta.get("importance", []))
    if len(imp) and "feature" in imp:
        imp["label"] = [feats.label(x) if x in feats.BY_ID else lbl for x, lbl in zip(imp["feature"], imp["label"])]
    if len(imp):
        st.markdown("**" + _("Global driver importance") + "**")
        components.chart(acharts.importance(imp), imp, "attrition_importance", key="att_imp")
    train_button(db, _("Retrain model"))
