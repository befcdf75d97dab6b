"""A hand-built center across Nowruz 1405 for the calendar tests (tests/core, tests/commands, browser).

Days 2026-03-10 … 2026-04-25 (19 Esfand 1404 … 5 Ordibehesht 1405). Day i (0-based) has CALLS[i] calls
in queue Q1, all answered by A1; the first ANSWERED_FAST[i] of them within 20 s, the rest after 60 s.
The Jalali periods below are written by hand from the public Nowruz dates (1 Farvardin 1405 =
2026-03-21, a Saturday; 1404 a common year, Esfand 29 days), not computed by the product.
"""
from __future__ import annotations

from datetime import date, timedelta

from warehouse_builder import build

FIRST = date(2026, 3, 10)
N_DAYS = 47
CALLS = [(i * 7) % 5 + 1 for i in range(N_DAYS)]          # 1…5 calls a day, in a fixed pattern
ANSWERED_FAST = [max(0, c - (i % 3)) for i, c in enumerate(CALLS)]

JALALI = {   # label → (first day, last day), by hand
    "1404-W53": (date(2026, 3, 14), date(2026, 3, 20)),   # Sat 23 Esfand … Fri 29 Esfand 1404
    "1405-W01": (date(2026, 3, 21), date(2026, 3, 27)),   # Nowruz (a Saturday) … Friday
    "1405-W02": (date(2026, 3, 28), date(2026, 4, 3)),
    "1404-12": (date(2026, 2, 20), date(2026, 3, 20)),     # Esfand 1404: 29 days
    "1405-01": (date(2026, 3, 21), date(2026, 4, 20)),     # Farvardin 1405: 31 days
    "1405-02": (date(2026, 4, 21), date(2026, 5, 21)),     # Ordibehesht: 31 days
}


def day(i: int) -> date:
    return FIRST + timedelta(days=i)


def per_day() -> dict[date, tuple[int, int]]:
    """Gregorian day → (calls, answered within 20 s)."""
    return {day(i): (CALLS[i], ANSWERED_FAST[i]) for i in range(N_DAYS)}


def totals(first: date, last: date) -> tuple[int, int]:
    rows = [v for d, v in per_day().items() if first <= d <= last]
    return sum(r[0] for r in rows), sum(r[1] for r in rows)


def build_center(path):
    calls = []
    for i in range(N_DAYS):
        for k in range(CALLS[i]):
            calls.append(dict(call_id=f"c{i:02d}-{k}", arrived_at=f"{day(i)} 09:{10 + k:02d}:00", queue="Q1",
                              caller_id=None, wait_s=5 if k < ANSWERED_FAST[i] else 60, outcome="answered",
                              agent_id="A1", talk_s=100))
    agents = [dict(agent_id="S1", name="سارا", role="supervisor", site="تهران", hired_on="2020-01-01"),
              dict(agent_id="A1", name="علی", role="agent", supervisor_id="S1", site="تهران",
                   hired_on="2025-01-01")]
    return build(path, agents=agents, calls=calls)
