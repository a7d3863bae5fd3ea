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


def _biff(name: str, rows: Sequence[Sequence[object]]) -> bytes:
    texts = sorted({v for row in rows for v in row if isinstance(v, str)})
    index = {t: n for n, t in enumerate(texts)}
    sst = struct.pack("<2I", len(texts), len(texts))
    for text in texts:
        sst += struct.pack("<HB", len(text), 1) + text.encode("utf-16-le")  # 16-bit chars
    sheet = _bof(0x0010) + _record(
        0x0200, struct.pack("<2I3H", 0, len(rows), 0, max(map(len, rows)), 0)
    )
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
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


def write_xls(path: Path, rows: Sequence[Sequence[object]], sheet: str = "Sheet1") -> Path:
    """Rows of text and numbers from A1, in a one-sheet .xls."""
    stream = _biff(sheet, rows)
    # At least 4,096 bytes, so the stream lives in ordinary sectors, not the mini stream.
    padded = stream + bytes(-len(stream) % _SECTOR + max(0, 4096 - len(stream)))
    count = len(padded) // _SECTOR
    fat = [_FAT, _END] + [2 + n + 1 for n in range(count - 1)] + [_END]
    fat += [_FREE] * (_SECTOR // 4 - len(fat))
    header = struct.pack(
        "<8s16s8H10I",
        bytes.fromhex("D0CF11E0A1B11AE1"),
        bytes(16),
        *(0x3E, 3, 0xFFFE, 9, 6, 0, 0, 0),  # versions, byte order, sector sizes, reserved
        # directory sectors (0 in version 3), FAT sectors, first directory sector, transaction,
        # mini stream cutoff, no mini FAT (first, count), no DIFAT sectors, the FAT is sector 0
        *(0, 1, 1, 0, 4096, _END, 0, _END, 0, 0),
    )
    header += struct.pack("<108I", *([_FREE] * 108))
    directory = _entry("Root Entry", 5, child=1, start=_END, size=0)
    directory += _entry("Workbook", 2, child=_NONE, start=2, size=len(padded))
    directory += bytes(128 * 2)
    data = header + struct.pack(f"<{_SECTOR // 4}I", *fat) + directory + padded
    path.write_bytes(data)
    return path


def _entry(name: str, kind: int, *, child: int, start: int, size: int) -> bytes:
    encoded = (name + "\0").encode("utf-16-le")
    return (
        encoded.ljust(64, b"\0")
        + struct.pack("<H2B3I", len(encoded), kind, 1, _NONE, _NONE, child)
        + bytes(16 + 4 + 16)
        + struct.pack("<IQ", start, size)
    )
