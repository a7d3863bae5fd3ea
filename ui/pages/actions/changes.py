"""What the Actions page changes: new, edit, update, override, delete with undo, export.

Every change goes through the core on top of the version shown; afterwards the window is told,
so every page refreshes (this one at once, keeping the action selected).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMainWindow, QMessageBox, QPushButton, QWidget

from ... import messages
from ...records.conflicts import conflict_words

if TYPE_CHECKING:
    from commissioner_desk.network.actions import DeletedAction

UNDO_SHOWN_MS = 120_000  # the status-bar Undo goes after two minutes; Ctrl+Z still works


class ActionChanges:
    """Mixed into ActionsPage: uses its _db, selected(), refresh(), select_action()."""

    _db = None
    _deleted: DeletedAction | None = None
    _undo_box: QWidget | None = None

    def _changed(self, action_id: int | None) -> None:
        """After our own save: every page refreshes (this one now), keeping the selection."""
        if action_id is not None:
            self._selected_id = action_id
        after_save(self, action_id, self.select_action)

    def new_action(self) -> None:
        from . import dialog as action_dialog

        if self._db is None:
            return
        force = self.filters.force.currentData()
        saved = action_dialog.ask(self, self._db, force_code=force)
        if saved is not None:
            self._changed(saved)

    def edit_selected(self) -> None:
        from . import dialog as action_dialog

        row = self.selected()
        if row is None or self._db is None:
            return
        if action_dialog.ask(self, self._db, action_id=row.id) is not None:
            self._changed(row.id)

    def add_update(self) -> None:
        from . import updates as action_updates

        row = self.selected()
        if row is not None and self._db is not None:
            action_updates.ask_update(self, self._db, row)
            self._changed(row.id)  # also after a conflict: show what is there now

    def override(self) -> None:
        from . import updates as action_updates

        row = self.selected()
        if row is not None and row.is_open and self._db is not None:
            action_updates.ask_override(self, self._db, row)
            self._changed(row.id)

    def delete_selected(self) -> None:
        from commissioner_desk.network.actions import delete_action
        from commissioner_desk.network.editing import EditConflict

        row = self.selected()
        if row is None or self._db is None:
            return
        logged = f" and its {row.updates} updates" if row.updates else ""
        answer = QMessageBox.question(
            self,
            "Delete action",
            f"Delete {row.reference} ({row.title}){logged}?\n\n"
            "You can put it back straight afterwards: Undo in the status bar, or Edit › Undo "
            "(Ctrl+Z).",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self._deleted = delete_action(self._db, row.id, row.version)
        except EditConflict as exc:
            messages.show_warning(
                self, "Not deleted", f"{exc.what} was not deleted: {conflict_words(exc)}"
            )
            self._changed(row.id)
            return
        self._selected_id = None
        self._changed(None)
        self._offer_undo(self._deleted)

    def _offer_undo(self, deleted: DeletedAction) -> None:
        offer_undo(self, f"Deleted {deleted.describe()}.", "the deleted action")

    def undo(self) -> None:
        """Put back the last action deleted here."""
        from commissioner_desk.network.actions import restore_action

        deleted, window = self._deleted, self.window()
        bar = window.statusBar() if isinstance(window, QMainWindow) else None
        if deleted is None or self._db is None:
            if bar is not None:
                bar.showMessage("Nothing to undo: no action has been deleted here.", 5000)
            return
        try:
            restore_action(self._db, deleted)
        except ValueError as exc:
            messages.show_error(self, "The action could not be put back", exc, str(exc))
            return
        self._deleted = None
        if self._undo_box is not None:
            self._undo_box.hide()
        self._changed(deleted.id)
        if bar is not None:
            bar.showMessage(f"Put back {deleted.describe()}.", 5000)

    def export(self) -> None:
        from .export import export_rows

        rows = self.visible_rows()
        if not rows:
            messages.show_warning(
                self,
                "Export",
                "No actions are shown, so there is nothing "
                "to export. Choose Show all, or change the filters.",
            )
            return
        path = export_rows(self, rows, f"Action log ({self.filters.describe()})")
        window = self.window()
        if path is not None and isinstance(window, QMainWindow):
            window.statusBar().showMessage(f"Exported {len(rows)} actions to {path}.", 8000)


def after_save(page, key, select) -> None:
    """After a page's own save: every page refreshes (this one at once), then `select(key)`
    shows the row saved again (unless key is None)."""
    window = page.window()
    if hasattr(window, "notify_changed") and window is not page:
        window.notify_changed()
    else:
        page.refresh(page._db)
    if key is not None:
        select(key)


def offer_undo(page, text: str, what: str) -> None:
    """An Undo button in the status bar beside `text`, calling `page.undo` (kept on the page
    as _undo_box, _undo_label and undo_button); it goes after a while, Ctrl+Z still works."""
    window = page.window()
    if not isinstance(window, QMainWindow):
        return
    if page._undo_box is None:
        page._undo_box = QWidget()
        row = QHBoxLayout(page._undo_box)
        row.setContentsMargins(0, 0, 0, 0)
        page._undo_label = QLabel()
        page.undo_button = QPushButton("Undo")
        page.undo_button.setToolTip(f"Put {what} back as it was (Ctrl+Z)")
        page.undo_button.clicked.connect(page.undo)
        row.addWidget(page._undo_label)
        row.addWidget(page.undo_button)
        window.statusBar().addWidget(page._undo_box)
    page._undo_label.setText(text)
    # A message still showing ("Ready", "Exported…") would be painted over the offer.
    window.statusBar().clearMessage()
    page._undo_box.show()
    QTimer.singleShot(UNDO_SHOWN_MS, page._undo_box, page._undo_box.hide)
