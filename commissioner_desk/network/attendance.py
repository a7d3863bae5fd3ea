"""Who came, for which organisation, and whether the meeting was quorate.

One row per organisation and meeting: present, apologies, a deputy (named), or absent. The
quorum is a number of organisations per series; an organisation represented by a deputy
counts, as it does in the network's terms of reference.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select

from ..db.database import Database
from ..db.models import Attendance, Meeting, MeetingSeries, Organisation, Person
from ..domain.enums import AttendanceStatus
from .editing import EditConflict, LastChange, check_version, last_change
from .errors import NetworkError
from .guarded import RECORD_OPEN, locked_meeting, require_status

COUNTED = (AttendanceStatus.PRESENT, AttendanceStatus.DEPUTY)


@dataclass(frozen=True)
class AttendanceRow:
    id: int
    version: int
    organisation_id: int
    organisation: str
    person_id: int | None
    person: str | None
    status: AttendanceStatus
    deputy_name: str


@dataclass(frozen=True)
class QuorumCheck:
    met: bool
    present: int  # organisations present, deputies included
    required: int  # 0: the series has no quorum rule
    sentence: str
    recorded: bool = True  # False: no attendance recorded yet, so not known

    def __iter__(self):
        """Unpacks as (met, present, required, sentence)."""
        return iter((self.met, self.present, self.required, self.sentence))

    @property
    def short(self) -> str:
        """ "quorate (12; quorum 6)", for a list."""
        if self.required <= 0:
            return "no quorum rule"
        if not self.recorded:
            return f"quorum {self.required}"
        verdict = "quorate" if self.met else "NOT quorate"
        return f"{verdict} ({self.present}; quorum {self.required})"


def quorum_check(statuses: Iterable[AttendanceStatus], required: int) -> QuorumCheck:
    counts = Counter(statuses)
    present = counts[AttendanceStatus.PRESENT] + counts[AttendanceStatus.DEPUTY]
    orgs = "organisation" if present == 1 else "organisations"
    deputies = counts[AttendanceStatus.DEPUTY]
    who = f"{present} {orgs} present" + (f" ({deputies} by a deputy)" if deputies else "")
    if required <= 0:
        return QuorumCheck(True, present, 0, f"No quorum rule for this series; {who}.")
    if not counts:
        return QuorumCheck(
            False, 0, required, f"No attendance recorded yet; the quorum is {required}.", False
        )
    met = present >= required
    verdict = "Quorate" if met else "Not quorate"
    return QuorumCheck(met, present, required, f"{verdict}: {who}; the quorum is {required}.")


def attendance_summary(statuses: Iterable[AttendanceStatus]) -> str:
    """ "8 present, 1 deputy, 3 apologies" in a fixed order; "No attendance recorded"."""
    counts = Counter(statuses)
    parts = []
    for status, one, many in (
        (AttendanceStatus.PRESENT, "present", "present"),
        (AttendanceStatus.DEPUTY, "deputy", "deputies"),
        (AttendanceStatus.APOLOGIES, "apologies", "apologies"),
        (AttendanceStatus.ABSENT, "absent", "absent"),
    ):
        if n := counts[status]:
            parts.append(f"{n} {one if n == 1 else many}")
    return ", ".join(parts) or "No attendance recorded"


def quorum(db: Database, meeting_id: int) -> QuorumCheck:
    with db.session() as s:
        required = s.scalar(
            select(MeetingSeries.quorum)
            .join(Meeting, Meeting.series_id == MeetingSeries.id)
            .where(Meeting.id == meeting_id)
        )
        if required is None:
            raise NetworkError("That meeting no longer exists: someone has deleted it.")
        statuses = s.scalars(select(Attendance.status).where(Attendance.meeting_id == meeting_id))
        return quorum_check([AttendanceStatus(x) for x in statuses], required)


def list_attendance(db: Database, meeting_id: int) -> list[AttendanceRow]:
    with db.session() as s:
        return attendance_rows(s, meeting_id)


def attendance_rows(s, meeting_id: int) -> list[AttendanceRow]:
    rows = s.execute(
        select(Attendance, Organisation.name, Person.name)
        .join(Organisation, Organisation.id == Attendance.organisation_id)
        .outerjoin(Person, Person.id == Attendance.person_id)
        .where(Attendance.meeting_id == meeting_id)
        .order_by(Organisation.name)
    ).all()
    return [
        AttendanceRow(
            id=a.id,
            version=a.version,
            organisation_id=a.organisation_id,
            organisation=org,
            person_id=a.person_id,
            person=person,
            status=AttendanceStatus(a.status),
            deputy_name=a.deputy_name,
        )
        for a, org, person in rows
    ]


def set_attendance(
    db: Database,
    meeting_id: int,
    organisation_id: int,
    status: AttendanceStatus,
    *,
    person_id: int | None = None,
    deputy_name: str = "",
    version: int | None = None,
) -> AttendanceRow:
    """Record an organisation's attendance. `version` is the row's version as the editor read
    it, None if it showed no row: a row someone else added or changed meanwhile is a conflict."""
    deputy_name = " ".join(deputy_name.split())
    status = AttendanceStatus(status)  # a plain "deputy" from a combo box is checked the same
    if status is AttendanceStatus.DEPUTY and not deputy_name:
        raise NetworkError("Name the deputy who attended for the organisation.")
    if status is not AttendanceStatus.DEPUTY:
        deputy_name = ""
    with db.session() as s:
        meeting = locked_meeting(s, meeting_id)
        require_status(meeting, RECORD_OPEN, "change the attendance")
        org = s.get(Organisation, organisation_id)
        if org is None:
            raise NetworkError("That organisation no longer exists: someone has deleted it.")
        what = f"The attendance of {org.name}"
        row = s.scalars(
            select(Attendance).where(
                Attendance.meeting_id == meeting_id, Attendance.organisation_id == organisation_id
            )
        ).first()
        if row is None:
            if version is not None:  # the editor showed a row that has gone since
                raise EditConflict(what, LastChange("someone else", None, deleted=True))
            row = Attendance(meeting_id=meeting_id, organisation_id=organisation_id)
            s.add(row)
        elif version is None:
            raise EditConflict(what, last_change(s, Attendance.__tablename__, row.id))
        else:
            check_version(s, row, Attendance, row.id, version, what)
        row.status, row.person_id, row.deputy_name = status, person_id, deputy_name
        s.flush()
        return next(r for r in attendance_rows(s, meeting_id) if r.id == row.id)


def remove_attendance(db: Database, attendance_id: int, version: int) -> None:
    with db.session() as s:
        row = s.get(Attendance, attendance_id)
        check_version(s, row, Attendance, attendance_id, version, "The attendance entry")
        require_status(locked_meeting(s, row.meeting_id), RECORD_OPEN, "change the attendance")
        s.delete(row)
