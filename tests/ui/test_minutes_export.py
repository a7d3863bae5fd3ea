"""The minutes exported from the Meetings page: PDF with the marking on every page, Word, and
the printer and print preview through the same painter."""

from __future__ import annotations

import pytest

from commissioner_desk.domain.enums import AgendaItemKind, AttendanceStatus
from commissioner_desk.network.actions import ActionDraft, create_action
from commissioner_desk.network.agenda import add_agenda_item
from commissioner_desk.network.attendance import set_attendance
from commissioner_desk.network.decisions import record_decision
from commissioner_desk.network.minutes import save_minutes
from ui.pages.meetings.minutes import export as minutes_export

from .loading import wait_loaded_without_qtbot
from .meetings_helpers import (
    TODAY,
    free_closed_windows,  # noqa: F401 - autouse
    network,
)

pypdf = pytest.importorskip("pypdf")
docx = pytest.importorskip("docx")

LONG = "".join(
    f"<p>Paragraph {n}: forces described how referrals were made and followed up.</p>"
    for n in range(60)
)


@pytest.fixture
def meeting(window):
    net = network(window.db)
    db, first = window.db, net["first"]
    set_attendance(db, first, net["Kent Police"], AttendanceStatus.PRESENT)
    set_attendance(db, first, net["Home Office"], AttendanceStatus.DEPUTY, deputy_name="Sam Lee")
    set_attendance(db, first, net["Unseen"], AttendanceStatus.APOLOGIES)
    item = add_agenda_item(db, first, "County lines", AgendaItemKind.DECISION)
    save_minutes(db, item.id, item.version, "<p>Agreed a <b>joint</b> approach.</p>" + LONG)
    record_decision(db, first, item.id, "Adopt the county lines protocol.", TODAY)
    create_action(
        db,
        ActionDraft("Share the protocol", owner_organisation_id=net["Kent Police"],
                    agenda_item_id=item.id),
        TODAY,
    )  # fmt: skip
    window.notify_changed()
    window.show_meeting(str(first))
    wait_loaded_without_qtbot(window)  # the page reads in the background when opened
    return window.page("meetings").editor


def marked_top_and_bottom(page, marking: str) -> bool:
    """The marking is the highest text on the page and the lowest (the footer's "Page X of Y"
    shares its line)."""
    found: list[tuple[float, str]] = []

    def visit(text, cm, tm, _font, _size):
        if text.strip():  # the text's height on the page, in points from the bottom
            found.append((cm[5] + cm[3] * tm[5], " ".join(text.split())))

    page.extract_text(visitor_text=visit)
    marks = [y for y, text in found if text == marking]
    others = [y for y, text in found if text != marking]
    return len(marks) == 2 and all(min(marks) - 3 <= y < max(marks) for y in others)


def _choose(monkeypatch, marking: str, path):
    monkeypatch.setattr(minutes_export, "ask_marking", lambda _parent: marking)
    asked = []
    monkeypatch.setattr(
        minutes_export,
        "ask_save_path",
        lambda _parent, caption, suggested, _filter: asked.append(suggested) or path,
    )
    return asked


def test_pdf_has_the_marking_on_every_page(window, meeting, monkeypatch, tmp_path, problems):
    target = tmp_path / "minutes.pdf"
    asked = _choose(monkeypatch, "OFFICIAL-SENSITIVE", target)
    meeting._export("pdf")
    assert asked[0].name.startswith("Minutes ") and asked[0].suffix == ".pdf"
    reader = pypdf.PdfReader(target)
    pages = len(reader.pages)
    assert pages >= 2
    text = ""
    for n, page in enumerate(reader.pages, start=1):
        page_text = page.extract_text()
        lines = [line.strip() for line in page_text.splitlines()]
        assert lines.count("OFFICIAL-SENSITIVE") == 2, n
        assert marked_top_and_bottom(page, "OFFICIAL-SENSITIVE"), n
        assert any(line.replace("\t", " ").endswith(f"Page {n} of {pages}") for line in lines)
        text += page_text + "\n"
    text = " ".join(text.split())  # pypdf breaks lines (and runs) where the PDF does
    assert "Attendance" in text and "Kent Police" in text and "Sam Lee" in text
    assert "Apologies" in text and "Unseen" in text
    assert "Adopt the county lines protocol." in text
    assert "Share the protocol" in text and "TST-" in text
    assert "Agreed a joint approach." in text
    assert reader.metadata.author == window.db.user
    assert "DEMO" not in text
    assert not problems


def test_word_export_carries_the_marking(window, meeting, monkeypatch, tmp_path, problems):
    target = tmp_path / "minutes"  # no suffix typed: .docx is added
    _choose(monkeypatch, "OFFICIAL", target)
    meeting._export("docx")
    document = docx.Document(tmp_path / "minutes.docx")
    section = document.sections[0]
    assert "OFFICIAL" in "".join(p.text for p in section.header.paragraphs)
    assert "OFFICIAL" in "".join(p.text for p in section.footer.paragraphs)
    body = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "County lines" in body and "Agreed a joint approach." in body
    assert "Adopt the county lines protocol." in cells
    assert "Kent Police" in cells and "Sam Lee" in cells
    assert not problems


def test_a_custom_marking_and_a_cancelled_file_dialog(window, meeting, monkeypatch, tmp_path):
    _choose(monkeypatch, "OFFICIAL-SENSITIVE PERSONAL", None)
    assert minutes_export.run(meeting, window.db, meeting.detail.id, "pdf") is None
    assert not list(tmp_path.glob("*.pdf"))
    target = tmp_path / "custom.pdf"
    _choose(monkeypatch, "OFFICIAL-SENSITIVE PERSONAL", target)
    minutes_export.run(meeting, window.db, meeting.detail.id, "pdf")
    assert marked_top_and_bottom(pypdf.PdfReader(target).pages[0], "OFFICIAL-SENSITIVE PERSONAL")


def test_print_preview_paints_through_the_paged_renderer(window, meeting, monkeypatch, tmp_path):
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    target = tmp_path / "preview.pdf"
    monkeypatch.setattr(minutes_export, "ask_marking", lambda _parent: "OFFICIAL")

    def exec_(dialog):  # what the preview does on screen, painted into a PDF instead
        printer = dialog.printer()  # the dialog's own printer: it must still be alive
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        dialog.paintRequested.emit(printer)
        return 0

    monkeypatch.setattr(QPrintPreviewDialog, "exec", exec_)
    meeting._export("preview")
    reader = pypdf.PdfReader(target)
    assert len(reader.pages) >= 2
    assert all(marked_top_and_bottom(p, "OFFICIAL") for p in reader.pages)


def test_marking_dialog(qtbot):
    from ui.pages.meetings.record_dialogs import MarkingDialog

    dialog = MarkingDialog(None, "minutes")
    qtbot.addWidget(dialog)
    assert dialog.marking() == "OFFICIAL"
    dialog.group.button(1).setChecked(True)
    assert dialog.marking() == "OFFICIAL-SENSITIVE"
    dialog.custom.setText("  official-sensitive   commercial ")
    dialog.group.button(2).setChecked(True)
    assert dialog.marking() == "OFFICIAL-SENSITIVE COMMERCIAL"
    dialog.custom.setText("")
    dialog.accept()  # nothing typed: refused with a reason, the dialog stays open
    assert dialog.result() == 0 and "Type the marking" in dialog.error.text()
