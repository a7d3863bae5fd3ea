"""Text from cells as the app keeps it: control characters read as spaces, and no cell longer
than a spreadsheet cell can be.

Control characters (U+0000 to U+001F but tab and line breaks, and U+007F) cannot be typed in
Excel or seen in a cell, and PostgreSQL cannot store U+0000 at all; a file from another program
may still hold them (Excel writes them as _x0007_, and calamine decodes that). They are read as
spaces, so "Kent\\x00" is still Kent and "1\\x002" stays two numbers rather than becoming 12,
and the plan says which cells held them. Text longer than Excel's 32,767 characters comes from
no spreadsheet program the office uses: the file is refused, naming the cell, before a reader
quotes megabytes of it in messages or compares it with every force name.
"""

from __future__ import annotations

import re

from ..checks.cells import cell_ref
from ..checks.problems import Problem, warning
from .errors import WorkbookError

MAX_CELL_TEXT = 32_767  # characters: the most an Excel cell holds
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]+")
_LISTED = 5  # cells named in the warning


def clean_text(text: str) -> str:
    """`text` with each run of control characters replaced by one space."""
    return _CONTROL.sub(" ", text)


class CellCleaner:
    """Cleans the rows of one sheet, remembering which cells it changed."""

    def __init__(self, file_name: str, sheet: str) -> None:
        self.file_name, self.sheet = file_name, sheet
        self.changed: list[str] = []
        self.count = 0

    def row(self, r: int, values: tuple[object, ...]) -> tuple[object, ...]:
        """The row, cleaned; raises WorkbookError for text longer than a cell can hold."""
        if not any(
            type(v) is str and (len(v) > MAX_CELL_TEXT or _CONTROL.search(v)) for v in values
        ):
            return values  # nearly every row: nothing to do
        out = list(values)
        for c, v in enumerate(values):
            if type(v) is not str:
                continue
            if len(v) > MAX_CELL_TEXT:
                raise self.too_long(r, c, len(v))
            if _CONTROL.search(v):
                out[c] = clean_text(v)
                self.count += 1
                if len(self.changed) < _LISTED:
                    self.changed.append(cell_ref(r, c))
        return tuple(out)

    def too_long(self, r: int, c: int | None, length: int, at_least: bool = False) -> WorkbookError:
        """The refusal for a cell of `length` characters (`at_least`: the reader stopped
        counting there); `c` None when the column is not known."""
        where = f"{self.sheet}!{cell_ref(r, c)}" if c is not None else ""
        cell = f"cell {where}" if where else f"a cell in row {r + 1:,}"
        counted = f"{length:,} or more" if at_least else f"{length:,}"
        return WorkbookError(
            f"{self.file_name} cannot be read: {cell} holds more than {MAX_CELL_TEXT:,} "
            f"characters of text ({counted}), the most a spreadsheet cell holds. The "
            "file was not saved by Excel, or is damaged: ask the sender for a copy saved from "
            "Excel."
        )

    def warning(self) -> Problem | None:
        """What was changed, for the plan; None when nothing was."""
        if not self.count:
            return None
        more = self.count - len(self.changed)
        cells = ", ".join(self.changed) + (f" and {more:,} more" if more else "")
        which = f"Cell {cells}" if self.count == 1 else f"Cells {cells}"
        return warning(
            self.sheet,
            self.changed[0],
            f"{which} held control characters, which cannot be typed or seen in Excel; they "
            "were read as spaces. Check the figures in those cells.",
        )


def storable(text: str, limit: int | None = None) -> str:
    """`text` as a database column takes it: without control characters or the lone surrogates
    a file name can carry (neither backend stores them), and cut to `limit` characters (a
    sheet or file name from another program may be longer than the column)."""
    text = clean_text(text.encode("utf-8", "replace").decode("utf-8"))
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    return text
