"""The practice digest to Word (.docx): the page set up as the minutes' (marking top and bottom
of every page, "Page X of Y" from Word's own fields), then the entries by theme."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.shared import Pt

from .docx_pages import save_docx, set_up_pages
from .minutes_docx import DEMO_RED
from .practices_digest import DigestEntry, PracticeDigest

SECTIONS = (
    ("summary", "Summary"),
    ("what_was_done", "What was done"),
    ("outcomes", "Outcomes and evidence"),
    ("contacts", "Contacts"),
)


def write_digest_docx(digest: PracticeDigest, path: Path) -> Path:
    """Write the digest to `path` (replacing it); a failed write leaves any old file as it was."""
    path = Path(path)
    if path.suffix.lower() != ".docx":
        path = path.with_suffix(".docx")
    word = Document()
    set_up_pages(word, digest.marking)
    if digest.is_demo:
        run = word.add_paragraph().add_run(digest.demo_line)
        run.bold, run.font.color.rgb = True, DEMO_RED
    word.add_heading(f"{digest.title}: {digest.period}", level=0)
    word.add_paragraph(digest.intro)
    note = word.add_paragraph().add_run(
        f"Produced {digest.produced}, from the practice library. "
        "Only published entries are included."
    )
    note.italic = True
    for theme in digest.themes:
        word.add_heading(theme.label, level=1)
        for entry in theme.entries:
            _entry(word, entry)
    return save_docx(word, path)


def _entry(word, entry: DigestEntry) -> None:
    word.add_heading(entry.title + (" (DEMO)" if entry.is_demo else ""), level=2)
    for label, value in entry.facts:
        p = word.add_paragraph()
        p.paragraph_format.space_after = Pt(1)
        p.add_run(f"{label}: ").bold = True
        p.add_run(value)
    for name, heading in SECTIONS:
        text = getattr(entry, name)
        if not text:
            continue
        word.add_heading(heading, level=3)
        for para in text.split("\n\n"):
            word.add_paragraph(para.strip())
    if entry.documents:
        word.add_heading("Documents", level=3)
        for label, target in entry.documents:
            p = word.add_paragraph(style="List Bullet")
            if label:
                p.add_run(f"{label}: ").bold = True
            p.add_run(target)
