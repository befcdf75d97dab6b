"""A small sample center long enough to have labeled months (9 months: 6 labeled), built once per
session, and a copy of it with a trained model."""
from __future__ import annotations

import shutil
from pathlib import Path

_CACHE: dict[str, Path] = {}


def labeled_db(tmp_path_factory) -> Path:
    if "db" not in _CACHE:
        from analytics.sample import generate

        path = tmp_path_factory.mktemp("attrition") / "small9.duckdb"
        generate(path, preset="small", seed=11, months=9)
        _CACHE["db"] = path
    return _CACHE["db"]


def trained_db(tmp_path_factory) -> Path:
    if "trained" not in _CACHE:
        from analytics.attrition import training

        path = tmp_path_factory.mktemp("attrition_trained") / "small9.duckdb"
        shutil.copy(labeled_db(tmp_path_factory), path)
        training.train(path, seed=3, n_folds=2)
        _CACHE["trained"] = path
    return _CACHE["trained"]


def copy_db(src: Path, dst_dir: Path, with_models: bool = False) -> Path:
    dst = dst_dir / src.name
    shutil.copy(src, dst)
    if with_models:
        shutil.copytree(str(src) + ".models", str(dst) + ".models")
    return dst


def with_verdict(src: Path, dst_dir: Path, trusted: bool) -> Path:
    """A copy of a trained warehouse whose model's stored verdict is set by hand: the screens' behaviour
    for a model that has (or has not) earned a ranking, independent of how a small center's backtest
    happens to come out."""
    import json

    from analytics.attrition import store

    dst = copy_db(src, dst_dir, with_models=True)
    meta_path = store.saved(dst)[-1].with_suffix(".json")
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["trusted"] = trusted
    meta["trust"] = dict(meta.get("trust") or {}, trusted=trusted)
    meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
    return dst
