"""Which of one figure's published counts for one period are hidden, force by force.

Every view of a period's figures publishes, directly or through what it works out from them:
each force's count, the national total over the forces with a number, and (through "change on
a year before") each force's count a year earlier with the total of those same forces both
times. Those are the sums that `disclosure.suppress` protects. The briefing pack
(pack_cells.py), the map, the force profile and the trend charts all ask this one function,
so a count hidden in one is hidden in all of them and no view gives away what another hides.
`table_view` does the same for all of a figure's breakdowns at once (the app's views read it
through published.table_views); `own_view` judges one breakdown's counts on their own.

Figures come as (status, value) with the statuses of the database: "value", "nil" (a real
nought), "suppressed" (withheld by the force), "not_applicable", "missing".
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from .disclosure import Group, SuppressionRule, suppress

NOW, BEFORE = "now", "before"
TOTAL = "*"  # the cell id of a published national total
# The period's total over the forces that had a number a year before: published through the
# national change on a year, so protected like a printed total.
SAME_FORCES = "*same"
CHANGE_CELLS = frozenset({(NOW, SAME_FORCES), (BEFORE, TOTAL)})

Figure = tuple[str, int | None]


def number(figure: Figure) -> int | None:
    """The figure as a number in a sum: nil is 0; withheld, not applicable or missing is None."""
    status, value = figure
    if status == "nil":
        return 0
    return value if status == "value" else None


@dataclass(frozen=True)
class PeriodCells:
    """One period's hidden cells: (NOW or BEFORE, force code or TOTAL or SAME_FORCES)."""

    hidden: frozenset[tuple[str, str]]
    both: tuple[str, ...]  # forces with a number in both periods: the base of the change

    def count_hidden(self, code: str) -> bool:
        return (NOW, code) in self.hidden

    def change_hidden(self, code: str) -> bool:
        return (NOW, code) in self.hidden or (BEFORE, code) in self.hidden

    @property
    def total_hidden(self) -> bool:
        return (NOW, TOTAL) in self.hidden

    @property
    def total_change_hidden(self) -> bool:
        return bool(CHANGE_CELLS & self.hidden)


def own_view(figures: Mapping[str, Figure], rule: SuppressionRule) -> tuple[set[str], bool]:
    """A period on its own: the forces whose count is hidden, and whether the national total
    is. Small counts, then enough others that none can be worked out from the total."""
    values: dict[str, int | None] = {c: number(f) for c, f in figures.items()}
    members = tuple(c for c, v in values.items() if v is not None)
    if not members:
        return set(), False
    values[TOTAL] = sum(values[c] or 0 for c in members)
    hidden = set(suppress(values, [Group(members, TOTAL)], rule))
    return hidden - {TOTAL}, TOTAL in hidden


def _subset_total_hidden(
    figures: Mapping[str, Figure],
    subset: set[str],
    hidden: set[str],
    full_hidden: bool,
    rule: SuppressionRule,
) -> bool:
    """Whether a published total over some of a period's forces must be hidden.

    The cells are hidden by the period's own view and are not hidden again here: a count shown
    on the map must stay shown. So a subset total that would give a hidden count away is hidden
    itself: one hidden count in the subset (the total less the others), or one hidden among the
    forces left out of it (the full total less this one less the others); and a small one."""
    members = {c for c, f in figures.items() if number(f) is not None}
    if subset == members:
        return full_hidden
    in_subset = len(subset & hidden)
    left_out = len((members - subset) & hidden)
    small = rule.is_small(sum(number(figures[c]) or 0 for c in subset))
    return small or in_subset == 1 or (in_subset >= 1 and left_out == 1 and not full_hidden)


def hidden_cells(
    now: Mapping[str, Figure],
    before: Mapping[str, Figure],
    rule: SuppressionRule,
    views: tuple[TableView, TableView | None] | None = None,
) -> PeriodCells:
    """The cells to hide for a period (`now`) and the same period a year before (`before`),
    both keyed by force code over the forces that make up the national total.

    Each period's counts are hidden by that period alone (`own_view`), so the map, the profile
    and the charts of either period agree with this. The change on a year adds two sums over
    the forces with a number both times; those are hidden, not more counts, where they would
    give a count away. `views` (the period's and the year before's table views, from
    published.table_views) decide the counts instead, breakdowns included; without them each
    period's totals are judged on their own."""
    both = tuple(
        c
        for c in now
        if number(now[c]) is not None and number(before.get(c, ("", None))) is not None
    )
    if views is None:
        hidden_now, total_now = own_view(now, rule)
        hidden_before, total_before = own_view(before, rule)
    else:
        hidden_now, total_now = views[0].own()
        hidden_before, total_before = views[1].own() if views[1] else (set(), False)
    hidden = {(NOW, c) for c in hidden_now} | {(BEFORE, c) for c in hidden_before}
    if total_now:
        hidden.add((NOW, TOTAL))
    if both:
        same = set(both)
        if _subset_total_hidden(now, same, hidden_now, total_now, rule):
            hidden.add((NOW, SAME_FORCES))
        if _subset_total_hidden(before, same, hidden_before, total_before, rule):
            hidden.add((BEFORE, TOTAL))
    return PeriodCells(frozenset(hidden), both)


NATIONAL = "*national"  # the row of national totals in a table view


@dataclass(frozen=True)
class TableView:
    """One period of one figure, every breakdown at once: which counts are hidden.

    A breakdown's counts add up to their parent (the age groups of a force to its total), and
    every breakdown is published somewhere (a map or chart of it), so a count hidden in one
    breakdown could be worked out from the parent and its siblings. The view protects all of
    those sums together: per force across each dimension, per breakdown across the national
    forces, and the national totals across each dimension."""

    hidden: frozenset[tuple[str, str]]  # (force code or NATIONAL, breakdown key)

    def codes(self, breakdown: str = "") -> set[str]:
        """Forces whose count for `breakdown` is hidden."""
        return {c for c, b in self.hidden if b == breakdown and c != NATIONAL}

    def total_hidden(self, breakdown: str = "") -> bool:
        return (NATIONAL, breakdown) in self.hidden

    def own(self, breakdown: str = "") -> tuple[set[str], bool]:
        """As own_view answers for one breakdown: hidden forces, national total hidden."""
        return self.codes(breakdown), self.total_hidden(breakdown)


NO_VIEW = TableView(frozenset())  # a period holding no figures: nothing to hide


def table_view(
    figures: Mapping[tuple[str, str], Figure],
    national: Collection[str],
    dimensions: Mapping[str, Sequence[str]],
    rule: SuppressionRule,
) -> TableView:
    """Hide counts in a period's table: (force code, breakdown key) → figure, every breakdown.

    `national` names the forces in the national totals; `dimensions` the figure's dimensions
    and their values. Breakdown keys are "dim=value" joined by ";" in dimension order, as the
    database stores them (domain.catalogue.breakdown_key)."""
    values: dict[tuple[str, str], int | None] = {}
    for cell, figure in figures.items():
        n = number(figure)
        if n is not None:
            values[cell] = n
    breakdowns = {b for _, b in figures} | {""}
    for b in breakdowns:  # national totals, over the national forces with a number
        members = [(c, b) for c in national if (c, b) in values]
        if members:
            values[(NATIONAL, b)] = sum(values[m] or 0 for m in members)
    groups = [
        Group(tuple((c, b) for c in national if (c, b) in values), (NATIONAL, b))
        for b in sorted(breakdowns)
        if (NATIONAL, b) in values
    ]
    rows = sorted({c for c, _ in values})  # forces, and the national row
    for b in sorted(breakdowns):
        parts = _parse(b)
        for dim, dim_values in dimensions.items():
            if dim in parts:
                continue
            children = [_key({**parts, dim: v}) for v in dim_values]
            for row in rows:
                if (row, b) not in values:
                    continue
                members = tuple((row, k) for k in children if (row, k) in values)
                if members:
                    groups.append(Group(members, (row, b)))
    return TableView(frozenset(suppress(values, groups, rule)))


def _parse(key: str) -> dict[str, str]:
    return dict(item.split("=", 1) for item in key.split(";")) if key else {}


def _key(parts: Mapping[str, str]) -> str:
    return ";".join(f"{d}={parts[d]}" for d in sorted(parts))
