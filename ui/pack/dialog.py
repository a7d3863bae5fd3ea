"""File › Briefing pack… (Ctrl+P): choose the quarter, the sections, the protective marking, who
it is for and the version; then preview, print or save it as PDF.

The pack is built off the UI thread with a progress bar (Shell.run_operation); charts are
then drawn once on the main thread (pyqtgraph needs it) and the PDF is written in the
background. Preview and printing use the same renderer as the PDF.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from commissioner_desk.published.disclosure import SUPPRESSED_MARK, SuppressionRule
from commissioner_desk.reports.options import (
    DEFAULT_AUDIENCE,
    MARKINGS,
    PackOptions,
    offered_sections,
)

from .. import messages
from ..metric_choices import metric_items
from .output import preview_dialog, print_pack, suggested_name, with_pdf_suffix

if TYPE_CHECKING:
    from commissioner_desk.reports.blocks import Pack

    from ..shell import Shell


def ask_save_path(parent: QWidget, suggested: Path) -> Path | None:
    """Where to save the PDF; None when cancelled. (Module level: tests patch this one call.)"""
    name, _ = QFileDialog.getSaveFileName(
        parent, "Save the briefing pack as PDF", str(suggested), "PDF files (*.pdf)"
    )
    return Path(name) if name else None


def ask_threshold(parent: QWidget, current: int) -> int | None:
    from commissioner_desk.published.suppression_store import MAX_THRESHOLD

    value, ok = QInputDialog.getInt(
        parent,
        "Disclosure control",
        f"Hide counts from 1 to (shown as {SUPPRESSED_MARK} on every screen, export and "
        "printout, for everyone using this database):",
        current,
        1,
        MAX_THRESHOLD,
    )
    return value if ok else None


def _documents_dir() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


def _quarters(window: Shell) -> list[str]:
    from commissioner_desk.domain.periods import latest_complete_quarter
    from commissioner_desk.queries.figures import figure_choices

    held = [p for p in figure_choices(window.db).periods if "-Q" in p]
    if not held:
        from datetime import date

        held = [latest_complete_quarter(date.today()).key]  # an action-log pack still works
    return held


class PackDialog(QDialog):
    def __init__(self, window: Shell) -> None:
        super().__init__(window)
        from commissioner_desk.published.suppression_store import load_suppression

        self.window_ = window
        self.setWindowTitle("Briefing pack")
        self.rule: SuppressionRule = load_suppression(window.db)
        self.pack: Pack | None = None  # the last pack built, for tests and a second output
        self.written: Path | None = None

        intro = QLabel(
            "A briefing pack for the commissioner, ministers or a network meeting: the "
            "protective marking is printed at the top and bottom of every page, small counts "
            "are hidden, and the last pages say where every figure came from."
        )
        intro.setWordWrap(True)

        from commissioner_desk.domain.periods import Period

        self.period_box = QComboBox()
        for key in _quarters(window):
            self.period_box.addItem(Period.from_key(key).label, key)
        self.audience_edit = QLineEdit(DEFAULT_AUDIENCE)
        self.audience_edit.setPlaceholderText("e.g. The Commissioner; Home Office ministers")
        self.version_edit = QLineEdit("1.0")
        self.version_edit.setMaximumWidth(120)
        form = QFormLayout()
        form.addRow("Quarter:", self.period_box)
        form.addRow("Prepared for:", self.audience_edit)
        form.addRow("Version:", self.version_edit)
        form.addRow("Protective marking:", self._marking_box())

        self.section_boxes: dict[str, QCheckBox] = {}
        sections = QGroupBox("Sections")
        grid = QGridLayout(sections)
        for n, info in enumerate(offered_sections()):
            box = QCheckBox(info.label)
            box.setChecked(True)
            self.section_boxes[info.key] = box
            grid.addWidget(box, n // 3, n % 3)
        self.per_force_box = QCheckBox("One page per force, after the national sections")
        grid.addWidget(self.per_force_box, grid.rowCount(), 0, 1, 3)

        self.style_box = QComboBox()
        self.style_box.addItem("Geographic", "geo")
        self.style_box.addItem("Hex (every force the same size)", "hex")
        self.metric_box = QComboBox()
        for label, key in metric_items():  # the office's own metrics too
            self.metric_box.addItem(label, key)
        options = QFormLayout()
        options.addRow("Map style:", self.style_box)
        options.addRow("Figure mapped and ranked:", self.metric_box)
        grid.addLayout(options, grid.rowCount(), 0, 1, 3)

        self.rule_label = QLabel()
        self.rule_label.setWordWrap(True)
        change = QPushButton("Change…")
        change.clicked.connect(self.change_threshold)
        rule_row = QHBoxLayout()
        rule_row.addWidget(self.rule_label, 1)
        rule_row.addWidget(change)
        self._show_rule()

        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #a00000")
        self.error_label.setVisible(False)
        self.result_label = QLabel()  # where the last pack went
        self.result_label.setWordWrap(True)
        self.result_label.setVisible(False)

        self.preview_button = QPushButton("Preview…")
        self.print_button = QPushButton("Print…")
        self.pdf_button = QPushButton("Save PDF…")
        self.pdf_button.setDefault(True)
        close = QPushButton("Close")
        self.preview_button.clicked.connect(lambda: self.produce("preview"))
        self.print_button.clicked.connect(lambda: self.produce("print"))
        self.pdf_button.clicked.connect(lambda: self.produce("pdf"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        for b in (self.preview_button, self.print_button, self.pdf_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(sections)
        layout.addLayout(rule_row)
        layout.addWidget(self.error_label)
        layout.addWidget(self.result_label)
        layout.addLayout(buttons)
        self.setMinimumWidth(620)

    def _marking_box(self) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        self.marking_group = QButtonGroup(self)
        for n, marking in enumerate(MARKINGS):
            button = QRadioButton(marking)
            button.setChecked(n == 0)
            self.marking_group.addButton(button, n)
            column.addWidget(button)
        custom = QRadioButton("Another marking or handling caveat:")
        self.marking_group.addButton(custom, len(MARKINGS))
        column.addWidget(custom)
        self.custom_marking = QLineEdit()
        self.custom_marking.setPlaceholderText("OFFICIAL-SENSITIVE PERSONAL")
        self.custom_marking.textEdited.connect(lambda _t: custom.setChecked(True))
        column.addWidget(self.custom_marking)
        return box

    def marking(self) -> str:
        n = self.marking_group.checkedId()
        return MARKINGS[n] if n < len(MARKINGS) else self.custom_marking.text()

    def _show_rule(self) -> None:
        self.rule_label.setText(
            f"Disclosure control: counts from 1 to {self.rule.threshold} are shown as "
            f"{SUPPRESSED_MARK}, with the counts that would give them away."
        )

    def change_threshold(self) -> None:
        from commissioner_desk.published.suppression_store import save_suppression

        value = ask_threshold(self, self.rule.threshold)
        if value is None or value == self.rule.threshold:
            return
        try:
            save_suppression(self.window_.db, SuppressionRule(value))
        except Exception as exc:
            messages.show_error(self, "The threshold could not be saved", exc)
            return
        self.rule = SuppressionRule(value)
        self._show_rule()
        self.window_.notify_changed()  # every screen hides by the new threshold

    def options(self) -> PackOptions:
        return PackOptions(
            period=self.period_box.currentData() or "",
            sections=tuple(k for k, box in self.section_boxes.items() if box.isChecked()),
            marking=self.marking(),
            audience=self.audience_edit.text(),
            version=self.version_edit.text(),
            per_force=self.per_force_box.isChecked(),
            suppression=self.rule,
            metric_key=self.metric_box.currentData(),
            map_style=self.style_box.currentData(),
        )

    def _refuse(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    def produce(self, how: str) -> None:
        """Build the pack in the background, then preview, print or save it ("preview",
        "print" or "pdf")."""
        from commissioner_desk.published import briefing_pack

        try:
            options = self.options().checked()
        except ValueError as exc:
            self._refuse(str(exc))
            return
        self._refuse("")
        window = self.window_
        db, ws = window.db, window.ws
        path = None
        if how == "pdf":
            path = ask_save_path(self, _documents_dir() / suggested_name(options))
            if path is None:
                return
            path = with_pdf_suffix(path)

        def build(progress):
            return briefing_pack(db, options, progress, geo_dir=ws.geo_dir, data_dir=ws.folder)

        window.run_operation(
            "Building the briefing pack…", build, lambda pack: self._deliver(pack, how, path)
        )

    def _deliver(self, pack: Pack, how: str, path: Path | None) -> None:
        from .drawings import chart_svgs

        self.pack = pack
        svgs = chart_svgs(pack)  # here, on the main thread: charts are drawn with widgets
        if how == "preview":
            preview_dialog(self, pack, svgs).exec()
        elif how == "print":
            if print_pack(self, pack, svgs):
                self._produced(pack, "Sent the briefing pack to the printer.")
        elif path is not None:
            self._save(pack, svgs, path)

    def _save(self, pack: Pack, svgs, path: Path) -> None:
        from .render import write_pack_pdf

        def write(progress):
            return write_pack_pdf(pack, path, svgs, progress)

        def done(pages: int) -> None:
            self.written = path
            self._produced(pack, f"Saved the briefing pack ({pages} pages) to {path}.")

        self.window_.run_operation("Writing the briefing pack…", write, done)

    def _produced(self, pack: Pack, message: str) -> None:
        from commissioner_desk.reports.history import record_pack

        try:  # for "decisions since the last pack" next time
            record_pack(
                self.window_.db, pack.produced_on, pack.options.period, pack.options.version
            )
        except Exception as exc:  # the pack is out; not being able to note it is no reason to fail
            messages.show_warning(self, "Briefing pack", f"The pack was produced, but: {exc}")
        self.window_.statusBar().showMessage(message, 12000)
        self.result_label.setText(message)
        self.result_label.setVisible(True)


def open_pack_dialog(window: Shell) -> PackDialog | None:
    if window.db is None:
        return None
    dialog = getattr(window, "pack_dialog_", None)
    if dialog is None or not dialog.isVisible():
        dialog = PackDialog(window)  # fresh: the quarters held may have changed
        window.pack_dialog_ = dialog
    dialog.show()  # modeless: the progress of the build and the window stay usable
    dialog.raise_()
    dialog.activateWindow()
    return dialog
