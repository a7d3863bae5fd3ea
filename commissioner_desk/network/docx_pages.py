"""The page set-up the network's Word documents share (minutes, the practice digest): the
marking in capitals at the top and bottom of every page, and "Page X of Y" from Word's own
PAGE and NUMPAGES fields, so they stay right however the reader's Word repaginates."""

from __future__ import annotations

from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from ..files.safe_write import writing


def save_docx(word, path: Path) -> Path:
    """Save a document in one piece: a failed write leaves any old file as it was."""
    with writing(path) as tmp:  # a file Word holds open is worded by files.words
        word.save(tmp)
    return path


def set_up_pages(word, marking: str) -> None:
    """A4, Arial 11; the marking in bold at the top and bottom of every page, and "Page X of
    Y" under it from Word's own fields."""
    normal = word.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    for section in word.sections:
        section.page_height, section.page_width = Cm(29.7), Cm(21.0)  # A4
        section.left_margin = section.right_margin = Cm(2.2)
        header = section.header.paragraphs[0]
        header.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = header.add_run(marking)
        run.bold = True
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        footer.add_run(marking).bold = True
        pages = section.footer.add_paragraph()
        pages.alignment = WD_ALIGN_PARAGRAPH.CENTER
        pages.add_run("Page ")
        _field(pages, "PAGE", "1")
        pages.add_run(" of ")
        _field(pages, "NUMPAGES", "1")


def _field(paragraph, instruction: str, shown: str) -> None:
    """A Word field (begin, instruction, separate, last value, end), updated as pages change."""

    def char(kind: str):
        run = paragraph.add_run()
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        run._r.append(el)

    char("begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    char("separate")
    paragraph.add_run(shown)
    char("end")
