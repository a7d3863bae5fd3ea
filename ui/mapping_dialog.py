"""The mapping step: what a file does not say, the user does — which of the workbook's tables to
import, what a table counts and for when, and what a column such as "Not recorded" is a category
of. What it counts and the columns are kept as a profile when the figures are imported, so the
next file of the same shape needs no questions."""

from __future__ import annotations

import json
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

from commissioner_desk.domain.catalogue import DIMENSIONS, all_metrics

from .table_picker import TablePicker

if TYPE_CHECKING:
    from commissioner_desk.importing import ImportOptions, ImportPlan

SKIP = "-"  # profiles.SKIP: the column is left out


def needs(plan: ImportPlan) -> set[str]:
    return set(filter(None, plan.details.get("needs", "").split(",")))


def _asks(plan: ImportPlan) -> list[tuple[str, str, list[str]]]:
    """The columns to ask about: (cell, heading, dimensions it could be)."""
    return [tuple(a) for a in json.loads(plan.details.get("ask_columns", "[]"))]


class MappingDialog(QDialog):
    def __init__(self, plan: ImportPlan, parent: QWidget | None = None) -> None:
        from commissioner_desk.domain.periods import latest_complete_quarter

        super().__init__(parent)
        self.wanted = needs(plan)
        self.setWindowTitle(
            "Which table?" if self.wanted == {"table"} else "What does this table count?"
        )
        where = f"{plan.path.name}, sheet {plan.sheet}" if plan.sheet else plan.path.name
        layout = QVBoxLayout(self)
        intro = QLabel(self._intro(where, plan))
        intro.setWordWrap(True)
        layout.addWidget(intro)

        self.picker: TablePicker | None = None
        if "table" in self.wanted and plan.tables:
            self.picker = TablePicker(plan.tables, self)
            layout.addWidget(self.picker.widget)

        form = QFormLayout()
        self.metric_box = QComboBox()
        self.metric_box.setAccessibleName("What the table counts")
        for m in all_metrics():  # the built-ins, then the office's own metrics
            self.metric_box.addItem(m.label, m.key)
        self.period_box = QComboBox()
        self.period_box.setAccessibleName("Period the table covers")
        quarter = latest_complete_quarter(date.today())
        for _ in range(12):  # the last three years of quarters, newest first
            self.period_box.addItem(f"{quarter.key}  ({quarter.label})", quarter.key)
            quarter = quarter.previous()
        if "metric" in self.wanted:
            form.addRow("It counts:", self.metric_box)
        if "period" in self.wanted:
            form.addRow("Period:", self.period_box)
        self.column_boxes: list[tuple[str, QComboBox]] = []
        if "columns" in self.wanted:
            for cell, heading, dims in _asks(plan):
                box = QComboBox()
                box.setAccessibleName(f"What {heading} is a category of")
                for dim in dims:
                    names = dict(DIMENSIONS[dim].values)
                    box.addItem(f"{DIMENSIONS[dim].label}: {names['unknown']}", f"{dim}=unknown")
                box.addItem("Leave the column out", SKIP)
                form.addRow(f'"{heading}" ({cell}) is:', box)
                self.column_boxes.append((heading, box))
        self.measure_box: QComboBox | None = None
        self.measure_columns = json.loads(plan.details.get("measure_columns", "[]"))
        if "measure" in self.wanted and self.measure_columns:
            self.measure_box = QComboBox()
            self.measure_box.setAccessibleName("The column that holds the figures")
            for cell, heading in self.measure_columns:
                self.measure_box.addItem(f'"{heading}" ({cell})', heading)
            form.addRow("The figures are in:", self.measure_box)
        layout.addLayout(form)

        buttons = QDialogButtonBox()
        buttons.addButton("Read the file", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Skip this file", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        layout.addStretch(1)
        if self.picker is not None:
            self.resize(900, self.sizeHint().height())

    def _intro(self, where: str, plan: ImportPlan) -> str:
        if "table" in self.wanted:
            return (
                f"{where} holds {len(plan.tables)} tables. Choose the one to import; tables "
                "that cannot be imported are greyed out with the reason."
            )
        said = []
        if "metric" in self.wanted:
            said.append("what it counts")
        if "period" in self.wanted:
            said.append("which period it covers")
        if "columns" in self.wanted:
            said.append("what some of its columns are")
        if "measure" in self.wanted:
            said.append("which column holds the figures you chose")
        return (
            f"{where} is a table of figures by force, but it does not say "
            f"{' or '.join(said)}. Choose below; the app remembers the answer for files of "
            "the same shape."
        )

    def options(self) -> ImportOptions:
        from commissioner_desk.importing import ImportOptions

        chosen = self.picker.chosen() if self.picker is not None else None
        return ImportOptions(
            metric=self.metric_box.currentData() if "metric" in self.wanted else None,
            period=self.period_box.currentData() if "period" in self.wanted else None,
            sheet=chosen.sheet if chosen is not None else None,
            table=chosen.number if chosen is not None else None,
            columns=(*((h, box.currentData()) for h, box in self.column_boxes), *self._measure()),
        )

    def _measure(self) -> tuple[tuple[str, str], ...]:
        """The column chosen holds the figures (the total, "" in a mapping); the rest are
        left out, so two columns are never added up as one figure."""
        if self.measure_box is None:
            return ()
        chosen = self.measure_box.currentData()
        return tuple((h, "" if h == chosen else SKIP) for _, h in self.measure_columns)

    @classmethod
    def ask(cls, parent: QWidget, plan: ImportPlan) -> ImportOptions | None:
        dialog = cls(plan, parent)
        return dialog.options() if dialog.exec() == QDialog.DialogCode.Accepted else None
