"""Deleting a record with Undo: asked first, refused when someone changed it meanwhile, and
put back whole by the status bar's Undo, Edit › Undo or Ctrl+Z."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from .. import messages
from .conflicts import conflict_words

PUT_BACK_HINT = (
    "\n\nYou can put it back straight afterwards: Undo in the status bar, or Edit › Undo (Ctrl+Z)."
)


class DeletesWithUndo:
    """Mixed into a RecordPage whose records the core deletes and restores whole (each deletion
    has `id` and `describe()`)."""

    _deleted = None
    not_put_back = "The record could not be put back"

    def delete_question(self, row) -> tuple[str, str]:
        """The question's title and text ("Delete A-12 (Title)?")."""
        raise NotImplementedError

    def delete_record(self, db, row):
        """Delete in the core on top of the version shown; what restores it."""
        raise NotImplementedError

    def restore_record(self, db, deleted) -> None:
        raise NotImplementedError

    def delete_selected(self) -> None:
        from commissioner_desk.network.editing import EditConflict

        row = self.selected()
        if row is None or self._db is None:
            return
        title, text = self.delete_question(row)
        answer = QMessageBox.question(
            self,
            title,
            text + PUT_BACK_HINT,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self._deleted = self.delete_record(self._db, row)
        except EditConflict as exc:
            messages.show_warning(
                self, "Not deleted", f"{exc.what} was not deleted: {conflict_words(exc)}"
            )
            self._changed(row.id)
            return
        self._selected_key = None
        self._changed(None)
        self.offer_undo(f"Deleted {self._deleted.describe()}.")

    def undo(self) -> None:
        """Put back the last record deleted here."""
        deleted = self._deleted
        if deleted is None or self._db is None:
            self.say(self.words.nothing_to_undo, self.say_ms)
            return
        try:
            self.restore_record(self._db, deleted)
        except ValueError as exc:
            messages.show_error(self, self.not_put_back, exc, str(exc))
            return
        self._deleted = None
        self.withdraw_undo()
        self._changed(deleted.id)
        self.say(f"Put back {deleted.describe()}.", self.say_ms)
