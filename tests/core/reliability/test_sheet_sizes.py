"""The size checks made before calamine lays a sheet out, for .xls and .xlsb as for .xlsx (issue
16): ordinary files in each format still read, the declared size is trusted in neither
direction, and the checks never fail on a damaged file themselves (calamine then says it is
damaged)."""

from __future__ import annotations

import random
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from commissioner_desk.importing import WorkbookError, read_workbook
from commissioner_desk.importing.readers import workbook, xlsb_extent
from commissioner_desk.importing.readers.xls_extent import (
    MAX_ROWS,
    check_xls,
    sheet_sizes,
    workbook_stream,
)

from . import corpus as c
from . import xlsb as xb
from .xls import write_xls

TABLE = (("Force", "Value"), ("Kent", 12), ("Essex", 7))
READ = (("Force", "Value"), ("Kent", 12.0), ("Essex", 7.0))


def test_an_xlsb_is_read_with_its_hidden_sheet(tmp_path):
    path = xb.write_xlsb(
        tmp_path / "return.xlsb",
        [
            ("Returns", xb.sheet_bin(xb.rows_to_cells(TABLE))),
            ("Notes", xb.sheet_bin([(4, 2, "x")])),
        ],
        hidden=["Notes"],
    )
    book = read_workbook(path)
    assert [(s.name, s.hidden) for s in book.sheets] == [("Returns", False), ("Notes", True)]
    assert book.sheets[0].rows == READ
    assert book.sheets[1].cell(4, 2) == "x"


def test_an_xlsb_declaring_the_whole_sheet_is_read(tmp_path):
    # Formatting to the edge of the sheet makes the declared size enormous: only cells count.
    sheet = xb.sheet_bin(xb.rows_to_cells(TABLE), dimension=(0, c.FAR_ROW, 0, c.FAR_COL))
    path = xb.write_xlsb(tmp_path / "formatted.xlsb", [("Returns", sheet)])
    assert read_workbook(path).sheets[0].rows == READ


@pytest.mark.parametrize("mini", [False, True], ids=["stream", "mini stream"])
def test_an_xls_declaring_as_many_rows_as_an_xls_holds_is_read(tmp_path, mini):
    path = write_xls(
        tmp_path / "full.xls", TABLE, "Returns", dimension=(0, MAX_ROWS, 0, 2), mini=mini
    )
    assert read_workbook(path).sheets[0].rows == READ
    [size] = sheet_sizes(path.read_bytes())
    assert (size.name, size.declared, size.rows, size.columns) == ("Returns", (MAX_ROWS, 2), 3, 2)


def test_xls_cells_are_counted_before_calamine_opens_the_file(tmp_path, monkeypatch):
    path = write_xls(tmp_path / "wide.xls", TABLE, "Returns", more=[(2, 99, 1)])  # 3 x 100
    check_xls(path.name, path.read_bytes(), 300)  # just fits
    with pytest.raises(WorkbookError, match=r'"Returns" spans 3 rows by 100 columns \(300 cells'):
        check_xls(path.name, path.read_bytes(), 299)
    monkeypatch.setattr(workbook, "MAX_CELLS", 299)
    with pytest.raises(WorkbookError, match=r"wide\.xls is too large to import"):
        read_workbook(path)


def test_xlsb_cells_are_counted_sheet_by_sheet(tmp_path, monkeypatch):
    monkeypatch.setattr(workbook, "MAX_CELLS", 10)
    sheet = xb.sheet_bin(xb.rows_to_cells(TABLE))  # 3 rows by 2 columns: 6 cells
    path = xb.write_xlsb(tmp_path / "two.xlsb", [("One", sheet), ("Two", sheet)])
    with pytest.raises(WorkbookError, match=r'"Two" spans 3 rows by 2 columns \(6 cells, and 6 on'):
        read_workbook(path)


def test_an_xlsb_sheet_past_the_limit_stops_being_counted_early(tmp_path):
    cells = [(0, 0, 1), (0, 1000, 1), *((r, 0, r) for r in range(1, 200_000))]
    path = xb.write_xlsb(tmp_path / "long.xlsb", [("Returns", xb.sheet_bin(cells))])
    package = xlsb_extent.open_package(zipfile.ZipFile(path))
    assert package is not None and package.sheets == {"Returns": "xl/worksheets/sheet1.bin"}
    rows, cols, complete = xlsb_extent.sheet_extent(package.zip, "xl/worksheets/sheet1.bin", 10**6)
    assert (cols, complete) == (1001, False) and rows < 200_000


@settings(max_examples=200, deadline=None)
@given(seed=st.integers(0, 2**32), flips=st.integers(1, 40))
def test_reading_sizes_from_a_damaged_xls_never_fails_itself(tmp_path_factory, seed, flips):
    data = bytearray(_good(tmp_path_factory, "xls"))
    rng = random.Random(seed)
    for _ in range(flips):
        data[rng.randrange(len(data))] = rng.randrange(256)
    for size in sheet_sizes(bytes(data)):  # may find nothing; must not raise
        assert size.rows >= 0 and size.columns >= 0


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=400))
def test_reading_sizes_from_a_damaged_xlsb_sheet_never_fails_itself(data):
    for kind, start, end in xlsb_extent._records(data):
        assert 0 <= kind < 1 << 14 and start <= end <= len(data)


_GOOD: dict[str, bytes] = {}


def _good(factory, kind: str) -> bytes:
    if kind not in _GOOD:
        path = write_xls(factory.mktemp("good") / "good.xls", TABLE, "Returns")
        _GOOD[kind] = path.read_bytes()
    return _GOOD[kind]


def test_a_container_whose_sectors_loop_gives_no_stream(tmp_path):
    data = bytearray(write_xls(tmp_path / "loop.xls", TABLE, "Returns").read_bytes())
    last = (len(data) - 512) // 512 - 1  # sector 0 is the FAT, 1 the directory, 2 on the stream
    data[512 + 4 * last : 512 + 4 * last + 4] = (2).to_bytes(4, "little")  # back to the first
    assert workbook_stream(bytes(data)) is None
    assert list(sheet_sizes(bytes(data))) == []
