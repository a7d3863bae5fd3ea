"""Organisations (forces, PCC offices, agencies, NGOs, the commissioner's office) and people.

Forces and their PCC offices are made from the force registry by `sync_force_organisations`,
linked by `force_id`, so an action owned by a force can be shown on that force's page.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..db.database import Database
from ..db.models import Force, Organisation, Person
from ..domain.enums import OrganisationKind
from ..domain.forces import ForceKind
from . import editing
from .errors import NetworkError

# Where a mayor or a corporation holds the PCC's functions the office has its own name. The
# first three are the names the demo network uses too (demo/network_content.py).
PCC_OFFICE_NAMES = {
    "E23000001": "Mayor's Office for Policing and Crime",
    "E23000005": "Greater Manchester Combined Authority (Police, Fire and Crime)",
    "E23000010": "West Yorkshire Combined Authority (Policing and Crime)",
    "E23000009": "York and North Yorkshire Combined Authority (Policing, Fire and Crime)",
    "E23000011": "South Yorkshire Mayoral Combined Authority (Policing and Crime)",
    "E23000034": "City of London Police Authority Board",  # no PCC in the City
}
PCC_NATIONS = ("England", "Wales")  # Scotland and Northern Ireland have no PCCs
OTHER_FORCES = ("BTP",)  # not territorial, but a member of the network in its own right


@dataclass(frozen=True)
class OrganisationRow:
    id: int
    version: int
    name: str
    kind: OrganisationKind
    force_id: int | None
    force_code: str | None
    force_name: str | None
    people: int
    is_demo: bool


@dataclass(frozen=True)
class PersonRow:
    id: int
    version: int
    name: str
    role: str
    organisation_id: int | None
    organisation_name: str | None
    email: str
    is_demo: bool


@dataclass(frozen=True)
class SyncResult:
    created: tuple[str, ...]  # names of organisations added
    linked: tuple[str, ...]  # existing organisations of the same name now linked to the force
    skipped: tuple[str, ...]  # names held by an organisation linked to something else

    def describe(self) -> str:
        text = f"{len(self.created)} organisations added, {len(self.linked)} linked to a force"
        if self.skipped:
            text += (
                f"; {len(self.skipped)} not added because the name is already used by another "
                f"organisation: {', '.join(self.skipped)}"
            )
        return text + "."


def pcc_office_name(code: str, ons_name: str) -> str:
    return PCC_OFFICE_NAMES.get(code, f"Office of the Police and Crime Commissioner for {ons_name}")


def list_organisations(db: Database) -> list[OrganisationRow]:
    with db.session() as s:
        people = dict(
            s.execute(
                select(Person.organisation_id, func.count()).group_by(Person.organisation_id)
            ).all()
        )
        rows = s.execute(
            select(Organisation, Force.code, Force.display_name)
            .outerjoin(Force, Force.id == Organisation.force_id)
            .order_by(func.lower(Organisation.name))
        ).all()
        return [
            OrganisationRow(
                id=o.id,
                version=o.version,
                name=o.name,
                kind=OrganisationKind(o.kind),
                force_id=o.force_id,
                force_code=code,
                force_name=force_name,
                people=people.get(o.id, 0),
                is_demo=o.is_demo,
            )
            for o, code, force_name in rows
        ]


def list_people(db: Database, organisation_id: int | None = None) -> list[PersonRow]:
    with db.session() as s:
        query = (
            select(Person, Organisation.name)
            .outerjoin(Organisation, Organisation.id == Person.organisation_id)
            .order_by(func.lower(Person.name), Person.id)
        )
        if organisation_id is not None:
            query = query.where(Person.organisation_id == organisation_id)
        return [_person_row(p, org) for p, org in s.execute(query)]


def _person_row(p: Person, organisation: str | None) -> PersonRow:
    return PersonRow(
        id=p.id,
        version=p.version,
        name=p.name,
        role=p.role,
        organisation_id=p.organisation_id,
        organisation_name=organisation,
        email=p.email,
        is_demo=p.is_demo,
    )


def _clean_name(name: str, what: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise NetworkError(f"Give the {what} a name.")
    if len(name) > 200:
        raise NetworkError(f"The {what}'s name is {len(name)} characters long; 200 at most.")
    return name


def _name_taken(s: Session, name: str, except_id: int | None = None) -> str | None:
    query = select(Organisation.name).where(func.lower(Organisation.name) == name.lower())
    if except_id is not None:
        query = query.where(Organisation.id != except_id)
    return s.scalar(query)


def create_organisation(
    db: Database, name: str, kind: OrganisationKind, force_id: int | None = None
) -> OrganisationRow:
    name = _clean_name(name, "organisation")
    with db.session() as s:
        if taken := _name_taken(s, name):
            raise NetworkError(f"There is already an organisation called “{taken}”.")
        org = Organisation(name=name, kind=kind, force_id=force_id)
        s.add(org)
        s.flush()
        org_id = org.id
    return _organisation(db, org_id)


def edit_organisation(
    db: Database, organisation_id: int, version: int, changes: dict[str, object]
) -> OrganisationRow:
    """Save `changes` (name, kind, force_id) if nobody has saved the organisation since."""
    changes = dict(changes)
    if "name" in changes:
        changes["name"] = _clean_name(str(changes["name"]), "organisation")
        with db.session() as s:
            if taken := _name_taken(s, changes["name"], organisation_id):
                raise NetworkError(f"There is already an organisation called “{taken}”.")
    try:
        editing.save(db, Organisation, organisation_id, version, changes, "The organisation")
    except IntegrityError as exc:  # the same name saved by someone else a moment ago
        raise NetworkError(f"There is already an organisation called “{changes['name']}”.") from exc
    return _organisation(db, organisation_id)


def _organisation(db: Database, organisation_id: int) -> OrganisationRow:
    return next(o for o in list_organisations(db) if o.id == organisation_id)


def _check_email(email: str) -> str:
    email = email.strip()
    if email and ("@" not in email or " " in email):
        raise NetworkError(f"“{email}” is not an email address (name@example.org).")
    return email


def create_person(
    db: Database, name: str, role: str = "", organisation_id: int | None = None, email: str = ""
) -> PersonRow:
    name = _clean_name(name, "person")
    with db.session() as s:
        person = Person(
            name=name,
            role=role.strip(),
            organisation_id=organisation_id,
            email=_check_email(email),
        )
        s.add(person)
        s.flush()
        org = s.get(Organisation, organisation_id) if organisation_id else None
        return _person_row(person, org.name if org else None)


def edit_person(db: Database, person_id: int, version: int, changes: dict[str, object]) -> None:
    """Save `changes` (name, role, organisation_id, email) unless someone saved in between."""
    changes = dict(changes)
    if "name" in changes:
        changes["name"] = _clean_name(str(changes["name"]), "person")
    if "email" in changes:
        changes["email"] = _check_email(str(changes["email"]))
    editing.save(db, Person, person_id, version, changes, "The person's details")


def sync_force_organisations(db: Database) -> SyncResult:
    """An organisation for every territorial force and BTP, and a PCC office for each force in
    England and Wales, linked to the registry. Running it again adds only what is missing."""
    done: dict[str, list[str]] = {"created": [], "linked": [], "skipped": [], "kept": []}
    with db.session() as s:
        forces = s.scalars(
            select(Force)
            .where(
                Force.active,
                (Force.kind == str(ForceKind.TERRITORIAL)) | Force.code.in_(OTHER_FORCES),
            )
            .order_by(Force.id)
        ).all()
        for force in forces:
            wanted = [(OrganisationKind.FORCE, force.display_name)]
            if force.kind == ForceKind.TERRITORIAL and force.nation in PCC_NATIONS:
                wanted.append(
                    (OrganisationKind.PCC_OFFICE, pcc_office_name(force.code, force.ons_name))
                )
            for kind, name in wanted:
                done[_ensure(s, force, kind, name)].append(name)
    return SyncResult(tuple(done["created"]), tuple(done["linked"]), tuple(done["skipped"]))


def _ensure(s: Session, force: Force, kind: OrganisationKind, name: str) -> str:
    """Make sure the force has a (real, not demo) organisation of this kind."""
    have = s.scalar(
        select(Organisation.id).where(
            Organisation.force_id == force.id, Organisation.kind == kind, ~Organisation.is_demo
        )
    )
    if have is not None:
        return "kept"  # as it is, even if someone renamed it
    same_name = s.scalars(
        select(Organisation).where(func.lower(Organisation.name) == name.lower())
    ).first()
    if same_name is not None and same_name.is_demo:
        # Real data wins the plain name; the demo copy goes on as "… (demo)".
        from ..demo.network import unique_name

        taken = {n.casefold() for n in s.scalars(select(Organisation.name))}  # holds `name`
        same_name.name = unique_name(name, taken)
        s.flush()
        same_name = None
    if same_name is not None:
        if same_name.force_id not in (None, force.id):
            return "skipped"
        same_name.force_id, same_name.kind = force.id, kind
        return "linked"
    s.add(Organisation(name=name, kind=kind, force_id=force.id))
    s.flush()
    return "created"
