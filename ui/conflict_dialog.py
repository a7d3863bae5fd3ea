"""The one dialog every editor shows when its save lands on top of someone else's.

Nothing was saved (the core refused it). The user sees who changed the item and when, their
values now beside the text the user typed, and chooses: reload theirs, or keep a copy of
theirs first (clipboard, and a .txt file if they like) and then reload. Never overwrite.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from commissioner_desk.formatting import uk_date, uk_datetime
from commissioner_desk.network.editing import EditConflict
from commissioner_desk.network.wording import html_to_text

RELOAD, COPY = "reload", "copy"


def theirs_text(theirs: dict[str, object]) -> str:
    """Their current values as "Label: value" lines; raw ids are left out (they mean nothing
    to a reader), and formatted text is shown as words."""
    lines = []
    for key, value in theirs.items():
        if key.endswith("_id") or key in ("id", "version"):
            continue
        label = key if " " in key or key[:1].isupper() else key.replace("_", " ").capitalize()
        lines.append(f"{label}: {_value_text(value)}")
    return "\n".join(lines)


def _value_text(value: object) -> str:
    if value is None or value == "":
        return "(none)"
    if isinstance(value, datetime):
        return uk_datetime(value)
    if isinstance(value, date):
        return uk_date(value)
    if isinstance(value, Enum):
        return str(value.value).replace("_", " ")
    text = str(value)
    if "<" in text and ">" in text:
        text = html_to_text(text)
    return text


def ask_copy_path(parent: QWidget | None) -> Path | None:
    """Where to save the user's text, or None (tests patch this one call)."""
    suggested = Path.home() / "My unsaved text.txt"
    name, _ = QFileDialog.getSaveFileName(
        parent,
        "Save a copy of your text (it is on the clipboard too)",
        str(suggested),
        "Text files (*.txt)",
    )
    return Path(name) if name else None


def keep_copy(parent: QWidget | None, my_text: str) -> Path | None:
    """Put the user's text on the clipboard and offer to save it to a file."""
    QApplication.clipboard().setText(my_text)
    path = ask_copy_path(parent)
    if path is None:
        return None
    if path.suffix.lower() != ".txt":
        path = path.with_name(path.name + ".txt")
    from commissioner_desk.files.safe_write import write_text

    try:
        write_text(path, my_text)
    except OSError as exc:
        from . import messages

        messages.show_error(parent, "Your copy could not be saved", exc)
        return None
    return path


class ConflictDialog(QDialog):
    def __init__(self, parent: QWidget | None, exc: EditConflict, my_text: str) -> None:
        super().__init__(parent)
        self.exc = exc
        self.my_text = my_text
        self.choice = RELOAD
        self.saved_to: Path | None = None
        self.setWindowTitle("Someone else saved this first")
        deleted = exc.change.deleted

        message = QLabel(str(exc))
        message.setObjectName("conflictMessage")
        message.setWordWrap(True)
        message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        grid = QGridLayout()
        who = exc.change.who
        their_heading = QLabel(
            f"<b>Deleted by {who}</b>" if deleted else f"<b>Theirs, saved by {who}</b>"
        )
        mine_heading = QLabel("<b>Yours, not saved</b>")
        self.theirs_box = QPlainTextEdit()
        self.theirs_box.setReadOnly(True)
        self.theirs_box.setPlainText(
            "The item is no longer there."
            if deleted
            else theirs_text(exc.theirs) or "(their values are shown when you reload)"
        )
        self.mine_box = QPlainTextEdit()
        self.mine_box.setReadOnly(True)  # a copy to keep, not a second editor
        self.mine_box.setPlainText(my_text or "(no text of yours to keep)")
        grid.addWidget(their_heading, 0, 0)
        grid.addWidget(mine_heading, 0, 1)
        grid.addWidget(self.theirs_box, 1, 0)
        grid.addWidget(self.mine_box, 1, 1)

        self.reload_button = QPushButton("Close" if deleted else "Reload theirs")
        self.reload_button.setToolTip(
            "Your changes are dropped"
            if deleted
            else "Show their version; your changes are dropped unless you keep a copy"
        )
        self.copy_button = QPushButton("Keep a copy of mine")
        self.copy_button.setToolTip(
            "Put your text on the clipboard and offer to save it to a file, then reload"
        )
        self.copy_button.setEnabled(bool(my_text))
        self.reload_button.clicked.connect(self._reload)
        self.copy_button.clicked.connect(self._copy)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.reload_button)
        self.reload_button.setDefault(True)

        layout = QVBoxLayout(self)
        layout.addWidget(message)
        layout.addLayout(grid, 1)
        layout.addLayout(buttons)
        self.resize(680, 420)

    def _reload(self) -> None:
        self.choice = RELOAD
        self.accept()

    def _copy(self) -> None:
        self.choice = COPY
        self.saved_to = keep_copy(self, self.my_text)
        self.accept()

    def reject(self) -> None:  # Esc or the close box: nothing was saved, so reload
        self.choice = RELOAD
        super().reject()


def resolve_conflict(parent: QWidget | None, exc: EditConflict, my_text: str) -> str:
    """Show the conflict; returns "reload" or "copy" (the copy is already made). Either way
    the caller reloads the item: nothing of anyone's is overwritten."""
    from . import messages

    if messages.collected is not None:  # offscreen self-test: no one could press a button
        messages.collected.append(f"conflict: {exc}")
        return RELOAD
    dialog = ConflictDialog(parent, exc, my_text)
    dialog.exec()
    return dialog.choice
