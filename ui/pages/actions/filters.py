"""The action log's filters: status, due, organisation, owner, force (asked of the database),
and a find box (applied to the rows shown, as the user types)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QPushButton,
    QWidget,
)

from commissioner_desk.domain.enums import ActionStatus
from commissioner_desk.network.actions_types import ActionFilter, ActionRow
from commissioner_desk.network.rag import OPEN_STATUSES, STATUS_LABELS

from ...records.combos import by_name, filter_combo, refill
from ...records.filter_grid import lay_out_filters

OPEN_LABEL = "Open (not done or closed)"
STATUS_CHOICES: list[tuple[str, tuple[ActionStatus, ...]]] = [
    (OPEN_LABEL, OPEN_STATUSES),
    ("Any status", ()),
    *((label, (status,)) for status, label in STATUS_LABELS.items()),
]
ANY, OVERDUE, DUE_SOON = "any", "overdue", "due_soon"


class ActionFilters(QWidget):
    changed = Signal()  # a filter the database applies
    text_changed = Signal(str)  # the find box

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.soon_days = 14
        self.status = filter_combo()
        for label, statuses in STATUS_CHOICES:
            self.status.addItem(label, statuses)
        self.due = filter_combo()
        self.due.addItem("Any due date", ANY)
        self.due.addItem("Overdue", OVERDUE)
        self.due.addItem("Due within 14 days", DUE_SOON)
        self.organisation = filter_combo()
        self.owner = filter_combo()
        self.force = filter_combo()
        for box, everything in (
            (self.organisation, "All organisations"),
            (self.owner, "Everyone"),
            (self.force, "Any force"),
        ):
            box.addItem(everything, None)
        for box in (self.status, self.due, self.organisation, self.owner, self.force):
            box.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.find = QLineEdit()
        self.find.setPlaceholderText("Find in these actions (Ctrl+F)")
        self.find.setClearButtonEnabled(True)
        self.find.setAccessibleName("Find in the action log")
        self.find.textChanged.connect(self.text_changed)
        self.clear_button = QPushButton("Show all")
        self.clear_button.setToolTip("Clear every filter: all actions, whatever their status")
        self.clear_button.clicked.connect(self.show_everything)

        fields = [
            ("&Status", self.status),
            ("&Organisation", self.organisation),
            ("Fo&rce", self.force),
            ("D&ue", self.due),
            ("O&wner", self.owner),
            ("Fin&d", self.find),
        ]
        lay_out_filters(self, fields, self.clear_button)
        self.find.setToolTip(f"Shortcut: {QKeySequence('Ctrl+F').toString()}")

    def set_choices(self, rows: Sequence[ActionRow], soon_days: int) -> None:
        """Organisations, owners and forces that own or concern any action."""
        self.soon_days = soon_days
        self.due.setItemText(2, f"Due within {soon_days} days")
        orgs = {r.owner_organisation_id: r.organisation_name for r in rows}
        people = {r.owner_person_id: r.owner_name for r in rows}
        forces = {r.force_code: r.force_name for r in rows}
        for box, everything, found in (
            (self.organisation, "All organisations", orgs),
            (self.owner, "Everyone", people),
            (self.force, "Any force", forces),
        ):
            items = sorted(((t, k) for k, t in found.items() if k is not None), key=by_name)
            refill(box, everything, items)

    def action_filter(self) -> ActionFilter:
        due = self.due.currentData()
        return ActionFilter(
            statuses=tuple(self.status.currentData() or ()),
            owner_person_id=self.owner.currentData(),
            organisation_id=self.organisation.currentData(),
            force_code=self.force.currentData(),
            overdue_only=due == OVERDUE,
            due_within_days=self.soon_days if due == DUE_SOON else None,
        )

    def describe(self) -> str:
        """The filters in words, for an export's title: "open actions, overdue"."""
        n = self.status.currentIndex()
        label = self.status.currentText().lower()
        parts = ["open actions" if n == 0 else "all actions" if n == 1 else f"{label} actions"]
        if self.due.currentIndex() > 0:
            parts.append(self.due.currentText().lower())
        for box, what in ((self.organisation, ""), (self.owner, "owner "), (self.force, "")):
            if box.currentIndex() > 0:
                parts.append(what + box.currentText())
        if self.find.text().strip():
            parts.append(f"containing “{self.find.text().strip()}”")
        return ", ".join(parts)

    def reset(
        self, *, overdue: bool = False, due_soon: bool = False, force: tuple[str, str] | None = None
    ) -> None:
        """Open actions only, with at most one due filter and one force: what Home and the
        force profile click through to."""
        self._set_quietly(self.status, 0)
        self._set_quietly(self.due, 1 if overdue else 2 if due_soon else 0)
        self._set_quietly(self.organisation, 0)
        self._set_quietly(self.owner, 0)
        if force is None:
            self._set_quietly(self.force, 0)
        else:
            code, name = force
            if self.force.findData(code) < 0:
                self.force.addItem(name, code)
            self._set_quietly(self.force, self.force.findData(code))
        self.find.clear()
        self.changed.emit()

    def show_everything(self) -> None:
        for box in (self.status, self.due, self.organisation, self.owner, self.force):
            self._set_quietly(box, 1 if box is self.status else 0)
        self.find.clear()
        self.changed.emit()

    @staticmethod
    def _set_quietly(box: QComboBox, index: int) -> None:
        box.blockSignals(True)
        box.setCurrentIndex(index)
        box.blockSignals(False)
