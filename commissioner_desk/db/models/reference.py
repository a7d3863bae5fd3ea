"""Reference data: police bodies, populations, the metric catalogue and periods."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..base import Base, Versioned


class Force(Versioned, Base):
    """A police force or other police body (ROCU, BTP, NCA…), from resources/forces.toml."""

    __tablename__ = "forces"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)  # ONS PFA code or our own ("BTP")
    ons_name: Mapped[str] = mapped_column(String(120))
    display_name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(24))  # ForceKind value
    nation: Mapped[str] = mapped_column(String(40))
    region: Mapped[str] = mapped_column(String(60))
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    aliases: Mapped[list[ForceAlias]] = relationship(
        back_populates="force", cascade="all, delete-orphan"
    )


class ForceAlias(Base):
    __tablename__ = "force_aliases"

    id: Mapped[int] = mapped_column(primary_key=True)
    force_id: Mapped[int] = mapped_column(ForeignKey("forces.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(String(160))
    # normalise_force_name(alias): what name resolution looks up; unique so no alias is ambiguous
    normalised: Mapped[str] = mapped_column(String(160), unique=True)

    force: Mapped[Force] = relationship(back_populates="aliases")


class Population(Base):
    """Mid-year population estimate of a force area: the denominator of rates per 100,000."""

    __tablename__ = "populations"
    __table_args__ = (UniqueConstraint("force_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    force_id: Mapped[int] = mapped_column(ForeignKey("forces.id", ondelete="CASCADE"))
    year: Mapped[int] = mapped_column(Integer)
    population: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(300))


class Metric(Versioned, Base):
    """A metric of the catalogue: a built-in one (kept in step with domain/catalogue.py at
    start-up) or one the office defined (builtin false: never touched by that sync).

    Versioned since 0006: user metrics are renamed by people, perhaps two at once, and every
    change is in the audit log."""

    __tablename__ = "metrics"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(60), unique=True)
    label: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(String(400))
    position: Mapped[int] = mapped_column(Integer)
    unit: Mapped[str] = mapped_column(String(16), default="count")  # catalogue.UNITS
    builtin: Mapped[bool] = mapped_column(Boolean, default=True)
    created_by: Mapped[str | None] = mapped_column(String(120))  # None for built-ins

    dimensions: Mapped[list[MetricDimension]] = relationship(cascade="all, delete-orphan")


class Dimension(Base):
    """A way a figure is broken down (age, exploitation type)."""

    __tablename__ = "dimensions"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(40), unique=True)
    label: Mapped[str] = mapped_column(String(80))

    values: Mapped[list[DimensionValue]] = relationship(
        cascade="all, delete-orphan", order_by="DimensionValue.position"
    )


class DimensionValue(Base):
    __tablename__ = "dimension_values"
    __table_args__ = (UniqueConstraint("dimension_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dimension_id: Mapped[int] = mapped_column(ForeignKey("dimensions.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(40))
    label: Mapped[str] = mapped_column(String(80))
    position: Mapped[int] = mapped_column(Integer)


class MetricDimension(Base):
    """Which breakdowns a metric allows."""

    __tablename__ = "metric_dimensions"
    __table_args__ = (UniqueConstraint("metric_id", "dimension_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    metric_id: Mapped[int] = mapped_column(ForeignKey("metrics.id", ondelete="CASCADE"))
    dimension_id: Mapped[int] = mapped_column(ForeignKey("dimensions.id", ondelete="CASCADE"))

    dimension: Mapped[Dimension] = relationship()


class Period(Base):
    """A calendar quarter (2023-Q4), calendar year (2023) or financial year (2023/24)."""

    __tablename__ = "periods"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(10), unique=True)
    kind: Mapped[str] = mapped_column(String(20))  # PeriodKind value
    start_date: Mapped[date] = mapped_column(Date, index=True)
    end_date: Mapped[date] = mapped_column(Date)
