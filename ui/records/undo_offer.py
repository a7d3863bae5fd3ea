"""The status-bar offer to undo a record page's last change: the change in words and an Undo
button, for two minutes (Ctrl+Z and Edit › Undo still work after that)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

UNDO_SHOWN_MS = 120_000


class UndoOffer(QWidget):
    """Made once per page and handed to the window's status bar (`page.status_widget_offered`);
    a page with no window to take it offers nothing on screen."""

    def __init__(self, undo: Callable[[], None], what: str) -> None:
        super().__init__()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.button = QPushButton("Undo")
        self.button.setToolTip(f"Put {what} back as it was (Ctrl+Z)")
        self.button.clicked.connect(undo)
        row.addWidget(self.label)
        row.addWidget(self.button)
        self.hide()

    def offer(self, text: str, ms: int = UNDO_SHOWN_MS) -> None:
        if self.parent() is None:  # not in a status bar
            return
        self.label.setText(text)
        self.show()
        QTimer.singleShot(ms, self, self.hide)
