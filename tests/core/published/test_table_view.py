"""Disclosure control across breakdowns (issue 7): a count hidden in one breakdown cannot be
worked out from its force's total and the other breakdowns, nor from a breakdown's national
total and the other forces; the views the app reads (map, charts, Figures) agree."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from commissioner_desk.published.disclosure import SuppressionRule
from commissioner_desk.published.hidden_cells import NATIONAL, table_view
from commissioner_desk.published.protected_cube import protect_cube
from commissioner_desk.published.table_views import load_views
from commissioner_desk.queries.map_cube import load_map_cube

AGES = ("adult", "child", "unknown")
DIMS = {"age": AGES}
RULE = SuppressionRule(4)


def _table(rows: dict[str, tuple[int | None, ...]]) -> dict[tuple[str, str], tuple[str, int]]:
    """force → counts by age (None: no figure); the force's total is their sum."""
    out = {}
    for code, counts in rows.items():
        for age, n in zip(AGES, counts, strict=True):
            if n is not None:
                out[(code, f"age={age}")] = ("nil" if n == 0 else "value", n)
        known = [n for n in counts if n is not None]
        if known:
            out[(code, "")] = ("value", sum(known))
    return out


def _sums(table, national) -> list[tuple[list, tuple]]:
    """Every published sum: (parts, total)."""
    sums = []
    codes = {c for c, _ in table}
    for code in [*codes, NATIONAL]:
        parts = [(code, f"age={a}") for a in AGES]
        sums.append((parts, (code, "")))
    for b in ["", *(f"age={a}" for a in AGES)]:
        sums.append(([(c, b) for c in national], (NATIONAL, b)))
    return sums


def _given_away(table, national, view) -> list[str]:
    present = set(table) | {(NATIONAL, b) for _, b in table}
    problems = []
    for parts, total in _sums(table, national):
        cells = [c for c in [*parts, total] if c in present]
        hidden = [c for c in cells if c in view.hidden]
        if len(cells) > 1 and len(hidden) == 1:
            problems.append(f"{hidden[0]} is the only hidden part of {total}")
    return problems


def test_a_small_child_count_is_not_given_away_by_the_total_or_the_other_ages():
    table = _table({"X": (40, 3, 7), "Y": (60, 20, 9), "Z": (80, 30, 11)})
    view = table_view(table, {"X", "Y", "Z"}, DIMS, RULE)
    assert view.codes("age=child") >= {"X"}
    assert view.codes("age=unknown") >= {"X"}  # else 50 − 40 − 7 gives the 3 back
    assert "X" not in view.codes("") and "X" not in view.codes("age=adult")
    assert len(view.codes("age=child")) >= 2  # and not from the child total either
    assert _given_away(table, {"X", "Y", "Z"}, view) == []


counts = st.one_of(st.none(), st.just(0), st.integers(1, 6), st.integers(5, 200))


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(st.sampled_from("ABCDEF"), st.tuples(counts, counts, counts), min_size=1),
    st.integers(1, 5),
)
def test_no_hidden_count_can_be_worked_out_from_any_sum_across_breakdowns(rows, threshold):
    table = _table(rows)
    national = set(rows)
    view = table_view(table, national, DIMS, SuppressionRule(threshold))
    assert _given_away(table, national, view) == []
    for cell, (_status, n) in table.items():
        if SuppressionRule(threshold).is_small(n):
            assert cell in view.hidden


def test_the_map_of_each_breakdown_reads_the_same_view(db):
    from tests.core.test_series import ESSEX, KENT, SURREY, put

    figures = []
    for code, ages in ((KENT, (40, 3, 7)), (ESSEX, (60, 20, 9)), (SURREY, (80, 30, 11))):
        for age, n in zip(AGES, ages, strict=True):
            figures.append((code, "2024-Q1", n, f"age={age}"))
        figures.append((code, "2024-Q1", sum(ages), ""))
    put(db, figures)
    views = load_views(db, "nrm_referrals", RULE)
    view = views["2024-Q1"]
    for b in ("", *(f"age={a}" for a in AGES)):
        cube = protect_cube(load_map_cube(db, "nrm_referrals", b), RULE, views)
        shown = {f.code for f in cube.values("2024-Q1").forces if f.status == "suppressed"}
        assert shown == view.codes(b), b
    assert KENT in view.codes("age=child") and KENT in view.codes("age=unknown")
    assert KENT not in view.codes("")
