"""Exporting the action log as shown (filters, find box and sort order) to a marked .xlsx.

`ask_marking` and `ask_save_path` are module-level so tests patch one call each.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from commissioner_desk.network.action_export import MARKINGS, clean_marking
from commissioner_desk.network.actions_types import ActionRow

from ... import messages
from ...records.form import message_label, show_message


class MarkingDialog(QDialog):
    """OFFICIAL, OFFICIAL-SENSITIVE, or a handling caveat the user types."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Protective marking")
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Choose the marking printed on the first row of the workbook and in the header "
            "and footer of every printed page."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.message = message_label()
        layout.addWidget(self.message)
        self.group = QButtonGroup(self)
        for n, marking in enumerate(MARKINGS):
            button = QRadioButton(marking)
            button.setChecked(n == 0)
            self.group.addButton(button, n)
            layout.addWidget(button)
        self.custom_button = QRadioButton("Another marking or handling caveat:")
        self.group.addButton(self.custom_button, len(MARKINGS))
        layout.addWidget(self.custom_button)
        self.custom = QLineEdit()
        self.custom.setPlaceholderText("OFFICIAL-SENSITIVE PERSONAL")
        self.custom.textEdited.connect(lambda _t: self.custom_button.setChecked(True))
        layout.addWidget(self.custom)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Continue")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def marking(self) -> str:
        n = self.group.checkedId()
        return MARKINGS[n] if n < len(MARKINGS) else self.custom.text()

    def accept(self) -> None:
        try:
            clean_marking(self.marking())
        except ValueError as exc:
            show_message(self.message, str(exc))
            return
        super().accept()


def ask_marking(parent: QWidget | None) -> str | None:
    """The marking the export carries, or None if cancelled."""
    dialog = MarkingDialog(parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return clean_marking(dialog.marking())


def ask_save_path(parent: QWidget | None, suggested: Path) -> Path | None:
    """The file to write, or None if cancelled."""
    name, _ = QFileDialog.getSaveFileName(
        parent, "Export the action log", str(suggested), "Excel workbook (*.xlsx)"
    )
    return Path(name) if name else None


def suggested_path(today: date) -> Path:
    folder = Path.home() / "Documents"
    return (folder if folder.is_dir() else Path.home()) / f"Action log {today:%Y-%m-%d}.xlsx"


def export_rows(parent: QWidget, rows: Sequence[ActionRow], title: str) -> Path | None:
    """Ask for the marking and the file, write the workbook; the path written, or None."""
    from commissioner_desk.network.action_export import export_action_log

    marking = ask_marking(parent)
    if marking is None:
        return None
    today = date.today()
    path = ask_save_path(parent, suggested_path(today))
    if path is None:
        return None
    if path.suffix.lower() != ".xlsx":
        path = path.with_name(path.name + ".xlsx")
    try:
        return export_action_log(rows, path, marking, title=title, today=today)
    except (OSError, ValueError) as exc:  # a file Excel holds, a full disk: in words
        messages.show_error(parent, "The action log could not be exported", exc)
        return None
