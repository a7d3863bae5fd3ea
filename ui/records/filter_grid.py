"""The filter bar's layout shared by the record pages: six labelled boxes in two rows of
three, each label the box's buddy (Alt+letter moves to it), and "Show all" at the end."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QWidget


def lay_out_filters(
    bar: QWidget, fields: Sequence[tuple[str, QWidget]], show_all: QPushButton
) -> QGridLayout:
    """Lay `fields` ("&Label", box) out on `bar`, three to a row, then `show_all`."""
    grid = QGridLayout(bar)
    grid.setContentsMargins(0, 0, 0, 0)
    for n, (text, widget) in enumerate(fields):
        label = QLabel(text)
        label.setBuddy(widget)
        grid.addWidget(label, n // 3, (n % 3) * 2)
        grid.addWidget(widget, n // 3, (n % 3) * 2 + 1)
    grid.addWidget(show_all, 1, 6)
    for column in (1, 3, 5):
        grid.setColumnStretch(column, 1)
    return grid
