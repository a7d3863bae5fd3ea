"""The practice library's filters: words to find (the full-text search the Find dialog uses,
run once typing pauses), theme, force, draft or published, and the dates added."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QLineEdit,
    QPushButton,
    QWidget,
)

from commissioner_desk.domain.enums import PracticeStatus
from commissioner_desk.network.practices_types import THEME_LABELS, PracticeFilter, PracticeRow

from ...records.combos import by_name, filter_combo, refill
from ...records.filter_grid import lay_out_filters

DEBOUNCE_MS = 250
NO_DATE = QDate(2000, 1, 1)  # the date boxes' lowest value, shown as "Any"


def _date_box(tip: str) -> QDateEdit:
    box = QDateEdit()
    box.setDisplayFormat("dd/MM/yyyy")
    box.setCalendarPopup(True)
    box.setMinimumDate(NO_DATE)
    box.setSpecialValueText("Any")  # shown at the lowest value: no limit
    box.setDate(NO_DATE)
    box.setToolTip(tip)
    return box


class PracticeFilters(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.find = QLineEdit()
        self.find.setPlaceholderText("Words to find (Ctrl+F)")
        self.find.setClearButtonEnabled(True)
        self.find.setAccessibleName("Find in the practice library")
        self.find.setToolTip(
            'Looks in titles, text, organisations and forces. "Quoted words" must appear '
            "together; -word leaves out entries with it."
        )
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.changed)
        self.find.textChanged.connect(lambda _t: self.timer.start())
        self.find.returnPressed.connect(self.run_now)
        self.theme = filter_combo()
        self.theme.addItem("Any theme", None)
        for theme, label in THEME_LABELS.items():
            self.theme.addItem(label, theme)
        self.force = filter_combo()
        self.force.addItem("Any force", None)
        self.status = filter_combo()
        self.status.addItem("Published and draft", None)
        self.status.addItem("Published", PracticeStatus.PUBLISHED)
        self.status.addItem("Draft (not yet checked)", PracticeStatus.DRAFT)
        self.added_from = _date_box("Added on or after this day (Any: no limit)")
        self.added_to = _date_box("Added on or before this day (Any: no limit)")
        for box in (self.theme, self.force, self.status):
            box.currentIndexChanged.connect(lambda _i: self.changed.emit())
        for box in (self.added_from, self.added_to):
            box.dateChanged.connect(lambda _d: self.changed.emit())
        self.clear_button = QPushButton("Show all")
        self.clear_button.setToolTip("Clear every filter and the words to find")
        self.clear_button.clicked.connect(self.show_everything)

        fields = [
            ("Fin&d", self.find),
            ("T&heme", self.theme),
            ("Fo&rce", self.force),
            ("&Status", self.status),
            ("Added &from", self.added_from),
            ("Added &to", self.added_to),
        ]
        lay_out_filters(self, fields, self.clear_button)

    def run_now(self) -> None:
        self.timer.stop()
        self.changed.emit()

    def set_forces(self, rows: Sequence[PracticeRow]) -> None:
        """The forces any entry is linked to."""
        found = {f.code: f.name for r in rows for f in r.forces}
        items = sorted(((name, code) for code, name in found.items()), key=by_name)
        refill(self.force, "Any force", items)

    @staticmethod
    def _day(box: QDateEdit) -> date | None:
        return None if box.date() == NO_DATE else box.date().toPython()

    def practice_filter(self) -> PracticeFilter:
        theme = self.theme.currentData()
        return PracticeFilter(
            themes=(theme,) if theme is not None else (),
            force_code=self.force.currentData(),
            added_from=self._day(self.added_from),
            added_to=self._day(self.added_to),
            status=self.status.currentData(),
            text=self.find.text(),
        )

    def is_filtered(self) -> bool:
        return self.practice_filter() != PracticeFilter()

    def show_everything(self) -> None:
        for box in (self.theme, self.force, self.status, self.added_from, self.added_to):
            box.blockSignals(True)
        self.theme.setCurrentIndex(0)
        self.force.setCurrentIndex(0)
        self.status.setCurrentIndex(0)
        self.added_from.setDate(NO_DATE)
        self.added_to.setDate(NO_DATE)
        for box in (self.theme, self.force, self.status, self.added_from, self.added_to):
            box.blockSignals(False)
        self.find.blockSignals(True)
        self.find.clear()
        self.find.blockSignals(False)
        self.run_now()
