"""The one entry point, `commissioner-desk`. No arguments starts the app.

Keep the module top free of heavy imports: `--version` must answer without loading Qt,
SQLAlchemy or numpy. Each command imports what it needs when it runs.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from commissioner_desk import APP_NAME, __version__

from .cli_parsers import add_commands
from .cli_parsers.lazy import Command


class UserError(Exception):
    """A problem to report in one plain sentence (exit code 2), not a traceback."""


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="commissioner-desk",
        description=f"{APP_NAME}: force returns, national map, trends, network business and "
        "briefing packs. Run without a command to start the app.",
    )
    p.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    p.add_argument(
        "--database",
        metavar="URL",
        help="database to use, e.g. postgresql://user@server/desk (default: a SQLite file in "
        "the data folder; also COMMISSIONER_DESK_DATABASE_URL)",
    )
    p.add_argument(
        "--data-dir",
        metavar="DIR",
        help="folder for the database, settings and backups (also COMMISSIONER_DESK_DATA_DIR)",
    )
    p.add_argument(
        "--geo-dir",
        metavar="DIR",
        help="folder holding police_force_areas.geojson and pfa_population.csv "
        "(also COMMISSIONER_DESK_GEO_DIR)",
    )
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    add_commands(sub)  # each command group adds its own sub-parser: ui/cli_parsers/
    return p


CLOSED_PIPE = 141  # 128 + SIGPIPE: what a shell reports for `… | head` cutting a tool short


def _quiet_after_closed_pipe() -> int:
    """The reader went away (`| head`): stop without a word. Standard output is pointed at
    the null device, or Python's own flush at exit would fail and print a traceback."""
    import contextlib
    import os

    with contextlib.suppress(OSError, ValueError):  # no real file behind stdout: a test's
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return CLOSED_PIPE


def main(argv: Sequence[str] | None = None) -> int:
    from ui.terminal_text import escaping_output

    try:
        with escaping_output():  # user text never drives the terminal
            code = _main(argv)
            sys.stdout.flush()  # here, where a closed pipe can still be told apart
        return code
    except BrokenPipeError:
        return _quiet_after_closed_pipe()
    except SystemExit:  # --help, --version, a usage error: printed, maybe into a closed pipe
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            return _quiet_after_closed_pipe()
        raise


def _main(argv: Sequence[str] | None) -> int:
    args = build_parser().parse_args(argv)
    run: Command | None = getattr(args, "run", None)
    try:
        if run is None:
            from ui.app import run_gui

            return run_gui(args)
        return run(args)
    except UserError as exc:
        print(f"commissioner-desk: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:
        from commissioner_desk.db.failures import plain_words

        words = plain_words(exc)  # disk full, read-only, busy: words, not a traceback
        if words is None:
            raise
        print(f"commissioner-desk: {words}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
