"""Imports: every import batch, newest first, with Undo that puts back what was there before."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from commissioner_desk.formatting import uk_datetime

from ...table_model import ROW_ROLE, Column, RowTableModel
from ...widgets import DetailPanel, list_and_detail, make_table
from ..base import Page, page_heading

if TYPE_CHECKING:
    from commissioner_desk.importing.commit.history import BatchRow

KINDS = {"import": "Import", "template": "Template return", "demo": "DEMO data"}


def _files(r: BatchRow) -> str:
    return ", ".join(r.file_names) or ("synthetic" if r.is_demo else "–")


def _periods(r: BatchRow) -> str:
    if not r.periods:
        return ""
    return r.periods[0] if len(r.periods) == 1 else f"{r.periods[0]} to {r.periods[-1]}"


COLUMNS: list[Column[BatchRow]] = [
    Column("#", lambda r: str(r.id), sort=lambda r: r.id, numeric=True),
    Column("Imported", lambda r: uk_datetime(r.imported_at), sort=lambda r: r.imported_at),
    Column("By", lambda r: r.imported_by),
    Column("File", _files),
    Column("Kind", lambda r: KINDS.get(r.kind, r.kind)),
    Column("Figures", lambda r: f"{r.added:,}", sort=lambda r: r.added, numeric=True),
    Column("Replaced", lambda r: f"{r.superseded:,}", sort=lambda r: r.superseded, numeric=True),
    Column("Periods", _periods),
    Column(
        "Status",
        lambda r: f"undone {uk_datetime(r.undone_at)}" if r.undone else "in use",
        muted=lambda r: r.undone,
    ),
]


def read_imports(db) -> tuple:
    """The imports page's query step, run on the thread pool: (db, the batches)."""
    from commissioner_desk.importing.commit.history import list_batches

    return db, list_batches(db)


class ImportsPage(Page):
    title = "Imports"
    key = "imports"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = None
        self.model: RowTableModel[BatchRow] = RowTableModel(COLUMNS, self)
        self.view, self.proxy = make_table(self.model, self)
        self.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.detail = DetailPanel()
        self.detail.show_hint("Select an import to see what it brought in.")
        self.undo_button = QPushButton("Undo this import…")
        self.undo_button.setEnabled(False)
        self.undo_button.clicked.connect(self.undo_selected)
        self.view.selectionModel().currentRowChanged.connect(self._selected)
        self.empty = QLabel("Nothing has been imported yet.")
        self.empty.setObjectName("pageSubtitle")

        layout = QVBoxLayout(self)
        layout.addWidget(
            page_heading(
                "Imports",
                "Every import, newest first. Undo takes an import out and puts back exactly "
                "what was there before it; the record of the import is kept.",
            )
        )
        layout.addWidget(self.empty)
        layout.addWidget(list_and_detail(self.view, self.detail, "importsSplitter"), 1)
        bar = QHBoxLayout()
        bar.addStretch(1)
        bar.addWidget(self.undo_button)
        layout.addLayout(bar)

    def query(self):
        return read_imports

    def show_data(self, data: tuple) -> None:
        self._db, rows = data
        self.model.set_rows(rows)
        self.view.resizeColumnsToContents()
        self.empty.setVisible(not rows)
        self._selected(self.view.currentIndex(), None)

    def selected(self) -> BatchRow | None:
        index = self.view.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def _selected(self, _current, _previous) -> None:
        row = self.selected()
        self.undo_button.setEnabled(row is not None and not row.undone and not row.is_demo)
        if row is None:
            self.detail.show_hint("Select an import to see what it brought in.")
            return
        self.undo_button.setToolTip(
            "Demo data is removed with File › Remove demo data" if row.is_demo else ""
        )
        self.detail.show_pairs(
            f"Import {row.id}: {_files(row)}",
            [
                ("Kind", KINDS.get(row.kind, row.kind)),
                ("Imported", f"{uk_datetime(row.imported_at)} by {row.imported_by}"),
                ("Figures added", f"{row.added:,}"),
                ("Earlier figures replaced", f"{row.superseded:,} (kept as earlier versions)"),
                ("Answers", f"{row.texts:,}"),
                ("Forces", str(row.forces)),
                ("Periods", ", ".join(row.periods) or "–"),
                ("SHA-256", ", ".join(h[:16] + "…" for h in row.sha256) or "–"),
                (
                    "Status",
                    f"undone {uk_datetime(row.undone_at)} by {row.undone_by}"
                    if row.undone
                    else "in use",
                ),
            ],
        )

    def undo_selected(self) -> None:
        row = self.selected()
        if row is None or self._db is None:
            return
        answer = QMessageBox.question(
            self,
            "Undo import",
            f"Undo import {row.id} ({_files(row)})?\n\n"
            f"Its {row.added:,} figures are taken out and the {row.superseded:,} figures it "
            "replaced become current again. The returns register goes back to how it was.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.command_requested.emit(f"undo_batch:{row.id}")
