"""Saving edits without overwriting anyone: two windows, two app instances on one SQLite file,
or two laptops on the shared PostgreSQL.

An editor opens a row at some `version`. `save` applies the changes only if the row is still
at that version; otherwise it raises EditConflict naming who saved in between and when (from
the audit log), with their values, so the user can reload or keep a copy of their own text.
The check and the write happen in one transaction, and SQLAlchemy's version counter adds
`WHERE version = :old` to the UPDATE, so a save racing between the two is refused as well.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from ..db.database import Database
from ..db.models import AuditEntry
from ..domain.enums import AuditAction
from ..formatting import uk_datetime


@dataclass(frozen=True)
class LastChange:
    who: str
    at: datetime | None
    deleted: bool = False


class EditConflict(Exception):
    """Someone else saved (or deleted) the item after it was opened; nothing was saved."""

    def __init__(
        self, what: str, change: LastChange, theirs: Mapping[str, object] | None = None
    ) -> None:
        self.what = what
        self.change = change
        self.theirs = dict(theirs or {})  # their current values of the fields being saved
        when = f" on {uk_datetime(change.at)}" if change.at else ""
        done = "deleted" if change.deleted else "changed"
        super().__init__(
            f"{what} was {done} by {change.who}{when}, after you opened it. Your changes have "
            "not been saved. Reload to see theirs, or keep a copy of your text."
        )


@dataclass(frozen=True)
class Saved:
    id: int
    version: int
    changed: tuple[str, ...] = field(default_factory=tuple)  # fields whose value changed


def last_change(s: Session, table: str, row_id: int) -> LastChange:
    entry = s.scalars(
        select(AuditEntry)
        .where(AuditEntry.table_name == table, AuditEntry.row_id == row_id)
        .order_by(AuditEntry.id.desc())
        .limit(1)
    ).first()
    if entry is None:
        return LastChange("someone", None)
    return LastChange(entry.who, entry.at, entry.action == AuditAction.DELETE)


def check_version(
    s: Session,
    row: object | None,
    model: type,
    row_id: int,
    version: int,
    what: str,
    fields: tuple[str, ...] = (),
) -> object:
    """The row, if it is still at `version`; else EditConflict."""
    if row is None:
        change = last_change(s, model.__tablename__, row_id)
        raise EditConflict(what, LastChange(change.who, change.at, deleted=True))
    if row.version != version:
        theirs = {f: getattr(row, f) for f in fields}
        raise EditConflict(what, last_change(s, model.__tablename__, row_id), theirs)
    return row


def save(
    db: Database,
    model: type,
    row_id: int,
    version: int,
    changes: Mapping[str, object],
    what: str,
) -> Saved:
    """Apply `changes` to the row if nobody has saved it since `version` was read."""
    try:
        with db.session() as s:
            row = check_version(
                s, s.get(model, row_id), model, row_id, version, what, tuple(changes)
            )
            changed = []
            for name, value in changes.items():
                if getattr(row, name) != value:
                    setattr(row, name, value)
                    changed.append(name)
            s.flush()
            return Saved(row.id, row.version, tuple(changed))
    except StaleDataError:
        # Saved by someone else between our check and our UPDATE: report it like any other.
        with db.session() as s:
            row = s.get(model, row_id)
            check_version(s, row, model, row_id, version, what, tuple(changes))
        raise  # pragma: no cover - the version moved, so check_version raised
