"""Trained models beside their warehouse: `<db>.models/attrition-<UTC timestamp>.skops` plus a JSON of
metadata (training window, data hash, metrics). Loaded with skops, never bare pickle: a file may only
contain scikit-learn, NumPy and SciPy types, anything else is refused."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import skops.io as sio

PREFIX = "attrition-"
SAFE_MODULES = ("sklearn.", "numpy.", "scipy.", "builtins.")


class ModelRejected(Exception):
    """A saved model file holds types that are not on the allowlist, or is unreadable."""


class ModelOutdated(ModelRejected):
    """A model trained by an earlier version on another set of features: this version cannot compute
    its inputs, explanations or what-ifs, so it is not used (a new one is trained instead)."""


def outdated(meta: dict) -> bool:
    from analytics.attrition.features import FEATURE_IDS

    return list(meta.get("features") or FEATURE_IDS) != list(FEATURE_IDS)


def models_dir(db_path) -> Path:
    return Path(str(db_path) + ".models")


def save(db_path, model, meta: dict) -> Path:
    folder = models_dir(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    path = folder / f"{PREFIX}{stamp}.skops"
    meta = dict(meta, model_id=path.stem, model_file=path.name)
    tmp = path.with_suffix(".skops.tmp")
    sio.dump(model, tmp)
    tmp.replace(path)  # readers never see a half-written model
    path.with_suffix(".json").write_text(json.dumps(meta, ensure_ascii=False, indent=1, default=str),
                                         encoding="utf-8")
    return path


def saved(db_path) -> list[Path]:
    """Model files with their metadata, oldest first."""
    folder = models_dir(db_path)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob(f"{PREFIX}*.skops") if p.with_suffix(".json").exists())


def load_meta(path: Path) -> dict:
    return json.loads(Path(path).with_suffix(".json").read_text(encoding="utf-8"))


def load_model(path: Path):
    try:
        untrusted = sio.get_untrusted_types(file=path)
    except Exception as exc:
        raise ModelRejected(f"cannot read model file {Path(path).name}: {exc}") from exc
    bad = [t for t in untrusted if not t.startswith(SAFE_MODULES)]
    if bad:
        raise ModelRejected(f"model file {Path(path).name} holds types that are not allowed: {', '.join(bad)}")
    return sio.load(path, trusted=untrusted)


def latest(db_path):
    """(model, metadata) of the newest saved model for this warehouse, or None."""
    files = saved(db_path)
    if not files:
        return None
    meta = load_meta(files[-1])
    if outdated(meta):
        from analytics.i18n import _

        raise ModelOutdated(_("the saved model {file} was trained by an earlier version of Switchboard on other "
                              "features; train a new one").format(file=files[-1].name))
    return load_model(files[-1]), meta
