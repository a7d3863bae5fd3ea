"""Pieces the record and meeting dialogs share: a form with the refusal above it, the refusal
line, date boxes in UK order, and pickers."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

ERROR_STYLE = (
    "QLabel { background:#fde4e1; border:1px solid #c8553d; color:#6b1a0c;"
    " padding:6px; border-radius:4px; }"
)
NOTE_STYLE = (
    "QLabel { background:#eef3fb; border:1px solid #3b6fb6; color:#1f2a44;"
    " padding:6px; border-radius:4px; }"
)


def message_label() -> QLabel:
    """The line above a form saying why a save was refused (or that it was reloaded)."""
    label = QLabel()
    label.setWordWrap(True)
    label.setVisible(False)
    return label


def show_message(label: QLabel, text: str, error: bool = True) -> None:
    label.setStyleSheet(ERROR_STYLE if error else NOTE_STYLE)
    label.setText(text)
    label.setVisible(bool(text))


def combo(items: list[tuple[str, object]], none_label: str | None = None) -> QComboBox:
    box = QComboBox()
    if none_label is not None:
        box.addItem(none_label, None)
    for text, data in items:
        box.addItem(text, data)
    # Long organisation names must not widen the dialog past a laptop screen.
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(28)
    box.view().setMinimumWidth(420)
    return box


def choose(box: QComboBox, data: object) -> None:
    index = box.findData(data)
    box.setCurrentIndex(index if index >= 0 else 0)


class FormDialog(QDialog):
    """A form with the refusal (if any) above it and OK/Cancel below."""

    def __init__(self, parent: QWidget | None, title: str, intro: str, ok: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        if intro:
            text = QLabel(intro)
            text.setWordWrap(True)
            layout.addWidget(text)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setObjectName("dialogError")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.error.setVisible(False)
        layout.addWidget(self.error)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))


def narrow_combo() -> QComboBox:
    """A combo whose long entries (a person and their organisation) do not widen the dialog
    past the screen or squeeze the form's labels."""
    combo = QComboBox()
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(30)
    return combo


def date_edit(day: date) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setDisplayFormat("dd/MM/yyyy")  # UK order, whatever the machine's locale
    edit.setCalendarPopup(True)
    return edit


def picked_date(edit: QDateEdit) -> date:
    d = edit.date()
    return date(d.year(), d.month(), d.day())
