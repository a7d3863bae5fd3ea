"""Write the template return: the workbook a force fills in for one quarter.

Every position comes from `spec`, which the reader uses too. Labels are locked and inputs
unlocked, with sheet protection that has no password: it stops a label being typed over by
accident, and anyone who must change the layout can still unprotect the sheet (Review, Unprotect
Sheet) — the reader then notices rows that moved.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from commissioner_desk.domain.forces import ForceKind, ForceRecord
from commissioner_desk.domain.periods import MONTH_NAMES, Period
from commissioner_desk.files.safe_write import writing
from commissioner_desk.progress import NO_PROGRESS, Progress, check

from . import spec
from .styles import (
    BAND,
    BOLD,
    GUIDANCE,
    HEADER_FILL,
    HEADER_FONT,
    HIDDEN_FONT,
    INPUT_FILL,
    SUBTITLE,
    TITLE,
    UNLOCKED,
    WRAP_TOP,
    box_border,
    print_setup,
    protect,
)

_WINDOWS_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_FIGURE_FORMAT = "#,##0"

_FIGURE_HELP = (
    "A whole number, 0 or more. Or: nil (nothing to report), [c] (confidential), "
    "[x] (not available), [z] (does not apply)."
)
_FIGURE_ERROR = (
    "Type a whole number (0 or more), or one of nil, [c], [x] or [z]. "
    "The Cover sheet says what each means."
)
INSTRUCTIONS = (
    "Fill in every yellow cell on the Figures sheet, one figure in each.",
    "Type a whole number. Type 0 only when there were none.",
    "Where you cannot give a number, type one of these instead:",
    "      nil   a nil return: nothing to report this quarter",
    "      [c]   you hold the figure but cannot share it (confidential)",
    "      [x]   the figure is not available",
    "      [z]   this does not apply to your force",
    "Breakdown rows should add up to the total: count what you cannot place as not known.",
    "On the Context sheet, tell us what explains the figures (optional, but it helps).",
    "Please do not add, delete or move rows or sheets: each figure is read from its cell.",
    "The sheets are protected without a password, only so labels are not changed by accident.",
    "Save the file as .xlsx (File, Save) and send it back to the commissioner's office.",
)


def template_forces(records: Iterable[ForceRecord]) -> tuple[ForceRecord, ...]:
    """The bodies that send a quarterly return: every territorial force (the 43 of England
    and Wales, Police Scotland, PSNI) and British Transport Police, in registry order."""
    return tuple(r for r in records if r.kind is ForceKind.TERRITORIAL or r.code == "BTP")


def template_file_name(force: ForceRecord, period: Period) -> str:
    """ "2024-Q1 Kent Police return.xlsx": safe on Windows (no / : * ? etc., no trailing dot)."""
    name = _WINDOWS_UNSAFE.sub(" ", f"{period.key.replace('/', '-')} {force.display_name}")
    return " ".join(name.split()).rstrip(". ") + " return.xlsx"


def write_templates(
    folder: Path,
    forces: Sequence[ForceRecord],
    period: Period,
    progress: Progress = NO_PROGRESS,
    *,
    today: date | None = None,
) -> list[Path]:
    """One template per force into `folder` (created if need be). Raises Cancelled, OSError."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for n, force in enumerate(forces):
        check(progress)
        progress.report(n, len(forces), f"Writing the return for {force.display_name}…")
        path = folder / template_file_name(force, period)
        written.append(write_template(path, force, period, today=today))
    progress.report(len(forces), len(forces), f"Wrote {len(written)} returns")
    return written


def write_template(
    path: Path, force: ForceRecord, period: Period, *, today: date | None = None
) -> Path:
    """Write the return for `force` and `period` to `path` (.xlsx). Raises OSError."""
    today = today or date.today()
    wb = Workbook()
    cover = wb.active
    cover.title = spec.COVER
    _cover(cover, force, period, today)
    _figures(wb.create_sheet(spec.FIGURES), force, period)
    _context(wb.create_sheet(spec.CONTEXT), force, period)
    ref = f"'{spec.COVER}'!${_col(spec.VERSION_CELL)}${spec.VERSION_CELL.row}"
    wb.defined_names[spec.VERSION_NAME] = DefinedName(spec.VERSION_NAME, attr_text=ref)
    # No password: sheets cannot be added, renamed or deleted by accident, nothing more.
    wb.security = WorkbookProtection(lockStructure=True)
    created = datetime(today.year, today.month, today.day)
    wb.properties.created = wb.properties.modified = created
    wb.properties.title = f"{period.key} {force.display_name} return"
    wb.properties.creator = "Commissioner's Desk"
    wb.properties.keywords = spec.TEMPLATE_VERSION
    path = Path(path)
    with writing(path) as tmp:
        wb.save(tmp)
    return path


def _col(at: spec.At) -> str:
    return re.sub(r"\d", "", at.ref)


def _cover(ws: Worksheet, force: ForceRecord, period: Period, today: date) -> None:
    ws["A1"] = "Modern slavery quarterly return"
    ws["A1"].font = TITLE
    ws["A2"] = (
        f"For the anti-slavery commissioner's office. Made on {today.day} "
        f"{MONTH_NAMES[today.month]} {today.year}."
    )
    ws["A2"].font = SUBTITLE
    shown = (
        ("Force", spec.FORCE_NAME, force.display_name),
        ("Force code", spec.FORCE_CODE, force.code),
        ("Period", spec.PERIOD_LABEL, period.label),
        ("Period key", spec.PERIOD_KEY, period.key),
    )
    for label, at, value in shown:
        ws.cell(at.row, spec.LABEL_COL, label).font = BOLD
        ws.cell(at.row, at.col, value)
    _heading(ws, spec.CONTACT_NAME.row - 1, "Your details", last_col=2)
    inputs = (
        ("Contact name", spec.CONTACT_NAME, "Who filled in this return."),
        ("Contact email", spec.CONTACT_EMAIL, "Where we can ask about the figures."),
        ("Date completed", spec.DATE_COMPLETED, "The date, for example 10/04/2024."),
    )
    for label, at, prompt in inputs:
        ws.cell(at.row, spec.LABEL_COL, label).font = BOLD
        cell = ws.cell(at.row, at.col)
        cell.fill, cell.protection, cell.border = INPUT_FILL, UNLOCKED, box_border()
        kind = "date" if at is spec.DATE_COMPLETED else "custom"
        formula = "DATE(2000,1,1)" if kind == "date" else f'ISNUMBER(SEARCH("@",{at.ref}))'
        dv = DataValidation(
            type=kind,
            operator="greaterThan" if kind == "date" else None,
            formula1=formula,
            allow_blank=True,
            showInputMessage=True,
            promptTitle=label,
            prompt=prompt,
            showErrorMessage=at is not spec.CONTACT_NAME,
            errorStyle="warning",  # a warning only: the contact's details never block a return
            errorTitle=label,
            error=f"This does not look like a {label.lower().removeprefix('contact ')}.",
        )
        if at is not spec.CONTACT_NAME:
            dv.add(at.ref)
            ws.add_data_validation(dv)
    ws.cell(spec.DATE_COMPLETED.row, spec.VALUE_COL).number_format = "dd/mm/yyyy"
    _heading(ws, spec.INSTRUCTIONS_ROW, "How to fill in this return", last_col=2)
    for n, text in enumerate(INSTRUCTIONS, start=spec.INSTRUCTIONS_ROW + 1):
        ws.cell(n, 1, text)
    version = ws.cell(spec.VERSION_CELL.row, spec.VERSION_CELL.col, spec.TEMPLATE_VERSION)
    version.font = HIDDEN_FONT
    ws.column_dimensions[_col(spec.VERSION_CELL)].hidden = True
    for letter, width in (("A", 22), ("B", 52), ("C", 14), ("D", 14)):
        ws.column_dimensions[letter].width = width
    last = spec.INSTRUCTIONS_ROW + len(INSTRUCTIONS)
    print_setup(ws, f"A1:D{last}", landscape=False)
    protect(ws)


def _heading(ws: Worksheet, row: int, text: str, *, last_col: int) -> None:
    for col in range(1, last_col + 1):
        ws.cell(row, col).fill = HEADER_FILL
    cell = ws.cell(row, 1, text)
    cell.font = HEADER_FONT


def _figures(ws: Worksheet, force: ForceRecord, period: Period) -> None:
    ws["A1"] = f"Figures: {force.display_name}, {period.label}"
    ws["A1"].font = TITLE
    ws["A2"] = (
        "Type a figure in every yellow cell: a whole number, or nil, [c], [x] or [z] "
        "(the Cover sheet says what each means)."
    )
    ws["A2"].font = SUBTITLE
    for col, text in enumerate(spec.FIGURE_HEADERS, start=1):
        cell = ws.cell(spec.HEADER_ROW, col, text)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
    ws.cell(spec.HEADER_ROW, spec.KEY_COL, "Key")
    for section in spec.SECTIONS:
        for col in range(1, spec.GUIDANCE_COL + 1):
            ws.cell(section.row, col).fill = BAND
        ws.cell(section.row, 1, section.label).font = BOLD
        ws.cell(section.row, spec.GUIDANCE_COL, section.description).font = GUIDANCE
    for row in spec.FIGURE_ROWS:
        if row.first_of_group:  # "Age" once above its rows reads more easily than repeated
            label = ws.cell(row.row, spec.DIM_COL, row.dimension_label)
            if not row.breakdown:
                label.font = BOLD
        ws.cell(row.row, spec.CATEGORY_COL, row.category_label)
        cell = ws.cell(row.row, spec.VALUE_INPUT_COL)
        cell.fill, cell.protection, cell.border = INPUT_FILL, UNLOCKED, box_border()
        cell.number_format = _FIGURE_FORMAT
        cell.alignment = Alignment(horizontal="right")
        ws.cell(row.row, spec.GUIDANCE_COL, row.guidance).font = GUIDANCE
        ws.cell(row.row, spec.KEY_COL, row.key)
        ws.add_data_validation(_figure_validation(row.input.ref))
    ws.freeze_panes = ws.cell(spec.FIRST_ROW, 1)
    for letter, width in (("A", 20), ("B", 26), ("C", 12), ("D", 62), ("E", 30)):
        ws.column_dimensions[letter].width = width
    ws.column_dimensions["E"].hidden = True
    print_setup(ws, f"A1:D{spec.LAST_ROW}", landscape=False, title_rows=spec.HEADER_ROW)
    protect(ws)


def _figure_validation(ref: str) -> DataValidation:
    # IF, not OR(AND(...), ...): C5=INT(C5) on text is an error, and an error fails the check.
    markers = ",".join(f'TRIM({ref})="{m}"' for m in spec.MARKERS)
    formula = f"IF(ISNUMBER({ref}),AND({ref}>=0,{ref}=INT({ref})),OR({markers}))"
    dv = DataValidation(
        type="custom",
        formula1=formula,
        allow_blank=True,
        showInputMessage=True,
        promptTitle="Figure",
        prompt=_FIGURE_HELP,
        showErrorMessage=True,
        errorStyle="stop",
        errorTitle="Not a figure",
        error=_FIGURE_ERROR,
    )
    dv.add(ref)
    return dv


def _context(ws: Worksheet, force: ForceRecord, period: Period) -> None:
    ws["A1"] = f"About these figures: {force.display_name}, {period.label}"
    ws["A1"].font = TITLE
    ws["A2"] = "Optional, but it helps us read your figures. Type in the yellow boxes."
    ws["A2"].font = SUBTITLE
    for q in spec.QUESTIONS:
        _heading(ws, q.row, q.label, last_col=spec.BOX_LAST_COL)
        ws.cell(q.row + 1, 1, q.hint).font = GUIDANCE
        ws.merge_cells(q.box_range)
        for r in range(q.box.row, q.box.row + spec.BOX_HEIGHT):
            for c in range(spec.BOX_FIRST_COL, spec.BOX_LAST_COL + 1):
                cell = ws.cell(r, c)
                cell.fill = INPUT_FILL
                cell.border = box_border(
                    top=r == q.box.row,
                    bottom=r == q.box.row + spec.BOX_HEIGHT - 1,
                    left=c == spec.BOX_FIRST_COL,
                    right=c == spec.BOX_LAST_COL,
                )
        box = ws.cell(q.box.row, q.box.col)
        box.protection, box.alignment = UNLOCKED, WRAP_TOP
    for c in range(spec.BOX_FIRST_COL, spec.BOX_LAST_COL + 1):
        ws.column_dimensions[chr(ord("A") + c - 1)].width = 16
    last = spec.QUESTIONS[-1].row + 1 + spec.BOX_HEIGHT
    print_setup(ws, f"A1:F{last}", landscape=False)
    protect(ws)


__all__ = [
    "INSTRUCTIONS",
    "template_file_name",
    "template_forces",
    "write_template",
    "write_templates",
]
