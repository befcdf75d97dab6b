"""Which language a session opens in, when its link names none: the deployment's default (set by an
admin on the Settings page, or $SWITCHBOARD_LANG), else the browser's Accept-Language, else English.
A `lang=` in the link, and the user's own choice in the sidebar, come before both."""
from __future__ import annotations

import json
import os
from pathlib import Path

from analytics import i18n


def settings_file(db_path: Path) -> Path:
    """The deployment's small settings file, beside the warehouse (like users.json)."""
    return Path(str(db_path) + ".settings.json")


def deployment_default(db_path: Path | None) -> str | None:
    env = i18n.normalize(os.environ.get("SWITCHBOARD_LANG"))
    if env:
        return env
    if db_path is None:
        return None
    try:
        data = json.loads(settings_file(db_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return i18n.normalize(data.get("language")) if isinstance(data, dict) else None


def save_deployment_default(db_path: Path, lang: str | None) -> None:
    path = settings_file(db_path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        data = data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        data = {}
    if lang:
        data["language"] = i18n.normalize(lang)
    else:
        data.pop("language", None)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")


def from_accept_language(header: str | None) -> str | None:
    """'fa-IR,fa;q=0.9,en-US;q=0.8' → 'fa': the supported language the browser prefers most."""
    if not header:
        return None
    ranked = []
    for n, part in enumerate(str(header)[:500].split(",")):
        code, _, params = part.strip().partition(";")
        q = 1.0
        for p in params.split(";"):
            k, _, v = p.strip().partition("=")
            if k == "q":
                try:
                    q = float(v)
                except ValueError:
                    q = 0.0
        lang = i18n.normalize(code)
        if lang and q > 0:
            ranked.append((-q, n, lang))
    return min(ranked)[2] if ranked else None


def initial(link_lang: str | None, db_path: Path | None, accept_language: str | None) -> str:
    return (i18n.normalize(link_lang) or deployment_default(db_path) or from_accept_language(accept_language)
            or i18n.DEFAULT)
