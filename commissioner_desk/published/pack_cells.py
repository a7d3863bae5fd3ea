"""Disclosure control for a whole briefing pack: which published counts are hidden.

A pack publishes, for each figure (metric) and the pack's quarter, every force's count (the
table of forces, the force pages) and the national total (key figures); and, through "change
on a year before", every force's count a year earlier with the total of those same forces.
Those are two published sums per metric, and `published.disclosure.suppress` hides small counts
and enough others that no hidden count can be worked out from a total and the other counts.

Hidden counts print as [c]; so do their rates (rate × population gives the count back) and any
change involving them. Ranks leave hidden forces out: a rank between two shown values would
narrow a hidden one down.

A figure that is not a count (the office's decimal or percentage metrics) identifies no one:
nothing of it is hidden, and a percentage has no national total.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..domain.catalogue import metric_unit
from ..domain.periods import Period
from ..formatting import figure
from ..maps.values import MapCube
from .disclosure import SUPPRESSED_MARK, SuppressionRule
from .hidden_cells import (
    BEFORE,
    NO_VIEW,
    NOW,
    SAME_FORCES,  # noqa: F401  (the cells are named from here too)
    TOTAL,
    TableView,
    hidden_cells,
)
from .hidden_cells import CHANGE_CELLS as _CHANGE_CELLS
from .hidden_cells import number as _number

STATUS_TEXT = {
    "nil": "nil",
    "suppressed": SUPPRESSED_MARK,  # withheld by the force itself
    "not_applicable": "n/a",
    "missing": "missing",
}
MINUS = "\u2212"


def count_text(value: int) -> str:
    return f"{value:,}"


def change_text(change: float | None) -> str:
    if change is None:
        return "–"
    sign = "+" if change > 0 else MINUS if change < 0 else ""
    return f"{sign}{abs(change):.1f}%"


def rate_text(rate: float | None) -> str:
    return "–" if rate is None else f"{rate:,.1f}"


@dataclass(frozen=True)
class MetricCells:
    """One figure's published counts for the quarter and a year before, and which are hidden."""

    metric_key: str
    now: Mapping[str, tuple[str, int | None]]  # force code → (status, value) in the quarter
    before: Mapping[str, tuple[str, int | None]]  # … a year before
    both: tuple[str, ...]  # forces with a number in both: the base of the change on a year
    hidden: frozenset[tuple[str, str]]  # (NOW or BEFORE, force code or TOTAL)
    rule: SuppressionRule
    unit: str = "count"  # the metric's unit (domain.catalogue.UNITS)

    @property
    def adds_up(self) -> bool:
        return self.unit != "percent"

    def _figure_text(self, value: float) -> str:
        return count_text(value) if self.unit == "count" else figure(value, self.unit)

    # -- totals ---------------------------------------------------------------------------
    @property
    def total(self) -> int | None:
        if not self.adds_up:
            return None  # forces' percentages are never added up
        numbers = [_number(f) for f in self.now.values()]
        present = [n for n in numbers if n is not None]
        return sum(present) if present else None

    @property
    def total_before(self) -> int | None:
        """The same forces' total a year before (those with a number both times)."""
        if not self.adds_up:
            return None
        return sum(_number(self.before[c]) or 0 for c in self.both) if self.both else None

    @property
    def counted(self) -> int:
        return sum(1 for f in self.now.values() if _number(f) is not None)

    def total_text(self) -> str:
        return self._text(self.total, (NOW, TOTAL))

    def total_before_text(self) -> str:
        return self._text(self.total_before, (BEFORE, TOTAL))

    @property
    def same_forces_now(self) -> int | None:
        """This quarter's total over the forces that also had a number a year before."""
        if not self.adds_up:
            return None
        return sum(_number(self.now[c]) or 0 for c in self.both) if self.both else None

    def total_change(self) -> float | None:
        """% change on a year before, over the same forces both times; None when hidden or
        not defined."""
        if _CHANGE_CELLS & self.hidden:
            return None
        now, before = self.same_forces_now, self.total_before
        if now is None or not before:
            return None
        return (now - before) * 100 / before

    def total_change_text(self) -> str:
        if _CHANGE_CELLS & self.hidden:
            return SUPPRESSED_MARK
        return change_text(self.total_change())

    # -- one force ------------------------------------------------------------------------
    def is_hidden(self, code: str) -> bool:
        """The force's count for the quarter is not shown (small, or it would give one away)."""
        return (NOW, code) in self.hidden or self.now.get(code, ("missing", None))[
            0
        ] == "suppressed"

    def count(self, code: str) -> int | None:
        """The count when it may be shown, else None."""
        status, value = self.now.get(code, ("missing", None))
        if self.is_hidden(code):
            return None
        return 0 if status == "nil" else value

    def text(self, code: str) -> str:
        status, value = self.now.get(code, ("missing", None))
        if (NOW, code) in self.hidden:
            return SUPPRESSED_MARK
        if status == "value" and value is not None:
            return self._figure_text(value)
        return _status(status)

    def before_text(self, code: str) -> str:
        status, value = self.before.get(code, ("missing", None))
        if (BEFORE, code) in self.hidden or (
            self.unit == "count"
            and code not in self.both
            and self.rule.is_small(value if status == "value" else None)
        ):
            return SUPPRESSED_MARK  # outside the published sum, a small count is still hidden
        if status == "value" and value is not None:
            return self._figure_text(value)
        return _status(status)

    def change_hidden(self, code: str) -> bool:
        return (NOW, code) in self.hidden or (BEFORE, code) in self.hidden

    def change_text(self, code: str, change: float | None) -> str:
        return SUPPRESSED_MARK if self.change_hidden(code) else change_text(change)

    def rate_text(self, code: str, rate: float | None, has_population: bool = True) -> str:
        if self.is_hidden(code):
            return SUPPRESSED_MARK
        if not self.adds_up:
            return "–"  # a percentage has no rate per 100,000
        if self.now.get(code, ("missing", None))[0] == "nil":
            return "0.0" if has_population else "–"  # a nil return is a rate of nought
        return rate_text(rate)

    def _text(self, value: float | None, cell: tuple[str, str]) -> str:
        if cell in self.hidden:
            return SUPPRESSED_MARK
        return "–" if value is None else self._figure_text(value)


def _status(status: str) -> str:
    return STATUS_TEXT.get(status, status.replace("_", " "))


def protect_metric(
    cube: MapCube,
    period_key: str,
    rule: SuppressionRule,
    views: Mapping[str, TableView] | None = None,
) -> MetricCells:
    """The published counts of one figure (a total-breakdown cube) and which to hide. With
    the figure's table `views` (published.table_views.load_views), counts hidden to protect a
    breakdown are hidden here too, as on the map of that breakdown."""
    before_key = Period.from_key(period_key).same_period_last_year().key
    now = {f.code: cube._figure(period_key, f.code) for f in cube.forces}
    before = {f.code: cube._figure(before_key, f.code) for f in cube.forces}
    unit = metric_unit(cube.metric_key)
    if unit != "count":  # nothing to hide; the forces with a number both times, as for counts
        both = tuple(
            c for c in now if _number(now[c]) is not None and _number(before[c]) is not None
        )
        return MetricCells(cube.metric_key, now, before, both, frozenset(), rule, unit)
    pair = None
    if views is not None:
        pair = (views.get(period_key, NO_VIEW), views.get(before_key))
    cells = hidden_cells(now, before, rule, pair)
    return MetricCells(cube.metric_key, now, before, cells.both, cells.hidden, rule)


def protect_all(
    cubes: Mapping[str, MapCube],
    period_key: str,
    rule: SuppressionRule,
    views: Mapping[str, Mapping[str, TableView]] | None = None,
) -> dict[str, MetricCells]:
    """Every figure's cells; `views`: metric key → its table views, as for protect_metric."""
    return {
        key: protect_metric(cube, period_key, rule, views.get(key) if views else None)
        for key, cube in cubes.items()
    }


def rank_text(code: str, ranks: Mapping[str, int]) -> str:
    """ "7", or "=7" when shared with another force; "–" for a force not ranked."""
    rank = ranks.get(code)
    if rank is None:
        return "–"
    shared = sum(1 for r in ranks.values() if r == rank) > 1
    return f"={rank}" if shared else str(rank)


def shown_ranks(values: Mapping[str, float | None]) -> dict[str, int]:
    """Competition ranks (1 = highest; ties share) among the values that are shown."""
    ordered = sorted((v for v in values.values() if v is not None), reverse=True)
    first: dict[float, int] = {}
    for i, v in enumerate(ordered, start=1):
        first.setdefault(v, i)
    return {code: first[v] for code, v in values.items() if v is not None}
