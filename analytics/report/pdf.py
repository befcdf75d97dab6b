"""The review as a print-ready A4 PDF (fpdf2): page numbers, charts as high-DPI images, text shaped
with HarfBuzz so Persian joins and runs right-to-left, and Chinese drawn from a CJK fallback font."""
from __future__ import annotations

import io
import logging

from fpdf import FPDF
from fpdf.enums import TableCellFillMode
from fpdf.fonts import FontFace

from analytics.core import registry
from analytics.report import charts_static, fonts, text
from analytics.review.build import Review
from analytics.core import units
from analytics import i18n
from analytics.i18n import _
from analytics.report import html

log = logging.getLogger("switchboard.report")
MAIN, ARABIC, SYMBOLS, CJK = "main", "arabic", "symbols", "cjk"


class _Doc(FPDF):
    def __init__(self, title: str):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.report_title = title
        self.family = "helvetica"
        self.unicode = False
        self.set_margins(15, 15, 15)
        self.set_auto_page_break(True, margin=18)

    def footer(self):
        self.set_y(-12)
        self.set_font(self.family, size=8)
        self.set_text_color(110, 110, 110)
        # the total is fpdf's alias, filled in when the document is written (Latin digits, so Persian
        # prints the page number alone rather than mixing digit systems)
        if i18n.current() == "fa":
            foot = _("{title} | Page {page}").format(title=self.report_title, page=units.digits(str(self.page_no())))
        else:
            foot = _("{title} · Page {page} of {pages}").format(title=self.report_title, page=self.page_no(),
                                                                 pages="{nb}")
        self.cell(0, 6, self.safe(foot), align="C")
        self.set_text_color(0, 0, 0)

    def safe(self, s: str) -> str:
        s = str(s)
        return s if self.unicode else s.encode("latin-1", "replace").decode("latin-1")


def _setup_fonts(pdf: _Doc, warnings: list[str]) -> None:
    fs = fonts.discover(i18n.current())
    warnings.extend(fs.warnings)
    if fs.regular is None:
        return
    try:
        pdf.add_font(MAIN, "", str(fs.regular))
        pdf.add_font(MAIN, "B", str(fs.bold or fs.regular))
        pdf.family, pdf.unicode = MAIN, True
        fallbacks = []
        if fs.arabic is not None:
            pdf.add_font(ARABIC, "", str(fs.arabic))
            fallbacks.append(ARABIC)
        if fs.symbols is not None:   # behind Vazirmatn: the symbols it lacks (✔ ✖ Δ)
            pdf.add_font(SYMBOLS, "", str(fs.symbols))
            pdf.add_font(SYMBOLS, "B", str(fs.symbols_bold or fs.symbols))
            fallbacks.append(SYMBOLS)
        if fs.cjk is not None:
            pdf.add_font(CJK, "", str(fs.cjk), collection_font_number=fs.cjk_index)
            pdf.add_font(CJK, "B", str(fs.cjk), collection_font_number=fs.cjk_index)
            fallbacks.append(CJK)
        if fallbacks:
            pdf.set_fallback_fonts(fallbacks, exact_match=False)
    except Exception as exc:  # unreadable font file: keep going with what loaded
        warnings.append(f"A font could not be loaded ({exc}); some names may not render.")
        log.warning("font setup: %s", exc)
    if pdf.unicode:
        try:
            # Persian lines are right-to-left paragraphs even when they start with a Latin name or "Δ"
            pdf.set_text_shaping(True, direction="rtl" if i18n.rtl() else None)
        except Exception as exc:  # uharfbuzz missing: Persian letters print unjoined
            warnings.append(f"Text shaping is unavailable ({exc}): Persian names print with unjoined letters.")


def _png_height_mm(png: bytes, width_mm: float) -> float:
    """Height the image takes at `width_mm` (PNG header: width, height at bytes 16–24)."""
    w, h = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    return width_mm * h / max(w, 1)


def _start() -> str:
    """Where a line of text starts: the right margin in Persian, the left one otherwise."""
    return "R" if i18n.rtl() else "L"


def _h1(pdf: _Doc, s: str):
    pdf.set_font(pdf.family, "B", 18)
    pdf.multi_cell(0, 9, pdf.safe(s), align=_start(), new_x="LMARGIN", new_y="NEXT")


def _h2(pdf: _Doc, s: str):
    if pdf.get_y() > pdf.h - 50:
        pdf.add_page()
    pdf.ln(3)
    pdf.set_font(pdf.family, "B", 13)
    pdf.set_text_color(31, 60, 100)
    pdf.cell(0, 8, pdf.safe(s), align=_start(), new_x="LMARGIN", new_y="NEXT")
    pdf.set_draw_color(210, 215, 222)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.set_text_color(0, 0, 0)
    pdf.ln(1.5)


def _h3(pdf: _Doc, s: str):
    if pdf.get_y() > pdf.h - 35:
        pdf.add_page()
    pdf.set_font(pdf.family, "B", 10.5)
    pdf.cell(0, 7, pdf.safe(s), align=_start(), new_x="LMARGIN", new_y="NEXT")


def _para(pdf: _Doc, s: str, size: float = 9.5, color=(0, 0, 0)):
    pdf.set_font(pdf.family, "", size)
    pdf.set_text_color(*color)
    pdf.multi_cell(0, size * 0.5, pdf.safe(s), align="R" if i18n.rtl() else "J", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.ln(1)


def _table(pdf: _Doc, columns: list[str], rows: list[list[str]], widths=None, numeric=(), size: float = 8.5):
    if not rows:
        _para(pdf, _("None."), 9, (90, 90, 90))
        return
    pdf.set_font(pdf.family, "", size)
    align = ["RIGHT" if i in numeric else "LEFT" for i in range(len(columns))]
    if i18n.rtl():
        # a Persian table reads from the right: its first column on the right, words aligned right,
        # figures aligned left (as the HTML report's dir="rtl" tables lay them out)
        n = len(columns)
        columns, rows = columns[::-1], [list(r)[::-1] for r in rows]
        widths = tuple(widths)[::-1] if widths else None
        align = ["LEFT" if (n - 1 - i) in numeric else "RIGHT" for i in range(n)]
    with pdf.table(col_widths=widths, text_align=align, line_height=size * 0.55, padding=1,
                   cell_fill_color=(245, 247, 250), cell_fill_mode=TableCellFillMode.ROWS,
                   headings_style=FontFace(emphasis="BOLD", fill_color=(228, 233, 240)), first_row_as_headings=True) as table:
        head = table.row()
        for c in columns:
            head.cell(pdf.safe(c))
        for r in rows:
            row = table.row()
            for v in r:
                row.cell(pdf.safe(v))
    pdf.ln(2)


def _actions(pdf: _Doc, review: Review):
    _h2(pdf, _("Actions"))
    last = review.last_actions
    if last is not None and last.period_label:
        _h3(pdf, _("Last review's actions") + f" ({last.period_label})")
        _table(pdf, text.columns(html.ACTION_DONE_COLUMNS), text.action_rows(last.actions, True),
               widths=(13, 107, 35, 25))
    else:
        _para(pdf, _("No actions from an earlier review."), 9, (90, 90, 90))
    _h3(pdf, _("Actions from this review"))
    _table(pdf, text.columns(html.ACTION_COLUMNS), text.action_rows(review.actions, False), widths=(120, 35, 25))


def render(review: Review, warnings: list[str] | None = None) -> bytes:
    """The PDF's bytes. Font problems are appended to `warnings` (and printed in the document)."""
    warnings = warnings if warnings is not None else []
    t = text.title(review)
    pdf = _Doc(t)
    _setup_fonts(pdf, warnings)
    pdf.set_title(t)
    pdf.set_creator("Switchboard")
    pdf.add_page()
    _h1(pdf, t)
    _para(pdf, text.subtitle(review), 9, (87, 96, 106))
    for w in warnings:
        _para(pdf, _("Warning: {warning}").format(warning=w), 8.5, (198, 40, 40))
    if review.empty:
        _h2(pdf, _(text.NO_CALLS))
        _para(pdf, _("Nothing to review for {period}.").format(period=review.period.label))
        _actions(pdf, review)
        return bytes(pdf.output())

    _h2(pdf, _("Headline KPIs"))
    _table(pdf, text.headline_columns(), text.headline_rows(review),
           widths=(40, 18, 16, 18, 18, 25, 18, 27), numeric={1, 2, 4, 5, 6, 7}, size=8)
    _para(pdf, _(text.SIG_NOTE), 8, (87, 96, 106))
    for note in review.notes:
        _para(pdf, note, 8, (87, 96, 106))

    _h2(pdf, _("Highlights"))
    if review.highlights:
        for n, h in enumerate(review.highlights, 1):
            color = (0, 0, 0) if h.good is None else ((46, 125, 50) if h.good else (198, 40, 40))
            _para(pdf, f"{units.digits(str(n))}. {h.text}", 9.5, color)
    else:
        _para(pdf, text.no_highlights(review))

    for title, chart in charts_static.review_charts(review):
        png = charts_static.to_png(chart)
        height = _png_height_mm(png, 170)
        if pdf.get_y() + height + 10 > pdf.h - pdf.b_margin:
            pdf.add_page()
        _h3(pdf, title)
        pdf.image(io.BytesIO(png), w=170)
        pdf.ln(2)

    if review.by_queue is not None and not review.by_queue.empty:
        ids = [c for c in review.by_queue.columns if c in registry.KPIS]
        rows = [[str(r["queue"])] + [registry.get(i).format(r[i]) for i in ids]
                for r in review.by_queue.to_dict("records")]
        _h2(pdf, _("By queue"))
        _table(pdf, [_("Queue")] + [registry.get(i).label for i in ids], rows, numeric=set(range(1, len(ids) + 1)))

    if review.leaders is not None:
        ld = review.leaders
        _h2(pdf, _("Teams and agents"))
        _para(pdf, text.leaders_title(review), 8.5, (87, 96, 106))
        for label, df in ((_("Best teams"), ld.teams_best), (_("Teams to support"), ld.teams_worst),
                          (_("Best agents"), ld.agents_best), (_("Agents to support"), ld.agents_worst)):
            _h3(pdf, label)
            _table(pdf, text.columns(text.LEADER_COLUMNS), text.leader_rows(df), widths=(48, 18, 20, 20, 20, 54), numeric={2, 3, 4})

    if review.watchlist is not None:
        w = review.watchlist
        _h2(pdf, _("Watchlist"))
        _h3(pdf, _("Attrition risk"))
        if w.attrition is None:
            _para(pdf, w.attrition_note or "", 9, (87, 96, 106))
        else:
            cols, rows = text.attrition_rows(w.attrition)
            _table(pdf, cols, rows)
        _h3(pdf, _("Repeated QA failures") + " " + _("(2 or more human evaluations below the pass mark)"))
        _table(pdf, text.columns(text.QA_COLUMNS), text.qa_rows(w.qa_failures), widths=(45, 18, 45, 18, 24, 30), numeric={3, 4, 5})
        _h3(pdf, _("Supervisors over span") + " " + _("(more than 12 agents)"))
        _table(pdf, text.columns(text.SPAN_COLUMNS), text.span_rows(w.over_span), numeric={3})

    _actions(pdf, review)
    return bytes(pdf.output())
