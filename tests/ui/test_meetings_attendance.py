"""The Attendance tab: organisations, statuses saved as chosen, deputies, and the quorum."""

from __future__ import annotations

import pytest

from commissioner_desk.domain.enums import AttendanceStatus
from commissioner_desk.network.attendance import list_attendance

from .loading import open_page
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


def test_attendance_sets_the_quorum_sentence(window, page, net, monkeypatch, problems):
    editor = show(window, net["first"])
    panel = editor.attendance
    assert "No attendance recorded yet" in panel.quorum_label.text()
    panel.combo(panel.row_of("Kent Police")).setCurrentIndex(1)  # Present
    assert panel.quorum_label.text() == ("Not quorate: 1 organisation present; the quorum is 2.")
    assert "#fde4e1" in panel.quorum_label.styleSheet()  # red, and the words say so
    monkeypatch.setattr(
        "ui.pages.meetings.attendance_panel.ask_deputy_name", lambda _p, org, _cur="": "Sam Deputy"
    )
    panel.combo(panel.row_of("Home Office")).setCurrentIndex(3)  # Deputy
    assert panel.quorum_label.text() == (
        "Quorate: 2 organisations present (1 by a deputy); the quorum is 2."
    )
    assert "#e3f4e1" in panel.quorum_label.styleSheet()
    rows = {a.organisation: a for a in list_attendance(window.db, net["first"])}
    assert rows["Home Office"].status is AttendanceStatus.DEPUTY
    assert rows["Home Office"].deputy_name == "Sam Deputy"
    assert panel.table.item(panel.row_of("Home Office"), 2).text() == "Sam Deputy"
    # Back to "not recorded": the row goes, and so does the quorum.
    panel.combo(panel.row_of("Kent Police")).setCurrentIndex(0)
    assert "Not quorate: 1 organisation present (1 by a deputy)" in panel.quorum_label.text()
    assert (
        "quorate"
        in window.page("meetings")
        .list.model.data(window.page("meetings").list.model.index(1, 1))
        .lower()
    )
    assert not problems


def test_organisations_come_from_the_registry_or_are_added(window, page, monkeypatch, problems):
    from commissioner_desk.network.meetings import create_meeting, create_series
    from ui.pages.meetings.record_dialogs import OrganisationDialog, OrganisationInput

    series = create_series(window.db, "Network", "NET", 0).id
    meeting = create_meeting(window.db, series, days_ago(2), "Leeds", False, "", TODAY)
    window.notify_changed()
    panel = show(window, meeting).attendance
    assert not panel.empty.isHidden() and panel.table.isHidden()
    panel.sync.click()
    names = [o.name for o in panel._orgs]
    assert "Kent Police" in names and panel.table.rowCount() == len(names) > 80
    assert panel.sync.isHidden()  # done once; adding again is not offered
    monkeypatch.setattr(OrganisationDialog, "ask", answers(OrganisationInput("Unseen UK", "ngo")))
    panel.add_organisation()
    assert "Unseen UK" in [o.name for o in panel._orgs]
    assert "No quorum rule for this series" in panel.quorum_label.text()
    panel.find.setText("kent")
    visible = [panel.table.item(n, 0).text() for n in range(panel.table.rowCount())
               if not panel.table.isRowHidden(n)]  # fmt: skip
    assert visible and all("Kent" in name for name in visible)
    assert not problems


def test_a_deputy_name_is_corrected_in_the_table(window, page, net, monkeypatch):
    editor = show(window, net["first"])
    panel = editor.attendance
    monkeypatch.setattr(
        "ui.pages.meetings.attendance_panel.ask_deputy_name", lambda *_a: "Sam Deputy"
    )
    row = panel.row_of("Home Office")
    panel.combo(row).setCurrentIndex(3)
    panel.table.item(row, 2).setText("Samira Deputy")  # as typed into the cell
    rows = {a.organisation: a for a in list_attendance(window.db, net["first"])}
    assert rows["Home Office"].deputy_name == "Samira Deputy"
    # Cancelling the name puts the choice back.
    monkeypatch.setattr("ui.pages.meetings.attendance_panel.ask_deputy_name", lambda *_a: None)
    panel.combo(panel.row_of("Unseen")).setCurrentIndex(3)
    assert panel.combo(panel.row_of("Unseen")).currentText() == "Not recorded"
