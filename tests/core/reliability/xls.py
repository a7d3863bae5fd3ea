"""A minimal Excel 97-2003 (.xls) workbook, written by hand: BIFF8 records in a "Workbook"
stream inside an OLE compound file. Enough for calamine to read text and numbers; no styles.

No package on the app's machines writes .xls (xlwt is long dead), and the corpus needs a real
one to rename .xlsx.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from pathlib import Path

_SECTOR = 512
_END, _FREE, _FAT, _NONE = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF


def _record(kind: int, data: bytes) -> bytes:
    return struct.pack("<2H", kind, len(data)) + data


def _bof(kind: int) -> bytes:
    return _record(0x0809, struct.pack("<4H2I", 0x0600, kind, 0x0DBB, 0x07CC, 0, 0x06))


Cell = tuple[int, int, object]  # 0-based row, 0-based column, text or number


def _biff(name: str, cells: Sequence[Cell], dimension: tuple[int, int, int, int] | None) -> bytes:
    texts = sorted({v for _, _, v in cells if isinstance(v, str)})
    index = {t: n for n, t in enumerate(texts)}
    sst = struct.pack("<2I", len(texts), len(texts))
    for text in texts:
        sst += struct.pack("<HB", len(text), 1) + text.encode("utf-16-le")  # 16-bit chars
    if dimension is None:  # first row, last row + 1, first column, last column + 1
        last_col = min(0xFFFF, 1 + max(c for _, c, _ in cells))  # as far as the record goes
        dimension = (0, 1 + max(r for r, _, _ in cells), 0, last_col)
    sheet = _bof(0x0010) + _record(0x0200, struct.pack("<2I3H", *dimension, 0))
    for r, c, value in cells:
        if isinstance(value, str):
            sheet += _record(0x00FD, struct.pack("<3HI", r, c, 0, index[value]))
        elif value is not None:
            sheet += _record(0x0203, struct.pack("<3Hd", r, c, 0, float(value)))
    sheet += _record(0x000A, b"")
    encoded = name.encode("utf-16-le")
    globals_head = _bof(0x0005) + _record(0x0042, struct.pack("<H", 1200))
    globals_tail = _record(0x00FC, sst) + _record(0x000A, b"")
    bound_size = 4 + 8 + len(encoded)
    sheet_at = len(globals_head) + bound_size + len(globals_tail)
    boundsheet = _record(0x0085, struct.pack("<I2B2B", sheet_at, 0, 0, len(name), 1) + encoded)
    return globals_head + boundsheet + globals_tail + sheet


def write_xls(
    path: Path,
    rows: Sequence[Sequence[object]],
    sheet: str = "Sheet1",
    *,
    more: Sequence[Cell] = (),
    dimension: tuple[int, int, int, int] | None = None,
    mini: bool = False,
) -> Path:
    """Rows of text and numbers from A1, and `more` cells anywhere, in a one-sheet .xls whose
    DIMENSIONS record says `dimension` (first row, last row + 1, first column, last column + 1;
    by default, what the cells span). `mini`: the workbook stream in the mini stream."""
    cells = [(r, c, v) for r, row in enumerate(rows) for c, v in enumerate(row)]
    stream = _biff(sheet, [*cells, *more], dimension)
    if mini:
        path.write_bytes(_in_mini_stream(stream))
        return path
    # At least 4,096 bytes, so the stream lives in ordinary sectors, not the mini stream.
    padded = stream + bytes(-len(stream) % _SECTOR + max(0, 4096 - len(stream)))
    count = len(padded) // _SECTOR
    fat = [_FAT, _END] + [2 + n + 1 for n in range(count - 1)] + [_END]
    directory = _entry("Root Entry", 5, child=1, start=_END, size=0)
    directory += _entry("Workbook", 2, child=_NONE, start=2, size=len(padded))
    path.write_bytes(_container(fat, directory, padded, mini_fat=_END))
    return path


def _in_mini_stream(stream: bytes) -> bytes:
    """A container whose workbook stream (under 4,096 bytes) is kept in 64-byte pieces in the
    mini stream, as programs other than Excel may write a small one: sector 0 is the FAT, 1
    the directory, 2 the mini FAT and 3 on the mini stream."""
    assert len(stream) < 4096
    pieces = -(-len(stream) // 64)
    mini_fat = [n + 1 for n in range(pieces - 1)] + [_END]
    mini_fat += [_FREE] * (_SECTOR // 4 - len(mini_fat))
    container = stream + bytes(-len(stream) % _SECTOR)
    count = len(container) // _SECTOR
    fat = [_FAT, _END, _END] + [3 + n + 1 for n in range(count - 1)] + [_END]
    directory = _entry("Root Entry", 5, child=1, start=3, size=pieces * 64)
    directory += _entry("Workbook", 2, child=_NONE, start=0, size=len(stream))
    body = struct.pack(f"<{_SECTOR // 4}I", *mini_fat) + container
    return _container(fat, directory, body, mini_fat=2)


def _container(fat: list[int], directory: bytes, body: bytes, *, mini_fat: int) -> bytes:
    """Header, FAT (sector 0), directory (sector 1), then `body`'s sectors."""
    fat = fat + [_FREE] * (_SECTOR // 4 - len(fat))
    header = struct.pack(
        "<8s16s8H10I",
        bytes.fromhex("D0CF11E0A1B11AE1"),
        bytes(16),
        *(0x3E, 3, 0xFFFE, 9, 6, 0, 0, 0),  # versions, byte order, sector sizes, reserved
        # directory sectors (0 in version 3), FAT sectors, first directory sector, transaction,
        # mini stream cutoff, mini FAT (first, count), no DIFAT sectors, the FAT is sector 0
        *(0, 1, 1, 0, 4096, mini_fat, 0 if mini_fat == _END else 1, _END, 0, 0),
    )
    header += struct.pack("<108I", *([_FREE] * 108))
    directory += bytes(_SECTOR - len(directory))
    return header + struct.pack(f"<{_SECTOR // 4}I", *fat) + directory + body


def _entry(name: str, kind: int, *, child: int, start: int, size: int) -> bytes:
    encoded = (name + "\0").encode("utf-16-le")
    return (
        encoded.ljust(64, b"\0")
        + struct.pack("<H2B3I", len(encoded), kind, 1, _NONE, _NONE, child)
        + bytes(16 + 4 + 16)
        + struct.pack("<IQ", start, size)
    )
