"""Everything a meeting's page shows, read in one session into frozen rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import aliased

from ..db.database import Database
from ..db.models import (
    ActionItem,
    AgendaItem,
    Decision,
    Meeting,
    MeetingSeries,
    Organisation,
    Person,
)
from ..domain.enums import ActionStatus, MinutesStatus
from .agenda import AgendaItemRow, agenda_rows
from .attendance import AttendanceRow, QuorumCheck, attendance_rows, quorum_check
from .decisions import DecisionRow, decision_rows
from .errors import NetworkError
from .guarded import AGENDA_OPEN, ERRATA_OPEN, RECORD_OPEN
from .minutes import ErratumRow, allowed_moves, errata_rows


@dataclass(frozen=True)
class MeetingRef:
    id: int
    title: str
    starts_at: datetime


@dataclass(frozen=True)
class RaisedAction:
    """An action raised at the meeting, as its minutes list it."""

    id: int
    reference: str
    title: str
    owner: str | None
    organisation: str | None
    due_date: date | None
    status: ActionStatus
    agenda_item_id: int | None
    agenda_position: int | None


@dataclass(frozen=True)
class MeetingDetail:
    id: int
    version: int
    series_id: int
    series: str
    action_prefix: str
    title: str
    starts_at: datetime
    location: str
    online: bool
    minutes_status: MinutesStatus
    approved_at: MeetingRef | None  # the later meeting that approved these minutes
    approves: tuple[MeetingRef, ...]  # earlier meetings whose minutes this one approved
    agenda: tuple[AgendaItemRow, ...]
    attendance: tuple[AttendanceRow, ...]
    quorum: QuorumCheck
    decisions: tuple[DecisionRow, ...]  # by number
    actions: tuple[RaisedAction, ...]  # by agenda item, then reference
    errata: tuple[ErratumRow, ...]  # oldest first
    is_demo: bool

    @property
    def agenda_editable(self) -> bool:
        return self.minutes_status in AGENDA_OPEN

    @property
    def minutes_editable(self) -> bool:
        """Minutes, attendance and decisions may change; after approval only errata."""
        return self.minutes_status in RECORD_OPEN

    @property
    def takes_errata(self) -> bool:
        return self.minutes_status in ERRATA_OPEN

    @property
    def next_statuses(self) -> tuple[MinutesStatus, ...]:
        return allowed_moves(self.minutes_status)


def _ref(m: Meeting) -> MeetingRef:
    return MeetingRef(m.id, m.title, m.starts_at)


def meeting_detail(db: Database, meeting_id: int) -> MeetingDetail:
    with db.session() as s:
        m = s.get(Meeting, meeting_id)
        if m is None:
            raise NetworkError("That meeting no longer exists: someone has deleted it.")
        series = s.get(MeetingSeries, m.series_id)
        approved_at = s.get(Meeting, m.approved_at_meeting_id) if m.approved_at_meeting_id else None
        approves = s.scalars(
            select(Meeting)
            .where(Meeting.approved_at_meeting_id == m.id)
            .order_by(Meeting.starts_at)
        )
        attendance = attendance_rows(s, m.id)
        return MeetingDetail(
            id=m.id,
            version=m.version,
            series_id=m.series_id,
            series=series.name,
            action_prefix=series.action_prefix,
            title=m.title,
            starts_at=m.starts_at,
            location=m.location,
            online=m.online,
            minutes_status=MinutesStatus(m.minutes_status),
            approved_at=_ref(approved_at) if approved_at else None,
            approves=tuple(_ref(x) for x in approves),
            agenda=tuple(agenda_rows(s, m.id)),
            attendance=tuple(attendance),
            quorum=quorum_check([a.status for a in attendance], series.quorum),
            decisions=tuple(reversed(decision_rows(s, Decision.meeting_id == m.id))),
            actions=tuple(raised_actions(s, m.id)),
            errata=tuple(errata_rows(s, m.id)),
            is_demo=m.is_demo,
        )


def raised_actions(s, meeting_id: int) -> list[RaisedAction]:
    owner_org, person_org = aliased(Organisation), aliased(Organisation)
    rows = s.execute(
        select(ActionItem, AgendaItem.position, Person.name, owner_org.name, person_org.name)
        .outerjoin(AgendaItem, AgendaItem.id == ActionItem.agenda_item_id)
        .outerjoin(Person, Person.id == ActionItem.owner_person_id)
        .outerjoin(owner_org, owner_org.id == ActionItem.owner_organisation_id)
        .outerjoin(person_org, person_org.id == Person.organisation_id)
        .where(ActionItem.meeting_id == meeting_id)
    ).all()
    out = [
        RaisedAction(
            id=a.id,
            reference=a.reference,
            title=a.title,
            owner=person,
            organisation=org or p_org,
            due_date=a.due_date,
            status=ActionStatus(a.status),
            agenda_item_id=a.agenda_item_id,
            agenda_position=position,
        )
        for a, position, person, org, p_org in rows
    ]
    return sorted(out, key=lambda r: (r.agenda_position is None, r.agenda_position or 0,
                                      r.reference))  # fmt: skip
