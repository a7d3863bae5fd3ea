"""Organisations and people, and the force and PCC-office organisations made from the
registry."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from commissioner_desk.db.database import Database
from commissioner_desk.db.models import Force, Organisation
from commissioner_desk.demo import load_demo
from commissioner_desk.demo import network_content as demo_content
from commissioner_desk.domain.enums import OrganisationKind
from commissioner_desk.domain.forces import ForceKind
from commissioner_desk.network.editing import EditConflict
from commissioner_desk.network.errors import NetworkError
from commissioner_desk.network.organisations import (
    create_organisation,
    create_person,
    edit_organisation,
    edit_person,
    list_organisations,
    list_people,
    pcc_office_name,
    sync_force_organisations,
)

F, PCC = OrganisationKind.FORCE, OrganisationKind.PCC_OFFICE


def _by_name(db) -> dict[str, object]:
    return {o.name: o for o in list_organisations(db)}


def test_sync_makes_forces_and_pcc_offices_once(db):
    with db.session() as s:
        territorial = s.scalars(select(Force).where(Force.kind == ForceKind.TERRITORIAL)).all()
        england_wales = [f for f in territorial if f.nation in ("England", "Wales")]
    assert len(england_wales) == 43
    result = sync_force_organisations(db)
    assert len(result.created) == 2 * 43 + 3  # plus Police Scotland, PSNI and BTP
    orgs = _by_name(db)
    kent = orgs["Kent Police"]
    assert (kent.kind, kent.force_code) == (F, "E23000032")
    kent_pcc = orgs["Office of the Police and Crime Commissioner for Kent"]
    assert (kent_pcc.kind, kent_pcc.force_code) == (PCC, "E23000032")
    assert orgs["Mayor's Office for Policing and Crime"].force_code == "E23000001"
    assert orgs["City of London Police Authority Board"].force_code == "E23000034"
    for name, code in (
        ("Police Scotland", "S23000009"),
        ("Police Service of Northern Ireland", "N92000002"),
        ("British Transport Police", "BTP"),
    ):
        assert (orgs[name].kind, orgs[name].force_code) == (F, code)
        assert not [o for o in orgs.values() if o.force_code == code and o.kind is PCC]
    again = sync_force_organisations(db)
    assert (again.created, again.linked, again.skipped) == ((), (), ())
    assert len(list_organisations(db)) == len(orgs)


def test_names_match_the_demo_network(db):
    with db.session() as s:
        forces = {f.code: f for f in s.scalars(select(Force))}
    for code in demo_content.NETWORK_FORCES:
        ons = forces[code].ons_name
        assert pcc_office_name(code, ons) == demo_content.pcc_office_name(code, ons)


def test_sync_after_the_demo_gives_real_data_the_plain_names(db):
    load_demo(db, today=date(2016, 6, 1))
    sync_force_organisations(db)
    orgs = _by_name(db)
    assert orgs["Kent Police"].is_demo is False
    assert orgs["Kent Police (demo)"].is_demo is True
    assert orgs["Kent Police (demo)"].force_code == "E23000032"


def test_sync_links_an_organisation_someone_already_made(db):
    mine = create_organisation(db, "kent police", OrganisationKind.OTHER)
    result = sync_force_organisations(db)
    assert result.linked == ("Kent Police",)
    row = _by_name(db)["kent police"]
    assert (row.id, row.kind, row.force_code) == (mine.id, F, "E23000032")
    assert "Kent Police" not in _by_name(db)  # no second Kent Police


def test_create_and_edit_refuse_duplicate_names(db_url):
    alice, bob = Database(db_url, user="alice"), Database(db_url, user="bob")
    try:
        unseen = create_organisation(alice, "Unseen", OrganisationKind.NGO)
        with pytest.raises(NetworkError, match="already an organisation called “Unseen”"):
            create_organisation(alice, " UNSEEN ", OrganisationKind.NGO)
        other = create_organisation(alice, "Hope for Justice", OrganisationKind.NGO)
        with pytest.raises(NetworkError, match="already an organisation"):
            edit_organisation(alice, other.id, other.version, {"name": "unseen"})
        edit_organisation(alice, unseen.id, unseen.version, {"name": "Unseen UK"})
        with pytest.raises(EditConflict, match="changed by alice"):
            edit_organisation(bob, unseen.id, unseen.version, {"kind": OrganisationKind.OTHER})
        assert _by_name(bob)["Unseen UK"].kind is OrganisationKind.NGO
    finally:
        alice.dispose()
        bob.dispose()


def test_people(db):
    org = create_organisation(db, "Unseen", OrganisationKind.NGO)
    jo = create_person(db, " Jo  Bloggs ", "Head of Partnerships", org.id, "jo@example.org")
    assert (jo.name, jo.organisation_name) == ("Jo Bloggs", "Unseen")
    with pytest.raises(NetworkError, match="not an email address"):
        create_person(db, "Sam", "", None, "sam at example")
    edit_person(db, jo.id, jo.version, {"role": "Director"})
    with pytest.raises(EditConflict):
        edit_person(db, jo.id, jo.version, {"role": "Chair"})
    assert [(p.name, p.role) for p in list_people(db, org.id)] == [("Jo Bloggs", "Director")]
    assert _by_name(db)["Unseen"].people == 1
    with db.session() as s:
        assert s.scalar(select(Organisation.force_id).where(Organisation.id == org.id)) is None
