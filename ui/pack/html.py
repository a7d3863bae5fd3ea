"""A briefing pack's section as rich text for QTextDocument.

Tables are cut into segments where the page layout asks (`breaks`: the rows that must start a
new page), each segment repeating the header row, so that no row is ever split across two
pages. Headings the layout found stranded at the foot of a page (`keep`) start a new page.
Maps, charts and trend lines are drawn objects: each is a placeholder here, swapped for the
drawing by ui/pack/objects.py.
"""

from __future__ import annotations

from collections.abc import Mapping, Set
from dataclasses import dataclass, field
from html import escape

from commissioner_desk.exports import printable
from commissioner_desk.reports.blocks import (
    Bullets,
    ChartFigure,
    Contents,
    CoverPage,
    Facts,
    Heading,
    MapFigure,
    PackSection,
    Paragraph,
    Table,
    Trends,
)

NBSP = "\u00a0"
OBJECT_OPEN, OBJECT_CLOSE = "\ue000", "\ue001"  # private-use marks around a drawing's number
NAVY = "#1f2a44"
STYLE = f"""
h1 {{ font-size: 16pt; color: {NAVY}; margin-top: 0px; margin-bottom: 8px; }}
h2 {{ font-size: 11.5pt; color: {NAVY}; margin-top: 14px; margin-bottom: 4px; }}
p {{ margin-top: 2px; margin-bottom: 5px; }}
p.lead {{ font-size: 11pt; margin-bottom: 8px; }}
p.small, li.small {{ font-size: 8pt; color: #333333; }}
p.note {{ font-size: 7.5pt; color: #444444; margin-top: 3px; margin-bottom: 8px; }}
p.muted {{ color: #555555; }}
p.alert {{ color: #8a1010; }}
p.demo {{ color: #b00020; font-weight: bold; }}
p.caption {{ font-size: 8pt; color: #333333; margin-top: 4px; margin-bottom: 10px; }}
th {{ background-color: #e4e8f0; font-weight: bold; color: {NAVY}; }}
tr.total td {{ font-weight: bold; background-color: #eef0f5; }}
tr.alert td {{ background-color: #fbe9e7; }}
tr.muted td {{ color: #555555; }}
td.label {{ color: #444444; }}
"""
TABLE = (
    "<table width='100%' cellspacing='0' cellpadding='4' border='1' "
    "style='border-collapse: collapse; border-color: #c9cfdb; border-style: solid;{extra}'>"
)


@dataclass(frozen=True)
class Segment:
    """One printed piece of a content table: its first body row, in the model's numbering."""

    table: int  # the table's number within the section
    first_row: int
    continued: bool  # starts a new page, after an earlier segment


@dataclass
class Built:
    html: str
    segments: list[Segment] = field(default_factory=list)  # in document order
    objects: list[tuple[int, object]] = field(default_factory=list)  # (block index, block)


def _text(s: str) -> str:
    """Every text of the pack: control characters gone (a pasted Word break is a line)."""
    return escape(printable(s), quote=False).replace("\n", "<br>")


class _Writer:
    def __init__(self, breaks: Mapping[int, Set[int]], keep: Set[int]) -> None:
        self.out: list[str] = []
        self.built = Built("")
        self.breaks, self.keep = breaks, keep
        self.tables = 0
        self.headings = 0

    def heading(self, text: str, level: int) -> None:
        n = self.headings
        self.headings += 1
        style = " style='page-break-before: always'" if n in self.keep else ""
        self.out.append(f"<h{level}{style}>{_text(text)}</h{level}>")

    def paragraph(self, text: str, tone: str = "") -> None:
        cls = f" class='{tone}'" if tone else ""
        self.out.append(f"<p{cls}>{_text(text)}</p>")

    def obj(self, index: int, block: object, align: str = "center") -> None:
        n = len(self.built.objects)
        self.built.objects.append((index, block))
        self.out.append(f"<p align='{align}'>{OBJECT_OPEN}{n}{OBJECT_CLOSE}</p>")

    def inline_obj(self, index: int, block: object) -> str:
        n = len(self.built.objects)
        self.built.objects.append((index, block))
        return f"{OBJECT_OPEN}{n}{OBJECT_CLOSE}"

    def table(self, table: Table) -> None:
        number = self.tables
        self.tables += 1
        if not table.rows:
            self.paragraph(table.empty, "muted")
            if table.note:
                self.paragraph(table.note, "note")
            return
        head = "".join(
            f"<th{_width(c.width)} align='{c.align}'>{_text(c.label)}</th>" for c in table.columns
        )
        cuts = sorted(r for r in self.breaks.get(number, ()) if 0 < r < len(table.rows))
        starts = [0, *cuts]
        for i, start in enumerate(starts):
            end = starts[i + 1] if i + 1 < len(starts) else len(table.rows)
            self.built.segments.append(Segment(number, start, continued=i > 0))
            extra = " page-break-before: always;" if i > 0 else ""
            body = "".join(_row(table, row) for row in table.rows[start:end])
            self.out.append(
                TABLE.format(extra=extra) + f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody>"
                "</table>"
            )
        if table.note:
            self.paragraph(table.note, "note")


def _width(width: int) -> str:
    return f" width='{width}%'" if width else ""


def _row(table: Table, row) -> str:
    cls = f" class='{row.tone}'" if row.tone else ""
    cells = "".join(
        f"<td align='{c.align}'>{_text(text.replace(' ', NBSP) if c.nowrap else text)}</td>"
        for c, text in zip(table.columns, row.cells, strict=True)
    )
    return f"<tr{cls}>{cells}</tr>"


def section_html(
    section: PackSection,
    breaks: Mapping[int, Set[int]] | None = None,
    keep: Set[int] = frozenset(),
    pages: Mapping[str, int] | None = None,
) -> Built:
    """The section as HTML; `pages` gives the contents its page numbers (section key → page)."""
    w = _Writer(breaks or {}, keep)
    if section.show_title:
        w.heading(section.title, 1)
    for index, block in enumerate(section.blocks):
        if isinstance(block, Heading):
            w.heading(block.text, min(block.level, 3))
        elif isinstance(block, Paragraph):
            w.paragraph(block.text, block.tone)
        elif isinstance(block, Bullets):
            cls = f" class='{block.tone}'" if block.tone else ""
            items = "".join(f"<li{cls}>{_text(i)}</li>" for i in block.items)
            w.out.append(f"<ul style='margin-top:2px; margin-bottom:6px'>{items}</ul>")
        elif isinstance(block, Facts):
            _facts(w, block)
        elif isinstance(block, Table):
            w.table(block)
        elif isinstance(block, MapFigure | ChartFigure):
            w.obj(index, block)
            w.paragraph(block.caption, "caption")
        elif isinstance(block, Trends):
            _trends(w, index, block)
        elif isinstance(block, CoverPage):
            _cover(w, block)
        elif isinstance(block, Contents):
            _contents(w, block, pages or {})
    w.built.html = "".join(w.out)
    return w.built


def _facts(w: _Writer, block: Facts, style: str = "") -> None:
    rows = "".join(
        f"<tr><td class='label' width='26%'>{_text(k)}</td><td>{_text(v)}</td></tr>"
        for k, v in block.pairs
    )
    w.tables += 1  # a table in the document, never cut
    w.built.segments.append(Segment(-1, 0, continued=False))
    w.out.append(
        f"<table width='100%' cellspacing='0' cellpadding='2' border='0' style='{style}'>"
        f"{rows}</table><p style='margin-top:0px; margin-bottom:4px'></p>"
    )


def _trends(w: _Writer, index: int, block: Trends) -> None:
    rows = "".join(
        f"<tr><td width='30%' valign='middle'>{_text(t.label)}</td>"
        f"<td width='70%'>{w.inline_obj(index, t)}</td></tr>"
        for t in block.trends
    )
    w.tables += 1
    w.built.segments.append(Segment(-1, 0, continued=False))
    w.out.append(f"<table width='100%' cellspacing='0' cellpadding='1' border='0'>{rows}</table>")
    if block.caption:
        w.paragraph(block.caption, "note")


def _cover(w: _Writer, block: CoverPage) -> None:
    out = w.out
    # Qt drops the top margin of a document's first block: a spacer paragraph instead.
    out.append("<p style='font-size:10pt; margin-bottom:150px'>&nbsp;</p>")
    out.append(
        f"<p style='font-size:26pt; font-weight:bold; color:{NAVY}'>{_text(block.title)}</p>"
    )
    out.append(f"<p style='font-size:18pt; color:{NAVY}'>{_text(block.subtitle)}</p>")
    out.append("<p style='font-size:10pt; margin-bottom:24px'>&nbsp;</p>")
    _facts(w, Facts(block.facts), "font-size:10.5pt")
    out.append("<p style='margin-top:30px'></p>")
    w.tables += 1
    w.built.segments.append(Segment(-1, 0, continued=False))
    out.append(
        "<table width='100%' cellspacing='0' cellpadding='10' border='1.5' "
        f"style='border-collapse: collapse; border-color: {NAVY}; border-style: solid'><tr><td>"
        f"<p style='font-size:14pt; font-weight:bold'>{_text(block.marking)}</p>"
        f"<p>{_text(block.handling)}</p></td></tr></table>"
    )
    if block.demo_note:
        out.append(f"<p class='demo' style='margin-top:24px'>{_text(block.demo_note)}</p>")


def _contents(w: _Writer, block: Contents, pages: Mapping[str, int]) -> None:
    """In page order; a run of force pages as a compact list in two columns."""
    groups: list[list] = []
    for entry in block.entries:
        if groups and groups[-1][0].level == entry.level:
            groups[-1].append(entry)
        else:
            groups.append([entry])
    for group in groups:
        if group[0].level == 1:
            _contents_main(w, group, pages)
        else:
            _contents_forces(w, group, pages)


def _page_of(pages: Mapping[str, int], key: str) -> str:
    return str(pages.get(key, 0))


def _contents_main(w: _Writer, entries: list, pages: Mapping[str, int]) -> None:
    rows = "".join(
        f"<tr><td width='88%'>{_text(e.title)}</td><td width='12%' align='right'>"
        f"{_page_of(pages, e.section_key)}</td></tr>"
        for e in entries
    )
    w.tables += 1
    w.built.segments.append(Segment(-1, 0, continued=False))
    w.out.append(
        "<table width='100%' cellspacing='0' cellpadding='4' border='0' style='font-size:11pt'>"
        f"{rows}</table>"
    )


def _contents_forces(w: _Writer, entries: list, pages: Mapping[str, int]) -> None:
    first = _page_of(pages, entries[0].section_key)
    last = _page_of(pages, entries[-1].section_key)
    w.out.append(
        "<table width='100%' cellspacing='0' cellpadding='4' border='0' style='font-size:11pt'>"
        f"<tr><td width='88%'>Force pages</td><td width='12%' align='right'>{first}–{last}"
        "</td></tr></table>"
    )
    w.tables += 1
    w.built.segments.append(Segment(-1, 0, continued=False))
    half = (len(entries) + 1) // 2
    rows = []
    for i in range(half):
        pair = [entries[i], entries[i + half] if i + half < len(entries) else None]
        cells = []
        for n, e in enumerate(pair):
            if n:
                cells.append("<td width='6%'></td>")  # a gutter between the two columns
            if e is None:
                cells.append("<td></td><td></td>")
            else:
                cells.append(
                    f"<td width='39%'>{_text(e.title)}</td><td width='8%' align='right'>"
                    f"{_page_of(pages, e.section_key)}</td>"
                )
        rows.append("<tr>" + "".join(cells) + "</tr>")
    w.tables += 1
    w.built.segments.append(Segment(-1, 0, continued=False))
    w.out.append(
        "<table width='100%' cellspacing='0' cellpadding='1' border='0' "
        f"style='font-size:8.5pt; margin-left:16px; margin-bottom:6px'>{''.join(rows)}</table>"
    )
