"""Read a .csv file into one sheet of rows, whatever program or settings wrote it.

Memory stays bounded by the cell limit whatever the file holds: the text is decoded as it is
read, a line at a time (never held whole); every row counts toward the limit, a blank line as
one cell (a file of millions of empty lines is refused, not laid out); and a line longer than
any row of a spreadsheet is refused before the csv module splits it (a line of millions of
commas would be one row of millions of cells). The text encoding: csv_encoding.py.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

from commissioner_desk.progress import Progress, check

from ..checks.cells import is_blank
from .cell_text import CellCleaner
from .csv_encoding import encoding_of
from .errors import WorkbookError

_ROWS_PER_REPORT = 2_000
# Characters in one line: the widest sheet Excel allows (16,384 columns) of 60 characters each.
MAX_LINE = 1_000_000


def read_csv(
    path: Path, data: bytes, progress: Progress, max_cells: int, cleaner: CellCleaner
) -> tuple[tuple[object, ...], ...]:
    """The file's rows (blank cells None). Raises WorkbookError naming the file."""
    name = path.name
    raw = io.BytesIO(data)  # shares `data`: no copy
    text = io.TextIOWrapper(raw, encoding=encoding_of(name, data), newline="")
    delimiter = _delimiter(_lines(name, text))
    text.seek(0)
    rows: list[tuple[object, ...]] = []
    cells = 0
    try:
        for row in csv.reader(_lines(name, text), delimiter=delimiter):
            if len(rows) % _ROWS_PER_REPORT == 0:
                check(progress)
                progress.report(raw.tell(), len(data), f"Reading {name}…")
            cells += max(1, len(row))  # a blank line too: millions of them are not free
            if cells > max_cells:
                raise WorkbookError(
                    f"{name} is too large to import: it has more than {max_cells:,} cells "
                    "(each blank line counted as one), the most the app reads. Copy the table "
                    "of figures into a new file and import that."
                )
            values = tuple(None if is_blank(v) else v for v in row)
            rows.append(cleaner.row(len(rows), values))
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):  # the csv module's own cap, 131,072
            limit = csv.field_size_limit() + 1
            raise cleaner.too_long(len(rows), None, limit, at_least=True) from None
        raise WorkbookError(f"{name} is not a well-formed CSV file: {exc}.") from None
    return tuple(rows)


def _delimiter(lines: Iterator[str]) -> str:
    """A comma, unless the first line holding anything (of the first thousand) has none: then
    a semicolon (a European-style export) or a tab (Excel's "Unicode Text"), whichever it has."""
    first = next((line for line in islice(lines, 1000) if line.strip()), "")
    if "," in first:
        return ","
    return next((d for d in ";\t" if d in first), ",")


def _lines(name: str, text: io.TextIOWrapper) -> Iterator[str]:
    number = 0
    while line := text.readline(MAX_LINE + 1):
        number += 1
        if len(line) > MAX_LINE:
            raise WorkbookError(
                f"{name} cannot be imported: its line {number:,} is more than {MAX_LINE:,} "
                "characters long, longer than any row of a spreadsheet. It may not be a table "
                "of figures: open it in Excel, check it, and save it as CSV again."
            )
        yield line
