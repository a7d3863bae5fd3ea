"""Why a cell came back blank when it holds something: a formula with no saved result, or an
Excel error such as #DIV/0!.

calamine reads the result each formula had when the file was last saved, and gives an empty
cell for both cases: a workbook written by a program (never opened in Excel) has formulas but
no results, and an error is not a value. Readers would then say "No figure given", which sends
the sender looking for an empty cell that is not empty. Asked only about the cells that came
back blank, so a normal import pays nothing; .xlsx and .xlsm only (other formats say nothing).

`formula_problems` answers for given cells; `explain_blanks` rewords a reader's problems at
blank cells; `unreadable_error` names the cell when calamine refuses a whole file over an error
value it does not know (#SPILL!, #CALC!, …).
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..readers import sheet_xml
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

# Chunks end after a whole row, so no cell is split between two of them.
_ROW_END = b"row>"
_ROW = re.compile(rb"<(?:\w+:)?row\s[^>]*?\br=\"(\d{1,7})\"")
_CELL = re.compile(rb"<(?:\w+:)?c\s([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.DOTALL)
_REF = re.compile(rb"\br=\"([A-Z]{1,3}\d{1,7})\"")
_TYPE = re.compile(rb"\bt=\"(\w+)\"")
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>")
_A1 = re.compile(r"[A-Z]{1,3}(\d{1,7})")
_A1_PARTS = re.compile(r"([A-Z]{1,3})(\d{1,7})")
_UNKNOWN_ERROR = re.compile(r"Unsupported cell error value '([^']*)'")  # calamine's words
_FEW = 64  # up to this many cells wanted from a piece of the sheet, look each one up


def formula_problems(
    path: Path, data: bytes, cells: Iterable[tuple[str, str]]
) -> dict[tuple[str, str], str]:
    """For (sheet name, A1 reference) pairs that came back blank, a message for each cell that
    holds a formula without a saved result or an error value. Cells that really are empty, and
    files other than .xlsx/.xlsm (by content, whatever `path` is called), get none. Never raises:
    it only explains; what it cannot read it leaves unexplained."""
    wanted: dict[str, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    given: dict[tuple[str, str], str] = {}  # answers use the reference as it was asked for
    for sheet, asked in cells:
        ref = asked.replace("$", "").upper()
        if a1 := _A1.fullmatch(ref):
            wanted[sheet][int(a1.group(1))].add(ref)
            given[(sheet, ref)] = asked
    if not wanted or (package := sheet_xml.open_package(data)) is None:
        return {}
    found: dict[tuple[str, str], str] = {}
    for sheet, by_row in wanted.items():
        if sheet not in package.sheets:
            continue
        try:
            for ref, message in _sheet_problems(package.zip, package.sheets[sheet], by_row):
                found[(sheet, given[(sheet, ref)])] = message
        except (KeyError, OSError, EOFError, zipfile.BadZipFile, zlib.error):
            continue  # a damaged sheet part: the cells stay unexplained
    return dict(sorted(found.items(), key=_reading_order))


def _sheet_problems(
    package: zipfile.ZipFile, member: str, by_row: dict[int, set[str]]
) -> Iterator[tuple[str, str]]:
    """Cells are stored row by row, in order: each piece of the sheet is searched only for the
    wanted cells in its rows, and reading stops below the last of them."""
    last_wanted = max(by_row)
    for body in sheet_xml.sheet_chunks(package, member, after=_ROW_END):
        first_tag = _ROW.search(body, 0, 1 << 12)  # the first row, if not after a long header
        first = int(first_tag.group(1)) if first_tag else 0
        if first > last_wanted:
            return
        if not _may_explain(body):
            continue  # no formula and no error in these rows: nothing to explain
        last = _last_row(body)
        refs = {ref for r, refs in by_row.items() if first <= r <= last for ref in refs}
        for ref, attributes, content in _cells(body, refs):
            if (message := _explain(ref, attributes, content)) is not None:
                yield ref, message


def _reading_order(item: tuple[tuple[str, str], str]) -> tuple[str, int, int]:
    (sheet, ref), _ = item
    ref = ref.replace("$", "").upper()
    letters = ref.rstrip("0123456789")
    return sheet, int(ref[len(letters) :]), sheet_xml.column_number(letters)


def _may_explain(body: bytes) -> bool:
    # Plain substring searches first: the regular expression is slower on a sheet of numbers.
    if b't="e"' in body:
        return True
    return (b"<f" in body or b":f" in body) and _FORMULA.search(body) is not None


def _last_row(body: bytes) -> int:
    # The last <row> tag starts within a few dozen bytes before the last "row " in the piece.
    at = max(body.rfind(b"<row "), body.rfind(b":row "))
    if at < 0:
        return 1 << 30  # rows without numbers: look through the whole piece
    rows = [m.group(1) for m in _ROW.finditer(body, max(0, at - 64))]
    return int(rows[-1]) if rows else 1 << 30


def _cells(body: bytes, refs: set[str]) -> Iterator[tuple[str, bytes, bytes]]:
    """(reference, attributes, content) of each of the cells `refs` found in this piece."""
    if len(refs) <= _FEW:
        for ref in refs:
            at = body.find(b' r="' + ref.encode() + b'"')
            if at >= 0 and (match := _CELL.match(body, body.rfind(b"<", 0, at))):
                yield ref, match.group(1), match.group(2) or b""
        return
    for match in _CELL.finditer(body):
        if (at := _REF.search(match.group(1))) and (ref := at.group(1).decode()) in refs:
            yield ref, match.group(1), match.group(2) or b""


def _explain(ref: str, attributes: bytes, content: bytes) -> str | None:
    kind = _TYPE.search(attributes)
    value = _VALUE.search(content)
    shown = value.group(1).decode("utf-8", "replace").strip() if value else ""
    formula = _FORMULA.search(content) is not None
    if kind is not None and kind.group(1) == b"e":
        if not formula:  # pasted as a value: the formula it came from is gone
            return f"Cell {ref} shows {shown or 'an error'} instead of a figure. {_TYPE_IN}"
        why = _WHY.get(shown, "its formula cannot be worked out")
        return f"Cell {ref} shows {shown or 'an error'}: {why}. {_AGAIN}"
    if not formula:
        return None  # a constant: really blank, or text calamine already read
    if kind is not None and kind.group(1) == b"str" and value is not None:
        return None  # a formula whose saved result is empty text, such as =IF(A1="","",A1)
    if not shown:
        return (
            f"Cell {ref} holds a formula with no saved result: open the file in Excel and "
            "save it, then import again."
        )
    return None


def explain_blanks(
    path: Path, data: bytes, workbook: Workbook, problems: Sequence[Problem]
) -> tuple[Problem, ...]:
    """`problems`, with each one located at a cell that reads blank reworded to say what the
    cell really holds, where it holds a formula with no saved result or an error value. The
    severity stays the reader's: a blank is an error in a return, a warning in a published
    table. Reads the file only when some problem is at a blank cell."""
    sheets = {sheet.name: sheet for sheet in workbook.sheets}
    asked = []
    for problem in problems:
        sheet = sheets.get(problem.sheet or "")
        at = _A1_PARTS.fullmatch((problem.cell or "").replace("$", "").upper())
        if sheet and at:
            row, col = int(at.group(2)) - 1, sheet_xml.column_number(at.group(1)) - 1
            if is_blank(sheet.cell(row, col)):
                asked.append((sheet.name, problem.cell or ""))
    found = formula_problems(path, data, asked) if asked else {}
    return tuple(
        replace(p, message=found[(p.sheet, p.cell)]) if (p.sheet, p.cell) in found else p
        for p in problems
    )


def unreadable_error(name: str, data: bytes, calamine_message: str) -> str | None:
    """The message for a workbook calamine refuses because a cell shows an error it does not
    know (#SPILL!, #CALC!, #FIELD! and the other errors of newer Excel), naming the cell;
    None when `calamine_message` is about something else."""
    if (unknown := _UNKNOWN_ERROR.search(calamine_message)) is None:
        return None
    code = unknown.group(1)
    where = _first_error_cell(data, code)
    at = f"cell {where[0]}!{where[1]}" if where else "a cell"
    return (
        f"{name} cannot be read because {at} shows {code}, an Excel error the app cannot read "
        f"past. {_AGAIN}"
    )


def _first_error_cell(data: bytes, code: str) -> tuple[str, str] | None:
    if (package := sheet_xml.open_package(data)) is None:
        return None
    shown = code.encode()
    try:
        for sheet, member in package.sheets.items():
            for body in sheet_xml.sheet_chunks(package.zip, member, after=_ROW_END):
                if b't="e"' not in body:
                    continue
                for match in _CELL.finditer(body):
                    value = _VALUE.search(match.group(2) or b"")
                    kind = _TYPE.search(match.group(1))
                    ref = _REF.search(match.group(1))
                    if ref and kind and kind.group(1) == b"e" and value and value.group(1) == shown:
                        return sheet, ref.group(1).decode()
    except (KeyError, OSError, EOFError, zipfile.BadZipFile, zlib.error):
        pass
    return None
