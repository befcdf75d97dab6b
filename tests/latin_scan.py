"""The untranslated-text scan of a page in Persian or Chinese, stronger than looking for catalog msgids:
the page must show no run of three or more Latin letters except

- data values: names, ids, queues, sites, reasons, QA criteria, holidays, users… read from the
  warehouse's own tables (what the user's data says is shown as the data says it), and the values of
  the link's filters;
- unit symbols that stay Latin in every language;
- the deliberate exceptions, each with its reason: the glossary's "Kept in Latin letters" table
  (docs/glossary.md: NPS, Erlang, file formats, the product's name…) and Streamlit's own chrome below.

A run is a whole word: letters glued to digits or "_" (ids like A0017, icon names like support_agent,
KPI ids) are not words. Used by the AppTest scans in tests/i18n/ and the browser test."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable

ROOT = Path(__file__).resolve().parent.parent

# Streamlit's own chrome on the page (not the app's text): word → why it may stay
CHROME = {
    "View": "Streamlit's sidebar navigation ('View 3 more')",
    "more": "Streamlit's sidebar navigation ('View 3 more')",
    "less": "Streamlit's sidebar navigation ('View less')",
    "yyyy": "Streamlit's date picker's placeholder ('yyyy / mm / dd')",
}

# Material icons are text in the DOM (their ligature names: 'cancel', 'download'); the browser test hides
# them before reading a page's text (ICONLESS_TEXT_JS) — they are drawn as pictures, not read as words
ICONLESS_TEXT_JS = """() => {
  const style = document.createElement("style");
  style.textContent = "[data-testid='stIconMaterial'], [data-testid='stAlertDynamicIcon'], " +
    "span[role='img'][aria-label$=' icon'] {display: none !important}";
  document.head.appendChild(style);
  const text = [...document.querySelectorAll("[data-testid='stMain'], [data-testid='stSidebarContent']")]
    .map(e => e.innerText).join("\\n");
  style.remove();
  return text;
}"""


def glossary_kept() -> dict[str, str]:
    """The glossary's "Kept in Latin letters" table (docs/glossary.md): word → why."""
    text = (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")
    section = text.split("## Kept in Latin letters", 1)[1].split("\n## ", 1)[0]
    out = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 2 and cells[0] not in ("Word", "---", "") and not set(cells[0]) <= {"-"}:
            for word in cells[0].split(","):
                out[word.strip()] = cells[1]
    return out


EXCEPTIONS = {**glossary_kept(), **CHROME}   # word → why it may stay in Latin letters on a fa/zh page
# unit symbols kept in Latin in every language (three letters or more; shorter ones are not runs)
UNITS: frozenset[str] = frozenset()

DIRECTIVES = re.compile(r":material/[a-z0-9_]+:|:[a-z]+(-badge|-background)?\[|\\(?=[^\s])")
# the project's documentation files, named as they are in every language ('see docs/metrics.md')
DOC_PATHS = re.compile(r"(?<![A-Za-z0-9_])docs/[A-Za-z0-9_./-]+\.md\b")
WORD = re.compile(r"(?<![A-Za-z0-9_])[A-Za-z]{3,}(?![A-Za-z0-9_])")

# (table, column) pairs whose values are the user's data, shown as they are in every language
DATA_COLUMNS = (
    ("agents", "agent_id"), ("agents", "name"), ("agents", "site"), ("agents", "supervisor_id"),
    ("agents", "coach_id"), ("calls", "queue"), ("calls", "reason"), ("calls", "agent_id"),
    ("evaluations", "evaluator_id"), ("evaluation_items", "criterion"), ("holidays", "name"),
    ("review_actions", "note"), ("review_actions", "owner"), ("review_actions", "team"),
    ("review_actions", "created_by"), ("targets", "set_by"), ("target_history", "changed_by"),
    ("import_log", "file_name"), ("mapping_profiles", "name"),
)


def data_values(db: Path, filters: dict | None = None) -> frozenset[str]:
    """Every text value of the warehouse's data columns (and the center's name), plus the values of
    the link's filters (`{"queues": "Billing,Sales"}` → Billing, Sales)."""
    import duckdb

    out: set[str] = set()
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = {t for (t,) in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        for table, column in DATA_COLUMNS:
            if table in tables:
                values = [v for (v,) in con.execute(f'SELECT DISTINCT "{column}" FROM "{table}"').fetchall()
                          if isinstance(v, str)]
                out.update(values)
                if column == "criterion":  # shown as words: 'hold_etiquette' reads 'Hold etiquette'
                    from analytics.core import labels
                    out.update(labels.criterion(v) for v in values)
        if "settings" in tables:
            out.update(v for (v,) in con.execute("SELECT value FROM settings WHERE key = 'center_name'").fetchall()
                       if isinstance(v, str))
    finally:
        con.close()
    for value in (filters or {}).values():
        out.update(v.strip() for v in str(value).split(",") if v.strip())
    out |= benchmark_values()
    return frozenset(v for v in out if re.search(r"[A-Za-z]{3}", v))


def benchmark_values() -> set[str]:
    """The published benchmark figures' sources as published (publisher, title, source, address): the
    Benchmarks page names them as their publishers wrote them, in every language."""
    try:
        from analytics.benchmarks import library
        frame = library.list_benchmarks(None)
    except Exception:   # no library: nothing to spare
        return set()
    out = set()
    for col in ("publisher", "title", "source", "url"):
        if col in frame.columns:
            out.update(v for v in frame[col].dropna() if isinstance(v, str))
    return out


def latin_left(texts: str | Iterable[str], values: Iterable[str] = ()) -> list[tuple[str, str]]:
    """(word, where) for every Latin word left on a page's texts once its data values are taken out,
    that is neither a unit symbol nor a deliberate exception. `where` is the text around it."""
    if isinstance(texts, str):
        texts = [texts]
    # longest first: "Technical support" before "support"; the glossary's kept phrases ("JSON lines") too
    values = sorted(set(values) | {w for w in EXCEPTIONS if " " in w}, key=len, reverse=True)
    found: dict[str, str] = {}
    for text in texts:
        if not WORD.search(text):
            continue
        text = DOC_PATHS.sub(" ", DIRECTIVES.sub(" ", text))
        for v in values:
            if v in text:
                text = text.replace(v, " ")
        for m in WORD.finditer(text):
            word = m.group(0)
            if word in EXCEPTIONS or word in UNITS or word in found:
                continue
            found[word] = text[max(0, m.start() - 40): m.end() + 40].replace("\n", " ").strip()
    return sorted(found.items())


def report(left: list[tuple[str, str]]) -> str:
    """The leftovers as lines for an assertion message: `word  …context…`."""
    return "\n".join(f"{w!r:>20}  …{ctx}…" for w, ctx in left)
