"""The one-screen summary of an import, as printed by the CLI (in the run's language, `--lang`)."""
from __future__ import annotations

from analytics import i18n
from analytics.core import units
from analytics.i18n import N_, _
from analytics.importer.result import ImportResult
from analytics.importer.validate import REASONS

VERDICTS = {
    "imported": N_("IMPORTED"),
    "rejected": N_("REJECTED: nothing was changed"),
    "dry-run": N_("DRY RUN: valid, nothing was changed"),
    "dry-run-rejected": N_("DRY RUN: rejected, nothing was changed"),
}


def _n(value) -> str:
    return units.number(value, 0)


def summary(result: ImportResult) -> str:
    r = result
    dot = i18n.dot()
    lines = [_("{file} → {table}: {verdict}").format(file=r.file_path.name, table=r.table, verdict=_(VERDICTS[r.status]))]
    if r.status == "imported":
        lines.append(_("rows read {read} · accepted {accepted} · rejected {rejected} · inserted {inserted} · "
                       "updated {updated}").replace(" · ", dot).format(
            read=_n(r.rows_read), accepted=_n(r.rows_accepted), rejected=_n(r.rows_rejected),
            inserted=_n(r.rows_inserted), updated=_n(r.rows_updated)))
    else:
        lines.append(_("rows read {read} · accepted {accepted} · rejected {rejected}").replace(" · ", dot).format(
            read=_n(r.rows_read), accepted=_n(r.rows_accepted), rejected=_n(r.rows_rejected)))
    if r.rows_mapped != r.rows_read:
        lines.append(_("the mapping kept {kept} of {read} rows").format(kept=_n(r.rows_mapped), read=_n(r.rows_read)))
    if r.legs_stitched:
        lines.append(_("transfer legs stitched: {legs} legs → {calls} calls").format(
            legs=_n(r.rows_accepted), calls=_n(r.calls_stitched)))
    if r.agents_created:
        template = (_("placeholder agents created: {n}") if r.status == "imported"
                    else _("placeholder agents to create: {n}"))
        lines.append(template.format(n=_n(r.agents_created)))
    if r.ignored_columns:
        lines.append(_("ignored columns (not in the contract): {columns}").format(columns=", ".join(r.ignored_columns)))
    if r.reason_counts:
        lines.append(_("rejected rows per reason:"))
        for reason, column, n in r.reason_counts[:12]:
            lines.append(f"  {_n(n):>9}  {_(REASONS.get(reason, reason))} [{column}]")
        if len(r.reason_counts) > 12:
            lines.append("  " + _("… and {n} more reason/column pairs").format(n=_n(len(r.reason_counts) - 12)))
        lines.append(_("first examples (row = row in the file, header = row 1):"))
        for row, column, reason, detail in r.examples[:8]:
            lines.append("  " + _("row {row}  {column}: {detail}").format(row=units.digits(str(row)), column=column,
                                                                          detail=detail))
    if r.quarantine_path:
        lines.append(_("every rejected row with its reasons: {file}").format(file=r.quarantine_path))
    if r.status == "imported":
        lines.append(_("{rate} rows/s · {seconds} s · warehouse {file}").replace(" · ", dot).format(
            rate=_n(r.rows_per_second), seconds=units.number(r.elapsed_s, 1), file=r.db_path))
    return "\n".join(lines)
