"""The preview shown after files are checked: what each would store, what would change against
the figures held, and every problem found, located to the sheet and cell — before anything
is written. Files with problems can be saved as an annotated copy to send back to the force."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPushButton,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from commissioner_desk.domain.catalogue import METRICS_BY_KEY, breakdown_label

from .table_model import Column, RowTableModel
from .widgets import make_table

if TYPE_CHECKING:
    from commissioner_desk.importing import ImportPlan
    from commissioner_desk.importing.commit.diff import FigureDiff, PlanDiff

STATUS_WORDS = {"nil": "nil", "suppressed": "suppressed", "not_applicable": "n/a"}


@dataclass(frozen=True)
class FileRow:
    name: str
    layout: str
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


@dataclass(frozen=True)
class ChangeRow:
    file: str
    force: str
    period: str
    metric: str
    breakdown: str
    was: str
    now: str


def _shown(status: object, value: int | None) -> str:
    key = getattr(status, "value", status)
    return f"{value:,}" if key == "value" else STATUS_WORDS.get(str(key), str(key))


def file_row(plan: ImportPlan, diff: PlanDiff | None = None) -> FileRow:
    if plan.ok and plan.figures:
        forces = len({f.force_code for f in plan.figures})
        periods = sorted({f.period_key for f in plan.figures})
        span = periods[0] if len(periods) == 1 else f"{periods[0]} to {periods[-1]}"
        result = f"Ready: {forces} force{'s' if forces != 1 else ''}, {span}"
        if diff is not None:
            if diff.writes_nothing:
                result = "Already imported: nothing would change"
            else:
                result += f"; {diff.count('new')} new, {diff.count('changed')} changed"
    elif plan.ok:
        result = "No figures in the file"
    else:
        result = "Not importable: see the problems"
    return FileRow(
        plan.path.name,
        plan.how_read[:1].upper() + plan.how_read[1:],
        result,
        len(plan.figures),
        len(plan.warnings),
        len(plan.errors),
    )


SOURCES = {
    "title": "from the title",
    "header": "from the column headings",
    "column": "from a column",
    "options": "as you chose",
    "profile": "as remembered for this shape of table",
}


def reading_html(plans: list[ImportPlan]) -> str:
    """How each file was read: the layout, what it counts and for when (and where that came
    from), how its columns were taken, and which forces were found."""
    from html import escape

    parts = []
    for plan in plans:
        d = plan.details
        lines = [f"<b>{escape(plan.path.name)}</b>: {escape(plan.how_read)}"]
        lines += table_lines(plan)
        if metric := d.get("metric"):
            label = METRICS_BY_KEY[metric].label if metric in METRICS_BY_KEY else metric
            source = SOURCES.get(d.get("metric_source", ""), "")
            lines.append(f"Counts: {escape(label)} {escape(source)}".strip())
        periods = sorted({f.period_key for f in plan.figures})
        if periods:
            source = SOURCES.get(d.get("period_source", ""), "")
            lines.append(f"Period: {escape(', '.join(periods))} {escape(source)}".strip())
        if columns := d.get("columns"):
            items = "".join(f"<li>{escape(c)}</li>" for c in columns.split("; "))
            lines.append(f"Columns:<ul>{items}</ul>")
        forces = sorted({f.force_name or f.force_code for f in plan.figures})
        if forces:
            lines.append(f"Forces found ({len(forces)}): {escape(', '.join(forces))}")
        if plan.unresolved:
            lines.append(
                f"<span style='color:#b00020'>Names not recognised ({len(plan.unresolved)}): "
                f"{escape(', '.join(plan.unresolved))}</span>"
            )
        parts.append("<p>" + "<br>".join(lines) + "</p>")
    return "".join(parts)


def table_lines(plan: ImportPlan) -> list[str]:
    """A published table: its title, the periods found, and the rows and columns that were
    not read as figures, each with why, so the user can see nothing was taken wrongly."""
    from html import escape

    table = plan.table
    if table is None:
        return []
    lines = []
    if table.title:
        lines.append(f"Title: “{escape(table.title)}”")
    if table.periods:
        shown = ", ".join(
            p.key if not p.snapshot else f"{p.key} ({p.label})" for p in table.periods
        )
        lines.append(f"Periods found: {escape(shown)}")

    def listed(heading: str, notes) -> str:
        items = "".join(
            f"<li>{escape(n.cell)} {escape(n.label or '(no heading)')}: {escape(n.why)}</li>"
            for n in notes
        )
        return f"{heading} ({len(notes)}):<ul>{items}</ul>"

    if table.aggregate_rows:
        lines.append(listed("Rows not taken as forces", table.aggregate_rows))
    if table.skipped_columns:
        lines.append(listed("Columns left out", table.skipped_columns))
    if len(plan.tables) > 1:
        others = ", ".join(
            t.name for t in plan.tables if (t.sheet, t.number) != (table.sheet, table.number)
        )
        lines.append(f"Other tables in the workbook, not read: {escape(others)}")
    return lines


def problem_rows(plans: list[ImportPlan]) -> list[ProblemRow]:
    rows = []
    for plan in plans:
        for p in (*plan.errors, *plan.warnings):  # errors first: they stop the import
            where = p.location or "whole file"
            rows.append(ProblemRow(plan.path.name, p.severity, where, p.message))
    return rows


def change_rows(diffs: dict[Path, PlanDiff]) -> list[ChangeRow]:
    def row(path: Path, d: FigureDiff) -> ChangeRow:
        was = _shown(d.old_status, d.old_value)
        if d.old_is_demo:
            was += " (DEMO)"
        elif d.old_file:
            was += f" ({d.old_file} {d.old_sheet}!{d.old_cell})"
        now = _shown(d.new.status, d.new.value) + f" ({d.new.location})" if d.new else "–"
        metric = METRICS_BY_KEY[d.metric_key].label if d.metric_key in METRICS_BY_KEY else ""
        return ChangeRow(
            path.name, d.force_name or d.force_code, d.period_key, metric,
            breakdown_label(d.breakdown), was, now,
        )  # fmt: skip

    return [
        row(path, d) for path, diff in diffs.items() for d in diff.figures if d.kind == "changed"
    ]


FILE_COLUMNS: list[Column[FileRow]] = [
    Column("File", lambda r: r.name),
    Column("Read as", lambda r: r.layout),
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
CHANGE_COLUMNS: list[Column[ChangeRow]] = [
    Column("File", lambda r: r.file),
    Column("Force", lambda r: r.force),
    Column("Period", lambda r: r.period),
    Column("Metric", lambda r: r.metric),
    Column("Breakdown", lambda r: r.breakdown),
    Column("Held now", lambda r: r.was),
    Column("In the new file", lambda r: r.now),
]


class ImportPreviewDialog(QDialog):
    def __init__(
        self,
        plans: list[ImportPlan],
        diffs: dict[Path, PlanDiff] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import returns")
        self.resize(980, 600)
        self.plans = plans
        diffs = diffs or {}
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
        self.files.set_rows([file_row(p, diffs.get(p.path)) for p in plans])
        files_view, _ = make_table(self.files, self)
        files_view.resizeColumnsToContents()

        self.problems = RowTableModel(PROBLEM_COLUMNS, self)
        self.problems.set_rows(problem_rows(plans))
        problems_view, _ = make_table(self.problems, self)
        problems_view.setSortingEnabled(False)  # keep errors first, in file order
        problems_view.resizeColumnsToContents()

        self.changes = RowTableModel(CHANGE_COLUMNS, self)
        self.changes.set_rows(change_rows(diffs))
        changes_view, _ = make_table(self.changes, self)
        changes_view.resizeColumnsToContents()

        self.tabs = QTabWidget()
        self.tabs.addTab(problems_view, f"Problems ({self.problems.rowCount()})")
        self.tabs.addTab(changes_view, f"Figures that would change ({self.changes.rowCount()})")
        self.reading = QTextBrowser()
        self.reading.setHtml(reading_html(plans))
        self.tabs.addTab(self.reading, "How the files were read")
        if not self.problems.rowCount() and self.changes.rowCount():
            self.tabs.setCurrentIndex(1)

        buttons = QDialogButtonBox()
        self.annotate_button = QPushButton("Save marked-up copy…")
        self.annotate_button.setToolTip(
            "A copy of each file with problems, the cells marked and explained, to send back"
        )
        self.annotate_button.setEnabled(any(p.problems and p.sha256 for p in plans))
        self.annotate_button.clicked.connect(self.save_annotated)
        buttons.addButton(self.annotate_button, QDialogButtonBox.ButtonRole.ActionRole)
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
        layout.addWidget(self.tabs, 2)
        layout.addWidget(buttons)

    def save_annotated(self) -> list[Path]:
        """Marked-up copies into a folder the user picks (or one file for one workbook)."""
        from commissioner_desk.importing.checks.annotate import annotate_workbook, suggested_name

        with_problems = [p for p in self.plans if p.problems and p.sha256]
        if len(with_problems) == 1:
            plan = with_problems[0]
            default = str(plan.path.with_name(suggested_name(plan.path)))
            name, _ = QFileDialog.getSaveFileName(self, "Save marked-up copy", default)
            targets = [(plan, Path(name))] if name else []
        else:
            folder = QFileDialog.getExistingDirectory(self, "Folder for the marked-up copies")
            targets = [(p, Path(folder) / suggested_name(p.path)) for p in with_problems]
            targets = targets if folder else []
        written = []
        for plan, target in targets:
            try:
                written.append(annotate_workbook(plan, plan.path, target))
            except (OSError, ValueError) as exc:
                from . import messages

                messages.show_error(self, f"{plan.path.name} could not be marked up", exc)
        return written

    @classmethod
    def ask(
        cls, parent: QWidget, plans: list[ImportPlan], diffs: dict[Path, PlanDiff] | None = None
    ) -> bool:
        """True when the user chose to import the files that are ready (tests patch this)."""
        dialog = cls(plans, diffs, parent)
        return dialog.exec() == QDialog.DialogCode.Accepted and dialog.ready_count > 0
