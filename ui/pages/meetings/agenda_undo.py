"""Deleting an agenda item: asked first, then undone from the status bar if it was a mistake.

The core deletes only items with no decisions or actions against them, so putting one back is
adding it again with its minutes, at the place it had."""

from __future__ import annotations

from typing import TYPE_CHECKING

from commissioner_desk.network.agenda import AgendaItemRow

from . import ops

if TYPE_CHECKING:
    from .agenda_panel import AgendaPanel

UNDO_SECONDS = 60


def delete_with_undo(panel: AgendaPanel, item: AgendaItemRow) -> bool:
    from commissioner_desk.network.agenda import delete_agenda_item

    minuted = " and its minutes" if item.minutes.strip() else ""
    if not ops.confirm(
        panel,
        "Delete agenda item",
        f"Delete item {item.position}, “{item.title}”{minuted}?\n\nThe items after it move up. "
        "You can undo this: Undo in the status bar, or Edit › Undo (Ctrl+Z).",
        "Delete",
    ):
        return False
    db = panel.editor.db
    done = ops.attempt(
        panel,
        "The item could not be deleted",
        lambda: delete_agenda_item(db, item.id, item.version),
    )
    if done is None:
        panel.editor.saved(None)
        return False
    panel.undo_last = lambda: restore(panel, item)
    text = f"Item {item.position}, “{item.title}”, deleted."
    panel.editor.offer_undo(text, panel.undo_last, UNDO_SECONDS * 1000)
    panel.editor.saved(None)
    panel.editor.data_changed.emit()
    return True


def restore(panel: AgendaPanel, item: AgendaItemRow) -> None:
    """Add the item again with its minutes, then move it back to its old place."""
    from commissioner_desk.network.agenda import add_agenda_item, move_agenda_item
    from commissioner_desk.network.minutes import save_minutes

    db = panel.editor.db

    def put_back() -> int:
        papers = "\n".join(item.papers)
        row = add_agenda_item(db, item.meeting_id, item.title, item.kind, item.presenter_id, papers)
        version = row.version
        if item.minutes:
            version = save_minutes(db, row.id, version, item.minutes).version
        position = row.position
        while position > item.position:
            rows = move_agenda_item(db, row.id, version, up=True)
            now = next(r for r in rows if r.id == row.id)
            version, position = now.version, now.position
        return row.id

    new_id = ops.attempt(panel, "The item could not be put back", put_back)
    panel.undo_last = None
    panel.editor.withdraw_undo()
    panel.editor.saved(f"Item {item.position}, “{item.title}”, put back." if new_id else None)
    if new_id:
        panel.select_item(new_id)
