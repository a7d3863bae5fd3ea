"""The action log as an .xlsx workbook to send on: marked, filterable, formula-proof.

The protective marking is on the first row and in every printed page's header and footer.
Text that a spreadsheet would read as a formula (=, +, -, @) is neutralised by
exports.neutralise and stored as text, so an action titled "=HYPERLINK(…)" stays words.
Dates are real dates shown dd/mm/yyyy, so the recipient can sort and filter them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from ..domain.enums import Rag
from ..exports import neutralise
from ..files.safe_write import writing
from ..formatting import uk_date
from .actions_types import ActionRow

OFFICIAL = "OFFICIAL"
OFFICIAL_SENSITIVE = "OFFICIAL-SENSITIVE"
MARKINGS = (OFFICIAL, OFFICIAL_SENSITIVE)
DATE_FORMAT = "dd/mm/yyyy"
HEADER_ROW = 3  # row 1: marking, row 2: title, row 3: column names
# (heading, width in characters, wraps)
COLUMNS = (
    ("Reference", 14, False),
    ("Title", 40, True),
    ("Owner", 18, True),
    ("Organisation", 26, True),
    ("Due", 11, False),
    ("Status", 11, False),
    ("RAG", 8, False),
    ("Reason", 44, True),
    ("Last update", 11, False),
    ("Force", 18, True),
)
FONT = "Calibri"  # the body's font: named, or some viewers fall back to a serif for headings
LINE_HEIGHT = 15  # points per line of wrapped text at the default 11-point font
RAG_FILLS = {Rag.RED: "FFC7CE", Rag.AMBER: "FFEB9C", Rag.GREEN: "C6EFCE"}  # Excel's own


def clean_marking(marking: str) -> str:
    """The marking as printed: capitals, single spaces; ValueError when there is none."""
    marking = " ".join((marking or "").split()).upper()
    if not marking:
        raise ValueError(
            "Choose a protective marking (for example OFFICIAL or OFFICIAL-SENSITIVE): every "
            "export carries one."
        )
    return marking


def _values(row: ActionRow) -> list[object]:
    return [
        row.reference,
        row.title,
        row.owner_name,
        row.organisation_name,
        row.due_date,
        row.status_label,
        row.rag_label,
        row.rag_reason,
        row.last_update,
        row.force_name,
    ]


def _lines(values: list[object]) -> int:
    """Lines the tallest wrapped cell of a row needs (words do not break mid-word)."""
    most = 1
    for value, (_name, width, wraps) in zip(values, COLUMNS, strict=True):
        if wraps and isinstance(value, str) and value:
            lines, used = 1, 0
            for word in value.split():
                if used and used + 1 + len(word) > width - 1:
                    lines, used = lines + 1, len(word)
                else:
                    used += len(word) + (1 if used else 0)
            most = max(most, lines)
    return most


def export_action_log(
    rows: Sequence[ActionRow],
    path: Path,
    marking: str,
    *,
    title: str = "Action log",
    today: date | None = None,
) -> Path:
    """Write the rows, in the order given, to `path` (.xlsx)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise ValueError(f"{path.name}: the action log is exported as an .xlsx file.")
    marking = clean_marking(marking)
    today = today or date.today()

    wb = Workbook()
    ws = wb.active
    ws.title = "Action log"
    top = ws.cell(1, 1, neutralise(marking))  # a custom marking is typed text too
    top.data_type = "s"
    top.font = Font(name=FONT, bold=True, size=12)
    demo = "; includes DEMO actions (synthetic)" if any(r.is_demo for r in rows) else ""
    heading = f"{title}: {len(rows)} action{'s' if len(rows) != 1 else ''}, {uk_date(today)}"
    ws.cell(2, 1, neutralise(heading + demo)).font = Font(name=FONT, bold=True, size=14)
    header_fill = PatternFill("solid", start_color="D9D9D9", end_color="D9D9D9")
    for n, (name, width, _wraps) in enumerate(COLUMNS, start=1):
        cell = ws.cell(HEADER_ROW, n, name)
        cell.font = Font(name=FONT, bold=True)
        cell.fill = header_fill
        ws.column_dimensions[get_column_letter(n)].width = width

    for r, row in enumerate(rows, start=HEADER_ROW + 1):
        for n, value in enumerate(_values(row), start=1):
            cell = ws.cell(r, n, neutralise(value))
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula, whatever the text
            elif isinstance(value, date):
                cell.number_format = DATE_FORMAT
            cell.alignment = Alignment(vertical="top", wrap_text=COLUMNS[n - 1][2])
        # Set the height for the wrapped text: Excel fits rows when it opens a file, but
        # LibreOffice and printing from some viewers do not, and lines then overlap.
        ws.row_dimensions[r].height = LINE_HEIGHT * _lines(_values(row))
        if row.rag is not None:
            colour = RAG_FILLS[row.rag]
            ws.cell(r, 7).fill = PatternFill("solid", start_color=colour, end_color=colour)

    last = get_column_letter(len(COLUMNS))
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 1)
    ws.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + max(len(rows), 1)}"
    _page_setup(ws, marking)
    with writing(path) as tmp:
        wb.save(tmp)
    return path


def _page_setup(ws, marking: str) -> None:
    printed = marking.replace("&", "&&")  # & starts a code in Excel headers and footers
    for part in (ws.oddHeader, ws.oddFooter):
        part.center.text = printed
        part.center.font = "Arial,Bold"
    ws.oddFooter.right.text = "Page &P of &N"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"  # column names on every page
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
