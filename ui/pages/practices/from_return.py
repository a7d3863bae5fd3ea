"""One step from a force's free-text answer (Forces page) to a draft practice entry: the core
drafts it, the editor opens on it, and the Practice library then shows it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ... import messages
from ..meetings import ops

if TYPE_CHECKING:
    from commissioner_desk.db.database import Database

    from ..base import Page


def draft_and_edit(page: Page, db: Database, return_text_id: int) -> int | None:
    """Draft an entry from the answer (or find the one drafted before) and open it in the
    editor. The entry's id, or None when the answer is no longer held. `page` (the Forces
    page) asks the window, through its signals, to refresh and to show the entry."""
    from commissioner_desk.network.errors import NetworkError
    from commissioner_desk.network.practices import draft_from_return

    from .dialog import PracticeDialog

    try:
        drafted = draft_from_return(db, return_text_id, ops.today())
    except NetworkError as exc:
        messages.show_warning(page, "Draft practice entry", str(exc))
        return None
    page.tell_changed(db)  # the library and search know of it now, whatever the editor does
    if not drafted.created:
        page.say("An entry was drafted from this answer before: here it is.", 8000)
    saved = PracticeDialog.ask(page, db, practice_id=drafted.practice_id)
    if saved is not None and page.opens_records():
        page.tell_changed(db)
        page.open_record("practice", saved)
        page.say("Saved in the Practice library.", 8000)
    else:
        page.say("The draft is kept in the Practice library, marked Draft, until it is checked.")
    return drafted.practice_id
