"""What every page offers the main window."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

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
    # Ask the main window to run one of its commands (e.g. "load_demo"): pages hold no ops.
    command_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"page-{self.key}")
        self._loading = False

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
