"""Altair charts of the attrition page: calibration, backtest folds, one agent's risk, teams, drivers.
Titles, legends and scorer names are in the reader's language."""
from __future__ import annotations

import altair as alt
import pandas as pd

from analytics import i18n
from analytics.attrition.card import SCORERS, scorer
from analytics.core import labels, units
from analytics.core.charts import inline
from analytics.i18n import N_, _
from analytics.people.charts import canvas_text as ct

BASELINES = ("tenure_only", "absence_last_month_only", "base_rate")
BAND_WORDS = {"high": N_("high"), "medium": N_("medium"), "low": N_("low")}


def band_word(band: str) -> str:
    """A risk band in the reader's language, as a word standing alone ("High")."""
    return i18n.label(BAND_WORDS[band]) if band in BAND_WORDS else band


def calibration_frame(meta: dict) -> pd.DataFrame:
    rows = [{"scorer": scorer(s), "predicted": p["predicted"], "observed": p["observed"]}
            for s, pts in meta.get("calibration", {}).items() for p in pts]
    return pd.DataFrame(rows, columns=["scorer", "predicted", "observed"])


def calibration(df: pd.DataFrame) -> alt.Chart:
    hi = float(max(df["predicted"].max(), df["observed"].max(), 0.05)) * 1.05 if len(df) else 1.0
    diag = alt.Chart(inline({"x": [0, hi], "y": [0, hi]})).mark_line(strokeDash=[4, 4], color="gray").encode(
        x="x:Q", y="y:Q")
    predicted, observed = ct(_("Predicted 90-day exit probability (decile mean)")), ct(_("Observed exit rate"))
    data = df.assign(scorer=[ct(x) for x in df["scorer"]])
    pts = alt.Chart(data).mark_line(point=True).encode(
        x=alt.X("predicted:Q", title=predicted, axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, hi])),
        y=alt.Y("observed:Q", title=observed, axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, hi])),
        color=alt.Color("scorer:N", title=None, legend=alt.Legend(orient="right", labelLimit=320)),
        tooltip=[alt.Tooltip("scorer:N", title=ct(_("Scorer"))), alt.Tooltip("predicted:Q", title=predicted, format=".1%"),
                 alt.Tooltip("observed:Q", title=observed, format=".1%")])
    return (diag + pts).properties(height=320, title=ct(_("Calibration on the backtest (dashed: perfect)")))


def folds_frame(meta: dict) -> pd.DataFrame:
    rows = []
    for f in meta.get("fold_details", []):
        for s in meta["table"]:
            if f.get(s) is not None:
                rows.append({"test_month": f["test_month"], "scorer": scorer(s), "roc_auc": f[s]})
    return pd.DataFrame(rows, columns=["test_month", "scorer", "roc_auc"])


def folds(df: pd.DataFrame) -> alt.Chart:
    """ROC AUC of every scorer per test month. The legend sits at the right and the month labels lie
    flat: a bottom legend of seven scorers plus upright dates used to take the whole height and squash
    the lines into one flat strip. Baselines are dashed, the oracle dotted."""
    data = df.copy()
    data["month"] = [units.date_text(d, "MMM y") for d in pd.to_datetime(data["test_month"]).dt.date]
    ids = {scorer(k): k for k in SCORERS}
    # the line style's key (no legend: the scorer's name says it)
    data["kind"] = ["oracle" if ids.get(s) == "oracle" else "baseline" if ids.get(s) in BASELINES else "model"
                    for s in data["scorer"]]
    data["scorer"] = [ct(x) for x in data["scorer"]]
    return alt.Chart(data).mark_line(point=True).encode(
        x=alt.X("month:O", title=ct(_("Test month")), sort=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("roc_auc:Q", title=ct(_("ROC AUC (0.5 = coin toss)")), scale=alt.Scale(zero=False)),
        color=alt.Color("scorer:N", title=None, legend=alt.Legend(orient="right", labelLimit=320)),
        strokeDash=alt.StrokeDash("kind:N", title=None, scale=alt.Scale(
            domain=["model", "baseline", "oracle"], range=[[1, 0], [6, 4], [2, 2]]), legend=None),
        tooltip=[alt.Tooltip("month:O", title=ct(_("Test month"))), alt.Tooltip("scorer:N", title=ct(_("Scorer"))),
                 alt.Tooltip("roc_auc:Q", title="ROC AUC", format=".3f")],
    ).properties(height=300, title=ct(_("Backtest: ROC AUC by test month")))


def risk_trend(df: pd.DataFrame, bands: dict) -> alt.Chart:
    data = df.copy()
    if "band" in data:
        data["band"] = [band_word(b) for b in data["band"]]
    risk = ct(_("90-day exit risk"))
    # month-ends as words of the language ("Oct 2026" · "اکتبر ۲۰۲۶" · "2026年10月"): Vega's own time axis
    # writes English month and weekday names
    data["month"] = [units.date_text(d, "MMM y") for d in pd.to_datetime(data["month_end"]).dt.date]
    base = alt.Chart(data).mark_line(point=True).encode(
        x=alt.X("month:O", title=ct(_("Month-end")), sort=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("risk:Q", title=risk, axis=alt.Axis(format="%")),
        tooltip=[alt.Tooltip("month:O", title=ct(_("Month-end"))), alt.Tooltip("risk:Q", title=risk, format=".1%"),
                 alt.Tooltip("band:N", title=ct(_("Band"))), alt.Tooltip("drivers:N", title=ct(_("Drivers")))])
    high, medium = ct(band_word("high")), ct(band_word("medium"))
    rules = alt.Chart(inline({"band": [high, medium], "risk": [bands["high"], bands["medium"]]})).mark_rule(
        strokeDash=[4, 4]).encode(y="risk:Q", color=alt.Color("band:N", scale=alt.Scale(
            domain=[high, medium], range=["#d62728", "#ff7f0e"]), title=ct(_("Band from"))),
        tooltip=[alt.Tooltip("band:N", title=ct(_("Band"))), alt.Tooltip("risk:Q", title=risk, format=".1%")])
    return (base + rules).properties(height=280)


def supervisors(df: pd.DataFrame) -> alt.Chart:
    """One bar per team. Two supervisors may share a name (two 吴强 on the sample): those bars are named
    with the id too, or Vega would stack both teams' means into one bar."""
    mean = ct(_("Mean 90-day exit risk"))
    shared = df["supervisor"].duplicated(keep=False)
    df = df.assign(team=[labels.person(n, i) if twin else n
                         for n, i, twin in zip(df["supervisor"], df["supervisor_id"], shared)])
    return alt.Chart(df).mark_bar().encode(
        # every team named: 24 px a bar (at 18 px Vega dropped every other name as overlapping)
        y=alt.Y("team:N", sort="-x", title=None, axis=alt.Axis(labelLimit=240, labelOverlap=False)),
        x=alt.X("mean_risk:Q", title=mean, axis=alt.Axis(format="%")),
        tooltip=[alt.Tooltip("supervisor:N", title=ct(_("Supervisor"))), alt.Tooltip("agents:Q", title=ct(_("Agents"))),
                 alt.Tooltip("mean_risk:Q", title=mean, format=".1%"), alt.Tooltip("high:Q", title=band_word("high")),
                 alt.Tooltip("medium:Q", title=band_word("medium"))],
    ).properties(height=max(160, 24 * len(df)))


def importance(df: pd.DataFrame) -> alt.Chart:
    df = df.assign(label=[ct(x) for x in df["label"]])
    return alt.Chart(df).mark_bar().encode(
        # every bar labelled, in full: 24 px a bar and labels up to 360 px wide
        y=alt.Y("label:N", sort="-x", title=None, axis=alt.Axis(labelLimit=360, labelOverlap=False)),
        x=alt.X("mean_abs_contribution:Q", title=ct(_("Mean |contribution| (log-odds), latest month"))),
        tooltip=[alt.Tooltip("label:N", title=ct(_("Driver"))),
                 alt.Tooltip("mean_abs_contribution:Q", title=ct(_("Mean |contribution|")), format=".3f")],
    ).properties(height=max(160, 24 * len(df)))
