"""Read a .csv file into one sheet of rows, whatever program or settings wrote it."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from commissioner_desk.progress import Progress, check

from .cell_text import CellCleaner
from .cells import is_blank
from .errors import WorkbookError

_ROWS_PER_REPORT = 2_000


def read_csv(
    path: Path, data: bytes, progress: Progress, max_cells: int, cleaner: CellCleaner
) -> tuple[tuple[object, ...], ...]:
    """The file's rows (blank cells None). Raises WorkbookError naming the file."""
    name = path.name
    text = _decode(name, data)
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = ","
    if "," not in first:  # a European-style or tab-separated export named .csv
        delimiter = next((d for d in ";\t" if d in first), ",")
    stream = io.StringIO(text, newline="")
    rows: list[tuple[object, ...]] = []
    cells = 0
    try:
        for row in csv.reader(stream, delimiter=delimiter):
            if len(rows) % _ROWS_PER_REPORT == 0:
                check(progress)
                progress.report(stream.tell(), len(text), f"Reading {name}…")
            cells += len(row)
            if cells > max_cells:
                raise WorkbookError(
                    f"{name} is too large to import: it has more than {max_cells:,} cells, the "
                    "most the app reads. Copy the table of figures into a new file and import "
                    "that."
                )
            values = tuple(None if is_blank(v) else v for v in row)
            rows.append(cleaner.row(len(rows), values))
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):  # the csv module's own cap, 131,072
            limit = csv.field_size_limit() + 1
            raise cleaner.too_long(len(rows), None, limit, at_least=True) from None
        raise WorkbookError(f"{name} is not a well-formed CSV file: {exc}.") from None
    return tuple(rows)


def _decode(name: str, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252")  # what Excel on Windows writes for "CSV (Comma delimited)"
        except UnicodeDecodeError:
            raise WorkbookError(
                f"{name} is not readable text. Save it from Excel as 'CSV UTF-8' and try again."
            ) from None
