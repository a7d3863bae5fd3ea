"""The figures in a table by force: one cell (a count, a marker, a count with a note), the
columns of one slot read together, and what a blank means in a published table.

A blank is "not given": never an error (a published table cannot be corrected by the office)
and never a zero (a missing figure is not "none"). It gets a warning: one per cell, or one for a
row or a column that is blank throughout.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from commissioner_desk.domain.catalogue import METRICS_BY_KEY
from commissioner_desk.domain.enums import ObservationStatus

from ..checks.cells import COUNT, CellValueError, ParsedValue, cell_ref, is_blank, parse_count
from ..checks.problems import Problem, warning
from ..readers.workbook import Sheet
from .wide_slots import Slot

BLANK = "blank"
INVALID = "invalid"
_NOTE_MARKS = re.compile(r"\[(?!\s*[xcz]\s*\])[^\]]*\]", re.IGNORECASE)  # not [x], [c], [z]
Report = Callable[[int, int, str], None]  # (row, column, message): an error at that cell
PERCENT = "percent"


def parses(value: object) -> bool:
    try:
        parse_count(value)
        return True
    except CellValueError:
        return False


def read_cell(
    sheet: Sheet, r: int, c: int, report: Report | None, unit: str = COUNT
) -> ParsedValue | str:
    """The cell's figure or marker; BLANK; or INVALID, reported unless `report` is None. A
    count must be a whole number; a metric with another unit takes decimals."""
    value = sheet.cell(r, c)
    if is_blank(value):
        return BLANK
    if isinstance(value, str) and (bare := _NOTE_MARKS.sub(" ", value)).strip():
        value = bare  # "12 [note 3]", "[x] [note 2]"
    try:
        parsed = parse_count(value, unit)
    except CellValueError as exc:
        if report:
            report(r, c, f"{exc}.")
        return INVALID
    if unit == PERCENT and parsed.value is not None and parsed.value > 100:
        if report:
            report(r, c, f"{parsed.value:g} is above 100, and this metric is a percentage.")
        return INVALID
    return parsed


def read_slot(sheet: Sheet, r: int, slot: Slot, report: Report | None) -> ParsedValue | str:
    """The slot's figure in row r: its columns added together, its repeats compared."""
    unit = getattr(METRICS_BY_KEY.get(slot.metric), "unit", COUNT)
    values = [read_cell(sheet, r, col.col, report, unit) for col in slot.columns]
    for repeat in slot.repeats:
        again = read_cell(sheet, r, repeat.col, report, unit)
        if report and again != values[0] and INVALID not in (again, values[0]):
            first = cell_ref(r, slot.columns[0].col)
            report(
                r,
                repeat.col,
                f'This differs from {first}, under the same heading ("{slot.name}"). '
                "Correct whichever of the two is wrong.",
            )
    if INVALID in values:
        return INVALID
    given = [v for v in values if isinstance(v, ParsedValue)]
    return combine(given) if given else BLANK


def combine(values: list[ParsedValue]) -> ParsedValue:
    """Columns counted together: a withheld part withholds the sum; nil and n/a add nothing."""
    if len(values) == 1:
        return values[0]
    statuses = {v.status for v in values}
    if ObservationStatus.SUPPRESSED in statuses:
        return ParsedValue(ObservationStatus.SUPPRESSED, None)
    if ObservationStatus.VALUE in statuses:
        return ParsedValue(ObservationStatus.VALUE, sum(v.value or 0 for v in values))
    if statuses == {ObservationStatus.NOT_APPLICABLE}:
        return ParsedValue(ObservationStatus.NOT_APPLICABLE, None)
    return ParsedValue(ObservationStatus.NIL, None)


def blank_warnings(
    sheet: str,
    slots: Sequence[Slot],
    blanks: Mapping[int, list[int]],
    names: Mapping[int, str],
    categories: Mapping[int, str],
    force_col: int,
) -> list[Problem]:
    """`blanks`: row → blank slots; `names`: every row read → its force's name;
    `categories`: row → its own breakdown, so a force's name above its categories (a heading,
    not a row of figures) is not reported."""
    out: list[Problem] = []
    empty = {i for i in range(len(slots)) if names and all(i in blanks.get(r, ()) for r in names)}
    for i in sorted(empty):
        out.append(
            warning(
                sheet,
                slots[i].columns[0].cell,
                f'No figures are given in the column "{slots[i].name}", so nothing was '
                "imported from it (a blank is not a zero).",
            )
        )
    for r, blank in sorted(blanks.items()):
        if len(blank) == len(slots):
            if categories.get(r + 1, ""):
                continue  # the next row is one of this force's categories
            out.append(
                warning(
                    sheet,
                    cell_ref(r, force_col),
                    f"No figures are given for {names[r]} in row {r + 1}, so nothing was "
                    "imported for it (a blank is not a zero).",
                )
            )
            continue
        out += [
            warning(
                sheet,
                cell_ref(r, slots[i].columns[0].col),
                f'No figure is given for {names[r]} under "{slots[i].name}": it was left out, '
                "not counted as zero.",
            )
            for i in blank
            if i not in empty
        ]
    return out
