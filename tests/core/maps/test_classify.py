"""Map classes: known answers for each method, ties, tiny inputs, exact non-overlapping labels."""

from __future__ import annotations

import math
from itertools import combinations, pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from commissioner_desk.maps.classify import ClassifyError, classify, diverging_breaks

METHODS = ("quantile", "equal", "jenks")


def test_jenks_finds_the_obvious_groups():
    c = classify([1, 2, 3, 10, 11, 12, 30, 31], "jenks", 3)
    assert c.breaks == (3, 12, 31)
    assert c.lower == 1
    assert c.counts == (3, 3, 2)
    assert c.labels() == ("1 to 3", "4 to 12", "13 to 31")


def _ssd(groups: list[list[float]]) -> float:
    return sum(sum((x - sum(g) / len(g)) ** 2 for x in g) for g in groups)


def _groups(xs: list[float], breaks: tuple[float, ...]) -> list[list[float]]:
    out, lo = [], -math.inf
    for b in breaks:
        out.append([x for x in xs if lo < x <= b])
        lo = b
    return out


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(-50, 200), min_size=1, max_size=9), st.integers(1, 5))
def test_jenks_is_optimal_against_brute_force(values, k):
    xs = sorted(values)
    distinct = sorted(set(xs))
    c = classify(xs, "jenks", k)
    k_eff = min(k, len(distinct))
    assert len(c) == k_eff and all(c.counts)
    # Every way of cutting the distinct values into k_eff runs: none beats Jenks.
    best = min(
        _ssd(_groups(xs, (*(distinct[i] for i in cuts), distinct[-1])))
        for cuts in combinations(range(len(distinct) - 1), k_eff - 1)
    )
    assert _ssd(_groups(xs, c.breaks)) == pytest.approx(best, abs=1e-6)


def test_quantiles_split_evenly():
    c = classify(range(1, 11), "quantile", 5)
    assert c.breaks == (2, 4, 6, 8, 10)
    assert c.counts == (2, 2, 2, 2, 2)
    assert c.labels() == ("1 to 2", "3 to 4", "5 to 6", "7 to 8", "9 to 10")


def test_quantiles_keep_ties_together_and_never_leave_a_class_empty():
    c = classify([0, 0, 0, 0, 0, 0, 1, 2, 3, 10], "quantile", 5)
    assert c.breaks == (0, 2, 10)
    assert c.counts == (6, 2, 2)
    assert c.labels() == ("0", "1 to 2", "3 to 10")


def test_equal_intervals_and_an_empty_class_where_the_data_has_a_gap():
    c = classify([0, 10, 20, 100], "equal", 4)
    assert c.breaks == (25, 50, 75, 100)
    assert c.counts == (3, 0, 0, 1)
    assert c.labels() == ("0 to 25", "26 to 50", "51 to 75", "76 to 100")


@pytest.mark.parametrize(
    ("method", "breaks", "labels"),
    [
        ("quantile", (5, 7), ("5", "6 to 7")),
        ("jenks", (5, 7), ("5", "6 to 7")),
        ("equal", (6, 7), ("5 to 6", "7")),  # two equal halves of 5 to 7
    ],
)
def test_fewer_distinct_values_than_classes_reduces_the_classes(method, breaks, labels):
    c = classify([5, 5, 7], method, 5)
    assert c.breaks == breaks
    assert c.counts == (2, 1)
    assert c.labels() == labels


@pytest.mark.parametrize("method", METHODS)
def test_all_values_equal_make_one_class(method):
    c = classify([4, 4, 4], method, 5)
    assert (c.breaks, c.counts, c.labels()) == ((4,), (3,), ("4",))
    assert c.class_of(4) == 0


@pytest.mark.parametrize("method", [*METHODS, "custom"])
def test_no_values_give_empty_classes(method):
    c = classify([], method, 5, custom_breaks=[10] if method == "custom" else None)
    assert c.empty and c.breaks == () and c.counts == () and c.labels() == ()
    with pytest.raises(ClassifyError):
        c.class_of(3)


def test_negative_values_for_change():
    c = classify([-30, -29, -1, 0, 1, 40, 41], "jenks", 3)
    assert c.breaks == (-29, 1, 41)
    assert c.labels() == ("-30 to -29", "-28 to 1", "2 to 41")
    assert c.class_of(-29) == 0 and c.class_of(-28) == 1


def test_a_value_on_a_break_is_in_the_class_the_break_ends():
    c = classify([0, 12, 13, 40], "custom", custom_breaks=[12])
    assert c.breaks == (12, 40)
    assert c.labels() == ("0 to 12", "13 to 40")
    assert [c.class_of(v) for v in (0, 12, 13, 40)] == [0, 0, 1, 1]
    assert c.counts == (2, 2)


def test_rates_are_classed_at_the_precision_they_are_shown():
    c = classify([0.0, 1.2, 3.44, 5.0, 7.9, 9.1], "quantile", 2, decimals=1)
    assert c.breaks == (3.4, 9.1)
    assert c.labels() == ("0.0 to 3.4", "3.5 to 9.1")
    # 3.44 shows as 3.4 and is in "0.0 to 3.4"; 3.46 shows as 3.5 and is in the next.
    assert c.class_of(3.44) == 0 and c.class_of(3.46) == 1


def test_labels_take_a_format_spec():
    c = classify([1000, 2500, 40000], "custom", custom_breaks=[2500])
    assert c.labels() == ("1,000 to 2,500", "2,501 to 40,000")
    assert c.labels(".0f") == ("1000 to 2500", "2501 to 40000")


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.floats(-1e4, 1e4, allow_nan=False), min_size=1, max_size=46),
    st.sampled_from(METHODS),
    st.integers(1, 9),
    st.sampled_from([0, 1]),
)
def test_label_ranges_hold_their_values_and_never_overlap(values, method, k, decimals):
    c = classify(values, method, k, decimals=decimals)
    bounds = c.bounds()
    step = 10.0**-decimals
    for (_, hi), (lo, _) in pairwise(bounds):
        assert lo == pytest.approx(hi + step)  # next class starts one shown step higher
    for lo, hi in bounds:
        assert lo <= hi
    for v in values:
        lo, hi = bounds[c.class_of(v)]
        assert lo <= round(v, decimals) <= hi
    assert sum(c.counts) == len(values)
    assert c.breaks[-1] == round(max(values), decimals)
    assert len(set(c.labels())) == len(c)
    if method != "equal":
        assert all(c.counts)


def test_custom_breaks_add_a_last_class_up_to_the_largest_value():
    c = classify([20, 30, 120], "custom", custom_breaks=[10, 50, 100])
    assert c.breaks == (10, 50, 100, 120)
    assert c.counts == (0, 2, 0, 1)
    assert c.labels() == ("up to 10", "11 to 50", "51 to 100", "101 to 120")


@pytest.mark.parametrize(
    "breaks",
    [[10, 5], [5, 5], [1.2, 1.7], [], None, [float("nan")]],
    ids=["falling", "repeated", "same-when-shown", "empty", "none", "nan"],
)
def test_custom_breaks_must_rise(breaks):
    with pytest.raises(ClassifyError):
        classify([1, 2, 3], "custom", custom_breaks=breaks)


def test_bad_requests_are_refused():
    with pytest.raises(ClassifyError):
        classify([1, 2], "kmeans")  # type: ignore[arg-type]
    with pytest.raises(ClassifyError):
        classify([1, 2], "quantile", 0)
    with pytest.raises(ClassifyError):
        classify([1, float("nan")], "quantile")
    with pytest.raises(ClassifyError):
        diverging_breaks([1, 2], 1)


@pytest.mark.parametrize("k", [3, 4, 5, 6, 7, 9])
def test_diverging_classes_are_symmetric_around_zero(k):
    c = diverging_breaks([-47.3, -3.0, 5.0, 20.0], k)
    assert c.method == "diverging" and len(c) == k and sum(c.counts) == 4
    edges = (c.lower, *c.breaks)
    assert edges == tuple(-e + 0.0 for e in reversed(edges))
    assert c.breaks[-1] == 47.3
    if k % 2:
        lo, hi = c.bounds()[k // 2]
        assert lo < 0 < hi and c.class_of(0) == k // 2
    else:
        assert c.breaks[k // 2 - 1] == 0


def test_diverging_exact_labels_and_all_zero():
    c = diverging_breaks([-50, 10, 50], 5, decimals=0)
    assert c.breaks == (-30, -10, 10, 30, 50)
    assert c.labels() == ("-50 to -30", "-29 to -10", "-9 to 10", "11 to 30", "31 to 50")
    zero = diverging_breaks([0.0, 0.0], 3)
    assert zero.class_of(0) == 1 and zero.lower == -zero.breaks[-1]
    assert diverging_breaks([], 5).empty


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.floats(-500, 500, allow_nan=False), min_size=1, max_size=46),
    st.integers(2, 9),
    st.sampled_from([0, 1]),
)
def test_diverging_edges_always_rise_and_mirror(values, k, decimals):
    c = diverging_breaks(values, k, decimals=decimals)
    edges = (c.lower, *c.breaks)
    assert len(c) == k and sum(c.counts) == len(values)
    assert all(a < b for a, b in pairwise(edges))
    assert edges == tuple(-e + 0.0 for e in reversed(edges))
    for v in values:
        lo, hi = c.bounds()[c.class_of(v)]
        assert lo <= round(v, decimals) <= hi
