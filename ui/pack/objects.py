"""Maps, charts and trend lines drawn inside a pack's text, as vectors on any paint device.

Each is a QTextDocument object (QPyTextObject): the layout asks its size and places it like a
character, moving it to the next page when it does not fit, and printing calls `drawObject`
with the printer's or PDF writer's own painter, so nothing is turned into pixels. Charts come
as SVG drawn once from the chart widget (ui/pack/drawings.py) and replayed by QSvgRenderer.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QByteArray, QRectF, QSizeF
from PySide6.QtGui import (
    QPainter,
    QPyTextObject,
    QTextCharFormat,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtSvg import QSvgRenderer

from commissioner_desk.reports.blocks import ChartFigure, MapFigure, Trend

from ..printing.paged import page_font
from .html import OBJECT_CLOSE, OBJECT_OPEN

OBJECT_TYPE = QTextFormat.ObjectTypes.UserObject + 7
OBJECT_KEY = QTextFormat.Property.UserProperty + 7
MAP_HEIGHT = 0.8  # of the page body: the map's section heading and caption fit above and below
CHART_HEIGHT = 0.36  # two charts with their captions on one page
TREND_HEIGHT = 0.42  # inches
OBJECT_CHAR = "\ufffc"


def _dpi(doc: QTextDocument) -> float:
    device = doc.documentLayout().paintDevice()
    return device.logicalDpiY() if device is not None else 96.0


class Drawings(QPyTextObject):
    """The drawings of one document, by number."""

    def __init__(self, items: list[object], svgs: Mapping[int, bytes]) -> None:
        super().__init__()
        self.items = items
        self.svgs = svgs  # item number → SVG of a chart
        self._renderers: dict[int, QSvgRenderer] = {}

    def intrinsicSize(self, doc: QTextDocument, _pos: int, fmt: QTextFormat) -> QSizeF:
        item = self.items[int(fmt.property(OBJECT_KEY))]
        page = doc.pageSize()
        width = max(page.width() - 2 * doc.documentMargin(), 1.0)
        if isinstance(item, MapFigure):
            return QSizeF(width, min(width * 1.25, page.height() * MAP_HEIGHT))
        if isinstance(item, ChartFigure):
            return QSizeF(width, page.height() * CHART_HEIGHT)
        # A trend line sits in the wider column of a two-column row.
        return QSizeF(width * 0.66, _dpi(doc) * TREND_HEIGHT)

    def drawObject(
        self, painter: QPainter, rect: QRectF, _doc: QTextDocument, _pos: int, fmt: QTextFormat
    ) -> None:
        n = int(fmt.property(OBJECT_KEY))
        item = self.items[n]
        if isinstance(item, MapFigure):
            _draw_map(painter, rect, item)
        elif isinstance(item, ChartFigure):
            renderer = self._renderer(n)
            if renderer is not None:
                renderer.render(painter, _fitted(rect, renderer.viewBoxF()))
        elif isinstance(item, Trend):
            _draw_trend(painter, rect, item)

    def _renderer(self, n: int) -> QSvgRenderer | None:
        if n not in self._renderers and n in self.svgs:
            self._renderers[n] = QSvgRenderer(QByteArray(self.svgs[n]))
        return self._renderers.get(n)


def _fitted(rect: QRectF, box: QRectF) -> QRectF:
    """The largest rectangle of `box`'s shape centred in `rect`: a chart is never stretched."""
    if box.width() <= 0 or box.height() <= 0:
        return rect
    scale = min(rect.width() / box.width(), rect.height() / box.height())
    w, h = box.width() * scale, box.height() * scale
    return QRectF(rect.left() + (rect.width() - w) / 2, rect.top(), w, h)


def _draw_map(painter: QPainter, rect: QRectF, figure: MapFigure) -> None:
    from ..map.renderer import make_spec, paint_map

    spec = make_spec(
        figure.values,
        style=figure.style,
        attribution=figure.attribution,
        flags=dict(figure.flags),
        flag_label=figure.flag_label,
    )
    scale = painter.device().logicalDpiY() / 72  # paint_map measures in points
    painter.save()
    try:
        painter.translate(rect.topLeft())
        painter.scale(scale, scale)
        area = QRectF(0, 0, rect.width() / scale, rect.height() / scale)
        paint_map(painter, area, spec, figure.boundaries, figure.hex_layout)
    finally:
        painter.restore()


def _draw_trend(painter: QPainter, rect: QRectF, trend: Trend) -> None:
    """The line, and the latest quarter's figure as printed ([c] or "missing" when it has
    none): the number a reader looks for, and the same words as the table above."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QFontMetricsF

    from ..charts.sparkline import SparkPoint, paint_sparkline

    font = page_font(8, bold=False)
    points = [SparkPoint(p.label, p.value, p.text) for p in trend.points]
    label = trend.points[-1].text if trend.points else ""
    painter.save()
    painter.setFont(font)
    room = QFontMetricsF(painter.font()).horizontalAdvance("0000000") if label else 0.0
    paint_sparkline(painter, rect.adjusted(0, 0, -room, 0), points, font=font, end_label=False)
    painter.setPen(Qt.GlobalColor.black)
    box = QRectF(rect.right() - room, rect.top(), room, rect.height())
    painter.drawText(box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
    painter.restore()


def insert_drawings(doc: QTextDocument, items: list[object], svgs: Mapping[int, bytes]) -> Drawings:
    """Swap each placeholder the HTML left for its drawing; keep the handler alive with `doc`."""
    handler = Drawings(items, svgs)
    doc.documentLayout().registerHandler(OBJECT_TYPE, handler)
    for n in range(len(items)):
        found = doc.find(f"{OBJECT_OPEN}{n}{OBJECT_CLOSE}")
        if found.isNull():
            continue
        fmt = QTextCharFormat()
        fmt.setObjectType(OBJECT_TYPE)
        fmt.setProperty(OBJECT_KEY, n)
        found.insertText(OBJECT_CHAR, fmt)
    return handler
