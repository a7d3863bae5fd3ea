"""Send a return back: the force's own workbook with every problem cell marked, or, for a file
that cannot be marked up, a workbook listing every problem.

For .xlsx and .xlsm the force's workbook is copied with openpyxl: formulas stay formulas
(data_only=False), macros are carried over untouched and never run (keep_vba), each problem cell
gets a red (error) or amber (warning) fill and a comment saying what is wrong, and a first
sheet "Problems" lists them all with links to the cells. openpyxl drops pictures and charts
from a workbook it copies; the figures, formulas and formatting are kept.
For .xls, .xlsb, .ods and .csv (which openpyxl cannot write back) the result is an .xlsx error
report with the same "Problems" sheet.

Text the app writes into cells is never read as a formula: a message or sheet name starting
with =, +, -, @, a tab or a carriage return is stored as text with Excel's quote prefix (what
typing ' before it does). Control characters (a file's name may hold them) are left out: an
.xlsx cannot hold them.
"""

from __future__ import annotations

import hashlib
import warnings
import zipfile
from collections import defaultdict
from pathlib import Path

import openpyxl
from openpyxl.cell.cell import MergedCell
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils.cell import coordinate_from_string
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from commissioner_desk.exports import FORMULA_STARTS, printable
from commissioner_desk.files.safe_write import writing

from ..plan import ImportPlan
from .problems import Problem

ANNOTATABLE = {".xlsx", ".xlsm"}
PROBLEMS_SHEET = "Problems"
AUTHOR = "Commissioner's Desk"
FILLS = {
    "error": PatternFill(fill_type="solid", start_color="FFFFC7CE", end_color="FFFFC7CE"),
    "warning": PatternFill(fill_type="solid", start_color="FFFFEB9C", end_color="FFFFEB9C"),
}
TAB_COLOUR = {"error": "FFC00000", "warning": "FFFFC000"}
FORMULA_START = FORMULA_STARTS  # =, +, -, @, tab, carriage return
HEADER_ROW = 4  # the title and a summary line sit above the list


class AnnotateError(ValueError):
    """The copy cannot be written; the message says why in plain words."""


def annotate_workbook(plan: ImportPlan, source_path: Path, out_path: Path) -> Path:
    """Write the annotated copy (or error report) and return the path written.

    The suffix of `out_path` is corrected to what is written: .xlsm for a macro workbook (so
    Excel opens it), .xlsx otherwise. The force's own file is never overwritten.
    """
    source, out = Path(source_path), Path(out_path)
    suffix = source.suffix.casefold()
    out = out.with_suffix(".xlsm" if suffix == ".xlsm" else ".xlsx")
    if out.resolve() == source.resolve():
        raise AnnotateError(f"Choose another name: the copy would replace {source.name} itself.")
    _check_same_file(plan, source)
    problems = sorted(plan.problems, key=lambda p: p.severity != "error")  # errors first
    if suffix in ANNOTATABLE:
        try:
            wb = _load(source, keep_vba=suffix == ".xlsm")
        except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
            wb = None  # protected or damaged: the error report still says what is wrong
        if wb is not None:
            _mark_cells(wb, problems)
            _problems_sheet(wb, source.name, problems, link=True)
            return _save(wb, out)
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    _problems_sheet(wb, source.name, problems, link=False)
    return _save(wb, out.with_suffix(".xlsx"))


def suggested_name(source_path: Path) -> str:
    """ "kent return - problems.xlsx": where the UI proposes to save the copy."""
    source = Path(source_path)
    suffix = ".xlsm" if source.suffix.casefold() == ".xlsm" else ".xlsx"
    return f"{source.stem} - problems{suffix}"


def _check_same_file(plan: ImportPlan, source: Path) -> None:
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise AnnotateError(f"Could not read {source.name}: {exc.strerror or exc}.") from exc
    if plan.sha256 and hashlib.sha256(data).hexdigest() != plan.sha256:
        raise AnnotateError(
            f"{source.name} has changed since it was checked, so the problems may no longer be "
            "in the cells listed. Check the file again, then write the annotated copy."
        )


def _load(source: Path, *, keep_vba: bool) -> openpyxl.Workbook:
    with warnings.catch_warnings():  # "extension not supported" notes mean nothing to a user
        warnings.simplefilter("ignore")
        return openpyxl.load_workbook(source, keep_vba=keep_vba, data_only=False)


def _save(wb: openpyxl.Workbook, out: Path) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        with writing(out) as tmp:  # an OSError leaves in words: a file Excel holds, a full disk
            wb.save(tmp)
    finally:
        # openpyxl keeps a macro workbook's parts in an in-memory zip it never closes; left to
        # the garbage collector, it may be closed after its buffer and complain.
        if (macros := getattr(wb, "vba_archive", None)) is not None:
            macros.close()
    return out


def _target(wb: openpyxl.Workbook, p: Problem) -> tuple[Worksheet, str] | None:
    """The sheet and cell a problem points at, or None when it is not one cell of this file."""
    if not p.sheet or not p.cell or p.sheet not in wb.sheetnames:
        return None
    try:
        coordinate_from_string(p.cell)
    except ValueError:
        return None
    ws = wb[p.sheet]
    cell = ws[p.cell]
    if isinstance(cell, MergedCell):  # only a merged range's top-left cell can be styled
        for merged in ws.merged_cells.ranges:
            if p.cell in merged:
                return ws, merged.start_cell.coordinate
    return ws, p.cell


def _mark_cells(wb: openpyxl.Workbook, problems: list[Problem]) -> None:
    by_cell: dict[tuple[str, str], list[Problem]] = defaultdict(list)
    sheets: dict[str, str] = {}
    for p in problems:
        if p.sheet in wb.sheetnames:
            sheets.setdefault(p.sheet, p.severity)  # errors come first, so red wins
        if (target := _target(wb, p)) is not None:
            by_cell[(target[0].title, target[1])].append(p)
    for (sheet, ref), found in by_cell.items():
        cell = wb[sheet][ref]
        worst = "error" if any(p.severity == "error" for p in found) else "warning"
        cell.fill = FILLS[worst]
        text = "\n".join(f"{p.severity.capitalize()}: {p.message}" for p in found)
        if cell.comment is not None and cell.comment.text:
            text = f"{cell.comment.text}\n\n{text}"  # keep the force's own note
        comment = Comment(printable(text), AUTHOR)
        comment.width, comment.height = 320, min(60 + 40 * len(found), 400)
        cell.comment = comment
    for sheet, severity in sheets.items():
        wb[sheet].sheet_properties.tabColor = TAB_COLOUR[severity]


def _problems_sheet(
    wb: openpyxl.Workbook, file_name: str, problems: list[Problem], *, link: bool
) -> None:
    name = PROBLEMS_SHEET
    while name in wb.sheetnames:  # the force's workbook may have a sheet of that name
        name = f"{name}_"
    for ws in wb.worksheets:
        ws.sheet_view.tabSelected = False  # else Excel opens with two sheets grouped
    ws = wb.create_sheet(name, 0)
    wb.active = 0
    errors = sum(1 for p in problems if p.severity == "error")
    warns = len(problems) - errors
    _text(ws, 1, 1, f"Problems found in {file_name}").font = Font(bold=True, size=14)
    summary = (
        f"{errors} error(s), {warns} warning(s). Errors (red) must be corrected before the "
        "return can be imported; warnings (amber) are worth checking."
    )
    _text(ws, 2, 1, summary if problems else "No problems were found.")
    for col, title in enumerate(("Where", "Severity", "Message"), start=1):
        _text(ws, HEADER_ROW, col, title).font = Font(bold=True)
    for row, p in enumerate(problems, start=HEADER_ROW + 1):
        where = _text(ws, row, 1, p.location or "(the whole file)")
        if link and _target(wb, p) is not None:
            quoted = p.sheet.replace("'", "''")  # type: ignore[union-attr]
            where.hyperlink = Hyperlink(ref=where.coordinate, location=f"'{quoted}'!{p.cell}")
            where.font = Font(color="FF0563C1", underline="single")
        _text(ws, row, 2, p.severity).fill = FILLS[p.severity]
        _text(ws, row, 3, p.message)
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 10
    ws.column_dimensions["C"].width = 100
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 1)


def _text(ws: Worksheet, row: int, col: int, value: str):
    """Write text that a spreadsheet must never read as a formula."""
    cell = ws.cell(row, col)
    value = printable(value)
    cell.value = value
    cell.data_type = "s"  # openpyxl makes any string starting with "=" a formula
    if value.startswith(FORMULA_START):
        cell.quotePrefix = True  # Excel's "typed with a leading apostrophe": text on re-entry
    return cell
