"""Words shown for stored values, and how a meeting and a minute are referred to."""

from __future__ import annotations

from datetime import datetime

from ..domain.enums import ActionStatus, AgendaItemKind, AttendanceStatus, MinutesStatus
from ..domain.periods import MONTH_NAMES
from ..formatting import uk_date

MINUTES_STATUS = {
    MinutesStatus.DRAFT: "draft",
    MinutesStatus.CIRCULATED: "circulated",
    MinutesStatus.APPROVED: "approved",
    MinutesStatus.LOCKED: "locked",
}
ATTENDANCE = {
    AttendanceStatus.PRESENT: "present",
    AttendanceStatus.DEPUTY: "deputy",
    AttendanceStatus.APOLOGIES: "apologies",
    AttendanceStatus.ABSENT: "absent",
}
AGENDA_KIND = {
    AgendaItemKind.DECISION: "for decision",
    AgendaItemKind.DISCUSSION: "for discussion",
    AgendaItemKind.INFORMATION: "for information",
}
ACTION_STATUS = {
    ActionStatus.OPEN: "open",
    ActionStatus.IN_PROGRESS: "in progress",
    ActionStatus.DONE: "done",
    ActionStatus.CLOSED: "closed",
    ActionStatus.ON_HOLD: "on hold",
}
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
FINISHED = (ActionStatus.DONE, ActionStatus.CLOSED)  # everything else is carried forward


def numeric_date(when: datetime) -> str:
    """12/03/2026: the form minute references take."""
    return f"{when.day:02d}/{when.month:02d}/{when.year}"


def long_date(when: datetime) -> str:
    """Thursday 12 March 2026, whatever the process locale (%A and %B follow it)."""
    return f"{DAY_NAMES[when.weekday()]} {when.day} {MONTH_NAMES[when.month]} {when.year}"


def meeting_label(title: str, starts_at: datetime) -> str:
    """How a meeting is named in a sentence: its title, or its date when it has none."""
    return title or f"the meeting of {uk_date(starts_at.date())}"


def minute_reference(starts_at: datetime, position: int | None) -> str:
    """Where something was minuted: "Meeting of 12/03/2026, item 4"."""
    text = f"Meeting of {numeric_date(starts_at)}"
    return text if position is None else f"{text}, item {position}"


def place_text(location: str, online: bool) -> str:
    """Where a meeting is: its location, saying "online" when it is and the location does not."""
    if not online:
        return location
    if not location:
        return "Online"
    return location if "online" in location.lower() else f"{location} (online)"
