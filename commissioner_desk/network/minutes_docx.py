"""Minutes to Word (.docx): the marking in capitals at the top and bottom of every page, and
"Page X of Y" from Word's own PAGE and NUMPAGES fields, so they stay right however the reader's
Word repaginates."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from .docx_pages import save_docx, set_up_pages
from .minutes_doc import MinutesDocument, Table
from .minutes_html import Block

DEMO_RED = RGBColor(0xB0, 0x00, 0x20)
TABLE_TEXT = Pt(9.5)


def write_minutes_docx(doc: MinutesDocument, path: Path) -> Path:
    """Write the minutes to `path` (replacing it); a failed write leaves any old file as it was."""
    path = Path(path)
    if path.suffix.lower() != ".docx":
        path = path.with_suffix(".docx")
    word = Document()
    set_up_pages(word, doc.marking)
    _front(word, doc)
    _attendance(word, doc)
    word.add_heading("Minutes", level=1)
    for item in doc.items:
        word.add_heading(f"{item.number}. {item.title}", level=2)
        about = item.kind.capitalize() + (f". Presented by {item.presenter}." if item.presenter
                                          else ".")  # fmt: skip
        word.add_paragraph().add_run(about).italic = True
        if item.papers:
            p = word.add_paragraph()
            p.add_run("Papers: ").bold = True
            p.add_run("; ".join(item.papers))
        if not item.blocks:
            word.add_paragraph("No minutes recorded for this item.")
        for block in item.blocks:
            _block(word, block)
    word.add_heading("Decisions", level=1)
    _table(
        word, doc.decisions, "No decisions were recorded at this meeting.", (1.2, 11.1, 1.3, 3.0)
    )
    word.add_heading("Actions", level=1)
    _table(
        word, doc.actions, "No actions were raised at this meeting.", (2.8, 4.7, 3.6, 2.1, 2.0, 1.4)
    )
    if doc.errata:
        word.add_heading("Errata", level=1)
        word.add_paragraph(
            "Corrections made after the minutes were approved. The minutes above are as approved."
        )
        for line in doc.errata:
            word.add_paragraph(line, style="List Bullet")
    return save_docx(word, path)


def _front(word, doc: MinutesDocument) -> None:
    if doc.is_demo:
        p = word.add_paragraph()
        run = p.add_run(doc.demo_line)
        run.bold, run.font.color.rgb = True, DEMO_RED
    word.add_heading(f"Minutes: {doc.title}", level=0)
    for label, value in (
        ("Series", doc.series),
        ("Date", doc.when),
        ("Place", doc.place),
        ("Status", doc.status_line),
    ):
        p = word.add_paragraph()
        p.paragraph_format.space_after = Pt(2)
        p.add_run(f"{label}: ").bold = True
        p.add_run(value)


def _attendance(word, doc: MinutesDocument) -> None:
    word.add_heading("Attendance", level=1)
    word.add_paragraph(doc.quorum)
    if not doc.attendance and not doc.quorum.startswith("No attendance"):
        word.add_paragraph("No attendance was recorded.")
    for group in doc.attendance:
        word.add_heading(group.label, level=3)
        _table(word, group.table, "", (8.3, 8.3))


def _table(word, table: Table, empty: str, widths: tuple[float, ...] = ()) -> None:
    if not table.rows:
        word.add_paragraph(empty)
        return
    t = word.add_table(rows=1, cols=len(table.headers))
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, header in zip(t.rows[0].cells, table.headers, strict=True):
        run = cell.paragraphs[0].add_run(header)
        run.bold, run.font.size = True, TABLE_TEXT
    _repeat_header(t.rows[0])
    for row in table.rows:
        cells = t.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.paragraphs[0].add_run(value).font.size = TABLE_TEXT
    if widths:
        t.autofit = False
        for n, width in enumerate(widths):
            t.columns[n].width = Cm(width)  # the grid: what LibreOffice reads
            for row in t.rows:
                row.cells[n].width = Cm(width)  # each cell: what Word reads
    for row in t.rows:
        _keep_together(row)
    word.add_paragraph()


def _row_flag(row, name: str) -> None:
    el = OxmlElement(name)
    el.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(el)


def _repeat_header(row) -> None:
    """The header row repeats at the top of each page the table runs onto."""
    _row_flag(row, "w:tblHeader")


def _keep_together(row) -> None:
    """A row is never split across two pages."""
    _row_flag(row, "w:cantSplit")


def _block(word, block: Block) -> None:
    if block.list_kind == "bullet":
        style = "List Bullet" if block.level == 0 else "List Bullet 2"
        p = word.add_paragraph(style=style)
    else:
        p = word.add_paragraph()
        if block.list_kind == "number":
            # Numbered by hand: Word's list numbering would run on from one item's list to the
            # next item's.
            p.paragraph_format.left_indent = Cm(0.8 * (block.level + 1))
            p.add_run(f"{block.number}. ")
    for run in block.runs:
        if run.text == "\n":
            p.add_run().add_break()
            continue
        r = p.add_run(run.text)
        r.bold, r.italic = run.bold or None, run.italic or None
