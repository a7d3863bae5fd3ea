"""Warnings that need the figures already held: a force's new figure far outside its own
history ("a tenfold jump on the last four quarters"), located at the figure's cell.

Counts and decimal figures (officers as FTE) are compared; percentages are not: a share moves
within 0 to 100, so "three times its median" says nothing about it.

Run in the check step beside the dry run (the plan itself never touches the database), so the
preview and the command line show them before anything is stored. They are warnings, not
errors: a real surge (an operation, a new team) must still import.
"""

from __future__ import annotations

import statistics
from dataclasses import replace

from sqlalchemy import select

from ...db.database import Database
from ...db.models import Force, Metric, Observation, Period
from ...domain.catalogue import METRICS_BY_KEY, PERCENT, metric_unit
from ...domain.enums import ObservationStatus
from ...domain.periods import Period as DomainPeriod
from ...formatting import figure
from ..plan import ImportPlan
from .problems import warning

HISTORY_QUARTERS = 4  # the force's own recent quarters the new figure is compared with
JUMP_FACTOR = 3.0  # more than 3x, or less than a third of, the recent median
MIN_DIFFERENCE = 10  # small counts jump about: 2 to 7 is not worth a warning


def _history_keys(period_key: str) -> list[str]:
    p = DomainPeriod.from_key(period_key)
    keys = []
    for _ in range(HISTORY_QUARTERS):
        p = p.previous()
        keys.append(p.key)
    return keys


def check_against_history(db: Database, plan: ImportPlan) -> ImportPlan:
    """The plan with a warning added for each quarterly total far outside the force's own
    recent history. Only totals of quarters are checked; breakdowns follow their totals."""
    totals = [
        f
        for f in plan.figures
        if f.breakdown == ""
        and f.status is ObservationStatus.VALUE
        and f.value is not None
        and "-Q" in f.period_key
        and metric_unit(f.metric_key) != PERCENT
    ]
    if not totals:
        return plan
    wanted = {k for f in totals for k in _history_keys(f.period_key)}
    with db.session() as s:
        rows = s.execute(
            select(Force.code, Metric.key, Period.key, Observation.value)
            .join(Force, Force.id == Observation.force_id)
            .join(Metric, Metric.id == Observation.metric_id)
            .join(Period, Period.id == Observation.period_id)
            .where(
                Observation.is_current,
                Observation.breakdown == "",
                Observation.status == ObservationStatus.VALUE,
                Force.code.in_({f.force_code for f in totals}),
                Period.key.in_(wanted),
            )
        ).all()
    held = {(code, metric, period): value for code, metric, period, value in rows}
    problems = []
    for f in totals:
        past = [
            v
            for k in _history_keys(f.period_key)
            if (v := held.get((f.force_code, f.metric_key, k))) is not None
        ]
        if len(past) < 2:
            continue  # too little history to judge
        median = statistics.median(past)
        high = f.value > JUMP_FACTOR * median
        low = f.value * JUMP_FACTOR < median
        if (high or low) and abs(f.value - median) >= MIN_DIFFERENCE:
            metric = METRICS_BY_KEY.get(f.metric_key)
            label = metric.label if metric is not None else f.metric_key
            unit = metric_unit(f.metric_key)
            direction = "far above" if high else "far below"
            problems.append(
                warning(
                    f.sheet,
                    f.cell,
                    f"{f.force_name or f.force_code} {label}, {f.period_key}: "
                    f"{figure(f.value, unit)} is {direction} its last {len(past)} quarters "
                    f"(median {figure(median, unit)}). Check the figure with the force before "
                    "accepting it.",
                )
            )
    if not problems:
        return plan
    return replace(plan, problems=(*plan.problems, *problems))
