"""What needs attention first: KPIs off target and KPIs that got significantly worse, ranked by size ×
significance — the weekly review's highlight ranking (highlights.rank), plus the distance from target
measured the same way (highlights.size_of, against the target instead of the previous value)."""
from __future__ import annotations

from dataclasses import dataclass

from analytics.core import registry, status
from analytics.review import highlights
from analytics.core.numbers import as_float
from analytics.i18n import _

# how much a target miss weighs against a significant worsening of the same size
TARGET_WEIGHT = {status.MISSED: 1.0, status.NEAR: 0.3}


@dataclass
class Item:
    kpi_id: str
    label: str
    value_text: str
    status: str | None          # against target
    worse: bool                 # significantly (or untested and large) worse than the comparison
    score: float
    reason: str                 # one line: what is wrong, in words


def rank(cur: dict, prev: dict | None, tgts: dict,
         ids=registry.HEADLINE, limit: int = 4) -> list[Item]:
    """`cur`/`prev`: one metrics.compute row each, with stats; `tgts`: kpi_id → Target."""
    items: dict[str, Item] = {}
    if prev:
        for h in highlights.rank(cur, prev, ids=ids, limit=len(ids)):
            if h.good is False and h.significant is not False:
                k = registry.get(h.kpi_id)
                items[h.kpi_id] = Item(h.kpi_id, k.label, k.format(h.value), None, True, h.score,
                                       _("{change} vs the comparison period").format(change=k.format_delta(h.delta))
                                       + ("" if h.significant else " (not tested)"))
    for kid in ids:
        k = registry.get(kid)
        value, t = as_float(cur.get(kid)), tgts.get(kid)
        s = status.of(kid, value, t)
        if s not in TARGET_WEIGHT:
            continue
        gap = highlights.size_of(k, value, float(t.value)) * TARGET_WEIGHT[s]
        miss = _("{status} ({target})").format(status=status.look(s).word.lower(), target=status.target_text(k, t))
        if kid in items:
            it = items[kid]
            it.status, it.score, it.reason = s, it.score + gap, f"{miss}; {it.reason}"
        else:
            items[kid] = Item(kid, k.label, k.format(value), s, False, gap, miss)
    out = sorted(items.values(), key=lambda i: i.score, reverse=True)
    return out[:limit]
