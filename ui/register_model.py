"""The returns register as a grid: forces down, quarters across, one cell per return."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from commissioner_desk.formatting import uk_datetime
from commissioner_desk.queries.register import RegisterCell, RegisterGrid

_Index = QModelIndex | QPersistentModelIndex

# Colour-blind-safe pairs (ColorBrewer) with text, so state never rests on colour alone.
STATE_LOOK: dict[str, tuple[str, str]] = {
    "received": ("received", "#d9f0d3"),
    "accepted": ("accepted", "#a6dba0"),
    "nil_return": ("nil return", "#e7e1ef"),
    "returned_for_correction": ("sent back", "#fee0b6"),
    "invalid": ("invalid", "#fdb863"),
    "superseded": ("superseded", "#f0f0f0"),
    "missing": ("missing", "#f4a582"),
}
CELL_ROLE = Qt.ItemDataRole.UserRole + 3


def cell_text(cell: RegisterCell) -> str:
    """Short, so eight quarters fit across: the full story is in the tooltip."""
    if cell.state in ("received", "accepted") and cell.received_at:
        tick = "✓✓" if cell.state == "accepted" else "✓"
        return f"{tick} {cell.received_at.day} {cell.received_at:%b}"
    label = STATE_LOOK.get(cell.state, (cell.state, ""))[0]
    if cell.chase_count:
        return f"{label} ({cell.chase_count}×)"
    return label


def cell_tooltip(cell: RegisterCell) -> str:
    lines = [STATE_LOOK.get(cell.state, (cell.state, ""))[0].capitalize()]
    if cell.chase_count and not cell.returned:
        lines[0] += f", chased {cell.chase_count} time(s)"
    if cell.received_at:
        lines.append(f"Received {uk_datetime(cell.received_at)}")
    if cell.file_name:
        lines.append(f"File: {cell.file_name}")
    if cell.chased_at:
        lines.append(f"Last chased {uk_datetime(cell.chased_at)}")
    if cell.notes:
        lines.append(cell.notes)
    return "\n".join(lines)


class RegisterModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.grid = RegisterGrid((), (), {})

    def set_grid(self, grid: RegisterGrid) -> None:
        self.beginResetModel()
        self.grid = grid
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.grid.forces)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.grid.periods)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        force = self.grid.forces[index.row()]
        cell = self.grid.cell(force.code, self.grid.periods[index.column()])
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(cell)
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(STATE_LOOK.get(cell.state, ("", "#ffffff"))[1]))
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor("#000000"))  # dark text on every pale state colour
        if role == Qt.ItemDataRole.ToolTipRole:
            return cell_tooltip(cell)
        if role == CELL_ROLE:
            return cell
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Vertical:
                force = self.grid.forces[section]
                return None if force.expected else "Not counted in n of 43: returns when it can"
            return None
        if orientation == Qt.Orientation.Horizontal:
            period = self.grid.periods[section]
            done, expected = self.grid.returned_count(period)
            return f"{period}\n{done} of {expected}"
        force = self.grid.forces[section]
        return force.name if force.expected else f"{force.name} *"
