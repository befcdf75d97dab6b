"""The small center's ACD pools its lines (issue #17, part 3): English agents take every English queue,
bilingual agents take English calls when no English agent is free, but never at their own callers'
expense, and nobody takes a line whose language they do not speak."""
from __future__ import annotations

import duckdb
import numpy as np
import pytest

from analytics.sample import acd, generate

HANDLE = 300.0


def _serve(t, q, windows, home=(0, 1), overflow=([1], [])):
    """windows: (group, open, close) per agent; no breaks; every call takes HANDLE seconds."""
    g, o, c = (np.array(x, dtype=float) for x in zip(*windows))
    n = len(t)
    win, at = acd.serve_blended(np.array(t, float), np.array(q), np.zeros(n), np.full(n, 1e6),
                                lambda i, k: HANDLE, o, c, np.full(len(o), 1e9), np.zeros(len(o)),
                                g.astype(np.int64), list(home), list(overflow))
    return win.tolist(), at.tolist()


def test_an_english_call_goes_to_an_idle_bilingual_agent_only_when_no_english_agent_is_free():
    # Agent 0 speaks English only; agents 1 and 2 are bilingual (group 1).
    windows = [(0, 0, 9999), (1, 0, 9999), (1, 0, 9999)]
    win, at = _serve([10, 20], [0, 0], windows)
    assert win[0] == 0                       # the English agent first
    assert win[1] in (1, 2) and at[1] == 20  # then a free bilingual agent, at once


def test_a_bilingual_agent_keeps_a_colleague_free_for_the_own_line():
    # Only one bilingual agent on: lending them would leave the language line with nobody.
    win, at = _serve([10, 20], [0, 0], [(0, 0, 9999), (1, 0, 9999)])
    assert win == [0, 0] and at[1] == 10 + HANDLE


def test_an_own_caller_about_to_arrive_comes_first():
    # The English agent is busy until 300; two bilingual agents log in at 100.
    windows = [(0, 0, 9999), (1, 100, 9999), (1, 100, 9999)]
    win, at = _serve([0, 20], [0, 0], windows)
    assert win[1] in (1, 2) and at[1] == 100  # nobody else wants them at 100: the English call gets one
    # A Persian caller (queue 1) arrives at 50: at 100 the bilingual agent takes their own caller first.
    win, at = _serve([0, 20, 50], [0, 0, 1], windows)
    assert win[1] == 0 and at[1] == HANDLE
    assert win[2] in (1, 2) and at[2] == 100


def test_language_calls_never_reach_english_only_agents():
    windows = [(0, 0, 9999), (1, 0, 9999)]
    win, at = _serve([10, 11], [1, 1], windows)
    assert win == [1, 1] and at[1] == 10 + HANDLE  # waits for the Persian speaker, not the idle English one


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    path = tmp_path_factory.mktemp("blended") / "wh.duckdb"
    generate(path, preset="small", seed=3, months=1)
    c = duckdb.connect(str(path), read_only=True)
    yield c
    c.close()


def test_the_small_center_routes_across_its_lines(con):
    by = dict(((q, s), n) for q, s, n in con.execute(
        """SELECT c.queue, a.site, count(*) FROM calls c JOIN agents a USING (agent_id)
           WHERE c.outcome = 'answered' GROUP BY 1, 2""").fetchall())
    english = ("Billing", "Technical support")
    lent = sum(n for (q, s), n in by.items() if q in english and s != "Toronto")
    total = sum(n for (q, s), n in by.items() if q in english)
    assert 0.02 * total < lent < 0.25 * total, (lent, total)  # overflow, not a second English team
    # Nobody takes a line in a language they do not speak.
    assert {s for (q, s) in by if q not in english} <= {"Tehran", "Shenzhen"}
    assert all(s == "Tehran" for (q, s) in by if q == "پشتیبانی فارسی")
    # English agents take both English lines (one pool).
    billing_agents = {a for (a,) in con.execute("SELECT DISTINCT agent_id FROM calls WHERE queue = 'Billing'").fetchall()}
    tech_agents = {a for (a,) in con.execute(
        "SELECT DISTINCT agent_id FROM calls WHERE queue = 'Technical support'").fetchall()}
    assert len(billing_agents & tech_agents) > 0.8 * len(billing_agents | tech_agents)
