"""File › Back up database… and Restore database…"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox

from . import messages

if TYPE_CHECKING:
    from .main_window import MainWindow

FILTER = "Commissioner's Desk backup (*.sqlite3);;All files (*)"


def backup(window: MainWindow) -> None:
    if window.db is None:
        return
    suggested = window.ws.backup_dir / f"commissioners-desk-{date.today():%Y-%m-%d}.sqlite3"
    window.ws.backup_dir.mkdir(parents=True, exist_ok=True)
    path, _ = QFileDialog.getSaveFileName(window, "Back up database", str(suggested), FILTER)
    if not path:
        return
    from commissioner_desk.db.backup import backup_to_file

    db = window.db
    window.run_operation(
        "Backing up the database…",
        lambda p: backup_to_file(db, Path(path), p),
        lambda result: window.statusBar().showMessage(
            f"Backed up {result.rows:,} rows to {result.path}", 10000
        ),
    )


def restore(window: MainWindow) -> None:
    if window.db is None:
        return
    path, _ = QFileDialog.getOpenFileName(
        window, "Restore database", str(window.ws.backup_dir), FILTER
    )
    if not path:
        return
    answer = QMessageBox.warning(
        window,
        "Restore database",
        f"Replace everything in this database with the backup\n{path}?\n\n"
        "A safety copy of the current data is taken first, in the backups folder.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return
    from commissioner_desk.db.backup import restore_from_file

    db, safety_dir = window.db, window.ws.backup_dir

    def done(result) -> None:
        window.notify_changed()
        window.statusBar().showMessage(
            f"Restored {result.rows:,} rows. The previous data was saved to {result.safety}", 12000
        )
        if result.notes:
            messages.show_warning(window, "Restore database", "\n\n".join(result.notes))

    window.run_operation(
        "Restoring the database…",
        lambda p: restore_from_file(db, Path(path), safety_dir, p),
        done,
        cancellable=False,
    )
