"""python -m analytics attrition train|score|report: the agent attrition-risk model."""
from __future__ import annotations

import json
import math
import sys

from analytics.auth import rights
from analytics.auth.cli import add_as_argument, scope_for
from analytics.core import warehouse
from analytics.attrition import backtest, card, scoring, store, training

NAME = "attrition"
HELP = "train the attrition-risk model, score agents, or report on the saved model"


def add_arguments(p):
    p.add_argument("action", choices=("train", "score", "report"))
    p.add_argument("--format", default="table", choices=("json", "table"))
    p.add_argument("--seed", type=int, default=0, help="random seed for training (default 0)")
    p.add_argument("--folds", type=int, default=backtest.TEST_MONTHS,
                   help=f"backtest test months (default {backtest.TEST_MONTHS}; 6 validation months precede them)")
    p.add_argument("--limit", type=int, default=0, help="score: only the N highest risks (0 = all)")
    add_as_argument(p)


def _clean(v):
    if isinstance(v, float) and math.isnan(v):
        return None
    if hasattr(v, "item"):
        return v.item()
    if hasattr(v, "isoformat"):
        return v.isoformat()
    return v


def _summary(meta: dict, path) -> dict:
    keys = ("kind", "roc_auc", "pr_auc", "brier", "precision_at_10pct", "recall_at_10pct", "lift_at_10pct",
            "oracle_roc_auc", "baselines", "folds", "targets", "training_window", "data_hash", "seconds",
            "trusted", "auc_ci", "auc_diff_ci", "test_window", "validation_months", "logistic_C", "intervals")
    validation = meta.get("validation") or {}
    return {"model": str(path), **{k: meta.get(k) for k in keys},
            "candidates": {k: validation[k]["roc_auc"] for k in ("logistic", "gbm", "blend") if k in validation}}


def _print_table(meta: dict) -> None:
    t = card.metrics_table(meta)
    print(t.drop(columns=["id"]).to_string(index=False, float_format=lambda x: f"{x:.3f}"))
    print()
    for title, text in card.sections(meta):
        print(f"{title}: {text}")


def run(args) -> int:
    db = warehouse.resolve_db_path(args.db)
    if not db.exists():
        raise warehouse.WarehouseMissing(db)
    scope_for(args, db, needs="attrition")  # HR-sensitive: admins and managers only
    if args.action == "train":
        try:
            path, meta = training.train(db, seed=args.seed, n_folds=max(1, args.folds))
        except backtest.NotEnoughHistory as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        if args.format == "json":
            print(json.dumps(_summary(meta, path), ensure_ascii=False, indent=1, default=str))
        else:
            print(f"saved {path}")
            _print_table(meta)
        return 0
    try:
        found = store.latest(db)
    except store.ModelRejected as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if found is None:
        print(f"error: no trained attrition model for {db}; run `python -m analytics attrition train --db {db}`",
              file=sys.stderr)
        return 1
    model, meta = found
    if args.action == "report":
        if args.format == "json":
            print(json.dumps(_summary(meta, meta.get("model_file")) | {"table": meta["table"]},
                             ensure_ascii=False, indent=1, default=str))
        else:
            _print_table(meta)
        return 0
    from analytics.attrition import scores

    scores.compute_and_store(db, model, meta)  # (re)compute and store every month-end's scores
    scored = scores.latest(db, meta, model)
    cols = ["agent_id", "name", "supervisor", "month_end", "risk", "band", "drivers"]
    out = scored[cols].head(args.limit) if args.limit > 0 else scored[cols]
    rights.record_write(db, "attrition_exported", rows=len(out), format=args.format)
    if args.format == "json":
        recs = [{k: _clean(v) for k, v in r.items()} for r in out.to_dict(orient="records")]
        print(json.dumps(recs, ensure_ascii=False, indent=1))
    else:
        shown = out.assign(risk=[f"{100 * r:.1f}%" for r in out["risk"]])
        print(shown.to_string(index=False) if len(shown) else "no active agents to score")
    return 0
