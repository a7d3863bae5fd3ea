"""The drop-down lists of a record page's filter bar: one width rule, and choices refilled
from the rows without losing the one chosen."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox, QSizePolicy


def filter_combo() -> QComboBox:
    box = QComboBox()
    # Long organisation names must not push the page wider than a laptop screen.
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(12)
    box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    box.view().setMinimumWidth(360)
    return box


def refill(box: QComboBox, everything: str, items: Sequence[tuple[str, object]]) -> None:
    """New choices after `everything` (data None), keeping the one chosen (even if no row has
    it any more), without announcing a change."""
    chosen, chosen_text = box.currentData(), box.currentText()
    box.blockSignals(True)
    box.clear()
    box.addItem(everything, None)
    for text, data in items:
        box.addItem(text, data)
    if chosen is not None and box.findData(chosen) < 0:
        box.addItem(chosen_text, chosen)
    box.setCurrentIndex(max(box.findData(chosen), 0) if chosen is not None else 0)
    box.blockSignals(False)


def by_name(item: tuple[str, object]) -> str:
    """Sort key for (text, data) choices: by the text, whatever its case."""
    return item[0].casefold()
