"""Migrations: empty database to head on both backends, models and scripts agree, the copy
taken before an upgrade exists and opens, and a database at every released schema upgrades with
its figures intact."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, select, text
from sqlalchemy.exc import IntegrityError

from commissioner_desk.db import migrate, search_index
from commissioner_desk.db.database import Database
from commissioner_desk.db.models import Base, Metric, Observation


@contextmanager
def _fresh(request, tmp_path, backend: str) -> Iterator[Database]:
    """An empty database on the backend, dropped (PostgreSQL) when the test is done."""
    if backend == "sqlite":
        db, server, name = (
            Database(f"sqlite:///{(tmp_path / 'empty.sqlite3').as_posix()}"),
            None,
            "",
        )
    else:
        server = request.getfixturevalue("postgres")
        name = f"cd_mig_{uuid.uuid4().hex[:8]}"
        db = Database(server.create(name))
    try:
        yield db
    finally:
        db.dispose()
        if server is not None:
            server.drop(name)


def _differences(db: Database) -> list:
    """What the migrated schema has that the models do not describe, and the other way round
    (the full-text index differs per database and is not a model: see db/search_index.py)."""
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": search_index.include_name})
        return compare_metadata(context, Base.metadata)


@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def test_empty_database_upgrades_to_head_and_matches_models(request, tmp_path, backend):
    with _fresh(request, tmp_path, backend) as db:
        assert migrate.current_revision(db) is None
        assert migrate.needs_upgrade(db)
        migrate.upgrade(db, tmp_path / "backups")
        assert migrate.current_revision(db) == migrate.HEAD_REVISION
        assert not migrate.needs_upgrade(db)
        with db.engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
            assert set(Base.metadata.tables) <= tables
        # The migration scripts create exactly what the models describe.
        assert _differences(db) == []
        # A brand-new database has nothing worth copying.
        backups = tmp_path / "backups"
        assert not backups.exists() or not any(backups.iterdir())


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


RELEASED = ("0001", "0002", "0003", "0004", "0005")  # every schema a release has shipped
# Rows any released schema holds, written as SQL of that schema (models describe only head).
OLD_ROWS = (
    "INSERT INTO forces (id, code, ons_name, display_name, kind, nation, region, active,"
    " version, created_at, updated_at) VALUES (1, 'E23000032', 'Kent', 'Kent Police',"
    " 'territorial', 'England', 'South East', true, 1, :now, :now)",
    "INSERT INTO metrics (id, key, label, description, position) VALUES"
    " (1, 'nrm_referrals', 'NRM referrals', 'Referrals.', 1)",
    "INSERT INTO periods (id, key, kind, start_date, end_date) VALUES"
    " (1, '2024-Q1', 'quarter', '2024-01-01', '2024-03-31')",
    "INSERT INTO import_batches (id, kind, status, is_demo, imported_by, imported_at, note)"
    " VALUES (1, 'import', 'committed', false, 'jo', :now, ''),"
    " (2, 'import', 'committed', false, 'jo', :now, '')",
    # A figure corrected by a later batch: the earlier version kept, not current.
    "INSERT INTO observations (id, force_id, period_id, metric_id, breakdown, status, value,"
    " batch_id, is_current, superseded_by_batch_id) VALUES"
    " (1, 1, 1, 1, '', 'value', 12, 1, false, 2),"
    " (2, 1, 1, 1, '', 'value', 9000000000, 2, true, null),"
    " (3, 1, 1, 1, 'age=child', 'suppressed', null, 2, true, null)",
)


@pytest.mark.parametrize("revision", RELEASED)
@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def test_every_released_schema_upgrades_with_its_figures_intact(
    request, tmp_path, backend, revision
):
    with _fresh(request, tmp_path, backend) as db:
        with db.engine.begin() as conn:
            command.upgrade(migrate._alembic_config(conn), revision)
            for statement in OLD_ROWS:
                conn.execute(text(statement), {"now": "2026-01-05 09:00:00"})
        migrate.upgrade(db, tmp_path / "backups")
        assert migrate.current_revision(db) == migrate.HEAD_REVISION
        assert _differences(db) == []  # as if made new at head
        with db.session() as s:
            rows = s.execute(
                select(Observation.id, Observation.value, Observation.is_current).order_by(
                    Observation.id
                )
            ).all()
            assert [tuple(r) for r in rows] == [
                (1, 12, False),
                (2, 9000000000, True),
                (3, None, True),
            ]
            assert all(type(v) is int for _id, v, _c in rows if v is not None)  # not 12.0
            metric = s.scalar(select(Metric))
            assert (metric.unit, metric.builtin, metric.version) == ("count", True, 1)
            assert metric.created_by is None and metric.created_at.year >= 2026
        # The one-current-figure rule survived the change of column type: still partial.
        with db.engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO observations (id, force_id, period_id, metric_id, breakdown,"
                    " status, value, batch_id, is_current) VALUES (4, 1, 1, 1, '', 'value',"
                    " 1234.5678, 1, false)"
                )
            )
        with pytest.raises(IntegrityError), db.engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO observations (id, force_id, period_id, metric_id, breakdown,"
                    " status, value, batch_id, is_current) VALUES (5, 1, 1, 1, '', 'value', 5, 1,"
                    " true)"
                )
            )
        with db.session() as s:
            assert s.scalar(select(Observation.value).where(Observation.id == 4)) == 1234.5678


@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def test_the_trend_index_still_serves_the_series_read(request, tmp_path, backend):
    """ix_observations_series holds the value column after its change of type, so a metric's
    series is still read from the index alone."""
    with _fresh(request, tmp_path, backend) as db:
        migrate.upgrade(db, None)
        with db.engine.connect() as conn:
            indexes = {i["name"]: i for i in inspect(conn).get_indexes("observations")}
        series = indexes["ix_observations_series"]
        assert series["column_names"][-1] == "value"
        if backend == "sqlite":
            with db.engine.connect() as conn:
                plan = " ".join(
                    str(r[-1])
                    for r in conn.exec_driver_sql(
                        "EXPLAIN QUERY PLAN SELECT force_id, period_id, breakdown, status, value "
                        "FROM observations WHERE metric_id = 1 AND breakdown IN ('') "
                        "AND observations.is_current"
                    )
                )
            assert "INDEX ix_observations_series" in plan  # as before the change (0005)
