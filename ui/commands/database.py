"""`commissioner-desk db upgrade | backup | restore | backups`."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ..cli import UserError
from .common import TextProgress, confirmed, opened, workspace


def upgrade(args: argparse.Namespace) -> int:
    _ws, db = opened(args)  # opening upgrades, taking a copy first
    if db.damage is not None:  # opened read-only, not upgraded: the warning said why
        raise UserError(db.damage.refusal())
    print(f"Database is up to date: {db.info.display_url}")
    return 0


def backup(args: argparse.Namespace) -> int:
    from commissioner_desk.db.backup import backup_to_file
    from commissioner_desk.db.rolling import dated_backup

    _ws, db = opened(args)
    if db.damage is not None:
        raise UserError(
            f"No backup was taken: the database {db.info.path} is damaged, and a copy would "
            f"carry the damage.\n{db.damage.advice()}"
        )
    out = Path(args.out)
    if out.is_dir():  # a folder: a new, dated file in it
        out = dated_backup(out)
    progress = TextProgress()
    try:  # a WriteError (a full disk, a read-only folder…) leaves in words via cli.main
        result = backup_to_file(db, out, progress)
    finally:
        progress.finish()
    print(f"Backed up {result.rows:,} rows to {result.path}")
    return 0


def restore(args: argparse.Namespace) -> int:
    from commissioner_desk.db.backup import restore_from_file
    from commissioner_desk.db.database import DatabaseError

    ws, db = opened(args)
    question = (
        f"Replace the damaged database {db.info.path} with {args.file}? The damaged file is "
        "moved aside, not deleted."
        if db.damage is not None
        else f"Replace everything in {db.info.display_url} with {args.file}? "
        "A safety copy is taken first."
    )
    if not args.yes and not confirmed(question):
        return 1
    progress = TextProgress()
    try:
        restored = restore_from_file(db, Path(args.file), ws.backup_dir, progress)
    except DatabaseError as exc:
        raise UserError(str(exc)) from exc
    progress.finish()
    kept = (
        f"The damaged database was moved aside to {restored.safety}"
        if restored.damaged
        else f"Safety copy of the previous data: {restored.safety}"
    )
    print(f"Restored {restored.rows:,} rows from {args.file}. {kept}")
    for note in restored.notes:
        print(f"Note: {note}")
    return 0


def list_backups(args: argparse.Namespace) -> int:
    """List every backup in the data folder; with --keep, set how many daily ones are kept."""
    from commissioner_desk.db.rolling import all_backups, check_keep, size_text
    from commissioner_desk.formatting import uk_date

    ws = workspace(args)  # only files and settings: the database need not be opened
    if args.keep is not None:
        try:
            ws.settings.backups_to_keep = check_keep(args.keep)
        except ValueError as exc:
            raise UserError(str(exc)) from exc
        ws.save_settings()
    keep = ws.settings.backups_to_keep
    backups = all_backups(ws.backup_dir)
    if args.json:
        doc = {
            "folder": str(ws.backup_dir),
            "daily_kept": keep,
            "backups": [
                {
                    "file": str(b.path),
                    "kind": b.kind,
                    "made_at": b.made_at.isoformat(timespec="seconds"),
                    "size_bytes": b.size_bytes,
                }
                for b in backups
            ],
        }
        print(json.dumps(doc, indent=2, ensure_ascii=False))
        return 0
    if args.keep is not None:
        print(
            f"From now on the newest {keep} daily backups are kept; older ones are deleted "
            "when the next daily backup is made. Other backups are never deleted."
        )
    print(f"Backups in {ws.backup_dir} (daily backups kept: {keep}):")
    if not backups:
        print("  none yet: the app makes one a day when it opens the database")
    for b in backups:
        made = f"{uk_date(b.made_at.date())} {b.made_at:%H:%M}"
        print(f"  {made:<18} {b.kind:<15} {size_text(b.size_bytes):>9}  {b.path.name}")
    return 0
