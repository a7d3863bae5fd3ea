"""The process killed (SIGKILL) in the middle of a large import: the database is intact, holds
nothing of the import, and the same import then succeeds. On SQLite and PostgreSQL.

The kill comes once the import is writing figures, found by polling (SQLite: its write-ahead
log growing past what opening the database writes; PostgreSQL: the server running the insert
of observations), never after a fixed sleep.
"""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import text

from commissioner_desk.db.database import Database
from commissioner_desk.settings import DB_FILE_NAME

from ..cli_run import _cli
from .faults import file_size, integrity, sigkill, sqlite_counts, start, wait_for
from .long_file import long_csv

ROWS = 120_000  # a large import: long enough to be killed part-way, quick enough for CI
TABLES = ("observations", "import_batches", "source_files", "force_returns", "audit_log")
MB = 1 << 20


@pytest.mark.slow
def test_sqlite_killed_mid_import_keeps_nothing_and_imports_again(ready_dir, tmp_path):
    big = long_csv(tmp_path / "big.csv", ROWS)
    db_path = ready_dir / DB_FILE_NAME
    wal = db_path.with_name(db_path.name + "-wal")
    before = sqlite_counts(db_path, TABLES)

    proc = start(["ui", "--data-dir", str(ready_dir), "import", str(big)], tmp_path / "out.txt")
    # Pages of the uncommitted transaction spill into the log once SQLite's cache is full.
    wait_for(lambda: file_size(wal) > 4 * MB or proc.poll() is not None, "figures being stored")
    assert proc.poll() is None, "the import ended before it could be killed"
    sigkill(proc)

    assert integrity(db_path) == "ok"
    assert sqlite_counts(db_path, TABLES) == before  # no batch, no figures, no register rows

    again = _cli(ready_dir, "import", str(big), timeout=300)
    assert again.returncode == 0, again.stdout + again.stderr
    assert f"big.csv: imported {ROWS:,} figures" in again.stdout
    after = sqlite_counts(db_path, TABLES)
    assert after["observations"] == before["observations"] + ROWS
    assert after["import_batches"] == before["import_batches"] + 1
    assert integrity(db_path) == "ok"


@pytest.fixture
def pg_url(postgres):
    name = f"cd_kill_{uuid.uuid4().hex[:10]}"
    yield postgres.create(name, template=postgres.template), name
    postgres.drop(name)


def _backends(admin: Database, name: str, query: str | None = None) -> int:
    """Server processes connected to database `name` (running `query…`, if given)."""
    sql = "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = :n AND pid <> pg_backend_pid()"
    if query:
        sql += " AND query LIKE :q"
    with admin.engine.connect() as c:
        return c.execute(text(sql), {"n": name, "q": f"{query}%"}).scalar()


@pytest.mark.slow
@pytest.mark.postgres
def test_postgresql_killed_mid_import_rolls_back_and_imports_again(pg_url, postgres, tmp_path):
    url, name = pg_url
    big = long_csv(tmp_path / "big.csv", ROWS // 2)
    db = Database(url)
    try:
        with db.engine.connect() as c:
            count = {t: c.execute(text(f"SELECT COUNT(*) FROM {t}")).scalar() for t in TABLES}
        db.engine.dispose()  # our own connection would count as one the server still holds
        data = tmp_path / "data"
        args = ["ui", "--data-dir", str(data), "--database", url, "import", str(big)]
        proc = start(args, tmp_path / "out.txt")
        wait_for(
            lambda: (
                _backends(postgres.admin, name, "INSERT INTO observations") > 0
                or proc.poll() is not None
            ),
            "figures being stored",
        )
        assert proc.poll() is None, "the import ended before it could be killed"
        sigkill(proc)
        # The server notices the client has gone and rolls its transaction back.
        wait_for(lambda: _backends(postgres.admin, name) == 0, "the server to drop the import")
        with db.engine.connect() as c:
            assert {
                t: c.execute(text(f"SELECT COUNT(*) FROM {t}")).scalar() for t in TABLES
            } == count

        again = _cli(data, "--database", url, "import", str(big), timeout=300)
        assert again.returncode == 0, again.stdout + again.stderr
        assert f"big.csv: imported {ROWS // 2:,} figures" in again.stdout
    finally:
        db.dispose()
