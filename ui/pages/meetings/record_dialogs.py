"""Dialogs for what is recorded at and after a meeting: a decision, an erratum, a deputy's name,
and the protective marking an export carries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from commissioner_desk.domain.enums import OrganisationKind

from ...records.form import FormDialog, date_edit, narrow_combo, picked_date

MARKINGS = ("OFFICIAL", "OFFICIAL-SENSITIVE")
ORGANISATION_KINDS = {
    OrganisationKind.NATIONAL_AGENCY: "National agency",
    OrganisationKind.NGO: "Charity or NGO",
    OrganisationKind.GOVERNMENT: "Government department",
    OrganisationKind.COMMISSIONER_OFFICE: "The commissioner's office",
    OrganisationKind.FORCE: "Police force",
    OrganisationKind.PCC_OFFICE: "PCC office",
    OrganisationKind.OTHER: "Other",
}


@dataclass(frozen=True)
class DecisionInput:
    agenda_item_id: int | None
    text: str
    decided_on: date


@dataclass(frozen=True)
class ErratumInput:
    agenda_item_id: int | None  # None: the minutes as a whole
    text: str


def _text_box(text: str, lines: int, parent: QWidget) -> QPlainTextEdit:
    box = QPlainTextEdit(text)
    box.setTabChangesFocus(True)
    box.setMinimumHeight(parent.fontMetrics().height() * lines)
    return box


def _item_combo(items: list[tuple[int, str]], none_label: str, chosen: int | None) -> QComboBox:
    combo = narrow_combo()
    combo.addItem(none_label, None)
    for item_id, label in items:
        combo.addItem(label, item_id)
    combo.setCurrentIndex(max(combo.findData(chosen), 0) if chosen is not None else 0)
    return combo


class DecisionDialog(FormDialog):
    def __init__(
        self,
        parent: QWidget | None,
        items: list[tuple[int, str]],
        values: DecisionInput,
        number: int | None,
    ) -> None:
        editing = number is not None
        super().__init__(
            parent,
            f"Edit decision {number}" if editing else "Record a decision",
            "Decisions are numbered in one log across all meetings; the next free number is "
            "given when it is saved."
            if not editing
            else "Correct the wording while the minutes are draft or circulated.",
            "Save decision" if editing else "Record decision",
        )
        self.item = _item_combo(items, "No particular item", values.agenda_item_id)
        self.day = date_edit(values.decided_on)
        self.text = _text_box(values.text, 6, self)
        self.text.setPlaceholderText("The network agreed that…")
        if editing:  # number, item and date are fixed once recorded
            self.item.setEnabled(False)
            self.day.setEnabled(False)
        self.form.addRow("Agenda item", self.item)
        self.form.addRow("Decided on", self.day)
        self.form.addRow("Decision", self.text)

    def values(self) -> DecisionInput:
        return DecisionInput(
            self.item.currentData(), self.text.toPlainText(), picked_date(self.day)
        )

    @classmethod
    def ask(
        cls,
        parent,
        items: list[tuple[int, str]],
        values: DecisionInput,
        error: str = "",
        number: int | None = None,
    ) -> DecisionInput | None:
        dialog = cls(parent, items, values, number)
        dialog.show_error(error)
        return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None


class ErratumDialog(FormDialog):
    def __init__(self, parent: QWidget | None, items: list[tuple[int, str]], made_on: date):
        super().__init__(
            parent,
            "Add an erratum",
            "Approved minutes are never edited. A correction is added as a dated erratum, "
            f"under your name, on {made_on:%d/%m/%Y}; it is printed with the minutes.",
            "Add erratum",
        )
        self.item = _item_combo(items, "The minutes as a whole", None)
        self.text = _text_box("", 5, self)
        self.text.setPlaceholderText("Item 3, second paragraph: for “Kent” read “Essex”.")
        self.form.addRow("Correcting", self.item)
        self.form.addRow("Correction", self.text)

    def values(self) -> ErratumInput:
        return ErratumInput(self.item.currentData(), self.text.toPlainText())

    @classmethod
    def ask(
        cls,
        parent,
        items: list[tuple[int, str]],
        made_on: date,
        values: ErratumInput | None = None,
        error: str = "",
    ) -> ErratumInput | None:
        dialog = cls(parent, items, made_on)
        if values is not None:
            dialog.item.setCurrentIndex(max(dialog.item.findData(values.agenda_item_id), 0))
            dialog.text.setPlainText(values.text)
        dialog.show_error(error)
        return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_deputy_name(parent: QWidget, organisation: str, current: str = "") -> str | None:
    """The name of the deputy who attended for `organisation`; None when cancelled."""
    text, ok = QInputDialog.getText(
        parent,
        "Deputy",
        f"Who attended as deputy for {organisation}?",
        QLineEdit.EchoMode.Normal,
        current,
    )
    return text.strip() if ok and text.strip() else None


class MarkingDialog(FormDialog):
    """OFFICIAL, OFFICIAL-SENSITIVE, or a handling caveat the user types."""

    def __init__(self, parent: QWidget | None, what: str) -> None:
        super().__init__(
            parent,
            "Protective marking",
            f"Choose the marking printed in capitals at the top and bottom of every page of "
            f"the {what}.",
            "Continue",
        )
        self.group = QButtonGroup(self)
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        for n, marking in enumerate(MARKINGS):
            button = QRadioButton(marking)
            button.setChecked(n == 0)
            self.group.addButton(button, n)
            column.addWidget(button)
        custom = QRadioButton("Another marking or handling caveat:")
        self.group.addButton(custom, len(MARKINGS))
        column.addWidget(custom)
        self.custom = QLineEdit()
        self.custom.setPlaceholderText("OFFICIAL-SENSITIVE PERSONAL")
        self.custom.textEdited.connect(lambda _t: custom.setChecked(True))
        column.addWidget(self.custom)
        note = QLabel("Minutes naming victims or operations are usually OFFICIAL-SENSITIVE.")
        note.setWordWrap(True)
        note.setObjectName("pageSubtitle")
        column.addWidget(note)
        self.form.addRow(box)

    def marking(self) -> str:
        n = self.group.checkedId()
        return MARKINGS[n] if n < len(MARKINGS) else " ".join(self.custom.text().split()).upper()

    def accept(self) -> None:
        if not self.marking():
            self.show_error("Type the marking, or choose OFFICIAL or OFFICIAL-SENSITIVE.")
            return
        super().accept()

    @classmethod
    def ask(cls, parent, what: str = "minutes") -> str | None:
        dialog = cls(parent, what)
        return dialog.marking() if dialog.exec() == QDialog.DialogCode.Accepted else None


@dataclass(frozen=True)
class OrganisationInput:
    name: str
    kind: OrganisationKind


class OrganisationDialog(FormDialog):
    """A member of the network that is not a force or PCC office (those come from the
    registry): a national agency, an NGO, a government department."""

    def __init__(self, parent: QWidget | None, values: OrganisationInput | None) -> None:
        super().__init__(parent, "Add organisation", "", "Add organisation")
        self.name = QLineEdit(values.name if values else "")
        self.kind = QComboBox()
        for kind, label in ORGANISATION_KINDS.items():
            self.kind.addItem(label, kind)
        self.kind.setCurrentIndex(
            max(self.kind.findData(values.kind if values else OrganisationKind.NGO), 0)
        )
        self.form.addRow("Name", self.name)
        self.form.addRow("Kind", self.kind)

    @classmethod
    def ask(
        cls, parent, values: OrganisationInput | None = None, error: str = ""
    ) -> OrganisationInput | None:
        dialog = cls(parent, values)
        dialog.show_error(error)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return OrganisationInput(dialog.name.text(), OrganisationKind(dialog.kind.currentData()))
