"""python -m analytics attrition train|score|report: the agent attrition-risk model."""
from __future__ import annotations

import argparse
import json
import math
import sys

from analytics.auth import rights
from analytics.auth.cli import add_as_argument, scope_for
from analytics.core import warehouse
from analytics.attrition import backtest, card, explain, scoring, store, training, trust
from analytics import cli_text as _out
from analytics.core import units
from analytics.i18n import N_, _

NAME = "attrition"
HELP = "train the attrition-risk model, score agents, or report on the saved model"


def _at_least(low: int):
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(_("{value!r} is not a whole number").format(value=text)) from None
        if value < low:
            raise argparse.ArgumentTypeError(_("{value} is below {low}").format(value=value, low=low))
        return value
    return parse


def add_arguments(p):
    p.add_argument("action", choices=("train", "score", "report"))
    p.add_argument("--format", default="table", choices=("json", "table"))
    p.add_argument("--seed", type=int, default=0, help="random seed for training (default 0)")
    p.add_argument("--folds", type=_at_least(1), default=None,
                   help=f"backtest test months (default {backtest.TEST_MONTHS}; 6 validation months precede them)")
    p.add_argument("--limit", type=_at_least(0), default=0, help="score: only the N highest risks (0 = all)")
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
            # every candidate the model was chosen among (an older model's too: it had "logistic")
            "candidates": {k: v["roc_auc"] for k, v in validation.items() if isinstance(v, dict) and "roc_auc" in v}}


def _print_table(meta: dict) -> None:
    """The model card's table with the page's headers and digits, in the reader's language."""
    t = card.metrics_table(meta).drop(columns=["id"])
    shown = t.assign(**{c: ["—" if v is None or v != v else units.number(v, card.METRIC_HEADERS[c][1])
                            for v in t[c]]
                        for c in t.columns if card.METRIC_HEADERS[c][1] is not None})
    shown = shown.rename(columns={c: card.metric_header(c) for c in shown.columns})
    print(shown.to_string(index=False) if _out.english() else _out.table(shown))
    print()
    for title, text in card.sections(meta):
        print(_("{title}: {text}").format(title=title, text=text))


SCORE_HEADERS = {"agent_id": N_("Agent"), "name": N_("Name"), "supervisor": N_("Supervisor"),
                 "month_end": N_("Month end"), "risk": N_("Risk"), "band": N_("Band"), "drivers": N_("Drivers")}


def run(args) -> int:
    db = warehouse.resolve_db_path(args.db)
    if not db.exists():
        raise warehouse.WarehouseMissing(db)
    with warehouse.read_connection(db, teams=None):  # a file that is no warehouse says so, not "no model"
        pass
    scope_for(args, db, needs="attrition")  # HR-sensitive: admins and managers only
    if args.action == "train":
        try:
            path, meta = training.train(db, seed=args.seed, n_folds=args.folds)
        except backtest.NotEnoughHistory as exc:
            _out.error(exc)
            return 1
        if args.format == "json":
            print(json.dumps(_summary(meta, path), ensure_ascii=False, indent=1, default=str))
        else:
            print(_("saved {file}").format(file=path))
            _print_table(meta)
        return 0
    try:
        found = store.latest(db)
    except store.ModelRejected as exc:
        _out.error(exc)
        return 1
    if found is None:
        _out.error(_("no trained attrition model for {db}; run `python -m analytics attrition train --db {db}`")
                   .format(db=db))
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
    verdict = trust.verdict(meta)
    if not verdict.trusted:  # the rule of the page and the review: no ranking from a model that has not earned one
        _out.error(_("{headline} ({detail}.) Team conditions are on the Attrition risk page; "
                     "`attrition report` shows the backtest.").format(headline=verdict.headline,
                                                                      detail=verdict.detail))
        return 1
    scored = scores.latest(db, meta, model)
    if "drivers_detail" in scored:  # the stored text is English; each driver is written in the reader's language
        scored = scored.assign(drivers=[explain.drivers_text(d or []) for d in scored["drivers_detail"]])
    cols = ["agent_id", "name", "supervisor", "month_end", "risk", "band", "drivers"]
    out = scored[cols].head(args.limit) if args.limit > 0 else scored[cols]
    rights.record_write(db, "attrition_exported", rows=len(out), format=args.format)
    if args.format == "json":
        recs = [{k: _clean(v) for k, v in r.items()} for r in out.to_dict(orient="records")]
        print(json.dumps(recs, ensure_ascii=False, indent=1))
    else:
        if not len(out):
            print(_("no active agents to score"))
        elif _out.english():
            print(out.assign(risk=[f"{100 * r:.1f}%" for r in out["risk"]]).to_string(index=False))
        else:
            shown = out.assign(risk=[units.format_value(100 * r, "pct") for r in out["risk"]],
                               month_end=[units.digits(str(d)) for d in out["month_end"]],
                               band=[_(str(b)) for b in out["band"]])
            print(_out.table(shown.rename(columns={c: _(h) for c, h in SCORE_HEADERS.items()})))
    return 0
