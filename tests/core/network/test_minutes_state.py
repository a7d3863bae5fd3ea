"""Minutes go draft → circulated → approved (by a later meeting of the series) → locked, one
step at a time; after approval the text never changes and corrections are dated errata."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from commissioner_desk.db.database import Database
from commissioner_desk.db.models import AgendaItem, Meeting, MinuteErratum
from commissioner_desk.domain.enums import AgendaItemKind, AttendanceStatus, MinutesStatus
from commissioner_desk.network.agenda import add_agenda_item
from commissioner_desk.network.attendance import set_attendance
from commissioner_desk.network.decisions import record_decision
from commissioner_desk.network.editing import EditConflict
from commissioner_desk.network.errors import MinutesStateError, NetworkError
from commissioner_desk.network.meeting_detail import meeting_detail
from commissioner_desk.network.minutes import (
    add_erratum,
    approval_candidates,
    approve_minutes,
    circulate_minutes,
    lock_minutes,
    save_minutes,
    set_minutes_status,
)

from .meeting_fixtures import FEB, MAY, NOV, TODAY, meeting, meeting_version, org, series, version

D, C, A, L = (
    MinutesStatus.DRAFT,
    MinutesStatus.CIRCULATED,
    MinutesStatus.APPROVED,
    MinutesStatus.LOCKED,
)
LEGAL = {(D, C), (C, A), (A, L)}


@pytest.fixture
def two_meetings(db):
    """November's minutes, to be approved at February's meeting (which has taken place)."""
    sid = series(db)
    return sid, meeting(db, sid, NOV), meeting(db, sid, FEB)


def _to(db, meeting_id: int, status: MinutesStatus, approver: int) -> None:
    """Bring the minutes to `status` the legal way."""
    for step in (C, A, L)[: (D, C, A, L).index(status)]:
        set_minutes_status(
            db,
            meeting_id,
            meeting_version(db, meeting_id),
            step,
            approved_at_meeting_id=approver if step is A else None,
            today=TODAY,
        )


def _status(db, meeting_id: int) -> tuple[MinutesStatus, int | None]:
    with db.session() as s:
        m = s.get(Meeting, meeting_id)
        return MinutesStatus(m.minutes_status), m.approved_at_meeting_id


def _reset(db, meeting_id: int, status: MinutesStatus, approver: int) -> None:
    """Test-only reset, straight to the table: the app itself has no way back, by design."""
    with db.session() as s:
        m = s.get(Meeting, meeting_id)
        m.minutes_status = status
        m.approved_at_meeting_id = approver if status in (A, L) else None


@pytest.mark.parametrize("start", [D, C, A, L])
def test_every_transition_legal_or_refused(db, two_meetings, start):
    _sid, nov, feb = two_meetings
    _to(db, nov, start, feb)
    for target in (D, C, A, L):
        before = _status(db, nov)
        approver = feb if target is A else None

        def move(target=target, approver=approver):
            set_minutes_status(
                db, nov, meeting_version(db, nov), target, approved_at_meeting_id=approver,
                today=TODAY,
            )  # fmt: skip

        if (start, target) in LEGAL:
            move()
            assert _status(db, nov)[0] is target
            assert _status(db, nov)[1] == (feb if target in (A, L) else None)
            _reset(db, nov, start, feb)
        else:
            with pytest.raises(MinutesStateError) as err:
                move()
            assert "minutes of" in str(err.value)
            assert _status(db, nov) == before  # nothing changed


def test_refusals_say_what_to_do(db, two_meetings):
    _sid, nov, feb = two_meetings
    with pytest.raises(MinutesStateError, match="circulate them first"):
        approve_minutes(db, nov, meeting_version(db, nov), feb, TODAY)
    _to(db, nov, A, feb)
    with pytest.raises(MinutesStateError, match=r"cannot go back to draft.*errata"):
        set_minutes_status(db, nov, meeting_version(db, nov), D)
    assert lock_minutes(db, nov, meeting_version(db, nov)).changed == ("minutes_status",)
    with pytest.raises(MinutesStateError, match="nothing more can change"):
        set_minutes_status(db, nov, meeting_version(db, nov), C)


def test_approval_needs_a_later_meeting_of_the_same_series(db, two_meetings):
    sid, nov, feb = two_meetings
    earlier = meeting(db, sid, datetime(2025, 8, 12, 10, 30))
    other_series = meeting(db, series(db, "Other forum", prefix="OTH"), FEB)
    future = meeting(db, sid, MAY)  # after TODAY: has not taken place
    circulate_minutes(db, nov, meeting_version(db, nov))
    v = meeting_version(db, nov)
    cases = [
        (None, "Say which later meeting"),
        (nov, "not later than"),
        (earlier, "not later than"),
        (other_series, "another meeting series"),
        (future, "only once that meeting has taken place"),
    ]
    for approver, message in cases:
        with pytest.raises(MinutesStateError, match=message):
            set_minutes_status(db, nov, v, A, approved_at_meeting_id=approver, today=TODAY)
        assert _status(db, nov) == (C, None)
    assert [mid for mid, _ in approval_candidates(db, nov, TODAY)] == [feb]

    approve_minutes(db, nov, v, feb, TODAY)
    assert _status(db, nov) == (A, feb)
    detail = meeting_detail(db, nov)
    assert detail.approved_at is not None and detail.approved_at.id == feb
    assert [m.id for m in meeting_detail(db, feb).approves] == [nov]


def test_a_status_change_on_a_stale_version_is_a_conflict(db, two_meetings):
    _sid, nov, _feb = two_meetings
    v = meeting_version(db, nov)
    circulate_minutes(db, nov, v)
    with pytest.raises(EditConflict, match="changed by tester"):
        circulate_minutes(db, nov, v)


@pytest.mark.parametrize("status", [A, L])
def test_after_approval_the_record_cannot_be_edited(db, two_meetings, status):
    _sid, nov, feb = two_meetings
    item = meeting_detail(db, nov).agenda[0]
    save_minutes(db, item.id, item.version, "<p>As circulated.</p>")
    kent = org(db, "Kent Police")
    _to(db, nov, status, feb)
    item_version = version(db, AgendaItem, item.id)
    refused = [
        lambda: save_minutes(db, item.id, item_version, "<p>Quietly changed.</p>"),
        lambda: add_agenda_item(db, nov, "Late item", AgendaItemKind.INFORMATION),
        lambda: set_attendance(db, nov, kent, AttendanceStatus.PRESENT),
        lambda: record_decision(db, nov, item.id, "Decided later", TODAY),
    ]
    for call in refused:
        with pytest.raises(NetworkError, match="erratum"):
            call()
    detail = meeting_detail(db, nov)
    assert detail.agenda[0].minutes == "<p>As circulated.</p>"
    assert not detail.attendance and not detail.decisions and len(detail.agenda) == 1
    assert not detail.minutes_editable and detail.takes_errata


def test_circulated_minutes_can_be_edited_but_not_the_agenda(db, two_meetings):
    _sid, nov, _feb = two_meetings
    circulate_minutes(db, nov, meeting_version(db, nov))
    item = meeting_detail(db, nov).agenda[0]
    saved = save_minutes(db, item.id, item.version, "<p>Corrected before approval.</p>")
    assert saved.changed == ("minutes",)
    with pytest.raises(NetworkError, match="only while the minutes are draft"):
        add_agenda_item(db, nov, "Late item", AgendaItemKind.INFORMATION)


def test_errata_are_dated_and_say_who(db, db_url, two_meetings):
    _sid, nov, feb = two_meetings
    item = meeting_detail(db, nov).agenda[0]
    with pytest.raises(NetworkError, match="correct the text itself"):
        add_erratum(db, nov, "Too early", TODAY)
    _to(db, nov, A, feb)
    clerk = Database(db_url, user="clerk")
    try:
        row = add_erratum(clerk, nov, "  Item 1: read 12, not 21.  ", date(2026, 3, 1), item.id)
        lock_minutes(clerk, nov, meeting_version(clerk, nov))
        add_erratum(clerk, nov, "A second correction, to locked minutes.", TODAY)
    finally:
        clerk.dispose()
    assert (row.made_by, row.made_on, row.text, row.agenda_position) == (
        "clerk",
        date(2026, 3, 1),
        "Item 1: read 12, not 21.",
        1,
    )
    detail = meeting_detail(db, nov)
    assert [(e.made_on, e.made_by, e.agenda_position) for e in detail.errata] == [
        (date(2026, 3, 1), "clerk", 1),
        (TODAY, "clerk", None),
    ]
    assert detail.agenda[0].minutes == item.minutes  # the approved text is untouched
    with db.session() as s:
        assert s.query(MinuteErratum).count() == 2
    with pytest.raises(NetworkError, match="empty"):
        add_erratum(db, nov, "   ", TODAY)
