"""What every page offers the main window."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMetaMethod, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

RECORD_KINDS = ("meeting", "action", "practice")  # what open_requested may ask to show


@dataclass(frozen=True)
class PageFolders:
    """The folders a page reads files from: the data folder (boundaries the user loaded) and
    the reference geography. The window sets them when it builds a page; a page built on its
    own (a test) has no data folder and the geography shipped with the app."""

    data: Path | None = None
    geo: Path | None = None


# The query step: a plain function of a Database (it opens its own sessions) returning plain
# data (frozen dataclasses, tuples); it runs on the thread pool and must not touch widgets.
Query = Callable[[Any], Any]


class Page(QWidget):
    """A page refreshes from the database when shown after a change, never on every change:
    hidden pages stay stale until needed, which keeps imports and start-up quick.

    A page whose reading takes time splits its refresh in two: `query()`, called on the UI
    thread, reads the page's choices and returns the query step; the window runs it in the
    background (operations.Read) and hands its result to `show_data()` on the UI thread. The
    page keeps its last content meanwhile. A page with nothing slow to read overrides
    `refresh(db)` instead and stays synchronous."""

    title = ""
    key = ""
    # What a page asks of the window goes through these signals, never by holding the window:
    # the main window connects them when it builds the page. A page shown on its own (a test,
    # another window) works without them: it refreshes itself after a save.
    # Run one of the window's commands (e.g. "load_demo"): pages hold no ops.
    command_requested = Signal(str)
    # Show another page's record: ("meeting", 12), ("action", 3), ("practice", 7).
    open_requested = Signal(str, int)
    # This page saved a change: every page refreshes (the one showing, at once).
    data_changed = Signal()
    # A short message for the status bar, shown for so many ms (0: until the next one).
    status_message = Signal(str, int)
    # A widget for the status bar (an Undo offer); it stays unparented when nobody listens.
    status_widget_offered = Signal(QWidget)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"page-{self.key}")
        self._loading = False
        self.folders = PageFolders(geo=_shipped_geo_dir())  # the window gives its own

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

    def query(self) -> Query | None:
        """The query step for the choices on screen, or None: the page refreshes synchronously."""
        return None

    def show_data(self, data: Any) -> None:  # the apply step, on the UI thread
        raise NotImplementedError

    def refresh(self, db) -> None:  # db: commissioner_desk.db.database.Database
        """Both steps at once, on this thread (the window loads in the background instead)."""
        query = self.query()
        if query is None:
            raise NotImplementedError
        self.show_data(query(db))

    def set_loading(self, loading: bool) -> None:
        """The page's read is taking longer than a glance (the window says "Loading…" in its
        status bar while the page shows its last content; a quick read says nothing)."""
        self._loading = loading

    def is_loading(self) -> bool:
        return self._loading


def _shipped_geo_dir() -> Path | None:
    from commissioner_desk.paths import default_geo_dir

    return default_geo_dir()


def page_heading(text: str, subtitle: str = "") -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 8)
    title = QLabel(text)
    title.setObjectName("pageTitle")
    layout.addWidget(title)
    if subtitle:
        sub = QLabel(subtitle)
        sub.setObjectName("pageSubtitle")
        sub.setWordWrap(True)
        layout.addWidget(sub)
    return box
