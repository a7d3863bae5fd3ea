"""Minutes: written per agenda item, then draft → circulated → approved → locked.

Approval is recorded against the later meeting of the same series that approved them. From then
on the text is never edited: a correction is a dated erratum saying who made it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from ..db.database import Database
from ..db.models import AgendaItem, Meeting, MinuteErratum
from ..domain.enums import MinutesStatus
from ..formatting import uk_date
from . import editing
from .editing import check_version
from .errors import MinutesStateError, NetworkError
from .guarded import ERRATA_OPEN, RECORD_OPEN, locked_meeting, require_status, save_if
from .labels import MINUTES_STATUS, meeting_label

D, C, A, L = (
    MinutesStatus.DRAFT,
    MinutesStatus.CIRCULATED,
    MinutesStatus.APPROVED,
    MinutesStatus.LOCKED,
)
ORDER = (D, C, A, L)
NEXT = {D: C, C: A, A: L}  # the only moves allowed: one step forward
VERB = {C: "circulate", A: "approve", L: "lock"}


@dataclass(frozen=True)
class ErratumRow:
    id: int
    meeting_id: int
    agenda_item_id: int | None
    agenda_position: int | None
    made_on: date
    made_by: str
    text: str


def save_minutes(db: Database, agenda_item_id: int, version: int, html: str) -> editing.Saved:
    """Save an item's minutes if nobody has since, and only while draft or circulated."""

    def guard(s, item: AgendaItem) -> None:
        require_status(locked_meeting(s, item.meeting_id), RECORD_OPEN, "edit the minutes")

    with db.session() as s:
        item = s.get(AgendaItem, agenda_item_id)
        what = f"The minutes of item {item.position}, “{item.title}”," if item else "The minutes"
    return save_if(db, AgendaItem, agenda_item_id, version, {"minutes": html}, what, guard)


def allowed_moves(status: MinutesStatus) -> tuple[MinutesStatus, ...]:
    return (NEXT[status],) if status in NEXT else ()


def set_minutes_status(
    db: Database,
    meeting_id: int,
    version: int,
    new_status: MinutesStatus,
    *,
    approved_at_meeting_id: int | None = None,
    today: date | None = None,
) -> editing.Saved:
    """Move the minutes one step on. Approving needs the later meeting of the same series at
    which they were approved (which must have started by `today`)."""
    new_status = MinutesStatus(new_status)
    with db.session() as s:
        meeting = check_version(
            s, s.get(Meeting, meeting_id), Meeting, meeting_id, version, "The meeting"
        )
        current = MinutesStatus(meeting.minutes_status)
        name = meeting_label(meeting.title, meeting.starts_at)
        if NEXT.get(current) != new_status:
            raise MinutesStateError(_refusal(name, current, new_status))
        changes: dict[str, object] = {"minutes_status": new_status}
        if new_status is A:
            _check_approver(s, meeting, approved_at_meeting_id, today, name)
            changes["approved_at_meeting_id"] = approved_at_meeting_id
        elif approved_at_meeting_id is not None:
            raise MinutesStateError("Only an approval records the meeting that approved them.")
    return editing.save(db, Meeting, meeting_id, version, changes, f"The minutes of {name}")


def circulate_minutes(db: Database, meeting_id: int, version: int) -> editing.Saved:
    return set_minutes_status(db, meeting_id, version, C)


def approve_minutes(
    db: Database, meeting_id: int, version: int, approved_at_meeting_id: int, today: date
) -> editing.Saved:
    return set_minutes_status(
        db, meeting_id, version, A, approved_at_meeting_id=approved_at_meeting_id, today=today
    )


def lock_minutes(db: Database, meeting_id: int, version: int) -> editing.Saved:
    return set_minutes_status(db, meeting_id, version, L)


def _refusal(name: str, current: MinutesStatus, wanted: MinutesStatus) -> str:
    now = f"The minutes of {name} are {MINUTES_STATUS[current]}"
    if current == wanted:
        return f"{now} already."
    if current is L:
        return f"{now}: nothing more can change. Record a correction as an erratum."
    step = NEXT[current]
    if ORDER.index(wanted) < ORDER.index(current):
        return (
            f"{now}: they cannot go back to {MINUTES_STATUS[wanted]}. Corrections to approved "
            "minutes are recorded as errata."
            if current in ERRATA_OPEN
            else f"{now}: they cannot go back to {MINUTES_STATUS[wanted]}; they can still be "
            "edited while circulated."
        )
    return f"{now}: {VERB[step]} them first; they cannot be {MINUTES_STATUS[wanted]} before that."


def _check_approver(
    s, meeting: Meeting, approver_id: int | None, today: date | None, name: str
) -> None:
    if approver_id is None:
        raise MinutesStateError(
            f"Say which later meeting approved the minutes of {name}: minutes are approved by "
            "the next meeting of the series."
        )
    approver = s.get(Meeting, approver_id)
    if approver is None:
        raise MinutesStateError("The meeting chosen as approving the minutes no longer exists.")
    other = meeting_label(approver.title, approver.starts_at)
    if approver.series_id != meeting.series_id:
        raise MinutesStateError(
            f"{other} is in another meeting series: minutes are approved by a later meeting of "
            "their own series."
        )
    if approver.starts_at <= meeting.starts_at:
        raise MinutesStateError(
            f"{other} ({uk_date(approver.starts_at.date())}) is not later than {name} "
            f"({uk_date(meeting.starts_at.date())}): minutes are approved by a later meeting."
        )
    if today is not None and approver.starts_at.date() > today:
        raise MinutesStateError(
            f"{other} is on {uk_date(approver.starts_at.date())}: minutes can be recorded as "
            "approved only once that meeting has taken place."
        )


def approval_candidates(db: Database, meeting_id: int, today: date) -> list[tuple[int, str]]:
    """(id, label) of the later meetings of the series, up to `today`, earliest first."""
    with db.session() as s:
        meeting = s.get(Meeting, meeting_id)
        if meeting is None:
            return []
        rows = s.scalars(
            select(Meeting)
            .where(Meeting.series_id == meeting.series_id, Meeting.starts_at > meeting.starts_at)
            .order_by(Meeting.starts_at)
        )
        return [
            (m.id, f"{meeting_label(m.title, m.starts_at)} ({uk_date(m.starts_at.date())})")
            for m in rows
            if m.starts_at.date() <= today
        ]


def add_erratum(
    db: Database,
    meeting_id: int,
    text: str,
    made_on: date,
    agenda_item_id: int | None = None,
) -> ErratumRow:
    """A dated correction to approved (or locked) minutes, by the database's user."""
    text = text.strip()
    if not text:
        raise NetworkError("Write the correction: the erratum is empty.")
    with db.session() as s:
        meeting = locked_meeting(s, meeting_id)
        if MinutesStatus(meeting.minutes_status) not in ERRATA_OPEN:
            raise NetworkError(
                f"The minutes of {meeting_label(meeting.title, meeting.starts_at)} are "
                f"{MINUTES_STATUS[MinutesStatus(meeting.minutes_status)]}: correct the text "
                "itself. Errata are for minutes already approved."
            )
        position = None
        if agenda_item_id is not None:
            item = s.get(AgendaItem, agenda_item_id)
            if item is None or item.meeting_id != meeting_id:
                raise NetworkError("That agenda item is not part of this meeting.")
            position = item.position
        erratum = MinuteErratum(
            meeting_id=meeting_id,
            agenda_item_id=agenda_item_id,
            made_on=made_on,
            made_by=db.user,
            text=text,
        )
        s.add(erratum)
        s.flush()
        return ErratumRow(erratum.id, meeting_id, agenda_item_id, position, made_on, db.user, text)


def errata_rows(s, meeting_id: int) -> list[ErratumRow]:
    rows = s.execute(
        select(MinuteErratum, AgendaItem.position)
        .outerjoin(AgendaItem, AgendaItem.id == MinuteErratum.agenda_item_id)
        .where(MinuteErratum.meeting_id == meeting_id)
        .order_by(MinuteErratum.made_on, MinuteErratum.id)
    ).all()
    return [
        ErratumRow(e.id, e.meeting_id, e.agenda_item_id, pos, e.made_on, e.made_by, e.text)
        for e, pos in rows
    ]
