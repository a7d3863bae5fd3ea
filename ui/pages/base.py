"""What every page offers the main window."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class Page(QWidget):
    """A page refreshes from the database when shown after a change, never on every change:
    hidden pages stay stale until needed, which keeps imports and start-up quick."""

    title = ""
    key = ""
    # Ask the main window to run one of its commands (e.g. "load_demo"): pages hold no ops.
    command_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"page-{self.key}")

    def refresh(self, db) -> None:  # db: commissioner_desk.db.database.Database
        raise NotImplementedError


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
