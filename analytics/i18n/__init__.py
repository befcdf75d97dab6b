"""Languages: English, فارسی, 简体中文 — gettext catalogs (Babel) and the active language.

Every visible string is written in English in the code and marked: `_("Service level")`,
`ngettext("{n} call", "{n} calls", n)`, or `N_("…")` where a string is defined now and translated when
shown (a constant, a dict of labels). The catalogs are `locales/<lang>/LC_MESSAGES/switchboard.po`
beside this file; they are compiled in memory when first used (no .mo files to keep in step), so a
clean clone works as it is. `python -m analytics.i18n extract|update|check` keeps them in step with the
code (Makefile: `make i18n`).

The active language is, in order: a `using(lang)` block in this thread (CLI, report, tests), else the
Streamlit session's choice (`lang` in session state, set by analytics.ui.language), else English.
"""
from __future__ import annotations

import gettext as _gettext
import io
import threading
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

LANGS = ("en", "fa", "zh")
DEFAULT = "en"
# each language's name in itself: what the language selector shows
NAMES = {"en": "English", "fa": "فارسی", "zh": "简体中文"}
# the CLDR locale used for numbers and dates (Babel)
LOCALES = {"en": "en", "fa": "fa_IR", "zh": "zh_Hans_CN"}
RTL = frozenset({"fa"})
DOMAIN = "switchboard"
LOCALE_DIR = Path(__file__).resolve().parent / "locales"
SESSION_KEY = "lang"

_local = threading.local()


def normalize(code) -> str | None:
    """'fa-IR', 'zh_CN', 'zh-Hans', 'EN' → a supported language, else None."""
    if not code:
        return None
    head = str(code).strip().replace("_", "-").split("-")[0].lower()
    return head if head in LANGS else None


def _run_context():
    try:
        from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

        return get_script_run_ctx(suppress_warning=True)
    except Exception:  # not under Streamlit
        return None


_MEMO = "_switchboard_run_memo"


def _run_memo(ctx) -> dict:
    """Values read from the session in this run. A page asks for the language thousands of times (every
    label), and each session-state read takes a lock and checks for a stop request (~25 µs): a page
    spent 50–100 ms on it. Keyed on the run's cursor map, which Streamlit replaces at every (re)run and
    fragment run, so a new run never sees an old value; held by reference, so its identity cannot be
    reused while the memo lives."""
    memo = ctx.__dict__.get(_MEMO)
    if memo is None or memo[0] is not ctx.cursors:
        memo = (ctx.cursors, {})
        ctx.__dict__[_MEMO] = memo
    return memo[1]


def forget_session_values() -> None:
    """Called right after code writes the language or the calendar into the session mid-run."""
    ctx = _run_context()
    if ctx is not None:
        ctx.__dict__.pop(_MEMO, None)


def session_value(key: str):
    """A value of the running Streamlit session, or None outside one (CLI, reports, tests without a
    session): language and calendar are read this way so core code needs no Streamlit import. Read once
    per run (the code that writes them mid-run calls forget_session_values)."""
    ctx = _run_context()
    if ctx is None:
        return None
    memo = _run_memo(ctx)
    if key in memo:
        return memo[key]
    try:
        value = ctx.session_state[key] if key in ctx.session_state else None
    except Exception:  # no session yet
        value = None
    memo[key] = value
    return value


def current() -> str:
    lang = getattr(_local, "lang", None) or session_value(SESSION_KEY)
    return lang if lang in LANGS else DEFAULT


@contextmanager
def using(lang: str | None):
    """Run a block in a language (CLI output, a report, a test); None keeps the current one."""
    before = getattr(_local, "lang", None)
    _local.lang = normalize(lang) or before
    try:
        yield
    finally:
        _local.lang = before


def rtl(lang: str | None = None) -> bool:
    return (lang or current()) in RTL


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@lru_cache(maxsize=None)
def translations(lang: str) -> _gettext.NullTranslations:
    """The language's catalog, compiled from its .po in memory (fuzzy entries are not used)."""
    path = po_path(lang)
    if lang == DEFAULT or not path.exists():
        return _gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with path.open("rb") as fh:
        catalog = read_po(fh, locale=LOCALES[lang])
    buf = io.BytesIO()
    write_mo(buf, catalog)
    buf.seek(0)
    return _gettext.GNUTranslations(buf)


def gettext(message: str) -> str:
    if not message:
        return message
    lang = current()
    if lang == DEFAULT:
        return message
    return translations(lang).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    lang = current()
    if lang == DEFAULT:
        return singular if n == 1 else plural
    return translations(lang).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a string for the catalog without translating it now (it is translated where shown)."""
    return message


_ = gettext


def capitalized(text: str) -> str:
    """The first letter upper case and the rest as written ("15 minutes", "ISO week" stay whole, where
    str.capitalize would lower the rest). Scripts without case (Persian, Chinese) are unchanged."""
    return text[:1].upper() + text[1:]


def label(message: str) -> str:
    """A translated word standing alone (a legend entry, a table cell, a picker's choice): capitalised,
    "Within limits", where the same catalog entry reads lowercase inside a sentence."""
    return capitalized(gettext(message))


def dot() -> str:
    """The separator between items of one line: ' · ', or ' | ' in Persian, where a middle dot (and a
    bullet beside bold digits) reads as the Persian zero (۰)."""
    return " | " if current() == "fa" else " · "


def ltr(text) -> str:
    """A left-to-right run inside a right-to-left line (U+2066 … U+2069): dates like ۲۰۲۶-۱۱-۰۹ and
    ranges keep their order in Persian. Other languages get the text unchanged."""
    s = str(text)
    return f"\u2066{s}\u2069" if rtl() and s else s


def isolate(text) -> str:
    """Bidi isolation (U+2068 … U+2069) of a Latin id or name inside a right-to-left sentence, so
    'A-17 (Sara)' keeps its order among Persian words. Other languages get the text unchanged."""
    s = str(text)
    return f"\u2068{s}\u2069" if rtl() and s else s
