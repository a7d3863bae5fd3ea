"""The minutes exported: PDF (and printer, and print preview) from one rich-text rendering of the
core's MinutesDocument, painted page by page with the marking top and bottom; Word through the
core's minutes_docx. Both carry the protective marking the user chose."""

from __future__ import annotations

from datetime import date
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QFont, QTextDocument
from PySide6.QtWidgets import QWidget

from commissioner_desk.formatting import uk_date
from commissioner_desk.network.minutes_doc import MinutesDocument, Table
from commissioner_desk.network.minutes_html import Block

from .... import messages
from ....records.saving import ask_save_path, documents_dir
from .. import ops
from ..record_dialogs import MarkingDialog

if TYPE_CHECKING:
    from commissioner_desk.db.database import Database

    from ....printing.paged import PageDecor
    from ..editor import MeetingEditor

STYLE = """
h1 { font-size: 17pt; color: #1f2a44; margin-bottom: 2px; }
h2 { font-size: 13pt; color: #1f2a44; margin-top: 14px; margin-bottom: 4px; }
h3 { font-size: 11pt; margin-top: 10px; margin-bottom: 2px; }
p { margin-top: 2px; margin-bottom: 4px; }
th { background-color: #e4e8f0; text-align: left; font-weight: bold; }
td, th { padding: 3px; }
.muted { color: #555555; }
.demo { color: #b00020; font-weight: bold; }
"""
FORMATS = {"pdf": ("PDF", "PDF files (*.pdf)"), "docx": ("Word", "Word documents (*.docx)")}


def ask_marking(parent: QWidget) -> str | None:
    return MarkingDialog.ask(parent, "minutes")


# ----- the rendering ------------------------------------------------------------------------


def _runs(block: Block) -> str:
    out = []
    for run in block.runs:
        if run.text == "\n":
            out.append("<br>")
            continue
        text = escape(run.text, quote=False)
        if run.italic:
            text = f"<i>{text}</i>"
        if run.bold:
            text = f"<b>{text}</b>"
        out.append(text)
    return "".join(out)


def _blocks(blocks: tuple[Block, ...]) -> str:
    """Paragraphs, and list items as real (nested) lists so Qt indents them properly."""
    out: list[str] = []
    open_lists: list[str] = []
    for block in blocks:
        if not block.list_kind:
            out.extend(f"</{tag}>" for tag in reversed(open_lists))
            open_lists.clear()
            out.append(f"<p>{_runs(block)}</p>")
            continue
        tag = "ol" if block.list_kind == "number" else "ul"
        depth = block.level + 1
        while len(open_lists) > depth or (len(open_lists) == depth and open_lists[-1] != tag):
            out.append(f"</{open_lists.pop()}>")
        while len(open_lists) < depth:
            open_lists.append(tag)
            out.append(f"<{tag}>")
        out.append(f"<li>{_runs(block)}</li>")
    out.extend(f"</{tag}>" for tag in reversed(open_lists))
    return "".join(out)


def _table(
    table: Table, empty: str, widths: tuple[int, ...] = (), nowrap: tuple[int, ...] = ()
) -> str:
    """A table whose header row repeats at the top of every page it runs onto (<thead>);
    the `nowrap` columns (references, dates) are never broken across lines."""
    if not table.rows:
        return f"<p class='muted'>{escape(empty)}</p>"

    def width(n: int) -> str:
        return f" width='{widths[n]}%'" if n < len(widths) else ""

    def cell(n: int, text: str) -> str:
        style = " style='white-space:nowrap'" if n in nowrap else ""
        return f"<td{style}>{escape(text)}</td>"

    head = "".join(f"<th{width(n)}>{escape(h)}</th>" for n, h in enumerate(table.headers))
    body = "".join(
        "<tr>" + "".join(cell(n, c) for n, c in enumerate(row)) + "</tr>" for row in table.rows
    )
    return (
        "<table width='100%' border='1' cellspacing='0' cellpadding='3' "
        "style='border-collapse:collapse; border-color:#9aa3b5'>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def minutes_html(doc: MinutesDocument) -> str:
    parts = [f"<h1>{escape(doc.title)}</h1>", f"<p><b>{escape(doc.series)}</b></p>"]
    parts.append(f"<p>{escape(doc.when)} · {escape(doc.place)}</p>")
    parts.append(f"<p><b>{escape(doc.status_line)}</b></p>")
    if doc.is_demo:
        parts.append(f"<p class='demo'>{escape(doc.demo_line)}</p>")
    parts.append("<h2>Attendance</h2>")
    parts.append(f"<p>{escape(doc.quorum)}</p>")
    if not doc.attendance and "No attendance" not in doc.quorum:
        parts.append("<p class='muted'>No attendance was recorded.</p>")
    for group in doc.attendance:
        parts.append(f"<h3>{escape(group.label)}</h3>")
        parts.append(_table(group.table, "", (55, 45)))
    parts.append("<h2>Minutes</h2>")
    for item in doc.items:
        parts.append(f"<h3>{item.number}. {escape(item.title)}</h3>")
        about = item.kind.capitalize() + (
            f". Presented by {escape(item.presenter)}." if item.presenter else "."
        )
        parts.append(f"<p class='muted'><i>{about}</i></p>")
        if item.papers:
            papers = "<br>".join(escape(p) for p in item.papers)
            parts.append(f"<p><b>Papers:</b><br>{papers}</p>")
        if not item.blocks:
            parts.append("<p class='muted'>No minutes recorded for this item.</p>")
        parts.append(_blocks(item.blocks))
    parts.append("<h2>Decisions</h2>")
    parts.append(
        _table(doc.decisions, "No decisions were recorded at this meeting.", (7, 65, 8, 20), (3,))
    )
    parts.append("<h2>Actions</h2>")
    parts.append(
        _table(
            doc.actions,
            "No actions were raised at this meeting.",
            (18, 28, 22, 13, 12, 7),
            (0, 3),
        )
    )
    if doc.errata:
        parts.append("<h2>Errata</h2>")
        parts.append(
            "<p>Corrections made after the minutes were approved. The minutes above are as "
            "approved.</p>"
        )
        parts.extend(f"<p>{escape(e)}</p>" for e in doc.errata)
    return "".join(parts)


def text_document(doc: MinutesDocument) -> QTextDocument:
    text = QTextDocument()
    font = QFont("DejaVu Sans")
    font.setPointSizeF(9.5)
    text.setDefaultFont(font)
    text.setDefaultStyleSheet(STYLE)
    text.setHtml(minutes_html(doc))
    return text


def page_decor(db: Database, doc: MinutesDocument) -> PageDecor:
    from ....printing.paged import PageDecor

    return PageDecor(
        marking=doc.marking,
        # Short: the footer prints it left of the centred marking.
        title=f"Minutes, {uk_date(date.fromisoformat(doc.date_iso))}",
        demo=doc.is_demo,
        author=db.user,
        subject=f"{doc.title}, {doc.series}",
    )


# ----- the exports --------------------------------------------------------------------------


def write_minutes_pdf(db: Database, meeting_id: int, marking: str, path: Path) -> int:
    """The minutes as a PDF at `path`; the number of pages."""
    from commissioner_desk.network.minutes_doc import minutes_document

    from ....printing.paged import write_pdf

    doc = minutes_document(db, meeting_id, marking)
    return write_pdf(text_document(doc), path, page_decor(db, doc))


def write_minutes_word(db: Database, meeting_id: int, marking: str, path: Path) -> Path:
    from commissioner_desk.network.minutes_doc import minutes_document
    from commissioner_desk.network.minutes_docx import write_minutes_docx

    return write_minutes_docx(minutes_document(db, meeting_id, marking), path)


def run(parent: MeetingEditor, db: Database, meeting_id: int, how: str) -> Path | None:
    """Ask for the marking (and the file), then export or print. The path written, if any."""
    from commissioner_desk.network.minutes_doc import minutes_document

    marking = ask_marking(parent)
    if not marking:
        return None
    try:
        doc = minutes_document(db, meeting_id, marking)
    except Exception as exc:
        messages.show_error(parent, "The minutes could not be exported", exc)
        return None
    if how in ("print", "preview"):
        from .printout import preview_minutes, print_minutes

        (print_minutes if how == "print" else preview_minutes)(
            parent, text_document(doc), page_decor(db, doc)
        )
        return None
    kind, file_filter = FORMATS[how]
    path = ask_save_path(
        parent,
        f"Export the minutes to {kind}",
        documents_dir() / f"{doc.file_stem}.{how}",
        file_filter,
    )
    if path is None:
        return None
    if path.suffix.lower() != f".{how}":
        path = path.with_name(path.name + f".{how}")
    writer = write_minutes_pdf if how == "pdf" else write_minutes_word
    done = ops.attempt(
        parent, "The minutes could not be exported", lambda: writer(db, meeting_id, marking, path)
    )
    if done is None:
        return None
    parent.say(f"Minutes exported to {path} ({marking}).", 12000)
    return path
