"""How the template looks: fonts, fills, borders, protection and print setup, in one place."""

from __future__ import annotations

from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.worksheet.worksheet import Worksheet

NAVY = "1F3864"
FONT = "Calibri"  # named on every font: a font without a name falls back to a serif in LibreOffice
TITLE = Font(name=FONT, size=14, bold=True, color=NAVY)
SUBTITLE = Font(name=FONT, italic=True, color="595959")
BOLD = Font(name=FONT, bold=True)
GUIDANCE = Font(name=FONT, size=9, italic=True, color="595959")
HEADER_FONT = Font(name=FONT, bold=True, color="FFFFFF")
HIDDEN_FONT = Font(name=FONT, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor=NAVY)
BAND = PatternFill("solid", fgColor="D9E1F2")  # a metric's heading row
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")  # yellow: "type here"
UNLOCKED = Protection(locked=False)
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
_THIN = Side(style="thin", color="A6A6A6")
_NONE = Side()


def box_border(*, top: bool = True, bottom: bool = True, left: bool = True, right: bool = True):
    """A thin grey border on the sides asked for (all four for a single cell)."""
    return Border(
        top=_THIN if top else _NONE,
        bottom=_THIN if bottom else _NONE,
        left=_THIN if left else _NONE,
        right=_THIN if right else _NONE,
    )


def protect(ws: Worksheet) -> None:
    """Lock the sheet without a password. Column widths and row heights stay adjustable, and
    every cell can be selected, so nobody is stopped from reading or copying."""
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # False means "allowed" in the file format
    ws.protection.formatRows = False
    ws.protection.selectLockedCells = False
    ws.protection.selectUnlockedCells = False


def print_setup(ws: Worksheet, area: str, *, landscape: bool, title_rows: int | None = None):
    """A4, one page wide, as many pages tall as needed; no gridlines."""
    ws.print_area = area
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    if title_rows:
        ws.print_title_rows = f"{title_rows}:{title_rows}"
