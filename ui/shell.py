"""What a dialog or command needs of the window it runs in: the `Shell`.

Menu commands (import, backups, metrics, templates, the demo) take a `Shell`, never the
`MainWindow` type, so they can be read, tested and reused without the whole window: a test
passes a plain widget with these few members. Only the main window's own parts (opening,
closing) know the window itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtWidgets import QStatusBar

if TYPE_CHECKING:
    from commissioner_desk.db.database import Database
    from commissioner_desk.workspace import Workspace

    from .operations import Operation


class Shell(Protocol):
    """The window as a dialog or command sees it (MainWindow provides it)."""

    db: Database | None  # None until a database is open
    ws: Workspace

    def statusBar(self) -> QStatusBar:
        """Where short confirmations are shown."""

    def notify_changed(self) -> None:
        """The database changed: every page refreshes when next shown."""

    def open_record(self, kind: str, record_id: int) -> None:
        """Show a "meeting", "action" or "practice" entry on its page."""

    def reopen(self) -> None:
        """Open the database again as at start-up (after a damaged file was restored)."""

    def run_operation(
        self,
        title: str,
        fn: Callable[[Any], Any],
        on_success: Callable[[Any], None],
        cancellable: bool = True,
    ) -> Operation:
        """Run long work off the UI thread with a progress dialog."""
