"""`python -m analytics docs`: write docs/metrics.md, the user-facing KPI reference, from the registry
(analytics/core/registry.py), and docs/tables.md, the input tables an import maps onto, from the import
contract (analytics/importer/contract.py). `--check` writes nothing and fails when either is stale."""
from __future__ import annotations

import sys

from analytics.core import registry
from analytics.core.warehouse import REPO_ROOT

NAME = "docs"
HELP = ("write docs/metrics.md (the KPI reference) and docs/tables.md (the input tables) from the code; "
        "--check: fail if either is stale")
PATH = REPO_ROOT / "docs" / "metrics.md"
TABLES_PATH = REPO_ROOT / "docs" / "tables.md"

HEAD = """# KPIs

Every KPI has one definition, in `analytics/core/registry.py`. Pages, the `kpis` CLI, exports and tests
all read it. This page is generated from the registry by `python -m analytics docs`: edit the registry,
then run the command (a test fails while this file is stale).

Rates are computed from counts (never averages of per-group rates); a zero denominator is
undefined and shown as —. Means carry sums of squares in the rollups, so every rate and mean has
a 95% confidence interval (Wilson / t) and every period-over-period delta of a rate or a mean a
significance test that allows for the day-to-day spread (over-dispersion φ); counts are not tested.

A change is given only against a comparison period the data covers whole: against days before the
data began it would compare the selection with nothing, or with a fraction of a period. The Overview's
tiles, Trends, the Weekly review (its previous period and last year) and `kpis --compare` all follow
this rule and say why a change is missing. An annualized rate over fewer than 90 days (one leaver in
a week reads as hundreds of percent) is shown with its counts, without target status and without a
change, on the tiles and in `kpis --compare` alike.
"""

TAIL = """## Where the numbers come from

`analytics/core/sources.py` picks, per KPI source, the smallest table that can answer a question:
`agg_calls_queue_hourly` (hour × queue) for center and queue views, `agg_calls_agent_daily`
(day × queue × agent, with site and team) when a filter or breakdown names people, `fct_calls` for
hour-level people views and medians. All carry the same additive `m_` measures, and
`tests/core/test_rollups_match_detail.py` checks on random generated centers that every rollup answer
equals the detail answer.

**Team at date.** Every team figure (site, supervisor and coach groupings and filters, a supervisor's
scope, headcount and attrition by team) reads a person's team through one view,
`sql/staging/15_stg_agent_team_at_date.sql`: one row per person and validity interval, joined on the
date of the call, evaluation, shift or day with the `team_valid_on` macro. A call belongs to the team its
agent was in on the day it arrived. Without an org-chart history the view holds the current team. The
org KPIs (headcount, hires, leavers, attrition, span of control) read the same view through
`sql/marts/60_agg_org_changes.sql`, the organization's changes per site, team and day, rebuilt whole by
every import.

Notes on the definitions:
- `evaluations` (count of human evaluations) is an extra, labelled KPI.
- Workforce KPIs come from shifts, which have no queue: a queue filter does not apply to them (the page says so).
- Abandoned calls have no agent, so a site, team or agent filter leaves them out.
- Early attrition counts, in the numerator as in the denominator, only hires with `hired_on ≤ E − 90 d`
  (restricting only the denominator would let the rate exceed 100%). E, the data end, is the latest
  call arrival in the warehouse.
"""

DIRECTION = {registry.HIGHER_IS_BETTER: "higher is better", registry.LOWER_IS_BETTER: "lower is better",
             registry.NEUTRAL: "neutral"}


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def render() -> str:
    groups: dict[str, list[registry.Kpi]] = {}
    for k in registry.KPIS.values():
        groups.setdefault(k.group, []).append(k)
    out = [HEAD]
    for group, kpis in groups.items():
        out.append(f"\n## {group}\n\n| id | label | unit | direction | default target | definition |\n"
                   "|---|---|---|---|---|---|")
        for k in kpis:
            target = "" if k.default_target is None else k.format(k.default_target)
            if target and k.target_source:
                target += f" ({k.target_source})"
            out.append(f"| `{k.id}` | {_cell(k.label)} | {k.unit} | {DIRECTION[k.direction]} | {_cell(target)} | "
                       f"{_cell(k.description)} |")
    out.append("\n" + TAIL)
    return "\n".join(out)


TABLES_HEAD = """# Input tables

An import maps a file onto one of these tables (`python -m analytics import --table T`, or the Data
page); a column not listed here is ignored ("not in the contract": the contract is this list). This page
is generated from `analytics/importer/contract.py` by `python -m analytics docs`. How files are read,
mapped and checked: [import.md](import.md); its "Plausibility" section explains the bounds.
"""


def _bounds(c) -> str:
    parts = []
    if c.allowed:
        parts.append("one of " + ", ".join(f"`{v}`" for v in c.allowed))
    if c.min is not None:
        parts.append(f"≥ {c.min:g}")
    if c.max is not None:
        parts.append(f"≤ {c.max:g}")
    if c.most is not None:
        parts.append(f"at most {c.most:g} ({c.why})" if c.why else f"at most {c.most:g}")
    if c.floor is not None:
        parts.append(f"from {c.floor}")
    if not c.stored:
        parts.append("read by the import, not stored")
    return "; ".join(parts)


def render_tables() -> str:
    from analytics.importer.contract import CONTRACTS

    out = [TABLES_HEAD]
    for name, t in CONTRACTS.items():
        out.append(f"\n## `{name}`\n\nKey: {', '.join(f'`{k}`' for k in t.key)}.\n\n"
                   "| column | type | required | values |\n|---|---|---|---|")
        for c in t.columns:
            out.append(f"| `{c.name}` | {c.kind} | {'yes' if c.required else ''} | {_cell(_bounds(c))} |")
        for note in t.notes:
            out.append(f"\n{_cell(note)}")
    return "\n".join(out) + "\n"


OUTPUTS = {PATH: render, TABLES_PATH: render_tables}


def add_arguments(parser):
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 when a generated page is stale")


def run(args) -> int:
    stale = []
    for path, make in OUTPUTS.items():
        text = make()
        if args.check:
            if path.read_text(encoding="utf-8") != text:
                stale.append(path)
            continue
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(REPO_ROOT)}")
    for path in stale:
        print(f"{path.relative_to(REPO_ROOT)} is stale: run `python -m analytics docs`", file=sys.stderr)
    return 1 if stale else 0
