"""What the Practice library page changes: new, edit, publish, delete with undo, export.

Every change goes through the core on top of the version shown; afterwards the window is told,
so every page refreshes (this one at once, keeping the entry selected).
"""

from __future__ import annotations

from ... import messages
from ...records.conflicts import conflict_words
from ...records.deleting import DeletesWithUndo


class PracticeChanges(DeletesWithUndo):
    """Mixed into PracticesPage (a RecordPage)."""

    not_put_back = "The entry could not be put back"

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
        self.say(f"Published “{row.title}”: the digest and the briefing pack now include it.")

    # ----- deleting (ui/records/deleting.py asks, refuses on a conflict, offers Undo) --------

    def delete_question(self, row) -> tuple[str, str]:
        return "Delete practice entry", f"Delete “{row.title}” and its links?"

    def delete_record(self, db, row):
        from commissioner_desk.network.practices import delete_practice

        return delete_practice(db, row.id, row.version)

    def restore_record(self, db, deleted) -> None:
        from commissioner_desk.network.practices import restore_practice

        restore_practice(db, deleted)

    def export_digest(self) -> None:
        from .export import export_digest

        if self._db is not None:
            export_digest(self, self._db, say=self.say)
