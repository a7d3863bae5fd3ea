"""Which points of a chart are hidden: the counts each period's table view hides (as on the map
and in packs), then the years and rolling sums made from them.

A year or a rolling sum over a hidden quarter is hidden too (with the others it would give the
quarter back); and, being published counts with a national total of their own, they are
protected again, seeded with those. queries/series.py builds the series; this decides what of
them may be shown.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from ..domain.periods import Period, PeriodKind
from .disclosure import Group, SuppressionRule, suppress
from .hidden_cells import TOTAL, Figure, TableView, own_view

Cell = tuple[int, str]  # (force row, period key)


class SeriesProtection:
    """The disclosure rule applied to one chart's forces (rows) and periods (columns)."""

    def __init__(
        self,
        rule: SuppressionRule,
        views: Mapping[str, TableView] | None,
        codes: Sequence[str],
        national: Sequence[bool],
        axis: Sequence[Period],
        rolling: bool,
    ) -> None:
        self.rule = rule
        self.views = views  # None: each period's counts judged on their own
        self.codes = codes
        self.national = national  # per row: counted in the national total
        self.axis = axis
        self.rolling = rolling

    def hidden_cells(self, figures: Mapping[Cell, Figure], bd: str) -> set[Cell]:
        """The (row, period) cells each period's view hides: its table view when there is one,
        else the period's own counts judged on their own."""
        if self.views is not None:
            views = self.views
            return {
                (row, key)
                for row, key in figures
                if key in views and (self.codes[row], bd) in views[key].hidden
            }
        by_period: dict[str, dict[int, Figure]] = {}
        for (row, key), figure in figures.items():
            by_period.setdefault(key, {})[row] = figure
        out: set[Cell] = set()
        for key, period in by_period.items():
            national = {r: f for r, f in period.items() if self.national[r]}
            hidden, _total = own_view(national, self.rule)
            out |= {(r, key) for r in hidden}
            out |= {  # off the national total: only their own small counts
                (r, key)
                for r, (_word, value) in period.items()
                if not self.national[r] and self.rule.is_small(value)
            }
        return out

    def total_hidden(self, col: int, bd: str) -> bool:
        """Whether a view hides the national total of a period this point adds up."""
        if self.views is None:
            return False
        period = self.axis[col]
        keys = [period.key]
        if period.kind is PeriodKind.QUARTER:
            if self.rolling:
                keys += [p.key for p in self.axis[max(col - 3, 0) : col]]
        else:
            keys += [q.key for q in period.quarters()]
        return any(self.views[k].total_hidden(bd) for k in keys if k in self.views)

    def protect(self, raw: np.ndarray, kept: np.ndarray, bd: str) -> tuple[np.ndarray, np.ndarray]:
        """Hidden counts (rows × periods) and hidden national totals (per period), from the
        counts as the chart adds them up (`raw`) and the same with the periods' hidden cells
        taken out (`kept`: NaN where a hidden quarter went in)."""
        cells = np.zeros(raw.shape, dtype=bool)
        totals = np.zeros(raw.shape[1], dtype=bool)
        national = {r for r, n in enumerate(self.national) if n}
        for col in range(raw.shape[1]):
            present = [r for r in range(raw.shape[0]) if not np.isnan(raw[r, col])]
            values: dict[object, int | None] = {r: int(raw[r, col]) for r in present}
            seeds: list[object] = [r for r in present if np.isnan(kept[r, col])]
            if self.total_hidden(col, bd):
                seeds.append(TOTAL)
            members = tuple(r for r in present if r in national)
            groups = []
            if members:
                values[TOTAL] = sum(values[r] or 0 for r in members)
                groups.append(Group(members, TOTAL))
            hidden = suppress(values, groups, self.rule, seeds)
            for r in present:
                cells[r, col] = r in hidden
            totals[col] = TOTAL in hidden
        return cells, totals
