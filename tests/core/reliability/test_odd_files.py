"""Files that look wrong but hold good figures are imported, on both databases, with what was odd
about them cleaned and said: a workbook renamed to the other Excel extension, control characters
in cells and sheet names, names of files and sheets no database column was made for."""

from __future__ import annotations

import os
import sys
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select

from commissioner_desk.db.models import ImportBatch, Observation, SourceFile
from commissioner_desk.importing import commit_plan, plan_file

from . import corpus as c
from . import packages as pk
from .conftest import TODAY


def _imported(db, path: Path, resolver) -> tuple[object, list[Observation]]:
    plan = plan_file(path, resolver, today=TODAY)
    assert plan.ok, plan.problems
    outcome = commit_plan(db, plan)
    with db.session() as s:
        rows = list(s.scalars(select(Observation).where(Observation.batch_id == outcome.batch_id)))
        s.expunge_all()
    return plan, rows


@pytest.mark.parametrize(
    "build", [c.xlsx_named_xls, c.xls_named_xlsx], ids=["xlsx as .xls", "xls as .xlsx"]
)
def test_a_workbook_with_the_other_extension_is_read_by_content(db, tmp_path, resolver, build):
    _, rows = _imported(db, build(tmp_path), resolver)
    assert sorted((r.value, r.sheet, r.cell) for r in rows) == [
        (7, "Returns", "D3"),
        (12, "Returns", "D2"),
    ]


def test_control_characters_are_read_as_spaces_and_the_cells_named(db, tmp_path, resolver):
    path = c.control_characters(tmp_path)
    plan, rows = _imported(db, path, resolver)

    assert sorted(r.value for r in rows) == [7, 12]  # Kent and Essex, periods and metrics read
    [note] = plan.warnings
    assert (note.sheet, note.cell) == ("Ret_x0001_urns", "A2")  # Excel's escape, shown as is
    assert note.message.startswith("Cells A2, A3, B3, C3 held control characters")


def test_a_control_character_in_a_sheet_name_is_read_as_a_space(db, tmp_path, resolver):
    rows = pk.sheet_rows(c.RETURN_ROWS)
    path = pk.write_zip(
        tmp_path / "bell.xlsx",
        pk.xlsx_parts([("Ret\x07urns", pk.SHEET_OPEN + rows + pk.SHEET_CLOSE)]),
    )
    plan, stored = _imported(db, path, resolver)
    assert {r.sheet for r in stored} == {"Ret urns"}
    assert any("name of this sheet holds control characters" in p.message for p in plan.warnings)


def test_a_non_ascii_file_name_is_stored_as_it_is(db, tmp_path, resolver):
    name = "Révision — 東京 ✓ 🙂 Avon & Somerset.xlsx"
    path = c.good_xlsx(tmp_path / name)
    _, rows = _imported(db, path, resolver)
    with db.session() as s:
        assert (
            s.scalar(select(SourceFile.file_name).where(SourceFile.id == rows[0].source_file_id))
            == name
        )
        batch = s.get(ImportBatch, rows[0].batch_id)
        assert batch.note.startswith(name)


@pytest.mark.skipif(sys.platform == "win32", reason="Windows file names are always text")
def test_a_file_name_that_is_not_valid_text_is_stored_readably(db, tmp_path, resolver):
    # A Linux file name is bytes; one that is not UTF-8 reaches Python with a lone surrogate,
    # which neither database can store.
    path = c.good_xlsx(Path(os.fsdecode(os.fsencode(tmp_path) + b"/return \xff.xlsx")))
    _, rows = _imported(db, path, resolver)
    with db.session() as s:
        stored = s.scalar(
            select(SourceFile.file_name).where(SourceFile.id == rows[0].source_file_id)
        )
    assert stored == "return ?.xlsx"


def test_a_sheet_name_longer_than_the_column_is_cut(db, tmp_path, resolver):
    path = c.good_xlsx(tmp_path / "long.xlsx")
    with zipfile.ZipFile(path) as z:
        parts = [(i.filename, z.read(i)) for i in z.infolist()]
    long_name = "L" * 300  # Excel allows 31 characters; other programs allow more
    parts = [
        (
            n,
            d.replace(b'name="Returns"', f'name="{long_name}"'.encode())
            if n == "xl/workbook.xml"
            else d,
        )
        for n, d in parts
    ]
    pk.write_zip(path, [pk.deflated(n, d) for n, d in parts])
    plan, rows = _imported(db, path, resolver)
    assert plan.sheet == long_name  # the plan and its messages keep the whole name
    assert {r.sheet for r in rows} == {"L" * 119 + "…"}
