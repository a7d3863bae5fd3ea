"""A damaged SQLite database (header, first page, a middle page, cut short, not a database at
all) is noticed when it is opened, opened read-only with nothing written into it, and always
recoverable: the message names the newest good backup and the command that restores it, and
the restore moves the damaged file aside and puts a checked copy of the backup in its place."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import threading
from datetime import datetime
from pathlib import Path

import pytest

from commissioner_desk.db import damage as damage_module
from commissioner_desk.db.backup import backup_to_file, restore_from_file
from commissioner_desk.db.damage import check_file
from commissioner_desk.db.database import DamagedDatabaseError
from commissioner_desk.db.failures import plain_words
from commissioner_desk.db.rolling import daily_backups, dated_backup, take_daily_backup
from commissioner_desk.settings import DB_FILE_NAME
from commissioner_desk.workspace import locate, open_database

from .conftest import OLD
from .damaging import BACKUP_DAY, KINDS, damage, data_with_backup
from .damaging import add_organisation as _add
from .faults import sqlite_rows


@pytest.fixture
def data(tmp_path, sqlite_template) -> Path:
    return data_with_backup(tmp_path / "data", sqlite_template)


def _digest(folder: Path) -> dict[str, str]:
    """The database file and its -wal by content. Reading a WAL database makes an empty -wal
    and a -shm (readers' shared memory) beside it: those hold nothing written."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.glob(f"{DB_FILE_NAME}*")
        if not p.name.endswith("-shm") and p.stat().st_size > 0
    }


@pytest.mark.parametrize("kind", KINDS)
def test_a_damaged_database_is_opened_read_only_and_says_how_to_restore(data, kind):
    damage(data / DB_FILE_NAME, kind)
    before = _digest(data)
    ws = locate(None, data, None)
    db = open_database(ws)
    try:
        assert db.damage is not None and db.damage.path == data / DB_FILE_NAME
        newest = daily_backups(ws.backup_dir)[0].path
        assert db.damage.backup == newest
        words = db.damage.words()
        assert "damaged" in words and "read-only" in words and newest.name in words
        assert "File › Restore database…" in words
        assert f'--data-dir "{data}" db restore "{newest}"' in words
        assert words in db.info.warnings  # the command line prints it
        with pytest.raises(DamagedDatabaseError) as refused:
            _add(db, "Never stored")
        assert newest.name in plain_words(refused.value)
        assert "Nothing was saved" in plain_words(refused.value)
        with pytest.raises(DamagedDatabaseError):  # never a backup of a damaged file
            backup_to_file(db, data / "copy.sqlite3")
        assert not (data / "copy.sqlite3").exists()
    finally:
        db.dispose()
    assert _digest(data) == before  # nothing was written into it


@pytest.mark.parametrize("kind", KINDS)
def test_restore_moves_the_damaged_file_aside_and_brings_the_backup_back(data, kind):
    backup = daily_backups(data / "backups")[0].path
    damage(data / DB_FILE_NAME, kind)
    damaged = (data / DB_FILE_NAME).read_bytes()
    db = open_database(locate(None, data, None))
    try:
        restored = restore_from_file(db, backup, data / "backups")
        assert restored.damaged and restored.safety.parent == data
        assert restored.safety.name.startswith("commissioners-desk.damaged-")
        assert restored.safety.read_bytes() == damaged  # moved, not copied through SQLite
        assert check_file(data / DB_FILE_NAME) is None
        assert db.damage is None
        _add(db, "After the restore")  # writable again
    finally:
        db.dispose()
    assert not list(data.glob("*.restoring-*"))
    names = {r[1] for r in sqlite_rows(data / DB_FILE_NAME)["organisations"]}
    assert {"Held in the backup", "After the restore"} <= names
    again = open_database(locate(None, data, None))
    again.dispose()
    assert again.damage is None


def test_no_good_backup_says_where_it_looked(data):
    shutil.rmtree(data / "backups")
    damage(data / DB_FILE_NAME, "middle-page")
    db = open_database(locate(None, data, None))
    db.dispose()
    words = db.damage.words()
    assert f"No good backup was found in {data / 'backups'}" in words
    assert "db restore FILE" in words


def test_a_damaged_backup_is_not_offered(data):
    """The newest backup damaged too: the one before it is named."""
    good = daily_backups(data / "backups")[0].path
    newer = good.with_name("daily-2026-12-06-091500.sqlite3")
    shutil.copy(good, newer)
    damage(newer, "truncated")
    damage(data / DB_FILE_NAME, "header")
    db = open_database(locate(None, data, None))
    db.dispose()
    assert db.damage.backup == good


def test_a_damaged_database_is_not_upgraded_nor_copied_as_before_upgrade(data, old_template):
    shutil.copy(old_template, data / DB_FILE_NAME)
    damage(data / DB_FILE_NAME, "middle-page")
    before = _digest(data)
    db = open_database(locate(None, data, None))
    db.dispose()
    assert db.damage is not None
    assert not list((data / "backups").glob("*before-upgrade*"))
    assert _digest(data) == before  # still at the old revision: nothing was upgraded
    con = sqlite3.connect(f"file:{data / DB_FILE_NAME}?mode=ro", uri=True)
    try:
        assert con.execute("SELECT version_num FROM alembic_version").fetchone() == (OLD,)
    finally:
        con.close()


def test_a_large_file_checked_later_is_checked_before_the_first_write(data, monkeypatch):
    monkeypatch.setattr(damage_module, "BACKGROUND_BYTES", 1)  # every file counts as large
    damage(data / DB_FILE_NAME, "middle-page")
    before = _digest(data)
    db = open_database(locate(None, data, None), check_later=True)
    try:
        assert db.needs_check and db.damage is None  # not checked yet: the caller will
        with pytest.raises(DamagedDatabaseError):
            _add(db, "Waits for the check, then refused")
        assert db.damage is not None and not db.needs_check
    finally:
        db.dispose()
    assert _digest(data) == before


def test_a_write_waits_for_a_check_running_in_the_background(data, monkeypatch):
    monkeypatch.setattr(damage_module, "BACKGROUND_BYTES", 1)
    release = threading.Event()
    real = damage_module.check_file

    def slow_check(path):
        release.wait(10)
        return real(path)

    import commissioner_desk.db.database as database_module

    monkeypatch.setattr(database_module, "check_file", slow_check)
    db = open_database(locate(None, data, None), check_later=True)
    checker = threading.Thread(target=db.check_integrity)
    checker.start()
    writer = threading.Thread(target=_add, args=(db, "Written after the check"))
    writer.start()
    writer.join(0.3)
    assert writer.is_alive()  # held until the check ends
    release.set()
    checker.join(10)
    writer.join(10)
    db.dispose()
    assert not db.needs_check and db.damage is None
    names = {r[1] for r in sqlite_rows(data / DB_FILE_NAME)["organisations"]}
    assert "Written after the check" in names


def test_a_daily_backup_of_a_damaged_file_is_refused_and_keeps_the_good_ones(data):
    good = daily_backups(data / "backups")
    damage(data / DB_FILE_NAME, "middle-page")
    with pytest.raises(Exception):  # noqa: B017 - the copy fails SQLite's check
        take_daily_backup(data / DB_FILE_NAME, data / "backups", 1, BACKUP_DAY.replace(day=6))
    assert daily_backups(data / "backups") == good


def test_dated_backup_names_never_overwrite(tmp_path):
    when = datetime(2026, 12, 6, 15, 30)
    first = dated_backup(tmp_path, when)
    assert first.name == "commissioners-desk-backup-2026-12-06-1530.sqlite3"
    first.write_bytes(b"x")
    second = dated_backup(tmp_path, when)
    assert second.name == "commissioners-desk-backup-2026-12-06-1530-2.sqlite3"
