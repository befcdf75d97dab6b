"""Targets per KPI: what users set (stored in the warehouse with its history) or else the registry's
default (common standards such as 80% of calls answered in 20 s).

A target is set for a scope: the whole center, one queue, one site, or one queue at one site. The
target in force for a view is the narrowest scope that has one: queue at site > queue > site > center
> default. Every change is written to `target_history` (who, when, old and new value) in the same
transaction as the change itself (sql/raw/70_targets.sql).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analytics.auth import rights
from analytics.core import registry
from analytics.core import warehouse
from analytics.i18n import _

ANY = ""  # the stored scope value meaning "every queue" / "every site"
MAX_NAME = 120


@dataclass(frozen=True)
class Target:
    kpi_id: str
    value: float
    source: str      # "Set by <user> on <date> …" or the default's source
    queue: str | None = None
    site: str | None = None


@dataclass(frozen=True)
class Change:
    """One requested edit: value None removes the scope's own target (it falls back to a wider one)."""
    kpi_id: str
    value: float | None
    queue: str | None = None
    site: str | None = None


class TargetError(ValueError):
    """A target a user asked for cannot be stored; the message names the KPI and the problem."""




def settable() -> list[str]:
    """KPIs a target makes sense for: those with a direction or a default target."""
    return [k.id for k in registry.KPIS.values()
            if k.direction != registry.NEUTRAL or k.default_target is not None]


def defaults() -> dict[str, Target]:
    # in the active language (the app's cache of targets is keyed by it: analytics/ui/targets_view.py)
    return {k.id: Target(k.id, k.default_target, _("Default: {source}").format(source=_(k.target_source) if k.target_source else ""))
            for k in registry.KPIS.values() if k.default_target is not None}


def _scope_text(queue: str, site: str) -> str:
    if queue and site:
        return _("queue {queue} at site {site}").format(queue=queue, site=site)
    if queue:
        return _("queue {queue}").format(queue=queue)
    if site:
        return _("site {site}").format(site=site)
    return _("whole center")


def _has_table(con, name: str) -> bool:
    return bool(con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = ? AND schema_name = 'main'", [name]
    ).fetchone()[0])


def stored(con) -> pd.DataFrame:
    """Every user-set target (empty for a warehouse built before targets existed)."""
    cols = ["kpi_id", "queue", "site", "value", "set_by", "set_at"]
    if con is None or not _has_table(con, "targets"):
        return pd.DataFrame(columns=cols)
    return con.execute(f"SELECT {', '.join(cols)} FROM targets ORDER BY kpi_id, queue, site").df()


def effective(con=None, queue: str | None = None, site: str | None = None,
              rows: pd.DataFrame | None = None) -> dict[str, Target]:
    """Targets in force for a view of one queue and/or one site (None = all of them). `rows`: the
    stored targets when the caller already read them (the app reads them once per data version)."""
    out = defaults()
    rows = stored(con) if rows is None else rows
    if rows.empty:
        return out
    # Narrower scopes are applied later and win.
    precedence = [(ANY, ANY), (ANY, site or None), (queue or None, ANY), (queue or None, site or None)]
    seen: set[tuple[str, str]] = set()
    for q, s in precedence:
        if q is None or s is None or (q, s) in seen:
            continue
        seen.add((q, s))
        for r in rows[(rows["queue"] == q) & (rows["site"] == s)].itertuples():
            if r.kpi_id not in registry.KPIS:
                continue
            when = pd.Timestamp(r.set_at).strftime("%Y-%m-%d")
            out[r.kpi_id] = Target(r.kpi_id, float(r.value),
                                   _("Set by {who} on {date} for the {scope}").format(
                                       who=r.set_by, date=when, scope=_scope_text(q, s)),
                                   queue=q or None, site=s or None)
    return out


def for_filter(con, f) -> dict[str, Target]:
    """Targets for a Filters: a filter on exactly one queue (site) uses that queue's (site's) targets."""
    queue = f.queues[0] if len(f.queues) == 1 else None
    site = f.sites[0] if len(f.sites) == 1 else None
    return effective(con, queue=queue, site=site)


def status(kpi_id: str, value: float | None, target: Target | None) -> str | None:
    """'met' | 'missed' | None (no target, no value, or a neutral KPI)."""
    if target is None or value is None:
        return None
    k = registry.get(kpi_id)
    if k.direction == registry.HIGHER_IS_BETTER:
        return "met" if value >= target.value else "missed"
    if k.direction == registry.LOWER_IS_BETTER:
        return "met" if value <= target.value else "missed"
    return None


# --- validation and writes ---------------------------------------------------------------------------

def clean_name(who: str | None) -> str:
    who = " ".join(str(who or "").split())[:MAX_NAME]
    return who or "local user"


def _clean_scope(value: str | None, what: str) -> str:
    text = str(value or "").strip()
    if len(text) > MAX_NAME:
        raise TargetError(f"The {what} name is longer than {MAX_NAME} characters.")
    return text


def validate(change: Change) -> Change:
    """The change with its value as a float and its scope trimmed, or TargetError saying what is wrong."""
    if change.kpi_id not in registry.KPIS:
        raise TargetError(f"Unknown KPI '{str(change.kpi_id)[:40]}'.")
    k = registry.get(change.kpi_id)
    if change.kpi_id not in settable():
        raise TargetError(f"{k.label} is descriptive (neither higher nor lower is better): it takes no target.")
    queue, site = _clean_scope(change.queue, "queue"), _clean_scope(change.site, "site")
    if change.value is None:
        return Change(k.id, None, queue, site)
    try:
        value = float(change.value)
    except (TypeError, ValueError):
        raise TargetError(_("Target for {kpi}: '{value}' is not a number.").format(
            kpi=k.label, value=str(change.value)[:30])) from None
    if not math.isfinite(value):
        raise TargetError(_("Target for {kpi} must be a finite number.").format(kpi=k.label))
    low, high = k.display.bounds
    if not low <= value <= high:
        raise TargetError(_("Target for {kpi} must be between {low} and {high}; got {value}.").format(
            kpi=k.label, low=k.format(low), high=k.format(high), value=k.format(value)))
    return Change(k.id, value, queue, site)


def check_scope(con, change: Change) -> None:
    """A queue or site must exist in the warehouse: a typo would otherwise store a target nobody sees."""
    if change.queue:
        known = {r[0] for r in con.execute("SELECT DISTINCT queue FROM calls").fetchall()}
        if change.queue not in known:
            raise TargetError(f"Unknown queue '{change.queue[:40]}'. Known queues: "
                              f"{', '.join(sorted(known)[:20]) or 'none yet'}.")
    if change.site:
        known = {r[0] for r in con.execute("SELECT DISTINCT site FROM agents WHERE site IS NOT NULL").fetchall()}
        if change.site not in known:
            raise TargetError(f"Unknown site '{change.site[:40]}'. Known sites: "
                              f"{', '.join(sorted(known)[:20]) or 'none yet'}.")


def ensure_schema(con) -> None:
    """Warehouses built before targets existed get the tables on their first write."""
    con.execute(warehouse.read_sql("raw/70_targets.sql"))


def apply(con, changes: list[Change], by: str) -> list[dict]:
    """Apply validated changes on an open write connection inside the caller's transaction.
    Returns the history rows written (unchanged values write nothing)."""
    who = clean_name(by)
    written = []
    for raw in changes:
        c = validate(raw)
        check_scope(con, c)
        key = [c.kpi_id, c.queue, c.site]
        row = con.execute("SELECT value FROM targets WHERE kpi_id = ? AND queue = ? AND site = ?", key).fetchone()
        old = None if row is None else float(row[0])
        if old == c.value:
            continue
        if c.value is None:
            con.execute("DELETE FROM targets WHERE kpi_id = ? AND queue = ? AND site = ?", key)
        else:
            con.execute(
                "INSERT INTO targets (kpi_id, queue, site, value, set_by, set_at) "
                "VALUES (?, ?, ?, ?, ?, current_localtimestamp()) "
                "ON CONFLICT (kpi_id, queue, site) DO UPDATE SET value = excluded.value, "
                "set_by = excluded.set_by, set_at = excluded.set_at",
                key + [c.value, who])
        con.execute(
            "INSERT INTO target_history (kpi_id, queue, site, old_value, new_value, changed_by) "
            "VALUES (?, ?, ?, ?, ?, ?)", key + [old, c.value, who])
        written.append({"kpi_id": c.kpi_id, "queue": c.queue, "site": c.site, "old_value": old,
                        "new_value": c.value, "changed_by": who})
    return written


def save(path: Path, changes: list[Change], by: str) -> list[dict]:
    """Validate and store changes in one transaction: all are stored, or (on any error) none."""
    rights.require_admin("KPI targets")  # checked here, not only on the Settings page
    for c in changes:  # fail before taking the write lock
        validate(c)
    with warehouse.write_connection(Path(path)) as con, warehouse.transaction(con):
        ensure_schema(con)
        written = apply(con, changes, by)
    for w in written:
        rights.record_write(path, "target_changed", kpi_id=w["kpi_id"], queue=w["queue"], site=w["site"],
                            old_value=w["old_value"], new_value=w["new_value"], changed_by=w["changed_by"])
    return written


def history(con, kpi_id: str | None = None) -> pd.DataFrame:
    """Every change, newest first."""
    cols = ["changed_at", "changed_by", "kpi_id", "queue", "site", "old_value", "new_value"]
    if con is None or not _has_table(con, "target_history"):
        return pd.DataFrame(columns=cols)
    where, params = ("WHERE kpi_id = ?", [kpi_id]) if kpi_id else ("", [])
    return con.execute(f"SELECT {', '.join(cols)} FROM target_history {where} "
                       "ORDER BY change_id DESC", params).df()


def scope_label(queue: str | None, site: str | None) -> str:
    return _scope_text(queue or "", site or "")


def table(con, queue: str | None = None, site: str | None = None) -> pd.DataFrame:
    """One row per settable KPI: default, the scope's own target, the target in force and its source."""
    eff = effective(con, queue, site)
    dflt = defaults()
    rows = stored(con)
    own = {r.kpi_id: float(r.value) for r in rows[(rows["queue"] == (queue or ANY))
                                                   & (rows["site"] == (site or ANY))].itertuples()}
    out = []
    for kid in settable():
        k = registry.get(kid)
        t = eff.get(kid)
        out.append({
            "kpi_id": kid, "kpi": k.label, "unit": k.unit,
            "better": {registry.HIGHER_IS_BETTER: "higher", registry.LOWER_IS_BETTER: "lower"}.get(
                k.direction, "—"),
            "default": dflt[kid].value if kid in dflt else None,
            "this_scope": own.get(kid),
            "in_force": t.value if t else None,
            "source": t.source if t else _("No target"),
        })
    return pd.DataFrame(out)
