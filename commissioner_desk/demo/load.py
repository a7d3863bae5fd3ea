"""Load the demo data into a database, tell whether it is there, and remove it again.

Every demo row is flagged (`is_demo`, or belongs to an import batch that is), so removal never
touches real data. Loading is one transaction: an error or Cancel leaves the database as it was.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from random import Random

from sqlalchemy import exists, insert, select
from sqlalchemy.orm import Session

from ..db.audit import record_bulk
from ..db.database import Database
from ..db.models import (
    ActionItem,
    Force,
    ForceReturn,
    ImportBatch,
    Meeting,
    MeetingSeries,
    Metric,
    Observation,
    Organisation,
    Person,
    Population,
    ReturnText,
    SourceFile,
)
from ..db.models import Period as PeriodRow
from ..db.reference import ensure_periods
from ..domain.catalogue import METRICS
from ..domain.enums import BatchKind
from ..domain.forces import ForceKind
from ..domain.periods import Period, PeriodKind, latest_complete_quarter, quarter_range
from ..progress import NO_PROGRESS, Progress, check
from .figures import BTP, DemoFigures, ForceInput, generate
from .membership import add_memberships
from .network import add_network
from .practices import add_practices

GENERATOR_VERSION = 1  # part of the source file's fingerprint: bump when the figures change
FIRST_QUARTER = Period.quarter_of(2014, 1)
BATCH_NOTE = "DEMO data: synthetic, not real figures"
SOURCE_NAME = "demo (synthetic)"
CHUNK = 10_000  # observations per INSERT round: progress and Cancel between chunks
DEMO_FLAGGED = (ImportBatch, ForceReturn, Organisation, Person, MeetingSeries, Meeting, ActionItem)


class DemoError(ValueError):
    """The demo data cannot be loaded (already there, or the reference data is missing)."""


@dataclass(frozen=True)
class DemoSummary:
    batch_id: int
    observations: int
    forces: int
    first_period: str  # period keys, e.g. "2014-Q1"
    last_period: str
    meetings: int
    actions: int
    low_reporters: tuple[str, ...]  # force codes reporting far below their peers


def has_demo(db: Database) -> bool:
    with db.session() as s:
        return _has_demo(s)


def _has_demo(s: Session) -> bool:
    return any(s.scalar(select(exists().where(m.is_demo))) for m in DEMO_FLAGGED)


def load_demo(
    db: Database,
    *,
    today: date | None = None,
    progress: Progress = NO_PROGRESS,
    seed: int = 2014,
) -> DemoSummary:
    """Load synthetic figures from 2014-Q1 to the latest complete quarter, and a demo network.

    Deterministic for a given seed and `today`. Force-quarters that already hold real figures
    or a real register entry are left out, so real data always wins.
    """
    today = today or date.today()
    last = latest_complete_quarter(today)
    if last < FIRST_QUARTER:
        raise DemoError(f"The demo data starts in {FIRST_QUARTER.key}: no quarter has ended yet.")
    periods = quarter_range(FIRST_QUARTER, last)
    master = Random(seed)
    figures_rng, network_rng = Random(master.getrandbits(64)), Random(master.getrandbits(64))
    with db.session() as s:
        if _has_demo(s):
            raise DemoError("The demo data is already loaded. Remove it before loading it again.")
        progress.report(0, 100, "Reading forces and populations…")
        forces = _forces(s)
        metric_ids = dict(s.execute(select(Metric.key, Metric.id)).all())
        if not forces or any(m.key not in metric_ids for m in METRICS):
            raise DemoError(
                "The database has no forces or metrics yet: load its reference data first."
            )
        inputs = _inputs(s, forces)
        data = generate(figures_rng, inputs, periods, today, _real_force_quarters(s))
        check(progress)

        period_ids = ensure_periods(s, periods)
        batch = ImportBatch(kind=BatchKind.DEMO, is_demo=True, imported_by=db.user, note=BATCH_NOTE)
        s.add(batch)
        s.flush()
        fingerprint = json.dumps(
            {"generator": GENERATOR_VERSION, "seed": seed, "today": today.isoformat()},
            sort_keys=True,
        )
        source = SourceFile(
            batch_id=batch.id,
            file_name=SOURCE_NAME,
            sha256=hashlib.sha256(fingerprint.encode()).hexdigest(),
            size_bytes=0,
        )
        s.add(source)
        s.flush()
        ids = _Ids({c: f.id for c, f in forces.items()}, period_ids, metric_ids, batch.id)
        written = _write_observations(s, data, ids, source.id, progress)
        _write_register(s, data, ids)
        check(progress)

        progress.report(92, 100, "Adding the demo network…")
        national: dict[Period, int] = {}
        for f in data.figures:
            if f.metric == "nrm_referrals" and not f.breakdown and f.value is not None:
                national[f.period] = national.get(f.period, 0) + f.value
        net = add_network(s, network_rng, today, forces, metric_ids, national)
        add_practices(s, today, forces)
        add_memberships(s, today, forces)
        check(progress)
        progress.report(100, 100, "Saving…")
        return DemoSummary(
            batch_id=batch.id,
            observations=written,
            forces=len(inputs),
            first_period=periods[0].key,
            last_period=periods[-1].key,
            meetings=net.meetings,
            actions=net.actions,
            low_reporters=data.low_reporters,
        )


@dataclass(frozen=True)
class _Ids:
    forces: dict[str, int]
    periods: dict[str, int]
    metrics: dict[str, int]
    batch: int


def _forces(s: Session) -> dict[str, Force]:
    """The territorial forces (43 E&W, Police Scotland, PSNI) and BTP, in registry order."""
    rows = s.scalars(
        select(Force)
        .where(Force.active, (Force.kind == str(ForceKind.TERRITORIAL)) | (Force.code == BTP))
        .order_by(Force.id)
    )
    return {f.code: f for f in rows}


def _inputs(s: Session, forces: dict[str, Force]) -> list[ForceInput]:
    latest: dict[int, int] = {}
    for force_id, population in s.execute(
        select(Population.force_id, Population.population).order_by(Population.year)
    ):
        latest[force_id] = population  # the latest year wins
    return [ForceInput(f.code, f.display_name, f.nation, latest.get(f.id)) for f in forces.values()]


def _real_force_quarters(s: Session) -> frozenset[tuple[str, Period]]:
    """Force-quarters that already hold current figures or a register entry."""
    found = set()
    for table in (Observation, ForceReturn):
        query = (
            select(Force.code, PeriodRow.key)
            .select_from(table)
            .join(Force, Force.id == table.force_id)
            .join(PeriodRow, PeriodRow.id == table.period_id)
            .where(PeriodRow.kind == str(PeriodKind.QUARTER))
            .distinct()
        )
        if table is Observation:
            query = query.where(Observation.is_current)
        found |= {(code, Period.from_key(key)) for code, key in s.execute(query)}
    return frozenset(found)


def _write_observations(
    s: Session, data: DemoFigures, ids: _Ids, source_id: int, progress: Progress
) -> int:
    rows = [
        {
            "force_id": ids.forces[f.force],
            "period_id": ids.periods[f.period.key],
            "metric_id": ids.metrics[f.metric],
            "breakdown": f.breakdown,
            "status": f.status,
            "value": f.value,
            "batch_id": ids.batch,
            "source_file_id": source_id,
            "sheet": None,
            "cell": None,
            "is_current": True,
            "superseded_by_batch_id": None,
        }
        for f in data.figures
    ]
    for start in range(0, len(rows), CHUNK):
        check(progress)
        progress.report(5 + 80 * start // max(1, len(rows)), 100, "Writing demo figures…")
        s.execute(insert(Observation), rows[start : start + CHUNK])
    statuses: dict[str, int] = {}
    for f in data.figures:
        statuses[f.status.value] = statuses.get(f.status.value, 0) + 1
    record_bulk(
        s,
        "observations",
        {"demo": True, "batch_id": ids.batch, "rows": len(rows), "statuses": statuses},
    )
    return len(rows)


def _write_register(s: Session, data: DemoFigures, ids: _Ids) -> None:
    register = [
        {
            "force_id": ids.forces[r.force],
            "period_id": ids.periods[r.period.key],
            "state": r.state,
            "batch_id": ids.batch if r.received_at else None,
            "received_at": r.received_at,
            "chased_at": r.chased_at,
            "chase_count": r.chase_count,
            "contact": r.contact,
            "notes": r.notes,
            "is_demo": True,
        }
        for r in data.register
    ]
    if register:
        s.execute(insert(ForceReturn), register)
    texts = [
        {
            "force_id": ids.forces[t.force],
            "period_id": ids.periods[t.period.key],
            "batch_id": ids.batch,
            "question": t.question,
            "text": t.text,
            "sheet": None,
            "cell": None,
        }
        for t in data.texts
    ]
    if texts:
        s.execute(insert(ReturnText), texts)
    states: dict[str, int] = {}
    for r in data.register:
        states[r.state.value] = states.get(r.state.value, 0) + 1
    record_bulk(
        s,
        "force_returns",
        {"demo": True, "batch_id": ids.batch, "rows": len(register), "states": states},
    )
