"""What the Actions page changes: new, edit, update, override, delete with undo, export.

Every change goes through the core on top of the version shown; afterwards the window is told,
so every page refreshes (this one at once, keeping the action selected).
"""

from __future__ import annotations

from ... import messages
from ...records.deleting import DeletesWithUndo


class ActionChanges(DeletesWithUndo):
    """Mixed into ActionsPage (a RecordPage)."""

    not_put_back = "The action could not be put back"

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

    # ----- deleting (ui/records/deleting.py asks, refuses on a conflict, offers Undo) --------

    def delete_question(self, row) -> tuple[str, str]:
        logged = f" and its {row.updates} updates" if row.updates else ""
        return "Delete action", f"Delete {row.reference} ({row.title}){logged}?"

    def delete_record(self, db, row):
        from commissioner_desk.network.actions import delete_action

        return delete_action(db, row.id, row.version)

    def restore_record(self, db, deleted) -> None:
        from commissioner_desk.network.actions import restore_action

        restore_action(db, deleted)

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
        if path is not None:
            self.say(f"Exported {len(rows)} actions to {path}.", 8000)
