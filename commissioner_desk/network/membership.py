"""Network membership: who has signed up, with the history kept when a PCC changes.

One record per area and term. A sign-up, a withdrawal or a new commissioner closes the area's
current record (its `ends_on` is the day the change took effect) and opens the next, so the
history reads as an unbroken line of terms. Details of a record (signatory, lead officer,
contact, notes) are corrected in place. Every change is made on top of the version the user
saw: if someone else changed the area meanwhile, EditConflict names them and nothing is saved.

Reading is in membership_query.py; the data in membership_types.py.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from ..db.database import Database
from ..db.models import Force, Membership, Organisation
from ..domain.enums import MembershipStatus, OrganisationKind
from ..formatting import uk_date
from .editing import EditConflict, LastChange, Saved, check_version, last_change, save
from .errors import NetworkError
from .membership_query import (
    area_condition,
    area_history,
    area_of,
    areas_to_chase,
    list_areas,
    load_record,
    membership_summary,
)
from .membership_types import (
    STATUS_LABELS,
    AreaFilter,
    AreaMembership,
    MembershipDraft,
    MembershipRow,
    MembershipSummary,
    Standing,
    chase_list,
    summarise,
)

LIMITS = {"commissioner": 200, "signatory": 200, "lead_officer": 200, "contact": 300}
LABELS = {
    "commissioner": "commissioner's name",
    "signatory": "signatory",
    "lead_officer": "lead officer",
    "contact": "contact",
}
EDITABLE = {*LIMITS, "notes", "signed_on"}

__all__ = [
    "AreaFilter",
    "AreaMembership",
    "MembershipDraft",
    "MembershipError",
    "MembershipRow",
    "MembershipSummary",
    "Standing",
    "area_history",
    "area_of",
    "areas_to_chase",
    "chase_list",
    "edit_record",
    "list_areas",
    "membership_summary",
    "new_commissioner",
    "record_status",
    "sign_up",
    "summarise",
    "undo_last",
    "withdraw",
]


class MembershipError(NetworkError):
    """A membership change the rules refuse; the message says why and what to do."""


# ----- checking what was typed ----------------------------------------------------------------


def _clean(values: Mapping[str, object]) -> dict[str, object]:
    out = dict(values)
    for key, limit in LIMITS.items():
        if key in out:
            text = " ".join(str(out[key] or "").split())
            if len(text) > limit:
                raise MembershipError(
                    f"The {LABELS[key]} is {len(text)} characters long; keep it to {limit}."
                )
            out[key] = text
    if "notes" in out:
        out["notes"] = str(out["notes"] or "").strip()
    return out


def _not_future(d: date | None, what: str, today: date) -> None:
    if d is not None and d > today:
        raise MembershipError(
            f"The {what} ({uk_date(d)}) is in the future. Record it on or after the day."
        )


def _check_draft(draft: MembershipDraft, today: date) -> MembershipDraft:
    values = _clean(
        {k: getattr(draft, k) for k in ("commissioner", "signatory", "lead_officer", "contact")}
        | {"notes": draft.notes}
    )
    draft = replace(draft, **values)
    _not_future(draft.starts_on, "date it took effect", today)
    if draft.status == MembershipStatus.SIGNED_UP:
        draft = replace(draft, signed_on=draft.signed_on or draft.starts_on)
        _not_future(draft.signed_on, "date of signing", today)
    elif draft.status == MembershipStatus.NOT_SIGNED:
        draft = replace(draft, signed_on=None)  # nothing was signed
    return draft


# ----- the area and its current record --------------------------------------------------------


def _area(s: Session, code: str) -> Force:
    """The area's force row, locked until the transaction ends (PostgreSQL; SQLite has one
    writer anyway), so two people opening a record for the same area cannot both succeed."""
    force = s.scalars(
        select(Force).where(Force.code == code, area_condition()).with_for_update()
    ).first()
    if force is None:
        raise MembershipError(
            f'"{code}" is not an area of the network: choose a territorial force or BTP.'
        )
    return force


def _current(s: Session, force_id: int) -> Membership | None:
    return s.scalars(
        select(Membership)
        .where(Membership.force_id == force_id, Membership.ends_on.is_(None))
        .order_by(Membership.starts_on.desc(), Membership.id.desc())
    ).first()


def _what(force: Force) -> str:
    return f"The membership of {force.display_name}"


def _theirs(m: Membership) -> dict[str, object]:
    return {
        "Status": STATUS_LABELS[MembershipStatus(m.status)],
        "Commissioner": m.commissioner,
        "Signed on": m.signed_on,
        "Signatory": m.signatory,
        "Lead officer": m.lead_officer,
        "From": m.starts_on,
    }


def _expect(s: Session, force: Force, expected: tuple[int, int] | None) -> Membership | None:
    """The current record, if it is the one the user saw (id, version), or None if they saw
    none and there is still none; else EditConflict: someone changed the area meanwhile."""
    current = _current(s, force.id)
    what = _what(force)
    if expected is None:
        if current is not None:
            raise EditConflict(what, last_change(s, "memberships", current.id), _theirs(current))
        return None
    row_id, version = expected
    check_version(s, s.get(Membership, row_id), Membership, row_id, version, what)
    if current is None or current.id != row_id:  # pragma: no cover - closing bumps the version
        raise EditConflict(what, LastChange("someone else", None))
    return current


def _organisation_for(s: Session, force_id: int) -> int | None:
    """The PCC office of the area, else the force itself. Never a demo organisation: a real
    record must not point at a row that removing the demo deletes."""
    rows = s.execute(
        select(Organisation.id, Organisation.kind).where(
            Organisation.force_id == force_id,
            Organisation.kind.in_([OrganisationKind.PCC_OFFICE, OrganisationKind.FORCE]),
            Organisation.is_demo.is_(False),
        )
    ).all()
    if not rows:
        return None
    rank = {OrganisationKind.PCC_OFFICE: 0, OrganisationKind.FORCE: 1}
    return min(rows, key=lambda r: (rank[OrganisationKind(r.kind)], r.id)).id


def _open_next(
    db: Database,
    code: str,
    expected: tuple[int, int] | None,
    make_draft,
    today: date,
) -> MembershipRow:
    """Close the area's current record and open the one `make_draft(current, area name)`
    describes."""
    try:
        with db.session() as s:
            force = _area(s, code)
            current = _expect(s, force, expected)
            draft = _check_draft(make_draft(current, force.display_name), today)
            if current is not None:
                if draft.starts_on < current.starts_on:
                    raise MembershipError(
                        f"{force.display_name}'s current record began on "
                        f"{uk_date(current.starts_on)}; the change cannot take effect before "
                        f"that ({uk_date(draft.starts_on)})."
                    )
                current.ends_on = draft.starts_on
            record = Membership(
                force_id=force.id,
                organisation_id=_organisation_for(s, force.id),
                status=draft.status,
                commissioner=draft.commissioner,
                signed_on=draft.signed_on,
                signatory=draft.signatory,
                lead_officer=draft.lead_officer,
                contact=draft.contact,
                notes=draft.notes,
                starts_on=draft.starts_on,
            )
            s.add(record)
            s.flush()
            return load_record(s, record.id)
    except StaleDataError as exc:  # saved by someone else between our check and our UPDATE
        with db.session() as s:
            force = s.scalars(select(Force).where(Force.code == code)).one()
            if expected is not None:
                check_version(
                    s, s.get(Membership, expected[0]), Membership, *expected, _what(force)
                )
            raise EditConflict(_what(force), LastChange("someone else", None)) from exc


# ----- the changes ----------------------------------------------------------------------------


def record_status(
    db: Database,
    code: str,
    draft: MembershipDraft,
    expected: tuple[int, int] | None,
    today: date | None = None,
) -> MembershipRow:
    """Open the area's next record with a new status: signed up, not (yet) signed, withdrawn.

    `expected` is the (id, version) of the current record the user saw, or None if they saw
    none. The moves allowed: a first record of any status; signing up unless already signed up;
    withdrawing only when signed up. (A new commissioner, whatever the status, is
    `new_commissioner`.)"""
    today = today or date.today()
    status = MembershipStatus(draft.status)

    def make(current: Membership | None, name: str) -> MembershipDraft:
        was = MembershipStatus(current.status) if current is not None else None
        if status == MembershipStatus.SIGNED_UP and was == MembershipStatus.SIGNED_UP:
            raise MembershipError(
                f"{name} is already signed up (since {uk_date(current.starts_on)}). To change "
                "the signatory or contact, edit the record; when the PCC changes, record a new "
                "commissioner."
            )
        if status == MembershipStatus.WITHDRAWN and was != MembershipStatus.SIGNED_UP:
            raise MembershipError(f"{name} is not signed up, so it cannot withdraw.")
        if status == MembershipStatus.NOT_SIGNED and was is not None:
            raise MembershipError(
                f"{name} already has a record ({STATUS_LABELS[was].lower()}). Record a sign-up "
                "or a withdrawal instead."
            )
        if current is not None and not draft.commissioner:  # the same PCC, still in office
            return replace(draft, status=status, commissioner=current.commissioner)
        return replace(draft, status=status)

    return _open_next(db, code, expected, make, today)


def sign_up(
    db: Database,
    code: str,
    draft: MembershipDraft,
    expected: tuple[int, int] | None,
    today: date | None = None,
) -> MembershipRow:
    """Record that the area has signed up (first time, or again after withdrawing)."""
    draft = replace(draft, status=MembershipStatus.SIGNED_UP)
    return record_status(db, code, draft, expected, today)


def withdraw(
    db: Database,
    record_id: int,
    version: int,
    on: date,
    notes: str = "",
    today: date | None = None,
) -> MembershipRow:
    """The signed-up area whose current record this is has withdrawn from the network on `on`.
    Lead officer and contact are kept: they are who to chase."""
    current = _record(db, record_id)

    def make(row: Membership | None, name: str) -> MembershipDraft:
        if row is None or MembershipStatus(row.status) != MembershipStatus.SIGNED_UP:
            raise MembershipError(f"{name} is not signed up, so it cannot withdraw.")
        return MembershipDraft(
            status=MembershipStatus.WITHDRAWN,
            starts_on=on,
            commissioner=row.commissioner,
            lead_officer=row.lead_officer,
            contact=row.contact,
            notes=notes,
        )

    return _open_next(db, current.force_code, (record_id, version), make, today or date.today())


def new_commissioner(
    db: Database,
    record_id: int,
    version: int,
    on: date,
    commissioner: str,
    *,
    status: MembershipStatus | None = None,
    changes: Mapping[str, object] | None = None,
    today: date | None = None,
) -> MembershipRow:
    """A new PCC took office on `on`: the current record closes and the next opens with the
    same status (unless `status` says otherwise), signatory, date of signing, lead officer and
    contact; `changes` overrides any of those (e.g. the new PCC re-signed)."""
    current = _record(db, record_id)
    name = " ".join((commissioner or "").split())
    if not name:
        raise MembershipError("Give the new commissioner's name.")
    extra = _clean(changes or {})
    unknown = set(extra) - EDITABLE
    if unknown:
        raise MembershipError(f"These cannot be set here: {', '.join(sorted(unknown))}.")

    def make(row: Membership | None, area: str) -> MembershipDraft:
        assert row is not None  # _expect found the record the user saw
        if name.casefold() == row.commissioner.casefold():
            raise MembershipError(
                f"{name} is already the commissioner on {area}'s record. "
                "Give the name of the one who took office."
            )
        carried = MembershipDraft(
            status=MembershipStatus(status or row.status),
            starts_on=on,
            signed_on=row.signed_on,
            commissioner=name,
            signatory=row.signatory,
            lead_officer=row.lead_officer,
            contact=row.contact,
            notes="",
        )
        if carried.status != MembershipStatus.SIGNED_UP:
            carried = replace(carried, signed_on=None, signatory="")
        return replace(carried, **extra)

    return _open_next(db, current.force_code, (record_id, version), make, today or date.today())


def edit_record(
    db: Database,
    record_id: int,
    version: int,
    changes: Mapping[str, object],
    today: date | None = None,
) -> Saved:
    """Correct a record's details (commissioner, signatory, lead officer, contact, notes, date
    of signing) if nobody saved it since `version`; else EditConflict. Status and dates of the
    term change only by recording the next record (or undoing the last)."""
    today = today or date.today()
    unknown = set(changes) - EDITABLE
    if unknown:
        raise MembershipError(
            f"These cannot be changed by editing: {', '.join(sorted(unknown))}. Record a "
            "sign-up, withdrawal or new commissioner instead."
        )
    values = _clean(changes)
    row = _record(db, record_id)
    if "signed_on" in values:
        signed = values["signed_on"]
        _not_future(signed, "date of signing", today)
        if signed is not None and row.status == MembershipStatus.NOT_SIGNED:
            raise MembershipError(
                f"{row.force_name} has not signed on this record, so it has no date of signing. "
                "Record a sign-up instead."
            )
        if signed is None and row.status == MembershipStatus.SIGNED_UP:
            raise MembershipError("A signed-up record needs the date of signing.")
    return save(db, Membership, record_id, version, values, _record_what(row.force_name))


def undo_last(db: Database, record_id: int, version: int) -> MembershipRow | None:
    """Take back the area's latest change (a record entered by mistake): its current record is
    deleted and the one before it, if any, is current again. Returns that one (or None)."""
    row = _record(db, record_id)
    what = _record_what(row.force_name)
    try:
        with db.session() as s:
            record = check_version(
                s, s.get(Membership, record_id), Membership, record_id, version, what
            )
            if record.ends_on is not None:
                raise MembershipError(
                    f"Only {row.force_name}'s current record can be taken back; this one ended "
                    f"on {uk_date(record.ends_on)}."
                )
            before = s.scalars(
                select(Membership)
                .where(Membership.force_id == record.force_id, Membership.id != record.id)
                .order_by(Membership.starts_on.desc(), Membership.id.desc())
            ).first()
            s.delete(record)
            s.flush()
            if before is None:
                return None
            before.ends_on = None
            s.flush()
            return load_record(s, before.id)
    except StaleDataError as exc:
        raise EditConflict(what, LastChange("someone else", None)) from exc


def _record_what(area: str) -> str:
    return f"The membership record of {area}"


def _record(db: Database, record_id: int) -> MembershipRow:
    with db.session() as s:
        row = load_record(s, record_id)
        if row is None:
            change = last_change(s, "memberships", record_id)
            raise EditConflict(
                "This membership record", LastChange(change.who, change.at, deleted=True)
            )
        return row
