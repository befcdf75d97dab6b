"""Display text shared by the HTML and PDF reports, so both say the same thing in the same words."""
from __future__ import annotations

from analytics.core import status

import pandas as pd

from analytics.core import registry
from analytics.review.build import NO_CALLS, SIG_NOTE, Review

HEADLINE_COLUMNS = ["KPI", "Value", "Target", "Status", "Previous", "Δ vs previous", "Last year", "Δ vs last year"]
# the status language's icon and word (analytics.core.status), never colour alone in print
STATUS = {s: status.label(s) for s in (status.MET, status.NEAR, status.MISSED)} | {"": ""}


def title(review: Review) -> str:
    kind = {"week": "Weekly", "month": "Monthly", "quarter": "Quarterly", "year": "Yearly"}[review.period.kind]
    return f"{kind} review {review.period.label}"


def subtitle(review: Review) -> str:
    p = review.period
    return (f"{review.center_name} · {p.span()} · compared with {review.previous.label} "
            f"and {review.last_year.label} · generated {review.generated_at:%Y-%m-%d %H:%M}")


def headline_rows(review: Review) -> list[list[str]]:
    rows = []
    for r in review.headline.to_dict("records"):
        rows.append([r["label"], r["value_text"], r["target_text"], STATUS.get(r["status"], r["status"]),
                     r["prev_text"], r["prev_delta_text"], r["ly_text"], r["ly_delta_text"]])
    return rows


def leader_rows(df: pd.DataFrame) -> list[list[str]]:
    return [[str(r["name"]), str(r["id"]), r["value_text"], f"{int(r['n']):,}", r["center_text"], r["standing"]]
            for r in df.to_dict("records")]


LEADER_COLUMNS = ["Name", "Id", "Value", "Volume", "Center", "Funnel"]


def leaders_title(review: Review) -> str:
    k = registry.get(review.leaders.kpi_id)
    return (f"Ranked by {k.label}, in standard errors from the center at each one's volume "
            "(funnel-adjusted: low volume is not punished).")


def qa_rows(df: pd.DataFrame) -> list[list[str]]:
    return [[str(r["name"]), str(r["agent_id"]), str(r["supervisor"] or ""), f"{int(r['failed'])}",
             f"{int(r['evaluations'])}", f"{r['avg_score']:.1f}"] for r in df.to_dict("records")]


QA_COLUMNS = ["Agent", "Id", "Supervisor", "Failed", "Evaluations", "Avg score"]


def span_rows(df: pd.DataFrame) -> list[list[str]]:
    return [[str(r["supervisor"] or ""), str(r["supervisor_id"]), str(r["site"] or ""), f"{int(r['agents'])}"]
            for r in df.to_dict("records")]


SPAN_COLUMNS = ["Supervisor", "Id", "Site", "Agents"]


def attrition_rows(df: pd.DataFrame) -> tuple[list[str], list[list[str]]]:
    cols = [c for c in ("name", "agent_id", "supervisor", "risk", "band", "drivers") if c in df.columns]
    rows = []
    for r in df.to_dict("records"):
        row = []
        for c in cols:
            v = r[c]
            row.append(f"{float(v):.0%}" if c == "risk" and v is not None and not pd.isna(v) else
                       ("" if v is None or (not isinstance(v, str) and pd.isna(v)) else str(v)))
        rows.append(row)
    return [c.replace("_", " ").capitalize() for c in cols], rows


def action_rows(df: pd.DataFrame | None, with_done: bool) -> list[list[str]]:
    if df is None:
        return []
    rows = []
    for r in df.to_dict("records"):
        due = r.get("due_on")
        due_text = "" if due is None or pd.isna(due) else pd.Timestamp(due).strftime("%Y-%m-%d")
        row = [str(r["note"]), str(r.get("owner") or ""), due_text]
        if with_done:
            row.insert(0, "☑" if r.get("done") else "☐")
        rows.append(row)
    return rows


__all__ = ["NO_CALLS", "SIG_NOTE"]
