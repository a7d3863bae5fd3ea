"""Meeting series and meetings: create, edit, and the rows a list of meetings shows.

A new meeting opens with "Matters arising": every unfinished action from earlier meetings of
its series, so nothing is lost between meetings.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from ..db.database import Database
from ..db.models import ActionItem, AgendaItem, Attendance, Meeting, MeetingSeries
from ..domain.enums import AgendaItemKind, AttendanceStatus, MinutesStatus
from ..domain.periods import MONTH_NAMES
from . import editing
from .arising import arising_for, arising_html
from .attendance import QuorumCheck, attendance_summary, quorum_check
from .errors import NetworkError
from .guarded import RECORD_OPEN, locked_meeting, require_status, save_if
from .labels import FINISHED, place_text

MATTERS_ARISING = "Matters arising"
PREFIX = re.compile(r"[A-Z][A-Z0-9]{0,11}")


@dataclass(frozen=True)
class SeriesRow:
    id: int
    version: int
    name: str
    action_prefix: str
    quorum: int
    meetings: int
    is_demo: bool


@dataclass(frozen=True)
class MeetingRow:
    id: int
    version: int
    series_id: int
    series: str
    title: str
    starts_at: datetime  # local time, as entered
    location: str
    online: bool
    minutes_status: MinutesStatus
    attendance: str  # "8 present, 1 deputy, 3 apologies"
    quorum: QuorumCheck
    open_actions: int  # actions raised at it that are not done or closed
    is_demo: bool

    @property
    def quorum_met(self) -> bool:
        return self.quorum.met

    @property
    def place(self) -> str:
        return place_text(self.location, self.online)

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "series_id": self.series_id,
            "series": self.series,
            "title": self.title,
            "starts_at": self.starts_at.isoformat(),
            "location": self.location,
            "online": self.online,
            "minutes_status": str(self.minutes_status),
            "attendance": self.attendance,
            "quorum_met": self.quorum.met,
            "quorum_present": self.quorum.present,
            "quorum_required": self.quorum.required,
            "quorum": self.quorum.sentence,
            "attendance_recorded": self.quorum.recorded,
            "open_actions": self.open_actions,
            "is_demo": self.is_demo,
        }


def list_series(db: Database) -> list[SeriesRow]:
    with db.session() as s:
        counts = dict(
            s.execute(select(Meeting.series_id, func.count()).group_by(Meeting.series_id)).all()
        )
        return [
            SeriesRow(x.id, x.version, x.name, x.action_prefix, x.quorum, counts.get(x.id, 0),
                      x.is_demo)
            for x in s.scalars(select(MeetingSeries).order_by(func.lower(MeetingSeries.name)))
        ]  # fmt: skip


def _series_fields(name: str, action_prefix: str, quorum: int) -> dict[str, object]:
    name = " ".join(name.split())
    if not name:
        raise NetworkError("Give the meeting series a name.")
    prefix = action_prefix.strip().upper()
    if not PREFIX.fullmatch(prefix):
        raise NetworkError(
            f"The action prefix “{action_prefix}” must be 1 to 12 letters or digits, starting "
            "with a letter (for example NET, giving references like NET-2026-014)."
        )
    if quorum < 0:
        raise NetworkError("The quorum is a number of organisations: 0 or more (0: no rule).")
    return {"name": name, "action_prefix": prefix, "quorum": quorum}


def _refuse_taken_name(db: Database, name: str, except_id: int | None = None) -> None:
    """Names differing only in case are the same name to a reader (SQLite's UNIQUE is not)."""
    with db.session() as s:
        query = select(MeetingSeries.name).where(func.lower(MeetingSeries.name) == name.lower())
        if except_id is not None:
            query = query.where(MeetingSeries.id != except_id)
        if taken := s.scalar(query):
            raise NetworkError(f"There is already a meeting series called “{taken}”.")


def create_series(db: Database, name: str, action_prefix: str, quorum: int) -> SeriesRow:
    fields = _series_fields(name, action_prefix, quorum)
    _refuse_taken_name(db, str(fields["name"]))
    try:
        with db.session() as s:
            series = MeetingSeries(**fields)
            s.add(series)
            s.flush()
            series_id = series.id
    except IntegrityError as exc:
        raise NetworkError(f"There is already a meeting series called “{fields['name']}”.") from exc
    return next(x for x in list_series(db) if x.id == series_id)


def edit_series(
    db: Database, series_id: int, version: int, name: str, action_prefix: str, quorum: int
) -> editing.Saved:
    fields = _series_fields(name, action_prefix, quorum)
    _refuse_taken_name(db, str(fields["name"]), series_id)
    try:
        return editing.save(db, MeetingSeries, series_id, version, fields, "The meeting series")
    except IntegrityError as exc:
        raise NetworkError(f"There is already a meeting series called “{fields['name']}”.") from exc


def _meeting_fields(
    starts_at: datetime, location: str, online: bool, title: str
) -> dict[str, object]:
    location = " ".join(location.split())
    if not location and not online:
        raise NetworkError("Say where the meeting is, or tick Online.")
    title = " ".join(title.split()) or f"Meeting, {MONTH_NAMES[starts_at.month]} {starts_at.year}"
    return {
        "starts_at": starts_at.replace(second=0, microsecond=0),
        "location": location,
        "online": online,
        "title": title,
    }


def create_meeting(
    db: Database,
    series_id: int,
    starts_at: datetime,
    location: str,
    online: bool,
    title: str,
    today: date,
) -> int:
    """A new meeting whose agenda opens with the matters arising as at `today`; its id."""
    fields = _meeting_fields(starts_at, location, online, title)
    with db.session() as s:
        if s.get(MeetingSeries, series_id) is None:
            raise NetworkError("That meeting series no longer exists: someone has deleted it.")
        meeting = Meeting(series_id=series_id, minutes_status=MinutesStatus.DRAFT, **fields)
        s.add(meeting)
        s.flush()
        arising = arising_for(s, meeting)
        meeting.agenda.append(
            AgendaItem(
                position=1,
                title=MATTERS_ARISING,
                kind=AgendaItemKind.DISCUSSION,
                minutes=arising_html(arising, today),
            )
        )
        s.flush()
        return meeting.id


def edit_meeting(
    db: Database,
    meeting_id: int,
    version: int,
    starts_at: datetime,
    location: str,
    online: bool,
    title: str,
) -> editing.Saved:
    """Change the date, place or title while the minutes are draft or circulated."""
    fields = _meeting_fields(starts_at, location, online, title)

    def guard(s, meeting) -> None:
        require_status(meeting, RECORD_OPEN, "change the meeting's details")

    return save_if(db, Meeting, meeting_id, version, fields, "The meeting", guard)


def refresh_matters_arising(db: Database, agenda_item_id: int, version: int, today: date):
    """Rewrite a draft "Matters arising" item with the list as it stands `today`."""
    with db.session() as s:
        item = s.get(AgendaItem, agenda_item_id)
        if item is None:
            raise NetworkError("That agenda item no longer exists: someone has deleted it.")
        meeting = locked_meeting(s, item.meeting_id)
        require_status(meeting, RECORD_OPEN, "refresh the matters arising")
        text = arising_html(arising_for(s, meeting), today)

    def guard(s, row) -> None:
        require_status(locked_meeting(s, row.meeting_id), RECORD_OPEN, "edit the minutes")

    return save_if(
        db, AgendaItem, agenda_item_id, version, {"minutes": text}, "The matters arising", guard
    )


def list_meetings(db: Database, series_id: int | None = None) -> list[MeetingRow]:
    """Meetings, latest first (the one coming up at the top)."""
    with db.session() as s:
        query = (
            select(Meeting, MeetingSeries.name, MeetingSeries.quorum)
            .join(MeetingSeries, MeetingSeries.id == Meeting.series_id)
            .order_by(Meeting.starts_at.desc(), Meeting.id.desc())
        )
        if series_id is not None:
            query = query.where(Meeting.series_id == series_id)
        meetings = s.execute(query).all()
        statuses: dict[int, list[AttendanceStatus]] = defaultdict(list)
        for meeting_id, status in s.execute(select(Attendance.meeting_id, Attendance.status)):
            statuses[meeting_id].append(AttendanceStatus(status))
        open_actions = dict(
            s.execute(
                select(ActionItem.meeting_id, func.count())
                .where(ActionItem.meeting_id.is_not(None), ActionItem.status.not_in(FINISHED))
                .group_by(ActionItem.meeting_id)
            ).all()
        )
        return [
            MeetingRow(
                id=m.id,
                version=m.version,
                series_id=m.series_id,
                series=series,
                title=m.title,
                starts_at=m.starts_at,
                location=m.location,
                online=m.online,
                minutes_status=MinutesStatus(m.minutes_status),
                attendance=attendance_summary(statuses[m.id]),
                quorum=quorum_check(statuses[m.id], required),
                open_actions=open_actions.get(m.id, 0),
                is_demo=m.is_demo,
            )
            for m, series, required in meetings
        ]
