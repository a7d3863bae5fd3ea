"""Formula injection (issue 9): text that a spreadsheet would run as a formula (beginning with =,
+, -, @, a tab or a carriage return) is neutralised in every .xlsx and .csv the core writes:
plain tables (chase lists, the chart's CSV goes through them too: tests/ui), the action log,
and the marked-up copy or error report sent back to a force. Control characters, which an .xlsx
cannot hold, never stop an export.

Every writer was found with `grep -rn "openpyxl\\|csv.writer" commissioner_desk ui`:
exports.py, network/action_export.py, importing/checks/annotate.py, and
importing/template/writer.py (which writes only the registry's names and the app's own labels,
no text from outside).
"""

from __future__ import annotations

import csv
from dataclasses import replace
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from commissioner_desk.exports import FORMULA_STARTS, sheet_title, write_table
from commissioner_desk.importing.checks.annotate import annotate_workbook
from commissioner_desk.importing.checks.problems import error, warning
from commissioner_desk.importing.plan import ImportPlan
from commissioner_desk.network.action_export import export_action_log

from ..network.test_action_export import row as action_row
from .corpus import good_xlsx

NASTY = [
    "=1+1",
    '=HYPERLINK("http://evil.example","Click")',
    "=cmd|' /C calc'!A0",
    "+44 20 7946 0000",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
    "\x00=1+1",  # a control character first: dropped, then the formula is caught
    "Kent\x07 Police",
    "ordinary text",
]


def _runs(text: str) -> bool:
    """Would a spreadsheet read this text, as typed into a cell, as a formula?"""
    return text.startswith(FORMULA_STARTS)


def _xlsx_cells(path: Path):
    for ws in openpyxl.load_workbook(path).worksheets:
        for line in ws.iter_rows():
            yield from (cell for cell in line if cell.value is not None)


def _assert_inert_xlsx(path: Path) -> None:
    for cell in _xlsx_cells(path):
        where = f"{cell.parent.title}!{cell.coordinate}"
        assert cell.data_type != "f", f"{where} is a formula: {cell.value!r}"
        if isinstance(cell.value, str):
            assert not _runs(cell.value) or cell.quotePrefix, f"{where}: {cell.value!r}"


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_table_neutralises_every_cell_and_heading(tmp_path, suffix):
    rows = [[text, -5, 2.5, date(2026, 1, 2)] for text in NASTY]
    out = write_table(
        tmp_path / f"chase{suffix}", [NASTY[0], "@n", "-", "Date"], rows, title="=x:y"
    )
    if suffix == ".csv":
        with out.open(encoding="utf-8-sig", newline="") as f:
            read = list(csv.reader(f))
        assert not any(_runs(v) for v in read[0]), read[0]  # the headings
        assert not any(_runs(line[0]) for line in read[1:]), read  # the text
        assert read[1][1] == "-5"  # a number, written as one (Excel reads it as -5)
    else:
        _assert_inert_xlsx(out)
        ws = openpyxl.load_workbook(out).active
        assert ws["B2"].value == -5 and ws["C2"].value == 2.5  # numbers stay numbers
        assert ws.title == "=x y"  # the title as a sheet may be named
    # What a reader sees is the text, with the apostrophe Excel users type before it.
    assert read[2][0] == "'" + NASTY[1] if suffix == ".csv" else True


def test_sheet_titles_are_made_valid():
    assert sheet_title("Chase list: 2024-Q1 [draft]") == "Chase list 2024-Q1 draft"
    assert sheet_title("'quoted'") == "quoted"
    assert sheet_title("") == sheet_title("???") == "Table"
    assert len(sheet_title("x" * 80)) == 31


def test_the_action_log_neutralises_every_field(tmp_path):
    rows = [
        action_row(
            id=n,
            reference=f"NET-2026-{n:03}",
            title=text,
            owner_name=text,
            organisation_name=text,
            rag_reason=text,
            force_name=text,
        )
        for n, text in enumerate(NASTY, start=1)
    ]
    out = export_action_log(rows, tmp_path / "log.xlsx", "OFFICIAL", title="@Action log")
    _assert_inert_xlsx(out)


def test_the_action_log_neutralises_a_typed_marking(tmp_path):
    out = export_action_log([action_row()], tmp_path / "log.xlsx", '=HYPERLINK("http://x","y")')
    _assert_inert_xlsx(out)


def _plan(path: Path) -> ImportPlan:
    problems = [error("Returns", f"A{n}", text) for n, text in enumerate(NASTY, start=2)]
    problems += [warning("=Sheet", None, "=2*3"), error(None, None, "@whole file")]
    return ImportPlan(path, "", 0, "long", "Returns", (), tuple(problems), ())


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"], ids=["marked-up copy", "error report"])
def test_a_marked_up_copy_or_error_report_runs_nothing(tmp_path, suffix):
    source = good_xlsx(tmp_path / f"=return\x07{suffix}")
    if suffix == ".csv":  # a file the app cannot mark up gets an error report
        source.write_text("Force,Value\nKent,1\n", encoding="utf-8")
    out = annotate_workbook(_plan(source), source, tmp_path / "back.xlsx")

    _assert_inert_xlsx(out)
    sheet = openpyxl.load_workbook(out)["Problems"]
    messages = [c.value for c in sheet["C"][4:]]
    assert NASTY[1] in messages  # the text itself, not a formula, not altered
    if suffix == ".xlsx":
        cells = [c for line in openpyxl.load_workbook(out)["Returns"].iter_rows() for c in line]
        comments = [c.comment.text for c in cells if c.comment is not None]
        assert any("=cmd|" in text for text in comments)


def test_a_problem_message_never_stops_the_copy(tmp_path):
    source = good_xlsx(tmp_path / "return.xlsx")
    plan = replace(_plan(source), problems=(error("Returns", "A2", "bell \x07 and NUL \x00"),))
    out = annotate_workbook(plan, source, tmp_path / "back.xlsx")
    assert openpyxl.load_workbook(out)["Returns"]["A2"].comment.text.endswith("bell  and NUL ")
