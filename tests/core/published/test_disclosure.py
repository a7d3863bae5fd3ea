"""Disclosure control: small counts hidden, and no hidden count recoverable from a total."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from commissioner_desk.published.disclosure import (
    Group,
    SuppressionRule,
    suppress,
    table_groups,
)


def test_small_counts_are_hidden_and_zero_is_not():
    values = {"a": 0, "b": 1, "c": 4, "d": 5}
    assert suppress(values, []) == {"b", "c"}
    assert suppress(values, [], SuppressionRule(threshold=9)) == {"b", "c", "d"}


def test_a_single_hidden_cell_in_a_row_with_a_total_takes_the_smallest_other():
    values = {"a": 3, "b": 40, "c": 12, "d": 0, "total": 55}
    hidden = suppress(values, [Group(("a", "b", "c", "d"), "total")])
    assert hidden == {"a", "c"}  # 12 is the smallest non-zero other count; 0 is not chosen


def test_the_total_is_hidden_when_no_other_member_can_be():
    values = {"a": 2, "b": None, "total": 2}
    assert suppress(values, [Group(("a", "b"), "total")]) == {"a", "total"}


def test_complementary_suppression_cascades_through_a_grid():
    # Forces × age with totals both ways. Kent's child count is small.
    rows, cols = ["kent", "essex", "surrey"], ["adult", "child"]
    grid = {
        ("kent", "adult"): 20,
        ("kent", "child"): 3,
        ("essex", "adult"): 30,
        ("essex", "child"): 15,
        ("surrey", "adult"): 8,
        ("surrey", "child"): 9,
    }
    values = dict(grid)
    for r in rows:
        values[(r, "all")] = sum(grid[(r, c)] for c in cols)
    for c in cols:
        values[("all", c)] = sum(grid[(r, c)] for r in rows)
    values[("all", "all")] = sum(grid.values())
    groups = table_groups(rows, cols, row_total="all", column_total="all")
    hidden = suppress(values, groups)
    _assert_safe(values, groups, hidden)
    assert ("kent", "child") in hidden and ("kent", "adult") in hidden
    assert ("surrey", "child") in hidden  # the smallest other child count


def _assert_safe(values, groups, hidden):
    for g in groups:
        cells = [c for c in g.members if values.get(c) is not None]
        if g.total is not None and values.get(g.total) is not None:
            cells.append(g.total)
        assert sum(1 for c in cells if c in hidden) != 1, (g, hidden)
    assert all(c in hidden for c, v in values.items() if v is not None and 1 <= v <= 4)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.lists(st.one_of(st.none(), st.integers(0, 30)), min_size=2, max_size=5),
        min_size=2,
        max_size=6,
    ).filter(lambda rows: len({len(r) for r in rows}) == 1)
)
def test_no_published_sum_ever_has_exactly_one_hidden_cell(grid):
    rows, cols = range(len(grid)), range(len(grid[0]))
    values = {(r, c): grid[r][c] for r in rows for c in cols}
    for r in rows:
        values[(r, "t")] = sum(v for v in grid[r] if v is not None)
    for c in cols:
        values[("t", c)] = sum(grid[r][c] for r in rows if grid[r][c] is not None)
    values[("t", "t")] = sum(v for row in grid for v in row if v is not None)
    groups = table_groups(list(rows), list(cols), row_total="t", column_total="t")
    _assert_safe(values, groups, suppress(values, groups))
