"""Agenda items: add, edit, reorder and delete while the minutes are draft; papers as links.

Positions run 1, 2, 3… with no gaps after every change, so "item 4" in a minute reference
is what the printed agenda says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlparse

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..db.database import Database
from ..db.models import ActionItem, AgendaItem, Decision, Meeting, Person
from ..domain.enums import AgendaItemKind
from . import editing
from .editing import check_version
from .errors import NetworkError
from .guarded import AGENDA_OPEN, locked_meeting, require_status, save_if, stale_is_conflict

WINDOWS_PATH = re.compile(r"^[A-Za-z]:[\\/]")  # C:\Papers\item 4.pdf
UNC_PATH = re.compile(r"^\\\\[^\\]+\\[^\\]+")  # \\server\share\item 4.pdf


@dataclass(frozen=True)
class AgendaItemRow:
    id: int
    version: int
    meeting_id: int
    position: int
    title: str
    kind: AgendaItemKind
    presenter_id: int | None
    presenter: str | None
    papers: tuple[str, ...]
    minutes: str  # the HTML subset


def parse_papers(text: str) -> tuple[str, ...]:
    """One link per line: a web address (http or https), a file: address, or a full file path.
    Blank lines are dropped; anything else is refused, naming the line."""
    links = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if not _is_link(line):
            raise NetworkError(
                f"Papers, line {number}: “{line}” is not a web address (https://…) or a full "
                "file path (C:\\…, \\\\server\\share\\… or /…). Put one link on each line."
            )
        links.append(line)
    return tuple(links)


def _is_link(line: str) -> bool:
    if WINDOWS_PATH.match(line) or UNC_PATH.match(line):
        return True
    if line.startswith("/") and not line.startswith("//"):
        return True
    url = urlparse(line)
    if url.scheme in ("http", "https"):
        return bool(url.netloc) and " " not in url.netloc
    return url.scheme == "file" and bool(url.path)


def item_row(item: AgendaItem, presenter: str | None) -> AgendaItemRow:
    return AgendaItemRow(
        id=item.id,
        version=item.version,
        meeting_id=item.meeting_id,
        position=item.position,
        title=item.title,
        kind=AgendaItemKind(item.kind),
        presenter_id=item.presenter_id,
        presenter=presenter,
        papers=tuple(line for line in item.papers.splitlines() if line.strip()),
        minutes=item.minutes,
    )


def agenda_rows(s: Session, meeting_id: int) -> list[AgendaItemRow]:
    rows = s.execute(
        select(AgendaItem, Person.name)
        .outerjoin(Person, Person.id == AgendaItem.presenter_id)
        .where(AgendaItem.meeting_id == meeting_id)
        .order_by(AgendaItem.position, AgendaItem.id)
    ).all()
    return [item_row(item, presenter) for item, presenter in rows]


def list_agenda(db: Database, meeting_id: int) -> list[AgendaItemRow]:
    with db.session() as s:
        return agenda_rows(s, meeting_id)


def _item_fields(
    title: str, kind: AgendaItemKind, presenter_id: int | None, papers: str
) -> dict[str, object]:
    title = " ".join(title.split())
    if not title:
        raise NetworkError("Give the agenda item a title.")
    if len(title) > 300:
        raise NetworkError(f"The item's title is {len(title)} characters long; 300 at most.")
    return {
        "title": title,
        "kind": AgendaItemKind(kind),
        "presenter_id": presenter_id,
        "papers": "\n".join(parse_papers(papers)),
    }


def add_agenda_item(
    db: Database,
    meeting_id: int,
    title: str,
    kind: AgendaItemKind,
    presenter_id: int | None = None,
    papers: str = "",
) -> AgendaItemRow:
    """Add an item at the end of the agenda."""
    fields = _item_fields(title, kind, presenter_id, papers)
    with db.session() as s:
        meeting = locked_meeting(s, meeting_id)
        require_status(meeting, AGENDA_OPEN, "change the agenda")
        last = s.scalar(
            select(func.max(AgendaItem.position)).where(AgendaItem.meeting_id == meeting_id)
        )
        item = AgendaItem(meeting_id=meeting_id, position=(last or 0) + 1, minutes="", **fields)
        s.add(item)
        s.flush()
        presenter = s.get(Person, presenter_id) if presenter_id else None
        return item_row(item, presenter.name if presenter else None)


def edit_agenda_item(
    db: Database,
    item_id: int,
    version: int,
    title: str,
    kind: AgendaItemKind,
    presenter_id: int | None,
    papers: str,
) -> editing.Saved:
    fields = _item_fields(title, kind, presenter_id, papers)

    def guard(s: Session, item: AgendaItem) -> None:
        require_status(locked_meeting(s, item.meeting_id), AGENDA_OPEN, "change the agenda")

    return save_if(db, AgendaItem, item_id, version, fields, f"Agenda item “{title}”", guard)


def move_agenda_item(db: Database, item_id: int, version: int, up: bool) -> list[AgendaItemRow]:
    """Swap the item with the one above (`up`) or below; the agenda as it now is."""
    with stale_is_conflict(db, AgendaItem, item_id, version, "The agenda item"), db.session() as s:
        item = s.get(AgendaItem, item_id)
        check_version(s, item, AgendaItem, item_id, version, "The agenda item")
        meeting = locked_meeting(s, item.meeting_id)
        require_status(meeting, AGENDA_OPEN, "change the agenda")
        items = _ordered(s, meeting)
        i = items.index(item)
        j = i - 1 if up else i + 1
        if 0 <= j < len(items):
            items[i], items[j] = items[j], items[i]
        _renumber(items)
        s.flush()
        return agenda_rows(s, meeting.id)


def delete_agenda_item(db: Database, item_id: int, version: int) -> list[AgendaItemRow]:
    """Remove an item with no decisions or actions recorded against it; the agenda after."""
    with stale_is_conflict(db, AgendaItem, item_id, version, "The agenda item"), db.session() as s:
        item = s.get(AgendaItem, item_id)
        check_version(s, item, AgendaItem, item_id, version, "The agenda item")
        meeting = locked_meeting(s, item.meeting_id)
        require_status(meeting, AGENDA_OPEN, "change the agenda")
        decisions = s.scalar(
            select(func.count()).select_from(Decision).where(Decision.agenda_item_id == item_id)
        )
        actions = s.scalar(
            select(func.count()).select_from(ActionItem).where(ActionItem.agenda_item_id == item_id)
        )
        if decisions or actions:
            raise NetworkError(
                f"Item {item.position}, “{item.title}”, has {decisions} decision(s) and "
                f"{actions} action(s) recorded against it: it cannot be deleted. Change its "
                "title instead, or move them to another item first."
            )
        items = [i for i in _ordered(s, meeting) if i.id != item_id]
        s.delete(item)
        s.flush()
        _renumber(items)
        s.flush()
        return agenda_rows(s, meeting.id)


def _ordered(s: Session, meeting: Meeting) -> list[AgendaItem]:
    return list(
        s.scalars(
            select(AgendaItem)
            .where(AgendaItem.meeting_id == meeting.id)
            .order_by(AgendaItem.position, AgendaItem.id)
        )
    )


def _renumber(items: list[AgendaItem]) -> None:
    for position, item in enumerate(items, start=1):
        if item.position != position:
            item.position = position
