"""The returns register: which forces have returned for which quarters, and who to chase.

A force and quarter with no register row is missing: never zero, never hidden. "n of N"
counts the 43 territorial forces of England and Wales, the forces every quarter's return is
expected from; Police Scotland, PSNI, BTP and others are shown when they return.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Integer, select

from ..db.database import Database
from ..db.models import Force, ForceReturn, ImportBatch, Period, SourceFile
from ..domain.enums import RETURNED_STATES, ReturnState
from ..domain.periods import Period as DomainPeriod
from ..domain.periods import latest_complete_quarter, quarter_range

MISSING = "missing"


@dataclass(frozen=True)
class RegisterForce:
    code: str
    name: str
    expected: bool  # one of the 43 territorial forces of England and Wales


@dataclass(frozen=True)
class RegisterCell:
    state: str  # a ReturnState value, or "missing" when nothing is recorded
    received_at: datetime | None
    chased_at: datetime | None
    chase_count: int
    file_name: str | None
    notes: str

    @property
    def returned(self) -> bool:
        return self.state in {s.value for s in RETURNED_STATES}


EMPTY = RegisterCell(MISSING, None, None, 0, None, "")


@dataclass(frozen=True)
class RegisterGrid:
    periods: tuple[str, ...]  # quarter keys, oldest first
    forces: tuple[RegisterForce, ...]
    cells: dict[tuple[str, str], RegisterCell]  # (force code, period key)

    def cell(self, code: str, period: str) -> RegisterCell:
        return self.cells.get((code, period), EMPTY)

    def returned_count(self, period: str) -> tuple[int, int]:
        """(returned, expected) for the quarter, over the expected forces."""
        expected = [f for f in self.forces if f.expected]
        done = sum(1 for f in expected if self.cell(f.code, period).returned)
        return done, len(expected)

    def chase_list(self, period: str) -> list[tuple[RegisterForce, RegisterCell]]:
        return [
            (f, self.cell(f.code, period))
            for f in self.forces
            if f.expected and not self.cell(f.code, period).returned
        ]


def is_expected(nation: str, kind: str) -> bool:
    return kind == "territorial" and nation in ("England", "Wales")


def returns_grid(
    db: Database, *, last: str | None = None, quarters: int = 8, today: date | None = None
) -> RegisterGrid:
    """The register for `quarters` quarters ending with `last` (default: the latest complete)."""
    end = DomainPeriod.from_key(last) if last else latest_complete_quarter(today or date.today())
    start = end
    for _ in range(quarters - 1):
        start = start.previous()
    keys = tuple(p.key for p in quarter_range(start, end))
    with db.session() as s:
        rows = s.execute(
            select(Force.code, Period.key, ForceReturn, SourceFile.file_name)
            .join(Force, Force.id == ForceReturn.force_id)
            .join(Period, Period.id == ForceReturn.period_id)
            .outerjoin(ImportBatch, ImportBatch.id == ForceReturn.batch_id)
            .outerjoin(SourceFile, SourceFile.batch_id == ImportBatch.id)
            .where(Period.key.in_(keys))
        ).all()
        cells: dict[tuple[str, str], RegisterCell] = {}
        returning: set[str] = set()
        for code, key, ret, file_name in rows:
            cells[(code, key)] = RegisterCell(
                state=ReturnState(ret.state).value,
                received_at=ret.received_at,
                chased_at=ret.chased_at,
                chase_count=ret.chase_count,
                file_name=file_name,
                notes=ret.notes,
            )
            returning.add(code)
        forces = tuple(
            RegisterForce(f.code, f.display_name, is_expected(f.nation, f.kind))
            for f in s.scalars(select(Force).order_by(Force.display_name))
            if is_expected(f.nation, f.kind) or f.code in returning
        )
    return RegisterGrid(keys, forces, cells)


@dataclass(frozen=True)
class ReturnEvent:
    batch_id: int
    file_name: str | None
    imported_at: datetime
    imported_by: str
    status: str  # "current", "superseded" (a later return replaced it) or "undone"


def return_history(db: Database, code: str, period: str) -> list[ReturnEvent]:
    """Every import that brought figures for a force and quarter, oldest first: the return
    in use is "current", earlier ones it replaced are "superseded"."""
    from sqlalchemy import func

    from ..db.models import Observation
    from ..domain.enums import BatchStatus

    with db.session() as s:
        rows = s.execute(
            select(
                ImportBatch.id,
                func.min(SourceFile.file_name),
                ImportBatch.imported_at,
                ImportBatch.imported_by,
                ImportBatch.status,
                func.max(Observation.is_current.cast(Integer)),
            )
            .join(Observation, Observation.batch_id == ImportBatch.id)
            .join(Force, Force.id == Observation.force_id)
            .join(Period, Period.id == Observation.period_id)
            .outerjoin(SourceFile, SourceFile.batch_id == ImportBatch.id)
            .where(Force.code == code, Period.key == period)
            .group_by(ImportBatch.id, ImportBatch.imported_at, ImportBatch.imported_by)
            .order_by(ImportBatch.imported_at, ImportBatch.id)
        ).all()
    events = []
    for batch_id, file_name, at, by, status, any_current in rows:
        if status == BatchStatus.UNDONE:
            state = "undone"
        else:
            state = "current" if any_current else "superseded"
        events.append(ReturnEvent(batch_id, file_name, at, by, state))
    return events
