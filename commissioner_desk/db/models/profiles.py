"""Mapping profiles: what the user said about a table whose file did not say it (the metric,
the period, how its columns map onto the catalogue), kept so the next file of the same shape
imports without questions."""

from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..base import Base, Versioned


class ImportProfile(Versioned, Base):
    """One table shape, found again by the fingerprint of its header cells (not its values).

    Versioned: two people editing a profile cannot silently overwrite each other, and every
    change is in the audit log.
    """

    __tablename__ = "import_profiles"

    id: Mapped[int] = mapped_column(primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64), unique=True)  # SHA-256 hex
    name: Mapped[str] = mapped_column(String(200))
    metric_key: Mapped[str] = mapped_column(String(60))  # catalogue key
    period_key: Mapped[str | None] = mapped_column(String(16))  # "2024-Q1"; see profiles.py
    # JSON object: normalised header label → breakdown key ("" total, "-" not imported).
    column_map: Mapped[str] = mapped_column(Text, default="{}")
    created_by: Mapped[str] = mapped_column(String(120))
