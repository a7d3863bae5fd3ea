"""Very large sheets: progress, Cancel, memory that stays bounded, and a clear refusal beyond the
limit; sheets that only look large (formatting, stray blanks far away) cost nothing.

Slow to set up: the million-cell workbook (50,000 rows by 20 columns) takes about 6 seconds to
write with openpyxl's write-only mode, so it is written once for this module. Reading it takes
about 0.7 s (2 s under tracemalloc).
"""

from __future__ import annotations

import re
import tracemalloc
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import Font

from commissioner_desk.importing import WorkbookError, read_workbook
from commissioner_desk.importing.readers import sheet_xml, workbook
from commissioner_desk.progress import Cancelled

from .conftest import write_csv, write_xlsx
from .test_formula_cells import rewrite_sheet_xml

ROWS, COLS = 50_000, 20
# Measured: a peak of 40 MB of Python objects while reading the million cells (the rows held
# as tuples: 36 MB of it); the earlier whole-sheet to_python() peaked at 51 MB. calamine's own
# copy of the cells (32 bytes each, outside tracemalloc's view) is freed sheet by sheet.
PEAK_BYTES = 80_000_000


class Recorder:
    """A Progress that records each report and, if asked, cancels after `cancel_after`."""

    def __init__(self, cancel_after: int | None = None) -> None:
        self.reports: list[tuple[int, int, str]] = []
        self.cancel_after = cancel_after

    def report(self, done: int, total: int, message: str = "") -> None:
        self.reports.append((done, total, message))

    def cancelled(self) -> bool:
        return self.cancel_after is not None and len(self.reports) >= self.cancel_after

    @property
    def row_reports(self) -> list[tuple[int, int, str]]:
        return [r for r in self.reports if ": row " in r[2]]


@pytest.fixture(scope="module")
def million(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("large") / "national.xlsx"
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Table 1")
    ws.append(["Force"] + [f"Column {c}" for c in range(1, COLS)])
    for r in range(1, ROWS):
        ws.append([f"Force {r}"] + [r * COLS + c for c in range(1, COLS)])
    wb.save(path)
    return path


def test_a_million_cells_read_with_progress_in_bounded_memory(million):
    progress = Recorder()
    tracemalloc.start()
    try:
        book = read_workbook(million, progress)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()

    rows = book.sheets[0].rows
    assert len(rows) == ROWS and all(len(row) == COLS for row in (rows[0], rows[-1]))
    assert rows[0][:2] == ("Force", "Column 1")
    assert rows[-1][0] == f"Force {ROWS - 1}" and rows[-1][-1] == ROWS * COLS - 1
    reports = progress.row_reports
    assert len(reports) >= 15  # every 2,500 rows of 20 cells
    assert [done for done, _, _ in reports] == sorted({done for done, _, _ in reports})
    assert {total for _, total, _ in reports} == {ROWS}
    assert reports[1][2] == "Reading national.xlsx, sheet Table 1: row 2,501 of 50,000…"
    assert progress.reports[-1] == (1, 1, "Read national.xlsx")
    assert peak < PEAK_BYTES, f"peak {peak:,} bytes"


def test_a_million_cells_cancelled_midway(million):
    progress = Recorder(cancel_after=5)
    with pytest.raises(Cancelled):
        read_workbook(million, progress)
    # Stopped within the sheet, a few thousand rows in, not after reading it all.
    assert 1 <= len(progress.row_reports) <= 3
    assert progress.row_reports[-1][0] < ROWS // 4


def _refused(path: Path, *words: str) -> str:
    with pytest.raises(WorkbookError) as info:
        read_workbook(path)
    message = str(info.value)
    for word in (path.name, *words):
        assert word in message
    return message


def test_over_the_limit_refused_with_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setattr(workbook, "MAX_CELLS", 500)
    path = write_xlsx(tmp_path / "big.xlsx", [list(range(20))] * 30)
    message = _refused(path)
    assert message == (
        'big.xlsx is too large to import: its sheet "Returns" spans 30 rows by 20 columns '
        "(600 cells). The app reads workbooks of up to 500 cells. Copy the table of figures into "
        "a new workbook and import that. If the sheet looks small, a stray entry far below or to "
        "the right of the table may be making it this large: press Ctrl+End in Excel to find it, "
        "delete it."
    )


def test_over_the_limit_in_formats_not_looked_at_first(tmp_path, monkeypatch):
    # .xls and .ods are measured by calamine itself, once it has read the sheet.
    monkeypatch.setattr(workbook, "MAX_CELLS", 500)
    monkeypatch.setattr(sheet_xml, "open_package", lambda data: None)
    path = write_xlsx(tmp_path / "big.xlsx", [list(range(20))] * 30)
    _refused(path, 'sheet "Returns" spans 30 rows by 20 columns (600 cells)', "up to 500 cells")


def test_the_limit_counts_every_sheet(tmp_path, monkeypatch):
    monkeypatch.setattr(workbook, "MAX_CELLS", 500)
    table = [list(range(10))] * 30  # 300 cells a sheet
    path = write_xlsx(tmp_path / "two.xlsx", table, extra={"More": table})
    _refused(path, 'sheet "More" spans 30 rows by 10 columns (300 cells, and 300 on the sheets')


@pytest.mark.parametrize("dimension", [True, False])
def test_a_stray_entry_in_the_last_cell_is_refused_not_fatal(tmp_path, dimension):
    # calamine would ask for 17 billion cells and the allocation failure would end the program.
    wb = openpyxl.Workbook()
    wb.active["A1"] = "Force"
    wb.active["XFD1048576"] = 1
    path = tmp_path / "stray.xlsx"
    wb.save(path)
    if not dimension:  # as written by programs that leave out <dimension>
        # openpyxl writes "<dimension … />" or "<dimension …/>" depending on whether lxml is
        # installed, so match either.
        rewrite_sheet_xml(path, lambda xml: re.sub(rb"<dimension [^>]*/>", b"", xml))
        assert b"<dimension" not in _sheet_xml(path)
    _refused(path, "1,048,576 rows by 16,384 columns", "Ctrl+End")


def _sheet_xml(path: Path) -> bytes:
    with zipfile.ZipFile(path) as package:
        return package.read("xl/worksheets/sheet1.xml")


def test_formatting_far_below_costs_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(workbook, "MAX_CELLS", 10)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "Force"
    ws["Z100000"].font = Font(bold=True)  # formatted, empty
    ws["XFD1048576"].font = Font(bold=True)
    wb.save(tmp_path / "formatted.xlsx")
    assert b'<dimension ref="A1:XFD1048576"' in _sheet_xml(tmp_path / "formatted.xlsx")

    assert read_workbook(tmp_path / "formatted.xlsx").sheets[0].rows == (("Force",),)


def test_blank_cells_at_the_end_of_rows_and_sheet_are_dropped(tmp_path):
    # Empty text (a pasted =IF(…,"",…) result) is a cell calamine lays out: 500 rows by 4
    # columns here, of which only A1 holds anything.
    path = write_xlsx(tmp_path / "tail.xlsx", [("Force", None, None)])
    rewrite_sheet_xml(
        path,
        lambda xml: xml.replace(
            b"</sheetData>", b'<row r="500"><c r="D500" t="str"><v></v></c></row></sheetData>'
        ),
    )
    sheet = read_workbook(path).sheets[0]
    assert sheet.rows == (("Force",),)
    assert sheet.cell(499, 3) is None


def test_a1_positions_kept_when_the_table_starts_at_c5(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["C5"] = "Force"
    ws["E5"] = "Victims"
    ws["C6"] = "Kent"
    ws["E6"] = 12
    ws["D7"] = "note"
    wb.save(tmp_path / "c5.xlsx")

    sheet = read_workbook(tmp_path / "c5.xlsx").sheets[0]

    assert sheet.rows == (
        (),
        (),
        (),
        (),
        (None, None, "Force", None, "Victims"),
        (None, None, "Kent", None, 12),
        (None, None, None, "note"),
    )
    assert sheet.cell(4, 2) == "Force" and sheet.cell(5, 4) == 12 and sheet.cell(0, 0) is None


def test_a_csv_over_the_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(workbook, "MAX_CELLS", 500)
    path = write_csv(tmp_path / "big.csv", [list(range(20))] * 30)
    assert _refused(path) == (
        "big.csv is too large to import: it has more than 500 cells (each blank line counted "
        "as one), the most the app reads. Copy the table of figures into a new file and import "
        "that."
    )


def test_a_long_csv_reports_progress_and_can_be_cancelled(tmp_path):
    path = write_csv(
        tmp_path / "long.csv", [("Force", "Value")] + [("Kent", r) for r in range(9_000)]
    )
    progress = Recorder()
    assert len(read_workbook(path, progress).sheets[0].rows) == 9_001
    steps = [done for done, total, _ in progress.reports if total > 1]
    assert len(steps) == 5 and steps == sorted(steps)  # every 2,000 rows, through the text
    with pytest.raises(Cancelled):
        read_workbook(path, Recorder(cancel_after=3))
