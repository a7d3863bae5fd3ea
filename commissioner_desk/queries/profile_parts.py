"""Parts of a force profile (queries/profile.py): the pipeline from NRM referrals to convictions,
the force's returns history and the open actions that name it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from ..db.models import (
    ActionItem,
    ForceReturn,
    ImportBatch,
    Organisation,
    Period,
    Person,
    SourceFile,
)
from ..domain.catalogue import METRICS_BY_KEY
from ..domain.enums import ActionStatus, ReturnState
from ..domain.periods import Period as DomainPeriod
from ..maps.values import MapCube
from .register import EMPTY, RegisterCell
from .summary import OPEN_STATUSES

PIPELINE = (
    "nrm_referrals",
    "ms_crimes_recorded",
    "ms_investigations",
    "ms_charges",
    "ms_convictions",
)
FIGURE = ("value", "nil")  # statuses that give a number to add up (nil is 0)


@dataclass(frozen=True)
class PipelineStage:
    metric_key: str
    label: str
    total: int | None  # the force's sum over the quarters; None when any quarter has no figure
    quarters: int  # quarters with a figure (a value or nil)
    per_100: float | None  # per 100 of the force's NRM referrals over the same quarters
    national_total: int | None  # over the forces with a figure in every quarter
    national_forces: int  # how many forces that is
    national_per_100: float | None  # over forces complete for both this stage and referrals

    @property
    def complete(self) -> bool:
        return self.total is not None


@dataclass(frozen=True)
class Pipeline:
    periods: tuple[str, ...]  # the quarters summed, oldest first (a rolling year)
    stages: tuple[PipelineStage, ...]  # referrals first

    @property
    def span(self) -> str:
        return f"{self.periods[0]} to {self.periods[-1]}"

    @property
    def span_label(self) -> str:
        first, last = (
            DomainPeriod.from_key(self.periods[0]),
            DomainPeriod.from_key(self.periods[-1]),
        )
        return f"{first.start:%B %Y} to {last.end:%B %Y}"


def _totals(cube: MapCube, keys: Sequence[str]) -> dict[str, tuple[int | None, int]]:
    """force code → (sum over the quarters or None if any lacks a figure, quarters with one)."""
    sums: dict[str, int] = {}
    seen: dict[str, int] = {}
    for key in keys:
        for f in cube.forces:
            status, value = cube._figure(key, f.code)  # the cube's lookup, without ranking
            if status in FIGURE:
                seen[f.code] = seen.get(f.code, 0) + 1
                sums[f.code] = sums.get(f.code, 0) + (value or 0)
    return {
        f.code: (sums[f.code] if seen.get(f.code) == len(keys) else None, seen.get(f.code, 0))
        for f in cube.forces
    }


def _per_100(part: int | None, whole: int | None) -> float | None:
    return part * 100 / whole if part is not None and whole else None


def pipeline(
    cubes: Mapping[str, MapCube], own: Mapping[str, MapCube], code: str, keys: Sequence[str]
) -> Pipeline:
    """The force's stages over `keys` (from `own`) beside all forces' (from `cubes`)."""
    national = {m: _totals(cubes[m], keys) for m in PIPELINE}
    theirs = national if own is cubes else {m: _totals(own[m], keys) for m in PIPELINE}
    mine = {m: theirs[m].get(code, (None, 0)) for m in PIPELINE}
    base = PIPELINE[0]
    stages = []
    for m in PIPELINE:
        complete = {c: t for c, (t, _) in national[m].items() if t is not None}
        both = [c for c in complete if national[base][c][0] is not None]
        stage_sum = sum(complete[c] for c in both)
        base_sum = sum(national[base][c][0] or 0 for c in both)
        total, quarters = mine[m]
        stages.append(
            PipelineStage(
                metric_key=m,
                label=METRICS_BY_KEY[m].label,
                total=total,
                quarters=quarters,
                per_100=None if m == base else _per_100(total, mine[base][0]),
                national_total=sum(complete.values()) if complete else None,
                national_forces=len(complete),
                national_per_100=None if m == base else _per_100(stage_sum, base_sum),
            )
        )
    return Pipeline(tuple(keys), tuple(stages))


@dataclass(frozen=True)
class ReturnEntry:
    period: str
    period_label: str
    cell: RegisterCell  # state "missing" when the register holds nothing for the quarter


def returns_history(s: Session, force_id: int, keys: Sequence[str]) -> tuple[ReturnEntry, ...]:
    rows = s.execute(
        select(Period.key, ForceReturn, SourceFile.file_name)
        .join(Period, Period.id == ForceReturn.period_id)
        .outerjoin(ImportBatch, ImportBatch.id == ForceReturn.batch_id)
        .outerjoin(SourceFile, SourceFile.batch_id == ImportBatch.id)
        .where(ForceReturn.force_id == force_id, Period.key.in_(keys))
    ).all()
    cells = {
        key: RegisterCell(
            state=ReturnState(ret.state).value,
            received_at=ret.received_at,
            chased_at=ret.chased_at,
            chase_count=ret.chase_count,
            file_name=file_name,
            notes=ret.notes,
        )
        for key, ret, file_name in rows
    }
    return tuple(
        ReturnEntry(key, DomainPeriod.from_key(key).label, cells.get(key, EMPTY)) for key in keys
    )


@dataclass(frozen=True)
class OpenAction:
    reference: str
    title: str
    due_date: date | None
    owner: str  # the owning organisation, else the owner's name, else ""
    status: str  # an ActionStatus value: open, in_progress or on_hold
    overdue: bool

    @property
    def status_label(self) -> str:
        return self.status.replace("_", " ")


def open_actions(s: Session, force_id: int, today: date) -> tuple[OpenAction, ...]:
    """Actions naming the force that are not done or closed, earliest due first."""
    owner = aliased(Person)
    rows = s.execute(
        select(
            ActionItem.reference,
            ActionItem.title,
            ActionItem.due_date,
            ActionItem.status,
            Organisation.name,
            owner.name,
        )
        .outerjoin(Organisation, Organisation.id == ActionItem.owner_organisation_id)
        .outerjoin(owner, owner.id == ActionItem.owner_person_id)
        .where(ActionItem.force_id == force_id, ActionItem.status.in_(OPEN_STATUSES))
        .order_by(ActionItem.due_date.is_(None), ActionItem.due_date, ActionItem.reference)
    ).all()
    return tuple(
        OpenAction(
            reference=ref,
            title=title,
            due_date=due,
            owner=org or person or "",
            status=ActionStatus(status).value,
            overdue=due is not None and due < today,
        )
        for ref, title, due, status, org, person in rows
    )
