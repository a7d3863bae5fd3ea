"""The Actions tab: actions raised at this meeting with owner, due date, status and RAG; raise a
new one against an agenda item; double-click to open it in the action log."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from commissioner_desk.domain.enums import Rag
from commissioner_desk.formatting import uk_date
from commissioner_desk.network.actions_types import ActionRow

from ...table_model import ROW_ROLE, Column, RowTableModel
from ...widgets import make_table
from . import ops

if TYPE_CHECKING:
    from commissioner_desk.network.meeting_detail import MeetingDetail

    from .editor import MeetingEditor

RAG_COLOURS = {Rag.RED: "#a4281b", Rag.AMBER: "#8a5a00", Rag.GREEN: "#2e6b2e"}


def _owner(r: ActionRow) -> str:
    return r.owner_name or r.organisation_name or "No owner"


def _owner_tip(r: ActionRow) -> str:
    return ", ".join(x for x in (r.owner_name, r.organisation_name) if x) or "No owner"


def _item(r: ActionRow) -> str:
    ref = r.minute_reference
    return ref.rsplit("item ", 1)[1] if "item " in ref else ""


COLUMNS: list[Column[ActionRow]] = [
    Column("Reference", lambda r: r.reference),
    Column("Item", _item, sort=lambda r: int(_item(r) or 0), numeric=True),
    Column("Action", lambda r: r.title, tooltip=lambda r: r.description or r.title),
    Column("Owner", _owner, tooltip=_owner_tip),
    Column("Due", lambda r: uk_date(r.due_date) or "No due date", sort=lambda r: r.due_date),
    Column("Status", lambda r: r.status_label),
    Column(
        "RAG", lambda r: r.rag_label, tooltip=lambda r: r.rag_reason, muted=lambda r: r.rag is None
    ),
]


class RagModel(RowTableModel[ActionRow]):
    """The RAG in its colour (with its word, never colour alone)."""

    def data(self, index, role=0):
        from PySide6.QtCore import Qt

        if (
            role == Qt.ItemDataRole.ForegroundRole
            and index.isValid()
            and self.columns[index.column()].title == "RAG"
        ):
            rag = self.rows[index.row()].rag
            if rag is not None:
                return QBrush(QColor(RAG_COLOURS[rag]))
        return super().data(index, role)


class RaisedActionsPanel(QWidget):
    def __init__(self, editor: MeetingEditor) -> None:
        super().__init__()
        self.editor = editor
        self.model = RagModel(COLUMNS, self)
        self.view, self.proxy = make_table(self.model, self)
        self.view.doubleClicked.connect(self._open)
        self.view.setToolTip("Double-click an action to open it in the action log")
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setObjectName("pageSubtitle")
        self.item = QComboBox()
        self.item.setAccessibleName("Agenda item the action is raised on")
        self.item.setMinimumContentsLength(24)
        self.raise_button = QPushButton("Raise action…")
        self.raise_button.clicked.connect(self.raise_action)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("On item"))
        bar.addWidget(self.item, 1)
        bar.addWidget(self.raise_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.view, 1)
        layout.addLayout(bar)

    @staticmethod
    def read(db, d: MeetingDetail):
        """The actions raised at the meeting (off the UI thread when the page loads)."""
        from commissioner_desk.network.actions import ActionFilter, list_actions

        return list_actions(db, ActionFilter(meeting_id=d.id), ops.today())

    def show_detail(self, d: MeetingDetail, rows=None) -> None:
        if rows is None:
            rows = self.read(self.editor.db, d)
        self.model.set_rows(rows)
        ops.fit_columns(self.view, 2, cap_chars=20)
        chosen = self.item.currentData()
        self.item.clear()
        for i in d.agenda:
            self.item.addItem(f"{i.position}. {i.title}", i.id)
        if chosen is not None and self.item.findData(chosen) >= 0:
            self.item.setCurrentIndex(self.item.findData(chosen))
        else:  # the last item is usually where the discussion got to
            self.item.setCurrentIndex(self.item.count() - 1)
        editable = d.minutes_editable
        self.item.setEnabled(editable and bool(d.agenda))
        self.raise_button.setEnabled(editable and bool(d.agenda))
        open_count = sum(1 for r in rows if r.is_open)
        if not editable:
            why = (
                "The minutes are approved, so no more actions are added to this meeting's "
                "record: raise a new action at a later meeting."
            )
        elif not d.agenda:
            why = "Add agenda items first: an action is raised on an item."
        else:
            why = "Raise an action on the agenda item where it was agreed."
        self.note.setText(f"{len(rows)} raised here, {open_count} still open. {why}")

    def select_item(self, item_id: int) -> None:
        index = self.item.findData(item_id)
        if index >= 0:
            self.item.setCurrentIndex(index)

    def raise_action(self) -> None:
        from ui.pages.actions import dialog as action_dialog  # built alongside this page

        item_id = self.item.currentData()
        d = self.editor.detail
        if item_id is None or d is None:
            return
        new_id = action_dialog.ask(self, self.editor.db, meeting_id=d.id, agenda_item_id=item_id)
        self.editor.saved("Action raised." if new_id else None, notify=bool(new_id) or None)

    def _open(self, index) -> None:
        row: ActionRow | None = index.data(ROW_ROLE)
        if row is not None:
            self.editor.open_requested.emit("action", row.id)
