"""`editing.save` with a rule checked in the same transaction: minutes may be edited only while
draft or circulated, so an approval that lands first must make the save fail, not slip past."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from ..db.database import Database
from ..db.models import Meeting
from ..domain.enums import MinutesStatus
from .editing import EditConflict, LastChange, Saved, check_version
from .errors import NetworkError
from .labels import MINUTES_STATUS, meeting_label

Guard = Callable[[Session, object], None]

# What may change at each status of the minutes.
AGENDA_OPEN = (MinutesStatus.DRAFT,)
RECORD_OPEN = (MinutesStatus.DRAFT, MinutesStatus.CIRCULATED)  # minutes, attendance, decisions
ERRATA_OPEN = (MinutesStatus.APPROVED, MinutesStatus.LOCKED)


def save_if(
    db: Database,
    model: type,
    row_id: int,
    version: int,
    changes: Mapping[str, object],
    what: str,
    guard: Guard,
) -> Saved:
    """Apply `changes` if nobody saved the row since `version` and `guard` raises nothing."""
    try:
        with db.session() as s:
            row = check_version(
                s, s.get(model, row_id), model, row_id, version, what, tuple(changes)
            )
            guard(s, row)
            changed = []
            for name, value in changes.items():
                if getattr(row, name) != value:
                    setattr(row, name, value)
                    changed.append(name)
            s.flush()
            return Saved(row.id, row.version, tuple(changed))
    except StaleDataError:
        with db.session() as s:  # saved by someone else between our check and our UPDATE
            check_version(s, s.get(model, row_id), model, row_id, version, what, tuple(changes))
        raise  # pragma: no cover - the version moved, so check_version raised


@contextmanager
def stale_is_conflict(
    db: Database, model: type, row_id: int, version: int, what: str
) -> Iterator[None]:
    """A multi-row change that found a row saved by someone else meanwhile (the version
    counter's StaleDataError) is reported like any other conflict."""
    try:
        yield
    except StaleDataError as exc:
        with db.session() as s:
            check_version(s, s.get(model, row_id), model, row_id, version, what)
        raise EditConflict(what, LastChange("someone else", None)) from exc


def locked_meeting(s: Session, meeting_id: int) -> Meeting:
    """The meeting, its row locked until the transaction ends (PostgreSQL; SQLite has one
    writer anyway), so a change of its minutes' status cannot interleave with an edit."""
    meeting = s.get(Meeting, meeting_id, with_for_update=True)
    if meeting is None:
        raise NetworkError("That meeting no longer exists: someone has deleted it.")
    return meeting


def require_status(meeting: Meeting, allowed: tuple[MinutesStatus, ...], doing: str) -> None:
    """Refuse `doing` (e.g. "change the agenda") unless the minutes are at an allowed status."""
    status = MinutesStatus(meeting.minutes_status)
    if status in allowed:
        return
    name = meeting_label(meeting.title, meeting.starts_at)
    if status in ERRATA_OPEN:
        advice = "Record a correction as an erratum instead: approved minutes are never edited."
    else:
        advice = "The agenda can be changed only while the minutes are draft."
    raise NetworkError(
        f"You cannot {doing}: the minutes of {name} are {MINUTES_STATUS[status]}. {advice}"
    )
