"""Print a rich-text document page by page, with the protective marking on every page.

QTextDocument.print() can only add a page number. Official documents need the marking in
capitals at the top and bottom of every page, "Page X of Y" and a version in the footer, and a
DEMO watermark when the content is synthetic; so the document is laid out to the body area of
the page and each page is painted by hand (QTextDocument.drawContents with a clip per page).
One renderer serves PDF files, printers and print preview: all are QPagedPaintDevices.
"""

from __future__ import annotations

from collections.abc import Sequence
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

from commissioner_desk.files.safe_write import writing

RESOLUTION = 300  # dots per inch for PDF output: text is vector anyway, images stay sharp
FONT_FAMILIES = ["Segoe UI", "DejaVu Sans", "Arial", "Liberation Sans"]


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


def pdf_writer(path: Path, decor: PageDecor) -> QPdfWriter:
    """A PDF writer at RESOLUTION on the standard page, with the title, author and creator."""
    writer = QPdfWriter(str(path))
    writer.setResolution(RESOLUTION)  # before any measuring
    writer.setPageLayout(standard_layout())
    writer.setTitle(decor.title)
    writer.setCreator("Commissioner's Desk")
    if decor.author:
        writer.setAuthor(decor.author)
    return writer


def finish_pdf(path: Path, decor: PageDecor) -> None:
    """After the writer is gone (the file complete): the Subject Qt cannot write."""
    if decor.subject:
        from .pdf_info import add_subject

        add_subject(Path(path), decor.subject)


def write_pdf(doc: QTextDocument, path: Path, decor: PageDecor) -> int:
    """Write `doc` to a PDF file (whole or not at all); returns the number of pages."""
    with writing(path) as tmp:
        writer = pdf_writer(tmp, decor)
        pages = paint_document(doc, writer, decor)
        del writer  # closes the file
        finish_pdf(tmp, decor)
    return pages


def body_rect(device: QPagedPaintDevice) -> QRectF:
    """Where the text goes on every page, in device pixels: the page's paint area less a
    band above (the marking) and below (the marking and the footer)."""
    dpi = device.logicalDpiY()
    paper = device.pageLayout().paintRectPixels(device.logicalDpiX())
    band = dpi * 0.5
    return QRectF(0, band, paper.width(), paper.height() - 2 * band)


def prepare(doc: QTextDocument, device: QPagedPaintDevice) -> int:
    """Lay `doc` out for the device's pages; the number of pages. Set the resolution first."""
    body = body_rect(device)
    doc.documentLayout().setPaintDevice(device)  # measure text in the device's units
    doc.setPageSize(QSizeF(body.width(), body.height()))
    return doc.pageCount()


def paint_document(doc: QTextDocument, device: QPagedPaintDevice, decor: PageDecor) -> int:
    """Lay `doc` out on the device's pages and paint every page with its marking."""
    prepare(doc, device)
    return paint_documents([doc], device, decor)


def paint_documents(
    docs: Sequence[QTextDocument], device: QPagedPaintDevice, decor: PageDecor
) -> int:
    """Paint documents already laid out by `prepare`, each from a new page, numbered as one:
    the marking, "Page X of Y" and the version on every page. Returns the number of pages."""
    body = body_rect(device)
    paper = device.pageLayout().paintRectPixels(device.logicalDpiX())
    page = QRectF(0, 0, paper.width(), paper.height())
    counts = [doc.pageCount() for doc in docs]
    pages = sum(counts)
    painter = QPainter(device)
    try:
        n = 0
        for doc, count in zip(docs, counts, strict=True):
            for index in range(count):
                if n:
                    device.newPage()
                _paint_page(painter, doc, body, page, index)
                _decorate(painter, page, decor, n, pages)
                n += 1
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
    painter.setFont(page_font(10))
    painter.setPen(QColor("#000000"))
    line = dpi * 0.2
    top = QRectF(page.left(), page.top(), page.width(), dpi * 0.3)
    bottom = QRectF(page.left(), page.bottom() - line, page.width(), line)
    centre = Qt.AlignmentFlag.AlignHCenter
    painter.drawText(top, centre | Qt.AlignmentFlag.AlignTop, marking)
    painter.drawText(bottom, centre | Qt.AlignmentFlag.AlignBottom, marking)
    small = page_font(8, bold=False)
    painter.setFont(small)
    painter.setPen(QColor("#333333"))
    # On its own line above the bottom marking: a long title never runs into the marking.
    footer = QRectF(page.left(), bottom.top() - line * 1.1, page.width(), line)
    left = decor.title + (f" · version {decor.version}" if decor.version else "")
    align_bottom = Qt.AlignmentFlag.AlignBottom
    painter.drawText(footer, Qt.AlignmentFlag.AlignLeft | align_bottom, left)
    painter.drawText(
        footer, Qt.AlignmentFlag.AlignRight | align_bottom, f"Page {index + 1} of {pages}"
    )
    painter.restore()


def page_font(points: float, bold: bool = True) -> QFont:
    """A sans-serif font found on Windows and Linux alike (Qt embeds it in the PDF)."""
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSizeF(points)
    font.setBold(bold)
    # No "fi"/"fl" ligatures: the PDF's text then searches and copies as typed.
    font.setFeature(QFont.Tag("liga"), 0)
    return font


def _watermark(painter: QPainter, page: QRectF, dpi: float) -> None:
    font = page_font(96)
    painter.save()
    painter.setFont(font)
    painter.setPen(QColor(200, 0, 0, 45))
    painter.translate(page.center())
    painter.rotate(-35)
    painter.drawText(
        QRectF(-page.width(), -dpi, 2 * page.width(), 2 * dpi), Qt.AlignmentFlag.AlignCenter, "DEMO"
    )
    painter.restore()
