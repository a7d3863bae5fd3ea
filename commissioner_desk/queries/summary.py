"""What the database holds, for the home page and the status bar."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from ..db.database import Database
from ..db.models import ActionItem, Force, ForceReturn, ImportBatch, Meeting, Observation, Period
from ..domain.enums import RETURNED_STATES, ActionStatus, BatchStatus


@dataclass(frozen=True)
class DatabaseSummary:
    forces: int
    observations: int
    first_period: str | None
    last_period: str | None
    last_period_label: str | None
    returns_received: int  # for the latest period holding data
    returns_expected: int  # the 43 territorial forces of England and Wales
    batches: int
    demo_loaded: bool
    meetings: int
    open_actions: int
    overdue_actions: int

    @property
    def is_empty(self) -> bool:
        return self.observations == 0 and self.meetings == 0


# Whose return is expected every quarter: see queries/register.py.
EXPECTED_FORCES = (Force.kind == "territorial", Force.nation.in_(("England", "Wales")))
OPEN_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS, ActionStatus.ON_HOLD)


def database_summary(db: Database, today: date | None = None) -> DatabaseSummary:
    from ..domain.periods import Period as DomainPeriod

    today = today or date.today()
    with db.session() as s:
        current = Observation.is_current.is_(True)
        observations = s.scalar(select(func.count()).select_from(Observation).where(current))
        span = s.execute(
            select(func.min(Period.start_date), func.max(Period.start_date))
            .join(Observation, Observation.period_id == Period.id)
            .where(current, Period.kind == "quarter")
        ).one()
        first = last = None
        received = 0
        if span[0] is not None:
            first = s.scalar(
                select(Period.key).where(Period.start_date == span[0], Period.kind == "quarter")
            )
            last = s.scalar(
                select(Period.key).where(Period.start_date == span[1], Period.kind == "quarter")
            )
            received = s.scalar(
                select(func.count())
                .select_from(ForceReturn)
                .join(Period, Period.id == ForceReturn.period_id)
                .join(Force, Force.id == ForceReturn.force_id)
                .where(
                    Period.key == last,
                    *EXPECTED_FORCES,  # the same bodies as returns_expected
                    ForceReturn.state.in_(RETURNED_STATES),
                )
            )
        expected = s.scalar(select(func.count()).select_from(Force).where(*EXPECTED_FORCES))
        open_filter = ActionItem.status.in_(OPEN_STATUSES)
        return DatabaseSummary(
            forces=s.scalar(select(func.count()).select_from(Force)) or 0,
            observations=observations or 0,
            first_period=first,
            last_period=last,
            last_period_label=DomainPeriod.from_key(last).label if last else None,
            returns_received=received or 0,
            returns_expected=expected or 0,
            batches=s.scalar(
                select(func.count())
                .select_from(ImportBatch)
                .where(ImportBatch.status == BatchStatus.COMMITTED)
            )
            or 0,
            demo_loaded=bool(
                s.scalar(select(func.count()).select_from(ImportBatch).where(ImportBatch.is_demo))
            ),
            meetings=s.scalar(select(func.count()).select_from(Meeting)) or 0,
            open_actions=s.scalar(select(func.count()).select_from(ActionItem).where(open_filter))
            or 0,
            overdue_actions=s.scalar(
                select(func.count())
                .select_from(ActionItem)
                .where(open_filter, ActionItem.due_date < today)
            )
            or 0,
        )
