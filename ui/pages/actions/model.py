"""The action log's table: columns, the RAG chip (a coloured shape with its word, never colour
alone), and a find box that also looks in each action's description."""

from __future__ import annotations

from datetime import date
from html import escape
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, QPointF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap, QPolygonF

from commissioner_desk.domain.enums import Rag
from commissioner_desk.formatting import uk_date
from commissioner_desk.network.actions_types import ActionRow

from ...table_model import Column, RowTableModel, SortFilterProxy

# Colour and shape together: the shape tells red from green for anyone who cannot see colour.
RAG_COLOURS = {Rag.RED: "#c62828", Rag.AMBER: "#f0a202", Rag.GREEN: "#2e7d32"}
RAG_TEXT = {Rag.RED: "#ffffff", Rag.AMBER: "#1f1f1f", Rag.GREEN: "#ffffff"}
RAG_SYMBOLS = {Rag.RED: "■", Rag.AMBER: "▲", Rag.GREEN: "●"}
FINISHED_COLOUR = "#8a8a8a"
RAG_ORDER = {Rag.RED: 0, Rag.AMBER: 1, Rag.GREEN: 2}  # most urgent first when sorted


def rag_text(row: ActionRow) -> str:
    """The word shown: Red, Amber, Green (with "by hand" when overridden), Done, Closed."""
    return f"{row.rag_label} (by hand)" if row.overridden else row.rag_label


_ICONS: dict[Rag | None, QIcon] = {}


def rag_icon(rag: Rag | None) -> QIcon:
    """The RAG's shape in its colour (made once; let go before the application ends, as a
    pixmap must not outlive it)."""
    if rag in _ICONS:
        return _ICONS[rag]
    if not _ICONS:
        QCoreApplication.instance().aboutToQuit.connect(_ICONS.clear)
    size = 14
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = QColor(RAG_COLOURS.get(rag, FINISHED_COLOUR))
    painter.setPen(QPen(colour.darker(140), 1))
    painter.setBrush(colour if rag is not None else Qt.GlobalColor.transparent)
    if rag == Rag.RED:
        painter.drawRect(2, 2, size - 4, size - 4)
    elif rag == Rag.AMBER:
        painter.drawPolygon(
            QPolygonF([QPointF(size / 2, 1), QPointF(size - 1, size - 2), QPointF(1, size - 2)])
        )
    else:  # green: a disc; finished: a hollow ring
        painter.drawEllipse(2, 2, size - 4, size - 4)
    painter.end()
    _ICONS[rag] = QIcon(pixmap)
    return _ICONS[rag]


def rag_chip_html(row: ActionRow) -> str:
    """The RAG as a coloured chip with its shape and word, for rich text."""
    if row.rag is None:
        return f"<span style='color:{FINISHED_COLOUR}'>○ {escape(row.rag_label)}</span>"
    return (
        f"<span style='background:{RAG_COLOURS[row.rag]};color:{RAG_TEXT[row.rag]}'>"
        f"&nbsp;{RAG_SYMBOLS[row.rag]} {escape(rag_text(row))}&nbsp;</span>"
    )


def _finished(row: ActionRow) -> bool:
    return not row.is_open


# RAG and due date come straight after the reference: on a laptop beside the detail panel the
# table scrolls sideways, and what needs chasing must never be the part scrolled out of view.
COLUMNS: list[Column[ActionRow]] = [
    Column("Reference", lambda r: r.reference, muted=_finished),
    Column(
        "RAG",
        rag_text,
        sort=lambda r: (RAG_ORDER.get(r.rag, 3), r.due_date or date.max),
        tooltip=lambda r: r.rag_reason,
    ),
    Column(
        "Due",
        lambda r: uk_date(r.due_date) if r.due_date else "none",
        sort=lambda r: r.due_date or date.max,  # undated last, as the core orders them
        muted=_finished,
    ),
    Column("Title", lambda r: r.title, tooltip=lambda r: r.title, muted=_finished),
    Column("Organisation", lambda r: r.organisation_name, muted=_finished),
    Column("Owner", lambda r: r.owner_name, muted=_finished),
    Column("Status", lambda r: r.status_label, muted=_finished),
]
RAG_COLUMN, DUE_COLUMN, TITLE_COLUMN = 1, 2, 3

_Index = QModelIndex | QPersistentModelIndex


class ActionsModel(RowTableModel[ActionRow]):
    def __init__(self, parent=None) -> None:
        super().__init__(COLUMNS, parent)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            role == Qt.ItemDataRole.DecorationRole
            and index.isValid()
            and index.column() == RAG_COLUMN
            and index.row() < len(self.rows)
        ):
            return rag_icon(self.rows[index.row()].rag)
        return super().data(index, role)

    def row_of(self, action_id: int) -> int | None:
        return next((n for n, r in enumerate(self.rows) if r.id == action_id), None)


class ActionsProxy(SortFilterProxy):
    """Keeps rows whose shown text or description holds every word typed."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._words: tuple[str, ...] = ()

    def set_text(self, text: str) -> None:
        self._words = tuple(text.casefold().split())
        self.setFilterFixedString(text)  # makes the proxy filter again, through the method below

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        if not self._words:
            return True
        model = self.sourceModel()
        row: ActionRow = model.rows[source_row]
        hay = " ".join(
            [*(c.text(row) for c in model.columns), row.description, row.force_name]
        ).casefold()
        return all(word in hay for word in self._words)
