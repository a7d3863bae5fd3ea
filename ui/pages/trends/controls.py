"""Small pieces of the Trends page: its choices, empty state and file naming."""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from commissioner_desk.domain.periods import Period

MEASURES = (("Count", "count"), ("Rate per 100,000", "rate"))
GRAINS = (
    ("Quarter", "quarter"),
    ("Calendar year", "calendar_year"),
    ("Financial year (April to March)", "financial_year"),
)
EXPORTS = (
    ("Picture (PNG)…", ".png", "PNG picture (*.png)"),
    ("Drawing (SVG)…", ".svg", "SVG drawing (*.svg)"),
    ("Table (CSV)…", ".csv", "CSV table (*.csv)"),
)


def combo(items) -> QComboBox:
    box = QComboBox()
    for label, data in items:
        box.addItem(label, data)
    return box


def labelled(row: QHBoxLayout, text: str, box: QWidget) -> None:
    label = QLabel(text)
    label.setBuddy(box)
    row.addWidget(label)
    row.addWidget(box)


def empty_state(ask: Callable[[str], None]) -> QWidget:
    """No figures at all: say so, and offer the two ways to get some (`ask` emits the
    window command)."""
    box = QWidget()
    outer = QVBoxLayout(box)
    outer.addStretch(1)
    text = QLabel(
        "No figures yet, so there are no trends to show.\n"
        "Import the returns forces have sent, or load the demo data."
    )
    text.setAlignment(Qt.AlignmentFlag.AlignCenter)
    buttons = QHBoxLayout()
    buttons.addStretch(1)
    for label, command in (
        ("Import returns…", "import_returns"),
        ("Load demo data", "load_demo"),
    ):
        button = QPushButton(label)
        button.setObjectName("primaryButton")
        button.clicked.connect(lambda _=False, c=command: ask(c))
        buttons.addWidget(button)
    buttons.addStretch(1)
    outer.addWidget(text)
    outer.addSpacing(12)
    outer.addLayout(buttons)
    outer.addStretch(2)
    return box


def quarters_of(cube) -> list[tuple[str, str]]:
    """(key, "2023 Q4") of every quarter with a figure, or inside a year with one."""
    periods = [Period.from_key(k) for k in cube.quarter_keys()]
    return [(p.key, f"{p.year} Q{p.quarter}") for p in periods]


def slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:80] or "chart"
