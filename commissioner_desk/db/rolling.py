"""Daily automatic backups of the SQLite database, and the list of every backup kept.

The first time the app opens the database on a day it copies the file (SQLite's online backup,
consistent even while someone writes) into `backups/daily/`, then deletes the oldest automatic
copies beyond the number to keep. Only files this module named are ever deleted: backups the
user made, the copies taken before an upgrade or a restore, and anything else in the folder
are left alone. A PostgreSQL office backs up on the server (README: pg_dump).

COMMISSIONER_DESK_DAILY_BACKUP=off turns the daily copy off: the test suite sets it, so that a
test opening the app makes no backup unless it asks for one.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Literal

from ..files.safe_write import temp_glob
from .migrate import copy_sqlite

DAILY = "daily"  # the sub-folder of the backups folder
DAILY_ENV = "COMMISSIONER_DESK_DAILY_BACKUP"
MIN_KEEP, MAX_KEEP = 1, 365
_NAME = "daily-{:%Y-%m-%d-%H%M%S}.sqlite3"
_DAILY = re.compile(r"^daily-(\d{4}-\d{2}-\d{2}-\d{6})\.sqlite3$")
_STALE_PART = timedelta(hours=1)  # a copy unfinished this long ago was cut short by a crash

Kind = Literal["daily", "manual", "before upgrade", "before restore"]


@dataclass(frozen=True)
class BackupFile:
    path: Path
    kind: Kind
    made_at: datetime  # local time
    size_bytes: int


@dataclass(frozen=True)
class DailyResult:
    made: Path | None  # None: one was already made today
    removed: tuple[Path, ...]  # older automatic backups deleted to keep the number


def size_text(n: int) -> str:
    """A backup's size as the lists show it: 3.2 MB, 879 kB."""
    return f"{n / (1 << 20):,.1f} MB" if n >= 1 << 20 else f"{max(1, round(n / 1024)):,} kB"


def dated_backup(folder: Path, now: datetime | None = None) -> Path:
    """A new backup's path in `folder`: commissioners-desk-backup-2026-12-06-1530.sqlite3, with
    -2, -3… when one of that minute is there already (never over another backup)."""
    now = now or datetime.now()
    stem = f"commissioners-desk-backup-{now:%Y-%m-%d-%H%M}"
    path, n = folder / f"{stem}.sqlite3", 1
    while path.exists():
        n += 1
        path = folder / f"{stem}-{n}.sqlite3"
    return path


def daily_enabled() -> bool:
    return os.environ.get(DAILY_ENV, "").strip().lower() not in ("off", "0", "no", "false")


def check_keep(keep: int) -> int:
    if not MIN_KEEP <= keep <= MAX_KEEP:
        raise ValueError(
            f"The number of daily backups to keep must be from {MIN_KEEP} to {MAX_KEEP}, "
            f"not {keep}."
        )
    return keep


def daily_backups(backup_dir: Path) -> list[BackupFile]:
    """The automatic backups, newest first."""
    folder = backup_dir / DAILY
    found = []
    for path in folder.glob("daily-*.sqlite3") if folder.is_dir() else ():
        match = _DAILY.match(path.name)
        if match and path.is_file():
            made = datetime.strptime(match.group(1), "%Y-%m-%d-%H%M%S")
            found.append(BackupFile(path, "daily", made, path.stat().st_size))
    return sorted(found, key=lambda b: b.made_at, reverse=True)


def is_due(backup_dir: Path, now: datetime) -> bool:
    """True unless an automatic backup was made today (or later: a clock put back)."""
    newest = next(iter(daily_backups(backup_dir)), None)
    return newest is None or newest.made_at.date() < now.date()


def take_daily_backup(
    db_path: Path | None, backup_dir: Path, keep: int, now: datetime | None = None
) -> DailyResult:
    """Copy the database if no automatic backup was made today, then keep the newest `keep`."""
    now = now or datetime.now()
    keep = check_keep(keep)
    if db_path is None or not db_path.is_file() or not is_due(backup_dir, now):
        return DailyResult(None, ())
    folder = backup_dir / DAILY
    folder.mkdir(parents=True, exist_ok=True)
    _remove_stale_parts(folder, now)
    target = folder / _NAME.format(now)
    copy_sqlite(db_path, target)
    return DailyResult(target, tuple(prune(backup_dir, keep)))


def prune(backup_dir: Path, keep: int) -> list[Path]:
    """Delete the automatic backups beyond the newest `keep`; return what was deleted."""
    removed = []
    for old in daily_backups(backup_dir)[check_keep(keep) :]:
        old.path.unlink(missing_ok=True)
        removed.append(old.path)
    return removed


def _remove_stale_parts(folder: Path, now: datetime) -> None:
    for part in folder.glob(temp_glob("daily-*.sqlite3")):
        try:
            if now - datetime.fromtimestamp(part.stat().st_mtime) > _STALE_PART:
                part.unlink()
        except OSError:
            pass  # another copy of the app may be finishing it; next time


def all_backups(backup_dir: Path) -> list[BackupFile]:
    """Every backup in the backups folder, newest first: daily, manual and safety copies."""
    found = daily_backups(backup_dir)
    for path in backup_dir.glob("*.sqlite3") if backup_dir.is_dir() else ():
        if not path.is_file():
            continue
        stat = path.stat()
        kind: Kind = (
            "before upgrade"
            if ".before-upgrade-from-" in path.name
            else "before restore"
            if path.name.startswith("before-restore.")
            else "manual"
        )
        found.append(BackupFile(path, kind, datetime.fromtimestamp(stat.st_mtime), stat.st_size))
    return sorted(found, key=lambda b: b.made_at, reverse=True)
