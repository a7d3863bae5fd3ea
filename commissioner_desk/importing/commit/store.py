"""Store a checked plan: one transaction, a new version of each changed figure, nothing else.

A figure whose current value is the same is left alone, so re-importing a file changes nothing
and a corrected file adds only the corrections. A changed figure is never overwritten: the old
row stays, marked not current and superseded by the new batch, so it can be shown and restored.
Free-text answers work the same way: a changed answer is a new row; the newest one is in force.

A value may be a float for a metric whose unit is decimal or percent; it is stored to four
places (db/figure_value.py) and compared as stored, so re-importing the same file changes
nothing. A value its metric's unit does not allow (a fraction of a count, a negative figure, a
percentage above 100) refuses the whole import, naming the cell.

Undo needs the returns register as it was before the import, and the schema has no column for
it, so the import's audit entry (append-only, one per batch) carries it as `register_before`:
one item per force and period the import touched, `before` null when it created the row.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from commissioner_desk.db.audit import record_bulk
from commissioner_desk.db.base import utcnow
from commissioner_desk.db.database import Database
from commissioner_desk.db.failures import retrying
from commissioner_desk.db.figure_value import stored_value
from commissioner_desk.db.models import (
    AuditEntry,
    ForceReturn,
    ImportBatch,
    Observation,
    ReturnText,
    SourceFile,
)
from commissioner_desk.db.reference import ensure_periods
from commissioner_desk.domain.catalogue import METRICS_BY_KEY, value_problem
from commissioner_desk.domain.enums import AuditAction, BatchKind, ReturnState
from commissioner_desk.domain.periods import Period
from commissioner_desk.progress import NO_PROGRESS, Progress, check

from ..checks.problems import ImportRefused, error
from ..layouts.profiles import profile_to_save, save_profile_in
from ..model import PlannedFigure, PlannedText
from ..plan import ImportPlan
from ..readers.cell_text import storable
from .diff import Ids, held_figures, held_texts, lookup_ids

CHUNK = 2_000  # rows per statement: progress and Cancel between chunks
# Column sizes for names taken from the file (another program may write longer ones).
SHEET_LENGTH = Observation.__table__.c.sheet.type.length
NAME_LENGTH = SourceFile.__table__.c.file_name.type.length
AUDIT_TABLE = "observations"  # the table name of an import's (and an undo's) audit entry
# What undo puts back on a register row; the chase fields only when the import cleared them.
REGISTER_FIELDS = ("state", "batch_id", "received_at", "is_demo")
CHASE_FIELDS = ("chased_at", "chase_count", "contact", "notes")


@dataclass(frozen=True)
class ImportOutcome:
    path: Path
    status: Literal["ok", "unchanged"]
    batch_id: int | None  # the batch this import created; None when nothing was written
    added: int  # observations written
    superseded: int  # current observations replaced (including demo figures)
    unchanged: int  # figures already held with the same value
    forces: int  # forces in the file
    periods: tuple[str, ...]  # period keys in the file, in date order
    texts_added: int = 0  # free-text answers written (new or changed)


def commit_plan(db: Database, plan: ImportPlan, progress: Progress = NO_PROGRESS) -> ImportOutcome:
    """Import the plan's figures and answers. Raises ImportRefused (plan has errors), Cancelled.

    On any exception, including Cancel, the transaction rolls back and nothing is stored.
    Someone else storing figures at the same moment (the same file imported twice at once, or
    a long import holding SQLite past its wait) makes the import start again from reading
    what is held, a few times at most: the second of two identical imports then reports its
    figures as unchanged instead of failing on the one-current-figure rule.
    """
    return retrying(lambda: _commit_once(db, plan, progress))


def _commit_once(db: Database, plan: ImportPlan, progress: Progress) -> ImportOutcome:
    if not plan.ok:
        raise ImportRefused(plan)
    if not plan.figures and not plan.texts:
        _refuse(plan, "The file holds no figures to import.")
    _check_units(plan)
    items: list[PlannedFigure | PlannedText] = [*plan.figures, *plan.texts]
    periods = sorted({Period.from_key(x.period_key) for x in items})
    codes = sorted({x.force_code for x in items})

    def outcome(status, batch_id=None, added=0, superseded=0, unchanged=0, texts=0):
        keys = tuple(p.key for p in periods)
        return ImportOutcome(
            plan.path, status, batch_id, added, superseded, unchanged, len(codes), keys, texts
        )

    with db.session() as s:
        progress.report(0, 100, f"Comparing {plan.path.name} with the figures held…")
        ids = lookup_ids(s, plan)
        _check_reference_data(plan, ids, codes)
        wanted = {ids.metrics[f.metric_key] for f in plan.figures}
        current = held_figures(s, ids, wanted)
        answers = held_texts(s, ids)

        to_write: list[PlannedFigure] = []
        to_supersede: list[int] = []
        for f in plan.figures:
            old = current.get(ids.figure_key(f))
            if old and old.same_as(f):
                continue
            if old:
                to_supersede.append(old.id)
            to_write.append(f)
        texts = [t for t in plan.texts if not _same_text(answers.get(ids.text_key(t)), t)]
        unchanged = len(plan.figures) - len(to_write)
        if not to_write and not texts:
            return outcome("unchanged", unchanged=unchanged)  # nothing was written
        check(progress)

        period_ids = ensure_periods(s, periods)
        batch = ImportBatch(
            kind=BatchKind.TEMPLATE if plan.layout == "template" else BatchKind.IMPORT,
            imported_by=db.user,
            note=storable(f"{plan.path.name}: {plan.how_read}"),
        )
        s.add(batch)
        s.flush()
        source = SourceFile(
            batch_id=batch.id,
            file_name=storable(plan.path.name, NAME_LENGTH),
            sha256=plan.sha256,
            size_bytes=plan.size_bytes,
            template_version=plan.template_version,
        )
        s.add(source)
        s.flush()

        # Old rows stop being current before the new ones arrive: the partial unique index
        # allows one current row per key at every moment, not just at commit.
        for start in range(0, len(to_supersede), CHUNK):
            check(progress)
            progress.report(10 + 30 * start // len(to_supersede), 100, "Keeping earlier values…")
            s.execute(
                update(Observation)
                .where(Observation.id.in_(to_supersede[start : start + CHUNK]))
                .values(is_current=False, superseded_by_batch_id=batch.id)
                .execution_options(synchronize_session=False)
            )
        sheets = {f.sheet: storable(f.sheet, SHEET_LENGTH) for f in to_write}
        rows = [
            {
                "force_id": ids.forces[f.force_code],
                "period_id": period_ids[f.period_key],
                "metric_id": ids.metrics[f.metric_key],
                "breakdown": f.breakdown,
                "status": f.status,
                "value": stored_value(f.value),
                "batch_id": batch.id,
                "source_file_id": source.id,
                "sheet": sheets[f.sheet],
                "cell": f.cell,
                "is_current": True,
                "superseded_by_batch_id": None,
            }
            for f in to_write
        ]
        for start in range(0, len(rows), CHUNK):
            check(progress)
            progress.report(40 + 50 * start // len(rows), 100, "Storing figures…")
            s.execute(insert(Observation), rows[start : start + CHUNK])
        if texts:
            s.execute(insert(ReturnText), [_text_row(t, ids, period_ids, batch.id) for t in texts])
        check(progress)

        pairs = {(ids.forces[x.force_code], period_ids[x.period_key]) for x in items}
        register_before = _mark_received(s, pairs, batch.id)
        # A mapping the user supplied for this shape of table is kept only with the figures.
        if (keep := profile_to_save(plan)) is not None:
            save_profile_in(
                s,
                keep.fingerprint,
                name=keep.name,
                metric_key=keep.metric_key,
                period_key=keep.period_key,
                column_map=keep.column_map,
                user=db.user,
            )
        record_bulk(
            s,
            AUDIT_TABLE,
            {
                "batch_id": batch.id,
                "file": plan.path.name,
                "sha256": plan.sha256,
                "added": len(rows),
                "superseded": len(to_supersede),
                "unchanged": unchanged,
                "texts_added": len(texts),
                "forces": codes,
                "periods": [p.key for p in periods],
                "register_before": register_before,
                # How the file was read, kept with the batch: layout, published column
                # labels and what each was taken as, the mapping profile used.
                "how_read": plan.how_read,
                "details": dict(plan.details),
            },
        )
        check(progress)  # the last chance to cancel before the commit
        progress.report(100, 100, "Saving…")
        return outcome("ok", batch.id, len(rows), len(to_supersede), unchanged, len(texts))


def import_record(s: Session, batch_id: int) -> dict | None:
    """The summary `commit_plan` wrote to the audit log for a batch (None for demo data, or a
    batch imported before the summary was kept)."""
    entries = s.scalars(
        select(AuditEntry.details).where(
            AuditEntry.action == AuditAction.BULK,
            AuditEntry.table_name == AUDIT_TABLE,
            AuditEntry.details.contains(f'"batch_id": {batch_id},', autoescape=True),
        )
    )
    for details in entries:
        record = json.loads(details)
        if record.get("batch_id") == batch_id and "register_before" in record:
            return record
    return None


def _refuse(plan: ImportPlan, message: str) -> None:
    problem = error(None, None, message)
    raise ImportRefused(replace(plan, problems=(*plan.problems, problem)))


def _check_reference_data(plan: ImportPlan, ids: Ids, codes: list[str]) -> None:
    if missing := [c for c in codes if c not in ids.forces]:
        _refuse(
            plan,
            f"The database does not hold force(s) {', '.join(missing)}: restart "
            "the app so it can update its list of forces, then try again.",
        )
    if missing := sorted({f.metric_key for f in plan.figures} - set(ids.metrics)):
        _refuse(
            plan,
            f"The database does not hold metric(s) {', '.join(missing)}: restart "
            "the app so it can update its catalogue, then try again.",
        )


def _check_units(plan: ImportPlan) -> None:
    """Every value fits its metric's unit; the last guard before anything is stored."""
    problems = []
    for f in plan.figures:
        metric = METRICS_BY_KEY.get(f.metric_key)
        if f.value is None or metric is None:
            continue  # an unknown metric is refused by name with the reference data
        if (why := value_problem(metric, f.value)) is not None:
            who = f.force_name or f.force_code
            problems.append(error(f.sheet, f.cell, f"{who}, {f.period_key}: {why}."))
    if problems:
        raise ImportRefused(replace(plan, problems=(*plan.problems, *problems)))


def _same_text(old, t: PlannedText) -> bool:
    return old is not None and old.same_as(t)


def _text_row(t: PlannedText, ids: Ids, period_ids: dict[str, int], batch_id: int) -> dict:
    return {
        "force_id": ids.forces[t.force_code],
        "period_id": period_ids[t.period_key],
        "batch_id": batch_id,
        "question": t.question,
        "text": storable(t.text),
        "sheet": storable(t.sheet, SHEET_LENGTH),
        "cell": t.cell,
    }


def _mark_received(s: Session, pairs: set[tuple[int, int]], batch_id: int) -> list[dict]:
    """The returns register: every force and period in the file is now RECEIVED (again).

    Returns the rows as they were before, for undo (JSON-ready: dates as ISO text)."""
    now = utcnow()
    force_ids = {f for f, _ in pairs}
    period_ids = {p for _, p in pairs}
    existing = {
        (r.force_id, r.period_id): r
        for r in s.scalars(
            select(ForceReturn).where(
                ForceReturn.force_id.in_(force_ids), ForceReturn.period_id.in_(period_ids)
            )
        )
    }
    before: list[dict] = []
    for force_id, period_id in sorted(pairs):
        row = existing.get((force_id, period_id))
        item: dict = {"force_id": force_id, "period_id": period_id, "before": None}
        if row is None:
            row = ForceReturn(force_id=force_id, period_id=period_id, chase_count=0)
            s.add(row)
        else:
            item["before"] = register_snapshot(row)
            if row.is_demo:
                # The demo's invented chase history and notes do not belong on a real return.
                row.chased_at, row.chase_count, row.contact, row.notes = None, 0, "", ""
        before.append(item)
        row.state = ReturnState.RECEIVED
        row.batch_id = batch_id
        row.received_at = now
        row.is_demo = False
    return before


def register_snapshot(row: ForceReturn) -> dict:
    """The fields an import may change on a register row, as JSON-ready values."""
    out = {name: getattr(row, name) for name in (*REGISTER_FIELDS, *CHASE_FIELDS)}
    out["state"] = ReturnState(row.state).value
    for name in ("received_at", "chased_at"):
        out[name] = out[name] and out[name].isoformat()
    return out
