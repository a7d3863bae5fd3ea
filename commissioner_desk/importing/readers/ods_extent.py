"""How many cells calamine would lay out for an OpenDocument spreadsheet (.ods), before it does.

An .ods says "this cell, 1,000 times across" and "this row, 100,000 times down" in attributes,
so a 1 kB file can describe a hundred million filled cells; calamine expands them all while
opening the file, and the failed allocation ends the program. LibreOffice writes such repeats
for its blank cells and rows (to the edge of the sheet), which cost calamine nothing: only
repeats up to the last filled cell of a row, and the last filled row of a table, are counted.

content.xml is scanned with regular expressions, in pieces (see sheet_xml.py for why).
"""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass

from commissioner_desk.progress import NO_PROGRESS, Progress, check

from .sheet_xml import sheet_chunks

CONTENT = "content.xml"
# calamine matches these names with the prefix LibreOffice and Excel write.
_TAG = re.compile(
    rb"<(/?)table:(table|table-row|table-cell|covered-table-cell)(?=[\s/>])([^>]*?)(/?)>"
)
_ROWS = re.compile(rb"table:number-rows-repeated\s*=\s*[\"'](\d{1,12})")
_COLUMNS = re.compile(rb"table:number-columns-repeated\s*=\s*[\"'](\d{1,12})")
_NAME = re.compile(rb"table:name\s*=\s*\"([^\"]*)\"")
_VALUE = re.compile(rb"office:value-type\s*=|table:formula\s*=")


@dataclass(frozen=True)
class TooLarge:
    """The first table that takes the workbook past the limit."""

    table: str
    rows: int
    columns: int
    before: int  # cells in the tables before it


def ods_too_large(
    package: zipfile.ZipFile, limit: int, progress: Progress = NO_PROGRESS
) -> TooLarge | None:
    """The table at which the workbook's laid-out cells pass `limit`, or None when they do not
    (or there is no content.xml to look at: calamine then says what is wrong)."""
    scan = _Scan(limit)
    try:
        for n, body in enumerate(sheet_chunks(package, CONTENT)):
            if n % 16 == 0:
                check(progress)
            for match in _TAG.finditer(body):
                if (found := scan.tag(*match.groups())) is not None:
                    return found
    except (KeyError, OSError, EOFError, zipfile.BadZipFile, zlib.error):
        return None
    return scan.finish_table()


class _Scan:
    """Rows and columns of the table being read; filled cells counted as calamine lays them."""

    def __init__(self, limit: int) -> None:
        self.limit, self.used = limit, 0
        self.name, self.rows, self.filled_rows, self.width = "", 0, 0, 0
        self.repeat, self.column, self.row_width = 1, 0, 0

    def tag(self, closing: bytes, kind: bytes, attributes: bytes, empty: bytes) -> TooLarge | None:
        if kind == b"table":
            if closing:
                return self.finish_table()
            if not empty:
                name = _NAME.search(attributes)
                self.name = name.group(1).decode("utf-8", "replace") if name else ""
                self.rows = self.filled_rows = self.width = 0
            return None
        if kind == b"table-row":
            if closing:
                self.rows += self.repeat
                if self.row_width:
                    self.filled_rows = self.rows
                    self.width = max(self.width, self.row_width)
                return None
            self.repeat = _number(_ROWS, attributes)
            self.column = self.row_width = 0
            if empty:  # <table:table-row/>: a row with no cells
                self.rows += self.repeat
            return None
        if not closing:  # a cell: count it, filled when it has a value or any content at all
            self.column += _number(_COLUMNS, attributes)
            if not empty or _VALUE.search(attributes):
                self.row_width = self.column
        return None

    def finish_table(self) -> TooLarge | None:
        """Counted at the end of each table (counting costs nothing: the whole table is
        measured, so the message gives its real size)."""
        found = None
        if self.used + self.filled_rows * self.width > self.limit:
            found = TooLarge(self.name, self.filled_rows, self.width, self.used)
        self.used += self.filled_rows * self.width
        self.rows = self.filled_rows = self.width = 0
        return found


def _number(pattern: re.Pattern[bytes], attributes: bytes) -> int:
    found = pattern.search(attributes)
    return max(1, int(found.group(1))) if found else 1
