"""python -m analytics bench: measure the app's speed on a generated warehouse, in one run."""
from __future__ import annotations

import json
import sys
from pathlib import Path

NAME = "bench"
HELP = "benchmark page latency, rollup vs detail vs pandas, cold start and memory (one run)"


def add_arguments(p):
    p.add_argument("--preset", default="medium", help="sample preset to build if --db is missing")
    p.add_argument("--repeats", type=int, default=10, help="views per page (p50/p95 over them)")
    p.add_argument("--sessions", type=int, default=20, help="sessions for the memory check")
    p.add_argument("--format", choices=("json", "table"), default="table")
    p.add_argument("--import-rows", type=int, default=5_000_000,
                   help="rows of the large-file import check (0 = skip it)")
    p.add_argument("--no-imports", action="store_true", help="skip the daily and large import checks")


def run(args) -> int:
    from analytics.perf import bench
    from analytics.sample import generate

    # The preset's warehouse is built once and kept (data/bench-<preset>.duckdb): the large one takes
    # the better part of an hour, so later runs measure the same file.
    db = Path(args.db) if args.db else Path("data") / f"bench-{args.preset}.duckdb"
    built = None
    if not db.exists():
        print(f"building the {args.preset} sample at {db} …", file=sys.stderr)
        built = generate(db, preset=args.preset, progress=True)
    res = bench.run(db, repeats=args.repeats, sessions=args.sessions,
                    progress=lambda m: print(m, file=sys.stderr), import_rows=args.import_rows,
                    with_imports=not args.no_imports)
    if built is not None:
        res["build"] = {"preset": args.preset, "seconds": built["seconds"], "bytes": built["bytes"],
                        "rows": built["rows"]}
    if args.format == "json":
        json.dump(res, sys.stdout, indent=1, default=str)
        print()
        return 0
    meta = res["meta"]
    print(f"{meta['date_utc']} · commit {meta['commit'] or '?'} · {meta['cpus']} CPUs · load "
          f"{meta['load_at_start'][0]:.1f} at start, {meta['load_at_end'][0]:.1f} at end")
    if "build" in res:
        print(f"built the {res['build']['preset']} preset in {res['build']['seconds']:.0f} s")
    r = res["ratios"]
    print(f"warehouse {res['warehouse']}: {r['calls']:,} calls, {r['days']} days, KPIs {', '.join(r['kpis'])}")
    print(f"  rollup {r['rollup_ms']:.0f} ms · detail (DuckDB) {r['detail_duckdb_ms']:.0f} ms · "
          f"pandas {r['pandas_compute_ms']:.0f} ms (+ load {r['pandas_load_ms']:.0f} ms)")
    print(f"  detail/rollup {r['detail_over_rollup']:.1f}× · pandas/rollup {r['pandas_over_rollup']:.1f}× · "
          f"(pandas+load)/rollup {r['pandas_with_load_over_rollup']:.1f}× · "
          f"max |rollup − pandas| {r['max_abs_difference_rollup_vs_pandas']:.2e}")
    w = res["staffing_whatif"]
    print(f"staffing what-if over {w['intervals']:,} intervals: p50 {w['p50_ms']:.0f} ms, p95 {w['p95_ms']:.0f} ms "
          f"({w['runs']} runs)")
    c = res["cold_page"]
    print(f"cold first render of {c['page']}: {c['first_render_ms']:.0f} ms (the start before it: "
          f"{c.get('warm_up_start_ms', float('nan')):.0f} ms)")
    print(f"{'page':<20}{'p50 ms':>9}{'p95 ms':>9}{'CPU p95':>9}{'cached p50':>12}{'cached p95':>12}"
          f"{'errors':>8}{'load':>7}")
    for row in res["pages"]:
        print(f"{row['page']:<20}{row['p50_ms']:>9.0f}{row['p95_ms']:>9.0f}{row['cpu_p95_ms']:>9.0f}"
              f"{row['cached_p50_ms']:>12.0f}{row['cached_p95_ms']:>12.0f}{row['exceptions']:>8}{row['load_1m']:>7.1f}")
    m = res["memory"]
    print(f"memory over {m['sessions']} sessions: {m['rss_after_first_mb']:.0f} MB after 1, "
          f"{m['rss_after_5_mb']:.0f} MB after 5, {m['rss_after_last_mb']:.0f} MB after {m['sessions']}")
    print(f"attrition model: {res['model']['model_id']}")
    for key, label in (("daily_import", "daily import"), ("large_import", "large import")):
        if key in res:
            i = res[key]
            rss = f"{i['peak_rss_mb']:.0f} MB" if i["peak_rss_mb"] else "n/a"
            print(f"{label}: {i['rows']:,} rows in {i['wall_s']:.1f} s, peak RSS {rss}, exit {i['exit_code']}")
    t = res["targets"]
    missed = [row for row in t["rows"] if row["met"] is False]
    print(f"targets ({t['scale']} center): {len(t['rows']) - len(missed)} of {len(t['rows'])} met"
          + "".join(f"\n  missed: {row['row']} = {row['value']:.0f} (target {row['target']})" for row in missed))
    return 0
