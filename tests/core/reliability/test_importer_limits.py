"""The importer's limits one by one (issue 9): the time limit, the zip checks, the .ods and
shared-string counts, long and control-character text, the cap on problems. Each with the
ordinary file it must still accept, so a limit can never quietly refuse real returns."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from commissioner_desk.importing import WorkbookError, plan_file, read_workbook
from commissioner_desk.importing.checks import problems
from commissioner_desk.importing.checks.problems import error
from commissioner_desk.importing.layouts import long_layout, wide_rows
from commissioner_desk.importing.readers import limits
from commissioner_desk.importing.readers.deadline import TimeLimit
from commissioner_desk.importing.readers.sheet_xml import (
    MAX_PIECE,
    open_package,
    open_zip,
    shared_string_sizes,
    sheet_chunks,
)
from commissioner_desk.progress import NO_PROGRESS

from . import corpus as c
from . import packages as pk
from .conftest import TODAY


def check_zip(path: Path) -> None:
    """The zip checks on the file at `path`, as the reader makes them."""
    data = path.read_bytes()
    archive = open_zip(data)
    assert archive is not None
    limits.check_zip(path.name, archive, data)


class Recorder:
    """A Progress that keeps what it is told, and never cancels."""

    def __init__(self) -> None:
        self.messages: list[str] = []

    def report(self, done: int, total: int, message: str = "") -> None:
        self.messages.append(message)

    def cancelled(self) -> bool:
        return False

    def rows(self) -> int:
        return sum(": row " in m for m in self.messages)


def test_reading_stops_in_the_row_loop_once_past_the_time_limit(tmp_path):
    path = c.million_rows(tmp_path, 1, rows=300_000)  # read 50,000 rows between checks
    recorder = Recorder()
    # Time passes only as rows are read: ten seconds for each 50,000.
    limit = TimeLimit(recorder, path.name, 25.0, clock=lambda: 10.0 * recorder.rows())
    with pytest.raises(WorkbookError) as stopped:
        read_workbook(path, limit)
    assert str(stopped.value).startswith(
        "300000 rows.xlsx took longer than 25 seconds to read, so the app stopped reading it."
    )
    assert recorder.rows() == 3  # stopped at the check after the limit, not at the end
    assert recorder.messages[-1].endswith("row 100,001 of 300,000…")


def test_the_plan_says_when_the_time_limit_stopped_it(tmp_path, resolver):
    path = c.good_xlsx(tmp_path / "return.xlsx")
    assert plan_file(path, resolver, today=TODAY, time_limit=None).ok
    assert plan_file(path, resolver, today=TODAY).ok  # the default: two minutes
    late = plan_file(path, resolver, today=TODAY, time_limit=-1)  # already past
    assert [p.message for p in late.errors] == [
        "return.xlsx took longer than -1 seconds to read, so the app stopped reading it. A "
        "return or a published table reads in seconds: the file may be damaged, or far larger "
        "than it looks. Open it in Excel, copy the table of figures into a new workbook and "
        "import that."
    ]
    assert "2 minutes" in _stopped(120) and "1 minute " in _stopped(60)
    assert "90 seconds" in _stopped(90)


def _stopped(seconds: float) -> str:
    limit = TimeLimit(NO_PROGRESS, "x.xlsx", seconds, clock=iter([0.0, seconds + 1]).__next__)
    with pytest.raises(WorkbookError) as stopped:
        limit.cancelled()
    return str(stopped.value)


def _rezip(path: Path, out: Path, **changes) -> Path:
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w", **changes) as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info))
    return out


def test_an_ordinary_zip_passes_its_checks_packed_or_stored(tmp_path):
    path = c.good_xlsx(tmp_path / "return.xlsx")
    check_zip(path)  # nothing to say
    stored = _rezip(path, tmp_path / "stored.xlsx", compression=zipfile.ZIP_STORED)
    check_zip(stored)
    assert read_workbook(stored).sheets[0].rows == read_workbook(path).sheets[0].rows


def test_parts_packed_as_excel_never_packs_them_are_refused(tmp_path):
    source = c.good_xlsx(tmp_path / "return.xlsx")
    path = _rezip(source, tmp_path / "bzip2.xlsx", compression=zipfile.ZIP_BZIP2)
    with pytest.raises(WorkbookError, match="packed in a way Excel never uses"):
        check_zip(path)


def test_a_part_smaller_than_its_headers_say_is_damage(tmp_path):
    parts = pk.xlsx_parts([("Sheet1", pk.SHEET_OPEN + pk.SHEET_CLOSE)])
    sheet = parts[4]
    parts[4] = pk.Member(sheet.name, sheet.payload, sheet.crc, sheet.size, sheet.size + 10)
    path = pk.write_zip(tmp_path / "sizes.xlsx", parts)
    with pytest.raises(WorkbookError, match="is not the size the file says"):
        check_zip(path)


def _ods_rows(*rows: str) -> str:
    return pk.ods_content(f'<table:table table:name="Sheet1">{"".join(rows)}</table:table>')


ROW = (
    '<table:table-row><table:table-cell office:value-type="string"><text:p>Kent</text:p>'
    '</table:table-cell><table:table-cell office:value-type="float" office:value="{v}">'
    "<text:p>{v}</text:p></table:table-cell>{tail}</table:table-row>"
)


def test_an_ods_as_libreoffice_saves_it_is_read(tmp_path):
    # LibreOffice repeats blank cells to the edge of the sheet, and blank rows to its foot.
    tail = '<table:table-cell table:number-columns-repeated="16382"/>'
    content = _ods_rows(
        ROW.format(v=1, tail=tail),
        ROW.format(v=2, tail=tail),
        '<table:table-row table:number-rows-repeated="1048574">'
        '<table:table-cell table:number-columns-repeated="16384"/></table:table-row>',
    )
    book = read_workbook(pk.ods(tmp_path / "saved.ods", content))
    assert book.sheets[0].rows == (("Kent", 2), ("Kent", 1))[::-1]


def test_ods_cells_are_counted_across_tables(tmp_path, monkeypatch):
    from commissioner_desk.importing.readers import workbook

    monkeypatch.setattr(workbook, "MAX_CELLS", 5)
    rows = ROW.format(v=1, tail="") * 2  # 2 rows by 2 columns: 4 cells a table
    content = pk.ods_content(
        f'<table:table table:name="One">{rows}</table:table>'
        f'<table:table table:name="Two">{rows}</table:table>'
    )
    with pytest.raises(WorkbookError, match=r'"Two" spans 2 rows by 2 columns \(4 cells, and 4 on'):
        read_workbook(pk.ods(tmp_path / "two.ods", content))


def test_a_long_note_used_a_few_times_is_read(tmp_path):
    note = "Figures include referrals made by the force's partners. " * 100  # 5,600 characters
    note = note.strip()
    cells = "".join(f'<row r="{r}"><c r="A{r}" t="s"><v>0</v></c></row>' for r in range(1, 4))
    path = pk.write_zip(
        tmp_path / "notes.xlsx",
        pk.xlsx_parts([("Notes", pk.SHEET_OPEN + cells + pk.SHEET_CLOSE)], pk.shared_strings(note)),
    )
    assert read_workbook(path).sheets[0].rows == ((note,), (note,), (note,))
    package = open_package(open_zip(path.read_bytes()))
    assert package is not None and list(shared_string_sizes(package)) == [
        len(note) + len("<si><t></t></si></sst>")
    ]


def test_a_sheet_without_a_tag_end_for_megabytes_is_read_in_pieces(tmp_path):
    text = "x" * (3 * MAX_PIECE)
    path = pk.write_zip(tmp_path / "long.xlsx", [pk.deflated("s.xml", f"<t>{text}</t>")])
    with zipfile.ZipFile(path) as package:
        pieces = list(sheet_chunks(package, "s.xml"))
    assert "".join(p.decode() for p in pieces) == f"<t>{text}</t>"
    assert max(map(len, pieces)) <= MAX_PIECE + (1 << 20)


def test_control_characters_in_a_csv_are_read_as_spaces(tmp_path, resolver):
    path = tmp_path / "return.csv"
    path.write_text(
        "Force,Period,Metric,Value\nKent\x1b,2024-Q1,NRM referrals,12\n", encoding="utf-8"
    )
    plan = plan_file(path, resolver, today=TODAY)
    assert [f.value for f in plan.figures] == [12]
    assert [(p.sheet, p.cell) for p in plan.warnings] == [("return", "A2")]


@pytest.mark.parametrize("length", [32_768, 200_000])
def test_a_csv_cell_longer_than_a_spreadsheet_cell_is_refused(tmp_path, length):
    path = tmp_path / "long.csv"
    path.write_text(f"Force,Value\n{'K' * length},1\n", encoding="utf-8")
    with pytest.raises(WorkbookError, match="more than 32,767 characters"):
        read_workbook(path)


def test_a_long_quote_in_a_message_is_shortened():
    text = "Kent" * 1000
    problem = error("Returns", "A2", f'"{text}" is not a police force the app knows.')
    assert problem.message == (
        f'"{text[:180]}…{text[-10:]}" (4,000 characters) is not a police force the app knows.'
    )


@pytest.mark.parametrize("layout", ["long", "wide"])
def test_reading_stops_after_so_many_problems(tmp_path, resolver, monkeypatch, layout):
    monkeypatch.setattr(problems, "MAX_PROBLEMS", 3)
    monkeypatch.setattr(long_layout, "MAX_PROBLEMS", 3)
    monkeypatch.setattr(wide_rows, "MAX_PROBLEMS", 3)
    monkeypatch.setattr(long_layout, "_PROGRESS_EVERY", 2)
    monkeypatch.setattr(wide_rows, "_PROGRESS_EVERY", 2)
    if layout == "long":
        rows = [c.RETURN_ROWS[0], *(("Nowhere", "2024-Q1", "NRM referrals", n) for n in range(20))]
    else:
        rows = [("NRM referrals, October to December 2023",), ("Police force", "Total")]
        rows += [("Kent", 1), ("Essex", 2), ("Surrey", 3)] + [("Nowhere", n) for n in range(20)]
    plan = plan_file(c.good_xlsx(tmp_path / f"{layout}.xlsx", rows), resolver, today=TODAY)
    assert plan.layout == layout
    stop = [p for p in plan.errors if p.message.startswith("Reading stopped at row")]
    assert len(stop) == 1 and "more than 3 problems" in stop[0].message
    assert len(plan.problems) < 10


def test_a_total_row_then_a_blank_row_above_the_forces_is_not_a_heading(resolver, tmp_path):
    # Found by test_layout_properties: the total was taken for a second row of headings, and
    # the table's only column for one nobody could map.
    rows = [
        ("Table 1: NRM referrals by police force, October to December 2023",),
        (),
        ("Police force", "Total"),
        ("England and Wales", 3),
        (),
        ("Kent", 1),
        ("Essex", 2),
    ]
    plan = plan_file(c.good_xlsx(tmp_path / "table.xlsx", rows), resolver, today=TODAY)
    assert plan.ok and sorted(f.value for f in plan.figures) == [1, 2]
