"""Read a spreadsheet into plain rows of cell values, whatever program saved it.

python-calamine reads .xlsx/.xlsm/.xlsb/.xls/.ods without running macros and returns the values
formulas had when the file was last saved. The file is read into memory once and handed to
calamine by content, not by extension, so an .xlsx someone renamed .xls still opens. CSV files
go through the csv module. Every failure is a WorkbookError that names the file and says what
to do, in words for someone who is not a programmer.

Large sheets: rows are read one at a time, with progress and Cancel every few thousand rows;
blank cells at the end of each row and blank rows at the end of a sheet are dropped, so a sheet
formatted far beyond its figures costs nothing; and a workbook of more than MAX_CELLS cells is
refused before calamine lays the cells out, counted from the cells that hold something, never
from the size a sheet declares (sheet_xml.py, xlsb_extent.py, xls_extent.py, ods_extent.py).

Files made to harm (or badly damaged) are refused before calamine, which cannot be interrupted
and ends the program when an allocation fails, is given them: zip archives that unpack to far
more than they hold (limits.py), .ods files whose repeat attributes describe millions of cells
(ods_extent.py), and .xlsx files whose few long shared strings are used by thousands of cells
(each cell holds its own copy once read). Text is cleaned as cell_text.py says.

The file is read once, here, into a `Workbook`: the cells of each sheet and the facts about the
file the checks need (hidden sheets, merged cells, cells that read blank though they hold a
formula or an error value). The zip archive is opened once for all the checks made before
calamine. Layouts and checks work on the `Workbook` alone: nothing after this opens the file.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

import python_calamine as calamine

from commissioner_desk.progress import NO_PROGRESS, Progress, check

from ..checks import formula_check
from ..checks.cells import is_blank
from ..checks.problems import Problem, warning
from . import limits, ods_extent, sheet_xml, xls_extent, xlsb_extent
from .budget import Budget, too_large
from .cell_text import CellCleaner, clean_text
from .csv_encoding import is_binary
from .csv_file import read_csv
from .errors import WorkbookError
from .formula_cells import BlankCause
from .ods_extent import ods_too_large
from .source_file import read_file_bytes

SPREADSHEET_EXTENSIONS = frozenset({".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"})
SUPPORTED_EXTENSIONS = SPREADSHEET_EXTENSIONS | {".csv"}
_ZIP = b"PK\x03\x04"  # .xlsx, .xlsm, .xlsb and .ods are zip archives
_OLE = bytes.fromhex("D0CF11E0A1B11AE1")  # .xls, and any password-protected Office file
# A password-protected .xlsx is an OLE file holding these streams (names stored as UTF-16).
_ENCRYPTED_STREAMS = ("EncryptedPackage".encode("utf-16-le"), "EncryptionInfo".encode("utf-16-le"))
# Cells per workbook, counted from each sheet's first filled cell to its last: at most about
# 64 MB in calamine (32 bytes a cell, one sheet at a time) and 80 MB of rows in Python (measured
# 40 MB a million cells). A return or a published table is far smaller.
MAX_CELLS = 2_000_000
# Bytes of shared-string text the cells of a workbook may hold between them, each its own copy:
# 2,000,000 cells of 50 characters. A 1 MB string used by 20,000 cells (20 GB) is refused.
MAX_SHARED_TEXT = 100_000_000
CELLS_PER_REPORT = 50_000  # progress and Cancel are checked after about this many cells


@dataclass(frozen=True)
class Sheet:
    """One worksheet. `rows[r][c]` is the cell at 0-based row r, column c (A1 is rows[0][0]);
    rows may differ in length. Blank cells are None; numbers come as int or float.

    From a spreadsheet, blank cells at the end of a row and blank rows at the end of the sheet
    are left out (a blank row is `()`): read cells with `cell()`, which gives None for them.

    `merged` lists merged areas as 0-based (first row, first column, last row, last column),
    inclusive; a merged area's value is in its top-left cell only. Empty when the format does
    not say (CSV, and .ods as calamine reads it).

    `blank_causes` are the cells that read blank (None) though the file holds something in
    them: a formula with no saved result, or an error value such as #DIV/0! (.xlsx and .xlsm
    only; empty for other formats)."""

    name: str
    rows: tuple[tuple[object, ...], ...]
    hidden: bool
    merged: tuple[tuple[int, int, int, int], ...] = ()
    blank_causes: tuple[BlankCause, ...] = ()

    def cell(self, row: int, col: int) -> object:
        """The value at (row, col), None when outside the sheet's rows."""
        if row < len(self.rows) and col < len(self.rows[row]):
            return self.rows[row][col]
        return None


@dataclass(frozen=True)
class Workbook:
    path: Path
    sheets: tuple[Sheet, ...]
    # What reading changed, for the plan: cells whose control characters were read as spaces.
    warnings: tuple[Problem, ...] = ()


def read_workbook(path: Path, progress: Progress = NO_PROGRESS) -> Workbook:
    """Read every sheet of the file at `path`. Raises WorkbookError, Cancelled."""
    path = Path(path)
    _check_extension(path)
    return parse_workbook(path, read_file_bytes(path), progress)


def parse_workbook(path: Path, data: bytes, progress: Progress = NO_PROGRESS) -> Workbook:
    """Read a workbook from bytes already read from `path` (used to hash and read one copy)."""
    path = Path(path)
    _check_extension(path)
    name = path.name
    if not data:
        raise WorkbookError(
            f"{name} is empty (0 bytes). It may not have finished saving or "
            "copying: ask the sender for it again."
        )
    progress.report(0, 1, f"Reading {name}…")
    notes: list[Problem] = []
    if path.suffix.casefold() == ".csv":
        sheets: tuple[Sheet, ...] = (_read_csv(path, data, progress, notes),)
    else:
        sheets = _read_spreadsheet(path, data, progress, notes)
    if not any(not is_blank(v) for sheet in sheets for row in sheet.rows for v in row):
        raise WorkbookError(f"{name} has no filled-in cells: there is nothing to import.")
    if all(sheet.hidden for sheet in sheets):
        raise WorkbookError(
            f"{name} has no visible sheet of cells: every one is hidden, so whoever opens the "
            "file sees none of the figures it would import. Open it in Excel or LibreOffice, "
            "unhide the sheet with the figures (right-click a sheet tab, Unhide), save it and "
            "import it again."
        )
    progress.report(1, 1, f"Read {name}")
    return Workbook(path=path, sheets=sheets, warnings=tuple(notes))


def _check_extension(path: Path) -> None:
    if path.suffix.casefold() not in SUPPORTED_EXTENSIONS:
        kinds = ", ".join(sorted(SUPPORTED_EXTENSIONS))
        shown = path.suffix or "no extension"
        raise WorkbookError(
            f"{path.name} is not a file type the app reads ({shown}). Save it from Excel or "
            f"LibreOffice as one of: {kinds}."
        )


def _is_encrypted_ole(data: bytes) -> bool:
    return data.startswith(_OLE) and any(s in data[:65536] for s in _ENCRYPTED_STREAMS)


def _password_error(name: str) -> WorkbookError:
    return WorkbookError(
        f"{name} is protected with a password, so the app cannot read it. Ask the sender for "
        "a copy without a password (in Excel: File, Info, Protect Workbook, Encrypt with "
        "Password, then clear the password)."
    )


def _damaged_error(name: str, data: bytes) -> WorkbookError:
    if data.startswith((_ZIP, _OLE)):
        return WorkbookError(
            f"{name} is damaged or incomplete: it looks like a spreadsheet but cannot be read. "
            "It may not have finished downloading or saving. Ask the sender for it again, or "
            "open it in Excel and save a new copy."
        )
    return WorkbookError(
        f"{name} is not a spreadsheet the app can read, even though its name ends in "
        f"{Path(name).suffix}. Open it in Excel or LibreOffice and save it as an Excel "
        "workbook (.xlsx)."
    )


def _read_spreadsheet(
    path: Path, data: bytes, progress: Progress, notes: list[Problem]
) -> tuple[Sheet, ...]:
    name = path.name
    if _is_encrypted_ole(data):
        raise _password_error(name)
    package = workbook_xml = None
    if data.startswith(_ZIP):
        # Opened once, for every check made before calamine (which opens it on its own).
        if (archive := sheet_xml.open_zip(data)) is None:
            raise _damaged_error(name, data)  # a truncated zip: calamine only says "cannot detect"
        limits.check_zip(name, archive, data, progress)
        workbook_xml = sheet_xml.open_package(archive)
        package = workbook_xml or xlsb_extent.open_package(archive)
        _check_ods(name, archive, progress)
    elif data.startswith(_OLE):
        xls_extent.check_xls(name, data, MAX_CELLS, progress)
    try:
        book = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        metadata = list(book.sheets_metadata)
        if not metadata:
            raise WorkbookError(f"{name} has no sheets: there is nothing to import.")
        sheets = []
        budget = Budget(name, package, len(metadata), MAX_CELLS, MAX_SHARED_TEXT)
        for index, meta in enumerate(metadata):
            check(progress)
            if meta.typ != calamine.SheetTypeEnum.WorkSheet:
                continue  # chart and macro sheets hold no cells to import
            progress.report(index, len(metadata), f"Reading {name}, sheet {meta.name}…")
            blanks = budget.look_ahead(index, meta.name, progress)
            found = book.get_sheet_by_name(meta.name)
            budget.spend(meta.name, found.height, found.width)
            shown = clean_text(meta.name)
            if shown != meta.name:
                notes.append(
                    warning(
                        shown,
                        None,
                        "The name of this sheet holds control characters, which cannot be "
                        "typed in Excel; they were read as spaces.",
                    )
                )
            cleaner = CellCleaner(name, shown)
            rows = _read_rows(found, progress, f"Reading {name}, sheet {shown}", cleaner)
            if (note := cleaner.warning()) is not None:
                notes.append(note)
            hidden = meta.visible != calamine.SheetVisibleEnum.Visible
            sheets.append(Sheet(shown, rows, hidden, _merged(found), blanks))
            del found  # let calamine free the sheet's cells before reading the next
    except calamine.PasswordError:
        raise _password_error(name) from None
    except (calamine.CalamineError, OSError, ValueError) as exc:
        if isinstance(exc, WorkbookError):
            raise
        if unknown := formula_check.unreadable_error(name, workbook_xml, str(exc)):
            raise WorkbookError(unknown) from None  # "#SPILL!": not damage, one bad cell
        raise _damaged_error(name, data) from None
    except BaseException as exc:
        # A file calamine's Rust code trips over raises its PanicException, which is not an
        # Exception (so nothing above catches it): the file is damaged, not the app.
        if type(exc).__name__ != "PanicException":
            raise
        raise _damaged_error(name, data) from None
    if not sheets:
        raise WorkbookError(f"{name} has no worksheets: there is nothing to import.")
    return tuple(sheets)


def _check_ods(name: str, archive: zipfile.ZipFile, progress: Progress) -> None:
    """Refuse an .ods whose repeated cells would be too many to lay out (see ods_extent.py)."""
    if ods_extent.CONTENT not in archive.namelist():
        return
    if (over := ods_too_large(archive, MAX_CELLS, progress)) is not None:
        raise too_large(name, over.table, over.rows, over.columns, over.before, MAX_CELLS)


def _merged(sheet: calamine.CalamineSheet) -> tuple[tuple[int, int, int, int], ...]:
    # None for formats whose merges calamine does not read; absent in old python-calamine.
    ranges = getattr(sheet, "merged_cell_ranges", None) or ()
    return tuple((r0, c0, r1, c1) for (r0, c0), (r1, c1) in ranges)


def _read_rows(
    sheet: calamine.CalamineSheet, progress: Progress, label: str, cleaner: CellCleaner
) -> tuple[tuple[object, ...], ...]:
    """The sheet's rows with A1 at rows[0][0], trailing blanks dropped, reading a few thousand
    rows at a time between checks for Cancel."""
    start = sheet.start
    if start is None:
        return ()  # an empty sheet
    # iter_rows() starts at row 1 (blank rows come before the data) but at the first filled
    # column, unlike to_python(skip_empty_area=False): put the blank columns back.
    pad = (None,) * start[1]
    height = start[0] + sheet.height
    step = max(1, CELLS_PER_REPORT // max(1, sheet.width))
    rows: list[tuple[object, ...]] = []
    last_filled = -1
    for r, raw in enumerate(sheet.iter_rows()):
        if r % step == 0:
            check(progress)
            progress.report(r, height, f"{label}: row {r + 1:,} of {height:,}…")
        # calamine gives "" for an empty cell; None says blank the same way for every format.
        end = len(raw)
        while end and raw[end - 1] == "":
            end -= 1
        if end:
            rows.append(cleaner.row(r, pad + tuple(None if v == "" else v for v in raw[:end])))
            last_filled = r
        else:
            rows.append(())
    del rows[last_filled + 1 :]
    return tuple(rows)


def _read_csv(path: Path, data: bytes, progress: Progress, notes: list[Problem]) -> Sheet:
    if is_binary(data):
        raise _damaged_error(path.name, data)  # not text (often a renamed .xlsx)
    cleaner = CellCleaner(path.name, path.stem)
    rows = read_csv(path, data, progress, MAX_CELLS, cleaner)
    if (note := cleaner.warning()) is not None:
        notes.append(note)
    return Sheet(path.stem, rows, hidden=False)
