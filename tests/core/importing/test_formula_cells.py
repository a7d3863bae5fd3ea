"""Blank cells that are not empty: formulas with no saved result, and Excel error values.

openpyxl writes formulas without results, exactly as a script that never opened the file in
Excel does. Error values are written into the sheet XML as Excel and LibreOffice store them
(`<c t="e"><f>1/0</f><v>#DIV/0!</v></c>`); one test has LibreOffice itself work out and save
them, when it is installed.
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from commissioner_desk.importing import WorkbookError, plan_file, read_workbook
from commissioner_desk.importing.checks.formula_check import (
    explain_blanks,
    formula_problems,
    message,
)
from commissioner_desk.importing.readers.formula_cells import BlankCause, collect
from commissioner_desk.importing.readers.sheet_xml import sheet_extent

from .conftest import TODAY, table, write_csv, write_xlsx

NO_RESULT = "holds a formula with no saved result: open the file in Excel and save it"


def rewrite_sheet_xml(path: Path, change: Callable[[bytes], bytes], sheet: int = 1) -> Path:
    """Edit one sheet's XML inside a saved .xlsx, leaving every other part as it was."""
    member = f"xl/worksheets/sheet{sheet}.xml"
    with zipfile.ZipFile(path) as source:
        parts = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in parts:
            target.writestr(info, change(data) if info.filename == member else data)
    return path


def _check(path: Path, cells: list[tuple[str, str]]) -> dict[tuple[str, str], str]:
    # What the reader found as it read the file: nothing is opened again to explain.
    return formula_problems(read_workbook(path), cells)


def _with_formulas(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Figures"
    ws.append(["Force", "Victims", "Referrals"])
    ws.append(["Kent", 12, "=B2*2"])  # C2: a formula, no saved result
    ws.append(["Essex", None, 5])  # B3: really empty
    ws.append(["Surrey", "=SUM(B2:B3)", "text"])  # B4: another formula
    wb.create_sheet("Notes")["A1"] = "=Figures!B2"
    wb.save(path)
    return path


def test_formula_without_saved_result_reads_blank_and_is_explained(tmp_path):
    path = _with_formulas(tmp_path / "scripted.xlsx")
    sheet = read_workbook(path).sheets[0]
    assert sheet.cell(1, 2) is None and sheet.cell(3, 1) is None  # what calamine gives

    found = _check(path, [("Figures", "C2"), ("Figures", "B3"), ("Figures", "B4")])

    assert list(found) == [("Figures", "C2"), ("Figures", "B4")]  # B3 is really empty
    assert found[("Figures", "C2")] == (
        "Cell C2 holds a formula with no saved result: open the file in Excel and save it, "
        "then import again."
    )
    assert found[("Figures", "B4")].startswith(f"Cell B4 {NO_RESULT}")


def test_only_the_cells_asked_about_on_the_sheet_named(tmp_path):
    path = _with_formulas(tmp_path / "scripted.xlsx")
    assert _check(path, [("Notes", "A1")]) == {
        ("Notes", "A1"): f"Cell A1 {NO_RESULT}, then import again."
    }
    assert _check(path, [("Figures", "A1"), ("Figures", "B2")]) == {}  # constants
    assert _check(path, [("Missing sheet", "C2"), ("Figures", "not a cell")]) == {}
    assert _check(path, []) == {}


def test_answers_use_the_reference_as_asked(tmp_path):
    path = _with_formulas(tmp_path / "scripted.xlsx")
    assert list(_check(path, [("Figures", "$C$2"), ("Figures", "b4")])) == [
        ("Figures", "$C$2"),
        ("Figures", "b4"),
    ]


def _errors(path: Path) -> Path:
    write_xlsx(path, [("Force", "Victims")] + [(name, 1) for name in "ABCDEFG"], sheet="R&D <1>")
    cells = {
        b"B2": b'<c r="B2" t="e"><f>1/0</f><v>#DIV/0!</v></c>',
        b"B3": b'<c r="B3" t="e"><f>#REF!+1</f><v>#REF!</v></c>',
        b"B4": b'<c r="B4" t="e"><f>NA()</f><v>#N/A</v></c>',
        b"B5": b'<c r="B5" s="0" t="e"><f aca="false">"a"+1</f><v>#VALUE!</v></c>',
        b"B6": b'<c r="B6" t="e"><v>#N/A</v></c>',  # an error pasted as a value
        b"B7": b'<c r="B7" t="str"><f>IF(A7="","",A7)</f><v></v></c>',  # an empty text result
        b"B8": b'<c r="B8" t="e"><f>SUMM(B2)</f><v>#NAME?</v></c>',
    }

    def change(xml: bytes) -> bytes:
        for ref, cell in cells.items():
            start = xml.index(b'<c r="' + ref + b'"')
            xml = xml[:start] + cell + xml[xml.index(b"</c>", start) + 4 :]
        return xml

    return rewrite_sheet_xml(path, change)


def test_error_values_are_named_with_what_they_mean(tmp_path):
    path = _errors(tmp_path / "errors.xlsx")
    sheet = read_workbook(path).sheets[0]
    assert [sheet.cell(r, 1) for r in range(1, 8)] == [None] * 7  # calamine: blank, like empty

    found = _check(path, [("R&D <1>", f"B{r}") for r in range(2, 9)])

    assert {ref: message.split(":")[0] for (_, ref), message in found.items()} == {
        "B2": "Cell B2 shows #DIV/0!",
        "B3": "Cell B3 shows #REF!",
        "B4": "Cell B4 shows #N/A",
        "B5": "Cell B5 shows #VALUE!",
        "B6": "Cell B6 shows #N/A instead of a figure. Type the figure in, then save the file "
        "and import again.",
        "B8": "Cell B8 shows #NAME?",
    }  # B7's formula gave empty text: a real blank
    assert found[("R&D <1>", "B2")] == (
        "Cell B2 shows #DIV/0!: its formula divides by zero. Correct the formula or type the "
        "figure in, then save the file and import again."
    )
    assert "refers to cells that were deleted" in found[("R&D <1>", "B3")]
    assert "uses a name Excel does not recognise" in found[("R&D <1>", "B8")]


def test_an_error_of_newer_excel_names_its_cell(tmp_path):
    # calamine refuses the whole file over #SPILL!, #CALC!, #FIELD!…: say where, not "damaged".
    path = write_xlsx(tmp_path / "spill.xlsx", [("Force", "Victims"), ("Kent", 1), ("Essex", 2)])
    rewrite_sheet_xml(
        path,
        lambda xml: xml.replace(
            b'<c r="B3" t="n"><v>2</v></c>', b'<c r="B3" t="e"><f>A1:A2</f><v>#SPILL!</v></c>'
        ),
    )
    with pytest.raises(WorkbookError) as info:
        read_workbook(path)
    assert str(info.value) == (
        "spill.xlsx cannot be read because cell Returns!B3 shows #SPILL!, an Excel error the app "
        "cannot read past. Correct the formula or type the figure in, then save the file and "
        "import again."
    )
    # An error the reader could read past would be worded like any other.
    assert message(BlankCause("B3", "#SPILL!")) == (
        "Cell B3 shows #SPILL!: its formula cannot be worked out. Correct the formula or type "
        "the figure in, then save the file and import again."
    )


def test_a_workbook_renamed_xls_is_checked_by_content(tmp_path):
    path = _with_formulas(tmp_path / "scripted.xlsx")
    renamed = path.rename(tmp_path / "scripted.xls")
    assert list(_check(renamed, [("Figures", "C2")])) == [("Figures", "C2")]


def test_other_files_are_never_explained(tmp_path):
    csv = write_csv(tmp_path / "r.csv", [("Force", "Value"), ("Kent", "")])
    assert _check(csv, [("r", "B2")]) == {}
    assert read_workbook(csv).sheets[0].blank_causes == ()


def test_a_damaged_sheet_part_leaves_the_cells_unexplained(tmp_path):
    path = _with_formulas(tmp_path / "scripted.xlsx")
    rewrite_sheet_xml(path, lambda xml: xml[: len(xml) // 3])  # cut off mid-sheet
    blanks: list[BlankCause] = []
    with zipfile.ZipFile(path) as package:
        sheet_extent(package, "xl/worksheets/sheet1.xml", 10**6, blanks)  # never raises
    assert [b.ref for b in blanks if b.ref == "B4"] == []


def test_a_cell_cut_between_two_pieces_of_the_sheet_is_still_found():
    xml = (
        b'<row r="2"><c r="A2"><v>1</v></c><c r="B2"><f>A2*2</f></c>'
        b'<c r="C2" t="e"><v>#N/A</v></c></row>'
    )
    for cut in range(1, len(xml)):
        found: list[BlankCause] = []
        rest = collect(xml[:cut], found)
        collect(rest + xml[cut:], found)
        assert found == [BlankCause("B2", None), BlankCause("C2", "#N/A", formula=False)], cut


def _libreoffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(_libreoffice() is None, reason="LibreOffice is not installed")
def test_errors_as_libreoffice_saves_them(tmp_path):
    source = tmp_path / "in" / "calc.xlsx"
    source.parent.mkdir()
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Figures"
    ws.append(["Force", "Victims"])
    ws.append(["Kent", "=1/0"])
    ws.append(["Essex", "=2+3"])
    wb.save(source)
    out = tmp_path / "out"
    profile = (tmp_path / "profile").as_uri()  # its own profile: never waits on another one
    command = [_libreoffice(), f"-env:UserInstallation={profile}", "--headless"]
    command += ["--convert-to", "xlsx", "--outdir", str(out), str(source)]
    subprocess.run(command, check=True, capture_output=True, timeout=120)
    path = out / "calc.xlsx"

    sheet = read_workbook(path).sheets[0]
    assert sheet.cell(1, 1) is None and sheet.cell(2, 1) == 5  # the result LibreOffice saved
    found = _check(path, [("Figures", "B2"), ("Figures", "B3")])
    assert list(found) == [("Figures", "B2")]
    assert found[("Figures", "B2")].startswith("Cell B2 shows #DIV/0!: its formula divides")


def test_explain_blanks_rewords_the_readers_problems(tmp_path, resolver, monkeypatch):
    # The long reader says "No figure given" at E6; plan_file explains why it is blank.
    rows = table(("Kent", "2024-Q3", "NRM referrals", None, "=2+2"), ("Essex", "2024-Q3", None))
    path = write_xlsx(tmp_path / "long.xlsx", rows)

    def never(*args, **kwargs):
        raise AssertionError("the file's zip was opened again after it was read")

    # The file is read in the reader process; here, the layouts and checks have only what it
    # read, and never open the file's zip.
    with monkeypatch.context() as patched:
        patched.setattr(zipfile, "ZipFile", never)
        plan = plan_file(path, resolver, today=TODAY)
    problems = plan.problems
    # Explaining again changes nothing: the message is already the formula's.
    assert explain_blanks(read_workbook(path), problems) == problems

    by_location = {p.location: p for p in problems}
    assert by_location["Returns!E6"].message == (
        "Cell E6 holds a formula with no saved result: open the file in Excel and save it, "
        "then import again."
    )
    assert by_location["Returns!E6"].severity == "error"
    assert not any("No figure given" in p.message for p in problems if p.location == "Returns!E6")
