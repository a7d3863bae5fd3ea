"""A SQLite backup holding NUL characters (text pasted from a PDF, say) restored into
PostgreSQL, whose text cannot hold U+0000: the NULs are dropped, the rest of the text kept, and
the user told which table and column; SQLite, which can hold them, keeps them."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from commissioner_desk.db.backup import backup_to_file, restore_from_file
from commissioner_desk.db.database import Database
from commissioner_desk.db.models import Organisation, Person
from commissioner_desk.domain.enums import OrganisationKind

from .cli_run import _cli

NAMES = ("Kent\x00 Police", "Unseen\x00\x00 UK", "Home Office")


def _backup_with_nuls(db: Database, out) -> None:
    with db.session() as s:
        orgs = [Organisation(name=n, kind=OrganisationKind.OTHER) for n in NAMES]
        s.add_all(orgs)
        s.flush()
        s.add(Person(name="Ann\x00 Smith", role="Lead\x00", organisation_id=orgs[0].id))
    backup_to_file(db, out)


def _names(db: Database) -> tuple[set[str], set[tuple[str, str]]]:
    with db.session() as s:
        orgs = set(s.scalars(select(Organisation.name)))
        people = {(p.name, p.role) for p in s.scalars(select(Person))}
    return orgs, people


@pytest.fixture
def pg_url(postgres):
    name = f"cd_nul_{uuid.uuid4().hex[:10]}"
    yield postgres.create(name, template=postgres.template)
    postgres.drop(name)


@pytest.mark.postgres
def test_nuls_are_dropped_on_the_way_into_postgresql_and_said(sqlite_db, pg_url, tmp_path):
    _backup_with_nuls(sqlite_db, tmp_path / "nul.sqlite3")
    pg = Database(pg_url, user="tester")
    try:
        restored = restore_from_file(pg, tmp_path / "nul.sqlite3", None)
        orgs, people = _names(pg)
    finally:
        pg.dispose()
    assert {"Kent Police", "Unseen UK", "Home Office"} <= orgs
    assert people == {("Ann Smith", "Lead")}
    assert restored.notes == (
        "organisations.name: 2 rows held NUL characters, which PostgreSQL cannot store; they "
        "were left out and the rest of the text kept.",
        "people.name: 1 row held NUL characters, which PostgreSQL cannot store; they were left "
        "out and the rest of the text kept.",
        "people.role: 1 row held NUL characters, which PostgreSQL cannot store; they were left "
        "out and the rest of the text kept.",
    )


def test_sqlite_keeps_them(sqlite_db, sqlite_template, tmp_path):
    _backup_with_nuls(sqlite_db, tmp_path / "nul.sqlite3")
    other = tmp_path / "other.sqlite3"
    other.write_bytes(sqlite_template.read_bytes())
    target = Database(f"sqlite:///{other.as_posix()}", user="tester")
    try:
        restored = restore_from_file(target, tmp_path / "nul.sqlite3", None)
        orgs, people = _names(target)
    finally:
        target.dispose()
    assert set(NAMES) <= orgs and people == {("Ann\x00 Smith", "Lead\x00")}
    assert restored.notes == ()


@pytest.mark.postgres
def test_the_command_line_restores_and_says_what_it_dropped(sqlite_db, pg_url, tmp_path):
    _backup_with_nuls(sqlite_db, tmp_path / "nul.sqlite3")
    done = _cli(
        tmp_path / "data", "--database", pg_url, "db", "restore", str(tmp_path / "nul.sqlite3"),
        "--yes",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert "Note: organisations.name: 2 rows held NUL characters" in done.stdout
