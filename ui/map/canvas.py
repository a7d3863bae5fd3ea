"""The map on screen: the shared renderer in a widget, with hover, click, zoom and pan."""

from __future__ import annotations

import textwrap

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QMouseEvent, QPainter, QPaintEvent, QTransform, QWheelEvent
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from commissioner_desk.formatting import figure, rate

from .renderer import MapHits, MapSpec, paint_map

STATUS_WORDS = {
    "missing": "no return",
    "nil": "nil return",
    "suppressed": "suppressed [c]: a small count, or one that would give a small count away",
    "not_applicable": "not applicable",
    "no_rate": "no population: no rate",
    "no_change": "no figure a year before",
}


class MapCanvas(QWidget):
    force_clicked = Signal(str)  # registry code

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec: MapSpec | None = None
        self.empty_text = ""  # nothing said until the page's first read has arrived
        self.boundaries = None
        self.hexes = None
        self.hits: MapHits | None = None
        self.zoom, self.offset = 1.0, QPointF(0, 0)
        self._drag: QPointF | None = None
        self.setMouseTracking(True)
        self.setMinimumSize(420, 320)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.CrossCursor)

    def show_map(self, spec: MapSpec | None, boundaries, hexes) -> None:
        self.spec, self.boundaries, self.hexes = spec, boundaries, hexes
        self.empty_text = "No figures to map yet."
        self.update()

    def reset_view(self) -> None:
        self.zoom, self.offset = 1.0, QPointF(0, 0)
        self.update()

    def _view(self) -> QTransform:
        return QTransform().translate(self.offset.x(), self.offset.y()).scale(self.zoom, self.zoom)

    def _to_map(self, pos: QPointF) -> QPointF:
        inverted, _ok = self._view().inverted()
        return inverted.map(pos)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), Qt.GlobalColor.white)
        if self.spec is None:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.empty_text)
            return
        painter.setTransform(self._view())
        try:
            self.hits = paint_map(
                painter, QRectF(self.rect()), self.spec, self.boundaries, self.hexes
            )
        finally:
            painter.end()

    def force_at(self, pos: QPointF) -> str | None:
        return self.hits.force_at(self._to_map(pos)) if self.hits else None

    def tooltip_for(self, code: str) -> str:
        f = self.spec.values.force(code) if self.spec else None
        if f is None:
            return code
        lines = [f.name]
        if f.count is not None:
            lines.append(f"Figure: {figure(f.count, self.spec.values.unit)}")
        if f.rate is not None:
            lines.append(f"Per 100,000: {rate(f.rate)} (mid-{f.population_year} population)")
        if f.change is not None:
            lines.append(f"Change on a year before: {f.change:+.1f}%")
        if f.rank is not None:
            lines.append(f"Rank: {f.rank} of {len(self.spec.values.values())}")
        if f.status in STATUS_WORDS:
            lines.append(STATUS_WORDS[f.status].capitalize())
        reason = self.spec.flags.get(code)
        if reason:  # the reason always goes with the flag; wrapped, as tooltips do not wrap
            lines.append(textwrap.fill(f"Flagged as low reporting: {reason}", 70))
        return "\n".join(lines)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag is not None:
            self.offset += event.position() - self._drag
            self._drag = event.position()
            self.update()
            return
        code = self.force_at(event.position())
        if code:
            QToolTip.showText(event.globalPosition().toPoint(), self.tooltip_for(code), self)
        else:
            QToolTip.hideText()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            code = self.force_at(event.position())
            if code:
                self.force_clicked.emit(code)
            else:
                self._drag = event.position()  # drag on the sea to pan

    def mouseReleaseEvent(self, _event: QMouseEvent) -> None:
        self._drag = None

    def mouseDoubleClickEvent(self, _event: QMouseEvent) -> None:
        self.reset_view()

    def wheelEvent(self, event: QWheelEvent) -> None:
        """Zoom about the pointer, between the whole map and 12 times closer."""
        factor = 1.2 if event.angleDelta().y() > 0 else 1 / 1.2
        new_zoom = min(12.0, max(1.0, self.zoom * factor))
        at = event.position()
        under = self._to_map(at)
        self.zoom = new_zoom
        self.offset = at - under * self.zoom
        if self.zoom == 1.0:
            self.offset = QPointF(0, 0)
        self.update()
