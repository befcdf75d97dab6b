"""`python -m analytics import`: validate a user's export and merge it into the warehouse, all or nothing."""
from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from analytics.auth import rights
from analytics.auth.cli import add_as_argument, scope_for
from analytics.core import warehouse
from analytics.importer import TABLES, ImportInputError, import_file, profiles
from analytics.importer.pipeline import MAPPING_TIMEOUT_S
from analytics.importer.report import summary
from analytics import cli_text as _out
from analytics.i18n import _

NAME = "import"
HELP = "import a CSV/JSON lines/Parquet/xlsx export into one canonical table (all rows or none)"


def add_arguments(parser):
    parser.add_argument("--table", choices=TABLES, help="the canonical table (may be left out with --profile)")
    src = parser.add_mutually_exclusive_group(required=True)
    src.add_argument("--dir", metavar="FOLDER",
                     help="import every new file of FOLDER in name order, one transaction each; files already "
                          "imported (same content) are skipped")
    parser.add_argument("--pattern", metavar="GLOB",
                        help="with --dir: the exports' names, e.g. 'calls_*.txt' (any suffix; case is ignored); "
                             "by default every file with a data-file suffix")
    src.add_argument("--file", help="CSV (any delimiter; UTF-8/UTF-16), JSON lines (.jsonl/.ndjson), Parquet or xlsx")
    parser.add_argument("--mapping", help="a .sql file holding one SELECT … FROM raw producing canonical columns")
    parser.add_argument("--profile", help="a saved or bundled mapping profile by name, instead of --mapping "
                                           "(the file must have every column it reads)")
    parser.add_argument("--save-profile", metavar="NAME",
                        help="after a successful import, save --mapping under NAME in the warehouse")
    parser.add_argument("--as-of", type=date.fromisoformat, metavar="YYYY-MM-DD",
                        help="agents: the date a changed supervisor/coach/site/role takes effect (default today)")
    parser.add_argument("--dry-run", action="store_true", help="validate only; change nothing")
    parser.add_argument("--create-missing-agents", action="store_true",
                        help="create placeholder agents (role agent, name = id) for unknown agent ids")
    parser.add_argument("--encoding", help="text encoding of a non-UTF-8 CSV, e.g. cp1256 or gb18030")
    parser.add_argument("--mapping-timeout", type=float, default=MAPPING_TIMEOUT_S, metavar="S",
                        help=f"stop a mapping that runs longer than S seconds (default {MAPPING_TIMEOUT_S:g}; 0 = no limit)")
    add_as_argument(parser)


def run(args) -> int:
    db = warehouse.resolve_db_path(args.db)
    if not args.dry_run:
        scope_for(args, db, needs="admin")  # with sign-in on, only an admin imports (as on the Data page)
    try:
        mapping = None
        table = args.table
        if args.profile and args.mapping:
            raise ImportInputError("give --mapping or --profile, not both")
        if args.dir and args.profile:
            raise ImportInputError("--dir takes --mapping, not --profile")
        if args.pattern and not args.dir:
            raise ImportInputError("--pattern goes with --dir")
        if args.profile:
            profile = profiles.find(db, args.profile)
            if table and table != profile.table:
                raise ImportInputError(f"profile {profile.name!r} maps table {profile.table}, not {table}")
            table = profile.table
            profiles.check(profile, Path(args.file).name, file_columns(args.file, args.encoding))
            mapping = profile.sql
        if not table:
            raise ImportInputError("--table is required (or --profile)")
        if args.mapping:
            try:
                with open(args.mapping, encoding="utf-8-sig") as fh:
                    mapping = fh.read()
            except OSError as exc:
                raise ImportInputError(f"cannot read mapping {args.mapping}: {exc.strerror}") from None
            except UnicodeDecodeError:
                raise ImportInputError(f"mapping {args.mapping} is not UTF-8 text") from None
        if args.dir:
            return _run_dir(args, db, table, mapping)
        from analytics.importer import progress as progress_mod

        # the same progress source as --dir and the Data page, as a bar on a terminal
        bar = progress_mod.Bar(1, f"import {table}", "file") if sys.stderr.isatty() else None
        try:
            result = import_file(db, table, args.file, mapping_sql=mapping, dry_run=args.dry_run,
                                 create_missing_agents=args.create_missing_agents, encoding=args.encoding,
                                 as_of=args.as_of, mapping_timeout=args.mapping_timeout, progress=bar)
        finally:
            if bar is not None:
                bar.close()
    except ImportInputError as exc:
        _out.error(exc)
        return 2
    if not args.dry_run:
        rights.record_write(db, "import", table=result.table, file=str(result.file_path.resolve()),
                            status=result.status, rows_accepted=result.rows_accepted,
                            rows_rejected=result.rows_rejected)
    print(summary(result))
    if args.save_profile and result.status == "imported" and mapping:
        profiles.save(db, args.save_profile, table, mapping)
        print(_("mapping saved as profile {name}").format(name=repr(args.save_profile)))
    return result.exit_code


def _run_dir(args, db, table: str, mapping: str | None) -> int:
    """--dir FOLDER: every new file of the folder, each its own all-or-nothing import, then a summary."""
    from analytics.importer import batch

    if args.dry_run:
        raise ImportInputError("--dry-run works on one --file")
    res = batch.import_folder(db, table, args.dir, mapping, create_missing_agents=args.create_missing_agents,
                              encoding=args.encoding, progress=sys.stderr.isatty(), pattern=args.pattern)
    for r in res.imported + res.rejected:
        rights.record_write(db, "import", table=table, file=str(r.file_path.resolve()), status=r.status,
                            rows_accepted=r.rows_accepted, rows_rejected=r.rows_rejected)
    print(res.summary())
    return res.exit_code


def file_columns(path, encoding) -> list[str]:
    from analytics.importer.sniff import inspect_file

    return [c.name for c in inspect_file(Path(path), encoding, rows=200)]
