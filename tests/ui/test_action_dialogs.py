"""The action dialogs on a fresh database: the empty state, updates, RAG overrides, the
protective marking, and two people saving the same action (the second is never lost)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtWidgets import QApplication

from commissioner_desk.db.database import Database
from commissioner_desk.domain.enums import ActionStatus, AgendaItemKind, OrganisationKind, Rag
from commissioner_desk.network.actions import (
    ActionDraft,
    action_detail,
    action_row,
    add_update,
    create_action,
    delete_action,
    edit_action,
)
from commissioner_desk.network.agenda import add_agenda_item
from commissioner_desk.network.editing import EditConflict
from commissioner_desk.network.meetings import create_meeting, create_series
from commissioner_desk.network.organisations import create_organisation, create_person
from ui import conflict_dialog

from .action_helpers import on_next_dialog


@pytest.fixture
def action_id(window, qtbot) -> int:
    org = create_organisation(window.db, "Unseen", OrganisationKind.NGO)
    person = create_person(window.db, "Aisha Bello", "Director", org.id)
    row = create_action(
        window.db,
        ActionDraft("Draft the helpline protocol", owner_person_id=person.id),
        date.today(),
    )
    window.notify_changed()
    window.show_page("actions")
    window.page("actions").select_action(row.id)
    return row.id


@pytest.fixture
def conflicts(monkeypatch) -> list[tuple[EditConflict, str]]:
    """resolve_conflict, answered "reload": what it was shown."""
    seen: list[tuple[EditConflict, str]] = []

    def answer(parent, exc, my_text) -> str:
        seen.append((exc, my_text))
        return "reload"

    monkeypatch.setattr(conflict_dialog, "resolve_conflict", answer)
    return seen


def bob(window) -> Database:
    return Database(window.db.url, user="bob")


def test_empty_state_offers_a_new_action(window, qtbot):
    window.show_page("actions")
    page = window.page("actions")
    assert page._stack.currentIndex() == 1
    assert page.empty_new_button.isVisible()

    def fill(dialog) -> None:
        dialog.title_edit.setText("Agree the network's terms of reference")
        dialog.save_button.click()

    with on_next_dialog(fill):
        page.empty_new_button.click()
    assert page._stack.currentIndex() == 0
    assert [r.title for r in page.visible_rows()] == ["Agree the network's terms of reference"]


def test_add_update_with_a_new_status(window, action_id, qtbot):
    page = window.page("actions")

    def fill(dialog) -> None:
        qtbot.keyClicks(dialog.text, "Draft sent to the NCA for comment.")
        dialog.status_box.setCurrentIndex(dialog.status_box.findData(ActionStatus.IN_PROGRESS))
        dialog.save_button.click()

    with on_next_dialog(fill) as seen:
        page.update_button.click()
    assert seen[0].result() == seen[0].DialogCode.Accepted
    detail = action_detail(window.db, action_id)
    assert [(u.text, u.made_by, u.new_status) for u in detail.updates] == [
        ("Draft sent to the NCA for comment.", window.db.user, ActionStatus.IN_PROGRESS)
    ]
    assert detail.row.status == ActionStatus.IN_PROGRESS
    assert page.selected().status_label == "In progress"
    assert "Draft sent to the NCA for comment." in page.detail.toPlainText()


def test_override_needs_a_note(window, action_id, qtbot):
    page = window.page("actions")

    def fill(dialog) -> None:
        dialog.buttons[Rag.RED].setChecked(True)
        dialog.save_button.click()
        assert dialog.isVisible()  # refused: no note
        assert "note is needed" in dialog.message.text()
        assert action_row(window.db, action_id).rag_override is None
        qtbot.keyClicks(dialog.note, "Owner has left; no cover agreed.")
        dialog.save_button.click()

    with on_next_dialog(fill):
        page.override_button.click()
    row = action_row(window.db, action_id)
    assert (row.rag, row.overridden, row.rag_override_note) == (
        Rag.RED,
        True,
        "Owner has left; no cover agreed.",
    )
    assert page.proxy.index(0, 1).data() == "Red (by hand)"
    assert "no cover agreed" in page.detail.toPlainText()


def test_edit_conflict_names_bob_and_overwrites_nothing(window, action_id, conflicts, qtbot):
    page = window.page("actions")
    opened = action_row(window.db, action_id)

    def edit(dialog) -> None:
        dialog.title_edit.setText("My better title")
        # Meanwhile bob, on another laptop, saves the same action.
        edit_action(bob(window), action_id, opened.version, {"title": "Bob's title"})
        dialog.save_button.click()
        assert dialog.isVisible()  # not saved, not closed: the user decides what next
        assert action_row(window.db, action_id).title == "Bob's title"
        assert dialog.title_edit.text() == "Bob's title"  # reloaded theirs
        assert "Reloaded" in dialog.message.text()
        dialog.title_edit.setText("My better title, again")  # knowingly, on top of theirs
        dialog.save_button.click()

    with on_next_dialog(edit) as seen:
        page.edit_button.click()
    [(exc, my_text)] = conflicts
    assert "bob" in str(exc) and "not been saved" in str(exc)
    assert exc.theirs["Title"] == "Bob's title"
    assert "Title: My better title" in my_text
    assert seen[0].result() == seen[0].DialogCode.Accepted
    assert action_row(window.db, action_id).title == "My better title, again"


def test_update_on_top_of_someone_elses_keeps_the_text(window, action_id, conflicts, qtbot):
    from ui.pages.actions.updates import UpdateDialog

    row = action_row(window.db, action_id)
    dialog = UpdateDialog(window, window.db, row)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.text.setPlainText("Met the owner today.")
    add_update(bob(window), action_id, row.version, "Bob's note.", ActionStatus.ON_HOLD)
    dialog.save_button.click()
    [(exc, my_text)] = conflicts
    assert "bob" in str(exc) and my_text == "Met the owner today."
    assert dialog.isVisible() and dialog.text.toPlainText() == "Met the owner today."
    assert "On hold" in dialog.heading.text()  # what bob did is shown now
    dialog.save_button.click()
    assert [u.text for u in action_detail(window.db, action_id).updates] == [
        "Bob's note.",
        "Met the owner today.",
    ]


def test_saving_an_action_someone_deleted(window, action_id, conflicts, qtbot):
    from ui.pages.actions.dialog import ActionDialog

    dialog = ActionDialog(window, window.db, action_id=action_id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.title_edit.setText("Mine")
    delete_action(bob(window), action_id, action_row(window.db, action_id).version)
    dialog.save_button.click()
    [(exc, _text)] = conflicts
    assert exc.change.deleted and exc.change.who == "bob"
    assert not dialog.save_button.isEnabled()
    assert "deleted by bob" in dialog.message.text()


def test_conflict_dialog_shows_both_and_keeps_a_copy(window, tmp_path, monkeypatch, qtbot):
    from commissioner_desk.network.editing import LastChange

    exc = EditConflict(
        "Action NET-2026-001",
        LastChange("bob", datetime(2026, 3, 12, 14, 5)),
        {"title": "Bob's title", "owner_person_id": 3, "due_date": date(2026, 4, 1)},
    )
    dialog = conflict_dialog.ConflictDialog(window, exc, "Title: mine")
    qtbot.addWidget(dialog)
    theirs = dialog.theirs_box.toPlainText()
    assert "Title: Bob's title" in theirs and "Due date: 1 Apr 2026" in theirs
    assert "owner" not in theirs.lower()  # ids mean nothing to a reader
    assert dialog.mine_box.toPlainText() == "Title: mine"
    assert dialog.reload_button.text() == "Reload theirs"
    saved = tmp_path / "mine"
    monkeypatch.setattr(conflict_dialog, "ask_copy_path", lambda parent: saved)
    dialog.copy_button.click()
    assert dialog.choice == "copy"
    assert QApplication.clipboard().text() == "Title: mine"
    assert (tmp_path / "mine.txt").read_text(encoding="utf-8") == "Title: mine"


def test_marking_can_be_a_typed_caveat(window, qtbot):
    from ui.pages.actions.export import ask_marking

    def choose(dialog) -> None:
        dialog.custom_button.setChecked(True)
        dialog.accept()
        assert dialog.isVisible() and "marking" in dialog.message.text()
        qtbot.keyClicks(dialog.custom, "official-sensitive  personal")
        dialog.accept()

    with on_next_dialog(choose):
        marking = ask_marking(window)
    assert marking == "OFFICIAL-SENSITIVE PERSONAL"


def test_action_raised_from_a_meeting_item(window, qtbot):
    from ui.pages.actions.dialog import ask

    series = create_series(window.db, "Test network", "TST", 2)
    meeting = create_meeting(
        window.db, series.id, datetime(2026, 5, 12, 10), "Online", True, "", date(2026, 5, 1)
    )
    item = add_agenda_item(window.db, meeting, "Helpline data", AgendaItemKind.DECISION)

    def fill(dialog) -> None:
        assert dialog.meeting_box.currentData() == meeting
        assert dialog.item_box.currentData() == item.id
        dialog.title_edit.setText("Share the helpline figures")
        dialog.save_button.click()

    with on_next_dialog(fill):
        saved = ask(window, window.db, meeting_id=meeting, agenda_item_id=item.id)
    row = action_row(window.db, saved)
    assert (row.meeting_id, row.agenda_item_id) == (meeting, item.id)
    assert row.reference.startswith("TST-")
    assert row.minute_reference.endswith(f"item {item.position}")
