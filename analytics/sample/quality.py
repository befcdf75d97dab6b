"""QA evaluations (human by coaches, with criterion items; automated on every answered call) and
post-call surveys for one chunk of calls."""
from __future__ import annotations

import numpy as np

CRITERIA = [("greeting", 6.0), ("verification", 2.0), ("empathy", -3.0), ("resolution", -4.0),
            ("compliance", 4.0), ("closing", 3.0)]


def make(ctx, calls: dict, rng):
    wf = ctx.wf
    ans = np.flatnonzero(~calls["abandoned"])
    ag = calls["agent"][ans]
    t = calls["t"][ans]
    k = np.searchsorted(wf.month_end, calls["day"][ans], side="left")
    quality = (wf.qa_mu[ag, k] + 3.0 * ~calls["unresolved"][ans] - 3.0 * calls["transferred"][ans]
               - 1.5)
    end_s = t + calls["talk"][ans] + calls["hold_s"][ans] + calls["acw"][ans]

    # Human: coaches sample ~4% of answered calls, new hires more often; a few are cross-checked.
    pick = rng.random(len(ans)) < 0.033 * (1 + 0.8 * calls["lc"][ans])
    h = np.flatnonzero(pick)
    n_coach = len(wf.coach_bias)
    coach = np.where(rng.random(len(h)) < 0.9, wf.coach[ag[h]], rng.integers(0, n_coach, len(h)))
    true = quality[h] + wf.coach_bias[coach]
    res_bonus = np.where(calls["unresolved"][ans][h], -8.0, 4.0)
    items = np.stack([np.clip(np.round(true + off + (res_bonus if name == "resolution" else 0)
                                       + rng.normal(0, 6, len(h))), 0, 100)
                      for name, off in CRITERIA], axis=1)
    at = end_s[h] + rng.integers(86400, 5 * 86400, len(h))
    done = at < ctx.end_s  # the last days' calls are not reviewed yet: no evaluation, not a clamped one
    human = dict(call=ans[h][done], agent=ag[h][done], coach=coach[done], score=np.round(items.mean(1), 1)[done],
                 at=at[done], items=items[done])
    auto = dict(call=ans, agent=ag,
                score=np.clip(np.round(quality + 2 - 40 * calls["dead_air"][ans] / np.maximum(calls["talk"][ans], 1)
                                       + rng.normal(0, 6, len(ans)), 1), 0, 100),
                at=end_s + 600)

    # Surveys: ~10% answer; happier when resolved, unhappier after a long wait or a transfer.
    s = np.flatnonzero(rng.random(len(ans)) < 0.10)
    sat = (3.4 + 1.2 * ~calls["unresolved"][ans][s] - 0.004 * np.minimum(calls["wait"][ans][s], 400)
           - 0.4 * calls["transferred"][ans][s] + 0.2 * wf.skill[ag[s]] + rng.normal(0, 0.7, len(s)))
    csat = np.clip(np.round(sat), 1, 5).astype(np.int64)
    nps = np.clip(np.round(2.3 * csat - 1.5 + rng.normal(0, 1.3, len(s))), 0, 10).astype(np.int64)
    at = end_s[s] + 60 + rng.exponential(2 * 3600, len(s)).astype(np.int64)
    done = at < ctx.end_s
    survey = dict(call=ans[s][done], csat=csat[done], nps=nps[done], at=at[done])
    return human, auto, survey
