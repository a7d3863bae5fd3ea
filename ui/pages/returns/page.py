"""Returns: the register of which forces have returned for which quarters, and the chase list."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from commissioner_desk.formatting import uk_datetime

from ...register_model import RegisterModel, cell_text
from ...table_model import Column, RowTableModel
from ...widgets import make_table
from ..base import Page, page_heading

if TYPE_CHECKING:
    from commissioner_desk.queries.register import RegisterGrid

SPANS = (
    ("Last 4 quarters", 4),
    ("Last 8 quarters", 8),
    ("Last 12 quarters", 12),
    ("Last 5 years", 20),
)


def read_returns(db, quarters):
    """The returns page's query step, run on the thread pool: the register's grid for the
    span of quarters chosen."""
    from commissioner_desk.queries.register import returns_grid

    return returns_grid(db, quarters=quarters)


@dataclass(frozen=True)
class ChaseRow:
    code: str
    name: str
    period: str
    state: str
    chase_count: int
    last_chased: str


CHASE_COLUMNS: list[Column[ChaseRow]] = [
    Column("Force", lambda r: r.name),
    Column("Code", lambda r: r.code),
    Column("State", lambda r: r.state),
    Column("Chased", lambda r: str(r.chase_count), sort=lambda r: r.chase_count, numeric=True),
    Column("Last chased", lambda r: r.last_chased),
]


class ReturnsPage(Page):
    title = "Returns"
    key = "returns"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = None
        self.grid: RegisterGrid | None = None
        self.span = QComboBox()
        for label, quarters in SPANS:
            self.span.addItem(label, quarters)
        self.span.setCurrentIndex(1)
        self.span.currentIndexChanged.connect(lambda _i: self._reload())

        self.model = RegisterModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 8)
        self.view.selectionModel().currentChanged.connect(self._cell_selected)
        self.view.horizontalHeader().sectionClicked.connect(self._period_chosen)

        self.chase_title = QLabel()
        self.chase_title.setObjectName("pageSubtitle")
        self.chase = RowTableModel(CHASE_COLUMNS, self)
        self.chase_view, _ = make_table(self.chase, self)
        self.record_button = QPushButton("Record a chase…")
        self.record_button.clicked.connect(self.record_chase)
        self.export_button = QPushButton("Export chase list…")
        self.export_button.clicked.connect(self.export_chase_list)

        # Actions on the selected return (the cell under the cursor).
        self.accept_button = QPushButton("Accept")
        self.accept_button.setToolTip("Mark the selected return as checked and accepted")
        self.send_back_button = QPushButton("Send back…")
        self.send_back_button.setToolTip("Record that the return went back to the force")
        self.nil_button = QPushButton("Nil return…")
        self.nil_button.setToolTip("The force confirmed it has nothing to report")
        self.invalid_button = QPushButton("Invalid…")
        self.invalid_button.setToolTip("A return arrived but could not be imported")
        from commissioner_desk.domain.enums import ReturnState

        self.accept_button.clicked.connect(lambda: self.change_state(ReturnState.ACCEPTED))
        self.send_back_button.clicked.connect(
            lambda: self.change_state(ReturnState.RETURNED_FOR_CORRECTION)
        )
        self.nil_button.clicked.connect(lambda: self.change_state(ReturnState.NIL_RETURN))
        self.invalid_button.clicked.connect(lambda: self.change_state(ReturnState.INVALID))
        self.history_label = QLabel()
        self.history_label.setObjectName("pageSubtitle")
        self.history_label.setWordWrap(True)
        self.cell_label = QLabel(
            "Select a return to accept it, send it back, or record a nil or invalid return."
        )
        self.cell_label.setObjectName("pageSubtitle")
        self.cell_label.setWordWrap(True)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.view, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.cell_label, 1)
        for button in self.state_buttons():
            button.setEnabled(False)
            actions.addWidget(button)
        lv.addLayout(actions)
        lv.addWidget(self.history_label)

        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        rv.addWidget(self.chase_title)
        rv.addWidget(self.chase_view, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.record_button)
        buttons.addWidget(self.export_button)
        rv.addLayout(buttons)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("returnsSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([760, 320])

        bar = QHBoxLayout()
        bar.addWidget(QLabel("Show:"))
        bar.addWidget(self.span)
        self.counts = QLabel()
        bar.addWidget(self.counts, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(
            page_heading(
                "Returns",
                "Which forces have returned for each quarter. A force with nothing recorded is "
                "missing, never zero. Counts are of the 43 forces of England and Wales; bodies "
                "marked * return when they can. Click a quarter to see who to chase.",
            )
        )
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)
        self.period: str | None = None

    def query(self):
        quarters = self.span.currentData()
        return lambda db: (db, quarters, read_returns(db, quarters))

    def show_data(self, data: tuple) -> None:
        self._db, quarters, grid = data
        if quarters != self.span.currentData():  # changed while it was read: read what is shown
            self._reload()
            return
        self._show_grid(grid)

    def _reload(self) -> None:
        if self._db is None:
            return
        self._show_grid(read_returns(self._db, self.span.currentData()))

    def _show_grid(self, grid) -> None:
        self.grid = grid
        self.model.set_grid(self.grid)
        self.view.resizeColumnToContents(0)
        if self.period not in self.grid.periods:
            self.period = self.grid.periods[-1] if self.grid.periods else None
        self._show_chase_list()
        # The latest quarter is the one being chased: keep it in view (after layout).
        bar = self.view.horizontalScrollBar()
        QTimer.singleShot(0, lambda: bar.setValue(bar.maximum()))

    def _period_chosen(self, column: int) -> None:
        if self.grid is not None:
            self.period = self.grid.periods[column]
            self._show_chase_list()

    def _cell_selected(self, current, _previous) -> None:
        from commissioner_desk.domain.enums import ReturnState
        from commissioner_desk.register import ALLOWED

        selected = self.selected()
        if selected is None:
            for button in self.state_buttons():
                button.setEnabled(False)
            self.history_label.setText("")
            return
        self._period_chosen(current.column())
        force, period, cell = selected
        self.cell_label.setText(f"{force.name}, {period}: {cell_text(cell)}")
        state = ReturnState(cell.state)
        self.accept_button.setEnabled(state in ALLOWED[ReturnState.ACCEPTED])
        self.send_back_button.setEnabled(state in ALLOWED[ReturnState.RETURNED_FOR_CORRECTION])
        self.nil_button.setEnabled(state in ALLOWED[ReturnState.NIL_RETURN])
        self.invalid_button.setEnabled(state in ALLOWED[ReturnState.INVALID])
        self.history_label.setText(self._history_text(force.code, period))

    def state_buttons(self) -> tuple[QPushButton, ...]:
        return (self.accept_button, self.send_back_button, self.nil_button, self.invalid_button)

    def _history_text(self, code: str, period: str) -> str:
        from commissioner_desk.queries.register import return_history

        events = return_history(self._db, code, period) if self._db is not None else []
        if not events:
            return "No figures have been imported for this force and quarter."
        words = {"current": "in use", "superseded": "superseded by a later return"}
        parts = [
            f"{uk_datetime(e.imported_at)}, {e.file_name or f'import {e.batch_id}'} "
            f"({words.get(e.status, e.status)})"
            for e in events
        ]
        return "Returns imported: " + "; ".join(parts) + "."

    def selected(self):
        """(force, period key, cell) under the cursor, or None."""
        index = self.view.currentIndex()
        if self.grid is None or not index.isValid():
            return None
        force = self.grid.forces[index.row()]
        period = self.grid.periods[index.column()]
        return force, period, self.grid.cell(force.code, period)

    def change_state(self, state) -> None:
        from commissioner_desk.domain.enums import ReturnState
        from commissioner_desk.register import set_state

        selected = self.selected()
        if selected is None or self._db is None:
            return
        force, period, _cell = selected
        note = ""
        if state is not ReturnState.ACCEPTED:
            prompt = {
                ReturnState.RETURNED_FOR_CORRECTION: "What needs correcting?",
                ReturnState.NIL_RETURN: "How did the force confirm it? (optional)",
                ReturnState.INVALID: "What was wrong with it?",
            }[state]
            note, ok = QInputDialog.getText(self, f"{force.name}, {period}", prompt)
            if not ok:
                return
        try:
            set_state(self._db, force.code, period, state, note.strip())
        except ValueError as exc:  # RegisterError: a sentence for the user
            from ... import messages

            messages.show_error(self, "The return could not be changed", exc)
            return
        index = self.view.currentIndex()
        self._reload()
        self.view.setCurrentIndex(index)

    def chase_rows(self) -> list[ChaseRow]:
        if self.grid is None or self.period is None:
            return []
        return [
            ChaseRow(
                f.code, f.name, self.period, cell_text(c), c.chase_count, uk_datetime(c.chased_at)
            )
            for f, c in self.grid.chase_list(self.period)
        ]

    def _show_chase_list(self) -> None:
        rows = self.chase_rows()
        self.chase.set_rows(rows)
        self.chase_view.resizeColumnsToContents()
        if self.grid is None or self.period is None:
            self.chase_title.setText("")
            self.counts.setText("")
            return
        done, expected = self.grid.returned_count(self.period)
        self.counts.setText(f"{done} of {expected} forces have returned for {self.period}.")
        self.chase_title.setText(
            f"To chase for {self.period}: {len(rows)} force{'s' if len(rows) != 1 else ''}"
            if rows
            else f"Every expected force has returned for {self.period}."
        )
        self.record_button.setEnabled(bool(rows))
        self.export_button.setEnabled(bool(rows))

    def record_chase(self) -> None:
        index = self.chase_view.currentIndex()
        rows = self.chase_rows()
        if self._db is None or not rows:
            return
        row = rows[0] if not index.isValid() else index.data(Qt.ItemDataRole.UserRole + 2)
        note, ok = QInputDialog.getText(
            self, "Record a chase", f"Chased {row.name} for {row.period}. Note (optional):"
        )
        if not ok:
            return
        from commissioner_desk.register import record_chase

        record_chase(self._db, row.code, row.period, note.strip())
        self._reload()

    def export_chase_list(self) -> None:
        rows = self.chase_rows()
        if not rows:
            return
        suggested = str(Path.home() / f"Chase list {self.period}.xlsx")
        name, _ = QFileDialog.getSaveFileName(
            self, "Export chase list", suggested, "Excel workbook (*.xlsx);;CSV (*.csv)"
        )
        if not name:
            return
        from commissioner_desk.exports import write_table

        from ... import messages

        try:
            write_table(
                Path(name),
                ["Force", "Code", "Quarter", "State", "Times chased", "Last chased"],
                [[r.name, r.code, r.period, r.state, r.chase_count, r.last_chased] for r in rows],
                title=f"Chase list {self.period}",
            )
        except (OSError, ValueError) as exc:
            messages.show_error(self, "The chase list could not be exported", exc)
