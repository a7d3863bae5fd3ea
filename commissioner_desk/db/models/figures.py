"""Figures and where they came from: import batches, source files, observations, the register."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...domain.enums import BatchKind, BatchStatus, ObservationStatus, ReturnState
from ..base import Audited, Base, Versioned, enum_column, utcnow
from ..figure_value import FigureValue


class ImportBatch(Audited, Base):
    """One import (or the demo data): undone as a whole, never partly."""

    __tablename__ = "import_batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[BatchKind] = mapped_column(enum_column(BatchKind, "batch_kind"))
    status: Mapped[BatchStatus] = mapped_column(
        enum_column(BatchStatus, "batch_status"), default=BatchStatus.COMMITTED
    )
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    imported_by: Mapped[str] = mapped_column(String(120))
    imported_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    undone_by: Mapped[str | None] = mapped_column(String(120))
    undone_at: Mapped[datetime | None] = mapped_column(DateTime)
    note: Mapped[str] = mapped_column(Text, default="")

    files: Mapped[list[SourceFile]] = relationship(
        back_populates="batch", cascade="all, delete-orphan"
    )


class SourceFile(Base):
    """A spreadsheet as received: name and SHA-256, so every figure traces back to the file."""

    __tablename__ = "source_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(
        ForeignKey("import_batches.id", ondelete="CASCADE"), index=True
    )
    file_name: Mapped[str] = mapped_column(String(400))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    template_version: Mapped[str | None] = mapped_column(String(40))

    batch: Mapped[ImportBatch] = relationship(back_populates="files")


class Observation(Base):
    """force × period × metric × breakdown → value (or nil / suppressed / not applicable).

    Never updated in place: a corrected return adds a new row and marks the old one not current
    (`superseded_by_batch_id`), so the earlier version stays readable and undo can restore it.
    At most one current row per key, enforced by a partial unique index on both backends.
    """

    __tablename__ = "observations"
    __table_args__ = (
        Index("ix_observations_metric_period", "metric_id", "period_id", "is_current"),
        Index("ix_observations_batch", "batch_id"),
    )

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    force_id: Mapped[int] = mapped_column(ForeignKey("forces.id"))
    period_id: Mapped[int] = mapped_column(ForeignKey("periods.id"))
    metric_id: Mapped[int] = mapped_column(ForeignKey("metrics.id"))
    breakdown: Mapped[str] = mapped_column(String(120), default="")  # catalogue.breakdown_key
    status: Mapped[ObservationStatus] = mapped_column(
        enum_column(ObservationStatus, "observation_status")
    )
    # Set only when status is "value"; int when whole, float for decimal metrics (0006).
    value: Mapped[int | float | None] = mapped_column(FigureValue)
    batch_id: Mapped[int] = mapped_column(ForeignKey("import_batches.id", ondelete="CASCADE"))
    source_file_id: Mapped[int | None] = mapped_column(
        ForeignKey("source_files.id", ondelete="CASCADE")
    )
    sheet: Mapped[str | None] = mapped_column(String(120))
    cell: Mapped[str | None] = mapped_column(String(20))  # A1 reference, e.g. "D14"
    is_current: Mapped[bool] = mapped_column(Boolean, default=True)
    superseded_by_batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_batches.id", ondelete="SET NULL")
    )


# Partial unique index, declared after the class so the WHERE clause can name the column.
Index(
    "uq_observations_current",
    Observation.force_id,
    Observation.period_id,
    Observation.metric_id,
    Observation.breakdown,
    unique=True,
    sqlite_where=Observation.is_current == true(),
    postgresql_where=Observation.is_current == true(),
)
# The partial indexes' condition exactly as they state it, as raw SQL. SQLite uses a partial
# index only when the query repeats its WHERE term, and SQLAlchemy writes `is_current = 1` (or
# `IS 1`) for a Boolean column, which SQLite does not match to `WHERE is_current`: it then
# reads the narrower (metric, period) index and the table row by row, 20 times slower.
CURRENT = text("observations.is_current")

# Trend charts read one metric and breakdown across every period and force: this partial index
# holds every column they need, so the read never touches the table (migration 0003).
Index(
    "ix_observations_series",
    Observation.metric_id,
    Observation.breakdown,
    Observation.period_id,
    Observation.force_id,
    Observation.status,
    Observation.value,
    sqlite_where=Observation.is_current == true(),
    postgresql_where=Observation.is_current == true(),
)


class ForceReturn(Versioned, Base):
    """The returns register: one row per force and period once anything is known about it."""

    __tablename__ = "force_returns"
    __table_args__ = (UniqueConstraint("force_id", "period_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    force_id: Mapped[int] = mapped_column(ForeignKey("forces.id"))
    period_id: Mapped[int] = mapped_column(ForeignKey("periods.id"))
    state: Mapped[ReturnState] = mapped_column(enum_column(ReturnState, "return_state"))
    batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_batches.id", ondelete="SET NULL")
    )
    received_at: Mapped[datetime | None] = mapped_column(DateTime)
    chased_at: Mapped[datetime | None] = mapped_column(DateTime)
    chase_count: Mapped[int] = mapped_column(Integer, default=0)
    contact: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False, index=True)


class ReturnText(Base):
    """Free-text answers given with a return ("what explains these figures")."""

    __tablename__ = "return_texts"

    id: Mapped[int] = mapped_column(primary_key=True)
    force_id: Mapped[int] = mapped_column(ForeignKey("forces.id"))
    period_id: Mapped[int] = mapped_column(ForeignKey("periods.id"))
    batch_id: Mapped[int] = mapped_column(ForeignKey("import_batches.id", ondelete="CASCADE"))
    question: Mapped[str] = mapped_column(String(60))
    text: Mapped[str] = mapped_column(Text)
    sheet: Mapped[str | None] = mapped_column(String(120))
    cell: Mapped[str | None] = mapped_column(String(20))
