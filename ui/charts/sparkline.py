"""A small trend line: one QPainter drawing for the screen and for printed briefing packs.

A gap (missing or suppressed figure) breaks the line: it is never drawn as zero. A point with
no neighbour on either side is drawn as a dot, so a lone figure between gaps still shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

LINE = QColor("#3a5a99")
MUTED = QColor("#6b6b6b")


@dataclass(frozen=True)
class SparkPoint:
    label: str  # e.g. "2023-Q1"
    value: float | None  # None: a gap
    text: str  # the exact value in words for the tooltip, e.g. "50" or "missing (no return)"


@dataclass(frozen=True)
class SparkGeometry:
    """Where each point was drawn (None for gaps), for hit-testing and tests."""

    points: tuple[QPointF | None, ...]
    plot: QRectF


def _value_text(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def paint_sparkline(
    painter: QPainter,
    rect: QRectF,
    points: Sequence[SparkPoint],
    *,
    color: QColor = LINE,
    font: QFont | None = None,
    end_label: bool = True,
) -> SparkGeometry:
    """Draw `points` (oldest first) inside `rect`; the last point is labelled with its value.

    Works on any QPainter (widget, QImage, QPrinter, QPdfWriter): sizes come from `rect` and
    the font, never from a screen."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    if font is not None:
        painter.setFont(font)
    fm = QFontMetricsF(painter.font())
    last = points[-1] if points else None
    label = ""
    if end_label and last is not None:
        label = _value_text(last.value) if last.value is not None else "–"
    label_w = fm.horizontalAdvance(label) + 6 if label else 0
    dot = max(2.0, fm.height() / 6)
    plot = QRectF(rect).adjusted(dot, dot + 1, -(label_w + dot), -(dot + 1))
    values = [p.value for p in points if p.value is not None]
    if not points or not values or plot.width() <= 0 or plot.height() <= 0:
        painter.setPen(MUTED)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, "no figures")
        painter.restore()
        return SparkGeometry(tuple(None for _ in points), plot)
    top = max(values)
    bottom = min(0.0, min(values))  # counts start at zero: a small change stays small
    span = (top - bottom) or 1.0
    step = plot.width() / max(len(points) - 1, 1)
    where: list[QPointF | None] = []
    for i, p in enumerate(points):
        if p.value is None:
            where.append(None)
            continue
        x = plot.left() + (i * step if len(points) > 1 else plot.width() / 2)
        where.append(QPointF(x, plot.bottom() - (p.value - bottom) / span * plot.height()))
    pen = QPen(color, max(1.5, fm.height() / 10))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    for a, b in pairwise(where):
        if a is not None and b is not None:  # a gap breaks the line
            painter.drawLine(a, b)
    painter.setBrush(color)
    painter.setPen(Qt.PenStyle.NoPen)
    for i, pt in enumerate(where):
        alone = pt is not None and all(
            not (0 <= j < len(where)) or where[j] is None for j in (i - 1, i + 1)
        )
        if pt is not None and (alone or i == len(where) - 1):
            painter.drawEllipse(pt, dot, dot)
    if label:
        painter.setPen(color if last.value is not None else MUTED)
        y = where[-1].y() if where[-1] is not None else plot.center().y()
        # Kept inside `rect`: a last point at the top or bottom must not clip its label.
        y = min(max(y, rect.top() + fm.height() / 2), rect.bottom() - fm.height() / 2)
        box = QRectF(plot.right() + dot + 4, y - fm.height() / 2, label_w, fm.height())
        painter.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, label)
    painter.restore()
    return SparkGeometry(tuple(where), plot)


class Sparkline(QWidget):
    """The sparkline as a widget: a tooltip per point with its exact value; click to open."""

    clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._points: tuple[SparkPoint, ...] = ()
        self.geometry_drawn: SparkGeometry | None = None
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        h = round(self.fontMetrics().height() * 2.6)
        return QSize(160, h)

    def minimumSizeHint(self) -> QSize:
        return QSize(80, self.sizeHint().height())

    def set_points(self, points: Sequence[SparkPoint]) -> None:
        self._points = tuple(points)
        self.setAccessibleDescription("; ".join(f"{p.label}: {p.text}" for p in self._points[-4:]))
        self.update()

    def spark_points(self) -> tuple[SparkPoint, ...]:
        return self._points

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        self.geometry_drawn = paint_sparkline(painter, QRectF(self.rect()), self._points)
        painter.end()

    def index_at(self, x: float) -> int | None:
        """The point nearest to `x` across the widget: gaps too, so a gap can say "missing"."""
        if not self._points:
            return None
        geo = self.geometry_drawn
        plot = geo.plot if geo else QRectF(self.rect())
        if len(self._points) == 1:
            return 0
        step = plot.width() / (len(self._points) - 1)
        i = round((x - plot.left()) / step) if step > 0 else 0
        return min(max(i, 0), len(self._points) - 1)

    def tooltip_at(self, x: float) -> str:
        i = self.index_at(x)
        if i is None:
            return ""
        p = self._points[i]
        return f"{p.label}: {p.text}"

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ToolTip:
            text = self.tooltip_at(e.pos().x())  # a QHelpEvent
            if text:
                QToolTip.showText(e.globalPos(), text, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(e)

    def mouseReleaseEvent(self, e: QMouseEvent) -> None:
        if e.button() == Qt.MouseButton.LeftButton:
            e.accept()  # handled here: a clickable parent must not open the same thing twice
            self.clicked.emit()
            return
        super().mouseReleaseEvent(e)
