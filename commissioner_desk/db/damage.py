"""Is a SQLite database file sound, and if not, how does the user get their data back?

`check_file` runs SQLite's quick check on the file itself, read-only and outside the app's
engine, so checking can never write into a damaged file. `Damage` says what was found and
names the newest backup that is sound, with the exact menu item and command that restore it.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

# Checked in the background above this size (about a second's reading, cold): the window shows
# data at once, and the first write waits for the check.
BACKGROUND_BYTES = 200 * 1024 * 1024
_CHECK_WAIT_S = 15  # another copy of the app writing (rollback journal): wait, as for a write
_DAMAGED_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB
RESTORE_MENU = "File › Restore database…"


def check_file(path: Path) -> str | None:
    """What SQLite's quick check finds wrong with the database file, in its words; None when it
    is sound, missing or empty, or when it cannot be read for a reason that is not damage (a
    drive gone, another program holding it): opening then says so in its own words."""
    path = Path(path)
    try:
        if path.stat().st_size == 0:
            return None  # a new database, not yet written
    except OSError:
        return None
    try:
        con = sqlite3.connect(
            f"file:{quote(path.as_posix(), safe='/:')}?mode=ro", uri=True, timeout=_CHECK_WAIT_S
        )
        try:
            found = [row[0] for row in con.execute("PRAGMA quick_check")]
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        if (getattr(exc, "sqlite_errorcode", 0) & 0xFF) not in _DAMAGED_CODES:
            return None
        if "not a database" in str(exc):
            return "it is not a database: its beginning has been overwritten, or it is another file"
        return f"parts of it cannot be read (SQLite says: {exc})"
    if found == ["ok"]:
        return None
    problems = [line for text in found for line in str(text).splitlines() if line.strip()]
    first = problems[0] if problems else "no detail given"
    more = f" ({len(problems)} problems in all)" if len(problems) > 1 else ""
    return f"SQLite's check of its pages failed: {first}{more}"


@dataclass(frozen=True)
class Damage:
    path: Path  # the damaged database file
    problem: str  # what the check found (check_file)
    backup: Path | None = None  # the newest sound backup, if any was found
    backup_made: datetime | None = None
    command: str = "commissioner-desk db restore FILE"  # restores `backup` on the command line
    backup_dir: Path | None = None  # where backups were looked for

    def advice(self) -> str:
        """How to get the data back: the backup to restore and exactly how."""
        if self.backup is not None:
            made = f" (made {self.backup_made:%d/%m/%Y %H:%M})" if self.backup_made else ""
            return (
                f"Restore the newest good backup, {self.backup.name}{made}: in the app choose "
                f"{RESTORE_MENU} and that file, or on the command line run\n"
                f"    {self.command}\n"
                "The damaged file is kept, moved aside under a dated name."
            )
        where = f" in {self.backup_dir}" if self.backup_dir else ""
        return (
            f"No good backup was found{where}. If you have one elsewhere (a USB stick, an "
            f"email), restore it with {RESTORE_MENU}, or on the command line run\n"
            f"    {self.command}\n"
            "Otherwise ask IT whether the file can be recovered from the laptop's own backups."
        )

    def words(self) -> str:
        """The whole message: what is wrong, what that means now, and the way back."""
        return (
            f"The database {self.path} is damaged ({self.problem}). It has been opened "
            "read-only: you can look at what can still be read, but nothing can be imported "
            "or changed, and no backup is taken from it.\n" + self.advice()
        )

    def refusal(self) -> str:
        """Why a change was not saved."""
        return (
            f"Nothing was saved: the database {self.path.name} is damaged, so it is open "
            f"read-only.\n{self.advice()}"
        )


def newest_sound_backup(backup_dir: Path) -> tuple[Path, datetime] | None:
    """The newest backup in the backups folder that is a sound Commissioner's Desk backup."""
    from .backup import check_backup_file
    from .database import DatabaseError
    from .rolling import all_backups

    try:
        backups = all_backups(backup_dir)
    except OSError:
        return None
    for backup in backups:
        try:
            check_backup_file(backup.path)
        except (DatabaseError, OSError):
            continue
        return backup.path, backup.made_at
    return None
