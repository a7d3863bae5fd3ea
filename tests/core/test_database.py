"""Opening the database: SQLite pragmas, the network-drive fallback, the PostgreSQL driver,
sessions that roll back, optimistic locking and the constraints the schema promises."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import column, func, insert, select, table
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from commissioner_desk.db import netpath
from commissioner_desk.db.database import BUSY_TIMEOUT_MS, Database, DatabaseError
from commissioner_desk.db.models import Force, ImportBatch, Metric, Observation, Organisation
from commissioner_desk.db.reference import ensure_periods
from commissioner_desk.domain.enums import BatchKind, ObservationStatus, OrganisationKind
from commissioner_desk.domain.periods import Period as DomainPeriod

MET = "E23000001"  # Metropolitan Police, in the seeded registry


def _pragma(db: Database, name: str):
    with db.engine.connect() as conn:
        return conn.exec_driver_sql(f"PRAGMA {name}").scalar()


# --- SQLite connection settings ------------------------------------------------------------


def test_sqlite_local_file_gets_foreign_keys_busy_timeout_and_wal(tmp_path):
    db = Database(f"sqlite:///{(tmp_path / 'local.sqlite3').as_posix()}")
    try:
        assert _pragma(db, "foreign_keys") == 1
        assert _pragma(db, "busy_timeout") == BUSY_TIMEOUT_MS
        assert BUSY_TIMEOUT_MS > 0
        assert _pragma(db, "journal_mode") == "wal"
        assert db.info.journal_mode == "wal"
        assert db.info.backend == "sqlite"
        assert db.info.path == tmp_path / "local.sqlite3"
        assert db.info.warnings == ()
    finally:
        db.dispose()


def test_sqlite_enforces_foreign_keys(sqlite_db):
    with pytest.raises(IntegrityError), sqlite_db.session() as s:
        s.add(Organisation(name="Nowhere", kind=OrganisationKind.FORCE, force_id=999_999))


def test_sqlite_on_network_drive_uses_rollback_journal_and_warns(tmp_path, monkeypatch):
    seen = []

    def on_network(path):
        seen.append(path)
        return True

    # database.py imports it inside the function from .netpath, so patch the module attribute.
    monkeypatch.setattr(netpath, "is_network_path", on_network)
    db = Database(f"sqlite:///{(tmp_path / 'shared.sqlite3').as_posix()}")
    try:
        assert seen == [tmp_path]
        assert _pragma(db, "journal_mode") == "delete"
        assert _pragma(db, "foreign_keys") == 1
        assert db.info.journal_mode == "delete"
        assert len(db.info.warnings) == 1
        assert "network drive" in db.info.warnings[0]
        assert "shared.sqlite3" in db.info.warnings[0]
    finally:
        db.dispose()


def test_is_network_path_unc_and_local(tmp_path):
    assert netpath.is_network_path(Path("\\\\server\\share\\x.sqlite3"))
    assert netpath.is_network_path(Path("//server/share/x.sqlite3"))
    assert not netpath.is_network_path(tmp_path)


def test_posix_mount_table_decides_by_longest_mount_point(tmp_path, monkeypatch):
    # A network share mounted inside a local file system: only paths under it are remote.
    share = tmp_path / "share"
    share.mkdir()
    mounts = tmp_path / "mounts"
    mounts.write_text(
        f"/dev/sda1 / ext4 rw 0 0\n//nas/office {share.resolve()} cifs rw 0 0\n",
        encoding="utf-8",
    )
    real_path = netpath.Path

    def fake_path(arg, *rest):
        return real_path(mounts) if str(arg) == "/proc/mounts" else real_path(arg, *rest)

    monkeypatch.setattr(netpath, "Path", fake_path)
    assert netpath._posix_network_mount(share / "desk.sqlite3")
    assert not netpath._posix_network_mount(tmp_path / "desk.sqlite3")


# --- URLs and drivers ----------------------------------------------------------------------


def test_unsupported_backend_is_refused_with_a_readable_message():
    with pytest.raises(DatabaseError) as err:
        Database("mysql://x")
    message = str(err.value)
    assert "sqlite:///" in message and "postgresql://" in message
    assert "mysql://" in message


def test_plain_postgresql_url_uses_psycopg3():
    db = Database("postgresql://someone:secret@db.example.invalid/desk")
    try:  # no connection is made until first use
        assert db.engine.dialect.driver == "psycopg"
        assert db.info.backend == "postgresql"
        assert db.info.journal_mode == ""
        assert db.info.path is None
        assert "secret" not in db.info.display_url
        assert "db.example.invalid" in db.info.display_url
    finally:
        db.dispose()


# --- Sessions ------------------------------------------------------------------------------


def test_session_rolls_back_on_error(db):
    class Boom(Exception):
        pass

    with pytest.raises(Boom), db.session() as s:
        s.add(Organisation(name="Half-made", kind=OrganisationKind.NGO))
        s.flush()  # the row reached the database inside the transaction
        raise Boom
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Organisation)) == 0
        assert s.scalar(select(func.count()).where(Organisation.name == "Half-made")) == 0


def test_session_commits_and_records_the_user(db):
    with db.session() as s:
        assert s.info["user"] == "tester"
        s.add(Organisation(name="Kept", kind=OrganisationKind.NGO))
    with db.session() as s:
        assert s.scalars(select(Organisation.name)).all() == ["Kept"]


def test_optimistic_locking_refuses_the_second_of_two_edits(db):
    with pytest.raises(StaleDataError), db.session() as second:
        theirs = second.scalars(select(Force).where(Force.code == MET)).one()
        assert theirs.version == 1
        with db.session() as first:
            mine = first.scalars(select(Force).where(Force.code == MET)).one()
            mine.display_name = "First edit"
        theirs.display_name = "Second edit"  # made from a stale copy: must not overwrite
    with db.session() as s:
        force = s.scalars(select(Force).where(Force.code == MET)).one()
        assert force.display_name == "First edit"
        assert force.version == 2


# --- Constraints ---------------------------------------------------------------------------


def _observation_key(s) -> dict:
    """Ids for one observation key: a batch, a quarter, a metric and a force."""
    batch = ImportBatch(kind=BatchKind.IMPORT, imported_by="tester")
    s.add(batch)
    s.flush()
    period = DomainPeriod.quarter_of(2024, 1)
    period_id = ensure_periods(s, [period])[period.key]
    return {
        "batch_id": batch.id,
        "period_id": period_id,
        "metric_id": s.scalar(select(Metric.id).where(Metric.key == "nrm_referrals")),
        "force_id": s.scalar(select(Force.id).where(Force.code == MET)),
        "breakdown": "age=child",
    }


def _obs(key: dict, value: int, current: bool) -> Observation:
    return Observation(**key, status=ObservationStatus.VALUE, value=value, is_current=current)


def test_two_current_observations_for_one_key_are_refused(db):
    with db.session() as s:
        key = _observation_key(s)
        s.add(_obs(key, 5, True))
    with pytest.raises(IntegrityError), db.session() as s:
        s.add(_obs(key, 6, True))
    with db.session() as s:
        assert s.scalars(select(Observation.value)).all() == [5]


def test_superseded_and_current_observations_for_one_key_may_coexist(db):
    with db.session() as s:
        key = _observation_key(s)
        s.add_all([_obs(key, 4, False), _obs(key, 3, False), _obs(key, 5, True)])
        # A different breakdown is a different key.
        s.add(_obs({**key, "breakdown": "age=adult"}, 9, True))
    with db.session() as s:
        rows = s.execute(
            select(Observation.breakdown, Observation.value, Observation.is_current).order_by(
                Observation.id
            )
        ).all()
    assert [tuple(r) for r in rows] == [
        ("age=child", 4, False),
        ("age=child", 3, False),
        ("age=child", 5, True),
        ("age=adult", 9, True),
    ]


def test_check_constraint_rejects_unknown_observation_status(db):
    with db.session() as s:
        key = _observation_key(s)
    # Untyped columns: the string goes to the database as is, so the CHECK constraint is what
    # refuses it (a typed insert would be stopped earlier, by SQLAlchemy's Enum).
    raw = table("observations", *(column(c) for c in [*key, "status", "value", "is_current"]))
    with pytest.raises(IntegrityError), db.engine.begin() as conn:
        conn.execute(insert(raw).values(**key, status="bogus", value=1, is_current=True))
    with db.engine.begin() as conn:  # the same row with a known status is accepted
        conn.execute(insert(raw).values(**key, status="value", value=1, is_current=True))
        assert conn.scalar(select(func.count()).select_from(Observation)) == 1
