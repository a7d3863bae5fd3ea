"""Minutes as a document and as Word: read back with python-docx."""

from __future__ import annotations

from datetime import date

import pytest
from docx import Document

from commissioner_desk.demo import load_demo
from commissioner_desk.domain.enums import AgendaItemKind, AttendanceStatus
from commissioner_desk.network.agenda import add_agenda_item
from commissioner_desk.network.attendance import set_attendance
from commissioner_desk.network.decisions import record_decision
from commissioner_desk.network.errors import NetworkError
from commissioner_desk.network.meetings import list_meetings
from commissioner_desk.network.minutes import save_minutes
from commissioner_desk.network.minutes_doc import DEMO_LINE, minutes_document
from commissioner_desk.network.minutes_docx import write_minutes_docx

from .meeting_fixtures import FEB, action, meeting, org, series


def _all_text(word) -> str:
    parts = [p.text for p in word.paragraphs]
    for table in word.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


@pytest.fixture
def minuted(db):
    mid = meeting(db, series(db, "Test network"), FEB, "Network meeting, February 2026")
    kent, unseen = org(db, "Kent Police"), org(db, "Unseen")
    set_attendance(db, mid, kent, AttendanceStatus.PRESENT)
    set_attendance(db, mid, unseen, AttendanceStatus.DEPUTY, deputy_name="Sam Deputy")
    item = add_agenda_item(
        db, mid, "Duty to Notify", AgendaItemKind.DECISION, papers="https://example.org/dtn.pdf"
    )
    save_minutes(
        db,
        item.id,
        item.version,
        "<p>Reports vary <b>widely</b>.</p><ul><li>Forces to report quarterly</li></ul>",
    )
    record_decision(db, mid, item.id, "Every force will report DtN figures.", date(2026, 2, 10))
    action(db, "TST-2026-001", mid, item_id=item.id, org_id=kent, due=date(2026, 4, 1))
    return mid


def test_document_structure(db, minuted):
    doc = minutes_document(db, minuted, "  official-sensitive ")
    assert doc.marking == "OFFICIAL-SENSITIVE"
    assert doc.when == "Tuesday 10 February 2026, 10:30"
    assert doc.status_line.startswith("DRAFT minutes")
    assert [(g.label, g.table.rows) for g in doc.attendance] == [
        ("Present", (("Kent Police", ""),)),
        ("Represented by a deputy", (("Unseen", "Sam Deputy"),)),
    ]
    assert doc.decisions.rows == (
        ("1", "Every force will report DtN figures.", "2", "10 Feb 2026"),
    )
    assert doc.actions.rows == (
        ("TST-2026-001", "Action TST-2026-001", "Kent Police", "1 Apr 2026", "open", "2"),
    )
    item = doc.items[1]
    assert [b.text for b in item.blocks] == ["Reports vary widely.", "Forces to report quarterly"]
    assert item.papers == ("https://example.org/dtn.pdf",)
    assert not doc.is_demo and doc.demo_line == ""
    with pytest.raises(NetworkError, match="protective marking"):
        minutes_document(db, minuted, "   ")


def test_docx_read_back(db, minuted, tmp_path):
    doc = minutes_document(db, minuted, "official-sensitive")
    path = write_minutes_docx(doc, tmp_path / "minutes")
    assert path.suffix == ".docx" and path.exists()
    word = Document(str(path))
    for section in word.sections:
        assert "OFFICIAL-SENSITIVE" in [p.text for p in section.header.paragraphs]
        footer = [p.text for p in section.footer.paragraphs]
        assert footer[0] == "OFFICIAL-SENSITIVE"
        xml = section.footer._element.xml
        assert "PAGE" in xml and "NUMPAGES" in xml and footer[1].startswith("Page ")
    text = _all_text(word)
    assert "Minutes: Network meeting, February 2026" in text
    assert "Reports vary widely." in text and "Forces to report quarterly" in text
    assert "Every force will report DtN figures." in text
    assert "TST-2026-001" in text and "Sam Deputy" in text
    assert DEMO_LINE not in text
    bold = [r.text for p in word.paragraphs for r in p.runs if r.bold]
    assert "widely" in bold
    bullets = [p.text for p in word.paragraphs if p.style.name == "List Bullet"]
    assert bullets == ["Forces to report quarterly"]


def test_demo_minutes_carry_the_demo_line_and_errata(db, tmp_path):
    load_demo(db, today=date(2026, 3, 20))
    oldest = list_meetings(db)[-1]
    doc = minutes_document(db, oldest.id, "OFFICIAL")
    assert doc.is_demo and doc.errata and doc.status_line.endswith("locked.")
    word = Document(str(write_minutes_docx(doc, tmp_path / "demo.docx")))
    text = _all_text(word)
    assert DEMO_LINE in text
    assert doc.errata[0] in text
    assert word.sections[0].header.paragraphs[0].text == "OFFICIAL"
