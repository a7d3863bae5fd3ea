"""Changing the best-practice library without overwriting anyone.

Every change to an existing entry is made on top of the version the user opened: a save (of
its text or its links) or a delete on top of someone else's is refused with EditConflict
naming them. A deletion returns everything needed to put the entry back exactly (undo).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from sqlalchemy import select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from ..db.base import utcnow
from ..db.database import Database
from ..db.models import (
    ActionItem,
    Force,
    Meeting,
    Organisation,
    Practice,
    PracticeAction,
    PracticeDocument,
    PracticeForce,
    PracticeMeeting,
    ReturnText,
)
from ..domain.enums import PracticeStatus, PracticeTheme
from .editing import EditConflict, LastChange, Saved, check_version
from .errors import NetworkError
from .practices_links import LINK_FIELDS, write_links
from .practices_query import load_practice
from .practices_types import DeletedPractice, PracticeDraft, PracticeRow

TITLE_MAX = 300
NAME_MAX = 200
FIELDS = {
    "title",
    "theme",
    "status",
    "organisation_id",
    "organisation_name",
    "summary",
    "what_was_done",
    "outcomes",
    "contacts",
    "started_on",
    "ended_on",
    "added_on",
}
EDITABLE = FIELDS | set(LINK_FIELDS)
TEXTS = ("summary", "what_was_done", "outcomes", "contacts")


def _check_title(title: str) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise NetworkError("Give the practice entry a title.")
    if len(title) > TITLE_MAX:
        raise NetworkError(f"The title is {len(title)} characters long; keep it to {TITLE_MAX}.")
    return title


def _clean(s: Session, values: dict[str, object]) -> dict[str, object]:
    """The values as stored, or NetworkError in words a user can act on."""
    if "title" in values:
        values["title"] = _check_title(str(values["title"] or ""))
    if "theme" in values:
        values["theme"] = PracticeTheme(values["theme"])
    if "status" in values:
        values["status"] = PracticeStatus(values["status"])
    if "organisation_name" in values:
        name = " ".join(str(values["organisation_name"] or "").split())
        if len(name) > NAME_MAX:
            raise NetworkError(f"The organisation's name is too long: keep it to {NAME_MAX}.")
        values["organisation_name"] = name
    org = values.get("organisation_id")
    if org is not None and s.get(Organisation, org) is None:
        raise NetworkError("That organisation no longer exists: choose another.")
    for name in TEXTS:
        if name in values:
            values[name] = str(values[name] or "").strip()
    if "added_on" in values and values["added_on"] is None:
        raise NetworkError("Say when the entry was added to the library.")
    return values


def _check_dates(row: Practice) -> None:
    if row.started_on and row.ended_on and row.ended_on < row.started_on:
        raise NetworkError("The practice cannot end before it started: check the dates.")


def create_practice(db: Database, draft: PracticeDraft, today: date | None = None) -> PracticeRow:
    """Add an entry with its links; added today by the database's user unless it says when."""
    values = {name: getattr(draft, name) for name in FIELDS}
    values["added_on"] = draft.added_on or today or date.today()
    links = {name: getattr(draft, name) for name in LINK_FIELDS}
    with db.session() as s:
        row = Practice(
            **_clean(s, values),
            added_by=db.user,
            source_return_text_id=draft.source_return_text_id,
            is_demo=draft.is_demo,
        )
        _check_dates(row)
        s.add(row)
        s.flush()
        write_links(s, row, links)
        return load_practice(s, row.id)


def _what(db: Database, practice_id: int) -> str:
    with db.session() as s:
        title = s.scalar(select(Practice.title).where(Practice.id == practice_id))
    return f"The practice entry “{title}”" if title else "This practice entry"


def edit_practice(
    db: Database, practice_id: int, version: int, changes: Mapping[str, object]
) -> Saved:
    """Save the user's changes to the entry and its links if nobody saved it since `version`;
    else EditConflict. Only what differs is written."""
    unknown = set(changes) - EDITABLE
    if unknown:
        raise ValueError(f"These cannot be changed here: {', '.join(sorted(unknown))}.")
    what = _what(db, practice_id)
    fields = {k: v for k, v in changes.items() if k in FIELDS}
    try:
        with db.session() as s:
            row = check_version(
                s, s.get(Practice, practice_id), Practice, practice_id, version, what, tuple(fields)
            )
            changed = []
            for name, value in _clean(s, dict(fields)).items():
                if getattr(row, name) != value:
                    setattr(row, name, value)
                    changed.append(name)
            _check_dates(row)
            linked = write_links(s, row, {k: v for k, v in changes.items() if k in LINK_FIELDS})
            if linked and not changed:
                row.updated_at = utcnow()  # an UPDATE, so the version moves on
            s.flush()
            return Saved(row.id, row.version, (*changed, *linked))
    except StaleDataError:
        with db.session() as s:  # saved by someone else between our check and our UPDATE
            check_version(s, s.get(Practice, practice_id), Practice, practice_id, version, what)
        raise EditConflict(what, LastChange("someone else", None)) from None  # pragma: no cover


def _columns(obj: object) -> dict[str, object]:
    return {c.key: getattr(obj, c.key) for c in obj.__mapper__.column_attrs}


def delete_practice(db: Database, practice_id: int, version: int) -> DeletedPractice:
    """Delete the entry with its links; what is returned puts it all back (restore_practice)."""
    what = _what(db, practice_id)
    try:
        with db.session() as s:
            row = check_version(
                s, s.get(Practice, practice_id), Practice, practice_id, version, what
            )

            def linked(model, column) -> tuple[int, ...]:
                return tuple(
                    s.scalars(
                        select(getattr(model, column)).where(model.practice_id == practice_id)
                    )
                )

            deleted = DeletedPractice(
                id=row.id,
                title=row.title,
                values=_columns(row),
                documents=tuple(_columns(d) for d in row.documents),
                force_ids=linked(PracticeForce, "force_id"),
                action_ids=linked(PracticeAction, "action_id"),
                meeting_ids=linked(PracticeMeeting, "meeting_id"),
            )
            s.delete(row)  # its links go with it (ON DELETE CASCADE)
            s.flush()
            return deleted
    except StaleDataError:
        with db.session() as s:
            check_version(s, s.get(Practice, practice_id), Practice, practice_id, version, what)
        raise  # pragma: no cover - the version moved, so check_version raised


def _still_there(s: Session, model: type, ids: tuple[int, ...]) -> list[int]:
    if not ids:
        return []
    found = set(s.scalars(select(model.id).where(model.id.in_(ids))))
    return [i for i in ids if i in found]


def restore_practice(db: Database, deleted: DeletedPractice) -> Saved:
    """Undo a deletion: the same id, values, version, documents and links. Links to what has
    gone since (a deleted action or meeting) are left out."""
    with db.session() as s:
        if s.get(Practice, deleted.id) is not None:
            raise NetworkError(
                f"{deleted.describe()} cannot be put back: an entry with its number exists again."
            )
        values = dict(deleted.values)
        gone_ok = (("organisation_id", Organisation), ("source_return_text_id", ReturnText))
        for name, model in gone_ok:
            if values.get(name) is not None and s.get(model, values[name]) is None:
                values[name] = None
        row = Practice(**values)
        row.documents = [PracticeDocument(**d) for d in deleted.documents]
        s.add(row)
        s.flush()
        s.add_all(
            PracticeForce(practice_id=row.id, force_id=i)
            for i in _still_there(s, Force, deleted.force_ids)
        )
        s.add_all(
            PracticeAction(practice_id=row.id, action_id=i)
            for i in _still_there(s, ActionItem, deleted.action_ids)
        )
        s.add_all(
            PracticeMeeting(practice_id=row.id, meeting_id=i)
            for i in _still_there(s, Meeting, deleted.meeting_ids)
        )
        s.flush()
        # The ORM starts a new row at version 1; put back the version and times it had, so the
        # restored entry is exactly the deleted one (a Core UPDATE: no version check).
        keep = {k: values[k] for k in ("version", "created_at", "updated_at")}
        table = Practice.__table__
        s.connection().execute(update(table).where(table.c.id == deleted.id).values(keep))
        return Saved(deleted.id, values["version"], ())
