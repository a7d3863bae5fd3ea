"""The Trends page's side panel: the period range and a searchable, checkable list of forces
to compare (at most eight: beyond that a chart cannot be read)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from commissioner_desk.queries.series import MAX_FORCES

CODE_ROLE = Qt.ItemDataRole.UserRole


def _title(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("sectionTitle")
    return label


class ForcePicker(QWidget):
    """Period range, then forces to compare, kept in the order they were ticked."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, limit: int = MAX_FORCES) -> None:
        super().__init__(parent)
        self.limit = limit
        self._ticked: list[str] = []
        self.first_box = QComboBox()
        self.last_box = QComboBox()
        for box, word in ((self.first_box, "Earliest"), (self.last_box, "Latest")):
            box.addItem(word, None)
            box.currentIndexChanged.connect(self.changed)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Find a force…")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Find a force")
        self.search.textChanged.connect(self._filter)
        self.list = QListWidget()
        self.list.setAccessibleName("Forces to compare")
        # Long names are cut short with "…" (the tooltip has them whole), never scrolled.
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.itemChanged.connect(self._item_changed)
        self.message = QLabel()
        self.message.setObjectName("cardNote")
        self.message.setWordWrap(True)
        self.include_all = QCheckBox("Include all forces")
        # Off to start with: as counts, the total of all forces dwarfs any one force.
        self.include_all.setToolTip(
            "Draw all forces together beside the forces compared (best with rates: as "
            "counts, the total dwarfs any one force)"
        )
        self.include_all.toggled.connect(self.changed)
        self.clear_button = QPushButton("Clear forces")
        self.clear_button.clicked.connect(self.clear)

        period = QGridLayout()
        period.addWidget(QLabel("From:"), 0, 0)
        period.addWidget(self.first_box, 0, 1)
        period.addWidget(QLabel("To:"), 1, 0)
        period.addWidget(self.last_box, 1, 1)
        period.setColumnStretch(1, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.include_all)
        buttons.addStretch(1)
        buttons.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addWidget(_title("Period"))
        layout.addLayout(period)
        layout.addWidget(_title(f"Compare forces (up to {limit})"))
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self._show_state()

    # ----- periods --------------------------------------------------------------------------

    def set_quarters(self, quarters: Sequence[tuple[str, str]]) -> None:
        """(key, label) of the quarters with figures; the choices made stay where they can."""
        for box in (self.first_box, self.last_box):
            keep = box.currentData()
            box.blockSignals(True)
            while box.count() > 1:
                box.removeItem(1)
            for key, label in quarters:
                box.addItem(label, key)
            index = box.findData(keep) if keep else 0
            box.setCurrentIndex(max(index, 0))
            box.blockSignals(False)

    def period_range(self) -> tuple[str | None, str | None]:
        return self.first_box.currentData(), self.last_box.currentData()

    # ----- forces ---------------------------------------------------------------------------

    def set_forces(self, forces: Sequence[tuple[str, str]]) -> None:
        """(code, name) of the forces that can be compared; ticks stay on forces still there."""
        codes = {code for code, _ in forces}
        self._ticked = [c for c in self._ticked if c in codes]
        self.list.blockSignals(True)
        self.list.clear()
        for code, name in forces:
            item = QListWidgetItem(name)
            item.setData(CODE_ROLE, code)
            item.setToolTip(f"{name} ({code})")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = code in self._ticked
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.list.blockSignals(False)
        self._filter(self.search.text())
        self._show_state()

    def ticked(self) -> tuple[str, ...]:
        return tuple(self._ticked)

    def item_for(self, code: str) -> QListWidgetItem | None:
        for row in range(self.list.count()):
            if self.list.item(row).data(CODE_ROLE) == code:
                return self.list.item(row)
        return None

    def set_ticked(self, codes: Sequence[str]) -> None:
        """Tick exactly `codes` (those listed, up to the limit), in that order."""
        listed = [c for c in codes if self.item_for(c) is not None][: self.limit]
        self._ticked = list(listed)
        self.list.blockSignals(True)
        for row in range(self.list.count()):
            item = self.list.item(row)
            on = item.data(CODE_ROLE) in listed
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self.list.blockSignals(False)
        self.message.clear()
        self._show_state()
        self.changed.emit()

    def clear(self) -> None:
        self.set_ticked(())

    def _item_changed(self, item: QListWidgetItem) -> None:
        code = item.data(CODE_ROLE)
        if item.checkState() == Qt.CheckState.Checked:
            if code in self._ticked:
                return
            if len(self._ticked) >= self.limit:
                self.list.blockSignals(True)
                item.setCheckState(Qt.CheckState.Unchecked)
                self.list.blockSignals(False)
                self.message.setText(
                    f"A chart can compare at most {self.limit} forces: untick one before "
                    f"adding {item.text()}."
                )
                return
            self._ticked.append(code)
        elif code in self._ticked:
            self._ticked.remove(code)
        self.message.clear()
        self._show_state()
        self.changed.emit()

    def _filter(self, text: str) -> None:
        needle = text.strip().casefold()
        for row in range(self.list.count()):
            item = self.list.item(row)
            hay = f"{item.text()} {item.data(CODE_ROLE)}".casefold()
            item.setHidden(bool(needle) and needle not in hay)

    def _show_state(self) -> None:
        self.include_all.setEnabled(bool(self._ticked))
        self.clear_button.setEnabled(bool(self._ticked))
