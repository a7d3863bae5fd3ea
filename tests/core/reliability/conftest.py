"""Fixtures for the reliability tests: the force registry, a fixed today, database counts."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from commissioner_desk.db import migrate
from commissioner_desk.db.database import Database
from commissioner_desk.db.models import (
    AuditEntry,
    ForceReturn,
    ImportBatch,
    ImportProfile,
    Observation,
    ReturnText,
    SourceFile,
)
from commissioner_desk.domain.forces import ForceResolver, load_registry

TODAY = date(2025, 1, 15)
OLD = "0003"  # a released schema the fault tests upgrade from
STORED = (Observation, ImportBatch, SourceFile, ForceReturn, ReturnText, ImportProfile, AuditEntry)


@pytest.fixture(scope="session")
def resolver() -> ForceResolver:
    return ForceResolver(load_registry())


def row_counts(db) -> dict[str, int]:
    """Rows in every table an import writes to (the audit log included)."""
    with db.session() as s:
        return {m.__tablename__: s.scalar(select(func.count()).select_from(m)) for m in STORED}


@pytest.fixture(scope="session")
def old_template(sqlite_template, tmp_path_factory) -> Path:
    """The test template taken back to revision 0003 (before search, membership and the
    practice library), its reference data kept: a database the app must upgrade."""
    from alembic import command

    path = tmp_path_factory.mktemp("old") / "old.sqlite3"
    shutil.copy(sqlite_template, path)
    db = Database(f"sqlite:///{path.as_posix()}")
    try:
        with db.engine.begin() as conn:
            command.downgrade(migrate._alembic_config(conn), OLD)
        with db.engine.connect() as conn:
            conn.exec_driver_sql("VACUUM")  # no free pages left by the downgrade to reuse
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")  # a plain copy is whole
        assert migrate.current_revision(db) == OLD
    finally:
        db.dispose()
    return path
