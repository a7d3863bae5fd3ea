"""The practice digest exported: PDF from one rich-text rendering of the core's PracticeDigest,
painted page by page with the protective marking top and bottom (the shared paged renderer);
Word through the core's practices_docx. The dialog asks for the period, the format and the
marking in one go."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtGui import QTextBlock, QTextBlockFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from commissioner_desk.files.safe_write import writing
from commissioner_desk.reports.options import MARKINGS

from ... import messages
from ...records.form import message_label, show_message
from ...records.saving import ask_save_path, documents_dir
from ..meetings import ops

Say = Callable[[str, int], None]

if TYPE_CHECKING:
    from commissioner_desk.db.database import Database
    from commissioner_desk.network.practices_digest import DigestEntry, PracticeDigest

    from ...printing.paged import PageDecor

STYLE = """
h1 { font-size: 18pt; color: #1f2a44; margin-bottom: 2px; }
h2 { font-size: 14pt; color: #1f2a44; margin-top: 18px; margin-bottom: 4px; }
h3 { font-size: 11.5pt; color: #1f2a44; margin-top: 14px; margin-bottom: 2px; }
h4 { font-size: 9.5pt; margin-top: 6px; margin-bottom: 0px; }
p { margin-top: 2px; margin-bottom: 4px; }
td { padding: 1px 8px 1px 0px; }
.facts td { color: #333333; }
.muted { color: #555555; }
.demo { color: #b00020; font-weight: bold; }
"""
MAX_PASSES = 60  # one page break added per pass; far more than a digest needs
FORMATS = {"pdf": ("PDF", "PDF files (*.pdf)"), "docx": ("Word", "Word documents (*.docx)")}
TEXTS = (
    ("summary", "Summary"),
    ("what_was_done", "What was done"),
    ("outcomes", "Outcomes and evidence"),
    ("contacts", "Contacts"),
)


# ----- the rendering ------------------------------------------------------------------------


def _paragraphs(text: str) -> str:
    return "".join(
        f"<p>{escape(part.strip()).replace(chr(10), '<br>')}</p>"
        for part in text.split("\n\n")
        if part.strip()
    )


def _entry_html(entry: DigestEntry) -> str:
    demo = " <span class='demo'>DEMO</span>" if entry.is_demo else ""
    parts = [f"<h3>{escape(entry.title)}{demo}</h3>"]
    if entry.facts:
        rows = "".join(
            f"<tr><td><b>{escape(k)}</b></td><td>{escape(v)}</td></tr>" for k, v in entry.facts
        )
        parts.append(f"<table class='facts' cellspacing='0'>{rows}</table>")
    for name, heading in TEXTS:
        text = getattr(entry, name)
        if text:
            parts.append(f"<h4>{heading}</h4>{_paragraphs(text)}")
    if entry.documents:
        items = "".join(
            f"<li>{f'<b>{escape(label)}:</b> ' if label else ''}{escape(target)}</li>"
            for label, target in entry.documents
        )
        parts.append(f"<h4>Documents</h4><ul>{items}</ul>")
    return "".join(parts)


def digest_html(digest: PracticeDigest) -> str:
    parts = [f"<h1>{escape(digest.title)}</h1>", f"<p><b>{escape(digest.period)}</b></p>"]
    if digest.is_demo:
        parts.append(f"<p class='demo'>{escape(digest.demo_line)}</p>")
    parts.append(f"<p>{escape(digest.intro)}</p>")
    parts.append(
        f"<p class='muted'><i>Produced {escape(digest.produced)}, from the practice library. "
        "Only published entries are included.</i></p>"
    )
    for theme in digest.themes:
        parts.append(f"<h2>{escape(theme.label)}</h2>")
        parts.extend(_entry_html(e) for e in theme.entries)
    return "".join(parts)


def text_document(digest: PracticeDigest) -> QTextDocument:
    from ...printing.paged import page_font

    text = QTextDocument()
    # Without ligatures: "trafficking" then searches and copies from the PDF as typed.
    text.setDefaultFont(page_font(9.5, bold=False))
    text.setDefaultStyleSheet(STYLE)
    text.setHtml(digest_html(digest))
    return text


def page_decor(db: Database, digest: PracticeDigest) -> PageDecor:
    from ...printing.paged import PageDecor

    return PageDecor(
        marking=digest.marking,
        title=f"Practice digest, {digest.period}",
        demo=digest.is_demo,
        author=db.user,
        subject=f"{digest.title}: entries added to the practice library, {digest.period}",
    )


def _entry_starts(doc: QTextDocument) -> list[QTextBlock]:
    """The first block of each entry: its title (h3), or the theme's heading (h2) just above
    it, so a theme's heading never ends a page without its first entry."""
    starts: list[QTextBlock] = []
    block, before = doc.begin(), None
    while block.isValid():
        level = block.blockFormat().headingLevel()
        if level == 3:
            starts.append(before if before is not None else block)
        before = block if level == 2 else None
        block = block.next()
    return starts


def keep_entries_together(doc: QTextDocument) -> int:
    """Start an entry on a new page when it would be cut across two (entries taller than a
    page run on). Lay the document out for its device first. Returns the breaks added."""
    layout = doc.documentLayout()
    height = doc.pageSize().height()
    before = QTextBlockFormat.PageBreakFlag.PageBreak_AlwaysBefore
    added = 0
    for _ in range(MAX_PASSES):
        starts = _entry_starts(doc)
        tops = [layout.blockBoundingRect(b).top() for b in starts]
        # Where each entry's text ends: the bottom of the block before the next entry (not the
        # next entry's top, which a page break moves down).
        ends = [layout.blockBoundingRect(b.previous()).bottom() for b in starts[1:]]
        ends.append(layout.documentSize().height())
        cut = next(
            (
                block
                for block, top, end in zip(starts, tops, ends, strict=True)
                if int(top // height) != int((end - 1) // height)
                and end - top <= height
                and not block.blockFormat().pageBreakPolicy() & before  # already starts one
            ),
            None,
        )
        if cut is None:
            break
        fmt = cut.blockFormat()
        fmt.setPageBreakPolicy(before)
        QTextCursor(cut).setBlockFormat(fmt)
        added += 1
    return added


def write_digest_pdf(db: Database, digest: PracticeDigest, path: Path) -> int:
    """The digest as a PDF at `path`, no entry cut across pages; the number of pages."""
    from ...printing.paged import finish_pdf, paint_documents, pdf_writer, prepare

    decor = page_decor(db, digest)
    with writing(path) as tmp:
        writer = pdf_writer(tmp, decor)
        doc = text_document(digest)
        prepare(doc, writer)
        keep_entries_together(doc)
        pages = paint_documents([doc], writer, decor)
        del writer  # closes the file
        finish_pdf(tmp, decor)
    return pages


def write_digest(db: Database, digest: PracticeDigest, path: Path) -> Path:
    """PDF or Word by the name's ending (.pdf, .docx); the path written."""
    if path.suffix.lower() == ".docx":
        from commissioner_desk.network.practices_docx import write_digest_docx

        return write_digest_docx(digest, path)
    write_digest_pdf(db, digest, path)
    return path


# ----- the dialog and the export ------------------------------------------------------------


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def default_period(today: date) -> tuple[date, date]:
    """The last three months, to today."""
    start = today - timedelta(days=91)
    return start, today


class DigestDialog(QDialog):
    """From, to, PDF or Word, and the protective marking."""

    def __init__(self, parent: QWidget | None, start: date, end: date) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export the practice digest")
        intro = QLabel(
            "The published entries added to the library in a period, grouped by theme, with "
            "the protective marking at the top and bottom of every page."
        )
        intro.setWordWrap(True)
        self.start, self.end = QDateEdit(_qdate(start)), QDateEdit(_qdate(end))
        for edit in (self.start, self.end):
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setCalendarPopup(True)
        self.format = QComboBox()
        for key, (label, _filter) in FORMATS.items():
            self.format.addItem(label, key)
        self.marking = QComboBox()
        self.marking.setEditable(True)  # or a handling caveat, typed
        self.marking.addItems(list(MARKINGS))
        self.message = message_label()
        form = QFormLayout()
        form.addRow("Added &from", self.start)
        form.addRow("&To", self.end)
        form.addRow("F&ormat", self.format)
        form.addRow("Protective &marking", self.marking)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export…")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.message)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)

    def values(self) -> tuple[date, date, str, str]:
        marking = " ".join(self.marking.currentText().split()).upper()
        return (
            self.start.date().toPython(),
            self.end.date().toPython(),
            self.format.currentData(),
            marking,
        )

    def accept(self) -> None:
        start, end, _how, marking = self.values()
        if end < start:
            show_message(self.message, "The period cannot end before it starts.")
            return
        if not marking:
            show_message(self.message, "Type the marking, or choose OFFICIAL.")
            return
        super().accept()

    @classmethod
    def ask(cls, parent: QWidget | None, start: date, end: date):
        """(from, to, "pdf" or "docx", marking), or None when cancelled."""
        dialog = cls(parent, start, end)
        return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None


def export_digest(
    parent: QWidget, db: Database, today: date | None = None, *, say: Say
) -> Path | None:
    """Ask for the period, format and marking, then the file; write it. The path, if any;
    `say(text, ms)` tells the status bar (the page's status_message)."""
    from commissioner_desk.network.practices import practice_digest

    today = today or date.today()
    chosen = DigestDialog.ask(parent, *default_period(today))
    if chosen is None:
        return None
    start, end, how, marking = chosen
    try:
        digest = practice_digest(db, start, end, marking, today)
    except Exception as exc:
        messages.show_error(parent, "The digest could not be exported", exc)
        return None
    if not digest.count:
        messages.show_warning(
            parent,
            "Nothing to export",
            f"{digest.intro} Choose a longer period, or publish the draft entries first.",
        )
        return None
    kind, file_filter = FORMATS[how]
    path = ask_save_path(
        parent,
        f"Export the practice digest to {kind}",
        documents_dir() / f"{digest.file_stem}.{how}",
        file_filter,
    )
    if path is None:
        return None
    if path.suffix.lower() != f".{how}":
        path = path.with_name(path.name + f".{how}")
    done = ops.attempt(
        parent, "The digest could not be exported", lambda: write_digest(db, digest, path)
    )
    if done is None:
        return None
    say(f"Practice digest ({digest.count} entries) exported to {path} ({marking}).", 12000)
    return path
