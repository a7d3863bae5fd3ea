"""The bad-file corpus: each entry writes one file into a folder and returns its path.

Every file is built here, from a seed where it is random, so a failure can be reproduced. The
bombs are small on disk (a few megabytes at most) and are never inflated by the test itself.
"""

from __future__ import annotations

import io
import random
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import openpyxl

from . import packages as pk
from . import xlsb as xb
from .xls import write_xls

Builder = Callable[[Path], Path]
RETURN_ROWS = (
    ("Force", "Period", "Metric", "Value"),
    ("Kent", "2024-Q1", "NRM referrals", 12),
    ("Essex", "2024-Q1", "NRM referrals", 7),
)


def good_xlsx(path: Path, rows=RETURN_ROWS) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Returns"
    for row in rows:
        ws.append(list(row))
    wb.save(path)
    return path


def random_bytes(suffix: str, seed: int, prefix: bytes = b"") -> Builder:
    def build(folder: Path) -> Path:
        data = prefix + random.Random(seed).randbytes(20_000)
        path = folder / f"random-{seed}{suffix}"
        path.write_bytes(data)
        return path

    return build


def truncated(fraction: float) -> Builder:
    def build(folder: Path) -> Path:
        data = good_xlsx(folder / "whole.xlsx").read_bytes()
        path = folder / f"cut-{int(fraction * 100)}.xlsx"
        path.write_bytes(data[: int(len(data) * fraction)])
        return path

    return build


def _cells(rows: int, first: int = 1) -> str:
    return "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>' for r in range(first, rows))


def zip_bomb(folder: Path, *, lie: bool = False) -> Path:
    """A sheet whose XML inflates to 3 GiB of blanks between two rows; `lie` declares it as
    a few kilobytes in the zip's headers (so only inflating it shows the truth)."""
    head = (pk.SHEET_OPEN + _cells(3)).encode()
    block = b" " * (1 << 20)
    sheet = pk.repeated(
        "xl/worksheets/sheet1.xml",
        head,
        block,
        3 * 1024,
        pk.SHEET_CLOSE.encode(),
        declared=4096 if lie else None,
    )
    parts = pk.xlsx_parts([("Sheet1", "")])
    parts = [sheet if m.name == sheet.name else m for m in parts]
    return pk.write_zip(folder / ("lying bomb.xlsx" if lie else "zip bomb.xlsx"), parts)


def shared_string_bomb(folder: Path) -> Path:
    """One 1 MB shared string used by 20,000 cells: 30 kB on disk, 20 GB once every cell holds
    its own copy (as calamine lays cells out)."""
    cells = "".join(f'<row r="{r}"><c r="A{r}" t="s"><v>0</v></c></row>' for r in range(1, 20_001))
    parts = pk.xlsx_parts(
        [("Sheet1", pk.SHEET_OPEN + cells + pk.SHEET_CLOSE)], pk.shared_strings("A" * (1 << 20))
    )
    return pk.write_zip(folder / "amplified strings.xlsx", parts)


_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">'
        for n in range(1, 10)
    )
    + "]>"
)


def entity_bomb(where: str) -> Builder:
    """ "Billion laughs": nine levels of entities, each ten of the one below (3 GB expanded),
    used in the shared strings, in a sheet's cells, or in the workbook part; "external" instead
    refers to a file on this machine (it must never be read into the workbook)."""

    def build(folder: Path) -> Path:
        use = "&lol9;" if where != "external" else "&secret;"
        doctype = _LAUGHS
        if where == "external":
            doctype = (
                '<?xml version="1.0"?><!DOCTYPE s [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
            )
        sst = pk.shared_strings("Force", "Kent")
        sheet = pk.SHEET_OPEN + (
            '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>Value</t>'
            '</is></c></row><row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2"><v>4</v></c></row>'
        )
        sheet += pk.SHEET_CLOSE
        if where in ("shared", "external"):
            sst = sst.replace(pk.XML_HEAD, doctype).replace("<t>Kent</t>", f"<t>{use}</t>")
        elif where == "sheet":
            sheet = sheet.replace(pk.XML_HEAD, doctype).replace("<t>Value</t>", f"<t>{use}</t>")
        parts = pk.xlsx_parts([("Sheet1", sheet)], sst)
        if where == "workbook":
            parts = [
                pk.deflated(m.name, _LAUGHS + _inflate(m)[len(pk.XML_HEAD) :])
                if m.name == "xl/workbook.xml"
                else m
                for m in parts
            ]
        return pk.write_zip(folder / f"entities in {where}.xlsx", parts)

    return build


def _inflate(member: pk.Member) -> str:
    return zlib.decompress(member.payload, -15).decode()


def encrypted(suffix: str) -> Builder:
    """A workbook saved with "Encrypt with Password" (ECMA-376 agile encryption)."""

    def build(folder: Path) -> Path:
        import msoffcrypto.format.ooxml as ooxml

        plain = good_xlsx(folder / "plain.xlsx")
        out = io.BytesIO()
        with plain.open("rb") as source:
            ooxml.OOXMLFile(source).encrypt("secret", out)
        path = folder / f"locked{suffix}"
        path.write_bytes(out.getvalue())
        return path

    return build


def formulas_without_results(folder: Path) -> Path:
    rows = [RETURN_ROWS[0], ("Kent", "2024-Q1", "NRM referrals", "=2*6")]
    return good_xlsx(folder / "scripted.xlsx", rows)


def xlsx_named_xls(folder: Path) -> Path:
    """Not bad at all: read by content. Stored only when asked; here the table is fine."""
    return good_xlsx(folder / "renamed.xlsx").rename(folder / "renamed.xls")


def xls_named_xlsx(folder: Path) -> Path:
    return write_xls(folder / "old format.xlsx", RETURN_ROWS, sheet="Returns")


def huge_string(folder: Path) -> Path:
    """A 10 MB cell, which Excel cannot hold (32,767 characters at most)."""
    rows = [*RETURN_ROWS, ("Kent" * 2_500_000, "2024-Q2", "NRM referrals", 1)]
    sheet = pk.SHEET_OPEN + pk.sheet_rows(rows) + pk.SHEET_CLOSE
    return pk.write_zip(folder / "huge text.xlsx", pk.xlsx_parts([("Returns", sheet)]))


def control_characters(folder: Path) -> Path:
    """Control characters, which Excel cannot type, in cells and in the sheet's name (stored
    as Excel escapes them: _x0001_)."""
    rows = [
        RETURN_ROWS[0],
        ("Kent_x0000_", "2024-Q1", "NRM referrals", 12),
        ("Essex_x0007_\x1b", "2024-Q1_x001B_", "NRM_x000B_referrals", 7),
    ]
    sheet = pk.SHEET_OPEN + pk.sheet_rows(rows)
    parts = pk.xlsx_parts([("Ret_x0001_urns", sheet + pk.SHEET_CLOSE)])
    return pk.write_zip(folder / "control characters.xlsx", parts)


def every_sheet_hidden(folder: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Returns"
    for row in RETURN_ROWS:
        ws.append(list(row))
    wb.create_sheet("Notes")["A1"] = "nothing to see"
    path = folder / "all hidden.xlsx"
    wb.save(path)
    # openpyxl refuses to save a workbook with no visible sheet, as Excel does: edit the part.
    parts = []
    with zipfile.ZipFile(path) as z:
        for info in z.infolist():
            data = z.read(info)
            if info.filename == "xl/workbook.xml":
                data = data.replace(b'state="visible"', b'state="hidden"')
            parts.append(pk.deflated(info.filename, data))
    return pk.write_zip(path, parts)


def non_ascii_name(folder: Path) -> Path:
    path = folder / "Révision — 東京 ✓ ﷺ 🙂.xlsx"
    path.write_bytes(random.Random(7).randbytes(5000))
    return path


def ods_repeat_bomb(folder: Path) -> Path:
    """A filled cell repeated 100 million times by attributes: 1 kB on disk, 3 GB laid out."""
    table = (
        '<table:table table:name="Sheet1"><table:table-row table:number-rows-repeated="100000">'
        '<table:table-cell table:number-columns-repeated="1000" office:value-type="float" '
        'office:value="1"><text:p>1</text:p></table:table-cell></table:table-row></table:table>'
    )
    return pk.ods(folder / "repeated.ods", pk.ods_content(table))


def xls_broken_container(folder: Path) -> Path:
    """An .xls whose container gives its workbook stream a size that does not fit it: calamine's
    Rust code panics on it (a PanicException, which is not an Exception)."""
    path = write_xls(folder / "broken container.xls", RETURN_ROWS, sheet="Returns")
    data = bytearray(path.read_bytes())
    at = 512 + 512 + 128 + 120  # the directory sector, its second entry, the stream's size
    data[at : at + 8] = (100).to_bytes(8, "little")
    path.write_bytes(bytes(data))
    return path


def million_rows(folder: Path, columns: int, rows: int = 1_000_000) -> Path:
    """`rows` rows of `columns` numbers, written straight as XML (openpyxl takes a minute)."""
    letters = "ABCDEFGH"[:columns]
    lines = (
        f'<row r="{r}">' + "".join(f'<c r="{c}{r}"><v>{r}</v></c>' for c in letters) + "</row>"
        for r in range(1, rows + 1)
    )
    sheet = pk.SHEET_OPEN + "".join(lines) + pk.SHEET_CLOSE
    name = f"million rows x {columns}.xlsx" if rows == 1_000_000 else f"{rows} rows.xlsx"
    return pk.write_zip(folder / name, pk.xlsx_parts([("Sheet1", sheet)]))


def million_force_rows(folder: Path) -> Path:
    """A published-style table of 1,000,000 rows: force names (some unknown, some totals,
    every force many times over) and one column of figures."""
    names = ("Kent", "Essex", "Surrey", "Total", "Unknown place")
    head = (
        '<row r="1"><c r="A1" t="inlineStr"><is><t>Force</t></is></c>'
        '<c r="B1" t="inlineStr"><is><t>NRM referrals</t></is></c></row>'
    )
    rows = (
        f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>{names[r % 5]}</t></is></c>'
        f'<c r="B{r}"><v>{r}</v></c></row>'
        for r in range(2, 1_000_001)
    )
    sheet = pk.SHEET_OPEN + head + "".join(rows) + pk.SHEET_CLOSE
    return pk.write_zip(folder / "million force rows.xlsx", pk.xlsx_parts([("Sheet1", sheet)]))


# A value typed by accident in the last cell, XFD1048576 (0-based row 1,048,575, column 16,383),
# in each format: calamine would lay out 17 billion cells, and the failed allocation would end
# the program. The sheet's declared size says only the table's (understating it) or nothing.
FAR_ROW, FAR_COL = 1_048_575, 16_383


def xlsx_understated(folder: Path) -> Path:
    """An .xlsx whose <dimension> says A1:D3 while a cell far beyond holds a value."""
    rows = pk.sheet_rows(RETURN_ROWS)
    far = '<row r="1048576"><c r="XFD1048576"><v>9</v></c></row>'
    head = pk.SHEET_OPEN.replace("<sheetData>", '<dimension ref="A1:D3"/><sheetData>')
    sheet = head + rows + far + pk.SHEET_CLOSE
    return pk.write_zip(folder / "understated.xlsx", pk.xlsx_parts([("Returns", sheet)]))


def xlsb_far_corner(folder: Path, col: int = FAR_COL) -> Path:
    """An .xlsb with the table and a value at XFD1048576 (or in column `col` of that row),
    its declared dimension the table's alone."""
    cells = [*xb.rows_to_cells(RETURN_ROWS), (FAR_ROW, col, 9)]
    sheet = xb.sheet_bin(cells, dimension=(0, 2, 0, 3))
    return xb.write_xlsb(folder / f"far corner {col}.xlsb", [("Returns", sheet)])


def xls_far_corner(folder: Path) -> Path:
    """An .xls with a value in its last cell, IV65536: 16.7 million cells, declared as 3 rows."""
    return write_xls(
        folder / "far corner.xls", RETURN_ROWS, "Returns", more=[(65_535, 255, 9)],
        dimension=(0, 3, 0, 4),
    )  # fmt: skip


def xls_declaring(rows: int, *, mini: bool = False) -> Builder:
    """An ordinary .xls whose DIMENSIONS record declares `rows` rows (calamine sets aside 40
    bytes a cell for them); `mini` keeps its workbook stream in the container's mini stream."""

    def build(folder: Path) -> Path:
        name = f"declares {rows} rows{' (mini stream)' if mini else ''}.xls"
        return write_xls(
            folder / name, RETURN_ROWS, "Returns", dimension=(0, rows, 0, 4), mini=mini
        )

    return build


def csv_of(name: str, head: bytes, block: bytes, times: int, tail: bytes = b"") -> Builder:
    """A CSV of `head`, `block` `times` over, then `tail`, written a block at a time."""

    def build(folder: Path) -> Path:
        path = folder / name
        with path.open("wb") as out:
            out.write(head)
            for _ in range(times):
                out.write(block)
            out.write(tail)
        return path

    return build


def sparse_xlsx(folder: Path) -> Path:
    """A table at A1 and one more value 999 rows below and 999 columns to the right: a million
    cells laid out, nearly all of them empty."""
    far = '<row r="1000"><c r="ALL1000"><v>1</v></c></row>'
    sheet = pk.SHEET_OPEN + _cells(4) + far + pk.SHEET_CLOSE
    return pk.write_zip(folder / "sparse.xlsx", pk.xlsx_parts([("Sheet1", sheet)]))


def xlsx_far_row_without_references(folder: Path) -> Path:
    """A1, then a last row (1,048,576) of 16,384 cells written without their r="…" references,
    as some programs write them: calamine places each after the one before, and lays out 17
    billion cells. The checks before calamine count referenced cells only; the memory cap of
    the reader process stops this one."""
    cells = "<c><v>1</v></c>" * 16_384
    sheet = pk.SHEET_OPEN + _cells(2) + f'<row r="1048576">{cells}</row>' + pk.SHEET_CLOSE
    return pk.write_zip(folder / "no references.xlsx", pk.xlsx_parts([("Sheet1", sheet)]))
