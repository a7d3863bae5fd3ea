"""Daily rolling backups of the SQLite database: one a day by SQLite's online backup, the newest
N kept, nothing else in the backups folder ever deleted, and each copy restores exactly.
`db backups` lists them and sets N."""

from __future__ import annotations

import json
import os
import sqlite3
from datetime import datetime, timedelta

import pytest

from commissioner_desk.db import rolling
from commissioner_desk.db.backup import restore_from_file
from commissioner_desk.db.failures import plain_words
from commissioner_desk.db.models import Organisation
from commissioner_desk.db.rolling import (
    all_backups,
    daily_backups,
    daily_enabled,
    is_due,
    take_daily_backup,
)
from commissioner_desk.domain.enums import OrganisationKind
from commissioner_desk.settings import DB_FILE_NAME, Settings
from ui.cli import main as cli_main

from .reliability.faults import disk_full_after_one_page, integrity, sqlite_rows

MONDAY = datetime(2026, 3, 2, 9, 30)


@pytest.fixture
def folder(tmp_path):
    """The backups folder (the test database is next to it, as in the data folder)."""
    return tmp_path / "backups"


def _add_row(db, name: str) -> None:
    with db.session() as s:
        s.add(Organisation(name=name, kind=OrganisationKind.NGO))


def test_one_backup_a_day_holding_the_database_as_it_was(sqlite_db, folder):
    path = sqlite_db.info.path
    _add_row(sqlite_db, "Before the backup")
    before = sqlite_rows(path)

    first = take_daily_backup(path, folder, keep=7, now=MONDAY)
    assert first.made == folder / "daily" / "daily-2026-03-02-093000.sqlite3"
    assert integrity(first.made) == "ok"
    assert sqlite_rows(first.made) == before
    assert not list((folder / "daily").glob("*.part"))

    _add_row(sqlite_db, "After the backup")  # the same day: no second copy
    assert not is_due(folder, MONDAY.replace(hour=17))
    assert take_daily_backup(path, folder, 7, MONDAY.replace(hour=17)).made is None
    tuesday = take_daily_backup(path, folder, 7, MONDAY + timedelta(days=1))
    assert tuesday.made is not None and tuesday.removed == ()
    assert sqlite_rows(tuesday.made) == sqlite_rows(path)
    assert [b.made_at.day for b in daily_backups(folder)] == [3, 2]  # newest first


def test_a_copy_taken_while_someone_writes_holds_only_what_was_committed(sqlite_db, folder):
    path = sqlite_db.info.path
    before = sqlite_rows(path)
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE forces SET display_name = 'Half done'")
    try:
        made = take_daily_backup(path, folder, 7, MONDAY).made
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert integrity(made) == "ok"
    assert sqlite_rows(made) == before


def test_only_the_newest_daily_backups_are_kept_and_nothing_else_is_touched(sqlite_db, folder):
    path = sqlite_db.info.path
    others = [
        folder / "commissioners-desk-2026-01-05.sqlite3",  # made with Back up…
        folder / "commissioners-desk.before-upgrade-from-0003.20260101-090000.sqlite3",
        folder / "before-restore.20260102-090000.sqlite3",
        folder / "daily" / "notes.txt",
        folder / "daily" / "daily-copy-of-mine.sqlite3",  # not a name the app gives
    ]
    (folder / "daily").mkdir(parents=True)
    for other in others:
        other.write_bytes(b"kept")
    removed = []
    for day in range(5):
        removed += take_daily_backup(path, folder, 3, MONDAY + timedelta(days=day)).removed
    kept = daily_backups(folder)
    assert [b.made_at.day for b in kept] == [6, 5, 4]
    assert sorted(p.name for p in removed) == [
        "daily-2026-03-02-093000.sqlite3",
        "daily-2026-03-03-093000.sqlite3",
    ]
    assert all(other.read_bytes() == b"kept" for other in others)
    kinds = sorted(b.kind for b in all_backups(folder))
    assert kinds == ["before restore", "before upgrade", "daily", "daily", "daily", "manual"]

    # Fewer to keep from now on: the next day's backup trims to the new number.
    assert len(take_daily_backup(path, folder, 1, MONDAY + timedelta(days=5)).removed) == 3
    assert len(daily_backups(folder)) == 1


def test_a_full_disk_leaves_no_part_copy_and_deletes_no_older_backup(
    sqlite_db, folder, monkeypatch
):
    path = sqlite_db.info.path
    take_daily_backup(path, folder, 1, MONDAY)
    disk_full_after_one_page(monkeypatch)
    with pytest.raises(OSError) as err:
        take_daily_backup(path, folder, 1, MONDAY + timedelta(days=1))
    assert "no room left on the disk to write" in plain_words(err.value)
    monkeypatch.undo()
    assert [p.name for p in (folder / "daily").iterdir()] == ["daily-2026-03-02-093000.sqlite3"]
    assert is_due(folder, MONDAY + timedelta(days=1))  # tried again at the next opening


def test_a_part_copy_left_by_a_crash_is_cleared_once_stale(sqlite_db, folder):
    daily = folder / "daily"
    daily.mkdir(parents=True)
    stale = daily / ".daily-2026-03-01-090000.sqlite3.1a2b3c4d.part"
    fresh = daily / ".daily-2026-03-02-080000.sqlite3.5e6f7a8b.part"
    for part in (stale, fresh):
        part.write_bytes(b"SQLite format 3\x00")
    an_hour_ago = (MONDAY - timedelta(hours=2)).timestamp()
    os.utime(stale, (an_hour_ago, an_hour_ago))
    os.utime(fresh, (MONDAY.timestamp(), MONDAY.timestamp()))
    take_daily_backup(sqlite_db.info.path, folder, 7, MONDAY)
    assert not stale.exists()
    assert fresh.exists()  # perhaps another copy of the app, still writing it


def test_nothing_to_back_up_for_postgresql_or_a_missing_file(folder):
    assert take_daily_backup(None, folder, 7, MONDAY).made is None
    assert take_daily_backup(folder / "none.sqlite3", folder, 7, MONDAY).made is None
    assert not (folder / "daily").exists()


@pytest.mark.parametrize("keep", [0, -1, 366])
def test_the_number_to_keep_is_checked(sqlite_db, folder, keep):
    with pytest.raises(ValueError, match="from 1 to 365"):
        take_daily_backup(sqlite_db.info.path, folder, keep, MONDAY)


def test_a_daily_backup_restores_exactly(sqlite_db, folder):
    path = sqlite_db.info.path
    _add_row(sqlite_db, "Held at the backup")
    made = take_daily_backup(path, folder, 7, MONDAY).made
    before = sqlite_rows(path)
    _add_row(sqlite_db, "Added after the backup")
    restore_from_file(sqlite_db, made, folder.parent / "safety")
    after = sqlite_rows(path)
    # The one entry the restore itself writes.
    restored = [row for row in after["audit_log"] if "restored_from" in repr(row)]
    assert len(restored) == 1
    after["audit_log"].remove(restored[0])
    assert after == before


def test_tests_make_no_daily_backup_unless_they_ask(monkeypatch):
    assert not daily_enabled()  # tests/conftest.py turns it off for every test
    monkeypatch.delenv(rolling.DAILY_ENV)
    assert daily_enabled()


# --- db backups ------------------------------------------------------------------------------


def test_db_backups_lists_every_kind_and_sets_the_number_kept(ready_dir, capsys):
    take_daily_backup(ready_dir / DB_FILE_NAME, ready_dir / "backups", 7, MONDAY)
    assert cli_main(["--data-dir", str(ready_dir), "db", "backups", "--keep", "3"]) == 0
    out = capsys.readouterr().out
    assert "the newest 3 daily backups are kept" in out
    assert "2 Mar 2026 09:30" in out and "daily" in out
    assert Settings.load(ready_dir).backups_to_keep == 3

    assert cli_main(["--data-dir", str(ready_dir), "db", "backups", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["daily_kept"] == 3
    assert doc["folder"] == str(ready_dir / "backups")
    assert [(b["kind"], b["made_at"]) for b in doc["backups"]] == [("daily", "2026-03-02T09:30:00")]


@pytest.mark.parametrize("keep", ["0", "400"])
def test_db_backups_refuses_a_number_out_of_range(ready_dir, capsys, keep):
    assert cli_main(["--data-dir", str(ready_dir), "db", "backups", "--keep", keep]) == 2
    assert "from 1 to 365" in capsys.readouterr().err
    assert Settings.load(ready_dir).backups_to_keep == 7


def test_db_backups_with_none_yet(tmp_path, capsys):
    assert cli_main(["--data-dir", str(tmp_path), "db", "backups"]) == 0
    assert "none yet" in capsys.readouterr().out
