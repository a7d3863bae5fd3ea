"""A page that asks the window for things through signals, never by holding the window.

The main window connects these when it builds the page; a page shown on its own (in a test, in
another window) works without them: it refreshes itself after a save and keeps its messages.
(These could join `Page` in base.py once that file is free to change.)
"""

from __future__ import annotations

from PySide6.QtCore import QMetaMethod, Signal
from PySide6.QtWidgets import QWidget

from .base import Page

RECORD_KINDS = ("meeting", "action", "practice")  # what open_requested may ask to show


class SignallingPage(Page):
    # Show another page's record: ("meeting", 12), ("action", 3), ("practice", 7).
    open_requested = Signal(str, int)
    # This page saved a change: every page refreshes (the one showing, at once).
    data_changed = Signal()
    # A short message for the status bar, shown for so many ms (0: until the next one).
    status_message = Signal(str, int)
    # A widget for the status bar (an Undo offer); it stays unparented when nobody listens.
    status_widget_offered = Signal(QWidget)

    def _connected(self, signal) -> bool:
        return self.isSignalConnected(QMetaMethod.fromSignal(signal))

    def opens_records(self) -> bool:
        """Whether someone shows the records this page links to (links are offered only then)."""
        return self._connected(self.open_requested)

    def open_record(self, kind: str, record_id: int) -> None:
        assert kind in RECORD_KINDS, kind
        self.open_requested.emit(kind, int(record_id))

    def tell_changed(self, db) -> None:
        """After this page's own save: the window refreshes every page (this one at once); on
        its own, the page refreshes itself from `db`."""
        if self._connected(self.data_changed):
            self.data_changed.emit()
        else:
            self.refresh(db)

    def say(self, text: str, ms: int = 6000) -> None:
        self.status_message.emit(text, ms)
