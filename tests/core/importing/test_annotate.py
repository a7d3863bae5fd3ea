"""The annotated copy sent back to a force, and the error report for files that cannot be
annotated: problem cells marked and commented, a Problems sheet, nothing read as a formula."""

from __future__ import annotations

import zipfile
from dataclasses import replace

import openpyxl
import pytest

from commissioner_desk.importing import plan_file
from commissioner_desk.importing.checks.annotate import (
    FILLS,
    HEADER_ROW,
    PROBLEMS_SHEET,
    AnnotateError,
    annotate_workbook,
    suggested_name,
)
from commissioner_desk.importing.checks.problems import error, warning

from .conftest import TODAY, table, write_csv, write_xlsx

NRM = "NRM referrals"
BAD_ROWS = (
    ("Kent", "2024-Q3", NRM, None, 10),
    ("Kentt", "2024-Q3", NRM, None, 3),  # row 7: unknown force in A7
    ("Kent", "2024-Q2", NRM, None, -2),  # row 8: negative count in E8
)
RED, AMBER = FILLS["error"].start_color.rgb, FILLS["warning"].start_color.rgb


def bad_workbook(path, resolver):
    write_xlsx(path, table(*BAD_ROWS), extra={"Sums": [("Total", None), (1, "=A2*2")]})
    plan = plan_file(path, resolver, today=TODAY)
    assert {p.location for p in plan.errors} >= {"Returns!A7", "Returns!E8"}, plan.problems
    return plan


def listed(ws) -> list[tuple]:
    return [
        tuple(c.value for c in row)
        for row in ws.iter_rows(min_row=HEADER_ROW + 1, max_col=3)
        if row[0].value
    ]


def test_problem_cells_are_marked_and_listed(tmp_path, resolver):
    plan = bad_workbook(tmp_path / "kent.xlsx", resolver)
    plan = replace(
        plan, problems=(*plan.problems, warning("Returns", "E6", "Far above last year."))
    )
    out = annotate_workbook(plan, plan.path, tmp_path / "out" / "kent - problems.xlsx")

    assert out == tmp_path / "out" / "kent - problems.xlsx"
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == [PROBLEMS_SHEET, "Returns", "Sums"]
    assert wb.active.title == PROBLEMS_SHEET
    ws = wb["Returns"]
    for ref in ("A7", "E8"):
        assert ws[ref].fill.start_color.rgb == RED
        assert ws[ref].comment.text.startswith("Error: ")
    assert "Kentt" in ws["A7"].comment.text
    assert ws["E6"].fill.start_color.rgb == AMBER
    assert ws["E6"].comment.text == "Warning: Far above last year."
    assert ws["E7"].fill.fill_type is None and ws["E7"].comment is None  # only problem cells
    assert ws["E8"].value == -2 and ws["A7"].value == "Kentt"  # the force's data untouched
    assert wb["Sums"]["B2"].value == "=A2*2"  # formulas stay formulas
    assert ws.sheet_properties.tabColor.rgb.endswith("C00000")

    problems = wb[PROBLEMS_SHEET]
    assert problems["A1"].value == "Problems found in kent.xlsx"
    assert problems["A2"].value.startswith(f"{len(plan.errors)} error(s), 1 warning(s).")
    rows = listed(problems)
    assert len(rows) == len(plan.problems)
    assert rows[-1] == ("Returns!E6", "warning", "Far above last year.")  # errors first
    assert {r[0] for r in rows if r[1] == "error"} >= {"Returns!A7", "Returns!E8"}
    links = {c.value: c.hyperlink.location for c in problems["A"] if c.hyperlink}
    assert links["Returns!A7"] == "'Returns'!A7" and links["Returns!E6"] == "'Returns'!E6"
    assert problems.cell(HEADER_ROW + 1, 2).fill.start_color.rgb == RED


def test_text_is_never_stored_as_a_formula(tmp_path, resolver):
    plan = bad_workbook(tmp_path / "kent.xlsx", resolver)
    nasty = (
        error("Returns", "B7", '=HYPERLINK("http://example.com","click")'),
        warning("Returns", "B8", "+1+1"),
        error(None, None, "-2+3"),
        error(None, None, "@SUM(1)"),
    )
    plan = replace(plan, problems=nasty)
    out = annotate_workbook(plan, plan.path, tmp_path / "kent - problems.xlsx")

    problems = openpyxl.load_workbook(out)[PROBLEMS_SHEET]
    cells = [problems.cell(HEADER_ROW + n, 3) for n in range(1, 5)]
    assert [c.value for c in cells] == [p.message for p in sorted(nasty, key=_errors_first)]
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)
    with zipfile.ZipFile(out) as z:
        sheet_xml = z.read("xl/worksheets/sheet1.xml").decode()  # the Problems sheet
    assert "<f>" not in sheet_xml and "HYPERLINK" in sheet_xml


def _errors_first(p):
    return p.severity != "error"


def test_csv_gets_an_error_report(tmp_path, resolver):
    rows = [("Force", "Period", "Metric", "Value"), ("Kent", "2024-Q1", NRM, "lots")]
    path = write_csv(tmp_path / "kent.csv", rows)
    plan = plan_file(path, resolver, today=TODAY)
    assert plan.errors

    out = annotate_workbook(plan, path, tmp_path / "kent - problems.csv")

    assert out == tmp_path / "kent - problems.xlsx"  # a workbook, whatever name was asked for
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == [PROBLEMS_SHEET]
    rows = listed(wb[PROBLEMS_SHEET])
    assert rows == [(p.location or "(the whole file)", p.severity, p.message) for p in plan.errors]
    assert rows[0][0] == "kent!D2"
    assert wb[PROBLEMS_SHEET]["A1"].value == "Problems found in kent.csv"


def test_macro_workbook_keeps_its_macros(tmp_path, resolver):
    path = tmp_path / "kent.xlsm"
    write_xlsx(path, table(*BAD_ROWS))
    macros = b"not really VBA, but it must come back byte for byte"
    with zipfile.ZipFile(path, "a") as z:
        z.writestr("xl/vbaProject.bin", macros)
    plan = plan_file(path, resolver, today=TODAY)
    assert plan.errors, plan.problems

    out = annotate_workbook(plan, path, tmp_path / "kent - problems.xlsx")

    assert out.suffix == ".xlsm" and suggested_name(path) == "kent - problems.xlsm"
    with zipfile.ZipFile(out) as z:
        assert z.read("xl/vbaProject.bin") == macros
    wb = openpyxl.load_workbook(out, keep_vba=True)
    assert wb.sheetnames[0] == PROBLEMS_SHEET
    assert wb["Returns"]["A7"].fill.start_color.rgb == RED


def test_refuses_a_changed_file_and_overwriting_the_original(tmp_path, resolver):
    plan = bad_workbook(tmp_path / "kent.xlsx", resolver)
    with pytest.raises(AnnotateError, match=r"replace kent\.xlsx itself"):
        annotate_workbook(plan, plan.path, plan.path)
    write_xlsx(plan.path, table(*BAD_ROWS[:2]))  # edited after it was checked
    with pytest.raises(AnnotateError, match=r"kent\.xlsx has changed since it was checked"):
        annotate_workbook(plan, plan.path, tmp_path / "copy.xlsx")
    assert not (tmp_path / "copy.xlsx").exists()


def test_damaged_workbook_falls_back_to_the_report(tmp_path, resolver):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04 this is not a whole zip file")
    plan = plan_file(path, resolver, today=TODAY)
    assert plan.errors
    out = annotate_workbook(plan, path, tmp_path / "broken - problems.xlsx")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == [PROBLEMS_SHEET]
    assert listed(wb[PROBLEMS_SHEET])[0][2] == plan.errors[0].message


def test_existing_problems_sheet_and_merged_cells(tmp_path, resolver):
    path = tmp_path / "odd.xlsx"
    write_xlsx(path, table(*BAD_ROWS), extra={PROBLEMS_SHEET: [("the force's own notes",)]})
    wb = openpyxl.load_workbook(path)
    wb["Returns"].merge_cells("F7:G7")
    wb.save(path)
    plan = plan_file(path, resolver, today=TODAY)
    plan = replace(plan, problems=(*plan.problems, warning("Returns", "G7", "Merged note.")))
    out = annotate_workbook(plan, path, tmp_path / "odd - problems.xlsx")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[0] == f"{PROBLEMS_SHEET}_"
    assert wb[PROBLEMS_SHEET]["A1"].value == "the force's own notes"
    assert wb["Returns"]["F7"].comment.text == "Warning: Merged note."
