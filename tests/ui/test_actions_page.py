"""The Actions page on the demo network: the log with RAG words, filters, creating an action
through the real dialog, deleting with undo, and clicking through from Home."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QMessageBox

from commissioner_desk.formatting import uk_date
from commissioner_desk.network.actions import (
    ActionFilter,
    ActionNotFound,
    action_detail,
    action_row,
    actions_due,
    list_actions,
)
from commissioner_desk.network.rag import OPEN_STATUSES

from .action_helpers import demo_template, on_next_dialog

RAG_WORDS = {"Red", "Amber", "Green"}


@pytest.fixture(scope="module")
def sqlite_template(sqlite_template, tmp_path_factory):
    return demo_template(sqlite_template, tmp_path_factory)


@pytest.fixture
def page(window, qtbot):
    window.show_page("actions")
    window.activateWindow()  # shortcuts (Ctrl+N, Delete, Ctrl+Z) work in the active window
    qtbot.waitUntil(window.isActiveWindow)
    return window.page("actions")


def shown(page) -> list[int]:
    return [r.id for r in page.visible_rows()]


def cell(page, row: int, column: int, role=Qt.ItemDataRole.DisplayRole):
    return page.proxy.index(row, column).data(role)


def test_table_shows_the_open_actions_with_rag_words(page, window, qtmodeltester):
    expected = list_actions(window.db, ActionFilter(statuses=OPEN_STATUSES))
    assert len(expected) >= 4  # the demo has overdue, due-soon and overridden actions
    assert shown(page) == [r.id for r in expected]  # soonest due first, as the core orders
    headers = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(7)]
    assert headers == ["Reference", "RAG", "Due", "Title", "Organisation", "Owner", "Status"]
    for n, row in enumerate(expected):
        word = cell(page, n, 1)
        assert word.split(" ")[0] in RAG_WORDS  # a word, never colour alone
        assert cell(page, n, 1, Qt.ItemDataRole.ToolTipRole) == row.rag_reason
        assert isinstance(cell(page, n, 1, Qt.ItemDataRole.DecorationRole), QIcon)
        assert cell(page, n, 2) == (uk_date(row.due_date) if row.due_date else "none")
    overridden = next(r for r in expected if r.overridden)
    assert cell(page, shown(page).index(overridden.id), 1).endswith("(by hand)")
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.proxy)


def test_selecting_shows_the_detail_with_reason_updates_and_history(page, window):
    row = next(r for r in page.visible_rows() if r.updates)
    page.select_action(row.id)
    html = page.detail.toPlainText()
    assert row.reference in html and row.rag_reason in html
    detail = action_detail(window.db, row.id)
    assert f"Updates ({len(detail.updates)})" in html
    assert detail.updates[-1].text.split("\n")[0] in html
    assert "History" in html


def test_filters(page, window, qtbot):
    today = date.today()
    f = page.filters
    f.due.setCurrentIndex(f.due.findData("overdue"))
    assert shown(page) == [r.id for r in list_actions(window.db, ActionFilter(overdue_only=True))]
    assert shown(page)  # the demo has overdue actions
    assert all(r.due_date < today and r.is_open for r in page.visible_rows())

    f.due.setCurrentIndex(f.due.findData("due_soon"))
    assert all(0 <= (r.due_date - today).days <= f.soon_days for r in page.visible_rows())

    f.show_everything()
    everything = list_actions(window.db)
    assert (
        len(shown(page))
        == len(everything)
        > len(list_actions(window.db, ActionFilter(statuses=OPEN_STATUSES)))
    )

    busiest = max(
        {r.owner_organisation_id for r in everything},
        key=lambda o: sum(r.owner_organisation_id == o for r in everything),
    )
    f.organisation.setCurrentIndex(f.organisation.findData(busiest))
    assert shown(page) == [r.id for r in everything if r.owner_organisation_id == busiest]

    f.show_everything()
    owner = everything[0].owner_person_id
    f.owner.setCurrentIndex(f.owner.findData(owner))
    assert shown(page) == [r.id for r in everything if r.owner_person_id == owner]

    f.show_everything()
    target = everything[-1]
    qtbot.keyClicks(f.find, target.reference)
    assert shown(page) == [target.id]
    assert page.count_label.text() == f"Showing 1 of {len(everything)} actions."
    f.find.clear()
    qtbot.keyClicks(f.find, "zzzz no such words")
    assert shown(page) == []
    assert "Show all" in page.count_label.text()


def test_force_filter_from_the_profile(page, window):
    window.show_actions("force=E23000001")
    assert page.filters.force.currentData() == "E23000001"
    assert all(r.force_code == "E23000001" for r in page.visible_rows())


def fill_new_action(dialog) -> None:
    dialog.title_edit.setText("Publish the helpline referral guide")
    dialog.description.setPlainText("With the NCA, for every force.")
    dialog.owner_box.setCurrentIndex(1)  # the first person: their organisation follows
    dialog.due.setDate(dialog.due.date().addDays(3))
    dialog.save_button.click()


def test_new_action_through_the_dialog_appears_selected(page, window, qtbot):
    before = {r.id for r in list_actions(window.db)}
    with on_next_dialog(fill_new_action) as seen:
        qtbot.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = seen[0]
    assert dialog.result() == dialog.DialogCode.Accepted
    new = action_row(window.db, dialog.saved_id)
    assert new.id not in before
    assert new.title == "Publish the helpline referral guide"
    assert new.owner_person_id is not None and new.owner_organisation_id is not None
    assert new.reference.startswith(f"NET-{date.today().year}-")
    assert page.selected().id == new.id  # shown and selected at once
    assert new.id in shown(page)
    assert new.reference in page.detail.toPlainText()


def test_a_refused_new_action_keeps_the_dialog_open(page, window, qtbot):
    def no_title(dialog) -> None:
        dialog.save_button.click()
        assert dialog.isVisible()
        assert "title" in dialog.message.text()
        dialog.reject()

    count = len(list_actions(window.db))
    with on_next_dialog(no_title):
        page.new_button.click()
    assert len(list_actions(window.db)) == count


def test_delete_asks_then_undo_puts_it_back_exactly(page, window, qtbot, monkeypatch):
    row = next(r for r in page.visible_rows() if r.updates >= 2)
    before = action_detail(window.db, row.id)
    asked = []

    def yes(*args, **kwargs):
        asked.append(args[2])
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", yes)
    page.select_action(row.id)
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    assert asked and row.reference in asked[0] and "Ctrl+Z" in asked[0]
    with pytest.raises(ActionNotFound, match="deleted by"):
        action_row(window.db, row.id)
    assert row.id not in shown(page)
    assert page.undo_offer.button.isVisible()
    assert row.reference in page.undo_offer.label.text()

    qtbot.keyClick(page.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    after = action_detail(window.db, row.id)
    assert after.row == before.row  # same id, reference, version, values and RAG
    assert after.updates == before.updates
    assert page.selected().id == row.id
    assert not page.undo_offer.button.isVisible()


def test_cancelled_delete_keeps_the_action(page, window, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Cancel)
    row = page.visible_rows()[0]
    page.select_action(row.id)
    page.delete_button.click()
    assert action_row(window.db, row.id).version == row.version


def test_undo_with_nothing_deleted_says_so(page, window):
    window.undo_last()
    assert "Nothing to undo" in window.statusBar().currentMessage()


def test_home_lists_overdue_actions_and_clicks_through(page, window, qtbot):
    window.show_page("home")
    home = window.page("home")
    due = actions_due(window.db, date.today())
    tree = home.due_actions
    listed = [tree.topLevelItem(n) for n in range(tree.topLevelItemCount())]
    expected = [*due.overdue, *due.due_this_week][:6]
    assert [i.text(1) for i in listed[: len(expected)]] == [r.reference for r in expected]
    assert listed[0].text(0).split(" ")[0] == "Red"

    target = expected[0]
    rect = tree.visualItemRect(listed[0])
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_page().key == "actions"
    assert page.selected().id == target.id

    window.show_page("home")
    card = home.card("actions")
    assert card.target == "show_actions:overdue"
    qtbot.mouseClick(card, Qt.MouseButton.LeftButton)
    assert window.current_page().key == "actions"
    assert page.filters.due.currentData() == "overdue"
    assert shown(page) == [r.id for r in due.overdue]


def test_export_writes_the_rows_shown_with_the_chosen_marking(page, tmp_path, monkeypatch):
    from openpyxl import load_workbook

    from ui.pages.actions import export as actions_export

    target = tmp_path / "log"
    monkeypatch.setattr(actions_export, "ask_marking", lambda parent: "OFFICIAL-SENSITIVE")
    monkeypatch.setattr(actions_export, "ask_save_path", lambda parent, suggested: target)
    page.filters.due.setCurrentIndex(page.filters.due.findData("overdue"))
    page.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    rows = page.visible_rows()
    page.export_button.click()

    sheet = load_workbook(tmp_path / "log.xlsx").active  # .xlsx added to a bare name
    assert sheet["A1"].value == "OFFICIAL-SENSITIVE"
    assert "overdue" in sheet["A2"].value
    references = [sheet.cell(r, 1).value for r in range(4, 4 + len(rows))]
    assert references == [r.reference for r in rows]  # in the order shown
    assert sheet.cell(4 + len(rows), 1).value is None
    assert sheet.oddHeader.center.text == "OFFICIAL-SENSITIVE"


def test_search_finds_an_action_and_opens_it_on_the_page(page, window, qtbot):
    from ui.search_dialog import SearchDialog

    closed = next(r for r in list_actions(window.db) if not r.is_open)
    assert closed.id not in shown(page)  # hidden by the default filter
    qtbot.keyClick(
        window,
        Qt.Key.Key_F,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = window.findChild(SearchDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.box, closed.reference)
    qtbot.waitUntil(lambda: bool(dialog.hits()))  # searched once typing paused
    hit = dialog.hits()[0]
    assert (hit.kind, hit.id) == ("action", closed.id)
    assert "found" in dialog.status.text()
    qtbot.keyClick(dialog.box, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert window.current_page().key == "actions"
    assert page.selected().id == closed.id


def test_search_groups_kinds_and_opens_minutes_at_their_meeting(page, window, monkeypatch):
    from commissioner_desk.network.search import meeting_of
    from ui.search_dialog import open_search

    opened = []
    monkeypatch.setattr(window, "show_meeting", opened.append, raising=False)
    dialog = open_search(window)
    dialog.box.setText("trafficking")
    dialog.run_search()
    kinds = [h.kind for h in dialog.hits()]
    assert "minute" in kinds and "action" in kinds
    assert kinds == sorted(kinds, key=["action", "minute", "decision", "practice"].index)  # grouped
    headings = [
        dialog.results.item(n).text()
        for n in range(dialog.results.count())
        if dialog.results.item(n).data(Qt.ItemDataRole.UserRole + 1) is None
    ]
    assert headings[0].startswith("Actions (") and headings[1].startswith("Minutes (")
    minute = next(h for h in dialog.hits() if h.kind == "minute")
    row = next(
        n
        for n in range(dialog.results.count())
        if dialog.results.item(n).data(Qt.ItemDataRole.UserRole + 1) == minute
    )
    dialog.results.setCurrentRow(row)
    dialog.open_current()
    assert opened == [meeting_of(window.db, minute)]
    assert opened[0] is not None
