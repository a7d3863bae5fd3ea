"""The national map as people may see it: the map cube with hidden counts taken out, one
period's values for the `map` command, and the low-reporting flags drawn over it.

Each reads the office's stored disclosure rule itself, so no page or command can forget to.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..db.database import Database
from ..maps.values import MapCube, MapValues, Measure
from ..queries import map_cube as raw
from ..stats.low_reporting import LowReportingFlag, LowReportingRule, low_reporting_flags
from ..stats.rule_store import MapFlags, map_flags
from .protected_cube import protect_cube
from .suppression_store import load_suppression
from .table_views import Disclosure, disclosure_of


def map_cube(
    db: Database, metric_key: str, breakdown: str = "", disclosure: Disclosure | None = None
) -> MapCube:
    """Every period of one figure and breakdown, hidden counts suppressed (so no rate, change,
    rank or tooltip can give them back). `disclosure`: from `disclosure_of` for this figure,
    when the caller holds it already."""
    if disclosure is None or disclosure.metric_key != metric_key:
        disclosure = disclosure_of(db, metric_key)
    cube = raw.load_map_cube(db, metric_key, breakdown)
    return protect_cube(cube, disclosure.rule, disclosure.views)


def map_values(
    db: Database,
    metric_key: str,
    period_key: str,
    *,
    breakdown: str = "",
    measure: Measure = "count",
) -> MapValues:
    """One period's map, as `map_cube(...).values(...)` gives it, read for that period only."""
    return raw.map_values(
        db, metric_key, period_key, breakdown=breakdown, measure=measure, rule=load_suppression(db)
    )


@dataclass(frozen=True)
class FlagJudge:
    """Judges forces by a low-reporting rule on one figure's totals.

    The flags name forces, not counts, and are judged on the figures as returned (as they
    always have been), so the figures stay inside: only the quarters held and the flags go
    out."""

    metric_key: str
    _cube: MapCube

    @property
    def quarters(self) -> tuple[str, ...]:
        """Quarters holding the figure, newest first."""
        return tuple(k for k in self._cube.periods if "-Q" in k)

    def flags(self, quarter: str, rule: LowReportingRule) -> list[LowReportingFlag]:
        return low_reporting_flags(self._cube, quarter, rule)

    def map_flags(self, period_key: str, rule: LowReportingRule) -> MapFlags:
        """The flags over a map of `period_key` (stats.rule_store.map_flags)."""
        return map_flags(self._cube, period_key, rule)


def flag_judge(db: Database, metric_key: str) -> FlagJudge:
    """A judge of the low-reporting rule for `metric_key` (a rule's metric, total breakdown)."""
    return FlagJudge(metric_key, raw.load_map_cube(db, metric_key))
