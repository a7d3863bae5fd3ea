"""The process killed (SIGKILL) during a schema upgrade, at each step that matters: afterwards
the database is at its old revision with everything it held, or (whatever the kill left) the
copy taken before the upgrade restores it exactly. Then the upgrade succeeds.

The database starts at revision 0003 holding the reference data (forces, metrics, periods,
populations), so the upgrade runs three migrations: 0004 (a virtual table, triggers, a
backfill), 0005 (six tables) and 0006 (columns added to metrics, observations rebuilt with a
value that takes decimals). The kills happen in fault_child, inside the app's own `db upgrade`.
"""

from __future__ import annotations

import shutil
import signal

import pytest

from commissioner_desk.db import migrate
from commissioner_desk.settings import DB_FILE_NAME

from ..cli_run import _cli
from .conftest import OLD
from .fault_child import POINTS
from .faults import integrity, revision, run_child, sqlite_rows


@pytest.mark.slow
@pytest.mark.parametrize("point", POINTS)
def test_killed_upgrade_leaves_the_old_database_or_a_copy_that_restores(
    old_template, tmp_path, point
):
    data = tmp_path / "data"
    data.mkdir()
    db_path = data / DB_FILE_NAME
    shutil.copy(old_template, db_path)
    before = sqlite_rows(db_path)
    assert before["forces"] and before["metrics"], "the old database should hold data"

    killed = run_child("kill-at", point, "--", "--data-dir", str(data), "db", "upgrade")
    assert killed.returncode == -signal.SIGKILL, killed.stdout + killed.stderr

    # One transaction for the whole upgrade: a kill at any step leaves the old database.
    assert integrity(db_path) == "ok"
    assert revision(db_path) == OLD
    assert sqlite_rows(db_path) == before
    copies = list((data / "backups").glob("*.before-upgrade-from-0003.*.sqlite3"))
    if point == "copying":  # killed before the copy was finished: no half copy posing as one
        assert copies == []
    else:  # the copy restores the database exactly, should the office ever need it
        assert len(copies) == 1
        assert integrity(copies[0]) == "ok"
        assert sqlite_rows(copies[0]) == before

    again = _cli(data, "db", "upgrade")
    assert again.returncode == 0, again.stdout + again.stderr
    assert "Database is up to date" in again.stdout
    assert revision(db_path) == migrate.HEAD_REVISION
    assert integrity(db_path) == "ok"
    after = sqlite_rows(db_path)
    # Columns a later revision added come after the old ones (metrics' unit, builtin, …):
    # the old columns hold what they held.
    width = {t: len(rows[0]) for t, rows in before.items() if rows}
    assert {
        t: [r[: width.get(t, len(r))] for r in after[t]] for t in before if t != "alembic_version"
    } == {t: rows for t, rows in before.items() if t != "alembic_version"}
