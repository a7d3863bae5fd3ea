"""Printing the minutes, and previewing the print: the same paged painter as the PDF, so the
marking is top and bottom of every printed page too."""

from __future__ import annotations

from PySide6.QtGui import QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QWidget

from ....printing.paged import PageDecor, paint_document, standard_layout


def _printer(decor: PageDecor) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(standard_layout())
    printer.setDocName(decor.title)
    return printer


def print_minutes(parent: QWidget, doc: QTextDocument, decor: PageDecor) -> bool:
    printer = _printer(decor)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Print the minutes")
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    paint_document(doc, printer, decor)
    return True


def preview_minutes(parent: QWidget, doc: QTextDocument, decor: PageDecor) -> QPrintPreviewDialog:
    printer = _printer(decor)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.printer_ref = printer  # the dialog does not own it: without this Python frees it
    dialog.setWindowTitle(f"Print preview: {decor.title}")
    dialog.paintRequested.connect(lambda printer: paint_document(doc, printer, decor))
    dialog.resize(900, 700)
    dialog.exec()
    return dialog
