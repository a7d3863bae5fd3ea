"""Write a plain table to .csv or .xlsx for staff to send on (chase lists, reports), and the
text hygiene every export shares.

Text that a spreadsheet would read as a formula (starting with =, +, -, @, a tab or a carriage
return) is neutralised, so a force name or note can never run as a formula in the recipient's
Excel; headers included. Control characters, which an .xlsx or .docx cannot hold (openpyxl and
python-docx refuse to write them) and nobody can read, go first, so "\\x00=1+1" is caught too:
a line or page break pasted from Word (vertical tab, form feed) becomes a line break, the rest
(NUL, escape…) are dropped.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import fields, is_dataclass, replace
from pathlib import Path
from typing import TypeVar

from .files.safe_write import writing

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# What XML 1.0 (so .xlsx and .docx) cannot hold; tab, line feed and carriage return it can.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_BREAKS = re.compile(r"[\x0b\x0c]")  # Word's line break (Shift+Enter) and page break
_SHEET_TITLE = re.compile(r"[\\/*?:\[\]]")  # characters Excel forbids in a sheet's name
T = TypeVar("T")


def printable(text: str) -> str:
    """`text` as an .xlsx, a .docx or a PDF can hold it: Word's pasted breaks as line breaks,
    other control characters dropped. The same string when there is nothing to change."""
    if not _CONTROL.search(text):
        return text
    return _CONTROL.sub("", _BREAKS.sub("\n", text))


def printable_all(value: T) -> T:
    """`value` with every string in it printable, through frozen dataclasses, tuples and lists:
    a document the exports draw (the minutes, a digest), cleaned once for Word and PDF alike.
    What holds no such string comes back as it was (the same object)."""
    if isinstance(value, str):
        return printable(value)  # type: ignore[return-value]
    if isinstance(value, tuple | list):
        items = [printable_all(v) for v in value]
        if all(new is old for new, old in zip(items, value, strict=True)):
            return value
        return type(value)(items)  # type: ignore[return-value]
    if is_dataclass(value) and not isinstance(value, type):
        changed = {
            f.name: new
            for f in fields(value)
            if f.init and (new := printable_all(old := getattr(value, f.name))) is not old
        }
        return replace(value, **changed) if changed else value
    return value


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
