"""A full disk and a read-only database, through the app's own command line: a message in
words (no traceback), the database intact and holding exactly what it held, and the same work
succeeding once the fault is gone.

The disk fills up by SQLite's `max_page_count` (the database may grow by only a few pages,
which SQLite reports exactly as a full disk: SQLITE_FULL); the read-only file is what the
operating system and SQLite report for one (see fault_child: root, which CI runs as, can write
to any file, so chmod alone proves nothing there). A copy to a full disk is an OSError(ENOSPC).
"""

from __future__ import annotations

import shutil

from commissioner_desk.db import migrate
from commissioner_desk.settings import DB_FILE_NAME
from ui.cli import main as cli_main

from ..cli_run import _cli
from .conftest import OLD
from .faults import (
    disk_full_after_one_page,
    integrity,
    one_message,
    revision,
    run_child,
    sqlite_rows,
)
from .long_file import long_csv

ROWS = 5_000  # about 60 pages of figures: far past the room left
FULL_WORDS = "There is no room left on the disk"
READ_ONLY_WORDS = "The database cannot be changed: it is read-only"


def test_disk_full_mid_import_says_so_and_keeps_nothing(ready_dir, tmp_path):
    db_path = ready_dir / DB_FILE_NAME
    figures = long_csv(tmp_path / "returns.csv", ROWS)
    before = sqlite_rows(db_path)

    full = run_child("disk-full", "20", "--", "--data-dir", str(ready_dir), "import", str(figures))
    assert full.returncode == 2, full.stdout + full.stderr
    message = one_message(full.stderr)
    assert FULL_WORDS in message and "nothing was saved" in message
    assert "imported" not in full.stdout
    assert integrity(db_path) == "ok"
    assert sqlite_rows(db_path) == before

    again = _cli(ready_dir, "import", str(figures))
    assert again.returncode == 0, again.stdout + again.stderr
    assert f"returns.csv: imported {ROWS:,} figures" in again.stdout
    assert integrity(db_path) == "ok"


def test_disk_full_during_an_upgrade_leaves_the_old_database(old_template, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    db_path = data / DB_FILE_NAME
    shutil.copy(old_template, db_path)
    before = sqlite_rows(db_path)

    full = run_child("disk-full", "2", "--", "--data-dir", str(data), "db", "upgrade")
    assert full.returncode == 2, full.stdout + full.stderr
    message = one_message(full.stderr)
    assert "could not be upgraded" in message and FULL_WORDS in message
    copies = list((data / "backups").glob("*.before-upgrade-from-0003.*.sqlite3"))
    assert len(copies) == 1 and str(copies[0]) in message  # says where the copy is
    assert integrity(db_path) == "ok"
    assert revision(db_path) == OLD
    assert sqlite_rows(db_path) == before

    again = _cli(data, "db", "upgrade")
    assert again.returncode == 0, again.stdout + again.stderr
    assert revision(db_path) == migrate.HEAD_REVISION


def test_read_only_database_is_read_but_not_changed(ready_dir, tmp_path):
    db_path = ready_dir / DB_FILE_NAME
    figures = long_csv(tmp_path / "returns.csv", 500)
    before = sqlite_rows(db_path)
    ro = ("read-only", "-", "--", "--data-dir", str(ready_dir))

    refused = run_child(*ro, "import", str(figures))
    assert refused.returncode == 2, refused.stdout + refused.stderr
    assert f"Warning: The database {db_path} is read-only" in refused.stderr  # said on opening
    assert READ_ONLY_WORDS in one_message(refused.stderr)
    assert sqlite_rows(db_path) == before

    # What it holds can still be read, listed and copied out.
    listed = run_child(*ro, "actions", "list")
    assert listed.returncode == 0, listed.stderr
    copy = tmp_path / "copy.sqlite3"
    backed_up = run_child(*ro, "db", "backup", "--out", str(copy))
    assert backed_up.returncode == 0, backed_up.stderr
    assert sqlite_rows(copy) == before
    assert integrity(db_path) == "ok" and sqlite_rows(db_path) == before

    again = _cli(ready_dir, "import", str(figures))  # made writable again
    assert again.returncode == 0, again.stdout + again.stderr


def test_read_only_database_cannot_be_upgraded_and_says_why(old_template, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    db_path = data / DB_FILE_NAME
    shutil.copy(old_template, db_path)
    before = sqlite_rows(db_path)
    refused = run_child("read-only", "-", "--", "--data-dir", str(data), "db", "upgrade")
    assert refused.returncode == 2, refused.stdout + refused.stderr
    message = one_message(refused.stderr)
    assert "could not be upgraded" in message and READ_ONLY_WORDS in message
    assert revision(db_path) == OLD and sqlite_rows(db_path) == before


def test_backup_to_a_full_disk_says_so_and_leaves_no_file(ready_dir, tmp_path, monkeypatch, capsys):
    disk_full_after_one_page(monkeypatch)
    out = tmp_path / "usb" / "desk.sqlite3"
    code = cli_main(["--data-dir", str(ready_dir), "db", "backup", "--out", str(out)])
    assert code == 2
    message = one_message(capsys.readouterr().err)
    assert f"There is no room left on the disk to write {out}" in message  # the stick, named
    assert "so it was not written" in message
    assert list(out.parent.iterdir()) == []  # neither the backup nor a part of it
