"""`python -m analytics <command>`: the CLI. Each command lives in analytics/commands/<name>.py and
exposes NAME, HELP, add_arguments(parser) and run(args) -> exit code. Commands are discovered, so a
new capability adds one file and touches nothing else."""
from __future__ import annotations

import argparse
import contextvars
import importlib
import os
import pkgutil
import sys
import traceback

from analytics import commands
from analytics.auth import session
from analytics.auth.cli import AccessDenied
from analytics.auth.rights import WriteDenied
from analytics.auth.config import AuthConfigError
from analytics.auth.users import UsersFileError
from analytics.core.warehouse import WarehouseError
from analytics.importer.errors import ImportInputError
from analytics import i18n

# Set SWITCHBOARD_DEBUG=1 to see the traceback of an unexpected error (developers only).
DEBUG_ENV = "SWITCHBOARD_DEBUG"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analytics", description="Switchboard analytics CLI")
    sub = parser.add_subparsers(dest="command", required=True, metavar="<command>")
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"analytics.commands.{info.name}")
        p = sub.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        p.add_argument("--db", help="warehouse file (default: $SWITCHBOARD_DB, else data/switchboard.duckdb)")
        p.add_argument("--lang", choices=i18n.LANGS, default=None,
                       help="language of the human-readable output and reports: en (default), fa, zh")
        module.add_arguments(p)
        p.set_defaults(_run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    # the run's identity (--as, team scope, channel) lives in context variables: keep them to this run
    return contextvars.copy_context().run(_main, argv)


def _main(argv: list[str] | None) -> int:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(encoding="utf-8")
        except (AttributeError, ValueError):
            pass
    args = build_parser().parse_args(argv)
    session.set_channel("cli")  # the audit records the operating-system user of every CLI write/export
    try:
        with i18n.using(getattr(args, "lang", None) or i18n.DEFAULT):
            return int(args._run(args) or 0)
    except (WarehouseError, UsersFileError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except (AccessDenied, WriteDenied, AuthConfigError, ImportInputError) as exc:
        # --as USER: unknown user or a role without the right; a bad SWITCHBOARD_AUTH; a bad input file
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into `head` and the like
        return 0
    except KeyboardInterrupt:
        print("interrupted: nothing was changed by the unfinished step", file=sys.stderr)
        return 130
    except Exception as exc:  # a user never sees a traceback: one line, the details on request
        if os.environ.get(DEBUG_ENV):
            traceback.print_exc()
        first = (str(exc).strip().splitlines() or [""])[0]
        print(f"error: unexpected {type(exc).__name__}: {first[:300]}"
              + ("" if os.environ.get(DEBUG_ENV) else f" (set {DEBUG_ENV}=1 for details)"), file=sys.stderr)
        return 1
