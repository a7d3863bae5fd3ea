"""One step from a force's free-text answer (Forces page) to a draft practice entry: the core
drafts it, the editor opens on it, and the Practice library then shows it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QWidget

from ... import messages
from ..meetings import ops

if TYPE_CHECKING:
    from commissioner_desk.db.database import Database


def draft_and_edit(parent: QWidget, db: Database, return_text_id: int) -> int | None:
    """Draft an entry from the answer (or find the one drafted before) and open it in the
    editor. The entry's id, or None when the answer is no longer held."""
    from commissioner_desk.network.errors import NetworkError
    from commissioner_desk.network.practices import draft_from_return

    from .dialog import PracticeDialog

    try:
        drafted = draft_from_return(db, return_text_id, ops.today())
    except NetworkError as exc:
        messages.show_warning(parent, "Draft practice entry", str(exc))
        return None
    _changed(parent)  # the library and search know of it now, whatever the editor does
    if not drafted.created:
        _say(parent, "An entry was drafted from this answer before: here it is.")
    saved = PracticeDialog.ask(parent, db, practice_id=drafted.practice_id)
    window = parent.window()
    if saved is not None and "practices" in getattr(window, "page_keys", ()):
        _changed(parent)
        window.show_page("practices")
        window.page("practices").select_practice(saved)
        _say(window, "Saved in the Practice library.")
    else:
        _say(
            parent, "The draft is kept in the Practice library, marked Draft, until it is checked."
        )
    return drafted.practice_id


# The Forces page calls this and is not yet a SignallingPage (ui/pages/signalling.py): until
# it is, the window is reached as before. Its signals would replace these two and the show_page
# above.
def _changed(widget: QWidget) -> None:
    window = widget.window()
    if hasattr(window, "notify_changed"):
        window.notify_changed()


def _say(widget: QWidget, text: str, ms: int = 8000) -> None:
    window: Any = widget.window()
    if hasattr(window, "statusBar"):
        window.statusBar().showMessage(text, ms)
