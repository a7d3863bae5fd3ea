"""UK formats for figures and dates, shared by pages, exports and printouts."""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import cache


@cache
def _uk_zone():
    """Europe/London, loaded on first use (zoneinfo is slow to import at start-up)."""
    from zoneinfo import ZoneInfo

    try:
        return ZoneInfo("Europe/London")
    except Exception:  # no tz database (a stripped Windows Python without tzdata): show UTC
        return None


def count(value: int | None) -> str:
    return "" if value is None else f"{value:,}"


def figure(value: float | None, unit: str = "count") -> str:
    """A figure as its unit shows it: counts whole (1,234); decimals and percentages to at
    most two places (1,234.56, 1,234.5, 12.5%)."""
    if value is None:
        return ""
    if unit == "count":
        return f"{round(value):,}"
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    if text in ("-0", "−0"):
        text = "0"
    return f"{text}%" if unit == "percent" else text


def rate(value: float | None) -> str:
    return "no rate" if value is None else f"{value:,.1f}"


def uk_date(d: date | None) -> str:
    """28 Nov 2026: unambiguous to a UK reader, and never read as month/day."""
    return "" if d is None else f"{d.day} {d:%b %Y}"


def uk_datetime(dt: datetime | None) -> str:
    """A stored naive-UTC time shown in UK local time (GMT or BST)."""
    if dt is None:
        return ""
    if (zone := _uk_zone()) is not None:
        dt = dt.replace(tzinfo=UTC).astimezone(zone)
    return f"{dt.day} {dt:%b %Y %H:%M}"
