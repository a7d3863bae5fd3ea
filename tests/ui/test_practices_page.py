"""The Practice library page on the demo data: the table and its filters, adding an entry
through the real dialog, finding it by search (the find box and the Find dialog), linking it
to an action, publishing, delete with undo, drafting from a force's answer on the Forces page,
and exporting the digest."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QMessageBox

from commissioner_desk.domain.enums import PracticeStatus, PracticeTheme
from commissioner_desk.network.actions import list_actions
from commissioner_desk.network.practices import (
    PracticeNotFound,
    list_practices,
    practice_row,
)
from ui.pages.practices import export as practices_export

from .action_helpers import demo_template, on_next_dialog
from .loading import wait_loaded

pypdf = pytest.importorskip("pypdf")


@pytest.fixture(scope="module")
def sqlite_template(sqlite_template, tmp_path_factory):
    return demo_template(sqlite_template, tmp_path_factory)


@pytest.fixture
def page(window, qtbot):
    window.show_page("practices")
    window.activateWindow()  # shortcuts (Ctrl+N, Delete, Ctrl+Z) work in the active window
    qtbot.waitUntil(window.isActiveWindow)
    return window.page("practices")


def shown(page) -> list[int]:
    return [r.id for r in page.visible_rows()]


def fill_new_entry(dialog) -> None:
    dialog.title_edit.setText("Farm worker welfare checks")
    dialog.theme_box.setCurrentIndex(dialog.theme_box.findData(PracticeTheme.PREVENTION))
    dialog.summary.setPlainText("Seasonal pickers were visited with the gangmasters authority.")
    dialog.tabs.setCurrentIndex(1)
    dialog.forces.picker.setEditText("Kent Police")
    dialog.forces.add_button.click()
    dialog.save_button.click()


def test_the_table_lists_every_entry_newest_first(page, window, qtmodeltester):
    expected = list_practices(window.db)
    assert len(expected) == 12  # the demo's dozen
    assert shown(page) == [r.id for r in expected]
    headers = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)]
    assert headers == ["Title", "Theme", "Organisation", "Added", "Status", "Forces"]
    draft = next(n for n, r in enumerate(page.visible_rows()) if r.is_draft)
    assert page.proxy.index(draft, 4).data() == "Draft"  # in words, not only grey
    assert page.proxy.index(draft, 0).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert page.count_label.text() == "Showing 12 of 12 entries (1 draft)."
    qtmodeltester.check(page.model)


def test_selecting_shows_the_entry_with_demo_note_and_links(page, window):
    row = next(r for r in list_practices(window.db) if r.actions and r.meetings)
    page.select_practice(row.id)
    text = page.detail.toPlainText()
    assert row.title in text and "DEMO: a synthetic entry" in text
    assert row.actions[0].label in text and row.meetings[0].label in text
    assert row.summary in text and row.outcomes in text


def test_filters_by_theme_status_force_and_dates(page, window):
    f = page.filters
    f.theme.setCurrentIndex(f.theme.findData(PracticeTheme.SUPPLY_CHAINS))
    assert {r.theme for r in page.visible_rows()} == {PracticeTheme.SUPPLY_CHAINS}
    assert len(shown(page)) == 2
    f.show_everything()
    f.status.setCurrentIndex(f.status.findData(PracticeStatus.DRAFT))
    assert [r.is_draft for r in page.visible_rows()] == [True]
    f.show_everything()
    f.force.setCurrentIndex(f.force.findData("E23000003"))  # Lancashire: two entries name it
    assert {"E23000003"} <= {c.code for r in page.visible_rows() for c in r.forces}
    assert len(shown(page)) == 2
    f.show_everything()
    week = date.today() - timedelta(days=20)
    f.added_from.setDate(week)
    assert all(r.added_on >= week for r in page.visible_rows()) and len(shown(page)) == 2
    f.added_to.setDate(date.today() - timedelta(days=15))
    assert [r.title for r in page.visible_rows()] == ["A dedicated human trafficking unit"]
    f.show_everything()
    assert len(shown(page)) == 12


def test_add_an_entry_through_the_dialog_and_find_it(page, window, qtbot):
    with on_next_dialog(fill_new_entry) as seen:
        qtbot.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = seen[0]
    assert dialog.result() == dialog.DialogCode.Accepted
    new = practice_row(window.db, dialog.saved_id)
    assert new.title == "Farm worker welfare checks" and not new.is_draft
    assert new.theme is PracticeTheme.PREVENTION and new.added_on == date.today()
    assert [f.code for f in new.forces] == ["E23000032"]
    assert page.selected().id == new.id  # shown and selected at once
    assert "Farm worker welfare checks" in page.detail.toPlainText()

    # The find box: full-text search as the Find dialog does it, once typing pauses.
    qtbot.keyClicks(page.filters.find, "gangmaster")
    qtbot.waitUntil(lambda: shown(page) == [new.id])
    assert page.count_label.text() == "Showing 1 of 13 entries."
    page.filters.find.setText("no-such-thing-anywhere")
    page.filters.run_now()
    assert shown(page) == [] and "None of the 13 entries matches" in page.count_label.text()
    page.filters.show_everything()

    # The Find dialog (Ctrl+Shift+F) finds it too and opens it here.
    from ui.search_dialog import SearchDialog

    window.show_page("home")
    window.activateWindow()  # the editor had the focus
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(
        window,
        Qt.Key.Key_F,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    search = window.findChild(SearchDialog)
    qtbot.keyClicks(search.box, "pickers")
    qtbot.waitUntil(lambda: bool(search.hits()))
    hit = search.hits()[0]
    assert (hit.kind, hit.id, hit.kind_label) == ("practice", new.id, "Practice")
    headings = [search.results.item(n).text() for n in range(search.results.count())]
    assert headings[0] == "Practice library (1)"
    qtbot.keyClick(search.box, Qt.Key.Key_Return)
    assert window.current_page().key == "practices" and page.selected().id == new.id


def test_link_an_entry_to_an_action_and_click_through(page, window, qtbot):
    row = next(r for r in list_practices(window.db) if not r.actions)
    action = list_actions(window.db)[0]
    page.select_practice(row.id)

    def link(dialog) -> None:
        dialog.tabs.setCurrentIndex(1)
        dialog.actions.picker.setEditText(f"{action.reference}: {action.title}")
        dialog.actions.add_button.click()
        dialog.save_button.click()

    with on_next_dialog(link):
        page.edit_button.click()
    now = practice_row(window.db, row.id)
    assert [a.id for a in now.actions] == [action.id]
    assert now.version == row.version + 1
    assert page.selected().id == row.id
    assert action.reference in page.detail.toPlainText()
    page.detail.link_activated.emit("action", str(action.id))
    actions = window.page("actions")
    assert window.current_page().key == "actions" and actions.selected().id == action.id
    # The action's detail names the entry, and leads back to it.
    assert "In the practice library" in actions.detail.toPlainText()
    assert row.title in actions.detail.toPlainText()
    actions.detail.link_activated.emit("practice", str(row.id))
    assert window.current_page().key == "practices" and page.selected().id == row.id


def test_the_meeting_names_the_practice_presented_and_leads_to_it(page, window, qtbot):
    row = next(r for r in list_practices(window.db) if r.meetings)
    page.select_practice(row.id)
    page.detail.link_activated.emit("meeting", str(row.meetings[0].id))
    wait_loaded(qtbot, window)  # the Meetings page reads in the background when opened
    editor = window.page("meetings").editor
    assert window.current_page().key == "meetings" and editor.detail.id == row.meetings[0].id
    assert editor.practices.isVisibleTo(window) and row.title in editor.practices.text()
    editor.practices.linkActivated.emit(str(row.id))
    assert window.current_page().key == "practices" and page.selected().id == row.id
    # A meeting at which nothing was presented says nothing about the library.
    bare = {m.id for r in list_practices(window.db) for m in r.meetings}
    from commissioner_desk.network.meetings import list_meetings

    other = next(m for m in list_meetings(window.db) if m.id not in bare)
    window.show_meeting(other.id)
    assert editor.detail.id == other.id and not editor.practices.isVisibleTo(window)


def test_documents_are_added_in_the_editor_and_opened_from_the_detail(
    page, window, monkeypatch, problems, tmp_path
):
    from ui.pages.practices import links as practices_links

    report = tmp_path / "Evaluation report.pdf"
    report.write_bytes(b"%PDF-1.4")
    typed = iter(
        [
            practices_links.DocumentLink("Terms of reference", "www.example.org/tor"),
            practices_links.DocumentLink("", str(report)),
            practices_links.DocumentLink("Old leaflet", str(tmp_path / "moved away.docx")),
        ]
    )
    monkeypatch.setattr(practices_links.DocumentDialog, "ask", lambda *a, **k: next(typed))
    opened = []
    monkeypatch.setattr(
        practices_links.QDesktopServices, "openUrl", lambda url: opened.append(url) or True
    )
    row = next(r for r in list_practices(window.db) if not r.documents)
    page.select_practice(row.id)

    def add_three(dialog) -> None:
        dialog.tabs.setCurrentIndex(1)
        for _ in range(3):
            dialog.documents.add_new()
        dialog.save_button.click()

    with on_next_dialog(add_three):
        page.edit_button.click()
    docs = practice_row(window.db, row.id).documents
    assert [(d.label, d.target) for d in docs] == [
        ("Terms of reference", "www.example.org/tor"),
        ("", str(report)),
        ("Old leaflet", str(tmp_path / "moved away.docx")),
    ]
    text = page.detail.toPlainText()
    assert "Terms of reference" in text and str(report) in text  # no label: the path shows
    page.detail.link_activated.emit("doc", "0")
    page.detail.link_activated.emit("doc", "1")
    assert [u.toString() for u in opened] == [
        "https://www.example.org/tor",
        QUrl.fromLocalFile(str(report)).toString(),
    ]
    page.detail.link_activated.emit("doc", "2")  # not there: said in words, nothing opened
    assert len(opened) == 2 and any("cannot be found" in p for p in problems)


def test_a_refused_save_keeps_the_dialog_open(page, window):
    def no_title(dialog) -> None:
        dialog.title_edit.clear()
        dialog.save_button.click()
        assert dialog.isVisible() and "title" in dialog.message.text()
        dialog.reject()

    count = len(list_practices(window.db))
    with on_next_dialog(no_title):
        page.new_button.click()
    assert len(list_practices(window.db)) == count


def test_publish_a_draft(page, window):
    draft = next(r for r in list_practices(window.db) if r.is_draft)
    page.select_practice(draft.id)
    assert page.publish_button.isEnabled() and "DRAFT" in page.detail.toPlainText()
    page.publish_button.click()
    assert not practice_row(window.db, draft.id).is_draft
    assert not page.publish_button.isEnabled() and page.selected().id == draft.id


def test_delete_asks_then_undo_puts_it_back_exactly(page, window, qtbot, monkeypatch):
    row = next(r for r in list_practices(window.db) if r.meetings and r.actions)
    asked = []

    def yes(*args, **kwargs):
        asked.append(args[2])
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", yes)
    page.select_practice(row.id)
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    assert asked and row.title in asked[0] and "Ctrl+Z" in asked[0]
    with pytest.raises(PracticeNotFound, match="deleted by"):
        practice_row(window.db, row.id)
    assert row.id not in shown(page)
    assert page.undo_offer.button.isVisible() and row.title in page.undo_offer.label.text()
    assert window.statusBar().currentMessage() == ""  # no "Ready" painted over the offer
    qtbot.keyClick(page.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert practice_row(window.db, row.id) == row  # same id, version, values and links
    assert page.selected().id == row.id and not page.undo_offer.button.isVisible()


def test_undo_with_nothing_deleted_says_so(page, window):
    page.undo()
    assert "Nothing to undo" in window.statusBar().currentMessage()


def test_draft_an_entry_from_a_forces_answer(window, qtbot):
    from commissioner_desk.queries.forces import force_texts

    window.show_page("forces")
    forces = window.page("forces")
    with_text = next(r for r in forces.model.rows if force_texts(window.db, r.code))
    said = force_texts(window.db, with_text.code)[0]
    forces.search.setText(with_text.code)
    forces.view.setCurrentIndex(forces.proxy.index(0, 0))
    assert "Draft practice entry…" in forces.detail.text()
    assert f"practice-draft:{said.id}" in forces.detail.text()

    def check_and_save(dialog) -> None:
        assert dialog.row.is_draft and dialog.summary.toPlainText() == said.text
        assert dialog.forces.values() == [with_text.code]
        assert dialog.title_edit.cursorPosition() == 0  # the title's start is what shows
        dialog.save_button.click()

    with on_next_dialog(check_and_save) as seen:
        forces.detail.linkActivated.emit(f"practice-draft:{said.id}")
    entry = practice_row(window.db, seen[0].saved_id)
    assert entry.source_return_text_id == said.id and entry.is_draft
    assert entry.organisation  # the force's organisation, or its name
    assert window.current_page().key == "practices"
    assert window.page("practices").selected().id == entry.id

    # The same answer again opens the entry already drafted instead of a second one.
    window.show_page("forces")
    with on_next_dialog(lambda d: d.reject()) as again:
        forces.detail.linkActivated.emit(f"practice-draft:{said.id}")
    assert again[0].row.id == entry.id
    assert len([r for r in list_practices(window.db) if r.source_return_text_id]) == 1


def _pdf_pages(path) -> list[str]:
    return [" ".join((p.extract_text() or "").split()) for p in pypdf.PdfReader(path).pages]


def test_export_the_digest_to_pdf_and_word(page, window, tmp_path, monkeypatch):
    start, end = date.today() - timedelta(days=100), date.today()
    chosen = iter([(start, end, "pdf", "OFFICIAL-SENSITIVE"), (start, end, "docx", "OFFICIAL")])
    monkeypatch.setattr(practices_export.DigestDialog, "ask", lambda *a, **k: next(chosen))
    monkeypatch.setattr(
        practices_export, "ask_save_path", lambda _p, _c, suggested, _f: tmp_path / suggested.name
    )
    page.export_button.click()
    pdf = tmp_path / f"Practice digest {start.isoformat()} to {end.isoformat()}.pdf"
    assert pdf.is_file()
    pages = _pdf_pages(pdf)
    published = [
        r for r in list_practices(window.db) if start <= r.added_on <= end and not r.is_draft
    ]
    assert published
    text = " ".join(pages)
    for n, page_text in enumerate(pages, start=1):
        assert page_text.count("OFFICIAL-SENSITIVE") >= 2, n  # top and bottom
        assert f"Page {n} of {len(pages)}" in page_text
    for r in published:
        assert r.title in text
    draft = next(r for r in list_practices(window.db) if r.is_draft)
    assert draft.title not in text  # drafts are not passed on
    assert "DEMO" in text
    assert str(pdf) in window.statusBar().currentMessage()

    page.export_button.click()
    from docx import Document

    word = Document(str(pdf.with_suffix(".docx")))
    assert word.sections[0].header.paragraphs[0].text == "OFFICIAL"
    body = "\n".join(p.text for p in word.paragraphs)
    assert all(r.title in body for r in published)


def test_export_of_an_empty_period_says_so(page, window, monkeypatch, problems):
    long_ago = (date(2001, 1, 1), date(2001, 3, 31), "pdf", "OFFICIAL")
    monkeypatch.setattr(practices_export.DigestDialog, "ask", lambda *a, **k: long_ago)
    saved = []
    monkeypatch.setattr(practices_export, "ask_save_path", lambda *a: saved.append(a))
    page.export_button.click()
    assert not saved and any("No entries were published" in p for p in problems)
