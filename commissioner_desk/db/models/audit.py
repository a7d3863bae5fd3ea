"""The audit log: append-only; the app offers no way to edit or delete it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ...domain.enums import AuditAction
from ..base import Base, enum_column, utcnow


class AuditEntry(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    who: Mapped[str] = mapped_column(String(120))
    action: Mapped[AuditAction] = mapped_column(enum_column(AuditAction, "audit_action"))
    table_name: Mapped[str] = mapped_column(String(60))
    row_id: Mapped[int | None] = mapped_column(Integer)
    details: Mapped[str] = mapped_column(Text, default="")  # JSON: changed fields, old → new
