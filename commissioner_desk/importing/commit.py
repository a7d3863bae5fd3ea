"""Store a checked plan: one transaction, a new version of each changed figure, nothing else.

A figure whose current value is the same is left alone, so re-importing a file changes nothing
and a corrected file adds only the corrections. A changed figure is never overwritten: the old
row stays, marked not current and superseded by the new batch, so it can be shown and restored.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal, NamedTuple

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from commissioner_desk.db.audit import record_bulk
from commissioner_desk.db.base import utcnow
from commissioner_desk.db.database import Database
from commissioner_desk.db.enums import BatchKind, ObservationStatus, ReturnState
from commissioner_desk.db.models import (
    Force,
    ForceReturn,
    ImportBatch,
    Metric,
    Observation,
    SourceFile,
)
from commissioner_desk.db.models import Period as PeriodRow
from commissioner_desk.db.reference import ensure_periods
from commissioner_desk.domain.periods import Period
from commissioner_desk.progress import NO_PROGRESS, Progress, check

from .model import PlannedFigure
from .plan import ImportPlan
from .problems import ImportRefused, error

CHUNK = 2_000  # rows per statement: progress and Cancel between chunks
_Key = tuple[int, int, int, str]  # force_id, period_id, metric_id, breakdown


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


class _Current(NamedTuple):
    id: int
    status: ObservationStatus
    value: int | None
    is_demo: bool


def commit_plan(db: Database, plan: ImportPlan, progress: Progress = NO_PROGRESS) -> ImportOutcome:
    """Import the plan's figures. Raises ImportRefused (plan has errors), Cancelled.

    On any exception, including Cancel, the transaction rolls back and nothing is stored.
    """
    if not plan.ok:
        raise ImportRefused(plan)
    if not plan.figures:
        _refuse(plan, "The file holds no figures to import.")
    periods = sorted({Period.from_key(f.period_key) for f in plan.figures})
    codes = sorted({f.force_code for f in plan.figures})

    def outcome(status, batch_id=None, added=0, superseded=0, unchanged=0) -> ImportOutcome:
        keys = tuple(p.key for p in periods)
        return ImportOutcome(
            plan.path, status, batch_id, added, superseded, unchanged, len(codes), keys
        )

    with db.session() as s:
        progress.report(0, 100, f"Comparing {plan.path.name} with the figures held…")
        force_ids = dict(s.execute(select(Force.code, Force.id).where(Force.code.in_(codes))).all())
        metric_ids = dict(s.execute(select(Metric.key, Metric.id)).all())
        if missing := [c for c in codes if c not in force_ids]:
            _refuse(
                plan,
                f"The database does not hold force(s) {', '.join(missing)}: restart "
                "the app so it can update its list of forces, then try again.",
            )
        if missing := sorted({f.metric_key for f in plan.figures} - set(metric_ids)):
            _refuse(
                plan,
                f"The database does not hold metric(s) {', '.join(missing)}: restart "
                "the app so it can update its catalogue, then try again.",
            )
        keys = [p.key for p in periods]
        known_periods = dict(
            s.execute(select(PeriodRow.key, PeriodRow.id).where(PeriodRow.key.in_(keys))).all()
        )
        current = _current_observations(s, force_ids, known_periods, metric_ids)

        to_write: list[PlannedFigure] = []
        to_supersede: list[int] = []
        for f in plan.figures:
            period_id = known_periods.get(f.period_key, -1)
            old = current.get(
                (force_ids[f.force_code], period_id, metric_ids[f.metric_key], f.breakdown)
            )
            # Demo figures are always replaced, even by an equal value: real data must own it.
            if old and not old.is_demo and (old.status, old.value) == (f.status, f.value):
                continue
            if old:
                to_supersede.append(old.id)
            to_write.append(f)
        unchanged = len(plan.figures) - len(to_write)
        if not to_write:
            return outcome("unchanged", unchanged=unchanged)  # nothing was written
        check(progress)

        period_ids = ensure_periods(s, periods)
        batch = ImportBatch(
            kind=BatchKind.IMPORT,
            imported_by=db.user,
            note=f"{plan.path.name}: {plan.layout} table",
        )
        s.add(batch)
        s.flush()
        source = SourceFile(
            batch_id=batch.id,
            file_name=plan.path.name,
            sha256=plan.sha256,
            size_bytes=plan.size_bytes,
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
        rows = [
            {
                "force_id": force_ids[f.force_code],
                "period_id": period_ids[f.period_key],
                "metric_id": metric_ids[f.metric_key],
                "breakdown": f.breakdown,
                "status": f.status,
                "value": f.value,
                "batch_id": batch.id,
                "source_file_id": source.id,
                "sheet": f.sheet,
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
        check(progress)

        pairs = {(force_ids[f.force_code], period_ids[f.period_key]) for f in plan.figures}
        _mark_received(s, pairs, batch.id)
        record_bulk(
            s,
            "observations",
            {
                "batch_id": batch.id,
                "file": plan.path.name,
                "sha256": plan.sha256,
                "added": len(rows),
                "superseded": len(to_supersede),
                "unchanged": unchanged,
            },
        )
        check(progress)  # the last chance to cancel before the commit
        progress.report(100, 100, "Saving…")
        return outcome("ok", batch.id, len(rows), len(to_supersede), unchanged)


def _refuse(plan: ImportPlan, message: str) -> None:
    problem = error(None, None, message)
    raise ImportRefused(replace(plan, problems=(*plan.problems, problem)))


def _current_observations(
    s: Session, forces: dict[str, int], periods: dict[str, int], metrics: dict[str, int]
) -> dict[_Key, _Current]:
    """Current observations for the file's forces and periods, by key."""
    if not periods:
        return {}  # periods the database has never seen hold no figures
    query = (
        select(
            Observation.force_id,
            Observation.period_id,
            Observation.metric_id,
            Observation.breakdown,
            Observation.id,
            Observation.status,
            Observation.value,
            ImportBatch.is_demo,
        )
        .join(ImportBatch, ImportBatch.id == Observation.batch_id)
        .where(
            Observation.is_current,
            Observation.force_id.in_(list(forces.values())),
            Observation.period_id.in_(list(periods.values())),
            Observation.metric_id.in_(list(metrics.values())),
        )
    )
    return {
        (fid, pid, mid, breakdown): _Current(oid, status, value, demo)
        for fid, pid, mid, breakdown, oid, status, value, demo in s.execute(query)
    }


def _mark_received(s: Session, pairs: set[tuple[int, int]], batch_id: int) -> None:
    """The returns register: every force and period in the file is now RECEIVED (again)."""
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
    for force_id, period_id in sorted(pairs):
        row = existing.get((force_id, period_id))
        if row is None:
            row = ForceReturn(force_id=force_id, period_id=period_id, chase_count=0)
            s.add(row)
        elif row.is_demo:
            # The demo's invented chase history and notes do not belong on a real return.
            row.chased_at, row.chase_count, row.contact, row.notes = None, 0, "", ""
        row.state = ReturnState.RECEIVED
        row.batch_id = batch_id
        row.received_at = now
        row.is_demo = False
