"""Helpers for the action-log UI tests.

`on_next_dialog` drives a modal dialog the code under test opens with exec(): the callback
runs inside the dialog's own event loop, once it is on screen. A failing callback closes the
dialog, so the test fails instead of hanging, and its error is raised afterwards.
`demo_template` makes a database file with the demo network to copy for each test."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog


@contextmanager
def on_next_dialog(fn: Callable[[QDialog], None]) -> Iterator[list[QDialog]]:
    seen: list[QDialog] = []
    errors: list[BaseException] = []

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QDialog), f"no modal dialog is open (found {dialog!r})"
        seen.append(dialog)
        try:
            fn(dialog)
        except BaseException as exc:  # re-raised once the dialog is closed
            errors.append(exc)
            dialog.reject()

    QTimer.singleShot(0, run)
    yield seen
    if errors:
        raise errors[0]
    assert seen, "the dialog never opened"


def demo_template(template: Path, tmp_path_factory) -> Path:
    """A copy of the migrated test database with the demo network loaded (today's date), so
    each test copies a file instead of loading the demo again."""
    from commissioner_desk.db.database import Database
    from commissioner_desk.demo import load_demo

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    shutil.copy(template, path)
    db = Database(f"sqlite:///{path.as_posix()}", user="tester")
    load_demo(db)
    with db.engine.connect() as conn:  # fold the WAL into the file so a plain copy is complete
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()
    return path
