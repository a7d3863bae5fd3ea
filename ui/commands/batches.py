"""`commissioner-desk batches list [--json]` and `commissioner-desk batches undo ID [--yes]`.

Exit 0 on success; 1 when the user declines to undo; 2 when the batch cannot be undone (the
message says why and what to do instead).
"""

from __future__ import annotations

import argparse
import json

from ..cli import UserError
from .common import TextProgress, confirmed, opened


def list_batches(args: argparse.Namespace) -> int:
    from commissioner_desk.formatting import uk_datetime
    from commissioner_desk.importing.commit.history import list_batches as history

    _ws, db = opened(args)
    rows = history(db)
    if args.json:
        print(json.dumps({"batches": [r.to_json() for r in rows]}, indent=2, ensure_ascii=False))
        return 0
    if not rows:
        print("No imports yet.")
        return 0
    for r in rows:
        what = ", ".join(r.file_names) or ("demo data" if r.is_demo else r.note)
        periods = f"{r.periods[0]} to {r.periods[-1]}" if len(r.periods) > 1 else "".join(r.periods)
        line = (
            f"{r.id:>5}  {uk_datetime(r.imported_at)}  {r.imported_by}  {what}: "
            f"{r.added:,} figures added, {r.superseded:,} replaced, {r.forces} force(s), {periods}"
        )
        if r.undone:
            line += f"  [undone {uk_datetime(r.undone_at)} by {r.undone_by}]"
        print(line)
    return 0


def undo(args: argparse.Namespace) -> int:
    from commissioner_desk.importing.commit.undo import UndoError, describe, undo_batch

    _ws, db = opened(args)
    if not args.yes:
        from commissioner_desk.db.models import ImportBatch

        with db.session() as s:
            batch = s.get(ImportBatch, args.id)
            what = describe(batch) if batch is not None else f"batch {args.id}"
        if not confirmed(
            f"Undo {what}? Its figures are removed and what was there before is put back."
        ):
            return 1
    progress = TextProgress()
    try:
        result = undo_batch(db, args.id, progress)
    except UndoError as exc:
        raise UserError(str(exc)) from exc
    finally:
        progress.finish()
    print(
        f"Undid batch {result.batch_id} ({', '.join(result.file_names)}): removed "
        f"{result.removed:,} figures and {result.texts_removed:,} answers, made "
        f"{result.restored:,} earlier figures current again, put back "
        f"{result.register_restored + result.register_removed:,} returns register entries."
    )
    return 0
