"""Damage a SQLite database file the ways disks and crashes do, for the damaged-database tests:
its header overwritten, its first page (the list of tables), a page in the middle of a table,
the file cut short, or a file that is not a database at all."""

from __future__ import annotations

import random
import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

from commissioner_desk.db.database import Database
from commissioner_desk.db.models import Organisation
from commissioner_desk.db.rolling import take_daily_backup
from commissioner_desk.domain.enums import OrganisationKind
from commissioner_desk.settings import DB_FILE_NAME

BACKUP_DAY = datetime(2026, 12, 5, 9, 15)  # when data_with_backup's daily backup was made
KINDS = ("header", "first-page", "middle-page", "truncated", "text-file")


def _page_size(data: bytes) -> int:
    size = int.from_bytes(data[16:18], "big")
    return 65536 if size == 1 else size


def _table_page(path: Path, table: str) -> int:
    """A page in the middle of `table` (dbstat: which pages hold what)."""
    con = sqlite3.connect(path)
    try:
        pages = [r[0] for r in con.execute("SELECT pageno FROM dbstat WHERE name = ?", (table,))]
    finally:
        con.close()
    assert len(pages) > 1, f"{table} should span pages"
    return sorted(pages)[len(pages) // 2]


def damage(path: Path, kind: str, table: str = "force_aliases") -> None:
    """Damage the database at `path` (checkpointed: no -wal) as `kind` says."""
    data = bytearray(path.read_bytes())
    noise = random.Random(kind).randbytes
    size = _page_size(data)
    if kind == "header":
        data[:100] = noise(100)
    elif kind == "first-page":
        data[100:size] = noise(size - 100)  # sqlite_schema: where every table starts
    elif kind == "middle-page":
        at = (_table_page(path, table) - 1) * size
        data[at : at + size] = noise(size)
    elif kind == "truncated":
        del data[len(data) // 2 :]
    elif kind == "text-file":
        data = bytearray(b"Minutes of the network meeting, 10 February 2026.\r\n" * 200)
    else:
        raise ValueError(kind)
    path.write_bytes(bytes(data))


def add_organisation(db: Database, name: str) -> None:
    with db.session() as s:
        s.add(Organisation(name=name, kind=OrganisationKind.NGO))


def data_with_backup(folder: Path, template: Path) -> Path:
    """A data folder: its database holding one organisation, and a daily backup of it."""
    folder.mkdir()
    shutil.copy(template, folder / DB_FILE_NAME)
    db = Database(f"sqlite:///{(folder / DB_FILE_NAME).as_posix()}")
    add_organisation(db, "Held in the backup")
    with db.engine.connect() as conn:  # everything in the file itself, as after a close
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()
    take_daily_backup(folder / DB_FILE_NAME, folder / "backups", 7, BACKUP_DAY)
    return folder
