"""Everything a briefing pack reads from the database, read once: every figure's per-force
counts (one map cube per metric, the map's own rules for rates, change and missing), the
returns register and the low-reporting flags. Sections are then built in plain Python.

The built-in figures are always read (key figures, force pages); one of the office's own
metrics is read too when the pack maps and ranks it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..db.database import Database
from ..demo import has_demo
from ..domain.catalogue import METRICS, METRICS_BY_KEY
from ..domain.periods import Period
from ..maps.values import MapCube
from ..progress import Progress, check
from ..published.pack_cells import MetricCells, protect_all
from ..published.table_views import load_views
from ..queries.map_cube import load_map_cube
from ..queries.register import RegisterGrid, returns_grid
from ..stats.low_reporting import LowReportingRule
from ..stats.rule_store import MapFlags, flag_legend_text, load_rule, map_flags

REGISTER_QUARTERS = 4  # the returns summary shows the quarter and the three before it


@dataclass(frozen=True)
class PackData:
    period: Period
    before: Period  # the same quarter a year before
    cubes: Mapping[str, MapCube]  # metric key → every period's per-force totals
    cells: Mapping[str, MetricCells]  # metric key → what is published and hidden
    grid: RegisterGrid
    low_rule: LowReportingRule
    flags: MapFlags
    flag_label: str
    demo: bool

    def flag_reasons(self) -> dict[str, str]:
        """Flagged force → reason. The reasons give no rate or share of the median, so no
        hidden count can be worked back out of them (stats/low_reporting.py)."""
        return {f.code: f.reason for f in self.flags.flags}

    def first_quarter(self) -> Period | None:
        """The earliest quarter holding any figure."""
        held = [Period.from_key(p) for c in self.cubes.values() for p in c.periods if "-Q" in p]
        return min(held) if held else None

    def names(self) -> dict[str, str]:
        cube = next(iter(self.cubes.values()))
        return {f.code: f.name for f in cube.forces}


def load_pack_data(
    db: Database, period_key: str, rule, progress: Progress, metric_key: str | None = None
) -> PackData:
    """`metric_key`: the figure the pack maps and ranks, read too when it is not built in."""
    period = Period.from_key(period_key)
    metrics = list(METRICS)
    if metric_key is not None and metric_key not in {m.key for m in METRICS}:
        metrics.append(METRICS_BY_KEY[metric_key])
    cubes: dict[str, MapCube] = {}
    for n, metric in enumerate(metrics):
        check(progress)
        progress.report(n, len(metrics) + 3, f"Reading {metric.label.lower()}…")
        cubes[metric.key] = load_map_cube(db, metric.key)
    progress.report(len(metrics), len(metrics) + 3, "Reading the returns register…")
    grid = returns_grid(db, last=period.key, quarters=REGISTER_QUARTERS)
    # Every breakdown of the quarter and the year before: what their maps hide, this hides.
    keys = (period.key, period.same_period_last_year().key)
    views = {m.key: load_views(db, m.key, rule, keys) for m in metrics}
    low_rule = load_rule(db)
    flags = map_flags(cubes[low_rule.metric_key], period.key, low_rule)
    check(progress)
    return PackData(
        period=period,
        before=period.same_period_last_year(),
        cubes=cubes,
        cells=protect_all(cubes, period.key, rule, views),
        grid=grid,
        low_rule=low_rule,
        flags=flags,
        flag_label=flag_legend_text(low_rule, flags),
        demo=has_demo(db),
    )
