"""An action's history, from the audit log, in words: who changed what, from what, to what."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from ..db.models import (
    ActionItem,
    ActionUpdate,
    AgendaItem,
    AuditEntry,
    Force,
    Meeting,
    Metric,
    Organisation,
    Person,
)
from ..domain.enums import ActionStatus, AuditAction, Priority, Rag
from ..formatting import uk_date
from .actions_types import PRIORITY_LABELS, HistoryEntry
from .rag import RAG_LABELS, STATUS_LABELS

LABELS = {
    "reference": "reference",
    "title": "title",
    "description": "description",
    "owner_person_id": "owner",
    "owner_organisation_id": "organisation",
    "meeting_id": "meeting",
    "agenda_item_id": "agenda item",
    "force_id": "force",
    "metric_id": "figure",
    "due_date": "due date",
    "status": "status",
    "priority": "priority",
    "rag_override": "RAG set by hand",
    "rag_override_note": "note on the RAG",
    "is_demo": "demo flag",
}
LONG_TEXT = {"description", "rag_override_note"}  # said to have changed, not quoted in full
NAMES = {
    "owner_person_id": (Person, Person.name),
    "owner_organisation_id": (Organisation, Organisation.name),
    "meeting_id": (Meeting, Meeting.title),
    "agenda_item_id": (AgendaItem, AgendaItem.title),
    "force_id": (Force, Force.display_name),
    "metric_id": (Metric, Metric.label),
}
QUOTE_MAX = 80


def action_history(
    s: Session, action_id: int, update_ids: Sequence[int]
) -> tuple[HistoryEntry, ...]:
    """Every audit entry about the action and its updates, oldest first."""
    about_action = and_(
        AuditEntry.table_name == ActionItem.__tablename__, AuditEntry.row_id == action_id
    )
    about_updates = and_(
        AuditEntry.table_name == ActionUpdate.__tablename__,
        AuditEntry.row_id.in_(list(update_ids) or [-1]),
    )
    entries = s.scalars(
        select(AuditEntry).where(or_(about_action, about_updates)).order_by(AuditEntry.id)
    ).all()
    # Deleting an action deletes its log, and undoing puts the log back: said once, by the
    # action's own entry, not once per update.
    deletions = [
        e for e in entries if e.table_name == ActionItem.__tablename__ and e.action == "delete"
    ]
    out, deleted, seen = [], False, set()
    for n, e in enumerate(entries):
        details = _json(e.details)
        if _said_by_next(e, details, entries[n + 1 : n + 2]):
            continue
        if e.table_name == ActionItem.__tablename__:
            what = _action_words(s, e.action, details, deleted)
            deleted = e.action == AuditAction.DELETE
        elif e.action == AuditAction.INSERT and e.row_id in seen:
            continue  # put back with the action
        elif e.action == AuditAction.DELETE and any(_together(e, d) for d in deletions):
            continue  # went with the action
        else:
            seen.add(e.row_id)
            what = _update_words(e.action, details)
        if what:
            out.append(HistoryEntry(e.at, e.who, what))
    return tuple(out)


def _together(a: AuditEntry, b: AuditEntry) -> bool:
    """Written by one person in one save (entries of one flush are microseconds apart)."""
    return a.who == b.who and abs((a.at - b.at).total_seconds()) < 2


def _said_by_next(e: AuditEntry, details: dict, following: Sequence[AuditEntry]) -> bool:
    """A status change written with an update that sets the same status: the update says it."""
    if e.table_name != ActionItem.__tablename__ or e.action != AuditAction.UPDATE:
        return False
    if set(details) != {"status"} or not following:
        return False
    nxt = following[0]
    return (
        nxt.table_name == ActionUpdate.__tablename__
        and nxt.action == AuditAction.INSERT
        and nxt.who == e.who
        and _json(nxt.details).get("new_status") == details["status"][1]
    )


def _json(text: str) -> dict:
    try:
        data = json.loads(text or "{}")
    except json.JSONDecodeError:
        return {}
    return data if isinstance(data, dict) else {}


def _action_words(s: Session, action: AuditAction, details: dict, after_delete: bool) -> str:
    if action == AuditAction.INSERT:
        ref = details.get("reference", "")
        return f"Put back {ref} (deletion undone)" if after_delete else f"Created {ref}"
    if action == AuditAction.DELETE:
        return f"Deleted {details.get('reference', 'the action')}"
    parts = []
    for name, change in details.items():
        if name not in LABELS or not isinstance(change, list) or len(change) != 2:
            continue
        old, new = change
        if name == "rag_override":
            parts.append(
                f"set the RAG by hand to {_value(s, name, new)}"
                if new
                else "removed the RAG set by hand"
            )
        elif name in LONG_TEXT:
            parts.append(f"changed the {LABELS[name]}")
        else:
            parts.append(
                f"changed the {LABELS[name]} from {_value(s, name, old)} to {_value(s, name, new)}"
            )
    text = "; ".join(parts)
    return text[:1].upper() + text[1:]


def _update_words(action: AuditAction, details: dict) -> str:
    if action == AuditAction.INSERT:
        text = _quote(details.get("text") or "")
        status = details.get("new_status")
        said = f"Added an update: {text}" if text else "Added an update"
        return f"{said}, status set to {_label(ActionStatus, status)}" if status else said
    return "Removed an update" if action == AuditAction.DELETE else "Changed an update"


def _quote(text: str) -> str:
    text = " ".join(str(text).split())
    if not text:
        return ""
    return f"“{text if len(text) <= QUOTE_MAX else text[: QUOTE_MAX - 1] + '…'}”"


def _label(enum_cls: type, value: object) -> str:
    labels = {ActionStatus: STATUS_LABELS, Priority: PRIORITY_LABELS, Rag: RAG_LABELS}[enum_cls]
    try:
        return labels[enum_cls(value)]
    except ValueError:
        return str(value)


def _value(s: Session, name: str, value: object) -> str:
    if value is None or value == "":
        return "none"
    if name == "status":
        return _label(ActionStatus, value)
    if name == "priority":
        return _label(Priority, value)
    if name == "rag_override":
        return _label(Rag, value)
    if name == "due_date":
        try:
            return uk_date(date.fromisoformat(str(value)))
        except ValueError:
            return str(value)
    if name in NAMES:
        model, column = NAMES[name]
        found = s.scalar(select(column).where(model.id == value))
        return f"“{found}”" if found else f"one since removed (number {value})"
    return _quote(str(value))
