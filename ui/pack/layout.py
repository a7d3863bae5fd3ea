"""Lay a briefing pack out on a device's pages: one document per section (each starts a page),
rows never split across pages, headings never left alone at the foot of a page, and the
contents filled with the page each section starts on.

Qt moves a line that does not fit to the next page, but a table row of several lines can still
be cut between them, and a heading can end a page whose next line went over. So each section is
laid out, checked, and laid out again with the first problem mended (the row starts a new
segment of the table on a new page, with the header repeated; the heading starts the page),
until none is left. Each section is short, so this costs a few layouts at most.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from PySide6.QtGui import QPagedPaintDevice, QTextBlock, QTextDocument, QTextTable

from commissioner_desk.reports.blocks import Pack, PackSection

from ..printing.paged import page_font, prepare
from .html import STYLE, Built, section_html
from .objects import Drawings, insert_drawings

MAX_PASSES = 40  # far more than any section needs; a guard against a row taller than a page

SvgKey = tuple[str, int]  # (section key, block index) of a chart


@dataclass
class LaidOut:
    docs: list[QTextDocument]
    first_page: dict[str, int]  # section key → page it starts on (1 = the first page)
    pages: int
    _keep: list[Drawings] = field(default_factory=list)  # the drawing handlers, kept alive


def _document(built: Built, section: PackSection, svgs: Mapping[SvgKey, bytes], device):
    doc = QTextDocument()
    doc.setDocumentMargin(0)
    doc.setDefaultFont(page_font(9, bold=False))
    doc.setDefaultStyleSheet(STYLE)
    doc.setHtml(built.html)
    items = [block for _, block in built.objects]
    chart_svgs = {
        n: svgs[(section.key, index)]
        for n, (index, _) in enumerate(built.objects)
        if (section.key, index) in svgs
    }
    handler = insert_drawings(doc, items, chart_svgs)
    prepare(doc, device)
    return doc, handler


def _tables(doc: QTextDocument) -> list[QTextTable]:
    return [f for f in doc.rootFrame().childFrames() if isinstance(f, QTextTable)]


def _page(y: float, height: float) -> int:
    return int(y // height)


def _first_problem(doc: QTextDocument, built: Built) -> tuple[str, int, int] | None:
    """The earliest row cut across pages ("row", table, model row) or heading left at the foot
    of a page ("keep", heading number, 0); None when the section is fine."""
    layout = doc.documentLayout()
    height = doc.pageSize().height()
    found: list[tuple[float, tuple[str, int, int]]] = []
    for table, segment in zip(_tables(doc), built.segments, strict=False):
        if segment.table < 0:
            continue
        header = table.format().headerRowCount()
        for r in range(header, table.rows()):
            top, bottom = _row_span(layout, table, r)
            if _page(top, height) != _page(bottom - 1, height):
                if r == header and segment.continued:
                    break  # already starts a page: taller than one, nothing to mend
                found.append((top, ("row", segment.table, segment.first_row + r - header)))
                break
    n = 0
    block = doc.begin()
    while block.isValid():
        if block.blockFormat().headingLevel() > 0:
            after = _next_content(block)
            if after is not None:
                top = layout.blockBoundingRect(block).top()
                if _page(top, height) != _page(layout.blockBoundingRect(after).top(), height):
                    found.append((top, ("keep", n, 0)))
            n += 1
        block = block.next()
    return min(found)[1] if found else None


def _next_content(block: QTextBlock) -> QTextBlock | None:
    after = block.next()
    while after.isValid() and not after.text().strip() and not after.textList():
        after = after.next()  # skip empty spacer paragraphs
    return after if after.isValid() else None


def _row_span(layout, table: QTextTable, row: int) -> tuple[float, float]:
    tops, bottoms = [], []
    for c in range(table.columns()):
        cell = table.cellAt(row, c)
        if not cell.isValid():
            continue
        tops.append(layout.blockBoundingRect(cell.firstCursorPosition().block()).top())
        bottoms.append(layout.blockBoundingRect(cell.lastCursorPosition().block()).bottom())
    return (min(tops), max(bottoms)) if tops else (0.0, 0.0)


def lay_out_section(
    section: PackSection,
    device: QPagedPaintDevice,
    svgs: Mapping[SvgKey, bytes],
    pages: Mapping[str, int] | None = None,
) -> tuple[QTextDocument, Drawings]:
    breaks: dict[int, set[int]] = {}
    keep: set[int] = set()
    for _ in range(MAX_PASSES):
        built = section_html(section, breaks, keep, pages)
        doc, handler = _document(built, section, svgs, device)
        problem = _first_problem(doc, built)
        if problem is None:
            break
        kind, number, row = problem
        if kind == "row":
            breaks.setdefault(number, set()).add(row)
        elif number in keep:
            break  # a heading already on a new page with its content still over: leave it
        else:
            keep.add(number)
    return doc, handler


def lay_out(
    pack: Pack, device: QPagedPaintDevice, svgs: Mapping[SvgKey, bytes] | None = None
) -> LaidOut:
    """Every section laid out for `device`, the contents with its page numbers."""
    svgs = svgs or {}
    docs: dict[str, QTextDocument] = {}
    handlers: list[Drawings] = []
    for section in pack.sections:
        if section.key != "contents":
            docs[section.key], handler = lay_out_section(section, device, svgs)
            handlers.append(handler)
    contents = pack.section("contents")
    first: dict[str, int] = {}
    if contents is not None:
        numbers: dict[str, int] = {}
        for _ in range(3):  # the contents' own length settles at once; checked to be sure
            doc, handler = lay_out_section(contents, device, svgs, numbers)
            docs["contents"] = doc
            first = _first_pages(pack, docs)
            if first == numbers:
                break
            numbers = first
        handlers.append(handler)
    else:
        first = _first_pages(pack, docs)
    ordered = [docs[s.key] for s in pack.sections]
    return LaidOut(ordered, first, sum(d.pageCount() for d in ordered), handlers)


def _first_pages(pack: Pack, docs: Mapping[str, QTextDocument]) -> dict[str, int]:
    first, page = {}, 1
    for s in pack.sections:
        first[s.key] = page
        page += docs[s.key].pageCount()
    return first
