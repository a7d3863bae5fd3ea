"""Write a Book as .xlsx (openpyxl) or .ods (ods.py), chosen by the path's suffix."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from .model import Book
from .ods import write_ods


def write(book: Book, path: Path) -> Path:
    path = Path(path)
    suffix = path.suffix.casefold()
    if suffix == ".xlsx":
        return write_xlsx(book, path)
    if suffix == ".ods":
        return write_ods(book, path)
    raise ValueError(f"{path.name}: write .xlsx or .ods, not {suffix or 'no suffix'}")


def write_xlsx(book: Book, path: Path) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for spec in book.sheets:
        ws = wb.create_sheet(spec.name)
        for r, row in enumerate(spec.rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is not None:
                    ws.cell(r, c, value)  # openpyxl stores dates as serials with a date format
        for area in spec.merged:
            ws.merge_cells(area)
        if spec.hidden:
            ws.sheet_state = "hidden"
    # Excel opens on the active sheet, which must be a visible one.
    wb.active = next(i for i, s in enumerate(book.sheets) if not s.hidden)
    wb.save(path)
    return path
