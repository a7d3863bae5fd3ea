"""Matters arising: every unfinished action from earlier meetings of the series, grouped by
owner organisation, each with the minute that raised it. Nothing unfinished disappears."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select

from commissioner_desk.db.models import ActionItem, Meeting
from commissioner_desk.demo import load_demo
from commissioner_desk.domain.enums import ActionStatus, AgendaItemKind, MinutesStatus
from commissioner_desk.network.agenda import add_agenda_item
from commissioner_desk.network.arising import NO_OWNER, matters_arising
from commissioner_desk.network.meeting_detail import meeting_detail
from commissioner_desk.network.meetings import MATTERS_ARISING, create_meeting
from commissioner_desk.network.minutes import approve_minutes, circulate_minutes, lock_minutes
from commissioner_desk.network.minutes_html import plain_text

from .meeting_fixtures import (
    FEB,
    MAY,
    NOV,
    TODAY,
    action,
    meeting,
    meeting_version,
    org,
    person,
    series,
)

S = ActionStatus


def test_grouped_by_owner_organisation_with_minute_references(db):
    sid = series(db)
    nov = meeting(db, sid, NOV)
    item2 = add_agenda_item(db, nov, "Returns", AgendaItemKind.DECISION)
    feb = meeting(db, sid, FEB)
    kent, unseen = org(db, "Kent Police"), org(db, "Unseen")
    jo = person(db, "Jo Bloggs", unseen)  # owner person only: her organisation is used
    action(db, "TST-2025-001", nov, item_id=item2.id, org_id=kent, due=date(2026, 1, 5))
    action(db, "TST-2025-002", nov, status=S.IN_PROGRESS, person_id=jo, due=date(2026, 4, 1))
    action(db, "TST-2025-003", nov, status=S.ON_HOLD)  # nobody owns it
    action(db, "TST-2025-004", nov, item_id=item2.id, status=S.DONE, org_id=kent)
    action(db, "TST-2025-005", nov, status=S.CLOSED, org_id=unseen)
    action(db, "TST-2025-006", nov, org_id=kent, due=date(2025, 12, 1))
    action(db, "TST-2026-001", feb, org_id=kent)  # raised at the meeting itself: not arising
    action(db, "TST-2026-002", None, org_id=kent)  # not raised at a meeting
    other = meeting(db, series(db, "Other forum", prefix="OTH"), NOV)
    action(db, "OTH-2025-001", other, org_id=kent)  # another series

    arising = matters_arising(db, feb)
    shape = [(g.organisation, [a.reference for a in g.actions]) for g in arising.groups]
    assert shape == [
        ("Kent Police", ["TST-2025-006", "TST-2025-001"]),  # earliest due first
        ("Unseen", ["TST-2025-002"]),
        (NO_OWNER, ["TST-2025-003"]),  # last
    ]
    assert arising.count == 4
    kent_first = arising.groups[0].actions[1]
    assert kent_first.minute_reference == "Meeting of 11/11/2025, item 2"
    assert (kent_first.status, kent_first.due_date) == (S.OPEN, date(2026, 1, 5))
    assert arising.groups[1].actions[0].owner == "Jo Bloggs"
    assert arising.groups[2].actions[0].status is S.ON_HOLD
    # The earliest meeting has nothing before it.
    assert matters_arising(db, nov).groups == ()


def test_a_new_meeting_opens_with_the_matters_arising(db):
    sid = series(db)
    nov = meeting(db, sid, NOV)
    first = meeting_detail(db, nov).agenda
    assert [(i.position, i.title, i.kind) for i in first] == [
        (1, MATTERS_ARISING, AgendaItemKind.DISCUSSION)
    ]
    assert "No open actions from earlier meetings" in plain_text(first[0].minutes)
    kent = org(db, "Kent Police")
    action(db, "TST-2025-001", nov, item_id=first[0].id, org_id=kent, due=date(2026, 1, 5))
    action(db, "TST-2025-002", nov, status=S.DONE, org_id=kent)
    feb = create_meeting(db, sid, FEB, "", True, "February", TODAY)
    item = meeting_detail(db, feb).agenda[0]
    text = plain_text(item.minutes)
    assert item.title == MATTERS_ARISING and item.position == 1
    assert "1 open action from earlier meetings, as at 20 Mar 2026" in text
    assert "Kent Police\n• TST-2025-001: Action TST-2025-001. due 5 Jan 2026; open." in text
    assert "(Meeting of 11/11/2025, item 1)" in text
    assert "TST-2025-002" not in text  # done


def test_actions_from_locked_minutes_stay_until_finished(db):
    sid = series(db)
    nov, feb = meeting(db, sid, NOV), meeting(db, sid, FEB)
    may = meeting(db, sid, MAY)
    aug = meeting(db, sid, datetime(2026, 8, 11, 10, 30))
    kent = org(db, "Kent Police")
    action(db, "TST-2025-001", nov, org_id=kent, status=S.ON_HOLD)
    # November's minutes are approved at February's meeting and locked.
    circulate_minutes(db, nov, meeting_version(db, nov))
    approve_minutes(db, nov, meeting_version(db, nov), feb, TODAY)
    lock_minutes(db, nov, meeting_version(db, nov))
    for later in (feb, may, aug):
        refs = [a.reference for g in matters_arising(db, later).groups for a in g.actions]
        assert refs == ["TST-2025-001"]
    with db.session() as s:
        s.scalars(select(ActionItem)).one().status = S.DONE
    assert matters_arising(db, aug).groups == ()


def test_nothing_unfinished_disappears_in_the_demo(db):
    load_demo(db, today=date(2026, 3, 20))
    with db.session() as s:
        meetings = s.scalars(select(Meeting).order_by(Meeting.starts_at)).all()
        upcoming = meetings[-1]
        assert MinutesStatus(meetings[0].minutes_status) is MinutesStatus.LOCKED
        unfinished = set(
            s.scalars(
                select(ActionItem.reference).where(
                    ActionItem.meeting_id.in_([m.id for m in meetings[:-1]]),
                    ActionItem.status.not_in([S.DONE, S.CLOSED]),
                )
            )
        )
        finished = set(
            s.scalars(select(ActionItem.reference).where(ActionItem.status.in_([S.DONE, S.CLOSED])))
        )
    arising = matters_arising(db, upcoming.id)
    listed = [a.reference for g in arising.groups for a in g.actions]
    assert len(listed) == len(set(listed))
    assert set(listed) == unfinished and unfinished  # every one, and only those
    assert not finished & set(listed)
    names = [g.organisation for g in arising.groups]
    assert names == sorted(names, key=str.casefold)
