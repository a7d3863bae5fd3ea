"""Fills for forces without a value: hatching, dots and cross-hatching drawn as geometry.

Qt's pattern brushes are sized in device pixels, so they would be hair-fine in a 300 dpi PNG
and look different again in SVG. Drawing the pattern as shapes clipped to the area (by path
intersection, which every paint engine draws the same) keeps it the same size in points on
screen, PNG, SVG and PDF.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen

from commissioner_desk.maps.palettes import NonValueLook

SPACING = 4.0  # points between hatch lines
LINE = 0.9  # points: the width of a hatch line


def _stripes(box: QRectF, dx: float, horizontal: bool = False) -> QPainterPath:
    """Closed parallelograms covering `box`: lines running up-right (dx > 0), up-left (dx < 0)
    or horizontal."""
    path = QPainterPath()
    if horizontal:
        y = box.top()
        while y < box.bottom():
            path.addRect(QRectF(box.left(), y, box.width(), LINE))
            y += SPACING
        return path
    h = box.height()
    x = box.left() - h
    while x < box.right() + h:
        base = QPointF(x, box.bottom())
        top = QPointF(x + dx * h, box.top())
        path.moveTo(base)
        path.lineTo(top)
        path.lineTo(top + QPointF(LINE * 1.4, 0))
        path.lineTo(base + QPointF(LINE * 1.4, 0))
        path.closeSubpath()
        x += SPACING * 1.4
    return path


def _dots(box: QRectF) -> QPainterPath:
    path = QPainterPath()
    r = LINE * 0.75
    y, row = box.top() + SPACING / 2, 0
    while y < box.bottom():
        x = box.left() + SPACING / 2 + (SPACING / 2 if row % 2 else 0)
        while x < box.right():
            path.addEllipse(QPointF(x, y), r, r)
            x += SPACING
        y += SPACING
        row += 1
    return path


def pattern_path(area: QPainterPath, pattern: str) -> QPainterPath | None:
    """The pattern's shapes inside `area` (drawing units = points), or None for no pattern."""
    box = area.boundingRect().adjusted(-SPACING, -SPACING, SPACING, SPACING)
    if pattern == "hatch":
        shapes = _stripes(box, 1.0)
    elif pattern == "cross_hatch":
        shapes = _stripes(box, 1.0)
        shapes.addPath(_stripes(box, -1.0))
        shapes.setFillRule(Qt.FillRule.WindingFill)
    elif pattern == "horizontal":
        shapes = _stripes(box, 0.0, horizontal=True)
    elif pattern == "dots":
        shapes = _dots(box)
    else:
        return None
    return area.intersected(shapes)


def fill_non_value(painter: QPainter, area: QPainterPath, look: NonValueLook) -> None:
    """Fill `area` with the look's fill and pattern (no outline)."""
    painter.fillPath(area, QColor(look.fill))
    shapes = pattern_path(area, look.pattern)
    if shapes is not None:
        painter.fillPath(shapes, QColor(look.pattern_colour))


def outline(colour: str, width: float) -> QPen:
    pen = QPen(QColor(colour), width)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen
