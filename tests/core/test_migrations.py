"""Migrations: empty database to head on both backends, models and scripts agree, the copy
taken before an upgrade exists and opens."""

from __future__ import annotations

import sqlite3
import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from commissioner_desk.db import migrate, search_index
from commissioner_desk.db.database import Database
from commissioner_desk.db.models import Base


def _fresh(request, tmp_path, backend: str) -> tuple[Database, object]:
    if backend == "sqlite":
        return Database(f"sqlite:///{(tmp_path / 'empty.sqlite3').as_posix()}"), None
    server = request.getfixturevalue("postgres")
    name = f"cd_mig_{uuid.uuid4().hex[:8]}"
    return Database(server.create(name)), (server, name)


@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def test_empty_database_upgrades_to_head_and_matches_models(request, tmp_path, backend):
    db, cleanup = _fresh(request, tmp_path, backend)
    try:
        assert migrate.current_revision(db) is None
        assert migrate.needs_upgrade(db)
        migrate.upgrade(db, tmp_path / "backups")
        assert migrate.current_revision(db) == migrate.HEAD_REVISION
        assert not migrate.needs_upgrade(db)
        with db.engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
            assert set(Base.metadata.tables) <= tables
            # The migration scripts create exactly what the models describe (the full-text
            # index differs per database and is not a model: see db/search_index.py).
            context = MigrationContext.configure(
                conn, opts={"include_name": search_index.include_name}
            )
            diff = compare_metadata(context, Base.metadata)
        assert diff == []
        # A brand-new database has nothing worth copying.
        backups = tmp_path / "backups"
        assert not backups.exists() or not any(backups.iterdir())
    finally:
        db.dispose()
        if cleanup:
            server, name = cleanup
            server.drop(name)


def test_head_revision_constant_matches_scripts():
    # Start-up compares against HEAD_REVISION without importing Alembic: it must be the head.
    assert migrate.script_head() == migrate.HEAD_REVISION


def test_copy_is_taken_before_upgrading_an_existing_database(tmp_path):
    path = tmp_path / "old.sqlite3"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE legacy_notes (id INTEGER PRIMARY KEY, text TEXT)")
    con.execute("INSERT INTO legacy_notes (text) VALUES ('kept safe')")
    con.commit()
    con.close()
    db = Database(f"sqlite:///{path.as_posix()}")
    copy = migrate.upgrade(db, tmp_path / "backups")
    db.dispose()
    assert copy is not None and copy.exists()
    assert copy.parent == tmp_path / "backups"
    opened = sqlite3.connect(copy)
    try:
        assert opened.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert opened.execute("SELECT text FROM legacy_notes").fetchall() == [("kept safe",)]
        # The copy is of the database before the upgrade: no new tables in it.
        names = {r[0] for r in opened.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert "observations" not in names
    finally:
        opened.close()


def test_database_at_head_is_not_copied_again(tmp_path):
    db = Database(f"sqlite:///{(tmp_path / 'd.sqlite3').as_posix()}")
    migrate.upgrade(db, tmp_path / "backups")
    assert migrate.upgrade(db, tmp_path / "backups") is None
    db.dispose()
