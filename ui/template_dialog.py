"""File › Make return templates…: the workbook(s) forces fill in for a quarter."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from commissioner_desk.domain.forces import ForceRecord
    from commissioner_desk.domain.periods import Period

    from .shell import Shell


@dataclass(frozen=True)
class TemplateRequest:
    period: Period
    force: ForceRecord | None  # None: every force that sends a return


class TemplateDialog(QDialog):
    def __init__(self, forces: tuple[ForceRecord, ...], parent: QWidget | None = None) -> None:
        from commissioner_desk.domain.periods import latest_complete_quarter

        super().__init__(parent)
        self.setWindowTitle("Make return templates")
        self.forces = forces
        self.quarter = QComboBox()
        latest = latest_complete_quarter(date.today())
        # The quarter just ended is the one being collected; offer a year either side.
        options = [latest]
        for _ in range(4):
            options.insert(0, options[0].previous())
        options.append(latest.next())
        for p in reversed(options):
            self.quarter.addItem(f"{p.key}  ({p.label})", p)
        self.quarter.setCurrentIndex(1)
        self.every = QRadioButton(f"Every force ({len(forces)} files, one per force)")
        self.one = QRadioButton("One force:")
        self.every.setChecked(True)
        self.force = QComboBox()
        for record in sorted(forces, key=lambda r: r.display_name):
            self.force.addItem(record.display_name, record)
        self.force.setEnabled(False)
        self.one.toggled.connect(self.force.setEnabled)

        form = QFormLayout()
        form.addRow("Quarter:", self.quarter)
        form.addRow("For:", self.every)
        form.addRow(self.one, self.force)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Choose where to save…")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def request(self) -> TemplateRequest:
        force = self.force.currentData() if self.one.isChecked() else None
        return TemplateRequest(self.quarter.currentData(), force)

    @classmethod
    def ask(cls, parent: QWidget, forces: tuple[ForceRecord, ...]) -> TemplateRequest | None:
        dialog = cls(forces, parent)
        return dialog.request() if dialog.exec() == QDialog.DialogCode.Accepted else None


def make_templates(window: Shell) -> None:
    from commissioner_desk.domain.forces import load_registry
    from commissioner_desk.importing.template import (
        template_file_name,
        template_forces,
        write_template,
        write_templates,
    )

    forces = template_forces(load_registry())
    request = TemplateDialog.ask(window, forces)
    if request is None:
        return
    if request.force is not None:
        suggested = Path.home() / template_file_name(request.force, request.period)
        name, _ = QFileDialog.getSaveFileName(
            window, "Save the template", str(suggested), "Excel workbook (*.xlsx)"
        )
        if not name:
            return
        force, target = request.force, Path(name)

        def work(_progress) -> list[Path]:
            return [write_template(target, force, request.period)]

    else:
        folder = QFileDialog.getExistingDirectory(
            window, f"Folder for the {request.period.key} returns", str(Path.home())
        )
        if not folder:
            return
        target = Path(folder)

        def work(progress) -> list[Path]:
            return write_templates(target, forces, request.period, progress)

    def done(paths: list[Path]) -> None:
        where = paths[0] if len(paths) == 1 else paths[0].parent
        window.statusBar().showMessage(
            f"Wrote {len(paths)} return template(s) for {request.period.key} to {where}", 12_000
        )

    window.run_operation("Writing return templates…", work, done)
