"""The membership list's filters: standing, country (or BTP), words to find, chase list only."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from commissioner_desk.network.membership_types import STANDING_LABELS, AreaFilter

from ...records.combos import filter_combo

GROUPS = ("England", "Wales", "Scotland", "Northern Ireland", "British Transport Police")


class MembershipFilters(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.standing = filter_combo()
        self.standing.addItem("Any standing", None)
        for standing, label in STANDING_LABELS.items():
            self.standing.addItem(label, standing)
        self.group = filter_combo()
        self.group.addItem("Every country", None)
        for group in GROUPS:
            self.group.addItem(group, group)
        self.find = QLineEdit()
        self.find.setPlaceholderText("Area, commissioner or officer (Ctrl+F)")
        self.find.setClearButtonEnabled(True)
        self.find.setAccessibleName("Find an area")
        self.chase = QCheckBox("Not signed up only")
        self.chase.setToolTip("Only the areas on the chase list")
        self.clear_button = QPushButton("Show all")
        self.clear_button.setToolTip("Clear every filter and the words to find")
        self.clear_button.clicked.connect(self.show_everything)
        for box in (self.standing, self.group):
            box.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.find.textChanged.connect(lambda _t: self.changed.emit())
        self.chase.toggled.connect(lambda _on: self.changed.emit())

        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for text, widget in (
            ("Fin&d", self.find),
            ("&Standing", self.standing),
            ("C&ountry", self.group),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            row.addWidget(label)
            row.addWidget(widget, 2 if widget is self.find else 1)
        row.addWidget(self.chase)
        row.addWidget(self.clear_button)

    def area_filter(self) -> AreaFilter:
        standing, group = self.standing.currentData(), self.group.currentData()
        return AreaFilter(
            standings=(standing,) if standing is not None else (),
            groups=(group,) if group is not None else (),
            chase_only=self.chase.isChecked(),
            text=self.find.text(),
        )

    def is_filtered(self) -> bool:
        return self.area_filter() != AreaFilter()

    def show_everything(self) -> None:
        for box in (self.standing, self.group, self.find, self.chase):
            box.blockSignals(True)
        self.standing.setCurrentIndex(0)
        self.group.setCurrentIndex(0)
        self.find.clear()
        self.chase.setChecked(False)
        for box in (self.standing, self.group, self.find, self.chase):
            box.blockSignals(False)
        self.changed.emit()
