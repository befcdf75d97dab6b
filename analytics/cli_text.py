"""The CLI's human-readable output in the run's language (`--lang`): the `error:` / `note:` /
`warning:` lines on stderr, and tables whose headers are words (KPI names, "Period", "Queue") rather
than ids. Machine formats (json, csv) keep ids; English output is what it always was, ids included, so
scripts reading the default table keep working."""
from __future__ import annotations

import math
import numbers
import sys

import pandas as pd

from analytics import i18n
from analytics.core import filters, periods, registry, units
from analytics.i18n import N_, _, isolate

GROUP_HEADERS = {"queue": N_("Queue"), "site": N_("Site"), "supervisor": N_("Supervisor"), "agent": N_("Agent"),
                 "agent_name": N_("Name"), "evaluator": N_("Evaluator")}
# kpis --compare and small-number columns: <kpi id>_<suffix>
SUFFIXES = {"_prev": N_("{kpi}, previous"), "_delta": N_("{kpi}, change"),
            "_delta_significant": N_("{kpi}, significant"), "_phi": N_("{kpi}, overdispersion"),
            "_phi_note": N_("{kpi}, note"), "_leavers": N_("{kpi}, leavers"), "_unstable": N_("{kpi}, unstable")}


def english() -> bool:
    return i18n.current() == i18n.DEFAULT


def error(message) -> None:
    print(_("error: {message}").format(message=message), file=sys.stderr)


def note(message) -> None:
    print(_("note: {message}").format(message=message), file=sys.stderr)


def warning(message) -> None:
    print(_("warning: {message}").format(message=message), file=sys.stderr)


def known(catalog: filters.Catalog, dim: str, asked) -> tuple[str, ...]:
    """The values of --queue/--site/--supervisor/--agent that the warehouse has, by the app's rule for a
    link's (filters.known_values); a note names the others, which are left out, as the app does. When
    none is known the filter is gone and the output covers every value: the note says so, so a typo is
    never read as that value's figures."""
    kept, unknown = filters.known_values(catalog, dim, asked)
    if unknown:
        values, flag = isolate(filters.quoted(unknown)), "--" + filters.DIMENSION_ONE[dim]
        note((_("ignored unknown {item} value(s) {values} (not in this warehouse)") if kept else
              _("ignored unknown {item} value(s) {values} (not in this warehouse): {flag} was dropped, "
                "the output covers all {items}")).format(item=_(filters.DIMENSION_ONE[dim]), values=values,
                                                         flag=flag, items=_(filters.DIMENSION_WORDS[dim])))
    return kept


def _split(column: str) -> tuple[registry.Kpi | None, str]:
    """'aht_s_delta' → (the aht_s KPI, '_delta'); a KPI id → (its KPI, ''); else (None, '')."""
    if column in registry.KPIS:
        return registry.get(column), ""
    for suffix in sorted(SUFFIXES, key=len, reverse=True):
        base = column[: -len(suffix)]
        if column.endswith(suffix) and base in registry.KPIS:
            return registry.get(base), suffix
    return None, ""


def header(column: str) -> str:
    """A column's header in the run's language: a KPI's name, a grain's 'Period', a dimension's word."""
    if column in periods.GRAINS:
        return _("Period")
    if column in GROUP_HEADERS:
        return _(GROUP_HEADERS[column])
    kpi, suffix = _split(column)
    if kpi is not None:
        return _(SUFFIXES[suffix]).format(kpi=kpi.label) if suffix else kpi.label
    return column


def _cell(kpi: registry.Kpi | None, suffix: str, value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if isinstance(value, bool) or type(value).__name__ == "bool":
        return _("yes") if value else _("no")
    if kpi is not None and suffix in ("", "_prev"):
        return kpi.format(value)
    if kpi is not None and suffix == "_delta":
        return kpi.format_delta(value)
    if isinstance(value, numbers.Integral):
        return units.number(value, 0)
    if isinstance(value, numbers.Real):
        return units.number(value, 2)
    return units.digits(str(value)) if i18n.current() == "fa" else str(value)


def kpi_table(df: pd.DataFrame) -> str:
    """A `kpis` result as a table for people: every value formatted in its KPI's unit and the
    language's digits, headers as words (English keeps its id headers and raw compare columns)."""
    shown = df.copy()
    if english():
        for c in shown.columns:
            if c in registry.KPIS:
                shown[c] = [registry.get(c).format(v) for v in df[c]]
        return shown.to_string(index=False)
    for c in shown.columns:
        kpi, suffix = _split(c)
        if kpi is not None or c in periods.GRAINS:
            shown[c] = [_cell(kpi, suffix, v) for v in df[c]]
    return table(shown.rename(columns={c: header(c) for c in shown.columns}))


def table(df: pd.DataFrame) -> str:
    """pandas' plain-text table; Chinese characters count two columns wide so the columns line up."""
    with pd.option_context("display.unicode.east_asian_width", i18n.current() == "zh"):
        return df.to_string(index=False)

