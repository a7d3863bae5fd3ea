"""Bring a database to the current schema, copying the SQLite file first.

Start-up must stay fast, so the usual case (already at head) is answered by reading the
`alembic_version` table and comparing with HEAD_REVISION, without importing Alembic at all.
A test checks HEAD_REVISION against the migration scripts.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, inspect, text

from ..files import checks
from ..files.safe_write import writing
from .database import Database, DatabaseError

HEAD_REVISION = "0006"
MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _has_tables(db: Database) -> bool:
    with db.engine.connect() as conn:
        return bool(inspect(conn).get_table_names())


def needs_upgrade(db: Database) -> bool:
    return current_revision(db) != HEAD_REVISION


def _alembic_config(connection):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["connection"] = connection
    return cfg


def script_head() -> str:
    from alembic.script import ScriptDirectory

    cfg = _alembic_config(None)
    return ScriptDirectory.from_config(cfg).get_current_head()


def backup_before_upgrade(db: Database, folder: Path) -> Path | None:
    """Copy the SQLite file with the online backup API (consistent even with WAL)."""
    path = db.info.path
    if path is None or not path.exists() or not _has_tables(db):
        return None  # PostgreSQL (the server's own backups apply), or nothing to protect yet
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    rev = current_revision(db) or "empty"
    target = folder / f"{path.stem}.before-upgrade-from-{rev}.{stamp}.sqlite3"
    copy_sqlite(path, target)
    return target


def copy_sqlite(source: Path, target: Path) -> None:
    """SQLite's online backup of `source` into `target`, which appears only once complete and
    passing SQLite's quick check: a copy cut short (disk full, a crash) leaves no file that
    looks like a backup, and no part of one."""
    src = sqlite3.connect(f"file:{source.as_posix()}?mode=ro", uri=True)
    try:
        with writing(target, check=checks.sqlite) as tmp:
            dst = sqlite3.connect(tmp)
            try:
                src.backup(dst)
                # The copy takes the live file's WAL mode, and a WAL file cannot be opened on
                # read-only media (a backup on a locked USB stick or a CD) and leaves -wal and
                # -shm files beside it when opened anywhere else: a backup is a plain file.
                dst.execute("PRAGMA journal_mode=DELETE")
            finally:
                dst.close()
    except Exception as exc:
        if (named := full_disk_named(exc, target)) is exc:
            raise
        raise named from exc
    finally:
        src.close()


def full_disk_named(exc: BaseException, target: Path) -> BaseException:
    """SQLite says only "database or disk is full": name the file that did not fit, so the
    message can say which disk (a USB stick is not the one the database is on)."""
    from .failures import Fault, fault_of

    if isinstance(exc, Exception) and fault_of(exc) is Fault.FULL:
        return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(target))
    return exc


@contextmanager
def _one_transaction(conn: Connection) -> Iterator[None]:
    """Every step of the upgrade in one transaction: all of it is stored, or none.

    PostgreSQL does this by itself. Python's sqlite3 module does not: it opens a transaction
    only before INSERT, UPDATE or DELETE, so each CREATE TABLE or CREATE INDEX before the
    first of those was committed on its own. A crash (or a failing step) then left a database
    holding some of a revision's tables but still marked at the old revision, which the next
    upgrade could not get past ("table ... already exists"). So on SQLite the module is told
    to keep out of it and the transaction is opened here: IMMEDIATE, so that two copies of
    the app starting at once take turns rather than both upgrading.
    """
    if conn.dialect.name != "sqlite":
        with conn.begin():
            yield
        return
    driver = conn.connection.driver_connection
    previous = driver.isolation_level
    driver.isolation_level = None  # the module's own BEGIN/COMMIT off: ours are the ones
    try:
        with conn.begin():
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            yield
    finally:
        driver.isolation_level = previous


def upgrade(
    db: Database, backup_dir: Path | None, progress: Callable[[str], None] | None = None
) -> Path | None:
    """Upgrade to head. Returns the copy taken before the upgrade, if one was made."""
    if not needs_upgrade(db):
        return None
    db.ensure_intact()  # before the copy, too: a damaged file makes no "backup"
    from alembic import command

    fresh = current_revision(db) is None and not _has_tables(db)
    copy = None
    if backup_dir is not None and not fresh:
        if progress:
            progress("Copying the database before upgrading it…")
        copy = backup_before_upgrade(db, backup_dir)
    if progress:
        progress("Creating the database…" if fresh else "Upgrading the database…")
    try:
        with db.engine.connect() as conn, _one_transaction(conn):
            command.upgrade(_alembic_config(conn), "head")
    except Exception as exc:
        from .database import describe_connect_error
        from .failures import plain_words

        # Nothing of the upgrade was kept (one transaction), so the database is as it was.
        reason = plain_words(exc) or f"{describe_connect_error(exc)}."
        where = f" A copy taken before the upgrade is at {copy}." if copy else ""
        raise DatabaseError(f"The database could not be upgraded. {reason}{where}") from exc
    return copy
