"""File › Back up database… and Restore database… (also the damaged database's banner)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox

from . import messages

if TYPE_CHECKING:
    from .shell import Shell

FILTER = "Commissioner's Desk backup (*.sqlite3);;All files (*)"


def backup(window: Shell) -> None:
    if window.db is None:
        return
    from commissioner_desk.db.rolling import dated_backup

    window.ws.backup_dir.mkdir(parents=True, exist_ok=True)
    suggested = dated_backup(window.ws.backup_dir)  # as `db backup --out FOLDER` names it
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


def restore(window: Shell, path: Path | None = None) -> None:
    """Choose a backup (unless `path` is given: the banner's newest good one), confirm, and
    restore it; a damaged database is then opened afresh."""
    if window.db is None:
        return
    if path is None:
        chosen, _ = QFileDialog.getOpenFileName(
            window, "Restore database", str(window.ws.backup_dir), FILTER
        )
        if not chosen:
            return
        path = Path(chosen)
    damaged = window.db.damage is not None
    question = (
        f"Replace the damaged database with the backup\n{path}?\n\n"
        "The damaged file is kept, moved aside under a dated name beside it."
        if damaged
        else f"Replace everything in this database with the backup\n{path}?\n\n"
        "A safety copy of the current data is taken first, in the backups folder."
    )
    answer = QMessageBox.warning(
        window,
        "Restore database",
        question,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return
    from commissioner_desk.db.backup import restore_from_file

    db, safety_dir = window.db, window.ws.backup_dir

    def done(result) -> None:
        if result.damaged:
            window.reopen()
            kept = f"The damaged database was moved aside to {result.safety}"
        else:
            window.notify_changed()
            kept = f"The previous data was saved to {result.safety}"
        window.statusBar().showMessage(f"Restored {result.rows:,} rows. {kept}", 12000)
        if result.notes:
            messages.show_warning(window, "Restore database", "\n\n".join(result.notes))

    window.run_operation(
        "Restoring the database…",
        lambda p: restore_from_file(db, path, safety_dir, p),
        done,
        cancellable=False,
    )
