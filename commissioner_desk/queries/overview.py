"""The overview: national key figures for the latest quarter with change on a year before,
forces flagged as low reporting (with the reason) and the biggest movers."""

from __future__ import annotations

from dataclasses import dataclass

from ..db.database import Database
from ..domain.catalogue import METRICS_BY_KEY
from ..domain.periods import Period
from ..published.disclosure import SuppressionRule
from ..published.hidden_cells import NO_VIEW, hidden_cells
from ..published.protected_cube import protect_cube
from ..published.suppression_store import load_suppression
from ..published.table_views import load_views
from ..stats.low_reporting import LowReportingFlag, LowReportingRule, low_reporting_flags
from ..stats.rule_store import load_rule
from .map_cube import load_map_cube

KEY_METRICS = ("nrm_referrals", "ms_crimes_recorded")
MOVERS = 5


@dataclass(frozen=True)
class KeyFigure:
    metric_key: str
    label: str
    total: int  # summed over forces with a figure this quarter
    previous: int | None  # the same forces' total a year before, where they had one
    forces: int  # forces counted
    compared: int = 0  # forces with a figure a year before too: the base of the change
    total_hidden: bool = False  # disclosure control: shown as [c]
    change_hidden: bool = False  # the change would give a hidden count away

    @property
    def change_pct(self) -> float | None:
        if not self.previous or self.change_hidden:
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


def overview(
    db: Database,
    rule: LowReportingRule | None = None,
    disclosure: SuppressionRule | None = None,
) -> Overview | None:
    """None when no quarter holds figures. Flags follow `rule`, or the rule stored in the
    database (shared by everyone using it) when none is given; so does disclosure control,
    which hides small totals and keeps hidden counts out of the movers."""
    if rule is None:
        rule = load_rule(db)
    disclosure = disclosure or load_suppression(db)
    cube = load_map_cube(db, rule.metric_key)
    quarters = [p for p in cube.periods if "-Q" in p]
    if not quarters:
        return None
    latest = quarters[0]
    before = Period.from_key(latest).same_period_last_year().key
    figures = []
    movers: list[Mover] = []
    for key in KEY_METRICS:
        raw = cube if key == rule.metric_key else load_map_cube(db, key)
        views = load_views(db, key, disclosure, (latest, before))
        cells = hidden_cells(
            {f.code: raw._figure(latest, f.code) for f in raw.forces},
            {f.code: raw._figure(before, f.code) for f in raw.forces},
            disclosure,
            (views.get(latest, NO_VIEW), views.get(before)),
        )
        everyone = {f.code: f for f in raw.values(latest).forces if f.count is not None}
        last_year = {f.code: f for f in raw.values(before).forces if f.count is not None}
        same = [c for c in everyone if c in last_year]
        figures.append(
            KeyFigure(
                key,
                METRICS_BY_KEY[key].label,
                sum(f.count for f in everyone.values()),
                sum(last_year[c].count for c in same) if same else None,
                len(everyone),
                compared=len(same),
                total_hidden=cells.total_hidden,
                change_hidden=cells.total_change_hidden,
            )
        )
        data = protect_cube(raw, disclosure, views)  # movers: only counts that may be shown
        now = {f.code: f for f in data.values(latest).forces if f.count is not None}
        then = {f.code: f for f in data.values(before).forces if f.count is not None}
        both = [c for c in now if c in then]
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
