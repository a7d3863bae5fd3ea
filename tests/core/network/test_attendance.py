"""Attendance by organisation and the quorum: deputies count, apologies do not."""

from __future__ import annotations

import pytest

from commissioner_desk.db.database import Database
from commissioner_desk.domain.enums import AttendanceStatus
from commissioner_desk.network.attendance import (
    attendance_summary,
    list_attendance,
    quorum,
    quorum_check,
    remove_attendance,
    set_attendance,
)
from commissioner_desk.network.editing import EditConflict
from commissioner_desk.network.errors import NetworkError

from .meeting_fixtures import FEB, meeting, org, person, series

P, DEP, AP, AB = (
    AttendanceStatus.PRESENT,
    AttendanceStatus.DEPUTY,
    AttendanceStatus.APOLOGIES,
    AttendanceStatus.ABSENT,
)


def test_quorum_counts_present_and_deputies(db):
    mid = meeting(db, series(db, quorum=3), FEB)
    assert quorum(db, mid).sentence == "No attendance recorded yet; the quorum is 3."
    assert not quorum(db, mid).met
    orgs = [org(db, name) for name in ("Kent Police", "Home Office", "Unseen", "NCA", "PEC")]
    jo = person(db, "Jo Bloggs", orgs[0])
    set_attendance(db, mid, orgs[0], P, person_id=jo)
    set_attendance(db, mid, orgs[1], DEP, deputy_name="  Sam   Deputy ")
    set_attendance(db, mid, orgs[2], AP)
    set_attendance(db, mid, orgs[3], AB)
    check = quorum(db, mid)
    assert (check.met, check.present, check.required) == (False, 2, 3)
    assert check.sentence == (
        "Not quorate: 2 organisations present (1 by a deputy); the quorum is 3."
    )
    set_attendance(db, mid, orgs[4], P)
    check = quorum(db, mid)
    assert (check.met, check.present) == (True, 3)
    assert check.sentence.startswith("Quorate: 3 organisations present")
    rows = {r.organisation: r for r in list_attendance(db, mid)}
    assert rows["Home Office"].deputy_name == "Sam Deputy"
    assert rows["Kent Police"].person == "Jo Bloggs"


def test_quorum_rules_without_a_database():
    assert (
        quorum_check([], 0).sentence == "No quorum rule for this series; 0 organisations present."
    )
    assert quorum_check([AP, AP], 1).met is False
    assert quorum_check([DEP], 1).sentence == (
        "Quorate: 1 organisation present (1 by a deputy); the quorum is 1."
    )
    assert (
        attendance_summary([P, P, DEP, AP, AB, AB]) == "2 present, 1 deputy, 1 apologies, 2 absent"
    )
    assert attendance_summary([]) == "No attendance recorded"


def test_a_deputy_must_be_named(db):
    mid = meeting(db, series(db), FEB)
    kent = org(db, "Kent Police")
    with pytest.raises(NetworkError, match="Name the deputy"):
        set_attendance(db, mid, kent, DEP, deputy_name="  ")
    assert list_attendance(db, mid) == []
    row = set_attendance(db, mid, kent, AP)
    row = set_attendance(db, mid, kent, P, deputy_name="ignored", version=row.version)
    assert (row.status, row.deputy_name) == (P, "")


def test_two_people_recording_one_organisation(db_url):
    alice, bob = Database(db_url, user="alice"), Database(db_url, user="bob")
    try:
        mid = meeting(alice, series(alice), FEB)
        kent = org(alice, "Kent Police")
        # Both open the meeting with no row for Kent; Alice records first.
        first = set_attendance(alice, mid, kent, P)
        with pytest.raises(EditConflict, match="changed by alice"):
            set_attendance(bob, mid, kent, AP)  # Bob's screen showed no row
        # Bob reloads, then both edit the same version: the second is refused.
        set_attendance(bob, mid, kent, AP, version=first.version)
        with pytest.raises(EditConflict, match="changed by bob"):
            set_attendance(alice, mid, kent, AB, version=first.version)
        assert [r.status for r in list_attendance(alice, mid)] == [AP]
        current = list_attendance(alice, mid)[0]
        remove_attendance(alice, current.id, current.version)
        with pytest.raises(EditConflict, match="deleted"):
            set_attendance(bob, mid, kent, P, version=current.version)
    finally:
        alice.dispose()
        bob.dispose()
