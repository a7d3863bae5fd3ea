"""The decisions log, kept apart from the minutes: numbered 1, 2, 3… across all meetings.

The next number is the highest so far plus one. Two people recording at once can both read the
same highest number; the unique constraint on the number refuses the second insert, and it is
simply tried again with the number that is now free.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from ..db.database import Database
from ..db.models import AgendaItem, Decision, Meeting, MeetingSeries
from . import editing
from .errors import NetworkError
from .guarded import RECORD_OPEN, locked_meeting, require_status, save_if

ATTEMPTS = 8  # each retry means someone else took a number: more than a few never happens


@dataclass(frozen=True)
class DecisionRow:
    id: int
    version: int
    number: int
    meeting_id: int
    meeting_title: str
    meeting_starts_at: datetime
    series: str
    agenda_item_id: int | None
    agenda_position: int | None
    decided_on: date
    text: str


def _next_number(s: Session) -> int:
    return (s.scalar(select(func.max(Decision.number))) or 0) + 1


def record_decision(
    db: Database, meeting_id: int, agenda_item_id: int | None, text: str, decided_on: date
) -> DecisionRow:
    """Add a decision to the log with the next number; refused once the minutes are approved."""
    text = text.strip()
    if not text:
        raise NetworkError("Write the decision: the text is empty.")
    for attempt in range(ATTEMPTS):
        number = 0
        try:
            with db.session() as s:
                meeting = locked_meeting(s, meeting_id)
                require_status(meeting, RECORD_OPEN, "record a decision")
                if agenda_item_id is not None:
                    item = s.get(AgendaItem, agenda_item_id)
                    if item is None or item.meeting_id != meeting_id:
                        raise NetworkError("That agenda item is not part of this meeting.")
                number = _next_number(s)
                decision = Decision(
                    number=number,
                    meeting_id=meeting_id,
                    agenda_item_id=agenda_item_id,
                    decided_on=decided_on,
                    text=text,
                )
                s.add(decision)
                s.flush()
                return decision_rows(s, Decision.id == decision.id)[0]
        except (IntegrityError, OperationalError) as exc:
            # IntegrityError: the number was taken meanwhile (PostgreSQL, or SQLite between
            # our read and our write). OperationalError: SQLite refused our write because
            # another one landed after we read.
            if isinstance(exc, OperationalError) and db.backend != "sqlite":
                raise
            if isinstance(exc, IntegrityError) and not _taken(db, number):
                raise  # some other constraint: not a race for the number
            if attempt == ATTEMPTS - 1:
                raise NetworkError(
                    "The decision could not be numbered: others kept recording decisions at "
                    "the same moment. Try again."
                ) from exc
    raise AssertionError("unreachable")  # pragma: no cover


def _taken(db: Database, number: int) -> bool:
    with db.session() as s:
        return s.scalar(select(Decision.id).where(Decision.number == number)) is not None


def edit_decision(db: Database, decision_id: int, version: int, text: str) -> editing.Saved:
    """Correct a decision's wording while the minutes are draft or circulated."""
    text = text.strip()
    if not text:
        raise NetworkError("Write the decision: the text is empty.")

    def guard(s: Session, decision: Decision) -> None:
        require_status(locked_meeting(s, decision.meeting_id), RECORD_OPEN, "edit a decision")

    return save_if(db, Decision, decision_id, version, {"text": text}, "The decision", guard)


def list_decisions(
    db: Database, *, meeting_id: int | None = None, series_id: int | None = None
) -> list[DecisionRow]:
    """The log, newest number first; of one meeting or one series when asked."""
    with db.session() as s:
        where = []
        if meeting_id is not None:
            where.append(Decision.meeting_id == meeting_id)
        if series_id is not None:
            where.append(Meeting.series_id == series_id)
        return decision_rows(s, *where)


def decision_rows(s: Session, *where) -> list[DecisionRow]:
    rows = s.execute(
        select(Decision, Meeting.title, Meeting.starts_at, MeetingSeries.name, AgendaItem.position)
        .join(Meeting, Meeting.id == Decision.meeting_id)
        .join(MeetingSeries, MeetingSeries.id == Meeting.series_id)
        .outerjoin(AgendaItem, AgendaItem.id == Decision.agenda_item_id)
        .where(*where)
        .order_by(Decision.number.desc())
    ).all()
    return [
        DecisionRow(
            id=d.id,
            version=d.version,
            number=d.number,
            meeting_id=d.meeting_id,
            meeting_title=title,
            meeting_starts_at=starts_at,
            series=series,
            agenda_item_id=d.agenda_item_id,
            agenda_position=position,
            decided_on=d.decided_on,
            text=d.text,
        )
        for d, title, starts_at, series, position in rows
    ]
