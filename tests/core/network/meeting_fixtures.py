"""Small builders for the meetings tests: a series, meetings, organisations and actions.

Actions are written straight to the table here: this module tests meetings, not the action log.
"""

from __future__ import annotations

from datetime import date, datetime

from commissioner_desk.db.models import ActionItem, Meeting
from commissioner_desk.domain.enums import ActionStatus, OrganisationKind
from commissioner_desk.network.meetings import create_meeting, create_series
from commissioner_desk.network.organisations import create_organisation, create_person

TODAY = date(2026, 3, 20)
FEB = datetime(2026, 2, 10, 10, 30)
MAY = datetime(2026, 5, 12, 10, 30)
NOV = datetime(2025, 11, 11, 10, 30)


def series(db, name: str = "Test network", quorum: int = 3, prefix: str = "TST") -> int:
    return create_series(db, name, prefix, quorum).id


def meeting(db, series_id: int, when: datetime, title: str = "") -> int:
    return create_meeting(db, series_id, when, "Marsham Street", False, title, TODAY)


def org(db, name: str, kind: OrganisationKind = OrganisationKind.NGO) -> int:
    return create_organisation(db, name, kind).id


def person(db, name: str, organisation_id: int | None) -> int:
    return create_person(db, name, "Lead", organisation_id, "").id


def version(db, model: type, row_id: int) -> int:
    with db.session() as s:
        return s.get(model, row_id).version


def meeting_version(db, meeting_id: int) -> int:
    return version(db, Meeting, meeting_id)


def action(
    db,
    reference: str,
    meeting_id: int | None,
    *,
    item_id: int | None = None,
    status: ActionStatus = ActionStatus.OPEN,
    org_id: int | None = None,
    person_id: int | None = None,
    due: date | None = None,
) -> int:
    with db.session() as s:
        a = ActionItem(
            reference=reference,
            title=f"Action {reference}",
            meeting_id=meeting_id,
            agenda_item_id=item_id,
            status=status,
            owner_organisation_id=org_id,
            owner_person_id=person_id,
            due_date=due,
        )
        s.add(a)
        s.flush()
        return a.id
