"""The charts of a pack drawn once as SVG, from the same chart widget as the Trends page.

pyqtgraph draws with widgets, so this runs on the main thread (with a QApplication); the SVG
bytes can then be replayed as vectors on any page, in any thread (ui/pack/objects.py).
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QIODevice, QRectF, QSize
from PySide6.QtGui import QPainter, QPicture
from PySide6.QtSvg import QSvgGenerator

from commissioner_desk.reports.blocks import ChartFigure, Pack

from ..charts.export import chart_for_file

CHART_LAYOUT = (860, 430)  # layout pixels: the shape of a half-page chart, text large enough


def chart_svg(figure: ChartFigure) -> bytes:
    w, h = CHART_LAYOUT
    # The page carries the DEMO watermark: a second one on the chart would only clutter it.
    chart = chart_for_file(figure.data, size=CHART_LAYOUT)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    try:
        svg = QSvgGenerator()
        svg.setOutputDevice(buffer)
        svg.setSize(QSize(w, h))
        svg.setViewBox(QRectF(0, 0, w, h))
        svg.setResolution(QPicture().logicalDpiX())  # as ui/charts/export.py: axes at scale
        svg.setTitle(figure.data.title)
        _render(chart, svg)
    finally:
        chart.close()
        chart.deleteLater()
    return bytes(buffer.data())


def _render(chart, device) -> None:
    """As ui/charts/export.py draws a file, at this layout's size: pyqtgraph's export mode
    draws markers as shapes (true vectors), not from its pixmap cache."""
    w, h = CHART_LAYOUT
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("Could not draw the chart for the briefing pack.")
    items = [i for i in chart.scene().items() if hasattr(i, "setExportMode")]
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        opts = {"antialias": True, "resolutionScale": 1.0, "painter": painter}
        for item in items:
            item.setExportMode(True, opts)
        chart.scene().render(painter, QRectF(0, 0, w, h), chart.sceneRect())
    finally:
        for item in items:
            item.setExportMode(False, {})
        painter.end()


def chart_svgs(pack: Pack) -> dict[tuple[str, int], bytes]:
    """Every chart of the pack, by (section key, block index)."""
    return {
        (section.key, index): chart_svg(block)
        for section in pack.sections
        for index, block in enumerate(section.blocks)
        if isinstance(block, ChartFigure)
    }
