"""Write a trend chart to PNG, SVG or CSV without a window: the page, the `chart` command and
briefing packs share these.

PNG and SVG draw the same TrendChart as the screen, built offscreen at a fixed layout size (so
a file looks the same whatever the window's size); a PNG is that layout drawn at `width`
pixels, sharp rather than enlarged. CSV is ChartData.table(), through exports.write_table,
which keeps any text from running as a spreadsheet formula.

Needs a QApplication (pyqtgraph draws with widgets), which the caller makes.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPicture
from PySide6.QtSvg import QSvgGenerator

from commissioner_desk.domain.events import ChartEvent
from commissioner_desk.exports import write_table
from commissioner_desk.files.safe_write import qt_wrote, writing
from commissioner_desk.queries.series import ChartData

from .trend_chart import TrendChart

FORMATS = (".png", ".svg", ".csv")
LAYOUT = (1000, 600)  # the chart's size in layout pixels, for every file
DEFAULT_WIDTH = 2000  # a PNG's width in pixels: the layout at 2×, sharp on a slide or page
MIN_WIDTH, MAX_WIDTH = 400, 8000


def chart_for_file(
    data: ChartData,
    *,
    events: Sequence[ChartEvent] = (),
    demo: bool = False,
    hidden: Collection[str] = (),
    pen_scale: float = 1.0,
    size: tuple[int, int] = LAYOUT,
) -> TrendChart:
    """A TrendChart laid out offscreen at `size`, ready to draw into a file. Series whose keys
    are `hidden` are left out, keeping the colours they had on screen."""
    chart = TrendChart(pen_scale=pen_scale, for_file=True)
    chart.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    chart.resize(*size)
    chart.set_data(data, events, demo, hidden=tuple(hidden))
    chart.show()  # delivers the resize, so the layout and the view know their size
    # Layout requests and view-range updates are posted events: deliver them (no user input
    # is processed) so the axes and the data agree before drawing.
    for _ in range(3):
        chart.ci.layout.activate()
        QCoreApplication.sendPostedEvents()
    chart.hide_hover()
    return chart


def render_png_image(
    data: ChartData,
    *,
    width: int = DEFAULT_WIDTH,
    events: Sequence[ChartEvent] = (),
    demo: bool = False,
    hidden: Collection[str] = (),
) -> QImage:
    """The chart as an image `width` pixels wide, on white."""
    if not MIN_WIDTH <= width <= MAX_WIDTH:
        raise ValueError(f"Choose a width from {MIN_WIDTH:,} to {MAX_WIDTH:,} pixels, not {width}.")
    w, h = LAYOUT
    ratio = width / w
    # Qt draws line widths in device pixels, so lines are thickened to match the scale.
    chart = chart_for_file(data, events=events, demo=demo, hidden=hidden, pen_scale=ratio)
    try:
        image = QImage(QSize(width, round(h * ratio)), QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(ratio)
        image.fill(QColor("#ffffff"))
        _draw(chart, image)
    finally:
        _discard(chart)
    return image


def export_chart(
    data: ChartData,
    path: Path,
    *,
    width: int = DEFAULT_WIDTH,
    events: Sequence[ChartEvent] = (),
    demo: bool = False,
    hidden: Collection[str] = (),
) -> Path:
    """Write `data` to `path`; the format follows the extension (.png, .svg or .csv). Series
    whose keys are `hidden` (switched off in the legend) are left out."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(
            f"Cannot save the chart as {path.name}: use a name ending .png, .svg or .csv."
        )
    if suffix == ".csv":  # written whole or not at all by write_table
        shown = tuple(s for s in data.series if s.key not in hidden)
        table = replace(data, series=shown).table()
        write_table(path, [str(h) for h in table[0]], table[1:], title=data.title)
        return path
    with writing(path) as tmp:  # whole and checked, or not at all
        if suffix == ".png":
            image = render_png_image(data, width=width, events=events, demo=demo, hidden=hidden)
            qt_wrote(image.save(str(tmp), "PNG"), "chart")
        else:
            _write_svg(data, tmp, events, demo, hidden)
    return path


def _write_svg(
    data: ChartData,
    path: Path,
    events: Sequence[ChartEvent],
    demo: bool,
    hidden: Collection[str],
) -> None:
    w, h = LAYOUT
    chart = chart_for_file(data, events=events, demo=demo, hidden=hidden)
    try:
        svg = QSvgGenerator()
        svg.setFileName(str(path))
        svg.setSize(QSize(w, h))
        svg.setViewBox(QRectF(0, 0, w, h))
        # pyqtgraph caches each axis as a QPicture, which scales by the ratio of its DPI to the
        # device's when played: give the SVG the same DPI, or the axes shrink to 3/4.
        svg.setResolution(QPicture().logicalDpiX())
        svg.setTitle(data.title)
        svg.setDescription("Commissioner's Desk trend chart" + (" (DEMO DATA)" if demo else ""))
        _draw(chart, svg)
    finally:
        _discard(chart)


def _draw(chart: TrendChart, device) -> None:
    painter = QPainter()
    qt_wrote(painter.begin(device), "chart")
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        w, h = LAYOUT
        # pyqtgraph's export mode: markers drawn as shapes, not from its pixmap cache, so
        # they are sharp at any scale and real vectors in SVG.
        _export_mode(chart, True, {"antialias": True, "resolutionScale": 1.0, "painter": painter})
        try:
            chart.scene().render(painter, QRectF(0, 0, w, h), chart.sceneRect())
        finally:
            _export_mode(chart, False)
    finally:
        painter.end()


def _export_mode(chart: TrendChart, on: bool, opts: dict | None = None) -> None:
    for item in chart.scene().items():
        if hasattr(item, "setExportMode"):
            item.setExportMode(on, opts or {})


def _discard(chart: TrendChart) -> None:
    chart.close()
    chart.deleteLater()
