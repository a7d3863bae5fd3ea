"""A minimal Excel binary workbook (.xlsb), written by hand: a zip of BIFF12 records (a type and
a length, each in 7-bit groups, then the data). Enough for calamine to read text and numbers.

No package on the app's machines writes .xlsb; the corpus needs one with a stray value in the
last cell, XFD1048576, which makes calamine ask for 17 billion cells.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from pathlib import Path

from . import packages as pk

_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
Cell = tuple[int, int, object]  # 0-based row, 0-based column, text or number


def _number(n: int) -> bytes:
    """`n` in 7-bit groups, lowest first, the top bit set on all but the last."""
    out = bytearray()
    while True:
        out.append((n & 0x7F) | (0x80 if n > 0x7F else 0))
        n >>= 7
        if not n:
            return bytes(out)


def record(kind: int, data: bytes = b"") -> bytes:
    kind_bytes = bytes([kind]) if kind < 0x80 else bytes([(kind & 0x7F) | 0x80, kind >> 7])
    return kind_bytes + _number(len(data)) + data


def _wide(text: str) -> bytes:
    return struct.pack("<I", len(text)) + text.encode("utf-16-le")


def sheet_bin(cells: Sequence[Cell], dimension: tuple[int, int, int, int] | None = None) -> bytes:
    """A sheet's records: cells in order of row; `dimension` (first row, last row, first
    column, last column) declared as given, else as the cells span."""
    rows = [r for r, _, _ in cells] or [0]
    cols = [c for _, c, _ in cells] or [0]
    dimension = dimension or (min(rows), max(rows), min(cols), max(cols))
    out = [record(0x81), record(0x94, struct.pack("<4I", *dimension)), record(0x91)]
    row = None
    for r, c, value in sorted(cells, key=lambda cell: cell[:2]):
        if r != row:
            out.append(record(0x00, struct.pack("<I", r) + bytes(13)))  # BrtRowHdr
            row = r
        if isinstance(value, str):
            out.append(record(0x06, struct.pack("<2I", c, 0) + _wide(value)))  # BrtCellSt
        else:
            out.append(record(0x05, struct.pack("<2Id", c, 0, float(value))))  # BrtCellReal
    return b"".join([*out, record(0x92), record(0x82)])  # end of sheet data, end of sheet


def write_xlsb(
    path: Path,
    sheets: Sequence[tuple[str, bytes]],
    *,
    hidden: Sequence[str] = (),
) -> Path:
    """Each (name, sheet_bin(…)) as a sheet of an .xlsb at `path`."""
    bundle = b"".join(
        record(
            0x9C,
            struct.pack("<2I", 1 if name in hidden else 0, n) + _wide(f"rId{n}") + _wide(name),
        )
        for n, (name, _) in enumerate(sheets, start=1)
    )
    # calamine stops reading the workbook part at the first record that follows the names.
    book = record(0x83) + bundle + record(0x90) + record(0x9D, bytes(12))
    rels = "".join(
        f'<Relationship Id="rId{n}" Type="{_REL}/worksheet" Target="worksheets/sheet{n}.bin"/>'
        for n in range(1, len(sheets) + 1)
    )
    members = [
        pk.deflated(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats'
            '.org/package/2006/content-types"><Default Extension="bin" ContentType="application'
            '/vnd.ms-excel.sheet.binary.macroEnabled.main"/></Types>',
        ),
        pk.deflated(
            "_rels/.rels",
            f'{pk.XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            f'relationships"><Relationship Id="rId1" Type="{_REL}/officeDocument" '
            'Target="xl/workbook.bin"/></Relationships>',
        ),
        pk.deflated("xl/workbook.bin", book),
        pk.deflated(
            "xl/_rels/workbook.bin.rels",
            f'{pk.XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            f'relationships">{rels}</Relationships>',
        ),
        *(pk.deflated(f"xl/worksheets/sheet{n}.bin", xml) for n, (_, xml) in enumerate(sheets, 1)),
    ]
    return pk.write_zip(path, members)


def rows_to_cells(rows: Sequence[Sequence[object]]) -> list[Cell]:
    return [(r, c, v) for r, row in enumerate(rows) for c, v in enumerate(row) if v is not None]
