"""Reading network membership: every area with its current record, one area's history, the
summary and the chase list. One short session per call; frozen rows out."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.database import Database
from ..db.models import Force, Membership, Organisation
from ..domain.enums import MembershipStatus
from ..domain.forces import ForceKind
from .errors import NetworkError
from .membership_types import (
    AreaFilter,
    AreaMembership,
    MembershipRow,
    MembershipSummary,
    chase_list,
    summarise,
)

BTP = "BTP"  # the one non-territorial force that takes part in its own right


def area_condition():
    """The forces that are membership areas: territorial ones (43 E&W, Police Scotland, PSNI)
    and BTP. ROCUs and national bodies are not."""
    return Force.active & ((Force.kind == str(ForceKind.TERRITORIAL)) | (Force.code == BTP))


def to_row(m: Membership, force: Force, organisation: str | None) -> MembershipRow:
    return MembershipRow(
        id=m.id,
        version=m.version,
        force_id=force.id,
        force_code=force.code,
        force_name=force.display_name,
        organisation_id=m.organisation_id,
        organisation_name=organisation or "",
        status=MembershipStatus(m.status),
        commissioner=m.commissioner,
        signed_on=m.signed_on,
        signatory=m.signatory,
        lead_officer=m.lead_officer,
        contact=m.contact,
        notes=m.notes,
        starts_on=m.starts_on,
        ends_on=m.ends_on,
        is_demo=m.is_demo,
    )


def _records(s: Session, *where) -> list[tuple[Membership, Force, str | None]]:
    return list(
        s.execute(
            select(Membership, Force, Organisation.name)
            .join(Force, Force.id == Membership.force_id)
            .outerjoin(Organisation, Organisation.id == Membership.organisation_id)
            .where(*where)
            .order_by(Membership.starts_on.desc(), Membership.id.desc())
        ).all()
    )


def load_record(s: Session, record_id: int) -> MembershipRow | None:
    found = _records(s, Membership.id == record_id)
    return to_row(*found[0]) if found else None


def list_areas(db: Database, flt: AreaFilter | None = None) -> list[AreaMembership]:
    """Every area, by name, with its current record; then `flt` applied."""
    with db.session() as s:
        current = {
            force.id: to_row(m, force, org)
            for m, force, org in _records(s, Membership.ends_on.is_(None))
        }
        forces = s.scalars(select(Force).where(area_condition())).all()
        areas = [
            AreaMembership(
                force_id=f.id,
                code=f.code,
                name=f.display_name,
                kind=ForceKind(f.kind),
                nation=f.nation,
                region=f.region,
                record=current.get(f.id),
            )
            for f in forces
        ]
    areas.sort(key=lambda a: a.name.casefold())
    return [a for a in areas if flt is None or flt.accepts(a)]


def area_of(db: Database, code: str) -> AreaMembership:
    found = [a for a in list_areas(db) if a.code == code]
    if not found:
        raise NetworkError(
            f'"{code}" is not an area of the network: choose a territorial force or BTP.'
        )
    return found[0]


def area_history(db: Database, code: str) -> list[MembershipRow]:
    """Every record of the area, the current one first."""
    with db.session() as s:
        return [to_row(*r) for r in _records(s, Force.code == code)]


def membership_summary(db: Database) -> MembershipSummary:
    return summarise(list_areas(db))


def areas_to_chase(db: Database) -> list[AreaMembership]:
    return chase_list(list_areas(db))
