"""The best-practice library's data: what pages, exports and the command line receive (frozen),
and the words shown for its stored values."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from ..domain.enums import ActionStatus, PracticeStatus, PracticeTheme
from ..formatting import uk_date

THEME_LABELS = {
    PracticeTheme.TRAINING: "Training",
    PracticeTheme.VICTIM_SUPPORT: "Victim support",
    PracticeTheme.INVESTIGATION: "Investigation",
    PracticeTheme.PARTNERSHIP: "Partnership",
    PracticeTheme.PREVENTION: "Prevention",
    PracticeTheme.DATA_INTELLIGENCE: "Data and intelligence",
    PracticeTheme.SUPPLY_CHAINS: "Supply chains",
}
STATUS_LABELS = {PracticeStatus.DRAFT: "Draft", PracticeStatus.PUBLISHED: "Published"}
DEMO_NOTE = "DEMO: a synthetic entry made for trying the app, not real practice."
ONE_LINE = 160  # characters of a summary in lists and the briefing pack
_WEB = re.compile(r"^(https?://|mailto:|www\.)", re.IGNORECASE)


def _words(text: str) -> str:
    text = text.lower().replace("&", " and ")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def parse_theme(text: str) -> PracticeTheme:
    """ "Supply chains", "supply-chains", "SUPPLY_CHAINS", "data & intelligence": the theme;
    ValueError naming the themes otherwise."""
    wanted = _words(text)
    for theme, label in THEME_LABELS.items():
        if wanted in (_words(label), _words(theme.value.replace("_", " "))):
            return theme
    choices = ", ".join(f'"{label.lower()}"' for label in THEME_LABELS.values())
    raise ValueError(f'"{text}" is not a theme; choose from {choices}.')


def one_line(text: str, limit: int = ONE_LINE) -> str:
    """The first sentence of `text` on one line, cut at a word with "…" past `limit`."""
    flat = " ".join((text or "").split())
    end = re.search(r"(?<=[.!?])\s", flat)
    first = flat[: end.start()] if end else flat
    if len(first) <= limit:
        return first
    cut = first[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:-–")
    return cut + "…"


def is_web_address(target: str) -> bool:
    """A web (or mail) address rather than a file path."""
    return bool(_WEB.match(target.strip()))


@dataclass(frozen=True)
class DocumentLink:
    """A document about a practice: a web address or a file path, with a label."""

    label: str
    target: str

    @property
    def is_web(self) -> bool:
        return is_web_address(self.target)

    @property
    def shown(self) -> str:
        return self.label or self.target


@dataclass(frozen=True)
class LinkedForce:
    code: str
    name: str


@dataclass(frozen=True)
class LinkedAction:
    id: int
    reference: str
    title: str
    status: ActionStatus

    @property
    def label(self) -> str:
        return f"{self.reference}: {self.title}"


@dataclass(frozen=True)
class LinkedMeeting:
    id: int
    title: str
    starts_at: datetime

    @property
    def label(self) -> str:
        return f"{uk_date(self.starts_at.date())}: {self.title or 'Meeting'}"


@dataclass(frozen=True)
class PracticeRow:
    id: int
    version: int  # what an editor opened: saving on top of a newer version is refused
    title: str
    theme: PracticeTheme
    status: PracticeStatus
    organisation_id: int | None
    organisation_name: str  # typed by hand, for an organisation not in the list
    organisation: str  # as shown: the listed organisation's name, else the typed one
    summary: str
    what_was_done: str
    outcomes: str  # outcomes and evidence
    contacts: str
    started_on: date | None
    ended_on: date | None
    added_on: date
    added_by: str
    source_return_text_id: int | None
    is_demo: bool
    forces: tuple[LinkedForce, ...] = ()
    actions: tuple[LinkedAction, ...] = ()
    meetings: tuple[LinkedMeeting, ...] = ()  # where it was presented, latest first
    documents: tuple[DocumentLink, ...] = ()

    @property
    def theme_label(self) -> str:
        return THEME_LABELS[self.theme]

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def is_draft(self) -> bool:
        return self.status is PracticeStatus.DRAFT

    @property
    def force_names(self) -> str:
        return ", ".join(f.name for f in self.forces)

    @property
    def one_line(self) -> str:
        return one_line(self.summary or self.what_was_done)

    def to_json(self) -> dict[str, object]:
        """Plain values for the command line's --json (dates as ISO 8601)."""
        return {
            "id": self.id,
            "version": self.version,
            "title": self.title,
            "theme": self.theme.value,
            "theme_label": self.theme_label,
            "status": self.status.value,
            "organisation": self.organisation,
            "organisation_id": self.organisation_id,
            "summary": self.summary,
            "what_was_done": self.what_was_done,
            "outcomes": self.outcomes,
            "contacts": self.contacts,
            "started_on": _iso(self.started_on),
            "ended_on": _iso(self.ended_on),
            "added_on": self.added_on.isoformat(),
            "added_by": self.added_by,
            "forces": [{"code": f.code, "name": f.name} for f in self.forces],
            "actions": [{"id": a.id, "reference": a.reference} for a in self.actions],
            "meetings": [
                {"id": m.id, "title": m.title, "date": m.starts_at.date().isoformat()}
                for m in self.meetings
            ],
            "documents": [{"label": d.label, "target": d.target} for d in self.documents],
            "source_return_text_id": self.source_return_text_id,
            "is_demo": self.is_demo,
        }


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


@dataclass(frozen=True)
class PracticeFilter:
    """What the library shows; every part left empty shows everything."""

    themes: tuple[PracticeTheme, ...] = ()
    force_code: str | None = None  # linked to this force
    added_from: date | None = None  # added on or after
    added_to: date | None = None  # added on or before
    status: PracticeStatus | None = None
    text: str = ""  # full-text search, read as the Find dialog reads it


@dataclass(frozen=True)
class PracticeDraft:
    """A new entry, as the user filled it in."""

    title: str
    theme: PracticeTheme
    status: PracticeStatus = PracticeStatus.PUBLISHED
    organisation_id: int | None = None
    organisation_name: str = ""
    summary: str = ""
    what_was_done: str = ""
    outcomes: str = ""
    contacts: str = ""
    started_on: date | None = None
    ended_on: date | None = None
    added_on: date | None = None  # default: today
    force_codes: tuple[str, ...] = ()
    action_ids: tuple[int, ...] = ()
    meeting_ids: tuple[int, ...] = ()
    documents: tuple[DocumentLink, ...] = ()
    source_return_text_id: int | None = None
    is_demo: bool = False


@dataclass(frozen=True)
class DeletedPractice:
    """Everything needed to put a deleted entry back as it was (undo)."""

    id: int
    title: str
    values: dict[str, object] = field(repr=False)  # every column of the entry
    documents: tuple[dict[str, object], ...] = field(repr=False)
    force_ids: tuple[int, ...] = ()
    action_ids: tuple[int, ...] = ()
    meeting_ids: tuple[int, ...] = ()

    def describe(self) -> str:
        return f"“{self.title}”"
