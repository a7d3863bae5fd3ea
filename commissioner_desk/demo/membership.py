"""Demo network membership: most areas signed up, a few not (one withdrew, two were asked and
have not signed, three have no record yet), and history where a PCC changed and the new one
re-signed. Police Scotland and BTP take part; PSNI does not. Every record is flagged demo and
its notes say DEMO.

Names are invented. Dates are relative to `today` and fixed by the area's place in the list, so
the same `today` always gives the same records. Written through the ORM (about fifty rows), so
the audit log sees them as it would a user's.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ..db.models import Force, Membership, Organisation
from ..domain.enums import MembershipStatus, OrganisationKind

SIGNED, NOT_SIGNED, WITHDRAWN = (
    MembershipStatus.SIGNED_UP,
    MembershipStatus.NOT_SIGNED,
    MembershipStatus.WITHDRAWN,
)
# Areas left off the network, by ONS code: the chase list of the demo.
WITHDRAWN_AREAS = ("E23000020",)  # Lincolnshire: signed, then withdrew
ASKED_AREAS = ("E23000013", "E23000038")  # Cleveland, Wiltshire: asked, not yet signed
NO_RECORD_AREAS = ("E23000025", "E23000017", "W15000001")  # Suffolk, Warwickshire, North Wales
NEW_PCC_AREAS = ("E23000032", "E23000014", "E23000010", "W15000003", "E23000035")
NOT_TAKING_PART = ("N92000002",)  # PSNI
FIRST = ("Alex", "Sam", "Jo", "Chris", "Morgan", "Robin", "Jamie", "Priya", "Tariq", "Ewan", "Nia")
LAST = ("Hartley", "Okoro", "Bennett", "Lloyd", "Fraser", "Khan", "Dawson", "Price", "Murray")
NOTE = "DEMO record: invented for trying the app out."


def _name(n: int, salt: int = 0) -> str:
    return f"{FIRST[(n + salt) % len(FIRST)]} {LAST[(n * 5 + salt) % len(LAST)]}"


def _offices(s: Session) -> dict[int, int]:
    """force id → the demo PCC office (else the demo force organisation) of that area."""
    rows = s.execute(
        select(Organisation.force_id, Organisation.kind, Organisation.id).where(
            Organisation.is_demo, Organisation.force_id.is_not(None)
        )
    ).all()
    pcc_last = sorted(rows, key=lambda r: r.kind == OrganisationKind.PCC_OFFICE)
    return {r.force_id: r.id for r in pcc_last}  # so a PCC office wins


def _terms(code: str, n: int, today: date) -> list[tuple]:
    """(status, starts_on, ends_on, commissioner, signed_on, notes) of the area's records."""
    pcc = "" if code in ("S23000009", "BTP") else _name(n)  # chiefs sign for those two
    signed_on = today - timedelta(days=900 + 17 * n)
    election = today - timedelta(days=400)  # the last PCC elections, a year and more ago
    if code in ASKED_AREAS:
        return [(NOT_SIGNED, today - timedelta(days=120 + (30 * n) % 90), None, pcc, None, NOTE)]
    if code in WITHDRAWN_AREAS:
        left = today - timedelta(days=200)
        why = f"{NOTE} Withdrew: no officer free to lead the work."
        return [
            (SIGNED, signed_on, left, pcc, signed_on, NOTE),
            (WITHDRAWN, left, None, pcc, None, why),
        ]
    if code in NEW_PCC_AREAS:  # the PCC changed at the election; the new one re-signed
        resigned = election + timedelta(days=60 + n)
        return [
            (SIGNED, signed_on, election, pcc, signed_on, NOTE),
            (SIGNED, election, None, _name(n, 7), resigned, NOTE),
        ]
    return [(SIGNED, signed_on, None, pcc, signed_on, NOTE)]


def add_memberships(s: Session, today: date, forces: dict[str, Force]) -> int:
    """Add the demo records; areas that already have a record are left as they are. Returns
    how many records were added."""
    offices = _offices(s)
    taken = set(s.scalars(select(Membership.force_id)))
    added = 0
    for n, (code, force) in enumerate(forces.items()):
        if force.id in taken or code in NO_RECORD_AREAS or code in NOT_TAKING_PART:
            continue
        lead = f"DI {_name(n, 3)}"
        for status, starts_on, ends_on, pcc, signed_on, notes in _terms(code, n, today):
            s.add(
                Membership(
                    force_id=force.id,
                    organisation_id=offices.get(force.id),
                    status=status,
                    commissioner=pcc,
                    signed_on=signed_on,
                    signatory=(pcc or "Chief Constable") if status == SIGNED else "",
                    lead_officer=lead,
                    contact=f"{lead[3:].lower().replace(' ', '.')}@example.org",
                    notes=notes,
                    starts_on=starts_on,
                    ends_on=ends_on,
                    is_demo=True,
                )
            )
            added += 1
    s.flush()
    return added


def removal_steps() -> tuple[tuple[str, object], ...]:
    """What demo removal deletes for membership (before the demo organisations go)."""
    return (("memberships", delete(Membership).where(Membership.is_demo)),)
