"""Run the real app (app.py with its navigation) in Streamlit's AppTest on a given warehouse."""
from __future__ import annotations

import functools
import json
import re
import os
from pathlib import Path

from streamlit.testing.v1 import AppTest

from vegalite_check import validate

ROOT = Path(__file__).resolve().parent.parent
PAGE_FILES = {
    "overview": "pages/overview.py", "trends": "pages/trends.py", "service": "pages/service.py",
    "quality": "pages/quality.py", "customer": "pages/customer.py", "agents": "pages/agents.py",
    "organization": "pages/organization.py", "attrition": "pages/attrition.py", "review": "pages/review.py",
    "data": "pages/data.py", "settings": "pages/settings.py", "benchmarks": "pages/benchmarks.py",
    "staffing": "pages/staffing.py",
}


def run_page(db: Path, page: str = "overview", params: dict | None = None, timeout: float = 60) -> AppTest:
    """Open `page` of the app on warehouse `db` with URL `params`, as a fresh session would."""
    os.environ["SWITCHBOARD_DB"] = str(db)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    for k, v in (params or {}).items():
        at.query_params[k] = v
    at.run()
    if page != "overview":
        at.switch_page(PAGE_FILES[page])
        at.run()
    return at


def shown(markdown: str) -> str:
    """A markdown text as the reader sees it: the app escapes what it quotes from data and links
    (analytics.ui.markdown), so a backslash before a character is not on screen, nor the zero-width
    space that keeps a URL from becoming a link."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u200b", "")


def info_texts(at: AppTest) -> list[str]:
    """The page's info boxes (notices, empty-selection messages) as shown."""
    return [shown(i.value) for i in at.info]


def notices(at: AppTest) -> str:
    """Every info box of the page as shown, in one string."""
    return " ".join(info_texts(at))


def errors(at: AppTest) -> list[str]:
    """Exceptions and error boxes the page showed, and charts whose Vega-Lite spec the schema rejects
    (a page must show none on valid input). The app draws charts without Altair's schema check (it
    costs more than the drawing); this is where every drawn spec is checked."""
    return ([str(e.value) for e in at.exception] + [str(e.value) for e in at.error]
            + invalid_charts(at))


def chart_specs(at: AppTest) -> list[dict]:
    """The Vega-Lite specs of the charts on the page, as the browser receives them."""
    # Streamlit 1.67 sends Altair charts as "vega_lite_chart" (older versions: "arrow_vega_lite_chart")
    return [json.loads(c.proto.spec) for c in list(at.get("arrow_vega_lite_chart")) + list(at.get("vega_lite_chart"))]


def invalid_charts(at: AppTest) -> list[str]:
    out = []
    for spec in chart_specs(at):
        try:
            validate(spec)
        except Exception as exc:  # jsonschema.ValidationError: say which chart and why
            out.append(f"invalid Vega-Lite spec ({spec.get('title') or spec.get('mark') or 'chart'}): "
                       f"{str(exc).splitlines()[0]}")
    return out


def metric_value(at: AppTest, label: str) -> str:
    """The value shown on the page's st.metric tile with this label (without the status colour's
    markdown directive, `:red[13.6%]` → `13.6%`: what the reader sees)."""
    import re

    value = next(m.value for m in at.metric if m.label == label)
    return re.sub(r"^:[a-z]+\[(.*)\]$", r"\1", value)


def tile(at: AppTest, kpi_id: str):
    """The bordered tile block of one KPI (keyed `tile_<kpi_id>` by components.kpi_tiles)."""
    def walk(node):
        for ch in getattr(node, "children", {}).values():
            if getattr(getattr(ch, "proto", None), "id", "").endswith(f"-tile_{kpi_id}"):
                return ch
            found = walk(ch)
            if found is not None:
                return found
        return None
    return walk(at.main)


def tile_status(at: AppTest, kpi_id: str) -> str:
    """The words of a tile's status badge, e.g. 'off target · ≥ 80.0%' (lower case, no markdown)."""
    import re

    block = tile(at, kpi_id)
    texts = [m.value for m in block.markdown] if block is not None else []
    badge = next((t for t in texts if "-badge[" in t), "")
    return re.sub(r"^:[a-z]+-badge\[(:material/\w+: )?", "", badge).rstrip("]").lower()


_TEXT_FIELDS = ("label", "body", "help", "delta", "delta_description", "title", "placeholder")


def data_values(db) -> set[str]:
    """Names and codes from a warehouse's data (queues, sites, call reasons, people, evaluators, QA criteria) and the published
    benchmark sources' own names, titles and addresses: shown as they are in every language, so an
    English-leftover scan of table cells leaves them out ("Password reset" is a reason, not our word)."""
    import duckdb

    from analytics.benchmarks import library
    from analytics.core import labels

    out: set[str] = set()
    with duckdb.connect(str(db), read_only=True) as con:
        for sql in ("SELECT DISTINCT queue FROM fct_calls", "SELECT DISTINCT site FROM fct_calls",
                    "SELECT DISTINCT reason FROM fct_calls", "SELECT DISTINCT name FROM agents",
                    "SELECT DISTINCT evaluator_id FROM evaluations"):
            out |= {r[0] for r in con.execute(sql).fetchall() if isinstance(r[0], str)}
        # QA criteria are data too (the Quality page and the call card show them capitalized)
        criteria = [r[0] for r in con.execute("SELECT DISTINCT criterion FROM evaluation_items").fetchall()
                    if isinstance(r[0], str)]
        out |= set(criteria) | {labels.criterion(c) for c in criteria}
    lib = library.list_benchmarks()
    for col in ("publisher", "title", "url"):
        out |= set(lib[col])
    return out


def page_texts(at: AppTest, cells: bool = False, skip: set[str] | frozenset = frozenset()) -> list[str]:
    """Every text the page shows a reader, from the AppTest tree: headings, markdown, captions and
    notices, metric labels/values/changes, widget labels, options and help, expander labels, table
    column headers (and, with `cells`, the text cells of tables, but those in `skip`: data_values). Charts are not included (their
    specs: chart_specs). For scans of a page in another language for English left on it."""
    out: list[str] = []

    def add(v):
        if isinstance(v, str) and v.strip():
            out.append(v)

    def from_proto(proto):
        for field in proto.DESCRIPTOR.fields:
            if field.name in _TEXT_FIELDS:
                add(getattr(proto, field.name))   # add() keeps strings only
            elif field.name == "options":
                for o in getattr(proto, "options"):
                    add(o if isinstance(o, str) else getattr(o, "content", None))
        if proto.DESCRIPTOR.name == "Dataframe":
            configured = json.loads(proto.columns) if proto.columns else {}
            for conf in configured.values():
                if isinstance(conf, dict):
                    add(conf.get("label"))
                    add(conf.get("help"))
            return configured
        return None

    def walk(node):
        proto = getattr(node, "proto", None)
        if proto is not None and hasattr(proto, "DESCRIPTOR"):
            if proto.DESCRIPTOR.name == "Block":
                if proto.HasField("expandable"):
                    add(proto.expandable.label)
                if "tab" in proto.DESCRIPTOR.fields_by_name and proto.HasField("tab"):
                    add(proto.tab.label)
            elif proto.DESCRIPTOR.name not in ("ArrowVegaLiteChart", "VegaLiteChart", "Html"):
                configured = from_proto(proto)
                if configured is not None:   # a table's headers: the columns it names no label for
                    shown = {k.removeprefix("name:") for k, v in configured.items() if isinstance(v, dict)
                             and (v.get("label") or v.get("hidden"))}
                    out.extend(str(c) for c in node.value.columns if str(c) not in shown)
        if cells and type(node).__name__ == "Dataframe":
            df = node.value
            conf = json.loads(node.proto.columns) if node.proto.columns else {}
            hidden = {k.removeprefix("name:") for k, v in conf.items() if isinstance(v, dict) and v.get("hidden")}
            for col in [c for c in df.columns if str(c) not in hidden]:
                if df[col].dtype == object or str(df[col].dtype) in ("str", "string"):
                    out.extend(str(v) for v in df[col].dropna().unique()
                               if isinstance(v, str) and v.strip() and v not in skip)
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return out


@functools.lru_cache(maxsize=1)
def english_msgids() -> list[tuple[str, "re.Pattern"]]:
    """Every English msgid without placeholders, as a whole-word, case-sensitive pattern. Strings with
    placeholders are checked through their fixed words elsewhere; one- and two-letter ids say nothing."""
    import re

    from analytics.i18n import catalog
    from latin_scan import EXCEPTIONS

    out = []
    for m in catalog.template():
        mid = m.id if isinstance(m.id, str) else m.id[0]
        text = mid.strip(" .;:,")
        if not text or "{" in mid or len(text) < 3 or not re.search(r"[A-Za-z]{3}", text):
            continue
        if text in EXCEPTIONS:   # words kept in Latin letters on purpose (docs/glossary.md: NPS, CSAT, CSV…)
            continue
        # "_" counts as a letter: Material icon names (support_agent) are text in the DOM
        out.append((text, re.compile(r"(?<![A-Za-z_])" + re.escape(text) + r"(?![A-Za-z_])")))
    return out


def english_left(text) -> list[str]:
    """The app's English strings (catalog msgids) found in a text or a list of texts (a page's text in
    Persian or Chinese should have none; data values are not msgids)."""
    if not isinstance(text, str):
        text = "\n".join(text)
    return sorted({t for t, p in english_msgids() if p.search(text)})


def _chart_words(spec, out: list[str]) -> None:
    if isinstance(spec, dict):
        for k, v in spec.items():
            if k == "title":
                out.extend(v if isinstance(v, list) else [v] if isinstance(v, str) else [])
                if isinstance(v, dict):
                    _chart_words(v, out)
            elif k == "text" and isinstance(v, (str, list)):
                out.extend(v if isinstance(v, list) else [v])
            elif k == "domain" and isinstance(v, list):
                out.extend(x for x in v if isinstance(x, str))
            elif k == "datasets" and isinstance(v, dict):
                for rows in v.values():
                    for row in rows:
                        out.extend(x for x in row.values() if isinstance(x, str))
            elif k == "values" and isinstance(v, list):  # rows written into the spec (charts.inline)
                for row in v:
                    if isinstance(row, dict):
                        out.extend(x for x in row.values() if isinstance(x, str))
            else:
                _chart_words(v, out)
    elif isinstance(spec, list):
        for v in spec:
            _chart_words(v, out)


def chart_texts(at: AppTest) -> list[str]:
    """The words of the page's charts: titles (chart, axes, legends, tooltips), scale domains of words and
    the text values of their data (legend entries and bar labels are data: 'Scores higher', 'Wait');
    names from the warehouse are in it too, and are not msgids."""
    from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df

    out: list[str] = []
    for spec in chart_specs(at):
        _chart_words(spec, out)
    # Streamlit sends an Altair chart's data apart from its spec, as Arrow tables
    for c in list(at.get("arrow_vega_lite_chart")) + list(at.get("vega_lite_chart")):
        for ds in c.proto.datasets:
            df = convert_arrow_bytes_to_pandas_df(ds.data.data)
            for col in df.columns:
                if df[col].dtype == object or str(df[col].dtype).startswith("str"):
                    out.extend(v for v in df[col].dropna().unique() if isinstance(v, str))
    return [s for s in out if isinstance(s, str) and s.strip()]
