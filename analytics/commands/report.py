"""python -m analytics report: the review of a period as one offline HTML file or an A4 PDF."""
from __future__ import annotations

import sys
import time
from pathlib import Path

from analytics.core import warehouse
from analytics.auth import outputs, rights
from analytics.auth.cli import add_as_argument, scope_for
from analytics.review import period as review_period
from analytics import cli_text as _out
from analytics.core import units
from analytics.i18n import _

NAME = "report"
HELP = ("write the review of a period (2026-W46, 2026-11, 2026-Q4, 2026; Jalali 1405-W35, 1405-08, 1405-Q3, "
        "1405) as a self-contained HTML file or a PDF")


def add_arguments(p):
    p.add_argument("--period", required=True, help="ISO week 2026-W46, month 2026-11, quarter 2026-Q4 or year 2026; "
                   "a Jalali year reads as the Persian calendar: week 1405-W35 (Saturday–Friday), month 1405-08, "
                   "season 1405-Q3, year 1405")
    p.add_argument("--format", default="html", choices=("html", "pdf"))
    p.add_argument("--out", help="output file (default: review-<period>.<format>); never the warehouse, "
                                 "the users file or the audit log")
    p.add_argument("--force", action="store_true", help="replace --out if it exists (never a protected file)")
    p.add_argument("--mkdir", action="store_true", help="create --out's folder if it does not exist")
    p.add_argument("--rank-by", default="fcr_pct", help="KPI that ranks teams and agents (default fcr_pct)")
    add_as_argument(p)


def render(db_path: Path, label: str, fmt: str, rank_by: str = "fcr_pct", progress=None,
           warnings: list[str] | None = None) -> bytes:
    """The report's bytes; shared by this command and the page's download buttons."""
    from analytics.core import calendars
    from analytics.report import html, pdf
    from analytics.review import build

    per = review_period.parse(label)
    step = progress or (lambda share, text: None)
    review = build.build_from_path(db_path, per, rank_by=rank_by,
                                   progress=lambda share, text: step(share * 0.6, text))
    step(0.65, "Drawing charts and pages")
    with calendars.using(per.calendar):   # the charts' days and months in the period's calendar
        out = html.render(review).encode("utf-8") if fmt == "html" else pdf.render(review, warnings)
    step(1.0, "Done")
    return out


def run(args) -> int:
    from analytics.review import leaders
    try:
        per = review_period.parse(args.period)
    except ValueError as exc:
        _out.error(exc)
        return 2
    if args.rank_by not in leaders.RANK_KPIS:
        _out.error(_("--rank-by must be one of {choices}").format(choices=", ".join(leaders.RANK_KPIS)))
        return 2
    db = warehouse.resolve_db_path(args.db)
    scope = scope_for(args, db)
    warehouse.set_session_teams(scope.teams)  # a supervisor's report covers their team only
    if not db.exists():
        raise warehouse.WarehouseMissing(db)
    out = Path(args.out or f"review-{per.label}.{args.format}")
    try:  # checked before the work, so a refused destination costs nothing
        outputs.check(out, db, force=args.force, mkdir=args.mkdir)
    except outputs.OutputRefused as exc:
        _out.error(exc)
        return 2
    started = time.monotonic()
    warnings: list[str] = []
    data = render(db, per.label, args.format, args.rank_by, warnings=warnings)
    for w in warnings:
        _out.warning(w)
    try:
        outputs.check(out, db, force=args.force, mkdir=args.mkdir)  # again: the render took a while
        outputs.write(out, data, force=args.force)
    except outputs.OutputRefused as exc:
        _out.error(exc)
        return 2
    except FileExistsError:
        _out.error(_("{file} appeared while the report was drawn; pass --force to replace it").format(file=out))
        return 2
    except OSError as exc:
        _out.error(_("cannot write {file}: {reason}").format(file=out, reason=exc.strerror or exc))
        return 1
    rights.record_write(db, "report_written", file=str(out.resolve()), period=per.label, format=args.format)
    print(_("wrote {file} ({format}, {size} bytes, {period}, {seconds} s)").format(
        file=out, format=args.format, size=units.number(len(data), 0), period=per.describe(),
        seconds=units.number(time.monotonic() - started, 1)))
    return 0
