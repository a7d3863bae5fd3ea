"""The mapping step's table picker: every table a workbook holds (sheet, cells, title, periods,
forces), those that cannot be imported greyed out with the reason, one chosen to import."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QAbstractItemView, QWidget

from commissioner_desk.domain.geography import FORCE_AREAS
from commissioner_desk.importing.layouts.table_list import NOT_BY_AREA

from .table_model import ROW_ROLE, Column, RowTableModel
from .widgets import make_table

if TYPE_CHECKING:
    from commissioner_desk.importing.layouts.table_list import TableInfo


def _status(t: TableInfo) -> str:
    if t.importable:
        return "Can be imported"
    if t.geography == NOT_BY_AREA:
        return "Not by police force area"
    if t.geography != FORCE_AREAS:
        return f"Not by force: by {t.geography}"
    return t.problem


COLUMNS: list[Column[TableInfo]] = [
    Column("Table", lambda t: t.name),
    Column("Cells", lambda t: t.cells),
    Column("Title", lambda t: t.title or "(no title)", tooltip=lambda t: t.title),
    Column("Periods", lambda t: ", ".join(t.periods[:3]) + ("…" if len(t.periods) > 3 else "")),
    Column("Forces", lambda t: str(t.forces), sort=lambda t: t.forces, numeric=True),
    Column("", _status, tooltip=_status, muted=lambda t: not t.importable),
]


class TablePicker:
    """A table view over the workbook's tables; `chosen()` is the selected one."""

    def __init__(self, tables: Sequence[TableInfo], parent: QWidget | None = None) -> None:
        self.model = RowTableModel(COLUMNS, parent)
        self.model.set_rows(list(tables))
        self.view, self.proxy = make_table(self.model, parent)
        self.view.setSortingEnabled(False)
        self.proxy.sort(-1)  # workbook order: Table_5 before Table_10
        self.view.setAccessibleName("Tables in the workbook")
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.resizeColumnsToContents()
        self.view.setColumnWidth(2, min(self.view.columnWidth(2), 320))
        row = self.view.verticalHeader().defaultSectionSize()
        head = self.view.horizontalHeader().sizeHint().height()
        # Up to ten tables in view at once (a 17-table workbook scrolls): fits a laptop's 582 px.
        self.view.setMinimumHeight(head + row * min(len(tables), 10) + 4)
        self.view.setMaximumHeight(head + row * min(len(tables), 10) + 4)
        first = next((i for i, t in enumerate(tables) if t.importable), 0)
        self.view.selectRow(first)

    def chosen(self) -> TableInfo | None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return None
        return rows[0].data(ROW_ROLE)

    def select(self, sheet: str, number: int = 1) -> None:
        for row in range(self.proxy.rowCount()):
            table = self.proxy.index(row, 0).data(ROW_ROLE)
            if (table.sheet, table.number) == (sheet, number):
                self.view.selectRow(row)
                return

    @property
    def widget(self) -> QWidget:
        return self.view
