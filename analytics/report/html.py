"""The review as ONE self-contained HTML file: inline CSS, charts as inline SVG, no scripts, no
fonts, images or addresses to fetch — it opens offline and prints. In Persian it carries Vazirmatn
inline (@font-face with data: URIs of the shipped WOFF2 files), so it reads the same on every machine. Every piece of text from the data
or the meeting is HTML-escaped."""
from __future__ import annotations

import base64
from functools import lru_cache
from html import escape

from analytics.core import registry, status
from analytics.report import charts_static, fonts, text
from analytics.review.build import Review
from analytics import i18n
from analytics.i18n import N_, _

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",sans-serif;
 margin:2rem auto;max-width:1100px;color:#1b1f24;line-height:1.4;padding:0 1rem}
h1{font-size:1.8rem;margin:0}h2{font-size:1.3rem;margin-top:2rem;border-bottom:2px solid #e3e7ec;padding-bottom:.2rem}
h3{font-size:1.05rem;margin-bottom:.3rem}.sub{color:#57606a;margin:.3rem 0 1rem}
table{border-collapse:collapse;width:100%;margin:.4rem 0 1rem;font-size:.92rem}
th,td{border-bottom:1px solid #e3e7ec;padding:.3rem .5rem;text-align:start;vertical-align:top}
th{background:#f5f7fa}td.num{text-align:end;font-variant-numeric:tabular-nums}
[dir=rtl] body{font-family:Vazirmatn,"Noto Sans Arabic","DejaVu Sans",sans-serif}
[dir=rtl] .empty{border-left:0;border-right:4px solid #1f77b4}
[dir=rtl] ol{list-style-type:persian}
.missed{color:#c62828;font-weight:600}.met{color:#2e7d32;font-weight:600}
.note{color:#57606a;font-size:.88rem}.empty{background:#eef5ff;border-left:4px solid #1f77b4;padding:.8rem 1rem}
.hl li{margin:.3rem 0}.bad{color:#c62828}.good{color:#2e7d32}.chart{margin:.6rem 0 1.2rem}
.chart svg{max-width:100%;height:auto;overflow:visible}.cols{display:grid;grid-template-columns:1fr 1fr;gap:1.5rem}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}table,.chart{break-inside:avoid}}
"""


@lru_cache(maxsize=1)
def persian_font_css() -> str:
    """@font-face rules for Vazirmatn (regular, bold) as data: URIs; empty when the files are missing
    (the page then uses the reader's own Persian font, named next in the font-family list)."""
    rules = []
    for weight, path in fonts.persian_web_files().items():
        kind = "woff2" if path.suffix == ".woff2" else "truetype"
        mime = "font/woff2" if kind == "woff2" else "font/ttf"
        data = base64.b64encode(path.read_bytes()).decode("ascii")
        rules.append(f"@font-face{{font-family:Vazirmatn;font-style:normal;font-weight:{weight};"
                     f"font-display:swap;src:url(data:{mime};base64,{data}) format(\"{kind}\")}}")
    return "\n".join(rules)


def _table(columns: list[str], rows: list[list[str]], numeric: set[int] = frozenset(),
           classes: dict[int, callable] | None = None) -> str:
    if not rows:
        return '<p class="note">' + escape(_("None.")) + '</p>'
    head = "".join(f"<th>{escape(c)}</th>" for c in columns)
    body = []
    for row in rows:
        cells = []
        for i, v in enumerate(row):
            cls = []
            if i in numeric:
                cls.append("num")
            if classes and i in classes:
                extra = classes[i](v)
                if extra:
                    cls.append(extra)
            attr = f' class="{" ".join(cls)}"' if cls else ""
            cells.append(f"<td{attr}>{escape(str(v))}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


ACTION_DONE_COLUMNS = [N_("Done"), N_("Action"), N_("Owner"), N_("Due")]
ACTION_COLUMNS = [N_("Action"), N_("Owner"), N_("Due")]


def _actions(review: Review) -> str:
    parts = ["<h2>" + escape(_("Actions")) + "</h2>"]
    last = review.last_actions
    if last is not None and last.period_label:
        parts.append("<h3>" + escape(_("Last review's actions"), quote=False) + f" ({escape(last.period_label)})</h3>")
        parts.append(_table(text.columns(ACTION_DONE_COLUMNS), text.action_rows(last.actions, True)))
    else:
        parts.append('<p class="note">' + escape(_("No actions from an earlier review.")) + '</p>')
    parts.append("<h3>" + escape(_("Actions from this review")) + "</h3>")
    parts.append(_table(text.columns(ACTION_COLUMNS), text.action_rows(review.actions, False)))
    return "".join(parts)


def render(review: Review) -> str:
    t = text.title(review)
    parts = [f"<header><h1>{escape(t)}</h1><p class=\"sub\">{escape(text.subtitle(review))}</p></header>"]
    if review.empty:
        parts.append('<p class="empty">' + escape(_(text.NO_CALLS)) + " "
                     + escape(_("Nothing to review for {period}.").format(period=review.period.label)) + "</p>")
        parts.append(_actions(review))
        return _page(t, parts)

    parts.append("<h2>" + escape(_("Headline KPIs")) + "</h2>")
    words = text.status_words()
    parts.append(_table(text.headline_columns(), text.headline_rows(review), numeric={1, 2, 4, 5, 6, 7},
                        classes={3: lambda v: {words["missed"]: "missed", words["met"]: "met"}.get(v)}))
    parts.append(f'<p class="note">{escape(_(text.SIG_NOTE))}</p>')
    for note in review.notes:
        parts.append(f'<p class="note">{escape(note)}</p>')

    parts.append("<h2>" + escape(_("Highlights")) + "</h2>")
    if review.highlights:
        items = []
        for h in review.highlights:
            # the page's rule: a change is coloured only when significant
            look = status.change(registry.get(h.kpi_id), h.delta, h.significant)
            cls = ' class="good"' if look is status.BETTER else ' class="bad"' if look is status.WORSE else ""
            items.append(f"<li{cls}>{escape(h.text)}</li>")
        parts.append(f'<ol class="hl">{"".join(items)}</ol>')
        parts.append('<p class="note">' + escape(_(
            "Changes against {period}, largest first: size relative to the room to "
            "move, weighted by significance. Drivers are the queues and weekday × hour blocks that "
            "carry at least 30% of the change.").format(period=review.previous.label)) + '</p>')
    else:
        parts.append('<p class="note">' + escape(text.no_highlights(review)) + '</p>')

    for title, chart in charts_static.review_charts(review):
        parts.append(f'<div class="chart"><h3>{escape(title)}</h3>{charts_static.to_svg(chart)}</div>')

    if review.by_queue is not None and not review.by_queue.empty:
        ids = [c for c in review.by_queue.columns if c in registry.KPIS]
        rows = [[str(r["queue"])] + [registry.get(i).format(r[i]) for i in ids]
                for r in review.by_queue.to_dict("records")]
        parts.append("<h2>" + escape(_("By queue")) + "</h2>")
        parts.append(_table([_("Queue")] + [registry.get(i).label for i in ids], rows,
                            numeric=set(range(1, len(ids) + 1))))

    if review.leaders is not None:
        ld = review.leaders
        parts.append("<h2>" + escape(_("Teams and agents")) + "</h2>")
        parts.append(f'<p class="note">{escape(text.leaders_title(review))}</p>')
        for label, df in ((_("Best teams"), ld.teams_best), (_("Teams to support"), ld.teams_worst),
                          (_("Best agents"), ld.agents_best), (_("Agents to support"), ld.agents_worst)):
            parts.append(f"<h3>{escape(label)}</h3>")
            parts.append(_table(text.columns(text.LEADER_COLUMNS), text.leader_rows(df), numeric={2, 3, 4}))

    if review.watchlist is not None:
        w = review.watchlist
        parts.append("<h2>" + escape(_("Watchlist")) + "</h2><h3>" + escape(_("Attrition risk")) + "</h3>")
        if w.attrition is None:
            parts.append(f'<p class="note">{escape(w.attrition_note or "")}</p>')
        else:
            cols, rows = text.attrition_rows(w.attrition)
            parts.append(_table(cols, rows))
        parts.append("<h3>" + escape(_("Repeated QA failures")) + " "
                     + escape(_("(2 or more human evaluations below the pass mark)")) + "</h3>")
        parts.append(_table(text.columns(text.QA_COLUMNS), text.qa_rows(w.qa_failures), numeric={3, 4, 5}))
        parts.append("<h3>" + escape(_("Supervisors over span")) + " " + escape(_("(more than 12 agents)")) + "</h3>")
        parts.append(_table(text.columns(text.SPAN_COLUMNS), text.span_rows(w.over_span), numeric={3}))

    parts.append(_actions(review))
    return _page(t, parts)


def _page(title: str, parts: list[str]) -> str:
    lang = i18n.current()
    return (f"<!DOCTYPE html>\n<html lang=\"{lang}\" dir=\"{'rtl' if i18n.rtl(lang) else 'ltr'}\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{escape(title)}</title><style>{persian_font_css() if lang == 'fa' else ''}{CSS}</style>"
            "</head><body>"
            + "\n".join(parts)
            + "<footer class=\"note\"><p>" + escape(_("Switchboard review report. KPI definitions: "
                                                      "docs/metrics.md in the Switchboard repository."))
            + "</p></footer></body></html>\n")
