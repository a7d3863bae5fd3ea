"""Print a rich-text document page by page, with the protective marking on every page.

QTextDocument.print() can only add a page number. Official documents need the marking in
capitals at the top and bottom of every page, "Page X of Y" and a version in the footer, and a
DEMO watermark when the content is synthetic; so the document is laid out to the body area of
the page and each page is painted by hand (QTextDocument.drawContents with a clip per page).
One renderer serves PDF files, printers and print preview: all are QPagedPaintDevices.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

RESOLUTION = 300  # dots per inch for PDF output: text is vector anyway, images stay sharp


@dataclass(frozen=True)
class PageDecor:
    marking: str  # e.g. OFFICIAL-SENSITIVE; printed in capitals top and bottom
    title: str  # the PDF's title, and the footer's left text with the version
    version: str = ""
    demo: bool = False  # synthetic data: a DEMO watermark on every page
    author: str = ""
    subject: str = ""


def standard_layout() -> QPageLayout:
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4),
        QPageLayout.Orientation.Portrait,
        QMarginsF(18, 14, 18, 14),
        QPageLayout.Unit.Millimeter,
    )


def write_pdf(doc: QTextDocument, path: Path, decor: PageDecor) -> int:
    """Write `doc` to a PDF file; returns the number of pages."""
    writer = QPdfWriter(str(path))
    writer.setResolution(RESOLUTION)  # before any measuring
    writer.setPageLayout(standard_layout())
    writer.setTitle(decor.title)
    writer.setCreator("Commissioner's Desk")
    if decor.author:
        writer.setAuthor(decor.author)
    return paint_document(doc, writer, decor)


def paint_document(doc: QTextDocument, device: QPagedPaintDevice, decor: PageDecor) -> int:
    """Lay `doc` out on the device's pages and paint every page with its marking."""
    dpi = device.logicalDpiY()
    paper = device.pageLayout().paintRectPixels(device.logicalDpiX())
    band = dpi * 0.45  # room for the marking line above and the footer below the body
    body = QRectF(0, band, paper.width(), paper.height() - 2 * band)
    doc.documentLayout().setPaintDevice(device)  # measure text in the device's units
    doc.setPageSize(QSizeF(body.width(), body.height()))
    pages = doc.pageCount()
    painter = QPainter(device)
    try:
        for index in range(pages):
            if index:
                device.newPage()
            _paint_page(painter, doc, body, QRectF(0, 0, paper.width(), paper.height()), index)
            _decorate(painter, QRectF(0, 0, paper.width(), paper.height()), decor, index, pages)
    finally:
        painter.end()
    return pages


def _paint_page(painter: QPainter, doc: QTextDocument, body: QRectF, page: QRectF, index: int):
    painter.save()
    painter.translate(body.left(), body.top() - index * body.height())
    clip = QRectF(0, index * body.height(), body.width(), body.height())
    doc.drawContents(painter, clip)
    painter.restore()


def _decorate(painter: QPainter, page: QRectF, decor: PageDecor, index: int, pages: int) -> None:
    marking = decor.marking.strip().upper()
    dpi = painter.device().logicalDpiY()
    painter.save()
    if decor.demo:
        _watermark(painter, page, dpi)
    bold = QFont("DejaVu Sans")
    bold.setPointSizeF(10)
    bold.setBold(True)
    painter.setFont(bold)
    painter.setPen(QColor("#000000"))
    top = QRectF(page.left(), page.top(), page.width(), dpi * 0.3)
    bottom = QRectF(page.left(), page.bottom() - dpi * 0.3, page.width(), dpi * 0.3)
    centre = Qt.AlignmentFlag.AlignHCenter
    painter.drawText(top, centre | Qt.AlignmentFlag.AlignTop, marking)
    painter.drawText(bottom, centre | Qt.AlignmentFlag.AlignBottom, marking)
    small = QFont("DejaVu Sans")
    small.setPointSizeF(8)
    painter.setFont(small)
    painter.setPen(QColor("#333333"))
    footer = QRectF(page.left(), page.bottom() - dpi * 0.3, page.width(), dpi * 0.3)
    left = decor.title + (f" · version {decor.version}" if decor.version else "")
    align_bottom = Qt.AlignmentFlag.AlignBottom
    painter.drawText(footer, Qt.AlignmentFlag.AlignLeft | align_bottom, left)
    painter.drawText(
        footer, Qt.AlignmentFlag.AlignRight | align_bottom, f"Page {index + 1} of {pages}"
    )
    painter.restore()


def _watermark(painter: QPainter, page: QRectF, dpi: float) -> None:
    font = QFont("DejaVu Sans")
    font.setPointSizeF(96)
    font.setBold(True)
    painter.save()
    painter.setFont(font)
    painter.setPen(QColor(200, 0, 0, 45))
    painter.translate(page.center())
    painter.rotate(-35)
    painter.drawText(
        QRectF(-page.width(), -dpi, 2 * page.width(), 2 * dpi), Qt.AlignmentFlag.AlignCenter, "DEMO"
    )
    painter.restore()
