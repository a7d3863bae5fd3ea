"""The Decisions tab: the decisions recorded at this meeting, with their number in the network's
one log and the date; recorded and corrected while the minutes are draft or circulated."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from commissioner_desk.formatting import uk_date
from commissioner_desk.network.decisions import DecisionRow
from commissioner_desk.network.labels import MINUTES_STATUS

from ...table_model import ROW_ROLE, Column, RowTableModel
from ...widgets import make_table
from . import ops
from .record_dialogs import DecisionDialog, DecisionInput

if TYPE_CHECKING:
    from commissioner_desk.network.meeting_detail import MeetingDetail

    from .editor import MeetingEditor

COLUMNS: list[Column[DecisionRow]] = [
    Column("No.", lambda r: str(r.number), sort=lambda r: r.number, numeric=True),
    Column("Date", lambda r: uk_date(r.decided_on), sort=lambda r: r.decided_on),
    Column(
        "Item",
        lambda r: str(r.agenda_position) if r.agenda_position else "",
        sort=lambda r: r.agenda_position or 0,
        numeric=True,
    ),
    Column("Decision", lambda r: " ".join(r.text.split()), tooltip=lambda r: r.text),
]


class DecisionsPanel(QWidget):
    def __init__(self, editor: MeetingEditor) -> None:
        super().__init__()
        self.editor = editor
        self.model: RowTableModel[DecisionRow] = RowTableModel(COLUMNS, self)
        self.view, self.proxy = make_table(self.model, self)
        self.view.doubleClicked.connect(lambda _i: self.edit_decision())
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._buttons())
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setObjectName("pageSubtitle")
        self.record_button = QPushButton("Record decision…")
        self.record_button.clicked.connect(self.record_decision)
        self.edit_button = QPushButton("Edit wording…")
        self.edit_button.clicked.connect(self.edit_decision)
        bar = QHBoxLayout()
        bar.addWidget(self.record_button)
        bar.addWidget(self.edit_button)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.view, 1)
        layout.addLayout(bar)

    def show_detail(self, d: MeetingDetail) -> None:
        keep = self.selected()
        self.model.set_rows(d.decisions)
        ops.fit_columns(self.view, 3)
        if keep is not None:
            for n, row in enumerate(self.model.rows):
                if row.id == keep.id:
                    self.view.selectRow(self.proxy.mapFromSource(self.model.index(n, 0)).row())
        if d.minutes_editable:
            self.note.setText(
                "Decisions are kept apart from the minutes, in one log numbered across all "
                "meetings. Record each decision against the agenda item where it was taken."
            )
        else:
            self.note.setText(
                f"The minutes are {MINUTES_STATUS[d.minutes_status]}: the decisions are part "
                "of the approved record. A correction is an erratum (Minutes tab)."
            )
        self._buttons()

    def selected(self) -> DecisionRow | None:
        index = self.view.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def _buttons(self) -> None:
        d = self.editor.detail
        editable = d is not None and d.minutes_editable
        self.record_button.setEnabled(editable)
        self.edit_button.setEnabled(editable and self.selected() is not None)

    def _items(self) -> list[tuple[int, str]]:
        return [(i.id, f"{i.position}. {i.title}") for i in self.editor.detail.agenda]

    def record_decision(self, agenda_item_id: int | None = None) -> None:
        from commissioner_desk.network.decisions import record_decision

        d = self.editor.detail
        if agenda_item_id is None and (item := self.editor.agenda.selected()) is not None:
            agenda_item_id = item.id
        first = DecisionInput(agenda_item_id, "", d.starts_at.date())
        items = self._items()
        row = ops.until_saved(
            lambda values, error: DecisionDialog.ask(self, items, values or first, error),
            lambda v: record_decision(self.editor.db, d.id, v.agenda_item_id, v.text, v.decided_on),
            "The decision could not be recorded",
            self,
        )
        self.editor.saved(f"Decision {row.number} recorded." if row else None)

    def edit_decision(self) -> None:
        from commissioner_desk.network.decisions import edit_decision

        row = self.selected()
        if row is None or not self.editor.detail.minutes_editable:
            return
        first = DecisionInput(row.agenda_item_id, row.text, row.decided_on)
        items = self._items()
        saved = ops.until_saved(
            lambda values, error: DecisionDialog.ask(
                self, items, values or first, error, number=row.number
            ),
            lambda v: edit_decision(self.editor.db, row.id, row.version, v.text),
            "The decision could not be saved",
            self,
        )
        self.editor.saved(f"Decision {row.number} saved." if saved else None)
