"""Pieces the action dialogs share: the refusal line above a form, and pickers."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel

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
