"""Meeting series and meetings: create, edit, list, and the detail a meeting's page shows."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from commissioner_desk.db.models import AgendaItem, Meeting
from commissioner_desk.domain.enums import ActionStatus, AttendanceStatus, MinutesStatus
from commissioner_desk.network.attendance import set_attendance
from commissioner_desk.network.editing import EditConflict
from commissioner_desk.network.errors import NetworkError
from commissioner_desk.network.meeting_detail import meeting_detail
from commissioner_desk.network.meetings import (
    create_meeting,
    create_series,
    edit_meeting,
    edit_series,
    list_meetings,
    list_series,
    refresh_matters_arising,
)
from commissioner_desk.network.minutes import circulate_minutes
from commissioner_desk.network.minutes_html import plain_text

from .meeting_fixtures import FEB, NOV, TODAY, action, meeting, org, series, version


def test_series_rules(db):
    row = create_series(db, "  National   network ", " net ", 6)
    assert (row.name, row.action_prefix, row.quorum, row.meetings) == (
        "National network",
        "NET",
        6,
        0,
    )
    for name, prefix, quorum, message in (
        ("", "NET", 1, "Give the meeting series a name"),
        ("Forum", "N-1", 1, "action prefix"),
        ("Forum", "", 1, "action prefix"),
        ("Forum", "NET", -1, "0 or more"),
        ("national network", "NAT", 1, "already a meeting series"),
    ):
        with pytest.raises(NetworkError, match=message):
            create_series(db, name, prefix, quorum)
    edit_series(db, row.id, row.version, "National network", "NET", 5)
    with pytest.raises(EditConflict):
        edit_series(db, row.id, row.version, "National network", "NET", 4)
    assert [(s.quorum, s.version) for s in list_series(db)] == [(5, row.version + 1)]


def test_create_and_edit_a_meeting(db):
    sid = series(db)
    with pytest.raises(NetworkError, match="Say where the meeting is"):
        create_meeting(db, sid, FEB, "  ", False, "", TODAY)
    mid = create_meeting(db, sid, datetime(2026, 2, 10, 10, 30, 45), "", True, "", TODAY)
    row = list_meetings(db)[0]
    assert (row.id, row.title, row.place, row.starts_at) == (
        mid,
        "Meeting, February 2026",
        "Online",
        FEB,
    )
    assert row.minutes_status is MinutesStatus.DRAFT
    edit_meeting(db, mid, row.version, FEB, "Marsham Street", True, "Network meeting")
    row = list_meetings(db)[0]
    assert (row.title, row.place) == ("Network meeting", "Marsham Street (online)")
    with pytest.raises(EditConflict):
        edit_meeting(db, mid, row.version - 1, FEB, "Elsewhere", False, "x")


def test_list_rows_count_attendance_quorum_and_open_actions(db):
    sid = series(db, quorum=2)
    nov, feb = meeting(db, sid, NOV), meeting(db, sid, FEB)
    kent, unseen = org(db, "Kent Police"), org(db, "Unseen")
    set_attendance(db, nov, kent, AttendanceStatus.PRESENT)
    set_attendance(db, nov, unseen, AttendanceStatus.DEPUTY, deputy_name="Sam")
    action(db, "TST-1", nov)
    action(db, "TST-2", nov, status=ActionStatus.ON_HOLD)
    action(db, "TST-3", nov, status=ActionStatus.DONE)
    rows = {r.id: r for r in list_meetings(db)}
    assert [r.id for r in list_meetings(db)] == [feb, nov]  # latest first
    assert (rows[nov].attendance, rows[nov].quorum_met, rows[nov].open_actions) == (
        "1 present, 1 deputy",
        True,
        2,
    )
    met, present, required, sentence = rows[nov].quorum
    assert (met, present, required) == (True, 2, 2) and sentence.startswith("Quorate")
    assert (rows[feb].attendance, rows[feb].quorum_met) == ("No attendance recorded", False)
    assert rows[nov].to_json()["quorum_present"] == 2
    assert [r.id for r in list_meetings(db, series_id=series(db, "Other", prefix="OTH"))] == []


def test_detail_and_refreshing_the_matters_arising(db):
    sid = series(db)
    nov, feb = meeting(db, sid, NOV), meeting(db, sid, FEB)
    kent = org(db, "Kent Police")
    nov_item = meeting_detail(db, nov).agenda[0]
    action(db, "TST-1", nov, item_id=nov_item.id, org_id=kent, due=date(2026, 1, 5))
    detail = meeting_detail(db, nov)
    assert [(a.reference, a.organisation, a.agenda_position) for a in detail.actions] == [
        ("TST-1", "Kent Police", 1)
    ]
    assert detail.agenda_editable and detail.minutes_editable and not detail.takes_errata
    assert detail.next_statuses == (MinutesStatus.CIRCULATED,)

    item = meeting_detail(db, feb).agenda[0]
    assert "TST-1" not in item.minutes  # it was raised after February's agenda was made
    refresh_matters_arising(db, item.id, item.version, TODAY)
    assert "TST-1: Action TST-1." in plain_text(meeting_detail(db, feb).agenda[0].minutes)
    circulate_minutes(db, feb, version(db, Meeting, feb))
    circulated = meeting_detail(db, feb)
    assert not circulated.agenda_editable and circulated.minutes_editable
    with pytest.raises(EditConflict):
        refresh_matters_arising(db, item.id, item.version, TODAY)
    refresh_matters_arising(db, item.id, version(db, AgendaItem, item.id), TODAY)
