"""The minutes of a meeting as a plain document: what the PDF and the .docx exports both draw.

Every word is decided here (dates, labels, the status line), so the two exports say the same
thing; the renderers only lay it out.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..db.database import Database
from ..domain.enums import AttendanceStatus, MinutesStatus
from ..exports import printable_all
from ..formatting import uk_date
from .errors import NetworkError
from .labels import ACTION_STATUS, AGENDA_KIND, long_date, meeting_label, place_text
from .meeting_detail import MeetingDetail, meeting_detail
from .minutes_html import Block, html_blocks

DEMO_LINE = "DEMO DATA: a synthetic meeting made for trying the app, not a real record."
DECISION_HEADERS = ("No.", "Decision", "Item", "Date")
ACTION_HEADERS = ("Reference", "Action", "Owner", "Due", "Status", "Item")
ATTENDANCE_HEADERS = ("Organisation", "Member")
DEPUTY_HEADERS = ("Organisation", "Deputy")
GROUPS = (
    (AttendanceStatus.PRESENT, "Present"),
    (AttendanceStatus.DEPUTY, "Represented by a deputy"),
    (AttendanceStatus.APOLOGIES, "Apologies"),
    (AttendanceStatus.ABSENT, "Absent"),
)


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class AttendanceGroup:
    label: str  # "Present", "Apologies"…
    table: Table


@dataclass(frozen=True)
class DocItem:
    number: int
    title: str
    kind: str  # "for decision"
    presenter: str  # "" when none
    papers: tuple[str, ...]
    blocks: tuple[Block, ...]  # the minutes; empty when none were taken


@dataclass(frozen=True)
class MinutesDocument:
    marking: str  # in capitals, e.g. OFFICIAL-SENSITIVE
    title: str
    series: str
    when: str  # "Tuesday 12 May 2026, 10:30"
    date_iso: str  # "2026-05-12", for file names
    place: str
    status_line: str
    quorum: str
    is_demo: bool
    attendance: tuple[AttendanceGroup, ...]  # groups with nobody in them are left out
    items: tuple[DocItem, ...]
    decisions: Table
    actions: Table
    errata: tuple[str, ...]  # "12 Mar 2026, Marcus Oyelaran, item 3: …"

    @property
    def demo_line(self) -> str:
        return DEMO_LINE if self.is_demo else ""

    @property
    def file_stem(self) -> str:
        """A file name for the export: "Minutes 2026-05-12 Network meeting, May 2026"."""
        safe = "".join(c for c in self.title if c not in '<>:"/\\|?*').strip()
        return f"Minutes {self.date_iso} {safe}".strip()


def minutes_document(db: Database, meeting_id: int, marking: str) -> MinutesDocument:
    marking = " ".join(marking.split()).upper()
    if not marking:
        raise NetworkError(
            "Choose a protective marking (for example OFFICIAL or OFFICIAL-SENSITIVE): every "
            "export carries one."
        )
    return build_document(meeting_detail(db, meeting_id), marking)


def build_document(d: MeetingDetail, marking: str) -> MinutesDocument:
    """The document; its text as Word and PDF can hold it (exports.printable_all)."""
    return printable_all(_build(d, marking))


def _build(d: MeetingDetail, marking: str) -> MinutesDocument:
    items = tuple(
        DocItem(
            number=i.position,
            title=i.title,
            kind=AGENDA_KIND[i.kind],
            presenter=i.presenter or "",
            papers=i.papers,
            blocks=html_blocks(i.minutes),
        )
        for i in d.agenda
    )
    positions = {i.id: i.position for i in d.agenda}
    decisions = Table(
        DECISION_HEADERS,
        tuple(
            (str(x.number), x.text, _item(x.agenda_position), uk_date(x.decided_on))
            for x in d.decisions
        ),
    )
    actions = Table(
        ACTION_HEADERS,
        tuple(
            (
                a.reference,
                a.title,
                ", ".join(x for x in (a.owner, a.organisation) if x) or "No owner",
                uk_date(a.due_date) or "No due date",
                ACTION_STATUS[a.status],
                _item(positions.get(a.agenda_item_id) if a.agenda_item_id else None),
            )
            for a in d.actions
        ),
    )
    errata = tuple(
        f"{uk_date(e.made_on)}, {e.made_by}"
        + (f", item {e.agenda_position}" if e.agenda_position else "")
        + f": {e.text}"
        for e in d.errata
    )
    return MinutesDocument(
        marking=marking,
        title=d.title,
        series=d.series,
        when=f"{long_date(d.starts_at)}, {d.starts_at:%H:%M}",
        date_iso=d.starts_at.date().isoformat(),
        place=place_text(d.location, d.online),
        status_line=_status_line(d),
        quorum=d.quorum.sentence,
        is_demo=d.is_demo,
        attendance=_attendance(d),
        items=items,
        decisions=decisions,
        actions=actions,
        errata=errata,
    )


def _item(position: int | None) -> str:
    return str(position) if position else ""


def _status_line(d: MeetingDetail) -> str:
    status = d.minutes_status
    if status is MinutesStatus.DRAFT:
        return "DRAFT minutes: not yet circulated or approved."
    if status is MinutesStatus.CIRCULATED:
        return "Minutes circulated to members: not yet approved."
    approved = "Approved"
    if d.approved_at is not None:
        by = meeting_label(d.approved_at.title, d.approved_at.starts_at)
        approved += f" at {by} ({uk_date(d.approved_at.starts_at.date())})"
    if status is MinutesStatus.LOCKED:
        return f"{approved}; locked."
    return f"{approved}."


def _attendance(d: MeetingDetail) -> tuple[AttendanceGroup, ...]:
    groups = []
    for status, label in GROUPS:
        rows = tuple(
            (a.organisation, a.deputy_name if status is AttendanceStatus.DEPUTY else a.person or "")
            for a in d.attendance
            if a.status is status
        )
        if rows:
            headers = DEPUTY_HEADERS if status is AttendanceStatus.DEPUTY else ATTENDANCE_HEADERS
            groups.append(AttendanceGroup(label, Table(headers, rows)))
    return tuple(groups)
