"""Network membership (who has signed up, with history) and the best-practice library (issue 10)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...domain.enums import MembershipStatus, PracticeStatus, PracticeTheme
from ..base import Base, Versioned, enum_column


class Membership(Versioned, Base):
    """One area's standing with the network while one commissioner (or chief) is in office.

    History is kept by closing a record (`ends_on`) and opening a new one when the PCC changes or
    the area signs, withdraws or re-signs; the open record (`ends_on` NULL) is the current one.
    Areas are forces: a PCC's area is its territorial force, and Police Scotland, PSNI and BTP
    take part as themselves.
    """

    __tablename__ = "memberships"

    id: Mapped[int] = mapped_column(primary_key=True)
    force_id: Mapped[int] = mapped_column(ForeignKey("forces.id"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(  # the PCC office that signed, if known
        ForeignKey("organisations.id", ondelete="SET NULL")
    )
    status: Mapped[MembershipStatus] = mapped_column(
        enum_column(MembershipStatus, "membership_status"), default=MembershipStatus.NOT_SIGNED
    )
    commissioner: Mapped[str] = mapped_column(String(200), default="")  # the PCC in office
    signed_on: Mapped[date | None] = mapped_column(Date)
    signatory: Mapped[str] = mapped_column(String(200), default="")
    lead_officer: Mapped[str] = mapped_column(String(200), default="")
    contact: Mapped[str] = mapped_column(String(300), default="")  # e-mail or phone of the lead
    notes: Mapped[str] = mapped_column(Text, default="")
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)  # NULL: the current record
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False, index=True)


class Practice(Versioned, Base):
    """An entry in the best-practice library."""

    __tablename__ = "practices"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    organisation_id: Mapped[int | None] = mapped_column(  # the force or organisation behind it
        ForeignKey("organisations.id", ondelete="SET NULL")
    )
    organisation_name: Mapped[str] = mapped_column(String(200), default="")  # when not listed
    theme: Mapped[PracticeTheme] = mapped_column(enum_column(PracticeTheme, "practice_theme"))
    status: Mapped[PracticeStatus] = mapped_column(
        enum_column(PracticeStatus, "practice_status"), default=PracticeStatus.PUBLISHED
    )
    summary: Mapped[str] = mapped_column(Text, default="")
    what_was_done: Mapped[str] = mapped_column(Text, default="")
    outcomes: Mapped[str] = mapped_column(Text, default="")  # outcomes and evidence
    contacts: Mapped[str] = mapped_column(Text, default="")
    started_on: Mapped[date | None] = mapped_column(Date)  # when the practice began
    ended_on: Mapped[date | None] = mapped_column(Date)
    added_on: Mapped[date] = mapped_column(Date, index=True)  # when it joined the library
    added_by: Mapped[str] = mapped_column(String(120), default="")
    source_return_text_id: Mapped[int | None] = mapped_column(  # drafted from a return's text
        ForeignKey("return_texts.id", ondelete="SET NULL")
    )
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False, index=True)

    documents: Mapped[list[PracticeDocument]] = relationship(
        cascade="all, delete-orphan", order_by="PracticeDocument.position"
    )


class PracticeDocument(Base):
    """A link to a document about a practice: a web address or a file path."""

    __tablename__ = "practice_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    practice_id: Mapped[int] = mapped_column(ForeignKey("practices.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    label: Mapped[str] = mapped_column(String(300), default="")
    target: Mapped[str] = mapped_column(Text)


class PracticeForce(Base):
    __tablename__ = "practice_forces"

    practice_id: Mapped[int] = mapped_column(
        ForeignKey("practices.id", ondelete="CASCADE"), primary_key=True
    )
    force_id: Mapped[int] = mapped_column(ForeignKey("forces.id"), primary_key=True)


class PracticeAction(Base):
    __tablename__ = "practice_actions"

    practice_id: Mapped[int] = mapped_column(
        ForeignKey("practices.id", ondelete="CASCADE"), primary_key=True
    )
    action_id: Mapped[int] = mapped_column(
        ForeignKey("action_items.id", ondelete="CASCADE"), primary_key=True
    )


class PracticeMeeting(Base):
    """A meeting where the practice was presented."""

    __tablename__ = "practice_meetings"

    practice_id: Mapped[int] = mapped_column(
        ForeignKey("practices.id", ondelete="CASCADE"), primary_key=True
    )
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True
    )
