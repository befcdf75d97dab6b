"""The one-screen summary of an import, as printed by the CLI."""
from __future__ import annotations

from analytics.importer.result import ImportResult
from analytics.importer.validate import REASONS


def summary(result: ImportResult) -> str:
    r = result
    verdict = {
        "imported": "IMPORTED",
        "rejected": "REJECTED: nothing was changed",
        "dry-run": "DRY RUN: valid, nothing was changed",
        "dry-run-rejected": "DRY RUN: rejected, nothing was changed",
    }[r.status]
    lines = [f"{r.file_path.name} → {r.table}: {verdict}"]
    read = f"rows read {r.rows_read:,} · accepted {r.rows_accepted:,} · rejected {r.rows_rejected:,}"
    if r.status == "imported":
        read += f" · inserted {r.rows_inserted:,} · updated {r.rows_updated:,}"
    lines.append(read)
    if r.rows_mapped != r.rows_read:
        lines.append(f"the mapping kept {r.rows_mapped:,} of {r.rows_read:,} rows")
    if r.calls_stitched is not None:
        lines.append(f"transfer legs stitched: {r.rows_accepted:,} legs → {r.calls_stitched:,} calls")
    if r.agents_created:
        verb = "created" if r.status == "imported" else "to create"
        lines.append(f"placeholder agents {verb}: {r.agents_created:,}")
    if r.ignored_columns:
        lines.append("ignored columns (not in the contract): " + ", ".join(r.ignored_columns))
    if r.reason_counts:
        lines.append("rejected rows per reason:")
        for reason, column, n in r.reason_counts[:12]:
            lines.append(f"  {n:>9,}  {REASONS.get(reason, reason)} [{column}]")
        if len(r.reason_counts) > 12:
            lines.append(f"  … and {len(r.reason_counts) - 12} more reason/column pairs")
        lines.append("first examples (row = row in the file, header = row 1):")
        for row, column, reason, detail in r.examples[:8]:
            lines.append(f"  row {row}  {column}: {detail}")
    if r.quarantine_path:
        lines.append(f"every rejected row with its reasons: {r.quarantine_path}")
    if r.status == "imported":
        lines.append(f"{r.rows_per_second:,.0f} rows/s · {r.elapsed_s:.1f} s · warehouse {r.db_path}")
    return "\n".join(lines)
