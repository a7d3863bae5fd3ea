"""The cells and text a workbook may hold, counted sheet by sheet before calamine lays each one
out, with the refusals that name the file and the sheet (see workbook.py)."""

from __future__ import annotations

from commissioner_desk.progress import Progress, check

from . import sheet_xml, xlsb_extent
from .errors import WorkbookError
from .formula_cells import MAX_CAUSES, BlankCause


class Budget:
    """The cells read so far against MAX_CELLS, and the shared-string text they hold against
    MAX_SHARED_TEXT, with the refusals that name file and sheet."""

    def __init__(
        self,
        name: str,
        package: sheet_xml.Package | None,
        sheets: int,
        max_cells: int,
        max_text: int,
    ) -> None:
        self.name, self.package, self.used, self.text = name, package, 0, 0
        self.blanks_left = MAX_CAUSES  # blank causes kept, for the whole workbook
        self.max_cells, self.max_text = max_cells, max_text
        self.sizes = sheet_xml.shared_string_sizes(package) if package else None
        self.longest = max(self.sizes, default=0) if self.sizes else 0
        # By position too: a sheet's name as calamine decodes it may differ from ours.
        members = list(package.sheets.values()) if package else []
        self.members = members if len(members) == sheets else []

    def look_ahead(self, index: int, sheet: str, progress: Progress) -> tuple[BlankCause, ...]:
        """Refuse a sheet too big to lay out, before calamine tries (.xlsx, .xlsm, .xlsb). The
        cells of an .xlsx or .xlsm sheet that read blank though they hold a formula or an error
        value are found in the same pass, and returned."""
        if self.package is None:
            return ()
        member = self.package.sheets.get(sheet) or (self.members[index] if self.members else None)
        if member is None:
            return ()
        left = self.max_cells - self.used
        blanks: list[BlankCause] = []
        if member.endswith(".bin"):
            rows, cols, complete = xlsb_extent.sheet_extent(self.package.zip, member, left)
        else:
            rows, cols, complete = sheet_xml.sheet_extent(
                self.package.zip, member, left, blanks, self.blanks_left
            )
            self.blanks_left -= len(blanks)
        if rows * cols > left:
            raise too_large(self.name, sheet, rows, cols, self.used, self.max_cells, complete)
        check(progress)
        self._look_at_text(sheet, member, rows * cols)
        return tuple(blanks)

    def _look_at_text(self, sheet: str, member: str, cells: int) -> None:
        left = self.max_text - self.text
        if self.longest * cells <= left:
            self.text += self.longest * cells  # cannot be more: no need to look
            return
        assert self.package is not None and self.sizes is not None
        text = sheet_xml.shared_text_bytes(self.package, member, self.sizes, left)
        if text > left:
            raise WorkbookError(
                f'{self.name} is too large to import: the cells of its sheet "{sheet}" repeat '
                f"long pieces of text, {text / 1e6:,.0f} MB or more in all once each cell holds "
                f"its own copy, and the app reads up to {self.max_text / 1e6:,.0f} MB of text. "
                "Copy the table of figures into a new workbook and import that."
            )
        self.text += text

    def spend(self, sheet: str, rows: int, cols: int) -> None:
        if self.used + rows * cols > self.max_cells:
            raise too_large(self.name, sheet, rows, cols, self.used, self.max_cells)
        self.used += rows * cols


def too_large(
    name: str,
    sheet: str,
    rows: int,
    cols: int,
    before: int,
    max_cells: int,
    complete: bool = True,
) -> WorkbookError:
    """The refusal; `complete` False when counting stopped early (the sheet is larger still)."""
    others = f", and {before:,} on the sheets before it" if before else ""
    spans = "spans" if complete else "spans at least"
    return WorkbookError(
        f'{name} is too large to import: its sheet "{sheet}" {spans} {rows:,} rows by '
        f"{cols:,} columns ({rows * cols:,} cells{others}). The app reads workbooks of up to "
        f"{max_cells:,} cells. Copy the table of figures into a new workbook and import "
        "that. If the sheet looks small, a stray entry far below or to the right of the "
        "table may be making it this large: press Ctrl+End in Excel to find it, delete it."
    )
