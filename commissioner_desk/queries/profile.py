"""One force's profile: latest key figures with change and ranks, small trends, the pipeline from
NRM referrals to convictions beside the national ratios, returns history, what the force said
with its returns, open actions naming it, and the low-reporting flag with its reason.

Values, rates, change and ranks come from the map's figures (`maps.values.MapCube`): one rule
for every view. A missing figure is never zero: it is a gap in a trend and makes a pipeline
stage incomplete; a nil return counts as 0.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import exists, or_, select
from sqlalchemy.orm import Session

from ..db.database import Database
from ..db.models import Force, Observation, Period, Population
from ..domain.catalogue import METRICS
from ..domain.periods import Period as DomainPeriod
from ..domain.periods import latest_complete_quarter
from ..domain.population import pick_estimate
from ..maps.values import BTP, MapCube, MapForce
from ..published.disclosure import SuppressionRule
from ..published.protected_cube import protect_cube
from ..published.suppression_store import load_suppression
from ..published.table_views import load_views
from ..stats.low_reporting import (
    LowReportingFlag,
    LowReportingRule,
    low_reporting_flags,
)
from ..stats.rule_store import load_rule
from .forces import ForceText, force_texts
from .map_cube import read_cube
from .profile_parts import (
    OpenAction,
    Pipeline,
    ReturnEntry,
    open_actions,
    pipeline,
    returns_history,
)
from .register import is_expected
from .summary import EXPECTED_FORCES

TREND_QUARTERS = 12
HISTORY_QUARTERS = 8
_NIL = {"nil": 0}  # in a trend nil is 0; anything else without a value is a gap

__all__ = [
    "ForceProfile",
    "MetricFigure",
    "OpenAction",
    "Pipeline",
    "Rank",
    "ReturnEntry",
    "TrendPoint",
    "force_profile",
    "latest_quarter",
    "profile_forces",
]


@dataclass(frozen=True)
class Rank:
    position: int  # 1 = highest; ties share a position
    of: int  # forces with a value to rank

    def __str__(self) -> str:
        return f"{self.position} of {self.of}"


@dataclass(frozen=True)
class TrendPoint:
    period: str
    status: str  # value, nil, suppressed, not_applicable or missing
    value: int | None  # None is a gap (missing, suppressed, not applicable); nil is 0


@dataclass(frozen=True)
class MetricFigure:
    metric_key: str
    label: str
    status: str  # value, nil, suppressed, not_applicable or missing: missing is never zero
    count: int | None
    rate: float | None  # per 100,000 people
    change: float | None  # % on the same quarter a year before
    previous_status: str  # that quarter's status, to say why there is no change
    previous: int | None  # that quarter's figure, when a value
    rank_count: Rank | None  # None: no value, or the force is not compared with the others
    rank_rate: Rank | None
    trend: tuple[TrendPoint, ...]  # the last TREND_QUARTERS quarters, oldest first


@dataclass(frozen=True)
class ForceProfile:
    code: str
    name: str
    kind: str
    nation: str
    expected: bool  # its return is expected every quarter
    compared: bool  # ranked among the forces on the map (territorial forces and BTP)
    population: int | None
    population_year: int | None
    period: str | None  # the latest quarter holding figures nationally; None: no figures yet
    period_label: str
    comparison_period: str | None  # the same quarter a year before
    metrics: tuple[MetricFigure, ...]  # catalogue order, totals
    pipeline: Pipeline | None
    returns: tuple[ReturnEntry, ...]  # oldest first
    texts: tuple[ForceText, ...]  # newest first
    actions: tuple[OpenAction, ...]  # earliest due first
    flag: LowReportingFlag | None
    rule: str  # the low-reporting rule in words

    @property
    def has_figures(self) -> bool:
        return self.period is not None

    def metric(self, key: str) -> MetricFigure | None:
        return next((m for m in self.metrics if m.metric_key == key), None)


@dataclass(frozen=True)
class ProfileForce:
    code: str
    name: str


def profile_forces(db: Database) -> list[ProfileForce]:
    """Forces a profile can be shown for: those expected to return and those with figures."""
    with db.session() as s:
        has_figures = exists().where(
            Observation.force_id == Force.id, Observation.is_current.is_(True)
        )
        rows = s.execute(
            select(Force.code, Force.display_name)
            .where(or_(EXPECTED_FORCES[0] & EXPECTED_FORCES[1], has_figures))
            .order_by(Force.display_name)
        ).all()
    return [ProfileForce(code, name) for code, name in rows]


def latest_quarter(db: Database) -> str | None:
    """The latest quarter holding figures nationally; None when the database has none."""
    with db.session() as s:
        return _latest(s)


def _latest(s: Session) -> str | None:
    return s.scalar(
        select(Period.key)
        .where(
            Period.kind == "quarter",
            exists().where(Observation.period_id == Period.id, Observation.is_current),
        )
        .order_by(Period.start_date.desc())
        .limit(1)
    )


def _quarters_ending(last: DomainPeriod, n: int) -> list[str]:
    keys = [last.key]
    while len(keys) < n:
        last = last.previous()
        keys.insert(0, last.key)
    return keys


def force_profile(
    db: Database,
    code: str,
    rule: LowReportingRule | None = None,
    *,
    today: date | None = None,
    disclosure: SuppressionRule | None = None,
) -> ForceProfile | None:
    """The profile of the force with `code`; None when no force has that code. Counts hidden
    by disclosure control (the office's rule unless `disclosure` is given) show as suppressed,
    as on the map, with whatever is worked out from them."""
    rule = rule or load_rule(db)  # the rule the office set (Map › Low-reporting rule…)
    disclosure = disclosure or load_suppression(db)
    today = today or date.today()
    with db.session() as s:
        force = s.scalar(select(Force).where(Force.code == code))
        if force is None:
            return None
        latest = _latest(s)
        estimates = tuple(
            s.execute(
                select(Population.year, Population.population)
                .where(Population.force_id == force.id)
                .order_by(Population.year)
            ).all()
        )
        expected = is_expected(force.nation, force.kind)
        compared = force.kind == "territorial" or force.code == BTP
        me = MapForce(force.code, force.display_name, expected, estimates)
        period = DomainPeriod.from_key(latest) if latest else None
        cubes: dict[str, MapCube] = {}
        if period is not None:
            # The map's own loader (private), to read all nine metrics in this one session;
            # ranks, rates and change then come from MapCube, never worked out a second way.
            keys = tuple(_quarters_ending(period, max(TREND_QUARTERS, rule.quarters)))
            raw = {m.key: read_cube(s, m.key, "", keys) for m in METRICS}
            cubes = {
                key: protect_cube(cube, disclosure, load_views(s, key, disclosure, keys))
                for key, cube in raw.items()
            }
        # The register runs to the latest complete quarter, even before its figures arrive.
        last_return = latest_complete_quarter(today)
        if period is not None and period.start > last_return.start:
            last_return = period
        history = returns_history(s, force.id, _quarters_ending(last_return, HISTORY_QUARTERS))
        actions = open_actions(s, force.id, today)
        name, kind, nation = force.display_name, force.kind, force.nation
    texts = tuple(force_texts(db, code))
    picked = pick_estimate(estimates, (period.start.year if period else today.year))
    metrics: tuple[MetricFigure, ...] = ()
    flag = pipe = None
    if period is not None:
        # A force off the map (a ROCU, say) gets its own figures, rates and change, unranked.
        own = cubes if compared else {k: replace(c, forces=(me,)) for k, c in cubes.items()}
        metrics = tuple(_metric(own[m.key], code, period, compared) for m in METRICS)
        pipe = pipeline(cubes, own, code, _quarters_ending(period, 4))
        if compared:
            flag = _flag(raw[rule.metric_key], code, period, rule)  # as the map flags it
    return ForceProfile(
        code=code,
        name=name,
        kind=kind,
        nation=nation,
        expected=expected,
        compared=compared,
        population=picked[0] if picked else None,
        population_year=picked[1] if picked else None,
        period=period.key if period else None,
        period_label=period.label if period else "",
        comparison_period=period.same_period_last_year().key if period else None,
        metrics=metrics,
        pipeline=pipe,
        returns=history,
        texts=texts,
        actions=actions,
        flag=flag,
        rule=rule.describe(),
    )


def _metric(cube: MapCube, code: str, period: DomainPeriod, compared: bool) -> MetricFigure:
    by_count = cube.values(period.key, "count")
    by_rate = cube.values(period.key, "rate")
    now, rated = by_count.force(code), by_rate.force(code)
    assert now is not None and rated is not None
    before_status, before = cube._figure(period.same_period_last_year().key, code)
    trend = []
    for key in _quarters_ending(period, TREND_QUARTERS):
        # The cube's own lookup: a full `values()` per quarter would rank every force 12 times.
        status, value = cube._figure(key, code)
        trend.append(TrendPoint(key, status, value if status == "value" else _NIL.get(status)))
    return MetricFigure(
        metric_key=cube.metric_key,
        label=by_count.metric_label,
        status=now.status,
        count=now.count,
        rate=now.rate,
        change=now.change,
        previous_status=before_status,
        previous=before if before_status == "value" else None,
        rank_count=_rank(now.rank, by_count.values()) if compared else None,
        rank_rate=_rank(rated.rank, by_rate.values()) if compared else None,
        trend=tuple(trend),
    )


def _rank(position: int | None, values: tuple[float, ...]) -> Rank | None:
    return Rank(position, len(values)) if position is not None else None


def _flag(
    cube: MapCube, code: str, period: DomainPeriod, rule: LowReportingRule
) -> LowReportingFlag | None:
    # As on Home: judged only once the database holds as many quarters as the rule looks at.
    if sum(1 for p in cube.periods if "-Q" in p) < rule.quarters:
        return None
    return next((f for f in low_reporting_flags(cube, period.key, rule) if f.code == code), None)
