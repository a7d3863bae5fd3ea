"""File › Load demo data and Remove demo data…, and the welcome page's button."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

if TYPE_CHECKING:
    from .shell import Shell


def load(window: Shell) -> None:
    if window.db is None:
        return
    from commissioner_desk.demo import load_demo

    db = window.db

    def done(summary) -> None:
        window.notify_changed()
        window.statusBar().showMessage(
            f"Loaded DEMO data: {summary.observations:,} figures for {summary.forces} forces.",
            8000,
        )

    window.run_operation("Loading demo data…", lambda p: load_demo(db, progress=p), done)


def remove(window: Shell) -> None:
    if window.db is None:
        return
    answer = QMessageBox.question(
        window,
        "Remove demo data",
        "Remove all DEMO figures, meetings and actions?\n\n"
        "Real imported returns and real network records are not touched.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return
    from commissioner_desk.demo import remove_demo

    db = window.db

    def done(rows: int) -> None:
        window.notify_changed()
        window.statusBar().showMessage(f"Removed the demo data ({rows:,} rows).", 8000)

    window.run_operation("Removing demo data…", lambda p: remove_demo(db, p), done)
