"""Changing the action log without overwriting anyone.

Every change to an existing action is made on top of the version the user opened: a save (or
update, override, delete) on top of someone else's is refused with EditConflict naming them.
New references are unique per prefix and year; two people creating at once both get one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from ..db.base import utcnow
from ..db.database import Database
from ..db.models import (
    ActionItem,
    ActionUpdate,
    AgendaItem,
    Force,
    Meeting,
    MeetingSeries,
    Metric,
    Organisation,
    Person,
)
from ..domain.enums import ActionStatus, Priority, Rag
from .actions_query import ActionNotFound, load_row
from .actions_types import DEFAULT_PREFIX, ActionDraft, ActionRow, DeletedAction
from .editing import Saved, check_version, save
from .rag import STATUS_LABELS, load_rag_rule

MAX_ATTEMPTS = 20  # reference clashes to retry: one per person who created at the same moment
TITLE_MAX = 300
EDITABLE = {
    "title",
    "description",
    "owner_person_id",
    "owner_organisation_id",
    "meeting_id",
    "agenda_item_id",
    "force_code",
    "metric_key",
    "due_date",
    "status",
    "priority",
}
_SET_NULL = {  # what a deleted action pointed at may have gone since; undo then leaves it empty
    "owner_person_id": Person,
    "owner_organisation_id": Organisation,
    "meeting_id": Meeting,
    "agenda_item_id": AgendaItem,
}

__all__ = [
    "ActionNotFound",
    "add_update",
    "create_action",
    "delete_action",
    "edit_action",
    "next_reference",
    "override_rag",
    "restore_action",
]


def next_reference(s: Session, prefix: str, year: int) -> str:
    """The next free PREFIX-YEAR-NNN (three digits, more after 999)."""
    stem = f"{prefix}-{year}-"
    taken = s.scalars(
        select(ActionItem.reference).where(ActionItem.reference.startswith(stem, autoescape=True))
    ).all()
    pattern = re.compile(re.escape(stem) + r"(\d+)$")
    numbers = [int(m.group(1)) for r in taken if (m := pattern.match(r))]
    return f"{stem}{max(numbers, default=0) + 1:03d}"


def _prefix(s: Session, meeting_id: int | None) -> str:
    if meeting_id is None:
        return DEFAULT_PREFIX
    prefix = s.scalar(
        select(MeetingSeries.action_prefix)
        .join(Meeting, Meeting.series_id == MeetingSeries.id)
        .where(Meeting.id == meeting_id)
    )
    return (prefix or "").strip() or DEFAULT_PREFIX


def _check_title(title: str) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise ValueError("Give the action a title.")
    if len(title) > TITLE_MAX:
        raise ValueError(f"The title is {len(title)} characters long; keep it to {TITLE_MAX}.")
    return title


def _force_id(s: Session, code: str | None) -> int | None:
    if not code:
        return None
    force_id = s.scalar(select(Force.id).where(Force.code == code))
    if force_id is None:
        raise ValueError(f'There is no force with the code "{code}".')
    return force_id


def _metric_id(s: Session, key: str | None) -> int | None:
    if not key:
        return None
    metric_id = s.scalar(select(Metric.id).where(Metric.key == key))
    if metric_id is None:
        raise ValueError(f'There is no figure called "{key}" in the returns.')
    return metric_id


def _links(s: Session, values: dict[str, object]) -> dict[str, object]:
    """Fill in what follows from what was chosen: an agenda item's meeting, an owner's
    organisation. An agenda item from another meeting is refused."""
    item_id = values.get("agenda_item_id")
    if item_id is not None:
        item_meeting = s.scalar(select(AgendaItem.meeting_id).where(AgendaItem.id == item_id))
        if item_meeting is None:
            raise ValueError("That agenda item no longer exists.")
        if values.get("meeting_id") is None:
            values["meeting_id"] = item_meeting
        elif values["meeting_id"] != item_meeting:
            raise ValueError("That agenda item belongs to a different meeting.")
    elif "meeting_id" in values and "agenda_item_id" not in values:
        values["agenda_item_id"] = None  # another meeting: the old item is not one of its own
    person_id = values.get("owner_person_id")
    if person_id is not None and values.get("owner_organisation_id") is None:
        org_id = s.scalar(select(Person.organisation_id).where(Person.id == person_id))
        if org_id is not None:
            values["owner_organisation_id"] = org_id
    return values


def create_action(db: Database, draft: ActionDraft, today: date | None = None) -> ActionRow:
    """Add an action with the next reference of its meeting's series for this year."""
    today = today or date.today()
    title = _check_title(draft.title)
    for _attempt in range(MAX_ATTEMPTS):
        reference = ""
        try:
            with db.session() as s:
                values = _links(
                    s,
                    {
                        "meeting_id": draft.meeting_id,
                        "agenda_item_id": draft.agenda_item_id,
                        "owner_person_id": draft.owner_person_id,
                        "owner_organisation_id": draft.owner_organisation_id,
                    },
                )
                reference = next_reference(s, _prefix(s, values["meeting_id"]), today.year)
                action = ActionItem(
                    reference=reference,
                    title=title,
                    description=draft.description.strip(),
                    force_id=_force_id(s, draft.force_code),
                    metric_id=_metric_id(s, draft.metric_key),
                    due_date=draft.due_date,
                    status=ActionStatus(draft.status),
                    priority=Priority(draft.priority),
                    **values,
                )
                s.add(action)
                s.flush()
                return load_row(s, action.id, today, load_rag_rule(db))
        except IntegrityError:
            # Someone took the same reference between our read and our write: take the next.
            if not reference or not _reference_exists(db, reference):
                raise
    raise RuntimeError(
        "No free action reference could be found: many people are adding actions at once. "
        "Try again."
    )


def _reference_exists(db: Database, reference: str) -> bool:
    with db.session() as s:
        return s.scalar(select(ActionItem.id).where(ActionItem.reference == reference)) is not None


def _what(db: Database, action_id: int) -> str:
    with db.session() as s:
        reference = s.scalar(select(ActionItem.reference).where(ActionItem.id == action_id))
    return f"Action {reference}" if reference else "This action"


def edit_action(db: Database, action_id: int, version: int, changes: Mapping[str, object]) -> Saved:
    """Save the user's changes if nobody saved the action since `version`; else EditConflict."""
    unknown = set(changes) - EDITABLE
    if unknown:
        raise ValueError(f"These cannot be changed here: {', '.join(sorted(unknown))}.")
    values = dict(changes)
    with db.session() as s:
        if "title" in values:
            values["title"] = _check_title(str(values["title"]))
        if "description" in values:
            values["description"] = str(values["description"] or "").strip()
        if "force_code" in values:
            values["force_id"] = _force_id(s, values.pop("force_code"))
        if "metric_key" in values:
            values["metric_id"] = _metric_id(s, values.pop("metric_key"))
        if "status" in values:
            values["status"] = ActionStatus(values["status"])
        if "priority" in values:
            values["priority"] = Priority(values["priority"])
        values = _links(s, values)
    return save(db, ActionItem, action_id, version, values, _what(db, action_id))


def _current(s: Session, action_id: int, version: int, what: str) -> ActionItem:
    return check_version(s, s.get(ActionItem, action_id), ActionItem, action_id, version, what)


def _stamp(today: date) -> datetime:
    """Now, on `today` (the fixed day in tests; the real one otherwise)."""
    now = utcnow()
    return now if now.date() == today else datetime.combine(today, now.time())


def add_update(
    db: Database,
    action_id: int,
    version: int,
    text: str,
    new_status: ActionStatus | None = None,
    today: date | None = None,
) -> Saved:
    """Add a dated entry to the action's log, by the database's user, optionally changing its
    status. The action's version moves on, so an editor holding the old one is refused."""
    today = today or date.today()
    text = (text or "").strip()
    new_status = ActionStatus(new_status) if new_status is not None else None
    what = _what(db, action_id)
    try:
        with db.session() as s:
            row = check_version(
                s, s.get(ActionItem, action_id), ActionItem, action_id, version, what
            )
            if new_status == row.status:
                new_status = None  # not a change
            if not text and new_status is None:
                raise ValueError("Write what has happened, or choose a new status.")
            if not text:
                text = f"Status changed to {STATUS_LABELS[new_status].lower()}."
            s.add(
                ActionUpdate(
                    action_id=action_id,
                    made_at=_stamp(today),
                    made_by=db.user,
                    text=text,
                    new_status=new_status,
                )
            )
            if new_status is not None:
                row.status = new_status
            row.updated_at = utcnow()  # an UPDATE, so the version moves on
            s.flush()
            changed = ("status",) if new_status is not None else ()
            return Saved(row.id, row.version, changed)
    except StaleDataError:
        with db.session() as s:
            _current(s, action_id, version, what)
        raise  # pragma: no cover - the version moved, so check_version raised


def override_rag(
    db: Database, action_id: int, version: int, rag: Rag | None, note: str = ""
) -> Saved:
    """Set the RAG by hand (a note saying why is required), or go back to the computed one."""
    note = (note or "").strip()
    if rag is not None and not note:
        raise ValueError("Say why the RAG is set by hand: a note is needed.")
    changes = {"rag_override": Rag(rag) if rag else None, "rag_override_note": note if rag else ""}
    return save(db, ActionItem, action_id, version, changes, _what(db, action_id))


def _columns(obj: object) -> dict[str, object]:
    return {c.key: getattr(obj, c.key) for c in obj.__mapper__.column_attrs}


def delete_action(db: Database, action_id: int, version: int) -> DeletedAction:
    """Delete the action and its log; what is returned puts it all back (restore_action)."""
    what = _what(db, action_id)
    try:
        with db.session() as s:
            row = check_version(
                s, s.get(ActionItem, action_id), ActionItem, action_id, version, what
            )
            deleted = DeletedAction(
                id=row.id,
                reference=row.reference,
                title=row.title,
                values=_columns(row),
                updates=tuple(_columns(u) for u in row.updates),
            )
            s.delete(row)
            s.flush()
            return deleted
    except StaleDataError:
        with db.session() as s:
            _current(s, action_id, version, what)
        raise  # pragma: no cover


def restore_action(db: Database, deleted: DeletedAction) -> Saved:
    """Undo a deletion: the same id, reference, values and log of updates."""
    with db.session() as s:
        if s.get(ActionItem, deleted.id) is not None or s.scalar(
            select(ActionItem.id).where(ActionItem.reference == deleted.reference)
        ):
            raise ValueError(
                f"{deleted.describe()} cannot be put back: an action with its number or "
                "reference exists again."
            )
        values = dict(deleted.values)
        for name, model in _SET_NULL.items():
            if values.get(name) is not None and s.get(model, values[name]) is None:
                values[name] = None
        action = ActionItem(**values)
        action.updates = [ActionUpdate(**u) for u in deleted.updates]
        s.add(action)
        s.flush()
        # The ORM starts a new row at version 1; put back the version and times it had, so the
        # restored action is exactly the deleted one (a Core UPDATE: no version check).
        keep = {k: values[k] for k in ("version", "created_at", "updated_at")}
        s.connection().execute(
            update(ActionItem.__table__).where(ActionItem.__table__.c.id == deleted.id).values(keep)
        )
        return Saved(deleted.id, values["version"], ())
