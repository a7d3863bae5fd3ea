"""The network's business: organisations, people, meetings, minutes, decisions and actions."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...domain.enums import (
    ActionStatus,
    AgendaItemKind,
    AttendanceStatus,
    MinutesStatus,
    OrganisationKind,
    Priority,
    Rag,
)
from ..base import Audited, Base, Versioned, enum_column, utcnow


class Organisation(Versioned, Base):
    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[OrganisationKind] = mapped_column(enum_column(OrganisationKind, "org_kind"))
    force_id: Mapped[int | None] = mapped_column(ForeignKey("forces.id"))  # forces and PCC offices
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False, index=True)


class Person(Versioned, Base):
    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(200), default="")
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="SET NULL")
    )
    email: Mapped[str] = mapped_column(String(200), default="")
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False, index=True)


class MeetingSeries(Versioned, Base):
    __tablename__ = "meeting_series"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    action_prefix: Mapped[str] = mapped_column(String(12))  # NET → NET-2026-014
    quorum: Mapped[int] = mapped_column(Integer, default=0)  # organisations present, 0 = no rule
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False, index=True)


class Meeting(Versioned, Base):
    __tablename__ = "meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    series_id: Mapped[int] = mapped_column(ForeignKey("meeting_series.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(200), default="")
    starts_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    location: Mapped[str] = mapped_column(String(200), default="")
    online: Mapped[bool] = mapped_column(Boolean, default=False)
    minutes_status: Mapped[MinutesStatus] = mapped_column(
        enum_column(MinutesStatus, "minutes_status"), default=MinutesStatus.DRAFT
    )
    approved_at_meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="SET NULL")
    )
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False, index=True)

    agenda: Mapped[list[AgendaItem]] = relationship(
        cascade="all, delete-orphan", order_by="AgendaItem.position"
    )


class AgendaItem(Versioned, Base):
    __tablename__ = "agenda_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[AgendaItemKind] = mapped_column(enum_column(AgendaItemKind, "agenda_kind"))
    presenter_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    papers: Mapped[str] = mapped_column(Text, default="")  # one link per line
    minutes: Mapped[str] = mapped_column(Text, default="")  # formatted text (HTML subset)


class Attendance(Versioned, Base):
    __tablename__ = "attendance"
    __table_args__ = (UniqueConstraint("meeting_id", "organisation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    status: Mapped[AttendanceStatus] = mapped_column(
        enum_column(AttendanceStatus, "attendance_status")
    )
    deputy_name: Mapped[str] = mapped_column(String(200), default="")


class MinuteErratum(Audited, Base):
    """A dated correction to approved minutes: approved minutes are never edited silently."""

    __tablename__ = "minute_errata"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    agenda_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="SET NULL")
    )
    made_on: Mapped[date] = mapped_column(Date)
    made_by: Mapped[str] = mapped_column(String(120))
    text: Mapped[str] = mapped_column(Text)


class Decision(Versioned, Base):
    """The decisions log, kept apart from the minutes and numbered."""

    __tablename__ = "decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(Integer, unique=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    agenda_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="SET NULL")
    )
    decided_on: Mapped[date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)


class ActionItem(Versioned, Base):
    __tablename__ = "action_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(24), unique=True)  # NET-2026-014
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    owner_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL")
    )
    owner_organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="SET NULL")
    )
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id", ondelete="SET NULL"))
    agenda_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="SET NULL")
    )
    force_id: Mapped[int | None] = mapped_column(ForeignKey("forces.id"))
    metric_id: Mapped[int | None] = mapped_column(ForeignKey("metrics.id"))
    due_date: Mapped[date | None] = mapped_column(Date, index=True)
    status: Mapped[ActionStatus] = mapped_column(
        enum_column(ActionStatus, "action_status"), default=ActionStatus.OPEN
    )
    priority: Mapped[Priority] = mapped_column(
        enum_column(Priority, "priority"), default=Priority.MEDIUM
    )
    rag_override: Mapped[Rag | None] = mapped_column(enum_column(Rag, "rag"))
    rag_override_note: Mapped[str] = mapped_column(Text, default="")
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False, index=True)

    updates: Mapped[list[ActionUpdate]] = relationship(
        cascade="all, delete-orphan", order_by="ActionUpdate.made_at"
    )


class ActionUpdate(Audited, Base):
    """A dated entry in an action's log."""

    __tablename__ = "action_updates"

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("action_items.id", ondelete="CASCADE"))
    made_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    made_by: Mapped[str] = mapped_column(String(120))
    text: Mapped[str] = mapped_column(Text)
    new_status: Mapped[ActionStatus | None] = mapped_column(
        enum_column(ActionStatus, "update_status")
    )
