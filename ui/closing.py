"""May the window close? Unsaved minutes are asked about, and work still running is confirmed;
in tests and self-test, which collect messages instead of showing boxes nobody could answer
offscreen, the answer is yes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from commissioner_desk import APP_NAME

from . import messages

if TYPE_CHECKING:
    from .main_window import MainWindow


def may_close(window: MainWindow) -> bool:
    if messages.collected is not None:
        return True
    for page in window.built_pages():
        can_leave = getattr(page, "can_leave", None)
        if can_leave is not None and not can_leave():
            return False
    if not window.running_operations():
        return True
    answer = QMessageBox.question(
        window,
        APP_NAME,
        "Work is still running. Quit anyway? An import or other change is cancelled and "
        "rolled back; a backup or a restore is finished first.",
    )
    return answer == QMessageBox.StandardButton.Yes
