"""The overview: national key figures for the latest quarter with change on a year before,
forces flagged as low reporting (with the reason) and the biggest movers."""

from __future__ import annotations

from dataclasses import dataclass

from ..db.database import Database
from ..domain.catalogue import METRICS_BY_KEY
from ..domain.periods import Period
from ..maps.values import load_map_cube
from ..stats.low_reporting import LowReportingFlag, LowReportingRule, low_reporting_flags
from ..stats.rule_store import load_rule

KEY_METRICS = ("nrm_referrals", "ms_crimes_recorded")
MOVERS = 5


@dataclass(frozen=True)
class KeyFigure:
    metric_key: str
    label: str
    total: int  # summed over forces with a figure this quarter
    previous: int | None  # the same forces' total a year before, where they had one
    forces: int  # forces counted

    @property
    def change_pct(self) -> float | None:
        if not self.previous:
            return None
        return (self.total - self.previous) * 100 / self.previous


@dataclass(frozen=True)
class Mover:
    code: str
    name: str
    count: int
    previous: int
    change: int


@dataclass(frozen=True)
class Overview:
    period: str
    period_label: str
    key_figures: tuple[KeyFigure, ...]
    flags: tuple[LowReportingFlag, ...]
    rule: str  # the low-reporting rule in words
    movers: tuple[Mover, ...]  # NRM referrals, largest change either way first


def overview(db: Database, rule: LowReportingRule | None = None) -> Overview | None:
    """None when no quarter holds figures. Flags follow `rule`, or the rule stored in the
    database (shared by everyone using it) when none is given."""
    if rule is None:
        rule = load_rule(db)
    cube = load_map_cube(db, rule.metric_key)
    quarters = [p for p in cube.periods if "-Q" in p]
    if not quarters:
        return None
    latest = quarters[0]
    before = Period.from_key(latest).same_period_last_year().key
    figures = []
    movers: list[Mover] = []
    for key in KEY_METRICS:
        data = cube if key == rule.metric_key else load_map_cube(db, key)
        now = {f.code: f for f in data.values(latest).forces if f.count is not None}
        then = {f.code: f for f in data.values(before).forces if f.count is not None}
        both = [c for c in now if c in then]
        figures.append(
            KeyFigure(
                key,
                METRICS_BY_KEY[key].label,
                sum(f.count for f in now.values()),
                sum(then[c].count for c in both) if both else None,
                len(now),
            )
        )
        if key == rule.metric_key:
            movers = sorted(
                (
                    Mover(c, now[c].name, now[c].count, then[c].count, now[c].count - then[c].count)
                    for c in both
                ),
                key=lambda m: abs(m.change),
                reverse=True,
            )[:MOVERS]
    flags = low_reporting_flags(cube, latest, rule) if len(quarters) >= rule.quarters else []
    return Overview(
        latest,
        Period.from_key(latest).label,
        tuple(figures),
        tuple(flags),
        rule.describe(),
        tuple(movers),
    )
