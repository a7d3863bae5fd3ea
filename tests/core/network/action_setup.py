"""A small network for the action-log tests: two organisations, two people, one meeting."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from commissioner_desk.db.models import (
    AgendaItem,
    Force,
    Meeting,
    MeetingSeries,
    Organisation,
    Person,
)
from commissioner_desk.domain.enums import AgendaItemKind, OrganisationKind
from commissioner_desk.network.actions import ActionDraft, create_action

TODAY = date(2026, 3, 2)  # a Monday; rows are created "now", which is never before it
KENT = "E23000032"


@dataclass(frozen=True)
class Net:
    kent_org: int
    home_office: int
    rachel: int  # Kent Police
    priya: int  # Home Office
    meeting: int  # "Network meeting, February 2026", 10/02/2026
    items: tuple[int, ...]  # its agenda items 1 to 3
    other_meeting: int
    other_item: int


def make_network(db) -> Net:
    with db.session() as s:
        kent_force = s.scalar(select(Force.id).where(Force.code == KENT))
        kent = Organisation(name="Kent Police", kind=OrganisationKind.FORCE, force_id=kent_force)
        ho = Organisation(name="Home Office", kind=OrganisationKind.GOVERNMENT)
        s.add_all([kent, ho])
        s.flush()
        rachel = Person(name="Rachel Whitcombe", role="Chief Constable", organisation_id=kent.id)
        priya = Person(name="Priya Raman", role="Policy adviser", organisation_id=ho.id)
        series = MeetingSeries(name="Test network", action_prefix="TST", quorum=0)
        s.add_all([rachel, priya, series])
        s.flush()
        meeting = Meeting(
            series_id=series.id,
            title="Network meeting, February 2026",
            starts_at=datetime(2026, 2, 10, 10, 30),
        )
        other = Meeting(series_id=series.id, title="Extra", starts_at=datetime(2026, 2, 24, 14))
        s.add_all([meeting, other])
        s.flush()
        items = [
            AgendaItem(meeting_id=meeting.id, position=n, title=t, kind=AgendaItemKind.DISCUSSION)
            for n, t in enumerate(("Welcome", "Minutes", "County lines"), start=1)
        ]
        other_item = AgendaItem(
            meeting_id=other.id, position=1, title="Returns", kind=AgendaItemKind.INFORMATION
        )
        s.add_all([*items, other_item])
        s.flush()
        return Net(
            kent.id,
            ho.id,
            rachel.id,
            priya.id,
            meeting.id,
            tuple(i.id for i in items),
            other.id,
            other_item.id,
        )


def add(db, net: Net, title: str, **fields):
    """Create an action raised at item 3 of the February meeting, owned by Rachel."""
    values = {"agenda_item_id": net.items[2], "owner_person_id": net.rachel, **fields}
    return create_action(db, ActionDraft(title=title, **values), TODAY)
