"""Metric drop-downs kept in step with the live catalogue: the built-in metrics, then the
office's own (Figures › Metrics…), refilled when a page refreshes so a metric added, renamed
or removed shows at once."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox

from commissioner_desk.domain.catalogue import Metric, all_metrics


def metric_items(keep: Callable[[Metric], bool] | None = None) -> list[tuple[str, str]]:
    """(label, key) of every metric, or of those `keep` accepts, in catalogue order."""
    return [(m.label, m.key) for m in all_metrics() if keep is None or keep(m)]


def fill_metric_box(box: QComboBox, keep: Callable[[Metric], bool] | None = None) -> bool:
    """Refill `box` with the metrics, keeping the one chosen when it is still there.

    Signals are blocked while it is refilled; returns True when the chosen metric changed
    (it was removed), so the caller reloads what it shows."""
    items = metric_items(keep)
    chosen = box.currentData()
    have = [(box.itemText(i), box.itemData(i)) for i in range(box.count())]
    if have == items:
        return False
    blocked = box.blockSignals(True)
    try:
        box.clear()
        for label, key in items:
            box.addItem(label, key)
        index = box.findData(chosen)
        box.setCurrentIndex(index if index >= 0 else 0)
    finally:
        box.blockSignals(blocked)
    return box.currentData() != chosen
