"""Write the map to PNG, SVG or PDF with the same painting code as the screen."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSize, QSizeF
from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtSvg import QSvgGenerator

from commissioner_desk.files.safe_write import qt_wrote, writing
from commissioner_desk.maps.boundaries import Boundaries
from commissioner_desk.maps.hexes import HexLayout

from .renderer import MapHits, MapSpec, paint_map

MM_PER_INCH = 25.4
FORMATS = (".png", ".svg", ".pdf")


def _points(size_mm: tuple[float, float]) -> QSizeF:
    return QSizeF(size_mm[0] / MM_PER_INCH * 72, size_mm[1] / MM_PER_INCH * 72)


def render_image(
    spec: MapSpec,
    boundaries: Boundaries | None,
    hex_layout: HexLayout,
    *,
    dpi: float = 300,
    size_mm: tuple[float, float] = (250, 180),
) -> tuple[QImage, MapHits, float]:
    """The map as an image on white; also the hits and the pixels per point."""
    pts = _points(size_mm)
    scale = dpi / 72
    image = QImage(
        QSize(round(pts.width() * scale), round(pts.height() * scale)),
        QImage.Format.Format_ARGB32_Premultiplied,
    )
    dpm = round(dpi / MM_PER_INCH * 1000)
    image.setDotsPerMeterX(dpm)
    image.setDotsPerMeterY(dpm)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    try:
        painter.scale(scale, scale)
        hits = paint_map(
            painter, QRectF(0, 0, pts.width(), pts.height()), spec, boundaries, hex_layout
        )
    finally:
        painter.end()
    return image, hits, scale


def export_map(
    spec: MapSpec,
    path: Path,
    boundaries: Boundaries | None,
    hex_layout: HexLayout,
    *,
    dpi: int = 300,
    size_mm: tuple[float, float] = (250, 180),
) -> Path:
    """Write the map to `path`; the format follows the extension (.png, .svg or .pdf).

    PNG is `size_mm` at `dpi` on white; SVG is `size_mm` in points; PDF is one A4 landscape
    page."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(
            f"Cannot save the map as {path.name}: use a file name ending .png, .svg or .pdf."
        )
    with writing(path) as tmp:  # whole and checked, or not at all
        _write(spec, suffix, tmp, boundaries, hex_layout, dpi, size_mm)
    return path


def _write(spec: MapSpec, suffix: str, path: Path, boundaries, hex_layout, dpi, size_mm) -> None:
    if suffix == ".png":
        image, _, _ = render_image(spec, boundaries, hex_layout, dpi=dpi, size_mm=size_mm)
        qt_wrote(image.save(str(path), "PNG"), "map")
    elif suffix == ".svg":
        pts = _points(size_mm)
        svg = QSvgGenerator()
        svg.setFileName(str(path))
        svg.setSize(QSize(round(pts.width()), round(pts.height())))
        svg.setViewBox(QRectF(0, 0, pts.width(), pts.height()))
        svg.setResolution(72)
        svg.setTitle(spec.title)
        svg.setDescription(" ".join(spec.attribution))
        _paint(svg, QRectF(0, 0, pts.width(), pts.height()), 1.0, spec, boundaries, hex_layout)
    else:
        pdf = QPdfWriter(str(path))
        pdf.setTitle(spec.title)
        pdf.setCreator("Commissioner's Desk")
        pdf.setResolution(1200)
        pdf.setPageLayout(
            QPageLayout(
                QPageSize(QPageSize.PageSizeId.A4),
                QPageLayout.Orientation.Landscape,
                QMarginsF(10, 10, 10, 10),
                QPageLayout.Unit.Millimeter,
            )
        )
        page = pdf.pageLayout().paintRectPoints()
        rect = QRectF(0, 0, page.width(), page.height())
        _paint(pdf, rect, pdf.resolution() / 72, spec, boundaries, hex_layout)


def _paint(device, rect: QRectF, scale: float, spec, boundaries, hex_layout) -> None:
    painter = QPainter()
    qt_wrote(painter.begin(device), "map")
    try:
        painter.scale(scale, scale)
        paint_map(painter, rect, spec, boundaries, hex_layout)
    finally:
        painter.end()
