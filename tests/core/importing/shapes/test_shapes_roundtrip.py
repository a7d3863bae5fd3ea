"""The shape builders and writers, not the importer: every shape written as .xlsx and .ods
reads back through the app's reader cell for cell, and each Expected agrees with its book."""

from __future__ import annotations

import zipfile
from datetime import date, datetime

import pytest

from commissioner_desk.importing.readers.workbook import read_workbook

from . import ALL_SHAPES, Shape
from .a1 import parse_cell, parse_range
from .forces import codes, regions, territorial
from .grid import stored
from .model import Book, SheetSpec
from .write import write

ONS_ORDER = (
    "Cleveland, Durham, Northumbria, Cheshire, Cumbria, Greater Manchester, Lancashire, "
    "Merseyside, Humberside, North Yorkshire, South Yorkshire, West Yorkshire, Derbyshire, "
    "Leicestershire, Lincolnshire, Northamptonshire, Nottinghamshire, Staffordshire, "
    "Warwickshire, West Mercia, West Midlands, Bedfordshire, Cambridgeshire, Essex, "
    "Hertfordshire, Norfolk, Suffolk, London, City of, Metropolitan Police, Hampshire, Kent, "
    "Surrey, Sussex, Thames Valley, Avon and Somerset, Devon & Cornwall, Dorset, "
    "Gloucestershire, Wiltshire, Dyfed-Powys, Gwent, North Wales, South Wales"
)


def _same(read: object, written: object) -> bool:
    """Numbers come back as numbers (calamine gives floats), dates as date or datetime."""
    if isinstance(written, (date, datetime)):
        day = written.date() if isinstance(written, datetime) else written
        got = read.date() if isinstance(read, datetime) else read
        return isinstance(read, date) and got == day
    if isinstance(written, (int, float)):
        return isinstance(read, (int, float)) and not isinstance(read, bool) and read == written
    return read == written


def _check_book(book: Book, path) -> None:
    sheets = read_workbook(write(book, path)).sheets
    assert [s.name for s in sheets] == [s.name for s in book.sheets]
    for spec, sheet in zip(book.sheets, sheets, strict=True):
        assert sheet.hidden == spec.hidden, spec.name
        width = max((len(r) for r in spec.rows), default=0)
        for r in range(max(len(spec.rows), len(sheet.rows))):
            for c in range(width + 1):
                written = spec.rows[r][c] if r < len(spec.rows) and c < len(spec.rows[r]) else None
                read = sheet.cell(r, c)
                assert _same(read, written), f"{spec.name} row {r + 1} col {c + 1}: {read!r}"
        if path.suffix == ".xlsx":  # calamine reads no merges from .ods (see Sheet.merged)
            assert sorted(sheet.merged) == sorted(parse_range(m) for m in spec.merged)


def _at(rows: tuple[tuple[object, ...], ...], ref: str) -> object:
    r, c = parse_cell(ref)
    return rows[r - 1][c - 1] if c <= len(rows[r - 1]) else None


def _covered_are_blank(spec: SheetSpec) -> None:
    for area in spec.merged:
        r0, c0, r1, c1 = parse_range(area)
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if (r, c) != (r0, c0) and r < len(spec.rows) and c < len(spec.rows[r]):
                    assert spec.rows[r][c] is None, f"{spec.name}: {area} covers a value"


@pytest.mark.parametrize("suffix", [".xlsx", ".ods"])
@pytest.mark.parametrize("name", sorted(ALL_SHAPES))
def test_shape_reads_back_as_written(name: str, suffix: str, tmp_path) -> None:
    _check_book(ALL_SHAPES[name]().book, tmp_path / f"{name}{suffix}")


@pytest.mark.parametrize("name", sorted(ALL_SHAPES))
def test_expected_agrees_with_the_cells(name: str) -> None:
    shape: Shape = ALL_SHAPES[name]()
    assert shape.name == name
    assert (shape.expected is None) == bool(shape.refusal)
    for spec in shape.book.sheets:
        assert all(v != "" for row in spec.rows for v in row), "blank cells must be None"
        _covered_are_blank(spec)
    for expected in shape.expected_by_table:
        rows = shape.book.sheet(expected.sheet).rows
        assert set(expected.cells) == set(expected.figures)
        for key, ref in expected.cells.items():
            assert stored(_at(rows, ref)) == expected.figures[key], (key, ref)
            assert key[1] in expected.periods
        assert {f for f, _, _ in expected.figures} == set(expected.force_rows)
        assert all(isinstance(_at(rows, ref), str) for ref in expected.aggregate_rows)
        # The title as printed is the clean title with its footnote markers after it.
        assert any(r and str(r[0]).startswith(expected.title) for r in rows)


def test_ods_merges_are_spanned_cells(tmp_path) -> None:
    """calamine reads no merges from .ods, so look at the XML: the spans and covered cells
    LibreOffice writes for a merged area."""
    path = write(ALL_SHAPES["generic_columns"]().book, tmp_path / "merged.ods")
    xml = zipfile.ZipFile(path).read("content.xml").decode()
    assert 'table:number-rows-spanned="1" table:number-columns-spanned="5"' in xml
    assert xml.count('table:number-rows-spanned="2" table:number-columns-spanned="1"') == 2
    assert xml.count("<table:covered-table-cell/>") == 4 + 1 + 1


def test_builders_are_deterministic_and_seeded() -> None:
    first, again, other = (ALL_SHAPES["markers"](seed=s) for s in (0, 0, 1))
    assert first.book == again.book
    assert first.book != other.book


def test_forces_in_ons_order_by_region() -> None:
    assert ", ".join(f.ons_name for f in territorial()) == ONS_ORDER
    assert len(codes()) == 43 and len(set(codes())) == 43
    assert [r.code for r in regions()][-1] == "W92000004"
    assert [r.code for r in regions()][:9] == [f"E1200000{n}" for n in range(1, 10)]


def test_region_and_national_rows_add_up() -> None:
    """Region rows hold the sums of their forces, found by code (ONS) or by the first row
    of the region's name (workforce: the West Midlands region comes before the force)."""
    ons = ALL_SHAPES["ons_pfa_codes"]()
    by_code = {r[0]: r for r in ons.book.sheet("Table P1").rows if r}
    workforce = ALL_SHAPES["workforce_regions_above"]()
    by_name: dict[object, tuple] = {}
    for row in workforce.book.sheets[0].rows:
        by_name.setdefault(row[0] if row else None, row)
    for region in regions():
        crime = sum(ons.expected.figures[c, "YE2024-06", ""] for c in region.codes)
        assert by_code[region.code][2] == crime
        officers = sum(workforce.expected.figures[c, "2024-Q1", ""] for c in region.codes)
        assert by_name[region.short][1] == round(officers, 2)
    assert by_code["K04000001"][2] == sum(ons.expected.figures[c, "YE2024-06", ""] for c in codes())
