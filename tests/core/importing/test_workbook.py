"""Reading files: every format by content, and a clear, named error for every bad file."""

from __future__ import annotations

import os
from pathlib import Path

import openpyxl
import pytest

from commissioner_desk.importing import WorkbookError, read_workbook
from commissioner_desk.importing.readers import source_file
from commissioner_desk.progress import Cancelled

from .conftest import write_csv, write_xlsx


def test_xlsx_round_trip_keeps_a1_positions(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Returns"
    ws["C3"] = "Kent"
    ws["D5"] = 12
    ws["E5"] = "1,234"
    hidden = wb.create_sheet("Lookups")
    hidden.sheet_state = "hidden"
    hidden["A1"] = "x"
    wb.save(tmp_path / "r.xlsx")

    book = read_workbook(tmp_path / "r.xlsx")

    assert book.path == tmp_path / "r.xlsx"
    assert [(s.name, s.hidden) for s in book.sheets] == [("Returns", False), ("Lookups", True)]
    sheet = book.sheets[0]
    assert sheet.rows[2][2] == "Kent"  # C3, although rows 1-2 and columns A-B are empty
    assert sheet.cell(4, 3) == 12 and sheet.cell(4, 4) == "1,234"
    # blank rows are empty and blank cells None, never ""
    assert sheet.rows[0] == () and sheet.cell(0, 0) is None and sheet.rows[4][2] is None
    assert sheet.cell(100, 100) is None


def test_xlsx_renamed_xls_is_read_by_content(tmp_path):
    write_xlsx(tmp_path / "r.xlsx", [("Force", 1)])
    (tmp_path / "r.xlsx").rename(tmp_path / "r.xls")
    assert read_workbook(tmp_path / "r.xls").sheets[0].rows[0] == ("Force", 1)


def test_csv_utf8_with_bom(tmp_path):
    write_csv(tmp_path / "r.csv", [("Force", "Value"), ("Kent", "1,234"), ("", "")])
    book = read_workbook(tmp_path / "r.csv")
    assert [s.name for s in book.sheets] == ["r"]
    assert book.sheets[0].rows[:2] == (("Force", "Value"), ("Kent", "1,234"))
    assert book.sheets[0].rows[2] == (None, None)


def test_csv_windows_encoding_and_semicolons(tmp_path):
    path = tmp_path / "r.csv"
    path.write_bytes("Force;Note\r\nAvon & Somerset;£5 café\r\n".encode("cp1252"))
    assert read_workbook(path).sheets[0].rows[1] == ("Avon & Somerset", "£5 café")


def _fails(path: Path, *words: str) -> str:
    with pytest.raises(WorkbookError) as info:
        read_workbook(path)
    message = str(info.value)
    assert path.name in message  # every message names the file
    for word in words:
        assert word in message
    return message


def test_random_bytes(tmp_path):
    path = tmp_path / "return.xlsx"
    path.write_bytes(os.urandom(3000))
    _fails(path, "is not a spreadsheet")


def test_truncated_xlsx(tmp_path):
    write_xlsx(tmp_path / "full.xlsx", [("Force", "Value"), ("Kent", 1)])
    data = (tmp_path / "full.xlsx").read_bytes()
    path = tmp_path / "cut.xlsx"
    path.write_bytes(data[: len(data) // 2])
    _fails(path, "damaged or incomplete")


def test_missing_file(tmp_path):
    _fails(tmp_path / "nowhere.xlsx", "was not found")


def test_empty_file(tmp_path):
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    _fails(path, "is empty")


def test_workbook_without_cells(tmp_path):
    openpyxl.Workbook().save(tmp_path / "blank.xlsx")
    _fails(tmp_path / "blank.xlsx", "no filled-in cells")


def test_unsupported_extension(tmp_path):
    path = tmp_path / "return.pdf"
    path.write_bytes(b"%PDF-1.7")
    _fails(path, ".pdf", ".xlsx")


def test_folder(tmp_path):
    (tmp_path / "folder.xlsx").mkdir()
    _fails(tmp_path / "folder.xlsx", "folder")


def test_binary_file_named_csv(tmp_path):
    write_xlsx(tmp_path / "r.xlsx", [("Force", 1)])
    (tmp_path / "r.xlsx").rename(tmp_path / "r.csv")
    _fails(tmp_path / "r.csv", "damaged")


def test_password_protected_signature(tmp_path):
    # What Excel writes for "Encrypt with Password": an OLE file with an EncryptedPackage stream.
    # msoffcrypto-tool is not a dependency, so the signature is built by hand.
    header = bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504)
    path = tmp_path / "locked.xlsx"
    path.write_bytes(header + "EncryptedPackage".encode("utf-16-le") + bytes(1000))
    _fails(path, "password")


def test_file_open_in_another_program(tmp_path, monkeypatch):
    path = write_xlsx(tmp_path / "open.xlsx", [("Force", 1)])

    def locked(name, *args):  # what Windows raises while Excel has the file open
        raise PermissionError(13, "Permission denied", str(name))

    monkeypatch.setattr(source_file.os, "open", locked)
    _fails(path, "open in another program, perhaps Excel. Close it and try again.")


def test_cancel(tmp_path):
    class Cancelling:
        def report(self, done, total, message=""):
            pass

        def cancelled(self):
            return True

    path = write_xlsx(tmp_path / "r.xlsx", [("Force", 1)])
    with pytest.raises(Cancelled):
        read_workbook(path, Cancelling())
