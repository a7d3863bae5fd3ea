"""Print a briefing pack: PDF, printer and print preview share this one renderer.

The pack is laid out for the device it goes to (ui/pack/layout.py) and every page is painted
by ui/printing/paged.py: the marking in capitals top and bottom, "Page X of Y" and the version,
and DEMO across every page when the figures are synthetic.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from PySide6.QtGui import QPagedPaintDevice
from PySide6.QtPrintSupport import QPrinter

from commissioner_desk.files.safe_write import writing
from commissioner_desk.progress import NO_PROGRESS, Progress, check
from commissioner_desk.reports.blocks import Pack

from ..printing.paged import (
    PageDecor,
    finish_pdf,
    paint_documents,
    pdf_writer,
    standard_layout,
)
from .layout import SvgKey, lay_out


def decor_for(pack: Pack) -> PageDecor:
    return PageDecor(
        marking=pack.options.marking,
        title=pack.title,
        version=pack.options.version,
        demo=pack.demo,
        author=pack.produced_by,
        subject=pack.subject,
    )


def paint_pack(
    pack: Pack, device: QPagedPaintDevice, svgs: Mapping[SvgKey, bytes] | None = None
) -> int:
    """Lay the pack out for `device` and paint every page; the number of pages."""
    laid = lay_out(pack, device, svgs)
    return paint_documents(laid.docs, device, decor_for(pack))


def write_pack_pdf(
    pack: Pack,
    path: Path,
    svgs: Mapping[SvgKey, bytes] | None = None,
    progress: Progress = NO_PROGRESS,
) -> int:
    """Write the pack to `path` (whole or not at all); the number of pages."""
    decor = decor_for(pack)
    progress.report(0, 2, "Laying out the pages…")
    with writing(path) as tmp:  # a half-written file never takes the name of a good one
        writer = pdf_writer(tmp, decor)
        laid = lay_out(pack, writer, svgs)
        check(progress)
        progress.report(1, 2, f"Writing {laid.pages} pages…")
        pages = paint_documents(laid.docs, writer, decor)
        del writer, laid  # closes the file
        finish_pdf(tmp, decor)
    progress.report(2, 2, "Done")
    return pages


def make_printer(pack: Pack) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(standard_layout())
    printer.setDocName(pack.title)
    printer.setCreator("Commissioner's Desk")
    return printer
