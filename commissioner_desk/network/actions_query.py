"""Reading the action log: filtered lists with RAG and reason, one action in full, what is due.

One short session per call; rows leave as frozen ActionRow, never as ORM objects.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, aliased

from ..db.database import Database
from ..db.models import (
    ActionItem,
    ActionUpdate,
    AgendaItem,
    Force,
    Meeting,
    Metric,
    Organisation,
    Person,
)
from .actions_history import action_history
from .actions_types import ActionDetail, ActionFilter, ActionRow, ActionsDue, UpdateEntry
from .editing import last_change
from .labels import minute_reference
from .rag import OPEN_STATUSES, RagRule, load_rag_rule, rag_of

WEEK_DAYS = 7  # "due this week": from today to the same weekday next week


class ActionNotFound(LookupError):
    """The action is not there (any more): the message says who deleted it and when."""


def _query() -> tuple[Select, type[Person], type[Organisation]]:
    logs = (
        select(
            ActionUpdate.action_id,
            func.max(ActionUpdate.made_at).label("last"),
            func.count(ActionUpdate.id).label("n"),
        )
        .group_by(ActionUpdate.action_id)
        .subquery()
    )
    owner, org = aliased(Person), aliased(Organisation)
    return (
        (
            select(
                ActionItem,
                owner.name,
                org.name,
                Meeting.title,
                Meeting.starts_at,
                AgendaItem.position,
                Force.code,
                Force.display_name,
                Metric.key,
                Metric.label,
                logs.c.last,
                logs.c.n,
            )
            .outerjoin(owner, owner.id == ActionItem.owner_person_id)
            .outerjoin(org, org.id == ActionItem.owner_organisation_id)
            .outerjoin(Meeting, Meeting.id == ActionItem.meeting_id)
            .outerjoin(AgendaItem, AgendaItem.id == ActionItem.agenda_item_id)
            .outerjoin(Force, Force.id == ActionItem.force_id)
            .outerjoin(Metric, Metric.id == ActionItem.metric_id)
            .outerjoin(logs, logs.c.action_id == ActionItem.id)
        ),
        owner,
        org,
    )


def _filtered(f: ActionFilter, today: date) -> Select:
    q, owner, org = _query()
    if f.statuses:
        q = q.where(ActionItem.status.in_(f.statuses))
    if f.owner_person_id is not None:
        q = q.where(ActionItem.owner_person_id == f.owner_person_id)
    if f.organisation_id is not None:
        q = q.where(ActionItem.owner_organisation_id == f.organisation_id)
    if f.force_code:
        q = q.where(Force.code == f.force_code)
    if f.meeting_id is not None:
        q = q.where(ActionItem.meeting_id == f.meeting_id)
    if f.overdue_only or f.due_within_days is not None:
        q = q.where(ActionItem.status.in_(OPEN_STATUSES))
    if f.overdue_only:
        q = q.where(ActionItem.due_date < today)
    if f.due_within_days is not None:
        last_day = today + timedelta(days=max(0, f.due_within_days))
        q = q.where(ActionItem.due_date >= today, ActionItem.due_date <= last_day)
    if text := f.text.strip():
        columns = (ActionItem.reference, ActionItem.title, ActionItem.description)
        q = q.where(
            or_(*(c.icontains(text, autoescape=True) for c in (*columns, owner.name, org.name)))
        )
    # Soonest due first, undated last; the reference breaks ties the same way every time.
    return q.order_by(ActionItem.due_date.is_(None), ActionItem.due_date, ActionItem.reference)


def _row(record: Sequence, today: date, rule: RagRule) -> ActionRow:
    (a, owner, org, m_title, m_start, position, f_code, f_name, m_key, m_label, last, n) = record
    meeting_day = m_start.date() if m_start else None
    last_update = last.date() if last else None
    rag, reason = rag_of(
        a.status,
        a.due_date,
        last_update or a.created_at.date(),
        a.rag_override,
        a.rag_override_note or "",
        today,
        rule,
    )
    return ActionRow(
        id=a.id,
        version=a.version,
        reference=a.reference,
        title=a.title,
        description=a.description or "",
        owner_person_id=a.owner_person_id,
        owner_name=owner or "",
        owner_organisation_id=a.owner_organisation_id,
        organisation_name=org or "",
        meeting_id=a.meeting_id,
        meeting_title=m_title or "",
        meeting_date=meeting_day,
        agenda_item_id=a.agenda_item_id,
        minute_reference=minute_reference(m_start, position) if m_start else "",
        force_code=f_code,
        force_name=f_name or "",
        metric_key=m_key,
        metric_label=m_label or "",
        due_date=a.due_date,
        status=a.status,
        priority=a.priority,
        rag=rag,
        rag_reason=reason,
        overridden=a.rag_override is not None and rag is not None,
        rag_override=a.rag_override,
        rag_override_note=a.rag_override_note or "",
        last_update=last_update,
        updates=n or 0,
        created_on=a.created_at.date(),
        is_demo=a.is_demo,
    )


def list_actions(
    db: Database,
    action_filter: ActionFilter | None = None,
    today: date | None = None,
    rule: RagRule | None = None,
) -> list[ActionRow]:
    """The action log as the page shows it: soonest due first, each with its RAG and reason."""
    today = today or date.today()
    rule = rule or load_rag_rule(db)
    with db.session() as s:
        records = s.execute(_filtered(action_filter or ActionFilter(), today)).all()
        return [_row(r, today, rule) for r in records]


def load_row(s: Session, action_id: int, today: date, rule: RagRule) -> ActionRow | None:
    q, _, _ = _query()
    record = s.execute(q.where(ActionItem.id == action_id)).first()
    return _row(record, today, rule) if record is not None else None


def gone_message(s: Session, action_id: int) -> str:
    change = last_change(s, ActionItem.__tablename__, action_id)
    if change.at is None:
        return f"There is no action number {action_id}."
    from ..formatting import uk_datetime

    return f"This action was deleted by {change.who} on {uk_datetime(change.at)}."


def action_detail(
    db: Database, action_id: int, today: date | None = None, rule: RagRule | None = None
) -> ActionDetail:
    """One action with its dated log of updates and its history from the audit log."""
    today = today or date.today()
    rule = rule or load_rag_rule(db)
    with db.session() as s:
        row = load_row(s, action_id, today, rule)
        if row is None:
            raise ActionNotFound(gone_message(s, action_id))
        updates = s.scalars(
            select(ActionUpdate)
            .where(ActionUpdate.action_id == action_id)
            .order_by(ActionUpdate.made_at, ActionUpdate.id)
        ).all()
        entries = tuple(
            UpdateEntry(u.id, u.made_at, u.made_by, u.text, u.new_status) for u in updates
        )
        history = action_history(s, action_id, [u.id for u in updates])
    return ActionDetail(row, entries, history)


def actions_due(db: Database, today: date | None = None, rule: RagRule | None = None) -> ActionsDue:
    """What is overdue (most overdue first) and what falls due from today to a week today."""
    today = today or date.today()
    rule = rule or load_rag_rule(db)
    with db.session() as s:
        overdue = s.execute(_filtered(ActionFilter(overdue_only=True), today)).all()
        week = s.execute(_filtered(ActionFilter(due_within_days=WEEK_DAYS), today)).all()
        return ActionsDue(
            overdue=tuple(_row(r, today, rule) for r in overdue),
            due_this_week=tuple(_row(r, today, rule) for r in week),
        )


def action_row(db: Database, action_id: int, today: date | None = None) -> ActionRow:
    """One action as the log shows it; ActionNotFound saying who deleted it when it is gone."""
    today = today or date.today()
    rule = load_rag_rule(db)
    with db.session() as s:
        row = load_row(s, action_id, today, rule)
        if row is None:
            raise ActionNotFound(gone_message(s, action_id))
        return row
