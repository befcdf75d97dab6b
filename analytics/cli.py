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


def _command_files(argv: list[str] | None) -> list[str]:
    """The command modules to load: only the one being run when argv names it (`import_.py` is the
    command `import`), else all of them (--help, a typo). A command's module imports what it needs:
    loading every command would import scikit-learn, scipy and skops for a daily import — seconds of
    its wall time."""
    files = sorted(m.name for m in pkgutil.iter_modules(commands.__path__) if not m.name.startswith("_"))
    first = argv[0] if argv else None
    chosen = [f for f in files if f.rstrip("_") == first]
    return chosen or files


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The parser; when `argv` names a command, only that command's module is loaded."""
    parser = argparse.ArgumentParser(prog="python -m analytics", description="Switchboard analytics CLI")
    sub = parser.add_subparsers(dest="command", required=True, metavar="<command>")
    for name in _command_files(argv):
        module = importlib.import_module(f"analytics.commands.{name}")
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
    args = build_parser(sys.argv[1:] if argv is None else argv).parse_args(argv)
    session.set_channel("cli")  # the audit records the operating-system user of every CLI write/export
    with i18n.using(getattr(args, "lang", None) or i18n.DEFAULT):   # the errors below too
        return _run(args)


def _run(args) -> int:
    from analytics import cli_text as _out
    from analytics.i18n import _

    try:
        return int(args._run(args) or 0)
    except (WarehouseError, UsersFileError) as exc:
        _out.error(exc)
        if os.environ.get(DEBUG_ENV) and getattr(exc, "detail", None):
            print(exc.detail, file=sys.stderr)
        return 1
    except (AccessDenied, WriteDenied, AuthConfigError, ImportInputError) as exc:
        # --as USER: unknown user or a role without the right; a bad SWITCHBOARD_AUTH; a bad input file
        _out.error(exc)
        return 2
    except BrokenPipeError:  # output piped into `head` and the like
        return 0
    except KeyboardInterrupt:
        print(_("interrupted: nothing was changed by the unfinished step"), file=sys.stderr)
        return 130
    except Exception as exc:  # a user never sees a traceback: one line, the details on request
        if os.environ.get(DEBUG_ENV):
            traceback.print_exc()
        first = (str(exc).strip().splitlines() or [""])[0]
        template = (_("unexpected {kind}: {message}") if os.environ.get(DEBUG_ENV)
                    else _("unexpected {kind}: {message} (set {variable}=1 for details)"))
        _out.error(template.format(kind=type(exc).__name__, message=first[:300], variable=DEBUG_ENV))
        return 1
