"""Reading the best-practice library: filtered lists (theme, force, date added, draft or
published, and full-text search as the Find dialog does it) and one entry in full.

One short session per call; entries leave as frozen PracticeRow with their links, never as
ORM objects.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from ..db.database import Database
from ..db.models import Force, Organisation, Practice, PracticeForce
from ..formatting import uk_datetime
from .editing import last_change
from .practices_links import (
    Links,
    PracticeMention,
    load_links,
    practices_for_action,
    practices_for_meeting,
)
from .practices_types import PracticeFilter, PracticeRow

SEARCH_LIMIT = 10_000  # every match: the library is hundreds of entries, not millions


class PracticeNotFound(LookupError):
    """The entry is not there (any more): the message says who deleted it and when."""


def _query() -> Select:
    return select(Practice, Organisation.name).outerjoin(
        Organisation, Organisation.id == Practice.organisation_id
    )


def _filtered(db: Database, f: PracticeFilter) -> Select | None:
    q = _query()
    if f.themes:
        q = q.where(Practice.theme.in_(f.themes))
    if f.status is not None:
        q = q.where(Practice.status == f.status)
    if f.added_from is not None:
        q = q.where(Practice.added_on >= f.added_from)
    if f.added_to is not None:
        q = q.where(Practice.added_on <= f.added_to)
    if f.force_code:
        linked = (
            select(PracticeForce.practice_id)
            .join(Force, Force.id == PracticeForce.force_id)
            .where(Force.code == f.force_code)
        )
        q = q.where(Practice.id.in_(linked))
    from .search import parse_query, search

    if parse_query(f.text):  # only common words ("the"): nothing to look for, so no filter
        hits = search(db, f.text, ("practice",), SEARCH_LIMIT)
        if not hits:
            return None
        q = q.where(Practice.id.in_([h.id for h in hits]))
    # Newest first; the title breaks ties the same way every time.
    return q.order_by(Practice.added_on.desc(), Practice.title, Practice.id)


def _row(p: Practice, org_name: str | None, links: Links) -> PracticeRow:
    return PracticeRow(
        id=p.id,
        version=p.version,
        title=p.title,
        theme=p.theme,
        status=p.status,
        organisation_id=p.organisation_id,
        organisation_name=p.organisation_name or "",
        organisation=org_name or p.organisation_name or "",
        summary=p.summary or "",
        what_was_done=p.what_was_done or "",
        outcomes=p.outcomes or "",
        contacts=p.contacts or "",
        started_on=p.started_on,
        ended_on=p.ended_on,
        added_on=p.added_on,
        added_by=p.added_by or "",
        source_return_text_id=p.source_return_text_id,
        is_demo=p.is_demo,
        forces=links.forces,
        actions=links.actions,
        meetings=links.meetings,
        documents=links.documents,
    )


def _rows(s: Session, records: Sequence) -> list[PracticeRow]:
    links = load_links(s, [p.id for p, _ in records])
    return [_row(p, org, links[p.id]) for p, org in records]


def list_practices(
    db: Database, practice_filter: PracticeFilter | None = None
) -> list[PracticeRow]:
    """The library as the page shows it: newest first, each entry with its links."""
    with db.session() as s:
        q = _filtered(db, practice_filter or PracticeFilter())
        return [] if q is None else _rows(s, s.execute(q).all())


def load_practice(s: Session, practice_id: int) -> PracticeRow | None:
    record = s.execute(_query().where(Practice.id == practice_id)).first()
    return _rows(s, [record])[0] if record is not None else None


def gone_message(s: Session, practice_id: int) -> str:
    change = last_change(s, Practice.__tablename__, practice_id)
    if change.at is None:
        return f"There is no practice entry number {practice_id}."
    return f"This practice entry was deleted by {change.who} on {uk_datetime(change.at)}."


def practice_row(db: Database, practice_id: int) -> PracticeRow:
    """One entry with its links; PracticeNotFound saying who deleted it when it is gone."""
    with db.session() as s:
        row = load_practice(s, practice_id)
        if row is None:
            raise PracticeNotFound(gone_message(s, practice_id))
        return row


def practices_linked_to(db: Database, action_id: int) -> list[PracticeMention]:
    """The library's entries that link to this action, by title (for the action's detail)."""
    with db.session() as s:
        return practices_for_action(s, action_id)


def practices_presented_at(db: Database, meeting_id: int) -> list[PracticeMention]:
    """The library's entries presented at this meeting, by title (for the meeting's page)."""
    with db.session() as s:
        return practices_for_meeting(s, meeting_id)
