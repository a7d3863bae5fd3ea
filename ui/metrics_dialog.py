"""Figures › Metrics…: every metric the app holds, with how many figures use it; the office adds,
renames and removes its own (context figures such as police officers as full-time equivalents).
Built-in metrics are shown but cannot be changed.

Each change is saved at once (db/user_metrics.py) and the window is told, so open pages offer
the new metric (or lose a removed one) straight away.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from commissioner_desk.domain.catalogue import UNIT_LABELS
from commissioner_desk.formatting import count, uk_date

from . import messages
from .metric_form import MetricForm
from .table_model import ROW_ROLE, Column, RowTableModel
from .widgets import make_table

if TYPE_CHECKING:
    from commissioner_desk.db.database import Database
    from commissioner_desk.db.user_metrics import MetricInfo

    from .shell import Shell


def confirm_removal(parent: QWidget, info: MetricInfo) -> bool:
    """Ask before removing a metric (module level: tests patch this one call)."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Remove metric",
        f"Remove {info.name} ({info.key})? It holds no figures; it will no longer be offered "
        "on the map, trends, figures or briefing packs.",
        parent=parent,
    )
    remove = box.addButton("Remove", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is remove


def _kind(m: MetricInfo) -> str:
    if m.builtin:
        return "Built in"
    return f"{m.created_by or 'unknown'}, {uk_date(m.created_at.date() if m.created_at else None)}"


COLUMNS: list[Column[MetricInfo]] = [
    Column("Name", lambda m: m.name),
    Column("Key", lambda m: m.key),
    Column("Unit", lambda m: UNIT_LABELS.get(m.unit, m.unit)),
    Column("Figures", lambda m: count(m.figures), sort=lambda m: m.figures, numeric=True),
    Column("Defined by", _kind, muted=lambda m: m.builtin),
]


class MetricsDialog(QDialog):
    def __init__(
        self, parent: QWidget | None, db: Database, on_changed: Callable[[], None] | None = None
    ) -> None:
        super().__init__(parent)
        self._on_changed = on_changed  # open pages offer the metrics as they are now
        self.setWindowTitle("Metrics")
        self._db = db
        self.changed = False  # anything added, renamed or removed while open

        intro = QLabel(
            "The figures the app holds. Add your own for context, such as police officers "
            "(full-time equivalents) or total recorded crime, to set the modern slavery figures "
            "in proportion. Built-in metrics cannot be changed; one of yours can be removed "
            "only while no figure uses it."
        )
        intro.setWordWrap(True)
        self.model: RowTableModel[MetricInfo] = RowTableModel(COLUMNS, self)
        self.view, self.proxy = make_table(self.model, self)
        self.view.setSortingEnabled(False)  # built-ins first, then the office's, as added
        self.proxy.sort(-1)
        self.view.setAccessibleName("Metrics")
        self.detail = QLabel()
        self.detail.setObjectName("pageSubtitle")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setMinimumHeight(self.fontMetrics().lineSpacing() * 2)

        self.add_button = QPushButton("&Add…")
        self.rename_button = QPushButton("Re&name…")
        self.remove_button = QPushButton("&Remove…")
        close = QPushButton("Close")
        self.add_button.clicked.connect(self.add)
        self.rename_button.clicked.connect(self.rename)
        self.remove_button.clicked.connect(self.remove)
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.rename_button, self.remove_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.detail)
        layout.addLayout(buttons)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._selected())
        self.view.doubleClicked.connect(lambda _index: self.rename())
        self.resize(760, 460)  # fits a 1093 × 582 screen with the window's frame
        self.reload()

    # ----- data -----------------------------------------------------------------------------

    def reload(self, select: str | None = None) -> None:
        from commissioner_desk.db.user_metrics import list_metrics

        keep = select or (self.current().key if self.current() else None)
        self.model.set_rows(list_metrics(self._db))
        self.view.resizeColumnsToContents()
        rows = [m.key for m in self.model.rows]
        row = rows.index(keep) if keep in rows else 0
        self.view.setCurrentIndex(self.proxy.mapFromSource(self.model.index(row, 0)))
        self._selected()

    def current(self) -> MetricInfo | None:
        index = self.view.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def _selected(self) -> None:
        m = self.current()
        mine = m is not None and not m.builtin
        self.rename_button.setEnabled(mine)
        # Figures still use it: the core would refuse (and says why if asked all the same).
        self.remove_button.setEnabled(mine and not m.figures)
        self.remove_button.setToolTip(
            "Undo the imports of its figures first" if mine and m.figures else ""
        )
        if m is None:
            self.detail.setText("")
            return
        about = escape(m.description or "No description.")
        note = "Built in: it cannot be changed." if m.builtin else ""
        if mine and m.figures:
            note = "It cannot be removed while figures use it: undo their imports first."
        self.detail.setText(f"<b>{escape(m.name)}</b> ({m.key}): {about} {note}".strip())

    def _changed(self, select: str | None = None) -> None:
        self.changed = True
        self.reload(select)
        if self._on_changed is not None:
            self._on_changed()

    # ----- actions --------------------------------------------------------------------------

    def add(self) -> None:
        saved = MetricForm.ask(self, self._db)
        if saved is not None:
            self._changed(saved.key)

    def rename(self) -> None:
        m = self.current()
        if m is None or m.builtin:
            return
        saved = MetricForm.ask(self, self._db, m)
        if saved is not None and saved.name != m.name:
            self._changed(saved.key)

    def remove(self) -> None:
        from commissioner_desk.db.user_metrics import MetricError, remove_metric

        m = self.current()
        if m is None or m.builtin or not confirm_removal(self, m):
            return
        try:
            remove_metric(self._db, m.key)
        except MetricError as exc:
            messages.show_error(self, "The metric was not removed", exc, str(exc))
            self.reload()  # someone may have used or changed it since the list was read
            return
        self._changed()

    @classmethod
    def ask(cls, parent: QWidget | None, db: Database, on_changed: Callable[[], None]) -> bool:
        """Show the metrics until closed; True when any was added, renamed or removed."""
        dialog = cls(parent, db, on_changed)
        dialog.exec()
        return dialog.changed


def edit_metrics(window: Shell) -> None:
    """Figures › Metrics…"""
    if window.db is None:
        return
    if MetricsDialog.ask(window, window.db, window.notify_changed):
        window.statusBar().showMessage("Metrics saved: every page offers them now.", 6000)
