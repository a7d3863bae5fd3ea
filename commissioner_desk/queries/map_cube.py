"""The national map's figures read from the database: one metric and breakdown, every force.

`load_map_cube` reads every period of a metric and breakdown at once (for the map page, the
force profile, the overview and the pack); `map_values` reads one period and the same period a
year before. Both return the figures as stored: what people see comes through `published/`,
which hides the counts disclosure control hides. The cube itself (`maps.values.MapCube`) is pure
Python and answers any period and measure without another read.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.database import Database
from ..db.models import Force, ForceReturn, Metric, Observation, Period
from ..db.models.figures import CURRENT
from ..domain.catalogue import METRICS_BY_KEY, check_breakdown, metric_unit
from ..domain.enums import ReturnState
from ..domain.periods import Period as DomainPeriod
from ..domain.periods import PeriodKind
from ..maps.values import BTP, MapCube, MapForce, MapValues, Measure, check_measure
from ..published.disclosure import SuppressionRule
from ..published.protected_cube import protect_cube
from ..published.table_views import load_views
from .populations import load_estimates
from .register import is_expected


def load_map_cube(db: Database, metric_key: str, breakdown: str = "") -> MapCube:
    """Every period of one metric and breakdown, for fast recolouring on the map page."""
    _check(metric_key, breakdown)
    with db.session() as s:
        return read_cube(s, metric_key, breakdown, None)


def map_values(
    db: Database,
    metric_key: str,
    period_key: str,
    *,
    breakdown: str = "",
    measure: Measure = "count",
    rule: SuppressionRule | None = None,
) -> MapValues:
    """The map for one period: reads it and the same period last year (for change). With a
    disclosure `rule`, counts it hides show as suppressed (published/protected_cube.py)."""

    _check(metric_key, breakdown)
    check_measure(metric_key, measure)
    period = DomainPeriod.from_key(period_key)
    keys = (period.key, period.same_period_last_year().key)
    if metric_unit(metric_key) != "count":
        rule = None  # disclosure control is for counts of people: other figures are shown
    with db.session() as s:
        cube = read_cube(s, metric_key, breakdown, keys)
        views = load_views(s, metric_key, rule, keys) if rule is not None else None
    return protect_cube(cube, rule, views).values(period.key, measure)


def _check(metric_key: str, breakdown: str) -> None:
    if metric_key not in METRICS_BY_KEY:
        raise ValueError(f'"{metric_key}" is not a metric in the catalogue.')
    check_breakdown(metric_key, breakdown)


def read_cube(s: Session, metric_key: str, breakdown: str, keys: tuple[str, ...] | None) -> MapCube:
    """The cube of `keys` (None: every period) in the session `s`, as stored: nothing hidden."""
    estimates = load_estimates(s)
    forces = tuple(
        MapForce(f.code, f.display_name, is_expected(f.nation, f.kind), estimates.get(f.id, ()))
        for f in s.scalars(
            select(Force)
            .where((Force.kind == "territorial") | (Force.code == BTP))
            .order_by(Force.display_name)
        )
    )
    q = (
        select(Period.key, Force.code, Observation.status, Observation.value, Period.start_date)
        .select_from(Observation)
        .join(Period, Period.id == Observation.period_id)
        .join(Force, Force.id == Observation.force_id)
        .join(Metric, Metric.id == Observation.metric_id)
        .where(
            Metric.key == metric_key,
            Observation.breakdown == breakdown,
            CURRENT,  # matches the partial indexes (db.models.figures)
        )
    )
    nil_q = (
        select(Period.key, Force.code)
        .select_from(ForceReturn)
        .join(Period, Period.id == ForceReturn.period_id)
        .join(Force, Force.id == ForceReturn.force_id)
        .where(ForceReturn.state == ReturnState.NIL_RETURN, Period.kind == str(PeriodKind.QUARTER))
    )
    if keys is not None:
        q = q.where(Period.key.in_(keys))
        nil_q = nil_q.where(Period.key.in_(keys))
    # A nil return answers the office's own return (the built-in figures), not the context
    # figures staff take from other tables.
    builtin = METRICS_BY_KEY[metric_key].builtin
    figures: dict[tuple[str, str], tuple[str, int | float | None]] = {}
    starts: dict[str, date] = {}
    for key, code, status, value, start in s.execute(q):
        figures[(key, code)] = (str(status), value)
        starts[key] = start
    periods = tuple(sorted(starts, key=lambda k: (starts[k], k), reverse=True))
    return MapCube(
        metric_key=metric_key,
        breakdown=breakdown,
        forces=forces,
        figures=figures,
        nil_returns=frozenset((k, c) for k, c in s.execute(nil_q)) if builtin else frozenset(),
        periods=periods,
    )
