"""How big each sheet of an Excel 97-2003 workbook (.xls) is, before calamine reads it.

calamine lays out every sheet of an .xls as soon as the file is opened: it sets aside room for
the cells each sheet's DIMENSIONS record declares (40 bytes a cell, and the record can declare
four billion rows), then lays out every cell from the first filled one to the last (a value
typed by accident in the far corner asks for millions). An allocation it cannot make ends the
whole program. So the workbook stream is taken out of its container (an OLE compound file) and
its records read here first, trusting neither: the declared size must fit an .xls sheet, and the
cells that hold something give the area laid out.

Anything this reading does not understand is left to calamine, which then says the file is
damaged (and runs in a process of its own, under a memory cap: reader_process.py).
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from dataclasses import dataclass

from commissioner_desk.progress import NO_PROGRESS, Progress, check

from .budget import too_large
from .limits import damaged

_OLE = bytes.fromhex("D0CF11E0A1B11AE1")
_END, _FREE = 0xFFFFFFFE, 0xFFFFFFFF
_STREAMS = ("Workbook", "Book")  # Excel 97 and later; Excel 5 and 95
# The most an .xls sheet holds: 65,536 rows by 256 columns (Excel 5 and 95: 16,384 rows).
MAX_ROWS, MAX_COLUMNS = 65_536, 256
_EOF, _BOUNDSHEET, _DIMENSIONS, _FORMULA, _STRING = 0x000A, 0x0085, 0x0200, 0x0006, 0x0207
_MULRK = 0x00BD
# Records calamine makes a cell of (numbers, text, booleans and errors, formulas' results).
_CELLS = frozenset({0x0203, 0x0204, 0x0205, 0x027E, 0x00FD, 0x00D6, _FORMULA, _STRING})
_RECORDS_PER_CHECK = 50_000


@dataclass(frozen=True)
class SheetSize:
    name: str
    declared: tuple[int, int]  # rows and columns its DIMENSIONS record gives (0, 0: none)
    rows: int  # of the area from the first cell holding something to the last
    columns: int


def check_xls(name: str, data: bytes, max_cells: int, progress: Progress = NO_PROGRESS) -> None:
    """Raise WorkbookError if a sheet of the .xls `data` (from the file `name`) declares more
    than an .xls sheet holds, or its cells (all sheets' together) span more than `max_cells`."""
    used = 0
    for size in sheet_sizes(data, progress):
        rows, columns = size.declared
        if rows > MAX_ROWS or columns > MAX_COLUMNS:
            raise damaged(
                name,
                f'its sheet "{size.name}" says it spans {rows:,} rows by {columns:,} columns, '
                f"more than an Excel 97-2003 workbook holds ({MAX_ROWS:,} by {MAX_COLUMNS})",
            )
        if used + size.rows * size.columns > max_cells:
            raise too_large(name, size.name, size.rows, size.columns, used, max_cells)
        used += size.rows * size.columns


def sheet_sizes(data: bytes, progress: Progress = NO_PROGRESS) -> Iterator[SheetSize]:
    """The size of each sheet of the .xls `data`, in order; nothing when its container or
    records cannot be read (calamine says what is wrong with the file)."""
    stream = workbook_stream(data)
    if stream is None:
        return
    for name, at in _bound_sheets(stream):
        yield _measure(stream, name, at, progress)


def _bound_sheets(stream: bytes) -> list[tuple[str, int]]:
    """(name, where its records start) for each sheet the workbook's BOUNDSHEET records list."""
    out = []
    biff8 = True
    for kind, body in _records(stream, 0):
        if kind == 0x0809:  # BOF: the version decides how names are stored
            biff8 = body[:2] in (b"\x00\x06", b"\x00\x00")
        elif kind == _BOUNDSHEET and len(body) >= 8:
            at, count = struct.unpack_from("<I", body)[0], body[6]
            if biff8:
                wide = body[7] & 1
                raw = body[8 : 8 + count * (2 if wide else 1)]
                name = raw.decode("utf-16-le" if wide else "latin-1", "replace")
            else:
                name = body[7 : 7 + count].decode("cp1252", "replace")
            out.append((name, at))
        elif kind == _EOF:
            break
    return out


def _measure(stream: bytes, name: str, at: int, progress: Progress) -> SheetSize:
    declared = (0, 0)
    low_row = low_col = 1 << 20
    high_row = high_col = -1
    formula_at = None
    for n, (kind, body) in enumerate(_records(stream, at)):
        if n % _RECORDS_PER_CHECK == 0:
            check(progress)
        if kind in _CELLS and len(body) >= 4:
            row, col = struct.unpack_from("<2H", body)
            if kind == _STRING and formula_at is not None:
                row, col = formula_at  # a formula's text result, in the formula's cell
            if kind == _FORMULA:
                formula_at = (row, col)
            low_row, high_row = min(low_row, row), max(high_row, row)
            low_col, high_col = min(low_col, col), max(high_col, col)
        elif kind == _MULRK and len(body) >= 6:  # numbers in a run of cells of one row
            row, first = struct.unpack_from("<2H", body)
            last = struct.unpack_from("<H", body, len(body) - 2)[0]
            low_row, high_row = min(low_row, row), max(high_row, row)
            low_col, high_col = min(low_col, first), max(high_col, first, last)
        elif kind == _DIMENSIONS:
            declared = _declared(body)
        elif kind == _EOF:
            break
    if high_row < 0:
        return SheetSize(name, declared, 0, 0)
    return SheetSize(name, declared, high_row - low_row + 1, high_col - low_col + 1)


def _declared(body: bytes) -> tuple[int, int]:
    """Rows and columns as calamine works them out from DIMENSIONS: last (one past the end)
    less first, in unsigned 32-bit arithmetic, so a last before the first is enormous."""
    if len(body) == 14:
        first_row, end_row, first_col, end_col = struct.unpack_from("<2I2H", body)
    elif len(body) == 10:
        first_row, end_row, first_col, end_col = struct.unpack_from("<4H", body)
    else:
        return (0, 0)
    if end_row < 1 or end_col < 1:
        return (1, 1)
    return ((end_row - 1 - first_row) % (1 << 32) + 1, (end_col - 1 - first_col) % (1 << 32) + 1)


def _records(stream: bytes, at: int) -> Iterator[tuple[int, bytes]]:
    """(type, body) of each BIFF record from offset `at` to the end of the stream."""
    end = len(stream)
    while at + 4 <= end:
        kind, size = struct.unpack_from("<2H", stream, at)
        yield kind, stream[at + 4 : at + 4 + size]
        at += 4 + size


def workbook_stream(data: bytes) -> bytes | None:
    """The workbook stream of an OLE compound file (what an .xls is), or None when the
    container cannot be read as one."""
    try:
        return _Container(data).stream(_STREAMS)
    except (struct.error, IndexError, ValueError):
        return None


class _Container:
    """Just enough of an OLE compound file to read one stream, guarding every number in it:
    a chain of sectors that loops or points outside the file ends the reading."""

    def __init__(self, data: bytes) -> None:
        if not data.startswith(_OLE):
            raise ValueError("not an OLE file")
        self.data = data
        shift, mini_shift = struct.unpack_from("<2H", data, 0x1E)
        if not 7 <= shift <= 16 or not 2 <= mini_shift < shift:
            raise ValueError("sector size")
        self.size, self.mini_size = 1 << shift, 1 << mini_shift
        fat_count, directory, _, self.cutoff, mini_fat, _, difat, difat_count = struct.unpack_from(
            "<8I", data, 0x2C
        )
        self.sectors = max(0, len(data) - self.size) // self.size
        table = list(struct.unpack_from("<109I", data, 0x4C))
        for sector in self._chain_of_difat(difat, difat_count):
            table += struct.unpack_from(f"<{self.size // 4}I", self._sector(sector))[:-1]
        fat_sectors = [s for s in table[:fat_count] if s < self.sectors]
        per_sector = f"<{self.size // 4}I"
        self.fat = [n for s in fat_sectors for n in struct.unpack_from(per_sector, self._sector(s))]
        self.directory = self._read(directory)
        self.mini_fat_start = mini_fat

    def stream(self, names: tuple[str, ...]) -> bytes | None:
        entries = [self.directory[at : at + 128] for at in range(0, len(self.directory), 128)]
        found = {self._name(e): e for e in entries if len(e) == 128 and e[66] in (2, 5)}
        for name in names:
            if (entry := found.get(name)) is not None:
                start, size = struct.unpack_from("<IQ", entry, 116)
                if self.size == 512:
                    size &= 0xFFFFFFFF  # version 3 files may leave junk in the top half
                if size < self.cutoff:
                    root = next((e for e in entries if len(e) == 128 and e[66] == 5), None)
                    return self._read_mini(root, start, size) if root is not None else None
                return self._read(start)[:size]
        return None

    @staticmethod
    def _name(entry: bytes) -> str:
        length = min(64, struct.unpack_from("<H", entry, 64)[0])
        return entry[: max(0, length - 2)].decode("utf-16-le", "replace")

    def _sector(self, n: int) -> bytes:
        at = (n + 1) * self.size
        if n >= self.sectors:
            raise ValueError("sector outside the file")
        return self.data[at : at + self.size]

    def _chain(self, start: int, table: list[int]) -> Iterator[int]:
        """The sectors of a chain, each once: one that loops back would repeat the file's
        bytes without end."""
        n, seen = start, set()
        while n not in (_END, _FREE):
            if n >= len(table) or n in seen:
                raise ValueError("broken chain")
            seen.add(n)
            yield n
            n = table[n]

    def _chain_of_difat(self, start: int, count: int) -> Iterator[int]:
        n = start
        for _ in range(min(count, self.sectors)):
            if n in (_END, _FREE):
                return
            yield n
            n = struct.unpack_from("<I", self._sector(n), self.size - 4)[0]

    def _read(self, start: int) -> bytes:
        return b"".join(self._sector(n) for n in self._chain(start, self.fat))

    def _read_mini(self, root: bytes, start: int, size: int) -> bytes:
        mini_stream = self._read(struct.unpack_from("<I", root, 116)[0])
        mini_fat_bytes = self._read(self.mini_fat_start) if self.mini_fat_start != _END else b""
        mini_fat = list(struct.unpack_from(f"<{len(mini_fat_bytes) // 4}I", mini_fat_bytes))
        step = self.mini_size
        return b"".join(
            mini_stream[n * step : (n + 1) * step] for n in self._chain(start, mini_fat)
        )[:size]
