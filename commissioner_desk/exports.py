"""Write a plain table to .csv or .xlsx for staff to send on (chase lists, reports).

Text that a spreadsheet would read as a formula (starting with =, +, - or @) is neutralised,
so a force name or note can never run as a formula in the recipient's Excel.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """Strings that start like a formula get a leading apostrophe, as Excel users type one."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_table(
    path: Path, headers: Sequence[str], rows: Sequence[Sequence[object]], *, title: str = ""
) -> Path:
    """CSV (UTF-8 with BOM, so Excel reads accents) or XLSX, chosen by the file's extension."""
    path = Path(path)
    clean = [[neutralise(v) for v in row] for row in rows]
    if path.suffix.lower() == ".csv":
        with path.open("w", newline="", encoding="utf-8-sig") as f:
            writer = csv.writer(f)
            writer.writerow(headers)
            writer.writerows(clean)
        return path
    if path.suffix.lower() != ".xlsx":
        raise ValueError(f"{path.name}: choose a .csv or .xlsx file name")
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = (title or "Table")[:31]
    ws.append(list(headers))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in clean:
        ws.append(row)
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the text
    for n, header in enumerate(headers, start=1):
        width = max([len(str(header)), *(len(str(r[n - 1] or "")) for r in clean)])
        ws.column_dimensions[ws.cell(1, n).column_letter].width = min(width + 2, 60)
    ws.freeze_panes = "A2"
    wb.save(path)
    return path
