"""Display text shared by the HTML and PDF reports, so both say the same thing in the same words."""
from __future__ import annotations

from analytics.core import status

import pandas as pd

from analytics.core import registry
from analytics.review.build import NO_CALLS, SIG_NOTE, Review
from analytics.core import units
from analytics.i18n import N_, _, dot, ltr

HEADLINE_COLUMNS = [N_("KPI"), N_("Value"), N_("Target"), N_("Status"), N_("Previous"), N_("Δ vs previous"),
                    N_("Last year"), N_("Δ vs last year")]
# the status language's icon and word (analytics.core.status), never colour alone in print
STATUS = {s: status.label(s) for s in (status.MET, status.NEAR, status.MISSED)} | {"": ""}


def headline_columns() -> list[str]:
    return [_(c) for c in HEADLINE_COLUMNS]


def status_words() -> dict[str, str]:
    """STATUS in the active language."""
    return {s: status.label(s) for s in (status.MET, status.NEAR, status.MISSED)} | {"": ""}


TITLES = {"week": N_("Weekly review {period}"), "month": N_("Monthly review {period}"),
          "quarter": N_("Quarterly review {period}"), "year": N_("Yearly review {period}")}


def title(review: Review) -> str:
    return _(TITLES[review.period.kind]).format(period=units.digits(review.period.label))


def period_line(review: Review) -> str:
    """'16 Nov – 22 Nov 2026 · compared with 2026-W46 and 2025-W47'."""
    p = review.period
    return (f"{p.span()}{dot()}"
            + _("compared with {previous} and {last_year}").format(previous=units.digits(review.previous.label),
                                                                  last_year=units.digits(review.last_year.label)))


def subtitle(review: Review) -> str:
    return (f"{review.center_name}{dot()}{period_line(review)}{dot()}"
            + _("generated {when}").format(when=units.digits(f"{review.generated_at:%Y-%m-%d %H:%M}")))


def headline_rows(review: Review) -> list[list[str]]:
    rows = []
    for r in review.headline.to_dict("records"):
        rows.append([r["label"], r["value_text"], r["target_text"], STATUS.get(r["status"], r["status"]),
                     r["prev_text"], r["prev_delta_text"], r["ly_text"], r["ly_delta_text"]])
    return rows


def leader_rows(df: pd.DataFrame) -> list[list[str]]:
    return [[str(r["name"]), str(r["id"]), r["value_text"], units.number(int(r['n']), 0), r["center_text"],
             r["standing"]] for r in df.to_dict("records")]


LEADER_COLUMNS = [N_("Name"), N_("Id"), N_("Value"), N_("Volume"), N_("Center"), N_("Funnel")]


def leaders_title(review: Review) -> str:
    k = registry.get(review.leaders.kpi_id)
    return _("Ranked by {kpi}, in standard errors from the center at each one's volume "
             "(funnel-adjusted: low volume is not punished).").format(kpi=k.label)


def qa_rows(df: pd.DataFrame) -> list[list[str]]:
    return [[str(r["name"]), str(r["agent_id"]), str(r["supervisor"] or ""), units.number(int(r['failed']), 0),
             units.number(int(r['evaluations']), 0), units.number(r['avg_score'], 1)] for r in df.to_dict("records")]


QA_COLUMNS = [N_("Agent"), N_("Id"), N_("Supervisor"), N_("Failed"), N_("Evaluations"), N_("Avg score")]


def span_rows(df: pd.DataFrame) -> list[list[str]]:
    return [[str(r["supervisor"] or ""), str(r["supervisor_id"]), str(r["site"] or ""), units.number(int(r['agents']), 0)]
            for r in df.to_dict("records")]


SPAN_COLUMNS = [N_("Supervisor"), N_("Id"), N_("Site"), N_("Agents")]


def columns(names: list[str]) -> list[str]:
    """Column headings in the active language."""
    return [_(c) for c in names]


ATTRITION_COLUMNS = (N_("Name"), N_("Agent id"), N_("Supervisor"), N_("Risk"), N_("Band"), N_("Drivers"))


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
    return [_(c.replace("_", " ").capitalize()) for c in cols], rows


def action_rows(df: pd.DataFrame | None, with_done: bool) -> list[list[str]]:
    if df is None:
        return []
    rows = []
    for r in df.to_dict("records"):
        due = r.get("due_on")
        due_text = "" if due is None or pd.isna(due) else units.digits(pd.Timestamp(due).strftime("%Y-%m-%d"))
        row = [str(r["note"]), str(r.get("owner") or ""), due_text]
        if with_done:
            row.insert(0, "☑" if r.get("done") else "☐")
        rows.append(row)
    return rows


__all__ = ["NO_CALLS", "SIG_NOTE"]


def no_highlights(review: Review) -> str:
    """What stands where the highlights would: nothing moved, or nothing to move against."""
    if not review.compared("prev"):
        return _("No highlights: the data covers the previous period ({period}) only in part.").format(
            period=ltr(units.digits(review.previous.label)))
    return _("No KPI moved notably against the previous period.")
