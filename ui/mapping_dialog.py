"""The mapping step: a table that does not say what it counts, or for when, gets the answer
from the user. The answer is kept as a profile when the figures are imported, so the next
file of the same shape needs no questions."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from commissioner_desk.domain.catalogue import METRICS

if TYPE_CHECKING:
    from commissioner_desk.importing import ImportOptions, ImportPlan


def needs(plan: ImportPlan) -> set[str]:
    return set(filter(None, plan.details.get("needs", "").split(",")))


class MappingDialog(QDialog):
    def __init__(self, plan: ImportPlan, parent: QWidget | None = None) -> None:
        from commissioner_desk.domain.periods import latest_complete_quarter

        super().__init__(parent)
        self.setWindowTitle("What does this table count?")
        self.wanted = needs(plan)
        where = f"{plan.path.name}, sheet {plan.sheet}" if plan.sheet else plan.path.name
        said = []
        if "metric" in self.wanted:
            said.append("what it counts")
        if "period" in self.wanted:
            said.append("which period it covers")
        intro = QLabel(
            f"{where} is a table of figures by force, but it does not say "
            f"{' or '.join(said)}. Choose below; the app remembers the answer for files of "
            "the same shape."
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        self.metric_box = QComboBox()
        for m in METRICS:
            self.metric_box.addItem(m.label, m.key)
        self.period_box = QComboBox()
        latest = latest_complete_quarter(date.today())
        quarter = latest
        for _ in range(12):  # the last three years of quarters, newest first
            self.period_box.addItem(f"{quarter.key}  ({quarter.label})", quarter.key)
            quarter = quarter.previous()
        if "metric" in self.wanted:
            form.addRow("It counts:", self.metric_box)
        if "period" in self.wanted:
            form.addRow("Period:", self.period_box)
        buttons = QDialogButtonBox()
        buttons.addButton("Read the file", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Skip this file", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def options(self) -> ImportOptions:
        from commissioner_desk.importing import ImportOptions

        return ImportOptions(
            metric=self.metric_box.currentData() if "metric" in self.wanted else None,
            period=self.period_box.currentData() if "period" in self.wanted else None,
        )

    @classmethod
    def ask(cls, parent: QWidget, plan: ImportPlan) -> ImportOptions | None:
        dialog = cls(plan, parent)
        return dialog.options() if dialog.exec() == QDialog.DialogCode.Accepted else None
