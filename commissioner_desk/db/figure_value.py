"""The type of a figure's value: exact decimals in the database, plain numbers in Python.

Counts are whole numbers; decimal metrics (officers as full-time equivalents) and percentages
are not. The column is NUMERIC(20, 4) on both backends (migration 0006), and every reader gets
an `int` when the value is whole and a `float` otherwise, so code written for counts keeps
getting ints. PostgreSQL hands back Decimal for NUMERIC and for SUM(...) of it; SQLite stores a
whole number in a NUMERIC column as an integer and anything else as a real, so it needs no
conversion at all (and the million-row trend reads pay nothing for it).
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Numeric
from sqlalchemy.types import TypeDecorator

PLACES = 4  # FTE figures are published to two places; four leaves room for what is derived


def stored_value(value: int | float | Decimal | None) -> int | float | None:
    """`value` as the database keeps it: rounded to PLACES, an int when whole. Compare with
    this, or a re-imported 12.34567 would never equal the 12.3457 held."""
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    rounded = round(Decimal(str(value)), PLACES)
    return int(rounded) if rounded == rounded.to_integral_value() else float(rounded)


def _from_decimal(value: Decimal | int | float | None) -> int | float | None:
    if value is None or type(value) is int:
        return value
    if value == int(value):
        return int(value)
    return float(value)


class FigureValue(TypeDecorator):
    """NUMERIC(20, 4) that reads back as int (whole) or float."""

    impl = Numeric(20, PLACES)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        value = stored_value(value)
        if isinstance(value, float) and dialect.name != "sqlite":
            return Decimal(str(value))  # exact: a float parameter would be cast via float8
        return value

    def result_processor(self, dialect, coltype):
        if dialect.name == "sqlite":
            return None  # NUMERIC affinity: whole values come back as int, others as float
        return _from_decimal

    @property
    def python_type(self) -> type:
        return float
