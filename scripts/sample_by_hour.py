"""Occupancy, abandonment and service level by hour of a built warehouse (the table in docs/sample.md).

    python scripts/sample_by_hour.py PATH.duckdb

Occupancy by hour = handle time of the answered calls arriving in the hour ÷ logged-in time in that
hour's half hours (each present shift's logged-in time spread evenly over its start–end span);
abandonment and service level leave out short abandons (under 5 s)."""
from __future__ import annotations

import sys

import duckdb

AB = ("100.0 * count(*) FILTER (outcome = 'abandoned' AND wait_s >= 5)"
      " / nullif(count(*) FILTER (NOT (outcome = 'abandoned' AND wait_s < 5)), 0)")
SL = ("100.0 * count(*) FILTER (outcome = 'answered' AND wait_s <= 20)"
      " / nullif(count(*) FILTER (NOT (outcome = 'abandoned' AND wait_s < 5)), 0)")
LOGIN = """
WITH s AS (SELECT (epoch(start_time) / 1800)::INT s0, (epoch(end_time) / 1800)::INT s1,
                  logged_in_s / (epoch(end_time) - epoch(start_time)) f
           FROM shifts WHERE NOT absent AND end_time > start_time),
x AS (SELECT unnest(range(0, 48)) sl)
SELECT sl // 2, sum(f * 1800) FROM s, x WHERE sl >= s0 AND sl < s1 GROUP BY 1"""


def main(path: str) -> None:
    con = duckdb.connect(path, read_only=True)
    login = dict(con.execute(LOGIN).fetchall())
    print("| hour | occupancy | abandonment | service level | calls |\n|---|---|---|---|---|")
    for h, handle, ab, sl, n in con.execute(
            f"""SELECT hour(arrived_at), sum(talk_s + hold_s + acw_s) FILTER (outcome = 'answered'), {AB}, {SL},
                       count(*) FROM calls GROUP BY 1 ORDER BY 1""").fetchall():
        occ = f"{100 * handle / login[h]:.1f}%" if login.get(h) else "–"
        print(f"| {h:02d}:00 | {occ} | {ab:.1f}% | {sl:.1f}% | {n:,} |")
    occ = con.execute("""SELECT 100.0 * (SELECT sum(talk_s + hold_s + acw_s) FROM calls WHERE outcome = 'answered')
                         / (SELECT sum(logged_in_s) FROM shifts)""").fetchone()[0]
    ab, sl = con.execute(f"SELECT {AB}, {SL} FROM calls").fetchone()
    print(f"| **all** | **{occ:.1f}%** | **{ab:.1f}%** | **{sl:.1f}%** | |")
    for q, ab, sl in con.execute(f"SELECT queue, {AB}, {SL} FROM calls GROUP BY 1 ORDER BY 1").fetchall():
        print(f"{q}: abandonment {ab:.1f}%, service level {sl:.1f}%")


if __name__ == "__main__":
    main(sys.argv[1])
