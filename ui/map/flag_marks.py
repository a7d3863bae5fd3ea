"""The low-reporting mark: how a flagged force looks on every map style and every output.

A thick dashed outline, dark dashes over a white underlay, shows on the palest and the darkest
fill and survives greyscale printing; a small round "!" badge says the same where an outline
is too small to see. The "!" is drawn as shapes, not text, so it looks the same in PNG, SVG and
PDF whatever fonts the machine has.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen

INK = "#111111"
DASH = (2.2, 1.3)  # in pen widths: long dashes, short gaps, so the outline reads as a line


def flag_outline(painter: QPainter, area: QPainterPath, width: float) -> None:
    """The dashed outline around `area`, `width` points thick."""
    under = QPen(QColor("#ffffff"), width * 1.9)
    under.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.strokePath(area, under)
    pen = QPen(QColor(INK), width)
    pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    pen.setDashPattern(list(DASH))
    painter.strokePath(area, pen)


def flag_badge(painter: QPainter, centre: QPointF, radius: float) -> None:
    """A dark disc with a white "!" and a white rim, `radius` points across."""
    disc = QPainterPath()
    disc.addEllipse(centre, radius, radius)
    painter.strokePath(disc, QPen(QColor("#ffffff"), radius * 0.35))
    painter.fillPath(disc, QColor(INK))
    mark = QPainterPath()
    w = radius * 0.3
    mark.addRoundedRect(
        QRectF(centre.x() - w / 2, centre.y() - radius * 0.62, w, radius * 0.8), w / 2, w / 2
    )
    mark.addEllipse(QPointF(centre.x(), centre.y() + radius * 0.47), w * 0.6, w * 0.6)
    painter.fillPath(mark, QColor("#ffffff"))


def paint_flag_swatch(painter: QPainter, swatch: QRectF) -> None:
    """The legend's sample of the mark: a pale box with the outline and the badge."""
    path = QPainterPath()
    path.addRect(swatch)
    painter.fillPath(path, QColor("#f4f4f4"))
    flag_outline(painter, path, swatch.height() * 0.16)
    flag_badge(painter, swatch.center(), swatch.height() * 0.32)
