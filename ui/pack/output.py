"""Where a built pack goes: the print preview, a printer, or a PDF file. All three paint with
the same renderer (ui/pack/render.py)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from PySide6.QtWidgets import QDialog, QWidget

from commissioner_desk.reports.blocks import Pack
from commissioner_desk.reports.options import PackOptions

from .layout import SvgKey
from .render import make_printer, paint_pack


def preview_dialog(parent: QWidget | None, pack: Pack, svgs: Mapping[SvgKey, bytes]):
    """The print preview, painted by the same renderer as the PDF and the printer."""
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    printer = make_printer(pack)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(f"Print preview: {pack.title}")
    dialog.paintRequested.connect(lambda device: paint_pack(pack, device, svgs))
    dialog.resize(1000, 800)
    dialog.printer_ = printer  # the dialog does not own it: kept alive with the dialog
    return dialog


def print_pack(parent: QWidget, pack: Pack, svgs: Mapping[SvgKey, bytes]) -> bool:
    """Ask for the printer, then print; False when the user cancelled."""
    from PySide6.QtPrintSupport import QPrintDialog

    printer = make_printer(pack)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Print the briefing pack")
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    paint_pack(pack, printer, svgs)
    return True


def suggested_name(options: PackOptions) -> str:
    version = f" v{options.version}" if options.version else ""
    return f"Briefing pack {options.period}{version}.pdf"


def with_pdf_suffix(path: Path) -> Path:
    return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")
