"""`commissioner-desk db upgrade | backup | restore`."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..cli import UserError
from .common import TextProgress, confirmed, opened


def upgrade(args: argparse.Namespace) -> int:
    _ws, db = opened(args)  # opening upgrades, taking a copy first
    print(f"Database is up to date: {db.info.display_url}")
    return 0


def backup(args: argparse.Namespace) -> int:
    from commissioner_desk.db.backup import backup_to_file

    _ws, db = opened(args)
    progress = TextProgress()
    result = backup_to_file(db, Path(args.out), progress)
    progress.finish()
    print(f"Backed up {result.rows:,} rows to {result.path}")
    return 0


def restore(args: argparse.Namespace) -> int:
    from commissioner_desk.db.backup import restore_from_file
    from commissioner_desk.db.database import DatabaseError

    ws, db = opened(args)
    if not args.yes and not confirmed(
        f"Replace everything in {db.info.display_url} with {args.file}? "
        "A safety copy is taken first."
    ):
        return 1
    progress = TextProgress()
    try:
        rows, safety = restore_from_file(db, Path(args.file), ws.backup_dir, progress)
    except DatabaseError as exc:
        raise UserError(str(exc)) from exc
    progress.finish()
    print(f"Restored {rows:,} rows from {args.file}. Safety copy of the previous data: {safety}")
    return 0
