"""What the Practice library page changes: new, edit, publish, delete with undo, export.

Every change goes through the core on top of the version shown; afterwards the window is told,
so every page refreshes (this one at once, keeping the entry selected).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from ... import messages
from ...records.conflicts import conflict_words
from ..actions.changes import after_save, offer_undo

if TYPE_CHECKING:
    from commissioner_desk.network.practices import DeletedPractice


class PracticeChanges:
    """Mixed into PracticesPage: uses its _db, selected(), refresh(), select_practice()."""

    _db = None
    _deleted: DeletedPractice | None = None
    _undo_box: QWidget | None = None

    def _changed(self, practice_id: int | None) -> None:
        """After our own save: every page refreshes (this one now), keeping the selection."""
        if practice_id is not None:
            self._selected_id = practice_id
        after_save(self, practice_id, self.select_practice)

    def new_entry(self) -> None:
        from .dialog import PracticeDialog

        if self._db is None:
            return
        saved = PracticeDialog.ask(self, self._db, force_code=self.filters.force.currentData())
        if saved is not None:
            self._changed(saved)

    def edit_selected(self) -> None:
        self.edit_entry(self.selected().id if self.selected() else None)

    def edit_entry(self, practice_id: int | None) -> None:
        from commissioner_desk.network.practices import PracticeNotFound

        from .dialog import PracticeDialog

        if practice_id is None or self._db is None:
            return
        try:
            saved = PracticeDialog.ask(self, self._db, practice_id=practice_id)
        except PracticeNotFound as exc:
            messages.show_warning(self, "Practice library", str(exc))
            self._changed(None)
            return
        if saved is not None:
            self._changed(saved)

    def publish_selected(self) -> None:
        from commissioner_desk.domain.enums import PracticeStatus
        from commissioner_desk.network.editing import EditConflict
        from commissioner_desk.network.practices import edit_practice

        row = self.selected()
        if row is None or not row.is_draft or self._db is None:
            return
        try:
            edit_practice(self._db, row.id, row.version, {"status": PracticeStatus.PUBLISHED})
        except EditConflict as exc:
            messages.show_warning(
                self, "Not published", f"{exc.what} was not published: {conflict_words(exc)}"
            )
            self._changed(row.id)
            return
        self._changed(row.id)
        self._status(f"Published “{row.title}”: the digest and the briefing pack now include it.")

    def delete_selected(self) -> None:
        from commissioner_desk.network.editing import EditConflict
        from commissioner_desk.network.practices import delete_practice

        row = self.selected()
        if row is None or self._db is None:
            return
        answer = QMessageBox.question(
            self,
            "Delete practice entry",
            f"Delete “{row.title}” and its links?\n\n"
            "You can put it back straight afterwards: Undo in the status bar, or Edit › Undo "
            "(Ctrl+Z).",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self._deleted = delete_practice(self._db, row.id, row.version)
        except EditConflict as exc:
            messages.show_warning(
                self, "Not deleted", f"{exc.what} was not deleted: {conflict_words(exc)}"
            )
            self._changed(row.id)
            return
        self._selected_id = None
        self._changed(None)
        self._offer_undo(self._deleted)

    def _offer_undo(self, deleted: DeletedPractice) -> None:
        offer_undo(self, f"Deleted {deleted.describe()}.", "the deleted entry")

    def undo(self) -> None:
        """Put back the last entry deleted here."""
        from commissioner_desk.network.practices import restore_practice

        deleted = self._deleted
        if deleted is None or self._db is None:
            self._status("Nothing to undo: no practice entry has been deleted here.")
            return
        try:
            restore_practice(self._db, deleted)
        except ValueError as exc:
            messages.show_error(self, "The entry could not be put back", exc, str(exc))
            return
        self._deleted = None
        if self._undo_box is not None:
            self._undo_box.hide()
        self._changed(deleted.id)
        self._status(f"Put back {deleted.describe()}.")

    def export_digest(self) -> None:
        from .export import export_digest

        if self._db is not None:
            export_digest(self, self._db)

    def _status(self, text: str) -> None:
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, 6000)
