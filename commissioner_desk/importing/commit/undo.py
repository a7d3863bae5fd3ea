"""Undo an import batch: put back exactly what was there before it, in one transaction.

The batch's own figures and answers are deleted; the figures it superseded become current
again; the returns register rows it touched go back to their state, batch and dates from before
(kept by `commit_plan` in the import's audit entry). The batch row and its source file stay,
marked undone, for the audit trail. Undo works newest first: a batch whose forces and periods a
later import has touched since cannot be undone until that later import is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, exists, select, update
from sqlalchemy.orm import Session

from commissioner_desk.db.audit import record_bulk
from commissioner_desk.db.base import utcnow
from commissioner_desk.db.database import Database
from commissioner_desk.db.models import ForceReturn, ImportBatch, Observation, ReturnText
from commissioner_desk.domain.enums import BatchStatus, ReturnState
from commissioner_desk.formatting import uk_datetime
from commissioner_desk.progress import NO_PROGRESS, Progress, check

from .store import AUDIT_TABLE, CHASE_FIELDS, import_record

STEPS = 5


class UndoError(ValueError):
    """The batch cannot be undone; the message says why and what to do instead."""


@dataclass(frozen=True)
class UndoResult:
    batch_id: int
    file_names: tuple[str, ...]
    removed: int  # figures the batch had added, now deleted
    restored: int  # earlier figures made current again
    texts_removed: int  # free-text answers the batch had added, now deleted
    register_restored: int  # register rows put back as they were before the import
    register_removed: int  # register rows the import had created, deleted again


def undo_batch(db: Database, batch_id: int, progress: Progress = NO_PROGRESS) -> UndoResult:
    """Undo one import batch. Raises UndoError when it cannot be undone, Cancelled."""
    with db.session() as s:
        progress.report(0, STEPS, f"Checking import batch {batch_id}…")
        # Locked (PostgreSQL) so two people undoing the same batch cannot both go ahead.
        batch = s.get(ImportBatch, batch_id, with_for_update=True)
        if batch is None:
            raise UndoError(f"There is no import batch {batch_id}.")
        if batch.is_demo:
            raise UndoError(
                f"Batch {batch_id} is the demo data. Remove it with Remove demo data "
                "(or: commissioner-desk demo --remove)."
            )
        if batch.status == BatchStatus.UNDONE:
            raise UndoError(
                f"{describe(batch)} was already undone by {batch.undone_by} on "
                f"{uk_datetime(batch.undone_at)}."
            )
        record = import_record(s, batch_id)
        if record is None:
            raise UndoError(
                f"{describe(batch)} was imported by an earlier version of the app, which did "
                "not keep the returns register as it was before the import, so it cannot be "
                "undone exactly."
            )
        if later := _later_batches(s, batch, record):
            names = "; ".join(describe(b) for b in later)
            order = ", then ".join(f"batch {b.id}" for b in later)
            raise UndoError(
                f"{describe(batch)} cannot be undone yet, because a later import changed the "
                f"figures or returns register for the same forces and periods: {names}. "
                f"Undo {order} first, then this one."
            )
        files = tuple(f.file_name for f in batch.files)

        check(progress)
        progress.report(1, STEPS, "Removing the figures it added…")
        removed = s.execute(delete(Observation).where(Observation.batch_id == batch_id)).rowcount
        check(progress)
        progress.report(2, STEPS, "Making earlier figures current again…")
        restored = s.execute(
            update(Observation)
            .where(Observation.superseded_by_batch_id == batch_id)
            .values(is_current=True, superseded_by_batch_id=None)
            .execution_options(synchronize_session=False)
        ).rowcount
        texts = s.execute(delete(ReturnText).where(ReturnText.batch_id == batch_id)).rowcount
        check(progress)
        progress.report(3, STEPS, "Putting the returns register back…")
        put_back, deleted = _restore_register(s, record["register_before"])

        batch.status = BatchStatus.UNDONE
        batch.undone_by = db.user
        batch.undone_at = utcnow()
        result = UndoResult(batch_id, files, removed, restored, texts, put_back, deleted)
        record_bulk(
            s,
            AUDIT_TABLE,
            {
                "undone_batch_id": batch_id,
                "files": list(files),
                "removed": removed,
                "restored": restored,
                "texts_removed": texts,
                "register_restored": put_back,
                "register_removed": deleted,
            },
        )
        check(progress)  # the last chance to cancel before the commit
        progress.report(STEPS, STEPS, "Saving…")
    return result


def describe(batch: ImportBatch) -> str:
    """ "batch 7 (kent.xlsx, imported 3 May 2025 14:02 by jo)" for messages."""
    files = ", ".join(f.file_name for f in batch.files) or batch.note or batch.kind
    when = uk_datetime(batch.imported_at)
    return f"batch {batch.id} ({files}, imported {when} by {batch.imported_by})"


def _later_batches(s: Session, batch: ImportBatch, record: dict) -> list[ImportBatch]:
    """Committed batches after this one that superseded its figures or own the register rows
    it set: undoing this one first could not restore what was there before. Newest first."""
    pairs = {(i["force_id"], i["period_id"]) for i in record["register_before"]}
    owners = s.execute(
        select(ForceReturn.force_id, ForceReturn.period_id, ForceReturn.batch_id).where(
            ForceReturn.force_id.in_({f for f, _ in pairs}),
            ForceReturn.period_id.in_({p for _, p in pairs}),
        )
    )
    ids = {b for f, p, b in owners if (f, p) in pairs and b is not None}
    ids |= set(
        s.scalars(
            select(Observation.superseded_by_batch_id).where(
                Observation.batch_id == batch.id, Observation.superseded_by_batch_id.is_not(None)
            )
        )
    )
    ids.discard(batch.id)
    if not ids:
        return []
    return list(
        s.scalars(
            select(ImportBatch)
            .where(
                ImportBatch.id.in_(ids),
                ImportBatch.id > batch.id,
                ImportBatch.status == BatchStatus.COMMITTED,
            )
            .order_by(ImportBatch.id.desc())
        )
    )


def _restore_register(s: Session, before: list[dict]) -> tuple[int, int]:
    """Put each register row back as it was; returns (rows put back, rows deleted)."""
    force_ids = {i["force_id"] for i in before}
    period_ids = {i["period_id"] for i in before}
    rows = {
        (r.force_id, r.period_id): r
        for r in s.scalars(
            select(ForceReturn).where(
                ForceReturn.force_id.in_(force_ids), ForceReturn.period_id.in_(period_ids)
            )
        )
    }
    demo_loaded = s.scalar(select(exists().where(ImportBatch.is_demo)))
    named = {i["before"]["batch_id"] for i in before if i["before"]} - {None}
    alive = set(s.scalars(select(ImportBatch.id).where(ImportBatch.id.in_(named))))
    put_back = deleted = 0
    for item in before:
        row = rows.get((item["force_id"], item["period_id"]))
        old = item["before"]
        if old and old["is_demo"] and (not demo_loaded or old["batch_id"] not in alive | {None}):
            old = None  # it was demo data, removed since: removing the demo deleted such rows
        if old is None:
            if row is None:
                continue
            if row.chase_count or row.chased_at or row.contact or row.notes:
                # Chased or annotated by staff since the import: keep their notes; with the
                # import gone the return is simply missing again.
                row.state, row.batch_id, row.received_at = ReturnState.MISSING, None, None
                put_back += 1
            else:
                s.delete(row)
                deleted += 1
            continue
        if row is None:  # deleted by hand since the import: bring it back
            row = ForceReturn(force_id=item["force_id"], period_id=item["period_id"])
            s.add(row)
        row.state = ReturnState(old["state"])
        row.batch_id = old["batch_id"]
        row.received_at = _when(old["received_at"])
        row.is_demo = old["is_demo"]
        if old["is_demo"]:  # the import cleared the demo's chase history: put it back too
            row.chased_at = _when(old["chased_at"])
            for name in CHASE_FIELDS[1:]:
                setattr(row, name, old[name])
        put_back += 1
    return put_back, deleted


def _when(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)
