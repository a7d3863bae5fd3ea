"""The preview shown after files are checked: what each would store, and every problem found,
located to the sheet and cell, before anything is written."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from .table_model import Column, RowTableModel
from .widgets import make_table

if TYPE_CHECKING:
    from commissioner_desk.importing import ImportPlan


@dataclass(frozen=True)
class FileRow:
    name: str
    result: str
    figures: int
    warnings: int
    errors: int


@dataclass(frozen=True)
class ProblemRow:
    file: str
    severity: str
    where: str
    message: str


def file_row(plan: ImportPlan) -> FileRow:
    if plan.ok and plan.figures:
        forces = len({f.force_code for f in plan.figures})
        periods = sorted({f.period_key for f in plan.figures})
        span = periods[0] if len(periods) == 1 else f"{periods[0]} to {periods[-1]}"
        result = f"Ready: {forces} force{'s' if forces != 1 else ''}, {span}"
    elif plan.ok:
        result = "No figures in the file"
    else:
        result = "Not importable: see the problems below"
    return FileRow(plan.path.name, result, len(plan.figures), len(plan.warnings), len(plan.errors))


def problem_rows(plans: list[ImportPlan]) -> list[ProblemRow]:
    rows = []
    for plan in plans:
        for p in (*plan.errors, *plan.warnings):  # errors first: they stop the import
            rows.append(
                ProblemRow(plan.path.name, p.severity, p.location or "whole file", p.message)
            )
    return rows


FILE_COLUMNS: list[Column[FileRow]] = [
    Column("File", lambda r: r.name),
    Column("Result", lambda r: r.result),
    Column("Figures", lambda r: f"{r.figures:,}", sort=lambda r: r.figures, numeric=True),
    Column("Errors", lambda r: str(r.errors), sort=lambda r: r.errors, numeric=True),
    Column("Warnings", lambda r: str(r.warnings), sort=lambda r: r.warnings, numeric=True),
]
PROBLEM_COLUMNS: list[Column[ProblemRow]] = [
    Column("File", lambda r: r.file),
    Column("Severity", lambda r: r.severity.capitalize(), sort=lambda r: r.severity),
    Column("Where", lambda r: r.where),
    Column("Problem", lambda r: r.message, tooltip=lambda r: r.message),
]


class ImportPreviewDialog(QDialog):
    def __init__(self, plans: list[ImportPlan], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import returns")
        self.resize(900, 560)
        ready = [p for p in plans if p.ok and p.figures]
        self.ready_count = len(ready)
        broken = len(plans) - len(ready)
        summary = f"{len(plans)} file{'s' if len(plans) != 1 else ''} checked: "
        summary += f"{len(ready)} ready to import"
        if broken:
            summary += f", {broken} with problems that stop {'them' if broken > 1 else 'it'}"
        summary += ". Nothing has been stored yet."
        heading = QLabel(summary)
        heading.setWordWrap(True)

        self.files = RowTableModel(FILE_COLUMNS, self)
        self.files.set_rows([file_row(p) for p in plans])
        files_view, _ = make_table(self.files, self)
        files_view.resizeColumnsToContents()

        self.problems = RowTableModel(PROBLEM_COLUMNS, self)
        self.problems.set_rows(problem_rows(plans))
        problems_view, self.problems_proxy = make_table(self.problems, self)
        problems_view.setSortingEnabled(False)  # keep errors first, in file order
        problems_view.resizeColumnsToContents()

        buttons = QDialogButtonBox()
        self.import_button: QPushButton | None = None
        if ready:
            label = f"Import {len(ready)} file{'s' if len(ready) != 1 else ''}"
            self.import_button = buttons.addButton(label, QDialogButtonBox.ButtonRole.AcceptRole)
            self.import_button.setDefault(True)
        buttons.addButton("Cancel" if ready else "Close", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(files_view, 1)
        count = self.problems.rowCount()
        layout.addWidget(QLabel(f"Problems found: {count}" if count else "No problems found."))
        if count:
            layout.addWidget(problems_view, 2)
        else:
            problems_view.hide()
        layout.addWidget(buttons)

    @classmethod
    def ask(cls, parent: QWidget, plans: list[ImportPlan]) -> bool:
        """True when the user chose to import the files that are ready (tests patch this)."""
        dialog = cls(plans, parent)
        return dialog.exec() == QDialog.DialogCode.Accepted and dialog.ready_count > 0
