"""Altair charts of the attrition page: calibration, backtest folds, one agent's risk, teams, drivers."""
from __future__ import annotations

import altair as alt
import pandas as pd

from analytics.attrition.card import SCORERS


def calibration_frame(meta: dict) -> pd.DataFrame:
    rows = [{"scorer": SCORERS.get(s, s), "predicted": p["predicted"], "observed": p["observed"]}
            for s, pts in meta.get("calibration", {}).items() for p in pts]
    return pd.DataFrame(rows, columns=["scorer", "predicted", "observed"])


def calibration(df: pd.DataFrame) -> alt.Chart:
    hi = float(max(df["predicted"].max(), df["observed"].max(), 0.05)) * 1.05 if len(df) else 1.0
    diag = alt.Chart(pd.DataFrame({"x": [0, hi], "y": [0, hi]})).mark_line(strokeDash=[4, 4], color="gray").encode(
        x="x:Q", y="y:Q")
    pts = alt.Chart(df).mark_line(point=True).encode(
        x=alt.X("predicted:Q", title="Predicted 90-day exit probability (decile mean)", axis=alt.Axis(format="%"),
                scale=alt.Scale(domain=[0, hi])),
        y=alt.Y("observed:Q", title="Observed exit rate", axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, hi])),
        color=alt.Color("scorer:N", title=None, legend=alt.Legend(orient="right", labelLimit=320)),
        tooltip=[alt.Tooltip("scorer:N"), alt.Tooltip("predicted:Q", format=".1%"),
                 alt.Tooltip("observed:Q", format=".1%")])
    return (diag + pts).properties(height=320, title="Calibration on the backtest (dashed: perfect)")


def folds_frame(meta: dict) -> pd.DataFrame:
    rows = []
    for f in meta.get("fold_details", []):
        for s in meta["table"]:
            if f.get(s) is not None:
                rows.append({"test_month": f["test_month"], "scorer": SCORERS.get(s, s), "roc_auc": f[s]})
    return pd.DataFrame(rows, columns=["test_month", "scorer", "roc_auc"])


def folds(df: pd.DataFrame) -> alt.Chart:
    """ROC AUC of every scorer per test month. The legend sits at the right and the month labels lie
    flat: a bottom legend of seven scorers plus upright dates used to take the whole height and squash
    the lines into one flat strip. Baselines are dashed, the oracle dotted."""
    data = df.copy()
    data["month"] = pd.to_datetime(data["test_month"]).dt.strftime("%b %Y")
    data["kind"] = ["Oracle" if s.startswith("Oracle") else "Baseline" if s.startswith("Baseline") else "Model"
                    for s in data["scorer"]]
    return alt.Chart(data).mark_line(point=True).encode(
        x=alt.X("month:O", title="Test month", sort=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("roc_auc:Q", title="ROC AUC (0.5 = coin toss)", scale=alt.Scale(zero=False)),
        color=alt.Color("scorer:N", title=None, legend=alt.Legend(orient="right", labelLimit=320)),
        strokeDash=alt.StrokeDash("kind:N", title=None, scale=alt.Scale(
            domain=["Model", "Baseline", "Oracle"], range=[[1, 0], [6, 4], [2, 2]]), legend=None),
        tooltip=[alt.Tooltip("month:O", title="Test month"), alt.Tooltip("scorer:N", title="Scorer"),
                 alt.Tooltip("roc_auc:Q", title="ROC AUC", format=".3f")],
    ).properties(height=300, title="Backtest: ROC AUC by test month")


def risk_trend(df: pd.DataFrame, bands: dict) -> alt.Chart:
    base = alt.Chart(df).mark_line(point=True).encode(
        x=alt.X("month_end:T", title="Month-end"),
        y=alt.Y("risk:Q", title="90-day exit risk", axis=alt.Axis(format="%")),
        tooltip=[alt.Tooltip("month_end:T", title="Month-end"), alt.Tooltip("risk:Q", format=".1%"),
                 "band:N", "drivers:N"])
    rules = alt.Chart(pd.DataFrame({"band": ["high", "medium"], "risk": [bands["high"], bands["medium"]]})).mark_rule(
        strokeDash=[4, 4]).encode(y="risk:Q", color=alt.Color("band:N", scale=alt.Scale(
            domain=["high", "medium"], range=["#d62728", "#ff7f0e"]), title="Band from"),
        tooltip=["band:N", alt.Tooltip("risk:Q", format=".1%")])
    return (base + rules).properties(height=280)


def supervisors(df: pd.DataFrame) -> alt.Chart:
    return alt.Chart(df).mark_bar().encode(
        y=alt.Y("supervisor:N", sort="-x", title=None),
        x=alt.X("mean_risk:Q", title="Mean 90-day exit risk", axis=alt.Axis(format="%")),
        tooltip=["supervisor:N", "agents:Q", alt.Tooltip("mean_risk:Q", format=".1%"), "high:Q", "medium:Q"],
    ).properties(height=max(160, 18 * len(df)))


def importance(df: pd.DataFrame) -> alt.Chart:
    return alt.Chart(df).mark_bar().encode(
        # every bar labelled, in full: 24 px a bar and labels up to 360 px wide
        y=alt.Y("label:N", sort="-x", title=None, axis=alt.Axis(labelLimit=360, labelOverlap=False)),
        x=alt.X("mean_abs_contribution:Q", title="Mean |contribution| (log-odds), latest month"),
        tooltip=[alt.Tooltip("label:N", title="Driver"), alt.Tooltip("mean_abs_contribution:Q", title="Mean |contribution|", format=".3f")],
    ).properties(height=max(160, 24 * len(df)))
