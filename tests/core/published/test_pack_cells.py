"""Disclosure control across a pack: small counts hidden, no hidden count recoverable from the
published totals (the quarter's, and the year before's behind "change"), rates and changes of
hidden counts hidden, ranks without hidden forces."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from commissioner_desk.maps.values import MapCube, MapForce
from commissioner_desk.published.disclosure import SuppressionRule
from commissioner_desk.published.pack_cells import (
    BEFORE,
    NOW,
    SAME_FORCES,
    TOTAL,
    protect_metric,
    shown_ranks,
)

P, Q = "2024-Q1", "2023-Q1"


def _cube(now: dict[str, int | None], before: dict[str, int | None]) -> MapCube:
    codes = sorted(set(now) | set(before))
    figures = {}
    for period, values in ((P, now), (Q, before)):
        for code, value in values.items():
            if value is not None:
                figures[(period, code)] = ("nil" if value == 0 else "value", value or None)
    return MapCube(
        metric_key="nrm_referrals",
        breakdown="",
        forces=tuple(MapForce(c, c.title(), True, ((2020, 500_000),)) for c in codes),
        figures=figures,
        nil_returns=frozenset(),
        periods=(P, Q),
    )


def _recoverable(cells) -> list[str]:
    """Published sums with exactly one hidden part: that part is the sum less the others."""
    problems = []
    now = [c for c, f in cells.now.items() if f[0] in ("value", "nil")]
    sums = [
        ([(NOW, c) for c in now], (NOW, TOTAL)),
        ([(BEFORE, c) for c in cells.both], (BEFORE, TOTAL)),
        ([(NOW, c) for c in cells.both], (NOW, SAME_FORCES)),
    ]
    for members, total in sums:
        if not members:
            continue
        hidden = [m for m in [*members, total] if m in cells.hidden]
        if len(hidden) == 1:
            problems.append(f"{hidden[0]} is the only hidden part of {total}")
    return problems


def test_a_small_count_and_the_smallest_other_are_hidden_with_their_rates_and_changes():
    cells = protect_metric(
        _cube({"kent": 3, "essex": 137, "surrey": 268}, {"kent": 40, "essex": 120, "surrey": 247}),
        P,
        SuppressionRule(4),
    )
    assert cells.is_hidden("kent") and cells.is_hidden("essex") and not cells.is_hidden("surrey")
    assert [cells.text(c) for c in ("kent", "essex", "surrey")] == ["[c]", "[c]", "268"]
    assert cells.rate_text("essex", 27.4) == "[c]" and cells.rate_text("surrey", 53.6) == "53.6"
    assert cells.change_text("essex", 14.2) == "[c]"
    assert cells.change_text("surrey", 8.5) == "+8.5%"
    assert cells.total_text() == "408" and cells.total_before_text() == "407"
    assert cells.total_change_text() == "+0.2%"
    assert cells.count("kent") is None and cells.count("surrey") == 268
    assert _recoverable(cells) == []


def test_a_small_count_a_year_before_hides_the_change_but_not_this_quarter():
    cells = protect_metric(
        _cube({"a": 50, "b": 60, "c": 70}, {"a": 2, "b": 55, "c": 65}), P, SuppressionRule(4)
    )
    assert cells.text("a") == "50" and cells.before_text("a") == "[c]"
    assert cells.change_text("a", 2400.0) == "[c]"
    assert cells.before_text("b") == "[c]"  # complement: the smallest other of last year
    assert _recoverable(cells) == []


def test_a_single_small_force_hides_the_total_and_the_national_change():
    cells = protect_metric(_cube({"a": 2}, {"a": 30}), P, SuppressionRule(4))
    assert cells.total_text() == "[c]" and cells.total_change_text() == "[c]"
    assert cells.total_change() is None


def test_a_force_missing_a_year_before_makes_the_same_forces_total_a_published_sum():
    # Change compares the same forces: 100 + 3 this quarter against last year's 90 + 80. With
    # the 3 hidden (and c, its complement), 103 would give it back as 103 − a. The counts stay
    # as the quarter's own map shows them; the change, which rests on that sum, is hidden.
    cells = protect_metric(
        _cube({"a": 100, "b": 3, "c": 41}, {"a": 90, "b": 80, "c": None}), P, SuppressionRule(4)
    )
    assert [cells.is_hidden(c) for c in "abc"] == [False, True, True]
    assert _recoverable(cells) == []
    assert cells.total_text() == "144" and cells.total_change_text() == "[c]"


def test_each_quarter_hides_what_its_own_map_hides():
    # Last year's 40 was the complement of a 3 in its own quarter: it stays hidden here, in the
    # change, even though this quarter's sums alone would not need it hidden.
    now = {"a": 50, "b": 60, "c": 70}
    before = {"a": 3, "b": 40, "c": 65}
    cells = protect_metric(_cube(now, before), P, SuppressionRule(4))
    assert cells.before_text("b") == "[c]" and cells.change_text("b", 50.0) == "[c]"
    assert cells.change_text("c", 7.7) == "+7.7%"
    assert _recoverable(cells) == []


def test_nil_is_nought_and_missing_is_never_zero():
    cube = _cube({"a": 0, "b": 40, "c": None}, {"a": 5, "b": 30})
    cells = protect_metric(cube, P, SuppressionRule())
    assert cells.text("a") == "nil" and cells.text("c") == "missing"
    assert cells.rate_text("a", None) == "0.0" and cells.rate_text("c", None) == "–"
    assert cells.total_text() == "40" and cells.counted == 2


def test_ranks_leave_hidden_forces_out():
    assert shown_ranks({"a": 10.0, "b": None, "c": 30.0, "d": 10.0}) == {"c": 1, "a": 2, "d": 2}


counts = st.one_of(st.none(), st.just(0), st.integers(1, 6), st.integers(5, 400))


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(st.sampled_from("abcdefgh"), st.tuples(counts, counts), min_size=1),
    st.integers(1, 5),
)
def test_no_hidden_count_can_be_worked_out_from_any_published_sum(data, threshold):
    rule = SuppressionRule(threshold)
    cells = protect_metric(
        _cube({c: v[0] for c, v in data.items()}, {c: v[1] for c, v in data.items()}), P, rule
    )
    assert _recoverable(cells) == []
    for code, (now, before) in data.items():
        if rule.is_small(now):
            assert cells.text(code) == "[c]" and cells.rate_text(code, 1.0) == "[c]"
            assert cells.change_text(code, 1.0) == "[c]"
        if rule.is_small(before) and code in cells.both:
            assert cells.before_text(code) == "[c]" and cells.change_text(code, 1.0) == "[c]"
