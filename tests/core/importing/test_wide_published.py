"""The wide layout on a table shaped like the Home Office's NRM statistics by police force: title
with the period, notes above the header, a two-row header with merged cells, category columns
and a Total column, total rows, [note] markers, markers and numbers stored as text."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import openpyxl
import pytest

from commissioner_desk.domain.enums import ObservationStatus
from commissioner_desk.importing.layouts.wide_layout import read_layout
from commissioner_desk.importing.model import ImportOptions, ReadContext
from commissioner_desk.importing.plan import plan_file
from commissioner_desk.importing.readers.workbook import Sheet, Workbook, read_workbook

from .conftest import KENT, MET, TODAY, table, write_csv, write_xlsx

AVON, DEVON, ESSEX = "E23000036", "E23000035", "E23000028"
TITLE = "Table 13: NRM referrals by police force, October to December 2023"
HEAD_TOP = ("Police force", "Age group", None, None, "Exploitation type", None, None, None, "Total")
HEAD = (
    None,
    "Adult (18 or over)",
    "Child (17 or under)",
    "Age not specified",
    "Labour",
    "Sexual",
    "Labour & Criminal",
    "Not specified or unknown",
    None,
)
MERGED = ("A1:I1", "A5:A6", "B5:D5", "E5:H5", "I5:I6")
# name → adult, child, age unknown, labour, sexual, labour & criminal, unknown type, total
FORCES: dict[str, tuple[object, ...]] = {
    "Avon and Somerset Constabulary": (10, "5", "[x]", 4, 6, 2, 3, 17),
    "Metropolitan Police [note 6]": ("1,200", 300, 0, 500, 400, 100, 500, 1500),
    "Kent Police ": (20, 10, "-", 12, 8, 5, 5, 30),
    "Devon & Cornwall Police[Note 2]": (" 7 ", 2, 0, 3, 3, 0, 3, 9),
    "British Transport Police": (3, None, 0, 1, 1, 0, 1, 3),
    "Police Scotland": (40, 10, 0, 20, 20, 5, 5, 50),
    "PSNI": (5, 1, 0, 2, 2, 1, 1, 6),
    "North East ROCU": (2, 0, 0, 1, 0, 0, 1, 2),
}
TERRITORIAL = ("Avon and Somerset Constabulary", "Metropolitan Police [note 6]", "Kent Police ")
TERRITORIAL += ("Devon & Cornwall Police[Note 2]",)


def _number(v: object) -> int:
    if isinstance(v, str):
        v = v.replace(",", "").strip()
        return int(v) if v.isdigit() else 0
    return v or 0


def _sums(forces: dict[str, tuple[object, ...]], names: Sequence[str]) -> list[int]:
    return [sum(_number(forces[n][i]) for n in names) for i in range(8)]


def nrm_rows(forces: dict[str, tuple[object, ...]] = FORCES, off_by: int = -5) -> list:
    """The table: E&W total above the forces (its Child figure off by `off_by`, below the sum
    of the forces given, so it is wrong even though most forces are not in the table), Total
    below."""
    england_wales = _sums(forces, TERRITORIAL)
    england_wales[1] += off_by
    return [
        (TITLE,),
        ("This worksheet contains one table. Some cells refer to notes [note 1]",),
        ("Source: Home Office, published 7 March 2024",),
        (),
        HEAD_TOP,
        HEAD,
        ("England and Wales", *england_wales),
        *((name, *values) for name, values in forces.items()),
        ("Total", *_sums(forces, list(forces))),
        (),
        ("Note 6: the Metropolitan Police Service figures include referrals by the MPS.",),
    ]


def book(path: Path, rows: Sequence[Sequence[object]], merged: Sequence[str] = MERGED) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Table_13"
    for row in rows:
        ws.append(list(row))
    for area in merged:
        ws.merge_cells(area)
    cover = wb.create_sheet("Cover", 0)  # published workbooks open on a cover sheet
    cover.append(["Modern Slavery: NRM and DtN statistics, UK, October to December 2023"])
    wb.save(path)
    return path


@pytest.fixture
def nrm(tmp_path, resolver):
    return plan_file(book(tmp_path / "nrm.xlsx", nrm_rows()), resolver, today=TODAY)


def figures_by(plan, code: str) -> dict[str, object]:
    return {f.breakdown: f for f in plan.figures if f.force_code == code}


def test_published_table_is_read_as_wide_with_title_period_and_metric(nrm):
    assert nrm.layout == "wide" and nrm.sheet == "Table_13"
    assert {(f.period_key, f.metric_key) for f in nrm.figures} == {("2023-Q4", "nrm_referrals")}
    assert nrm.details["period_source"] == "title" and nrm.details["metric_source"] == "title"
    assert nrm.details["header_rows"] == "5-6"


def test_two_row_merged_header_maps_published_labels(nrm):
    avon = figures_by(nrm, AVON)
    assert set(avon) == {
        "age=adult",
        "age=child",
        "age=unknown",
        "exploitation=labour",
        "exploitation=sexual",
        "exploitation=multiple",
        "exploitation=unknown",
        "",
    }
    assert avon["age=adult"].cell == "B8" and avon[""].cell == "I8"
    assert avon[""].value == 17
    # The published label is kept where a category was folded into a wider one.
    (lossy,) = [w for w in nrm.warnings if w.cell == "G6"]
    assert "Labour & Criminal" in lossy.message and "Multiple types" in lossy.message
    assert "Adult (18 or over)" in nrm.details["columns"]


def test_cells_as_published(nrm):
    avon, met, kent, devon = (figures_by(nrm, c) for c in (AVON, MET, KENT, DEVON))
    assert met["age=adult"].value == 1200  # "1,200" stored as text
    assert avon["age=child"].value == 5  # "5" stored as text
    assert devon["age=adult"].value == 7  # " 7 " with spaces
    assert avon["age=unknown"].status is ObservationStatus.SUPPRESSED  # [x]
    assert kent["age=unknown"].status is ObservationStatus.NOT_APPLICABLE  # -
    assert met["age=unknown"].value == 0 and met["age=unknown"].status is ObservationStatus.VALUE


def test_footnote_markers_and_spacing_in_force_names(nrm):
    assert {MET, KENT, DEVON} <= {f.force_code for f in nrm.figures}
    assert figures_by(nrm, MET)[""].force_name == "Metropolitan Police Service"


def test_non_territorial_bodies_are_kept_as_themselves(nrm):
    codes = {f.force_code for f in nrm.figures}
    assert {"BTP", "S23000009", "N92000002", "ROCU-NE"} <= codes


def test_blank_is_a_warning_and_never_a_figure(nrm):
    btp = figures_by(nrm, "BTP")
    assert "age=child" not in btp and btp["age=adult"].value == 3
    (blank,) = [w for w in nrm.warnings if w.cell == "C12"]
    assert "British Transport Police" in blank.message and "not counted as zero" in blank.message


def test_total_rows_are_skipped_but_reconciled(nrm):
    assert nrm.ok and len(nrm.figures) == 8 * 8 - 1  # eight bodies, one blank cell
    rows = {int(f.cell[1:]) for f in nrm.figures}
    assert rows == set(range(8, 16))  # not row 7 (England and Wales) nor 16 (Total)
    # Only the column that does not add up is flagged; "England and Wales" covers the
    # territorial forces only, "Total" every row. With most forces not in the table, a total
    # above the sum may be right; one below it never is.
    reconciled = [w for w in nrm.warnings if "add up to" in w.message]
    assert [(w.cell, w.message) for w in reconciled] == [
        (
            "C7",
            'The forces\' figures for "Age group / Child (17 or under)" add up to 317, not '
            "the 312 given for England and Wales here.",
        )
    ]
    notes = {n.cell: n.why for n in nrm.table.aggregate_rows}
    assert notes == {"A7": "total for England and Wales", "A16": "total"}


def test_unresolved_name_is_an_error_at_its_cell_with_suggestions(tmp_path, resolver):
    forces = {**FORCES, "Kentt Constabulary": (1, 0, 0, 1, 0, 0, 0, 1)}
    plan = plan_file(book(tmp_path / "t.xlsx", nrm_rows(forces)), resolver, today=TODAY)
    assert plan.unresolved == ("Kentt Constabulary",)
    (err,) = plan.errors
    assert err.location == "Table_13!A16"
    assert err.message.endswith("Did you mean Kent Police?")
    # Everything else is still read and checked in the same pass.
    assert len(plan.figures) == 63 and any("add up to" in w.message for w in plan.warnings)


def test_merges_are_read_from_the_workbook(tmp_path):
    wb = read_workbook(book(tmp_path / "t.xlsx", nrm_rows()))
    sheet = next(s for s in wb.sheets if s.name == "Table_13")
    assert (4, 1, 4, 3) in sheet.merged and (4, 0, 5, 0) in sheet.merged  # B5:D5, A5:A6
    assert sheet.cell(4, 2) is None  # calamine gives a merged area's value in its first cell


def test_without_merge_information_group_headings_spread_right(tmp_path, resolver, nrm):
    # .ods as calamine reads it, or a header whose groups were never merged: same result.
    wb = read_workbook(book(tmp_path / "t.xlsx", nrm_rows()))
    sheets = tuple(Sheet(s.name, s.rows, s.hidden) for s in wb.sheets)
    assert all(s.merged == () for s in sheets)
    ctx = ReadContext(tmp_path / "t.xlsx", resolver, TODAY)
    result = read_layout(Workbook(wb.path, sheets), ctx)
    assert result is not None and result.layout == "wide"
    assert {f.key: (f.value, f.cell) for f in result.figures} == {
        f.key: (f.value, f.cell) for f in nrm.figures
    }


def test_csv_of_a_published_table(tmp_path, resolver, nrm):
    plan = plan_file(write_csv(tmp_path / "t.csv", nrm_rows()), resolver, today=TODAY)
    assert plan.layout == "wide" and plan.ok
    assert {(f.key, f.value) for f in plan.figures} == {(f.key, f.value) for f in nrm.figures}


def test_long_tables_still_go_to_the_long_reader(tmp_path, resolver):
    rows = table(
        ("Kent", "2024-Q1", "NRM referrals", "All", 5),
        ("Essex", "2024-Q1", "NRM referrals", "All", 2),
    )
    plan = plan_file(write_xlsx(tmp_path / "long.xlsx", rows), resolver, today=TODAY)
    assert plan.layout == "long" and plan.ok and len(plan.figures) == 2


def test_notes_below_are_ignored_and_headings_without_figures_warned(tmp_path, resolver):
    rows = nrm_rows()
    rows.insert(11, ("Other police bodies",))  # a section heading above BTP
    plan = plan_file(book(tmp_path / "t.xlsx", rows), resolver, today=TODAY)
    assert plan.ok and len(plan.figures) == 63
    (heading,) = [w for w in plan.warnings if "Other police bodies" in w.message]
    assert heading.cell == "A12" and "skipped" in heading.message
    assert not [w for w in plan.warnings if "Note 6" in w.message]


def test_a_second_table_below_is_a_table_of_its_own(tmp_path, resolver):
    rows = [*nrm_rows()[:-2], (), HEAD_TOP, HEAD, ("Kent Police", 1, 1, 1, 1, 1, 1, 1, 3)]
    path = book(tmp_path / "t.xlsx", rows)
    plan = plan_file(path, resolver, today=TODAY)
    assert not plan.ok and not plan.figures and plan.details["needs"] == "table"
    assert [(t.sheet, t.number, t.cells) for t in plan.tables] == [
        ("Table_13", 1, "A5:I16"),
        ("Table_13", 2, "A18:I20"),
    ]
    assert "choose the one to import" in plan.errors[0].message
    # The second table has no title (not the one above it: that is another table's), so it
    # says neither what it counts nor when: the user says.
    asked = plan_file(path, resolver, today=TODAY, options=ImportOptions(table=2))
    assert not asked.ok and asked.details["needs"] == "metric,period"
    chosen = ImportOptions(table=2, period="2023-Q4", metric="nrm_referrals")
    second = plan_file(path, resolver, today=TODAY, options=chosen)
    assert second.ok and {f.cell for f in second.figures} == {f"{c}20" for c in "BCDEFGHI"}
    assert not [w for w in second.warnings if "other tables" in w.message]
    assert (second.table.number, second.table.cells) == (2, "A18:I20")
    first = plan_file(path, resolver, today=TODAY, options=ImportOptions(table=1))
    assert first.ok and len(first.figures) == 63


def test_other_sheets_with_tables_are_named(tmp_path, resolver):
    path = book(tmp_path / "t.xlsx", nrm_rows())
    wb = openpyxl.load_workbook(path)
    other = wb.create_sheet("Table_14")
    for row in nrm_rows():
        other.append(list(row))
    hidden = wb.create_sheet("Lookup", 0)
    hidden.sheet_state = "hidden"
    for row in nrm_rows():
        hidden.append(list(row))
    wb.save(path)
    plan = plan_file(path, resolver, today=TODAY)
    # The user picks; a hidden copy is not a table of its own while visible sheets have one.
    assert plan.details["needs"] == "table" and not plan.figures
    assert [t.sheet for t in plan.tables] == ["Table_13", "Table_14"]
    chosen = plan_file(path, resolver, today=TODAY, options=ImportOptions(sheet="table_14"))
    assert chosen.ok and chosen.sheet == "Table_14" and len(chosen.figures) == 63
    missing = plan_file(path, resolver, today=TODAY, options=ImportOptions(sheet="Cover"))
    assert 'no table by police force area on a sheet named "Cover"' in missing.errors[0].message
    assert "Table_13" in missing.errors[0].message


def test_a_list_of_forces_without_figures_is_not_a_wide_table(tmp_path, resolver):
    rows = [("Force", "Contact"), ("Kent", "a@kent"), ("Essex", "b@essex"), ("Surrey", "c@s")]
    plan = plan_file(write_xlsx(tmp_path / "t.xlsx", rows), resolver, today=TODAY)
    assert plan.layout == "none"
