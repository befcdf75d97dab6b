"""A hand-built warehouse for the review tests: two identical weeks (2026-W45, 2026-W46) of calls in
two queues, except one planted change — in W46 every Billing call on Tuesday and Wednesday between
10:00 and 11:59 is abandoned. Plus QA evaluations and an over-wide team for the watchlist."""
from __future__ import annotations

from datetime import date, datetime, timedelta

from warehouse_builder import build

WEEKS = {"2026-W45": date(2026, 11, 2), "2026-W46": date(2026, 11, 9)}
QUEUES = ("Billing", "پشتیبانی")
AGENT_IDS = [f"A{i:02d}" for i in range(1, 16)]


def agents():
    rows = [dict(agent_id="S1", name="Sara Supervisor", role="supervisor", site="X", hired_on="2024-01-01"),
            dict(agent_id="S2", name="王芳", role="supervisor", site="X", hired_on="2024-01-01")]
    for n, a in enumerate(AGENT_IDS):
        rows.append(dict(agent_id=a, name=("مریم" if a == "A02" else f"Agent {a}"), role="agent",
                         supervisor_id="S1" if n < 13 else "S2", site="X", hired_on="2025-01-01"))
    return rows


def calls(plant: bool = True):
    rows = []
    for label, monday in WEEKS.items():
        counter = 0
        for day in range(5):
            for hour in range(8, 18):
                for q in QUEUES:
                    for i in range(4):
                        counter += 1
                        at = datetime.combine(monday + timedelta(days=day), datetime.min.time()) + timedelta(
                            hours=hour, minutes=10 * i + 1)
                        planted = (plant and label == "2026-W46" and q == "Billing" and day in (1, 2)
                                   and hour in (10, 11))
                        abandoned = planted or counter % 20 == 7
                        late = counter % 5 == 1
                        cid = f"{label}-{counter}"
                        if abandoned:
                            rows.append(dict(call_id=cid, arrived_at=at, queue=q, wait_s=60, outcome="abandoned",
                                             talk_s=0))
                        else:
                            rows.append(dict(call_id=cid, arrived_at=at, queue=q, wait_s=40 if late else 10,
                                             outcome="answered", agent_id=AGENT_IDS[counter % 15], talk_s=300,
                                             hold_s=0, acw_s=30, transferred=False))
    return rows


def evaluations():
    """W46: A01 fails 3 of 3 human evaluations, A02 fails one, A03 fails two automated ones (not counted)."""
    rows = []
    for n, (agent, score, kind) in enumerate([("A01", 60, "human"), ("A01", 70, "human"), ("A01", 75, "human"),
                                              ("A02", 60, "human"), ("A02", 95, "human"),
                                              ("A03", 50, "auto"), ("A03", 55, "auto")]):
        rows.append(dict(evaluation_id=f"e{n}", agent_id=agent, evaluator_id="C1",
                         evaluated_at=datetime(2026, 11, 10, 9 + n), score=score, kind=kind))
    return rows


def build_planted(path, plant: bool = True):
    return build(path, agents=agents(), calls=calls(plant), evaluations=evaluations())
