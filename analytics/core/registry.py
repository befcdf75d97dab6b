"""The KPI registry: the one definition of every KPI (docs/metrics.md is generated from it).

Each KPI says what it means (label, unit, direction, display format, default target) and how it is
computed: SQL aggregates over the additive `m_` measure columns of one *source* (see sources.py).
Because the marts keep measures additive, the same expression is right on the detail table and on
every rollup. Pages, CLI, exports and tests all read this module; nothing else computes a KPI.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from analytics.core import units
from analytics.i18n import gettext

UNSTABLE_BELOW_DAYS = 90  # an annualized rate over fewer days is flagged unstable

HIGHER_IS_BETTER = 1
LOWER_IS_BETTER = -1
NEUTRAL = 0


@dataclass(frozen=True)
class Kpi:
    id: str
    # label and description are written in English here (the catalog's msgids, vocab.py); read through
    # the properties below they are in the session's language
    label_en: str
    unit: str            # count | pct | s | h | score | nps | ratio
    direction: int       # HIGHER_IS_BETTER, LOWER_IS_BETTER or NEUTRAL
    source: str          # calls | queue_service | calls_detail | evaluations | evaluator_drift | shifts | org
    description_en: str
    # Computation. A rate: 100 × SUM-expression num ÷ den. A mean: total ÷ n (sumsq for its CI).
    # Anything else: `sql`, an aggregate expression of the source.
    kind: str = "sql"    # rate | mean | count | sql
    num: str | None = None
    den: str | None = None
    sumsq: str | None = None
    sql: str | None = None
    scale: float = 1.0   # mean KPIs whose value is scaled (NPS as the mean of +1/0/−1 × 100)
    default_target: float | None = None
    target_source: str | None = None
    group: str = ""
    settings: tuple[str, ...] = field(default=())
    # Attribution rule (sources.ATTRIBUTION): "queue" for KPIs that count abandoned calls, "agent" for
    # KPIs from shifts; "" = defined under every filter its source can answer.
    belongs_to: str = ""
    # An annualized rate: over a period shorter than UNSTABLE_BELOW_DAYS it is flagged unstable, shown
    # with its count of leavers, and given no target status (the KPI contract, small numbers).
    annualized: bool = False

    @property
    def label(self) -> str:
        """The KPI's name in the active language ("Service level", "سطح خدمت", "服务水平")."""
        return gettext(self.label_en)

    @property
    def description(self) -> str:
        return gettext(self.description_en)

    @property
    def expr(self) -> str:
        """The SQL aggregate expression giving the KPI's value (NULL where undefined)."""
        if self.kind == "rate":
            return f"100.0 * ({self.num}) / NULLIF({self.den}, 0)"
        if self.kind == "mean":
            scale = "" if self.scale == 1 else f"{self.scale!r} * "
            return f"{scale}({self.num}) / NULLIF({self.den}, 0)"
        if self.kind == "count":  # a count over no calls is 0, not undefined
            return f"coalesce({self.sql}, 0)"
        return self.sql

    @property
    def has_stats(self) -> bool:
        return self.kind in ("rate", "mean")

    def unstable(self, days: int | None) -> bool:
        """Is this KPI's value over a period of `days` days too small a number to judge?"""
        return self.annualized and days is not None and days < UNSTABLE_BELOW_DAYS

    @property
    def display(self) -> units.Unit:
        """How this KPI's numbers are written (analytics/core/units.py)."""
        return units.get(self.unit)

    def format(self, value) -> str:
        return self.display.format(value)

    def format_delta(self, delta) -> str:
        return self.display.format_delta(delta)


def _s(col: str) -> str:
    return f"SUM({col})"


_CALL_KPIS = [
    Kpi("offered", "Calls offered", "count", NEUTRAL, "queue_service", "Count of calls that entered a queue.",
        kind="count", sql=_s("m_offered"), belongs_to="queue", group="Queue and service"),
    Kpi("answered", "Calls answered", "count", NEUTRAL, "calls", "Calls with outcome answered.",
        kind="count", sql=_s("m_answered"), group="Queue and service"),
    Kpi("abandoned", "Calls abandoned", "count", LOWER_IS_BETTER, "queue_service",
        "Calls with outcome abandoned (all, including short abandons).",
        kind="count", sql=_s("m_abandoned"), belongs_to="queue", group="Queue and service"),
    Kpi("short_abandoned", "Short abandons", "count", NEUTRAL, "queue_service",
        "Abandoned calls that waited less than the short-abandon threshold (5 s).",
        kind="count", sql=_s("m_short_abandoned"), belongs_to="queue", group="Queue and service", settings=("short_abandon_s",)),
    Kpi("service_level_pct", "Service level", "pct", HIGHER_IS_BETTER, "queue_service",
        "Answered within T (20 s) ÷ (answered + abandoned − short abandons).",
        kind="rate", num=_s("m_answered_in_sl"),
        den=f"{_s('m_answered')} + {_s('m_abandoned')} - {_s('m_short_abandoned')}",
        default_target=80.0, target_source="Common 80/20 standard", belongs_to="queue", group="Queue and service",
        settings=("sl_threshold_s", "short_abandon_s")),
    Kpi("asa_s", "Average speed of answer", "s", LOWER_IS_BETTER, "calls",
        "Mean wait of answered calls.", kind="mean", num=_s("m_wait_answered_s"), den=_s("m_answered"),
        sumsq=_s("m_wait_answered_s_sq"), default_target=20.0,
        target_source="Consistent with the 80/20 standard", group="Queue and service"),
    Kpi("abandon_rate_pct", "Abandonment rate", "pct", LOWER_IS_BETTER, "queue_service",
        "(Abandoned − short abandons) ÷ (offered − short abandons).", kind="rate",
        num=f"{_s('m_abandoned')} - {_s('m_short_abandoned')}",
        den=f"{_s('m_offered')} - {_s('m_short_abandoned')}",
        default_target=5.0, target_source="Common 5% standard", belongs_to="queue", group="Queue and service",
        settings=("short_abandon_s",)),
    Kpi("avg_abandon_wait_s", "Average abandon wait", "s", NEUTRAL, "queue_service",
        "Mean wait of abandoned calls with a known wait that are not short abandons.", kind="mean",
        num=_s("m_abandon_wait_s"), den=_s("m_abandon_wait_n"), belongs_to="queue", group="Queue and service"),
    Kpi("max_wait_s", "Longest wait", "s", LOWER_IS_BETTER, "queue_service",
        "Max wait over all calls with a known wait.", sql="MAX(max_wait_s)", belongs_to="queue", group="Queue and service"),
    Kpi("aht_s", "Average handle time", "s", LOWER_IS_BETTER, "calls",
        "Mean of talk + hold + after-call work over answered calls (missing parts = 0).", kind="mean",
        num=_s("m_handle_s"), den=_s("m_answered"), sumsq=_s("m_handle_s_sq"), group="Handling"),
    Kpi("avg_talk_s", "Average talk time", "s", NEUTRAL, "calls", "Mean talk time of answered calls.",
        kind="mean", num=_s("m_talk_answered_s"), den=_s("m_answered"), group="Handling"),
    Kpi("avg_hold_s", "Average hold time", "s", LOWER_IS_BETTER, "calls",
        "Mean hold time of answered calls (missing = 0).", kind="mean", num=_s("m_hold_answered_s"),
        den=_s("m_answered"), group="Handling"),
    Kpi("avg_acw_s", "Average after-call work", "s", LOWER_IS_BETTER, "calls",
        "Mean after-call work of answered calls (missing = 0).", kind="mean", num=_s("m_acw_answered_s"),
        den=_s("m_answered"), group="Handling"),
    Kpi("hold_rate_pct", "Hold rate", "pct", LOWER_IS_BETTER, "calls",
        "Answered calls with any hold ÷ answered.", kind="rate", num=_s("m_held"), den=_s("m_answered"),
        group="Handling"),
    Kpi("transfer_rate_pct", "Transfer rate", "pct", LOWER_IS_BETTER, "calls",
        "Answered calls transferred ÷ answered.", kind="rate", num=_s("m_transferred_n"),
        den=_s("m_answered"), default_target=10.0, target_source="Internal default", group="Handling"),
    Kpi("dead_air_pct", "Dead air", "pct", LOWER_IS_BETTER, "calls",
        "Σ dead air ÷ Σ talk time, over answered calls where dead air is known.", kind="sql",
        sql=f"100.0 * {_s('m_dead_air_known_s')} / NULLIF({_s('m_talk_dead_air_known_s')}, 0)",
        group="Handling"),
    Kpi("repeat_rate_pct", "Repeat-call rate", "pct", LOWER_IS_BETTER, "calls",
        "Known-caller calls followed by another call from the same caller within 7 days. Calls in the "
        "last 7 days of data are censored and left out.",
        kind="rate", num=_s("m_repeated"), den=_s("m_repeat_pop"), group="Customer outcome",
        settings=("repeat_window_h",)),
    Kpi("fcr_pct", "First-contact resolution", "pct", HIGHER_IS_BETTER, "calls",
        "Answered known-caller calls not followed by another call within 7 days. Calls in the last "
        "7 days of data are censored (their outcome is not known yet) and left out.",
        kind="rate", num=_s("m_fcr_n"), den=_s("m_fcr_pop"), default_target=75.0,
        target_source="Internal default", group="Customer outcome", settings=("repeat_window_h",)),
    Kpi("resolved_pct", "Agent-marked resolved", "pct", HIGHER_IS_BETTER, "calls",
        "Answered calls marked resolved ÷ answered calls where resolution is known.", kind="rate",
        num=_s("m_resolved_true"), den=_s("m_resolved_known"), group="Customer outcome"),
    Kpi("median_repeat_interval_h", "Median repeat interval", "h", NEUTRAL, "calls_detail",
        "Median hours since the same caller's previous call, over calls from known callers whose previous "
        "call came at most 30 days earlier.",
        sql="MEDIAN(repeat_interval_h)", group="Customer outcome", settings=("repeat_lookback_days",)),
    Kpi("csat_pct", "CSAT", "pct", HIGHER_IS_BETTER, "calls",
        "Surveys with CSAT 4–5 ÷ surveys with a CSAT answer (period = the call's arrival).", kind="rate",
        num=_s("m_csat_satisfied"), den=_s("m_csat_responses"), default_target=80.0,
        target_source="Internal default", group="Customer outcome", settings=("csat_satisfied_min",)),
    # NPS is the mean of +1 (9–10), 0 (7–8), −1 (0–6) × 100: its sum of squares is promoters + detractors.
    Kpi("nps", "Net Promoter Score", "nps", HIGHER_IS_BETTER, "calls",
        "100 × (promoters 9–10 − detractors 0–6) ÷ NPS responses.", kind="mean",
        num=f"{_s('m_nps_promoters')} - {_s('m_nps_detractors')}", den=_s("m_nps_responses"),
        sumsq=f"{_s('m_nps_promoters')} + {_s('m_nps_detractors')}", scale=100.0, group="Customer outcome"),
    Kpi("qa_coverage_pct", "QA coverage (human)", "pct", HIGHER_IS_BETTER, "calls",
        "Answered calls with at least one human evaluation ÷ answered calls (period = call arrival).",
        kind="rate", num=_s("m_human_evaluated"), den=_s("m_answered"), default_target=3.0,
        target_source="Typical manual QA sample (3–5%)", group="Quality"),
    Kpi("auto_qa_coverage_pct", "QA coverage (automated)", "pct", HIGHER_IS_BETTER, "calls",
        "Answered calls with at least one automated evaluation ÷ answered calls.", kind="rate",
        num=_s("m_auto_evaluated"), den=_s("m_answered"), default_target=100.0,
        target_source="Automated checks cover every call", group="Quality"),
]

_HUMAN = "FILTER (WHERE kind = 'human')"
_EVAL_KPIS = [
    Kpi("qa_score_avg", "QA score", "score", HIGHER_IS_BETTER, "evaluations",
        "Mean score of human evaluations (period = evaluated_at).", kind="mean",
        num=f"SUM(m_score) {_HUMAN}", den=f"SUM(m_evaluations) {_HUMAN}", sumsq=f"SUM(m_score_sq) {_HUMAN}",
        default_target=85.0, target_source="Internal default", group="Quality"),
    Kpi("qa_pass_rate_pct", "QA pass rate", "pct", HIGHER_IS_BETTER, "evaluations",
        "Human evaluations scoring at or above the pass mark (80) ÷ human evaluations.", kind="rate",
        num=f"SUM(m_passed) {_HUMAN}", den=f"SUM(m_evaluations) {_HUMAN}", default_target=90.0,
        target_source="Internal default", group="Quality", settings=("qa_pass_mark",)),
    # Per evaluator only (kpis --by evaluator): computed by sql/queries/quality_evaluator_drift.sql, the
    # query the Quality page shows, so there is one definition; `sql` names its output column.
    Kpi("evaluator_drift_pts", "Evaluator drift", "pts", NEUTRAL, "evaluator_drift",
        "An evaluator's mean score − the mean score of all evaluators' evaluations of the same agents "
        "(human evaluations, period = evaluated_at). Defined per evaluator only.",
        sql="evaluator_drift_pts", group="Quality"),
    Kpi("evaluations", "Human evaluations", "count", NEUTRAL, "evaluations",
        "Count of human evaluations (period = evaluated_at).", kind="count", sql=f"SUM(m_evaluations) {_HUMAN}",
        group="Quality"),
]

_SHIFT_KPIS = [
    Kpi("occupancy_pct", "Occupancy", "pct", NEUTRAL, "shifts",
        "Σ handle time of answered calls ÷ Σ logged-in time, same agents and days.", kind="sql",
        sql="100.0 * SUM(m_shift_handle_s) / NULLIF(SUM(m_logged_in_s), 0)", default_target=85.0,
        target_source="Common 80–85% ceiling", belongs_to="agent", group="Workforce"),
    Kpi("adherence_pct", "Schedule adherence", "pct", HIGHER_IS_BETTER, "shifts",
        "Σ adherent time ÷ Σ scheduled time, over shifts with adherence known.", kind="sql",
        sql="100.0 * SUM(m_adherent_s) / NULLIF(SUM(m_scheduled_adherence_known_s), 0)",
        default_target=90.0, target_source="Common 90% standard", belongs_to="agent", group="Workforce"),
    Kpi("shrinkage_pct", "Shrinkage", "pct", LOWER_IS_BETTER, "shifts",
        "1 − Σ logged-in ÷ Σ scheduled (absent shifts count 0 logged in).", kind="sql",
        sql="100.0 * (1 - SUM(m_logged_in_s) / NULLIF(SUM(m_scheduled_s), 0))", default_target=30.0,
        target_source="Internal default", belongs_to="agent", group="Workforce"),
    Kpi("absence_rate_pct", "Absence rate", "pct", LOWER_IS_BETTER, "shifts",
        "Absent shifts ÷ scheduled shifts.", kind="rate", num="SUM(m_absent)", den="SUM(m_shifts)",
        default_target=5.0, target_source="Internal default", belongs_to="agent", group="Workforce"),
    Kpi("calls_per_agent_hour", "Calls per agent hour", "ratio", HIGHER_IS_BETTER, "shifts",
        "Answered calls ÷ logged-in hours, same agents and days.", kind="sql",
        sql="SUM(m_shift_answered) / NULLIF(SUM(m_logged_in_s) / 3600.0, 0)", belongs_to="agent", group="Workforce"),
]

# Org KPIs are computed per period by sql/queries/org_kpis.sql; `sql` names its output column.
_ORG_KPIS = [
    Kpi("headcount", "Headcount", "count", NEUTRAL, "org",
        "Agents employed on the last day of the period.", sql="headcount", group="Workforce"),
    Kpi("attrition_rate_pct", "Attrition (annualized)", "pct", LOWER_IS_BETTER, "org",
        "Leavers ÷ mean daily headcount × 365 ÷ days in period.", sql="attrition_rate_pct",
        default_target=30.0, target_source="Internal default", annualized=True, group="Workforce"),
    Kpi("voluntary_attrition_rate_pct", "Voluntary attrition (annualized)", "pct", LOWER_IS_BETTER, "org",
        "Voluntary leavers ÷ mean daily headcount × 365 ÷ days in period.",
        sql="voluntary_attrition_rate_pct", annualized=True, group="Workforce"),
    Kpi("early_attrition_pct", "Early attrition (90 days)", "pct", LOWER_IS_BETTER, "org",
        "Hires in the period whose tenure ended within 90 days ÷ hires with hired_on ≤ E − 90 d.",
        sql="early_attrition_pct", group="Workforce"),
    Kpi("span_of_control", "Span of control", "ratio", NEUTRAL, "org",
        "Active agents ÷ active supervisors at period end (healthy: 8–12).", sql="span_of_control",
        group="Workforce"),
]

KPIS: dict[str, Kpi] = {k.id: k for k in _CALL_KPIS + _EVAL_KPIS + _SHIFT_KPIS + _ORG_KPIS}

# What the Overview shows first; every id is in KPIS.
HEADLINE = ("offered", "service_level_pct", "asa_s", "abandon_rate_pct", "aht_s", "fcr_pct",
            "transfer_rate_pct", "csat_pct", "nps", "qa_score_avg", "qa_coverage_pct", "adherence_pct")


def get(kpi_id: str) -> Kpi:
    try:
        return KPIS[kpi_id]
    except KeyError:
        raise KeyError(f"unknown KPI {kpi_id!r}; known: {', '.join(KPIS)}") from None


def parse_ids(text: str | None) -> list[str]:
    """'a,b' → ['a', 'b'] validated against the registry; empty → every KPI."""
    if not text:
        return list(KPIS)
    ids = [t.strip() for t in text.split(",") if t.strip()]
    for i in ids:
        get(i)
    return ids
