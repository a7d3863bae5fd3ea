"""The process killed (SIGKILL) in the middle of a restore, with some tables emptied and
refilled and others not: the database holds exactly what it held before, on SQLite and
PostgreSQL, the safety copy taken first is whole, and the restore then succeeds."""

from __future__ import annotations

import signal

import pytest
from sqlalchemy import text

from commissioner_desk.db.backup import backup_to_file
from commissioner_desk.db.database import Database

from ..cli_run import _cli
from ..test_backup import _change_everything, _seed, _snapshot
from .faults import integrity, run_child, wait_for


def _connections(db: Database) -> int:
    """Other sessions on this PostgreSQL database (the killed restore's, until the server
    notices it has gone and rolls it back)."""
    with db.engine.connect() as c:
        return c.execute(
            text(
                "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid()"
            )
        ).scalar()


@pytest.mark.slow
def test_killed_restore_leaves_the_database_as_it_was(db_url, tmp_path):
    db = Database(db_url, user="tester")
    try:
        ids = _seed(db)
        backup = backup_to_file(db, tmp_path / "backup.sqlite3").path
        in_backup = _snapshot(db)
        _change_everything(db, ids)
        before = _snapshot(db)
        db.engine.dispose()
        data = tmp_path / "data"
        where = ["--data-dir", str(data), "--database", db_url]

        killed = run_child("kill-at", "restore-midway", "--", *where, "db", "restore",
                           str(backup), "--yes")  # fmt: skip
        assert killed.returncode == -signal.SIGKILL, killed.stdout + killed.stderr
        if db.backend == "postgresql":
            wait_for(lambda: _connections(db) == 0, "the server to drop the restore")
        else:
            assert integrity(db.info.path) == "ok"
        assert _snapshot(db) == before
        safety = list((data / "backups").glob("before-restore.*.sqlite3"))
        assert len(safety) == 1 and integrity(safety[0]) == "ok"

        again = _cli(data, "--database", db_url, "db", "restore", str(backup), "--yes")
        assert again.returncode == 0, again.stdout + again.stderr
        after = _snapshot(db)
        restored = [row for row in after["audit_log"] if "restored_from" in repr(row)]
        assert len(restored) == 1  # the entry the restore itself writes; the rest as backed up
        after["audit_log"].remove(restored[0])
        assert after == in_backup
    finally:
        db.dispose()
