"""How big each sheet of an Excel binary workbook (.xlsb) is, before calamine lays it out.

An .xlsb is a zip of binary records, each a type and a length (both in 7-bit groups) followed
by that many bytes. calamine lays out every cell from the first it finds to the last, placed by
the row of the row record before it and the column each cell record gives (32 bits: a damaged
or hostile file can say column four billion), so a value in the far corner asks for billions
of cells and the failed allocation ends the program. Those records are read here first; the
size the sheet declares (its BrtWsDim record) is not trusted.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Iterator

from . import sheet_xml

_BOOK = "xl/workbook.bin"
_ROW = 0x00  # BrtRowHdr: the row of the cells that follow
_CELLS = frozenset(range(0x02, 0x0B))  # numbers, text, booleans, errors, formulas' results
_END_DATA = 0x92  # BrtEndSheetData
_SHEET = 0x9C  # BrtBundleSh: a sheet's state, relationship id and name
_END_SHEETS = 0x90
_LAST_ROW = 0x100000  # calamine stops reading a sheet at a row number past this
_RECORDS_PER_CHECK = 65_536


def open_package(package: zipfile.ZipFile) -> sheet_xml.Package | None:
    """Which member of the .xlsb's zip holds each sheet, by name; None for any other file, or
    an .xlsb whose workbook part cannot be read (calamine then says what is wrong)."""
    try:
        if _BOOK not in package.namelist():
            return None
        found = sheet_xml.relationships(package, _BOOK)
        targets = {rid: target for rid, (target, _) in found.items()}
        sheets = {}
        for rid, name in _bundled_sheets(package.read(_BOOK)):
            if rid in targets:
                sheets[name] = targets[rid]
        return sheet_xml.Package(package, sheets)
    except (KeyError, ValueError, OSError, zipfile.BadZipFile, zlib.error, struct.error):
        return None


def _bundled_sheets(book: bytes) -> list[tuple[str, str]]:
    """(relationship id, name) of each sheet the workbook part lists."""
    out = []
    for kind, start, end in _records(book):
        if kind == _END_SHEETS:
            break
        if kind == _SHEET and end - start >= 12:
            rid, at = _wide_string(book, start + 8)
            name, _ = _wide_string(book, at)
            out.append((rid, name))
    return out


def _wide_string(data: bytes, at: int) -> tuple[str, int]:
    """An XLWideString at `at` (a 32-bit count of UTF-16 characters, then them): the text and
    where the next field starts. A null one (count 0xFFFFFFFF) is ""."""
    count = struct.unpack_from("<I", data, at)[0]
    if count == 0xFFFFFFFF:
        return "", at + 4
    end = at + 4 + 2 * count
    if end > len(data):
        raise ValueError("a string longer than its record")
    return data[at + 4 : end].decode("utf-16-le", "replace"), end


def sheet_extent(package: zipfile.ZipFile, member: str, limit: int) -> tuple[int, int, bool]:
    """(rows, columns) of the area calamine would lay out for the sheet, and False when the
    count stopped early because the area was already past `limit`."""
    try:
        data = package.read(member)  # its size was checked with the archive's (limits.py)
    except (KeyError, OSError, EOFError, zipfile.BadZipFile, zlib.error):
        return 0, 0, True  # a damaged part: calamine reports the file as damaged
    low_row = low_col = 1 << 40
    high_row = high_col = -1
    row = 0
    for n, (kind, start, end) in enumerate(_records(data)):
        if kind in _CELLS and end - start >= 4:
            col = struct.unpack_from("<I", data, start)[0]
            low_row, high_row = min(low_row, row), max(high_row, row)
            low_col, high_col = min(low_col, col), max(high_col, col)
        elif kind == _ROW and end - start >= 4:
            row = struct.unpack_from("<I", data, start)[0]
            if row > _LAST_ROW:
                break
        elif kind == _END_DATA:
            break
        if n % _RECORDS_PER_CHECK == 0 and high_row >= 0:
            rows, cols = high_row - low_row + 1, high_col - low_col + 1
            if rows * cols > limit:
                return rows, cols, False
    if high_row < 0:
        return 0, 0, True
    return high_row - low_row + 1, high_col - low_col + 1, True


def _records(data: bytes) -> Iterator[tuple[int, int, int]]:
    """(type, start, end) of each record of `data`, the body being data[start:end]."""
    at, size = 0, len(data)
    while at < size:
        kind = data[at]
        at += 1
        if kind & 0x80:
            if at >= size:
                return
            kind = (kind & 0x7F) | (data[at] & 0x7F) << 7
            at += 1
        length = 0
        for shift in (0, 7, 14, 21):
            if at >= size:
                return
            byte = data[at]
            at += 1
            length |= (byte & 0x7F) << shift
            if not byte & 0x80:
                break
        yield kind, at, min(at + length, size)
        at += length
