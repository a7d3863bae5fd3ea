"""Write a plain table to .csv or .xlsx for staff to send on (chase lists, reports).

Text that a spreadsheet would read as a formula (starting with =, +, -, @, a tab or a carriage
return) is neutralised, so a force name or note can never run as a formula in the recipient's
Excel; headers included. Control characters, which an .xlsx cannot hold (openpyxl refuses to
write them) and a spreadsheet cannot show, are dropped first, so "\\x00=1+1" is caught too.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from pathlib import Path

from .files.safe_write import writing

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# What XML 1.0 (so .xlsx) cannot hold; tab, line feed and carriage return it can.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SHEET_TITLE = re.compile(r"[\\/*?:\[\]]")  # characters Excel forbids in a sheet's name


def printable(text: str) -> str:
    """`text` without the control characters an .xlsx cannot hold."""
    return _CONTROL.sub("", text)


def neutralise(value: object) -> object:
    """Strings without control characters, and those that start like a formula with a leading
    apostrophe, as Excel users type one. Other values unchanged."""
    if isinstance(value, str):
        value = printable(value)
        if value.startswith(FORMULA_STARTS):
            return "'" + value
    return value


def sheet_title(title: str) -> str:
    """`title` as an Excel sheet can be named: no \\ / * ? : [ ], no apostrophe at either end,
    at most 31 characters; "Table" when nothing is left."""
    text = " ".join(_SHEET_TITLE.sub(" ", printable(title)).split())
    return text[:31].strip("' ") or "Table"


def write_table(
    path: Path, headers: Sequence[str], rows: Sequence[Sequence[object]], *, title: str = ""
) -> Path:
    """CSV (UTF-8 with BOM, so Excel reads accents) or XLSX, chosen by the file's extension."""
    path = Path(path)
    heads = [neutralise(h) for h in headers]
    clean = [[neutralise(v) for v in row] for row in rows]
    if path.suffix.lower() == ".csv":
        with writing(path) as tmp, tmp.open("w", newline="", encoding="utf-8-sig") as f:
            writer = csv.writer(f)
            writer.writerow(heads)
            writer.writerows(clean)
        return path
    if path.suffix.lower() != ".xlsx":
        raise ValueError(f"{path.name}: choose a .csv or .xlsx file name")
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = sheet_title(title)
    for row in (heads, *clean):
        ws.append(row)
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the text
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for n, header in enumerate(heads, start=1):
        width = max([len(str(header)), *(len(str(r[n - 1] or "")) for r in clean)])
        ws.column_dimensions[ws.cell(1, n).column_letter].width = min(width + 2, 60)
    ws.freeze_panes = "A2"
    with writing(path) as tmp:
        wb.save(tmp)
    return path
