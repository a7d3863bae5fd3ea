"""The one form for every membership change: a sign-up, a withdrawal, a new commissioner, or a
correction of the current record. Dates are typed day first (dd/mm/yyyy).

`MembershipDialog.ask` returns what was typed, or None if cancelled; the page hands it to the
core and, if the core refuses, asks again with the reason shown above the form."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from html import escape

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QPlainTextEdit, QWidget

from ...records.form import FormDialog, date_edit, picked_date


class Change(StrEnum):
    SIGN_UP = "sign_up"
    WITHDRAW = "withdraw"
    NEW_COMMISSIONER = "new_commissioner"
    EDIT = "edit"


@dataclass(frozen=True)
class MembershipInput:
    day: date  # signed on, withdrew on, took office on; for an edit, the date of signing
    commissioner: str = ""
    signatory: str = ""
    lead_officer: str = ""
    contact: str = ""
    notes: str = ""
    has_day: bool = True  # an edit of a record with no date of signing leaves it out


# (title, what the form says, the OK button, the date's label)
WORDS = {
    Change.SIGN_UP: (
        "Record a sign-up",
        "The area has signed up to the network. Its current record, if any, ends on the day "
        "it signed and the signed-up record starts; the earlier ones are kept as history.",
        "Record sign-up",
        "Signed &on",
    ),
    Change.WITHDRAW: (
        "Record a withdrawal",
        "The area has left the network. It goes on the chase list; the lead officer and "
        "contact are kept, as they are who to talk to.",
        "Record withdrawal",
        "Withdrew &on",
    ),
    Change.NEW_COMMISSIONER: (
        "Record a new commissioner",
        "A new PCC has taken office. The record so far is kept as history; the new one carries "
        "the same standing, signature, lead officer and contact until you change them.",
        "Record new commissioner",
        "Took office &on",
    ),
    Change.EDIT: (
        "Edit the membership record",
        "Correct the details of the current record. To change whether the area is signed "
        "up, record a sign-up, a withdrawal or a new commissioner instead.",
        "Save",
        "Signed &on",
    ),
}
FIELDS = {
    Change.SIGN_UP: ("commissioner", "signatory", "lead_officer", "contact", "notes"),
    Change.WITHDRAW: ("notes",),
    Change.NEW_COMMISSIONER: ("commissioner", "lead_officer", "contact", "notes"),
    Change.EDIT: ("commissioner", "signatory", "lead_officer", "contact", "notes"),
}
LABELS = {
    "commissioner": "&Commissioner (PCC)",
    "signatory": "Si&gnatory",
    "lead_officer": "&Lead officer",
    "contact": "Con&tact",
    "notes": "&Notes",
}


class MembershipDialog(FormDialog):
    def __init__(
        self,
        parent: QWidget | None,
        change: Change,
        area_name: str,
        values: MembershipInput,
        today: date,
    ) -> None:
        title, intro, ok, day_label = WORDS[change]
        super().__init__(parent, f"{title}: {area_name}", intro, ok)
        self.change = change
        self.has_day = values.has_day
        self.day = date_edit(values.day)
        self.day.setMaximumDate(QDate(today.year, today.month, today.day))
        self.day.setToolTip("Day, month, year: for example 03/06/2024")
        area = QLabel(f"<b>{escape(area_name)}</b>")
        area.setObjectName("membershipArea")
        self.form.addRow("Area", area)
        self.form.addRow(day_label, self.day)
        self.form.setRowVisible(self.day, values.has_day)  # nothing signed: no date to edit
        self.boxes: dict[str, QLineEdit | QPlainTextEdit] = {}
        for name in FIELDS[change]:
            if name == "notes":
                box = QPlainTextEdit(values.notes)
                box.setTabChangesFocus(True)
                box.setMinimumHeight(self.fontMetrics().height() * 4)
                box.setMaximumHeight(self.fontMetrics().height() * 8)
            else:
                box = QLineEdit(getattr(values, name))
            self.boxes[name] = box
            self.form.addRow(LABELS[name], box)
        if change == Change.NEW_COMMISSIONER:
            self.boxes["commissioner"].setPlaceholderText("The PCC who has taken office")
            self.form.labelForField(self.boxes["commissioner"]).setText("New &commissioner")
        if "signatory" in self.boxes:
            self.boxes["signatory"].setPlaceholderText("Who signed, if not the commissioner")
        if "contact" in self.boxes:
            self.boxes["contact"].setPlaceholderText("E-mail or telephone of the lead officer")
        first = self.boxes.get("commissioner") if change != Change.WITHDRAW else None
        (first or self.day).setFocus()

    def _text(self, name: str) -> str:
        box = self.boxes.get(name)
        if box is None:
            return ""
        return box.toPlainText() if isinstance(box, QPlainTextEdit) else box.text()

    def values(self) -> MembershipInput:
        return MembershipInput(
            day=picked_date(self.day),
            has_day=self.has_day,
            **{name: self._text(name) for name in LABELS},
        )

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        change: Change,
        area_name: str,
        values: MembershipInput,
        today: date,
        error: str = "",
    ) -> MembershipInput | None:
        dialog = cls(parent, change, area_name, values, today)
        dialog.show_error(error)
        return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None
