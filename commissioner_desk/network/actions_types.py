"""The action log's data: what pages, exports and the command line receive (frozen)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from ..domain.enums import ActionStatus, Priority, Rag
from .rag import OPEN_STATUSES, STATUS_LABELS, rag_label

PRIORITY_LABELS = {Priority.HIGH: "High", Priority.MEDIUM: "Medium", Priority.LOW: "Low"}
DEFAULT_PREFIX = "NET"  # references of actions raised outside any meeting series


@dataclass(frozen=True)
class ActionRow:
    id: int
    version: int  # what an editor opened: saving on top of a newer version is refused
    reference: str  # NET-2026-014
    title: str
    description: str
    owner_person_id: int | None
    owner_name: str
    owner_organisation_id: int | None
    organisation_name: str
    meeting_id: int | None
    meeting_title: str
    meeting_date: date | None
    agenda_item_id: int | None
    minute_reference: str  # "Network meeting 12/03/2026, item 4", or "" when not raised at one
    force_code: str | None
    force_name: str
    metric_key: str | None
    metric_label: str
    due_date: date | None
    status: ActionStatus
    priority: Priority
    rag: Rag | None  # None for done and closed actions
    rag_reason: str
    overridden: bool  # the RAG was set by hand (see rag_override_note)
    rag_override: Rag | None
    rag_override_note: str
    last_update: date | None  # day of the latest entry in its log
    updates: int  # entries in its log
    created_on: date
    is_demo: bool

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def priority_label(self) -> str:
        return PRIORITY_LABELS[self.priority]

    @property
    def rag_label(self) -> str:
        """Red, Amber, Green; Done or Closed for finished actions."""
        return rag_label(self.rag, self.status)

    def to_json(self) -> dict[str, object]:
        """Plain values for the command line's --json (dates as ISO 8601)."""
        return {
            "id": self.id,
            "version": self.version,
            "reference": self.reference,
            "title": self.title,
            "description": self.description,
            "owner": self.owner_name,
            "owner_person_id": self.owner_person_id,
            "organisation": self.organisation_name,
            "owner_organisation_id": self.owner_organisation_id,
            "meeting_id": self.meeting_id,
            "meeting": self.meeting_title,
            "meeting_date": _iso(self.meeting_date),
            "agenda_item_id": self.agenda_item_id,
            "minute_reference": self.minute_reference,
            "force_code": self.force_code,
            "force": self.force_name,
            "metric_key": self.metric_key,
            "metric": self.metric_label,
            "due_date": _iso(self.due_date),
            "status": self.status.value,
            "status_label": self.status_label,
            "priority": self.priority.value,
            "rag": self.rag.value if self.rag else None,
            "rag_label": self.rag_label,
            "rag_reason": self.rag_reason,
            "overridden": self.overridden,
            "last_update": _iso(self.last_update),
            "updates": self.updates,
            "is_demo": self.is_demo,
        }


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


@dataclass(frozen=True)
class ActionFilter:
    """What the action log shows; every part left empty shows everything."""

    statuses: tuple[ActionStatus, ...] = ()
    owner_person_id: int | None = None
    organisation_id: int | None = None
    force_code: str | None = None
    meeting_id: int | None = None
    overdue_only: bool = False  # still open and due before today
    due_within_days: int | None = None  # still open and due from today to today + N days
    text: str = ""  # in the reference, title, description, owner or organisation


@dataclass(frozen=True)
class ActionDraft:
    """A new action, as the user filled it in."""

    title: str
    description: str = ""
    owner_person_id: int | None = None
    owner_organisation_id: int | None = None  # default: the owner's organisation
    meeting_id: int | None = None  # default: the agenda item's meeting
    agenda_item_id: int | None = None
    force_code: str | None = None
    metric_key: str | None = None
    due_date: date | None = None
    status: ActionStatus = ActionStatus.OPEN
    priority: Priority = Priority.MEDIUM


@dataclass(frozen=True)
class UpdateEntry:
    """One dated entry in an action's log."""

    id: int
    made_at: datetime  # naive UTC
    made_by: str
    text: str
    new_status: ActionStatus | None

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.new_status] if self.new_status else ""


@dataclass(frozen=True)
class HistoryEntry:
    """One change from the audit log, in words."""

    at: datetime  # naive UTC
    who: str
    what: str


@dataclass(frozen=True)
class ActionDetail:
    row: ActionRow
    updates: tuple[UpdateEntry, ...]  # oldest first
    history: tuple[HistoryEntry, ...]  # oldest first


@dataclass(frozen=True)
class ActionsDue:
    """For the overview at start-up."""

    overdue: tuple[ActionRow, ...]  # most overdue first
    due_this_week: tuple[ActionRow, ...]  # open, due from today to a week today

    @property
    def overdue_count(self) -> int:
        return len(self.overdue)


@dataclass(frozen=True)
class DeletedAction:
    """Everything needed to put a deleted action back as it was (undo)."""

    id: int
    reference: str
    title: str
    values: dict[str, object] = field(repr=False)  # every column of the action
    updates: tuple[dict[str, object], ...] = field(repr=False)  # every column of each update

    def describe(self) -> str:
        return f"{self.reference} ({self.title})"
