"""Keeping the catalogs in step with the code: extract the marked strings (Babel's extractor with
babel.cfg, plus the data vocabulary of vocab.py), merge them into each language's .po, and check that
every string has a translation. `python -m analytics.i18n extract|update|check`."""
from __future__ import annotations

import io
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from analytics import i18n
from analytics.i18n import vocab

ROOT = Path(__file__).resolve().parents[2]
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None, "label": None}  # label: i18n.label


def _method_map() -> list[tuple[str, str]]:
    cfg = ROOT / "babel.cfg"
    out = []
    for line in cfg.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("[") and ":" in line:
            method, pattern = line.strip("[]").split(":", 1)
            out.append((pattern.strip(), method.strip()))
    return out


def template() -> Catalog:
    """The catalog template: every marked string of the code and every vocabulary string."""
    pot = Catalog(project="Switchboard", domain=i18n.DOMAIN, charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
            str(ROOT), method_map=_method_map(), keywords=KEYWORDS, comment_tags=("i18n:",),
            strip_comment_tags=True):
        if filename.startswith(("tests/", ".venv/")):
            continue
        pot.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    for msgid, where in vocab.messages().items():
        if msgid and msgid not in pot:
            pot.add(msgid, None, [("analytics/i18n/vocab.py", 0)], auto_comments=[where])
    return pot


def read(lang: str) -> Catalog:
    path = i18n.po_path(lang)
    if not path.exists():
        return Catalog(locale=i18n.LOCALES[lang], domain=i18n.DOMAIN, project="Switchboard")
    with path.open("rb") as fh:
        return read_po(fh, locale=i18n.LOCALES[lang])


def write(lang: str, catalog: Catalog) -> None:
    path = i18n.po_path(lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    buf = io.BytesIO()
    write_po(buf, catalog, width=100, sort_output=False, omit_header=False, include_previous=False, no_location=True,
             ignore_obsolete=True)
    path.write_bytes(buf.getvalue())


def update() -> dict[str, int]:
    """Merge the template into every language's .po (new strings come in untranslated; strings no
    longer in the code are dropped). Returns the count of untranslated strings per language."""
    pot = template()
    counts = {}
    for lang in i18n.LANGS:
        cat = read(lang)
        created = cat.creation_date
        cat.update(pot, no_fuzzy_matching=True)
        # a fixed header date: a timestamp rewritten on every update would make every two branches that
        # add strings conflict on the same line
        cat.creation_date = created
        write(lang, cat)
        counts[lang] = len(missing(lang, pot, cat))
    return counts


def missing(lang: str, pot: Catalog | None = None, cat: Catalog | None = None) -> list[str]:
    """The template's strings with no (non-fuzzy) translation in `lang`; English needs none."""
    pot = pot or template()
    cat = cat or read(lang)
    if lang == i18n.DEFAULT:
        return [m.id if isinstance(m.id, str) else m.id[0] for m in pot if m.id and m.id not in cat]
    out = []
    for m in pot:
        if not m.id:
            continue
        t = cat.get(m.id)
        strings = () if t is None else (t.string if isinstance(t.string, (list, tuple)) else (t.string,))
        if t is None or t.fuzzy or not strings or not all(strings):
            out.append(m.id if isinstance(m.id, str) else m.id[0])
    return out
