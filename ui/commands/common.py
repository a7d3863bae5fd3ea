"""Helpers shared by the command-line commands."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from commissioner_desk.progress import NullProgress
from commissioner_desk.workspace import Workspace, locate, open_database


def workspace(args: argparse.Namespace) -> Workspace:
    return locate(args.database, args.data_dir, args.geo_dir)


def opened(args: argparse.Namespace):
    """(workspace, database) with the schema upgraded, reporting steps on stderr."""
    from commissioner_desk.db.database import DatabaseError, describe_connect_error
    from commissioner_desk.db.failures import plain_words
    from commissioner_desk.settings import display_url

    from ..cli import UserError

    ws = workspace(args)
    try:
        db = open_database(ws, progress=lambda msg: print(msg, file=sys.stderr))
    except DatabaseError as exc:
        raise UserError(str(exc)) from exc
    except Exception as exc:  # driver errors: wrong password, server down, bad URL
        reason = plain_words(exc) or describe_connect_error(exc)
        raise UserError(
            f"Could not open the database {display_url(ws.database_url)}: {reason}"
        ) from exc
    for warning in db.info.warnings:
        print(f"Warning: {warning}", file=sys.stderr)
    return ws, db


def out_file(text: str) -> Path:
    """--out as given, checked before any work is done: its folder exists, and it is not a
    folder, a device or a pipe (an endless sink such as /dev/full is refused, not filled).
    A WriteError leaves in words through cli.main, with exit code 2."""
    from commissioner_desk.files.safe_write import check_target

    check_target(text)
    return Path(text)


def metric_key(text: str) -> str:
    """The key of the metric `--metric` names (a key, or a name only one metric has), read
    after the database is opened so the office's own metrics count; a miss lists the close
    ones."""
    from commissioner_desk.domain.catalogue import UnknownMetricError, resolve_metric

    from ..cli import UserError

    try:
        return resolve_metric(text).key
    except UnknownMetricError as exc:
        raise UserError(f"--metric {text}: {exc}") from exc


class TextProgress(NullProgress):
    """Progress on a terminal: one line per step, rewritten in place."""

    def __init__(self) -> None:
        self._last = ""

    def report(self, done: int, total: int, message: str = "") -> None:
        if message and message != self._last and sys.stderr.isatty():
            print(f"\r{message:<70}", end="", file=sys.stderr, flush=True)
        self._last = message

    def finish(self) -> None:
        if self._last and sys.stderr.isatty():
            print(file=sys.stderr)


def confirmed(question: str) -> bool:
    """Ask before changing data; anything but "yes" changes nothing (and says so)."""
    answer = input(f"{question} Type yes to go on: ")
    if answer.strip().lower() == "yes":
        return True
    print("Nothing was changed.")
    return False


def breakdown_arg(text: str | None) -> str:
    """--breakdown KEY=VALUE as the catalogue stores it (one reading for every command); the
    metric check says if the pair is unknown."""
    from ..cli import UserError

    if not text:
        return ""
    from commissioner_desk.domain.catalogue import breakdown_key

    parts = {}
    for item in text.split(";"):
        key, sep, value = item.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise UserError(f'--breakdown must look like KEY=VALUE (e.g. age=child), not "{text}".')
        parts[key.strip()] = value.strip()
    return breakdown_key(parts)


def ensure_app() -> None:
    """pyqtgraph draws with widgets, so a QApplication (not just a GUI one); offscreen when
    there is no display."""
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from ..cli import UserError

    app = QApplication.instance()
    if app is None:
        global _app
        _app = QApplication([])
    elif not isinstance(app, QApplication):
        raise UserError("Charts need a full Qt application; run the chart command on its own.")


_app = None  # kept alive for the rest of the command
