"""Build a sample warehouse: plan the calendar, people and roster, then write calls month by month."""
from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd

from analytics.auth import caller_key
from analytics.core import warehouse
from analytics.sample import arrivals, calls, moves, org, presets, quality, queueing, shifts

DEFAULT_END = dt.date(2026, 11, 22)
HORIZON_MONTHS = 3
EPOCH = np.datetime64("1970-01-01", "s")
# The center is short of what the planner's Erlang-A model asks for by this share of its agent hours
# (budgets lag demand); without it the sample would meet its target in every ordinary interval.
UNDERSTAFFED = 0.10
FORECAST_MISS = (0.08, 0.06)  # sd of the log forecast error per queue-day and per half hour


def _add_months(d: dt.date, n: int) -> dt.date:
    m = d.month - 1 + n
    return dt.date(d.year + m // 12, m % 12 + 1, 1)


def _calendar(end: dt.date, months: int):
    start = _add_months(dt.date(end.year, end.month, 1), -months)
    n_days = (end - start).days
    ends, m = [-1], start
    while True:
        nxt = _add_months(m, 1)
        ends.append((nxt - start).days - 1)
        m = nxt
        if ends[-1] >= n_days - 1 and len(ends) > 1:
            break
    window_months = len(ends) - 1
    for _ in range(HORIZON_MONTHS):
        nxt = _add_months(m, 1)
        ends.append((nxt - start).days - 1)
        m = nxt
    return start, n_days, np.array(ends, dtype=np.int64), window_months


def _ids(prefix: str, n: int, width: int = 2) -> list[str]:
    w = max(width, len(str(n)))
    return [f"{prefix}{i + 1:0{w}d}" for i in range(n)]


def plan(preset: presets.Preset, seed: int, end: dt.date):
    """Everything except the calls: calendar, people, roster and arrival rates."""
    start, n_days, month_end, _ = _calendar(end, preset.months)
    qkeys = list(preset.seats)
    specs = [presets.QUEUES[k] for k in qkeys]
    langs = [s.lang for s in specs]
    me_months = [(start + dt.timedelta(days=int(max(d, 0)))).month - 1 for d in month_end]
    season = np.array([[arrivals.SEASON.get(k, arrivals.SEASON["default"])[m] for m in me_months] for k in qkeys])
    first_monday = (7 - start.weekday()) % 7
    wf = org.build(preset, month_end, season, first_monday, np.random.default_rng([seed, 1]),
                   np.random.default_rng([seed, 31]))
    holiday = arrivals.holiday_mask(start, n_days, langs)
    names, rq, rshare, runres, rtalk = calls.reason_table(qkeys)
    ctx = SimpleNamespace(wf=wf, sh=None, start=start, n_days=n_days, end_s=n_days * 86400, qkeys=qkeys,
                          queue_names=[s.name for s in specs], reason_names=names, reason_queue=rq,
                          reason_share=rshare, reason_unres=runres, reason_talk=rtalk,
                          reason_first=np.array([np.flatnonzero(rq == qi)[0] for qi in range(len(qkeys))]),
                          max_reasons=int(np.bincount(rq).max()),
                          talk_median=np.array([s.talk_median_s for s in specs]),
                          patience=np.array([s.patience_s for s in specs]))
    ctx.reason_talk_mean = np.array([np.average(rtalk[rq == qi], weights=rshare[rq == qi]) for qi in range(len(qkeys))])
    ctx.aht = calls.expected_aht(ctx)
    # The planner's forecast knows the weekday, season, trend and holidays; the load is sized so that
    # its Erlang-A requirement uses the agent hours the roster has. Staffing is then placed to follow it.
    forecast = arrivals.INTRADAY[None, None, :] * arrivals.day_factors(start, n_days, qkeys, langs)[:, :, None]
    dow = (start.weekday() + np.arange(n_days)) % 7
    rough = np.bincount(wf.seat_queue, minlength=len(qkeys)) * n_days * (5 / 7) * 15.0
    _, need = queueing.size_load(forecast, ctx.aht, ctx.patience, rough)
    weekday_need = np.stack([need[:, dow == d].sum((1, 2)) / max((dow == d).sum(), 1) for d in range(7)], axis=1)
    ctx.sh = sh = shifts.roster(wf, n_days, start.weekday(), holiday, weekday_need, np.random.default_rng([seed, 2]))
    supply = shifts.supply(sh, wf.queue, len(qkeys))
    scale, required = queueing.size_load(forecast, ctx.aht, ctx.patience, supply * (1 + UNDERSTAFFED))
    ctx.blend = None
    if preset.blended:
        scale, required = queueing.size_blended(forecast, ctx.aht, ctx.patience, supply * (1 + UNDERSTAFFED),
                                                scale, required, langs)
        ctx.blend = queueing.blend_groups(langs)
    pool = None
    if preset.blended:  # the English lines share their agents: planned as one pool
        en = [i for i, l_ in enumerate(langs) if l_ == "en"]
        pool = np.array([en[0] if l_ == "en" else i for i, l_ in enumerate(langs)])
    shifts.place(sh, wf, required, np.random.default_rng([seed, 4]), pool)
    # What really arrives: the forecast missed by a few percent a day and a little more per half hour,
    # plus the outages nobody forecasts.
    rng = np.random.default_rng([seed, 3])
    miss = np.exp(rng.normal(0.0, FORECAST_MISS[0], (len(qkeys), n_days, 1))
                  + rng.normal(0.0, FORECAST_MISS[1], forecast.shape))
    ctx.lam = scale[:, None, None] * forecast * miss * arrivals.outages(rng, n_days, qkeys)
    return ctx


def _people(ctx) -> pd.DataFrame:
    wf, start = ctx.wf, ctx.start
    rng = np.random.default_rng(0)
    n_sup, n_coach, n_mgr = len(wf.sup_poor), len(wf.coach_bias), int(wf.sup_manager.max()) + 1
    sup_ids, coach_ids, mgr_ids = _ids("S", n_sup), _ids("C", n_coach), _ids("M", n_mgr)
    keep = wf.hired < ctx.n_days
    agent_ids = _ids("A", len(wf.seat), 4)
    day = lambda d: start + dt.timedelta(days=int(d))  # noqa: E731
    rows = []
    team_now = wf.team_on(ctx.n_days - 1)  # a move planned after the data's last day has not happened
    for i in np.flatnonzero(keep):
        gone = wf.left[i] < ctx.n_days
        rows.append((agent_ids[i], wf.names[i], sup_ids[team_now[i]], coach_ids[wf.coach[i]],
                     wf.sites[wf.seat_site[wf.seat[i]]], "agent", day(wf.hired[i]),
                     day(wf.left[i]) if gone else None,
                     ("voluntary" if wf.exit_type[i] == 1 else "involuntary") if gone else None))
    site_of = lambda seats: wf.sites[wf.seat_site[seats][0]]  # noqa: E731
    for s in range(n_sup):
        rows.append((sup_ids[s], wf.staff_names["sup"][s], mgr_ids[wf.sup_manager[s]], None,
                     site_of(np.flatnonzero(wf.seat_sup == s)), "supervisor", day(-rng.integers(400, 3000)), None, None))
    for c in range(n_coach):
        seats = np.flatnonzero(wf.seat_coach == c)
        rows.append((coach_ids[c], wf.staff_names["coach"][c], mgr_ids[wf.sup_manager[wf.seat_sup[seats[0]]]], None,
                     site_of(seats), "coach", day(-rng.integers(400, 3000)), None, None))
    for m in range(n_mgr):
        rows.append((mgr_ids[m], wf.staff_names["mgr"][m], None, None, wf.sites[0], "manager",
                     day(-rng.integers(1500, 4000)), None, None))
    cols = ["agent_id", "name", "supervisor_id", "coach_id", "site", "role", "hired_on", "left_on", "exit_type"]
    return pd.DataFrame(rows, columns=cols), agent_ids, coach_ids, sup_ids


def _cat(codes, categories):
    return pd.Categorical.from_codes(np.asarray(codes, dtype=np.int64), categories=categories)


def _ts(seconds, start: dt.date):
    base = np.datetime64(start.isoformat(), "s")
    return base + np.asarray(seconds, dtype=np.int64).astype("timedelta64[s]")


def _write_chunk(con, ctx, c, human, auto, survey, call_base, eval_base, caller_params, agent_ids, coach_ids):
    n = len(c["t"])
    num = call_base + np.arange(n, dtype=np.int64)
    df = pd.DataFrame({
        "n": num, "t": _ts(c["t"], ctx.start), "queue": _cat(c["q"], ctx.queue_names), "caller": c["caller"],
        "wait": c["wait"], "abandoned": c["abandoned"], "agent": _cat(c["agent"], agent_ids), "talk": c["talk"],
        "hold_s": c["hold_s"], "acw": c["acw"], "transferred": c["transferred"],
        "reason": _cat(c["reason"], ctx.reason_names), "resolved": c["resolved"], "dead_air": c["dead_air"],
        "hold_count": c["hold_count"],
    })
    con.register("chunk", df)
    con.execute(INSERT_CALLS, caller_params)
    con.unregister("chunk")
    hn = len(human["call"])
    hid = eval_base + np.arange(hn, dtype=np.int64)
    ev = pd.DataFrame({
        "eid": hid, "call": num[human["call"]], "agent": _cat(human["agent"], agent_ids),
        "evaluator": _cat(human["coach"], coach_ids), "ts": _ts(human["at"], ctx.start), "score": human["score"],
    })
    con.register("ev", ev)
    con.execute("INSERT INTO evaluations SELECT printf('QA%08d', eid), printf('CL%09d', call), agent::VARCHAR, "
                "evaluator::VARCHAR, ts, score, 'human' FROM ev")
    con.unregister("ev")
    items = pd.DataFrame({
        "eid": np.repeat(hid, len(quality.CRITERIA)),
        "criterion": _cat(np.tile(np.arange(len(quality.CRITERIA)), hn), [k for k, _ in quality.CRITERIA]),
        "score": human["items"].ravel(),
    })
    con.register("items", items)
    con.execute("INSERT INTO evaluation_items SELECT printf('QA%08d', eid), criterion::VARCHAR, score FROM items")
    con.unregister("items")
    au = pd.DataFrame({"call": num[auto["call"]], "agent": _cat(auto["agent"], agent_ids),
                       "ts": _ts(auto["at"], ctx.start), "score": auto["score"]})
    con.register("au", au)
    con.execute("INSERT INTO evaluations SELECT printf('AQ%09d', call), printf('CL%09d', call), agent::VARCHAR, "
                "'auto-qa', ts, score, 'auto' FROM au")
    con.unregister("au")
    sv = pd.DataFrame({"call": num[survey["call"]], "csat": survey["csat"], "nps": survey["nps"],
                       "ts": _ts(survey["at"], ctx.start)})
    con.register("sv", sv)
    con.execute("INSERT INTO surveys SELECT printf('CL%09d', call), csat, nps, ts FROM sv")
    con.unregister("sv")
    return n, hn


INSERT_CALLS = """
INSERT INTO calls (call_id, arrived_at, queue, caller_id, wait_s, outcome, agent_id, talk_s, hold_s, acw_s,
                   transferred, reason, resolved, dead_air_s, hold_count)
SELECT printf('CL%09d', n), t, queue::VARCHAR,
       CASE WHEN caller < 0 THEN NULL ELSE {caller_hmac} END,
       wait, CASE WHEN abandoned THEN 'abandoned' ELSE 'answered' END, agent::VARCHAR,
       CASE WHEN abandoned THEN 0 ELSE talk END,
       CASE WHEN abandoned THEN NULL ELSE hold_s END,
       CASE WHEN abandoned THEN NULL ELSE acw END,
       CASE WHEN abandoned THEN NULL ELSE transferred END,
       CASE WHEN abandoned THEN NULL ELSE reason::VARCHAR END,
       CASE WHEN abandoned THEN NULL ELSE resolved END,
       CASE WHEN abandoned THEN NULL ELSE dead_air END,
       CASE WHEN abandoned THEN NULL ELSE hold_count END
FROM chunk
""".format(
    # caller ids are born keyed (analytics/auth/caller_key.py): HMAC of a salted pseudonym, so the first
    # import into a sample warehouse never has to re-key every call and rebuild every mart
    caller_hmac=caller_key.hmac_sql("substr(md5(? || caller::VARCHAR), 1, 16)"))


def _write_static(con, ctx, people, agent_ids):
    con.register("people", people)
    con.execute("INSERT INTO agents SELECT agent_id, name, supervisor_id, coach_id, site, role, hired_on, "
                "left_on, exit_type FROM people")
    con.unregister("people")
    sh = ctx.sh
    sf = pd.DataFrame({"agent": _cat(sh.agent, agent_ids), "d": _ts(sh.day * 86400, ctx.start),
                       "sched": sh.scheduled_s, "logged": sh.logged_in_s, "adh": sh.adherent_s, "absent": sh.absent,
                       "t0": sh.start * arrivals.SLOT_S, "t1": (sh.start + sh.nslots) * arrivals.SLOT_S})
    con.register("sf", sf)
    con.execute("INSERT INTO shifts (agent_id, date, scheduled_s, logged_in_s, adherent_s, absent, start_time, end_time) "
                "SELECT agent::VARCHAR, d::DATE, sched, logged, adh, absent, TIME '00:00' + to_seconds(t0), "
                "TIME '00:00' + to_seconds(t1) FROM sf")
    con.unregister("sf")
    _write_truth_intensity(con, ctx)
    _write_holidays(con, ctx)
    wf = ctx.wf
    ks = [k for k in range(1, len(wf.month_end)) if wf.month_end[k] < ctx.n_days]
    parts = []
    for k in ks:
        me = wf.month_end[k]
        act = np.flatnonzero((wf.hired <= me) & (wf.left > me))
        parts.append((act, np.full(len(act), me), wf.hazard[act, k], wf.p90[act, k]))
    if parts:
        a, me, h, p = (np.concatenate(x) for x in zip(*parts))
        tr = pd.DataFrame({"agent": _cat(a, agent_ids), "me": _ts(me * 86400, ctx.start), "h": h, "p": p})
        con.register("tr", tr)
        con.execute("INSERT INTO truth.agent_month_hazard SELECT agent::VARCHAR, me::DATE, h, p FROM tr")
        con.unregister("tr")


def _write_holidays(con, ctx):
    """The public holidays of each queue's country, through the window and a quarter beyond it: the
    calendar a planner keeps (the product's `holidays` table, not truth)."""
    n = ctx.n_days + 120
    langs = [presets.QUEUES[k].lang for k in ctx.qkeys]
    mask = arrivals.holiday_mask(ctx.start, n, langs)
    q, d = np.nonzero(mask)
    hd = pd.DataFrame({"queue": _cat(q, ctx.queue_names), "d": _ts(d * 86400, ctx.start)})
    con.register("hd", hd)
    con.execute("INSERT INTO holidays SELECT d::DATE, queue::VARCHAR, 'Public holiday' FROM hd")
    con.unregister("hd")


def _write_truth_intensity(con, ctx):
    """The Poisson mean of calls per queue and 30-minute slot (what the forecast is judged against)."""
    q, d, sl = np.nonzero(ctx.lam > 0)
    ti = pd.DataFrame({"queue": _cat(q, ctx.queue_names), "t": _ts((d * arrivals.SLOTS + sl) * arrivals.SLOT_S, ctx.start),
                       "lam": ctx.lam[q, d, sl]})
    con.register("ti", ti)
    con.execute("INSERT INTO truth.queue_interval_intensity SELECT queue::VARCHAR, t, lam FROM ti")
    con.unregister("ti")
    qp = pd.DataFrame({"queue": ctx.queue_names, "patience": ctx.patience.astype(float), "aht": ctx.aht.astype(float)})
    con.register("qp", qp)
    con.execute("INSERT INTO truth.queue_params SELECT queue, patience, aht FROM qp")
    con.unregister("qp")


TABLES = ["agents", "calls", "evaluations", "evaluation_items", "surveys", "shifts", "truth.agent_month_hazard",
          "truth.queue_interval_intensity"]


def generate(path, preset: str = "small", seed: int = 7, end=None, progress: bool = False,
             months: int | None = None, agents: int | None = None) -> dict:
    """Replace the warehouse at `path` with a generated center; returns rows per table and seconds."""
    t0 = time.perf_counter()
    p = presets.resolve(preset, months, agents)
    if end is None:
        end = DEFAULT_END
    elif isinstance(end, str):
        end = dt.date.fromisoformat(end)
    path = Path(path)
    building = Path(str(path) + ".building")
    for f in (building, Path(str(building) + ".wal")):
        f.unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)

    ctx = plan(p, seed, end)
    people, agent_ids, coach_ids, sup_ids = _people(ctx)
    salt = f"switchboard-sample-{seed}"
    the_key = caller_key.key()
    caller_params = [*caller_key.hmac_params(the_key), salt]
    stats = {"preset": p.name, "seed": seed, "start": ctx.start.isoformat(), "end": end.isoformat()}
    con = warehouse.duckdb.connect(str(building))
    try:
        if p.name == "large":  # stay inside a 4 GiB budget; costs ~2x time, so only where needed
            con.execute("SET memory_limit = '2GB'")
        warehouse.build_schema(con)
        _write_static(con, ctx, people, agent_ids)
        stats["moved_agents"] = moves.write_moves(con, ctx, agent_ids, sup_ids, coach_ids)  # org-chart history
        chunk_edges = [max(0, int(x) + 1) for x in ctx.wf.month_end if x < ctx.n_days - 1] + [ctx.n_days]
        chunk_edges = sorted(set(chunk_edges))
        pending = calls.Pending.empty()
        call_base = eval_base = 1
        bar = range(len(chunk_edges) - 1)
        if progress:
            from tqdm import tqdm
            bar = tqdm(bar, desc=f"sample {p.name}", unit="month")
        for i in bar:
            d0, d1 = chunk_edges[i], chunk_edges[i + 1]
            c, pending = calls.make(ctx, d0, d1, np.random.default_rng([seed, 10, i]), pending)
            human, auto, survey = quality.make(ctx, c, np.random.default_rng([seed, 11, i]))
            n, hn = _write_chunk(con, ctx, c, human, auto, survey, call_base, eval_base, caller_params, agent_ids,
                                 coach_ids)
            call_base += n
            eval_base += hn
        caller_key.mark_keyed(con, the_key)
        try:
            # the marts as `refresh --full` builds them: the rebuild's memory cap, spilling beside the
            # file after a free-disk check, in one transaction (a failure leaves no half-built marts)
            warehouse.tune_for_writes(con, building)
            with warehouse.rebuild_room(con), warehouse.transaction(con):
                warehouse.refresh_marts(con)
            stats["marts"] = "ok"
        except warehouse.NoRoomForRebuild as exc:  # said before anything was written; name the final file
            stats["marts"] = str(exc).replace(str(building), str(path))
        except Exception as exc:  # the marts are another layer's; a broken mart must not lose the data
            stats["marts"] = f"refresh failed: {exc}"
        stats["rows"] = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
        con.execute("CHECKPOINT")
    finally:
        con.close()
    Path(str(path) + ".wal").unlink(missing_ok=True)
    os.replace(building, path)
    stats["bytes"] = path.stat().st_size
    stats["seconds"] = round(time.perf_counter() - t0, 2)
    return stats
