"""Matters arising: every unfinished action raised at an earlier meeting of the same series.

Nothing unfinished disappears: an action stays on the list, meeting after meeting, until it is
done or closed, whatever has happened to the minutes of the meeting that raised it (approved,
locked) and whoever owns it (grouped under "No owner" when nobody does).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape

from sqlalchemy import select
from sqlalchemy.orm import aliased

from ..db.database import Database
from ..db.models import ActionItem, AgendaItem, Meeting, Organisation, Person
from ..domain.enums import ActionStatus
from ..formatting import uk_date
from .errors import NetworkError
from .labels import ACTION_STATUS, FINISHED, minute_reference

NO_OWNER = "No owner"


@dataclass(frozen=True)
class ArisingAction:
    id: int
    reference: str
    title: str
    owner: str | None  # the person
    due_date: date | None
    status: ActionStatus
    meeting_id: int  # the meeting that raised it
    minute_reference: str  # "Meeting of 12/03/2026, item 4"


@dataclass(frozen=True)
class ArisingGroup:
    organisation_id: int | None  # None: no owner organisation
    organisation: str
    actions: tuple[ArisingAction, ...]


@dataclass(frozen=True)
class MattersArising:
    meeting_id: int
    groups: tuple[ArisingGroup, ...]  # by organisation name; "No owner" last

    @property
    def count(self) -> int:
        return sum(len(g.actions) for g in self.groups)


def matters_arising(db: Database, meeting_id: int) -> MattersArising:
    with db.session() as s:
        meeting = s.get(Meeting, meeting_id)
        if meeting is None:
            raise NetworkError("That meeting no longer exists: someone has deleted it.")
        return arising_for(s, meeting)


def arising_for(s, meeting: Meeting) -> MattersArising:
    raised_at = aliased(Meeting)
    person_org = aliased(Organisation)
    owner_org = aliased(Organisation)
    rows = s.execute(
        select(
            ActionItem,
            raised_at.starts_at,
            AgendaItem.position,
            Person.name,
            owner_org.id,
            owner_org.name,
            person_org.id,
            person_org.name,
        )
        .join(raised_at, raised_at.id == ActionItem.meeting_id)
        .outerjoin(AgendaItem, AgendaItem.id == ActionItem.agenda_item_id)
        .outerjoin(Person, Person.id == ActionItem.owner_person_id)
        .outerjoin(owner_org, owner_org.id == ActionItem.owner_organisation_id)
        .outerjoin(person_org, person_org.id == Person.organisation_id)
        .where(
            raised_at.series_id == meeting.series_id,
            raised_at.starts_at < meeting.starts_at,
            ActionItem.status.not_in(FINISHED),
        )
    ).all()
    groups: dict[int | None, tuple[str, list[ArisingAction]]] = {}
    for action, starts_at, position, person, o_id, o_name, p_org_id, p_org_name in rows:
        # The owner organisation; failing that, the owner's own organisation.
        org_id, org_name = (o_id, o_name) if o_id is not None else (p_org_id, p_org_name)
        entry = ArisingAction(
            id=action.id,
            reference=action.reference,
            title=action.title,
            owner=person,
            due_date=action.due_date,
            status=ActionStatus(action.status),
            meeting_id=action.meeting_id,
            minute_reference=minute_reference(starts_at, position),
        )
        groups.setdefault(org_id, (org_name or NO_OWNER, []))[1].append(entry)
    ordered = sorted(groups.items(), key=lambda kv: (kv[0] is None, kv[1][0].casefold()))
    return MattersArising(
        meeting.id,
        tuple(
            ArisingGroup(org_id, name, tuple(sorted(actions, key=_action_order)))
            for org_id, (name, actions) in ordered
        ),
    )


def _action_order(a: ArisingAction) -> tuple:
    return (a.due_date is None, a.due_date or date.min, a.reference)


def arising_html(arising: MattersArising, as_at: date) -> str:
    """The list as minutes text (the HTML subset), for the "Matters arising" agenda item."""
    if not arising.groups:
        return f"<p>No open actions from earlier meetings, as at {uk_date(as_at)}.</p>"
    n = arising.count
    parts = [
        f"<p>{n} open action{'s' if n != 1 else ''} from earlier meetings, as at "
        f"{uk_date(as_at)}, by owner organisation.</p>"
    ]
    for group in arising.groups:
        parts.append(f"<p><b>{escape(group.organisation)}</b></p><ul>")
        for a in group.actions:
            parts.append(f"<li>{escape(describe(a))}</li>")
        parts.append("</ul>")
    return "".join(parts)


def describe(a: ArisingAction) -> str:
    """ "NET-2026-014: Chase the returns. Owner Jo Bloggs; due 12 Mar 2026; open.
    (Meeting of 10/02/2026, item 4)" """
    facts = []
    if a.owner:
        facts.append(f"Owner {a.owner}")
    facts.append(f"due {uk_date(a.due_date)}" if a.due_date else "no due date")
    facts.append(ACTION_STATUS[a.status])
    return f"{a.reference}: {a.title.rstrip('.')}. {'; '.join(facts)}. ({a.minute_reference})"
