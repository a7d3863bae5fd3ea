"""Restore over a damaged SQLite file: move it aside, put a checked copy of the backup in its
place.

A damaged file cannot be emptied and refilled row by row, nor safely copied through SQLite (its
damaged pages would travel with it). So it is renamed, with its -wal and -shm, under a dated
name beside it, and never read again; the backup is copied into a new file in the same folder,
brought to this version's layout, checked with SQLite's quick check, and renamed into place.
"""

from __future__ import annotations

import contextlib
import os
from datetime import datetime
from pathlib import Path

from ..progress import Progress, check
from .damage import check_file
from .database import Database, DatabaseError

COMPANIONS = ("", "-wal", "-shm", "-journal")  # SQLite's files for one database


def aside_name(path: Path, now: datetime) -> Path:
    """commissioners-desk.damaged-2026-12-06-153012.sqlite3, beside the database."""
    return path.with_name(f"{path.stem}.damaged-{now:%Y-%m-%d-%H%M%S}{path.suffix}")


def replace_damaged(db: Database, source: Path, progress: Progress) -> tuple[int, Path]:
    """Put the backup `source` (already checked) in place of `db`'s damaged file. Returns the
    rows restored and where the damaged file now is; `db` is writable again."""
    from .backup import count_rows

    path = db.info.path
    assert path is not None and db.damage is not None
    now = datetime.now()
    staged = path.with_name(f"{path.stem}.restoring-{now:%Y%m%d-%H%M%S}{path.suffix}")
    progress.report(0, 3, "Copying the backup…")
    try:
        _bring_up_to_date(source, staged, db.user)
        if problem := check_file(staged):
            raise DatabaseError(f"The copy of {source.name} did not check out: {problem}")
        check(progress)
        progress.report(2, 3, "Moving the damaged database aside…")
        db.dispose()  # Windows renames no file that is open
        aside = _move_aside(path, aside_name(path, now))
    except BaseException:
        with contextlib.suppress(OSError):
            staged.unlink()
        raise
    os.replace(staged, path)
    db.replaced()
    if problem := check_file(path):  # the disk itself may be failing
        raise DatabaseError(f"The restored database {path} did not check out: {problem}")
    return count_rows(path), aside


def _bring_up_to_date(source: Path, staged: Path, user: str) -> None:
    """The backup copied to `staged` at this version's layout: one file, no -wal beside it."""
    from .backup import staged_copy

    work = staged_copy(source, staged, user)
    try:
        with work.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA journal_mode = DELETE")  # folds the WAL into the file
    finally:
        work.dispose()


def _move_aside(path: Path, aside: Path) -> Path:
    """Rename the damaged file and its companions; put back what moved if one will not go."""
    moved: list[tuple[Path, Path]] = []
    try:
        for suffix in COMPANIONS:
            old = path.with_name(path.name + suffix)
            if old.exists():
                new = aside.with_name(aside.name + suffix)
                os.replace(old, new)
                moved.append((old, new))
    except OSError as exc:
        for old, new in reversed(moved):
            with contextlib.suppress(OSError):
                os.replace(new, old)
        raise DatabaseError(
            f"The damaged database {path} could not be moved aside ({exc.strerror or exc}): "
            "another copy of Commissioner's Desk, or another program, may have it open. Close "
            "it and try again. Nothing was changed."
        ) from exc
    return aside
