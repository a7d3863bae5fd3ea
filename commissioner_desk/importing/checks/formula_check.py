"""Why a cell came back blank when it holds something: a formula with no saved result, or an
Excel error such as #DIV/0!.

calamine gives an empty cell for both, and readers would then say "No figure given", which
sends the sender looking for an empty cell that is not empty. The reader finds such cells as it
reads the file (readers/formula_cells.py, .xlsx and .xlsm only) and keeps them with each sheet
(`Sheet.blank_causes`); here they are put into words, with nothing opened again.

`formula_problems` answers for given cells; `explain_blanks` rewords a reader's problems at
blank cells; `unreadable_error` names the cell when calamine refuses a whole file over an error
value it does not know (#SPILL!, #CALC!, …).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from ..readers import sheet_xml
from ..readers.formula_cells import BlankCause
from .cells import is_blank
from .problems import Problem

if TYPE_CHECKING:
    from ..readers.workbook import Workbook

_AGAIN = "Correct the formula or type the figure in, then save the file and import again."
_TYPE_IN = "Type the figure in, then save the file and import again."
_WHY = {
    "#DIV/0!": "its formula divides by zero",
    "#REF!": "its formula refers to cells that were deleted",
    "#N/A": "its formula looks up a value that is not there",
    "#VALUE!": "its formula uses text where it needs a number",
    "#NAME?": "its formula uses a name Excel does not recognise",
    "#NUM!": "its formula gives a number Excel cannot show",
    "#NULL!": "its formula refers to ranges that do not overlap",
}
_A1_PARTS = re.compile(r"([A-Z]{1,3})(\d{1,7})")
_UNKNOWN_ERROR = re.compile(r"Unsupported cell error value '([^']*)'")  # calamine's words


def message(cause: BlankCause) -> str:
    """What the cell holds, and what to do about it, in words for the sender."""
    ref, shown = cause.ref, cause.error
    if shown is None:
        return (
            f"Cell {ref} holds a formula with no saved result: open the file in Excel and "
            "save it, then import again."
        )
    if not cause.formula:  # pasted as a value: the formula it came from is gone
        return f"Cell {ref} shows {shown or 'an error'} instead of a figure. {_TYPE_IN}"
    why = _WHY.get(shown, "its formula cannot be worked out")
    return f"Cell {ref} shows {shown or 'an error'}: {why}. {_AGAIN}"


def formula_problems(
    workbook: Workbook, cells: Iterable[tuple[str, str]]
) -> dict[tuple[str, str], str]:
    """For (sheet name, A1 reference) pairs that came back blank, a message for each cell that
    holds a formula without a saved result or an error value, keyed as asked, in reading
    order. Cells that really are empty, and files whose format does not say, get none."""
    causes = {
        (sheet.name, cause.ref): cause for sheet in workbook.sheets for cause in sheet.blank_causes
    }
    found = {}
    for sheet, asked in cells:
        if (cause := causes.get((sheet, asked.replace("$", "").upper()))) is not None:
            found[(sheet, asked)] = message(cause)
    return dict(sorted(found.items(), key=_reading_order))


def _reading_order(item: tuple[tuple[str, str], str]) -> tuple[str, int, int]:
    (sheet, ref), _ = item
    ref = ref.replace("$", "").upper()
    letters = ref.rstrip("0123456789")
    return sheet, int(ref[len(letters) :]), sheet_xml.column_number(letters)


def explain_blanks(workbook: Workbook, problems: Sequence[Problem]) -> tuple[Problem, ...]:
    """`problems`, with each one located at a cell that reads blank reworded to say what the
    cell really holds, where it holds a formula with no saved result or an error value. The
    severity stays the reader's: a blank is an error in a return, a warning in a published
    table."""
    sheets = {sheet.name: sheet for sheet in workbook.sheets if sheet.blank_causes}
    asked = []
    for problem in problems:
        sheet = sheets.get(problem.sheet or "")
        at = _A1_PARTS.fullmatch((problem.cell or "").replace("$", "").upper())
        if sheet and at:
            row, col = int(at.group(2)) - 1, sheet_xml.column_number(at.group(1)) - 1
            if is_blank(sheet.cell(row, col)):
                asked.append((sheet.name, problem.cell or ""))
    found = formula_problems(workbook, asked) if asked else {}
    return tuple(
        replace(p, message=found[(p.sheet, p.cell)]) if (p.sheet, p.cell) in found else p
        for p in problems
    )


def unreadable_error(
    name: str, package: sheet_xml.Package | None, calamine_message: str
) -> str | None:
    """The message for a workbook calamine refuses because a cell shows an error it does not
    know (#SPILL!, #CALC!, #FIELD! and the other errors of newer Excel), naming the cell;
    None when `calamine_message` is about something else. `package`: the .xlsx's, if it is one."""
    if (unknown := _UNKNOWN_ERROR.search(calamine_message)) is None:
        return None
    code = unknown.group(1)
    where = sheet_xml.first_error_cell(package, code) if package is not None else None
    at = f"cell {where[0]}!{where[1]}" if where else "a cell"
    return (
        f"{name} cannot be read because {at} shows {code}, an Excel error the app cannot read "
        f"past. {_AGAIN}"
    )
