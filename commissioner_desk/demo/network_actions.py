"""Demo action items: a status and due date that fit the meeting's age, and a log of updates.

Actions from the latest meeting are open and due soon or later; those from the one before are
mostly overdue; older ones are done or closed, with one on hold and one long overdue.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from random import Random

from sqlalchemy.orm import Session

from ..db.models import ActionItem, ActionUpdate, AgendaItem, Meeting, Person
from ..domain.enums import ActionStatus, Rag
from . import network_content as nc
from .network_content import long_date

S = ActionStatus
RECENT_DUE_DAYS = (7, 12, 35, 50, 65)  # latest meeting: due soon, then later


def plan(rank: int, index: int, day: date, today: date) -> tuple[ActionStatus, date]:
    """Status and due date for the index-th action of a meeting `rank` meetings ago."""
    if rank == 0:
        due = today + timedelta(days=RECENT_DUE_DAYS[index % len(RECENT_DUE_DAYS)])
        return (S.IN_PROGRESS if index % 2 else S.OPEN), due
    if rank == 1:
        status, days = ((S.IN_PROGRESS, 9), (S.DONE, 20), (S.OPEN, 3))[index % 3]
        return status, today - timedelta(days=days)
    due = day + timedelta(days=60)
    if rank == 2:
        return (S.ON_HOLD, S.CLOSED, S.IN_PROGRESS, S.DONE)[index % 4], due
    return (S.DONE if rank == 3 and index == 1 else S.CLOSED), due


def add_action(
    s: Session,
    rng: Random,
    spec: nc.ActionSpec,
    *,
    reference: str,
    meeting: Meeting,
    agenda_item: AgendaItem,
    owner: Person | None,
    force_id: int | None,
    metric_id: int | None,
    day: date,
    today: date,
    rank: int,
    index: int,
    closer: Person | None,
) -> ActionItem:
    status, due = plan(rank, index, day, today)
    action = ActionItem(
        reference=reference,
        title=spec.title,
        description=f"Agreed under “{agenda_item.title}” at the meeting of {long_date(day)}.",
        owner_person_id=owner.id if owner else None,
        owner_organisation_id=owner.organisation_id if owner else None,
        meeting_id=meeting.id,
        agenda_item_id=agenda_item.id,
        force_id=force_id,
        metric_id=metric_id,
        due_date=due,
        status=status,
        priority=spec.priority,
        is_demo=True,
    )
    if rank == 1 and status is S.IN_PROGRESS:  # the owner says it is nearly there
        action.rag_override = Rag.AMBER
        action.rag_override_note = "Owner confirmed delivery within two weeks; amber, not red."
    by = owner.name if owner else "Secretariat"
    clerk = closer.name if closer else "Secretariat"
    for made_at, text, new_status, by_clerk in _updates(rng, status, day, due, today):
        action.updates.append(
            ActionUpdate(
                made_at=made_at,
                made_by=clerk if by_clerk else by,
                text=text,
                new_status=new_status,
            )
        )
    s.add(action)
    return action


Update = tuple[datetime, str, ActionStatus | None, bool]  # made_at, text, new status, by clerk


def _updates(rng: Random, status: ActionStatus, day: date, due: date, today: date) -> list[Update]:
    """Dated log entries leading to `status`, in order, between the meeting and `today`."""
    last = max(day, today - timedelta(days=1))  # nothing dated today or later
    span = max(1, ((min(last, due) - day).days) // 3)

    def at(step: int) -> datetime:
        # Whole days apart, in office hours; a later step is never earlier, even on one day.
        offset = span * step + rng.randint(0, span // 2)
        when = min(day + timedelta(days=offset), last)
        return datetime.combine(when, time(9 + 2 * step, rng.randint(0, 59)))

    if status is S.OPEN:
        return [(at(1), "Acknowledged by the owner; work will start shortly.", None, False)]
    out: list[Update] = [(at(1), rng.choice(nc.UPDATE_STARTED), S.IN_PROGRESS, False)]
    if status is S.IN_PROGRESS:
        out.append((at(2), rng.choice(nc.UPDATE_DELAYED), None, False))
    elif status is S.ON_HOLD:
        text = "On hold until the Home Office review of the NRM reports."
        out.append((at(2), text, S.ON_HOLD, True))
    elif status in (S.DONE, S.CLOSED):
        out.append((at(2), rng.choice(nc.UPDATE_DONE), S.DONE, False))
        if status is S.CLOSED:
            out.append((at(3), "Closed by the network at its next meeting.", S.CLOSED, True))
    return out
