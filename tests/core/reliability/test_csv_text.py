"""CSV text encodings and shapes (issue 16): what Excel and other programs write is read exactly
(UTF-8 with or without its mark, UTF-16 with its mark in either byte order, comma or tab,
Windows-1252); anything else is refused saying the encoding is the problem, never read as
garbled letters. Blank lines count toward the cell limit, and a line longer than any row is
refused before it is split."""

from __future__ import annotations

import codecs
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commissioner_desk.importing import WorkbookError, read_workbook
from commissioner_desk.importing.readers import csv_file, workbook

TEXT = "Force,Value,Note\r\nKent,12,£3 – the force’s own count\r\nEssex,7,Café “Zoë”\r\n"
ROWS = (
    ("Force", "Value", "Note"),
    ("Kent", "12", "£3 – the force’s own count"),
    ("Essex", "7", "Café “Zoë”"),
)
SAVE_AS = "save it as 'CSV UTF-8 (Comma delimited)'"


def _read(tmp_path, data: bytes, name: str = "return.csv"):
    path = tmp_path / name
    path.write_bytes(data)
    return read_workbook(path).sheets[0].rows


def _refused(tmp_path, data: bytes, name: str = "return.csv") -> str:
    with pytest.raises(WorkbookError) as info:
        _read(tmp_path, data, name)
    return str(info.value)


@pytest.mark.parametrize(
    ("encoding", "separator"),
    [
        ("utf-8", ","),
        ("utf-8-sig", ","),  # Excel's "CSV UTF-8"
        ("utf-16", "\t"),  # Excel's "Unicode Text": little-endian, with its mark
        ("utf-16", ","),
        ("utf-16-be-marked", ","),
        ("utf-16-be-marked", "\t"),
        ("cp1252", ","),  # Excel's "CSV (Comma delimited)" on Windows
    ],
)
def test_each_encoding_excel_writes_is_read_exactly(tmp_path, encoding, separator):
    text = TEXT.replace(",", separator)
    if encoding == "utf-16-be-marked":
        data = codecs.BOM_UTF16_BE + text.encode("utf-16-be")
    else:
        data = text.encode(encoding)
    assert _read(tmp_path, data) == ROWS


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (TEXT.encode("utf-32"), "is written in UTF-32, a text encoding the app does not read"),
        (TEXT.encode("utf-16-le"), "looks like UTF-16 text without the mark at its start"),
        (TEXT.encode("utf-16-be"), "looks like UTF-16 text without the mark at its start"),
        ("Сила,Значение\nКент,12\nЭссекс,7\n".encode("cp1251"), "for another alphabet"),
        ("部隊,件数\nケント,12\nエセックス,7\n".encode("shift_jis"), "a text encoding"),
        ("部队,数量\n肯特,12\n埃塞克斯,7\n".encode("gbk"), "a text encoding"),
        (TEXT.encode("utf-8").replace("£".encode(), b"\xa3"), "mixes two text encodings"),
        (b"Force,Note\nKent,\x81\x8d\n", "neither UTF-8 nor Windows-1252"),
        (codecs.BOM_UTF8 + b"Force\nKent \xa3\n", "starts with the mark of UTF-8 text but"),
        (codecs.BOM_UTF16_LE + b"F\x00\x00\xd8", "starts with the mark of UTF-16 text but"),
    ],
    ids=[
        "UTF-32",
        "UTF-16 LE without its mark",
        "UTF-16 BE without its mark",
        "Cyrillic in Windows-1251",
        "Japanese in Shift-JIS",
        "Chinese in GBK",
        "UTF-8 with a Windows-1252 pound sign",
        "bytes Windows-1252 leaves undefined",
        "a UTF-8 mark, then not UTF-8",
        "a UTF-16 mark, then a lone surrogate",
    ],
)
def test_any_other_encoding_is_refused_saying_so(tmp_path, data, words):
    message = _refused(tmp_path, data)
    assert message.startswith("return.csv ") and words in message, message
    assert SAVE_AS in message


def test_binary_data_named_csv_is_not_called_text(tmp_path):
    data = bytes(random.Random(3).randbytes(5000))
    assert "is not a spreadsheet the app can read" in _refused(tmp_path, b"\x00" + data)


# Western text as Windows-1252 writes it: each letter over 127 (£, –, é…) next to plain ones.
_PLAIN = st.text("abcXYZ 019.,;-'\"\n", min_size=1, max_size=6)
_MARKED = st.tuples(st.sampled_from("£–—’‘“”éèàçôüÉÇ€…•"), _PLAIN).map("".join)
_WESTERN = st.lists(st.one_of(_PLAIN, _MARKED), min_size=1, max_size=40).map("".join)


# One file, written afresh for each example: tmp_path need not be new each time.
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=_WESTERN, encoding=st.sampled_from(["cp1252", "utf-8", "utf-8-sig", "utf-16"]))
def test_western_text_is_read_as_written_or_refused_never_garbled(tmp_path, text, encoding):
    # One cell per line, quoted, so the csv module gives the text back as it is.
    lines = [f'"{line}"' for line in text.replace('"', "").split("\n") if line.strip()]
    if not lines:
        return
    data = "\n".join(lines).encode(encoding)
    try:
        rows = _read(tmp_path, data, "western.csv")
    except WorkbookError as exc:
        assert encoding == "cp1252" and "text encoding" in str(exc)
        return
    assert [row[0] for row in rows if row] == [line.strip('"') for line in lines]


def test_blank_lines_count_toward_the_cell_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(workbook, "MAX_CELLS", 500)
    message = _refused(tmp_path, b"Force,Value\nKent,1\n" + b"\n" * 600)
    assert "more than 500 cells (each blank line counted as one)" in message
    assert _read(tmp_path, b"Force,Value\nKent,1\n" + b"\n" * 400)[:2] == (
        ("Force", "Value"),
        ("Kent", "1"),
    )


def test_a_line_longer_than_any_row_is_refused_before_it_is_split(tmp_path, monkeypatch):
    monkeypatch.setattr(csv_file, "MAX_LINE", 100)
    message = _refused(tmp_path, b"Force,Value\n" + b"," * 101 + b"\nKent,1\n")
    assert message.startswith(
        "return.csv cannot be imported: its line 2 is more than 100 characters long"
    )
    assert len(_read(tmp_path, b"Force,Value\n" + b"," * 98 + b"\n")[1]) == 99
