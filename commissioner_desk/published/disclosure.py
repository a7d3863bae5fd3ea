"""Disclosure control: small counts that could identify a victim are never shown.

Counts from 1 to `threshold` (default 4) are *primary* suppressions, shown as `[c]`. Hiding them
is not enough when the table also publishes totals: with one hidden cell in a row that has a
total, the hidden value is the total minus the others. So *complementary* suppression hides
more cells until every published sum (a "group": some cells and the total they add up to) has
no hidden cell, or at least two: the smallest other non-zero count of the group is hidden,
else its total. Repeated until nothing changes, because one complementary suppression can
leave another group with a single hidden cell.

Zero is shown: "none" is not disclosive. Missing figures (None) are not part of any sum.

The same function serves screens, tooltips, exports and print, so all agree on what is hidden.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

SUPPRESSED_MARK = "[c]"


@dataclass(frozen=True)
class SuppressionRule:
    threshold: int = 4  # counts 1..threshold are hidden

    def describe(self) -> str:
        return (
            f"Counts from 1 to {self.threshold} are shown as {SUPPRESSED_MARK}, and further "
            "counts are hidden where they would let a hidden count be worked out from a total "
            "and the other counts (complementary suppression). Rates and changes of hidden "
            "counts are hidden too."
        )

    def is_small(self, value: int | None) -> bool:
        return value is not None and 1 <= value <= self.threshold


DEFAULT_SUPPRESSION = SuppressionRule()


@dataclass(frozen=True)
class Group:
    """Published cells that add up to a published total."""

    members: tuple[Hashable, ...]
    total: Hashable | None = None  # None: the sum is not published (no total to protect)


def suppress(
    values: Mapping[Hashable, int | None],
    groups: Sequence[Group],
    rule: SuppressionRule = DEFAULT_SUPPRESSION,
    also: Iterable[Hashable] = (),
) -> frozenset[Hashable]:
    """The cells to hide. `values` holds every published count by cell id (totals included);
    `also` names cells hidden already for another reason (e.g. a year made of hidden quarters)."""
    hidden = {cell for cell, value in values.items() if rule.is_small(value)} | set(also)
    changed = True
    while changed:
        changed = False
        for group in groups:
            cells = [c for c in group.members if values.get(c) is not None]
            if group.total is not None and values.get(group.total) is not None:
                cells.append(group.total)
            if len(cells) < 2:
                continue
            if sum(1 for c in cells if c in hidden) != 1:
                continue
            pick = _complement(cells, group.total, values, hidden)
            if pick is not None:
                hidden.add(pick)
                changed = True
    return frozenset(hidden)


def _complement(
    cells: list[Hashable],
    total: Hashable | None,
    values: Mapping[Hashable, int | None],
    hidden: set[Hashable],
) -> Hashable | None:
    """The next cell to hide in a group with exactly one hidden: the smallest non-zero member,
    else a zero member, else the total."""
    members = [c for c in cells if c != total and c not in hidden]
    for candidates in ([c for c in members if values[c]], members):
        if candidates:
            return min(candidates, key=lambda c: (values[c], str(c)))
    if total is not None and total not in hidden and values.get(total) is not None:
        return total
    return None


def table_groups(
    rows: Sequence[Hashable],
    columns: Sequence[Hashable],
    *,
    row_total: Hashable | None = None,
    column_total: Hashable | None = None,
) -> list[Group]:
    """Groups for a grid of cells (row, column) with an optional total column and/or total row.

    With both, the grand total cell (row_total, column_total) closes both directions."""
    groups = []
    if column_total is not None:
        for r in (*rows, *([row_total] if row_total is not None else [])):
            groups.append(Group(tuple((r, c) for c in columns), (r, column_total)))
    if row_total is not None:
        for c in (*columns, *([column_total] if column_total is not None else [])):
            groups.append(Group(tuple((r, c) for r in rows), (row_total, c)))
    return groups
