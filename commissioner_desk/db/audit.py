"""Write every change to audited models into the audit log, in the same transaction.

Hooked on the session's flush, so no code path can change a row without a record of who and
when. Bulk writes (Core inserts of thousands of observations) bypass the ORM; they call
`record_bulk` instead, one entry per batch.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from enum import Enum

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session

from ..domain.enums import AuditAction
from .base import Audited, utcnow
from .models.audit import AuditEntry

_SKIP = {"created_at", "updated_at", "version"}


def _plain(value: object) -> object:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def _changes(obj: object) -> dict[str, list[object]]:
    out: dict[str, list[object]] = {}
    state = inspect(obj)
    for attr in state.mapper.column_attrs:
        if attr.key in _SKIP:
            continue
        hist = state.attrs[attr.key].history
        if hist.has_changes():
            old = hist.deleted[0] if hist.deleted else None
            new = hist.added[0] if hist.added else None
            out[attr.key] = [_plain(old), _plain(new)]
    return out


def _snapshot(obj: object) -> dict[str, object]:
    state = inspect(obj)
    return {
        a.key: _plain(getattr(obj, a.key)) for a in state.mapper.column_attrs if a.key not in _SKIP
    }


def who(session: Session) -> str:
    return session.info.get("user", "unknown")


def install(session_factory: type[Session] | object) -> None:
    """Attach the audit hooks to a sessionmaker."""

    @event.listens_for(session_factory, "before_flush")
    def _collect(session: Session, _ctx: object, _instances: object) -> None:
        pending = session.info["_audit_pending"] = []  # drop what a failed flush left behind
        for obj in session.dirty:
            if isinstance(obj, Audited) and session.is_modified(obj, include_collections=False):
                changes = _changes(obj)
                if changes:
                    pending.append((AuditAction.UPDATE, obj, changes))
        for obj in session.deleted:
            if isinstance(obj, Audited):
                pending.append((AuditAction.DELETE, obj, _snapshot(obj)))
        for obj in session.new:
            if isinstance(obj, Audited):
                pending.append((AuditAction.INSERT, obj, None))

    @event.listens_for(session_factory, "after_flush")
    def _write(session: Session, _ctx: object) -> None:
        pending = session.info.pop("_audit_pending", [])
        if not pending:
            return
        rows = []
        for action, obj, details in pending:
            if details is None:  # insert: ids exist only after the flush
                details = _snapshot(obj)
            rows.append(
                {
                    "at": utcnow(),
                    "who": who(session),
                    "action": action,
                    "table_name": obj.__tablename__,
                    "row_id": inspect(obj).mapper.primary_key_from_instance(obj)[0],
                    "details": json.dumps(details, default=str),
                }
            )
        session.execute(insert(AuditEntry), rows)


def record_bulk(session: Session, table_name: str, summary: dict[str, object]) -> None:
    session.add(
        AuditEntry(
            who=who(session),
            action=AuditAction.BULK,
            table_name=table_name,
            row_id=None,
            details=json.dumps(summary, default=str),
        )
    )
