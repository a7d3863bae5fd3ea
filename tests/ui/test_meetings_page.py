"""The Meetings page through a whole meeting cycle: create, attendance and quorum, minutes (and
a conflict with another user), actions, decisions, circulate, approve, errata, exports."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt

from commissioner_desk.db.database import Database
from commissioner_desk.domain.enums import MinutesStatus
from commissioner_desk.network.agenda import add_agenda_item, list_agenda
from commissioner_desk.network.meeting_detail import meeting_detail
from commissioner_desk.network.minutes import save_minutes
from ui.pages.meetings import ops as meeting_ops
from ui.pages.meetings.dialogs import (
    AgendaInput,
    ApproveDialog,
    MeetingDialog,
    MeetingInput,
    SeriesDialog,
    SeriesInput,
)
from ui.pages.meetings.record_dialogs import (
    DecisionDialog,
    DecisionInput,
    ErratumDialog,
    ErratumInput,
)

from .loading import open_page, wait_loaded
from .meetings_helpers import (
    TODAY,
    answers,
    days_ago,
    free_closed_windows,  # noqa: F401 - autouse
    network,
    show,
)


@pytest.fixture
def page(window, qtbot):
    return open_page(qtbot, window, "meetings")  # read in the background


@pytest.fixture
def net(window):
    ids = network(window.db)
    window.notify_changed()
    return ids


@pytest.fixture
def agree(monkeypatch):
    """Every confirmation answered yes; the questions asked are kept."""
    asked: list[str] = []
    monkeypatch.setattr(
        meeting_ops, "confirm", lambda _p, title, text, yes="OK": asked.append(text) or True
    )
    return asked


def test_empty_state_then_series_and_meeting(window, page, monkeypatch, qtbot, problems):
    assert page.stack.currentWidget() is page.empty
    monkeypatch.setattr(SeriesDialog, "ask", answers(SeriesInput("National network", "net", 5)))
    page.new_series()
    assert page.stack.currentWidget() is page.main
    assert page.list.current_series().action_prefix == "NET"
    assert "No meetings in this series yet" in page.no_meeting.text()

    when = days_ago(-7, hour=14)
    dialog = answers(MeetingInput(when, "", True, "Network meeting"))
    monkeypatch.setattr(MeetingDialog, "ask", dialog)
    page.list.view.setFocus()
    qtbot.keyClick(page.list.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert dialog.calls, "Ctrl+N opens the new meeting dialog"
    editor = page.editor
    assert editor.detail.title == "Network meeting" and editor.detail.starts_at == when
    assert [i.title for i in editor.detail.agenda] == ["Matters arising"]
    assert editor.tabs.currentWidget() is editor.agenda
    row = page.list.current_meeting()
    assert row.id == editor.detail.id
    assert "Minutes draft" in page.list.model.data(page.list.model.index(0, 1))
    assert not problems


def test_refused_input_is_asked_again_with_the_reason(page, net, monkeypatch):
    seen: list[str] = []

    def ask(_parent, _series, values, error):
        seen.append(error)
        return None if error else MeetingInput(days_ago(3), "", False, "No place")

    monkeypatch.setattr(MeetingDialog, "ask", ask)
    page.new_meeting()
    assert seen[0] == "" and "Say where the meeting is" in seen[1]


def test_minute_an_item_and_save(window, page, net, qtbot, problems):
    item = add_agenda_item(window.db, net["first"], "Returns", "information")
    editor = show(window, net["first"])
    minutes = editor.minutes
    editor.tabs.setCurrentWidget(minutes)  # shortcuts work on the tab on screen
    minutes.items.setCurrentRow(1)
    minutes.text.setFocus()
    assert minutes.heading.text() == "2. Returns"
    qtbot.keyClicks(minutes.text, "Kent ")
    qtbot.keyClick(minutes.text, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(minutes.text, "missed")
    assert minutes.has_unsaved() and "(unsaved)" in minutes.items.item(1).text()
    qtbot.keyClick(minutes.text, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved = next(i for i in list_agenda(window.db, net["first"]) if i.id == item.id)
    assert saved.minutes == "<p>Kent <b>missed</b></p>"  # the core's subset, no Qt CSS
    assert not minutes.has_unsaved() and minutes.state.text() == "Saved"
    assert minutes.heading.text() == "2. Returns"  # still on the same item
    assert not problems


def test_unsaved_text_survives_other_edits_and_switching_items(window, page, net, qtbot):
    add_agenda_item(window.db, net["first"], "Returns", "information")
    editor = show(window, net["first"])
    editor.minutes.items.setCurrentRow(1)
    qtbot.keyClicks(editor.minutes.text, "Draft words")
    editor.minutes.items.setCurrentRow(0)
    editor.attendance.combo(editor.attendance.row_of("Unseen")).setCurrentIndex(1)  # reloads
    editor.minutes.items.setCurrentRow(1)
    assert editor.minutes.text.toPlainText() == "Draft words"
    assert editor.minutes.has_unsaved()


@pytest.fixture
def any_window(qtbot, tmp_path, db_url, problems):
    """The main window on SQLite and, when a server is configured, on PostgreSQL."""
    from commissioner_desk.workspace import locate
    from ui.app import create_application
    from ui.main_window import MainWindow

    create_application()
    win = MainWindow(locate(db_url, tmp_path / "data", None))
    qtbot.addWidget(win)
    win.show()
    win.open_database()
    assert win.db is not None, problems
    yield win
    win.close()
    win.db.dispose()


def test_minutes_conflict_with_another_user(any_window, qtbot, monkeypatch, problems):
    window = any_window
    net = network(window.db)
    item = add_agenda_item(window.db, net["first"], "Returns", "information")
    window.notify_changed()
    editor = show(window, net["first"])
    editor.minutes.items.setCurrentRow(1)
    qtbot.keyClicks(editor.minutes.text, "My version")
    bob = Database(window.db.url, user="bob")
    try:
        save_minutes(bob, item.id, item.version, "<p>Bob's version</p>")
    finally:
        bob.dispose()
    seen = []
    monkeypatch.setattr(
        "ui.conflict_dialog.resolve_conflict",
        lambda parent, exc, my_text: seen.append((exc, my_text)) or "copy",
    )
    assert editor.minutes.save() is False
    ((exc, my_text),) = seen
    assert "bob" in str(exc) and "Returns" in str(exc)
    assert my_text == "My version"
    stored = next(i for i in list_agenda(window.db, net["first"]) if i.id == item.id)
    assert stored.minutes == "<p>Bob's version</p>"  # nothing overwritten
    assert editor.minutes.text.toPlainText() == "Bob's version"  # reloaded
    assert not editor.minutes.has_unsaved()
    assert not problems


def test_raise_an_action_on_an_agenda_item(window, page, net, monkeypatch, problems):
    from commissioner_desk.network.actions import ActionDraft, create_action

    editor = show(window, net["first"])
    asked = []

    def ask(parent, db, *, action_id=None, meeting_id=None, agenda_item_id=None, force_code=None):
        asked.append((meeting_id, agenda_item_id))
        draft = ActionDraft(
            "Chase the missing returns",
            owner_organisation_id=net["Kent Police"],
            agenda_item_id=agenda_item_id,
            due_date=TODAY + timedelta(days=30),
        )
        return create_action(db, draft, TODAY).id

    monkeypatch.setattr("ui.pages.actions.dialog.ask", ask, raising=False)
    item_id = editor.detail.agenda[0].id
    editor.actions.select_item(item_id)
    editor.actions.raise_action()
    assert asked == [(net["first"], item_id)]
    rows = editor.actions.model.rows
    assert [r.title for r in rows] == ["Chase the missing returns"]
    assert rows[0].reference.startswith("TST-")
    assert editor.tabs.tabText(5) == "Actions (1)"
    assert rows[0].rag_label in ("Green", "Amber")
    opened = []
    window.show_actions = lambda arg: opened.append(arg)
    editor.actions.view.doubleClicked.emit(editor.actions.proxy.index(0, 0))
    assert opened == [f"id={rows[0].id}"]
    assert not problems


def test_matters_arising_lists_open_actions_by_organisation(window, page, net, agree):
    from commissioner_desk.network.actions import ActionDraft, create_action
    from commissioner_desk.network.meetings import create_meeting

    first_item = meeting_detail(window.db, net["first"]).agenda[0]
    create_action(
        window.db,
        ActionDraft("Publish the guidance", owner_organisation_id=net["Home Office"],
                    agenda_item_id=first_item.id),
        TODAY,
    )  # fmt: skip
    third = create_meeting(window.db, net["series"], days_ago(-20), "", True, "Third", TODAY)
    window.notify_changed()
    editor = show(window, third)
    arising = editor.detail.agenda[0]
    assert arising.title == "Matters arising" and "Publish the guidance" in arising.minutes
    editor.agenda.select_item(arising.id)
    text = editor.agenda.about.toPlainText()
    assert "Home Office" in text and "Publish the guidance" in text
    assert f"Meeting of {days_ago(60):%d/%m/%Y}, item 1" in text
    assert not editor.agenda.refresh_button.isHidden()
    create_action(
        window.db,
        ActionDraft("Second thing", owner_organisation_id=net["Unseen"],
                    agenda_item_id=first_item.id),
        TODAY,
    )  # fmt: skip
    editor.agenda.refresh_button.click()  # re-reads the live list
    assert "Second thing" in editor.agenda.about.toPlainText()
    assert "Second thing" not in editor.detail.agenda[0].minutes
    editor.agenda.put_in_minutes()  # and, asked first, puts it in the minutes
    assert "Second thing" in editor.detail.agenda[0].minutes
    assert "Second thing" in agree[-1] or "Replace the minutes" in agree[-1]


def test_agenda_add_move_delete_and_undo(window, page, net, monkeypatch, agree, problems):
    editor = show(window, net["first"])
    papers = "https://example.org/paper.pdf\n\\\\server\\papers\\item 2.docx"
    monkeypatch.setattr(
        "ui.pages.meetings.agenda_panel.AgendaItemDialog.ask",
        answers(AgendaInput("County lines", "decision", None, papers)),
    )
    editor.agenda.add_item()
    assert [i.title for i in editor.detail.agenda] == ["Matters arising", "County lines"]
    assert editor.agenda.selected().title == "County lines"
    html = editor.agenda.about.toHtml()
    assert "https://example.org/paper.pdf" in html and "href" in html
    editor.agenda.move_item(up=True)
    assert [i.title for i in editor.detail.agenda] == ["County lines", "Matters arising"]
    editor.agenda.select_item(editor.detail.agenda[0].id)
    editor.agenda.delete_item()
    assert [i.title for i in editor.detail.agenda] == ["Matters arising"]
    assert "County lines" in agree[-1]
    window.page("meetings").undo()  # Edit › Undo
    assert [i.title for i in editor.detail.agenda] == ["County lines", "Matters arising"]
    assert editor.detail.agenda[0].papers == tuple(papers.splitlines())
    assert not problems


def test_decisions_are_numbered_across_meetings(window, page, net, monkeypatch, problems):
    editor = show(window, net["first"])
    monkeypatch.setattr(
        DecisionDialog,
        "ask",
        answers(
            DecisionInput(None, "Adopt the data standard.", TODAY),
            DecisionInput(None, "Meet quarterly.", TODAY),
        ),
    )
    editor.decisions.record_decision()
    editor = show(window, net["second"])
    editor.decisions.record_decision()
    assert [(r.number, r.text) for r in editor.decisions.model.rows] == [(2, "Meet quarterly.")]
    editor = show(window, net["first"])
    assert [r.number for r in editor.decisions.model.rows] == [1]
    assert editor.decisions.model.data(editor.decisions.model.index(0, 1)) == (
        f"{TODAY.day} {TODAY:%b %Y}"
    )
    assert editor.tabs.tabText(4) == "Decisions (1)"
    assert not problems


def test_circulate_approve_at_a_later_meeting_then_errata(
    window, page, net, monkeypatch, agree, problems
):
    editor = show(window, net["second"])
    monkeypatch.setattr(meeting_ops, "confirm", lambda *a, **k: True)
    editor.details.next_step()  # circulate the second meeting's minutes
    assert editor.detail.minutes_status is MinutesStatus.CIRCULATED
    # Nothing later than the second meeting has taken place: approval is explained, not offered.
    assert not editor.details.step_button.isEnabled()
    assert "LATER meeting" in editor.details.why_not.text()

    editor = show(window, net["first"])
    editor.details.next_step()
    assert editor.detail.minutes_status is MinutesStatus.CIRCULATED
    assert editor.details.step_button.text() == "Approve the minutes…"
    chosen = []

    def approve(_parent, _name, candidates):
        chosen.append(candidates)
        return candidates[0][0]

    monkeypatch.setattr(ApproveDialog, "ask", approve)
    editor.details.next_step()
    assert [c[0] for c in chosen[0]] == [net["second"]]  # later meetings only
    d = editor.detail
    assert d.minutes_status is MinutesStatus.APPROVED and d.approved_at.id == net["second"]
    assert editor.minutes.text.isReadOnly()
    assert "read-only" in editor.minutes.notice.text() and "erratum" in editor.minutes.notice.text()
    assert not editor.agenda.add_button.isEnabled()
    assert not editor.decisions.record_button.isEnabled()
    assert not editor.attendance.combo(0).isEnabled()
    assert not editor.actions.raise_button.isEnabled()
    assert not editor.details.title_edit.isEnabled()

    monkeypatch.setattr(
        ErratumDialog, "ask", answers(ErratumInput(d.agenda[0].id, "For Kent read Essex."))
    )
    before = date.today()  # the erratum is dated when it is added (the run may cross midnight)
    editor.minutes.add_erratum()
    days = {before, date.today()}
    text = editor.minutes.errata.text()
    assert any(f"{d.day} {d:%b %Y}" in text for d in days) and "For Kent read Essex." in text
    assert "item 1" in text and window.db.user in text

    editor.details.next_step()  # lock
    assert editor.detail.minutes_status is MinutesStatus.LOCKED
    assert editor.details.step_button.isHidden()
    assert not editor.minutes.erratum_button.isHidden()
    second = show(window, net["second"])
    assert "First" in second.details.approves.text()
    assert not problems


def test_unsaved_minutes_are_asked_about_before_leaving(window, page, net, qtbot, monkeypatch):
    editor = show(window, net["first"])
    qtbot.keyClicks(editor.minutes.text, "Half written")
    monkeypatch.setattr("ui.pages.meetings.editor.ask_unsaved", lambda _p, items: "cancel")
    window.show_meeting(net["second"])
    assert editor.detail.id == net["first"] and editor.minutes.has_unsaved()
    assert page.list.current_meeting().id == net["first"]
    monkeypatch.setattr("ui.pages.meetings.editor.ask_unsaved", lambda _p, items: "save")
    window.show_meeting(net["second"])
    assert editor.detail.id == net["second"]
    first = meeting_detail(window.db, net["first"])
    assert "Half written" in first.agenda[0].minutes


def test_models_pass_the_model_tester(window, page, net, qtmodeltester):
    editor = show(window, net["first"])
    add_agenda_item(window.db, net["first"], "Returns", "information")
    window.notify_changed()
    for model in (
        page.list.model,
        editor.agenda.model,
        editor.decisions.model,
        editor.actions.model,
    ):
        qtmodeltester.check(model)


def test_details_are_saved_and_a_conflict_is_not_overwritten(window, page, net, monkeypatch):
    from commissioner_desk.network.meetings import edit_meeting

    editor = show(window, net["first"])
    editor.details.title_edit.setText("First meeting of the year")
    editor.details.save_details()
    assert editor.detail.title == "First meeting of the year"
    assert "First meeting of the year" in page.list.model.data(page.list.model.index(1, 1))
    d = editor.detail
    bob = Database(window.db.url, user="bob")
    try:
        edit_meeting(bob, d.id, d.version, d.starts_at, "Bob's place", False, d.title)
    finally:
        bob.dispose()
    seen = []
    monkeypatch.setattr(
        "ui.conflict_dialog.resolve_conflict",
        lambda parent, exc, my_text: seen.append((str(exc), my_text)) or "reload",
    )
    editor.details.place.setText("My place")
    editor.details.save_details()
    assert "bob" in seen[0][0] and "My place" in seen[0][1]
    assert meeting_detail(window.db, d.id).location == "Bob's place"
    assert editor.details.place.text() == "Bob's place"


def test_opening_the_page_reads_in_the_background_and_a_choice_meanwhile_wins(
    window, page, net, qtbot
):
    """A page switch reads the list and the meeting off the UI thread (the switch must not hold
    the window up); a meeting chosen while that read is in flight is the one that stays."""
    assert page.editor.detail.id == net["second"]  # the latest held: the default
    window.show_page("home")
    wait_loaded(qtbot, window)
    window._stale.add("meetings")  # changed meanwhile: opening the page reads it again
    window.show_page("meetings")
    assert window.loader.busy("meetings")  # read in the background, not during the switch
    page.list.meeting_chosen.emit(net["first"])  # the user picks another meeting meanwhile
    assert page.editor.detail.id == net["first"]
    wait_loaded(qtbot, window)
    assert page.editor.detail.id == net["first"]
    assert page.list.current_meeting().id == net["first"]
    # Its own edits still show at once (read on this thread, as before).
    window.notify_changed()
    assert not window.loader.busy("meetings")
