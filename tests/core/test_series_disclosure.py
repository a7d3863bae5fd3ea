"""Trend charts hide what the map and the pack hide (issue 7): small counts and their
complements against the national total, with their rates, changes, years and rolling sums; and
a hidden value never reaches the chart's table (its CSV export)."""

from __future__ import annotations

from commissioner_desk.published.disclosure import SuppressionRule
from commissioner_desk.published.protected_cube import protect_cube
from commissioner_desk.queries.map_cube import load_map_cube
from commissioner_desk.queries.series import ChartRequest, chart_data, load_series

from .test_series import ESSEX, KENT, NRM, SURREY, put, quarters, series_of

RULE = SuppressionRule(4)


def _year(db, kent: list[int], essex: list[int], surrey: list[int], first="2022-Q1") -> None:
    keys = quarters(first, len(kent))
    figures = []
    for code, values in ((KENT, kent), (ESSEX, essex), (SURREY, surrey)):
        figures += [(code, k, v, "") for k, v in zip(keys, values, strict=True)]
    put(db, figures)


def test_a_small_count_and_its_complement_are_gaps_marked_suppressed(db):
    _year(db, [3, 40], [17, 41], [260, 270])
    data = chart_data(
        db, ChartRequest(NRM, forces=(KENT, ESSEX, SURREY), include_national=True), RULE
    )
    kent, essex, surrey = (series_of(data, c) for c in (KENT, ESSEX, SURREY))
    assert kent.values == (None, 40.0) and kent.statuses[0] == "suppressed"
    assert essex.values == (None, 41.0) and essex.statuses[0] == "suppressed"  # else 280 − 3 − 260
    assert surrey.values == (260.0, 270.0)
    assert series_of(data, "national").values == (280.0, 351.0)  # the total is shown
    table = data.table()  # what the CSV export writes
    assert table[1][2:5] == ["suppressed", "suppressed", 260]
    assert not {3, 17} & {c for row in table[1:] for c in row[2:5]}
    # Without a rule (analysis, tests), every figure is there.
    raw = chart_data(db, ChartRequest(NRM, forces=(KENT,)))
    assert series_of(raw, KENT).values == (3.0, 40.0)


def test_the_chart_hides_exactly_what_the_map_hides(db):
    _year(db, [3, 40, 0, 8], [17, 2, 50, 9], [260, 270, 1, 300])
    cube = protect_cube(load_map_cube(db, NRM), RULE)
    data = load_series(db, NRM).chart(ChartRequest(NRM, forces=(KENT, ESSEX, SURREY)), RULE)
    for code in (KENT, ESSEX, SURREY):
        line = series_of(data, code)
        for key, value in zip(data.periods, line.values, strict=True):
            status, count = cube._figure(key, code)
            assert (value is None) == (status == "suppressed"), (code, key)
            if value is not None:
                assert value == (count or 0)


def test_a_small_national_total_is_hidden_on_the_fast_path_and_the_slow(db):
    put(db, [(KENT, "2023-Q1", 3, ""), (KENT, "2023-Q2", 60, ""), (ESSEX, "2023-Q2", 40, "")])
    fast = chart_data(db, ChartRequest(NRM), RULE).series[0]
    slow = load_series(db, NRM).chart(ChartRequest(NRM), RULE).series[0]
    assert fast.values == slow.values == (None, 100.0)
    assert fast.statuses[0] == slow.statuses[0] == "suppressed"


def test_rates_and_changes_of_hidden_counts_are_hidden(db):
    _year(db, [30, 31, 32, 33, 2], [50, 51, 52, 53, 54], [70, 71, 72, 73, 74])
    rates = chart_data(db, ChartRequest(NRM, forces=(KENT,), measure="rate"), RULE)
    assert series_of(rates, KENT).values[-1] is None
    assert series_of(rates, KENT).statuses[-1] == "suppressed"
    change = chart_data(db, ChartRequest(NRM, forces=(KENT, ESSEX), change=True), RULE)
    # 2023-Q1 against 2022-Q1: Kent's 2 (and Essex's 54, its complement) are hidden.
    assert series_of(change, KENT).values[-1] is None
    assert series_of(change, ESSEX).values[-1] is None
    assert "suppressed" in series_of(change, KENT).statuses[-1]


def test_a_year_or_rolling_sum_over_a_hidden_quarter_is_hidden(db):
    # Kent's 2022-Q3 is 2: the year's sum, less the three quarters shown, would give it back.
    _year(db, [30, 31, 2, 33], [50, 51, 52, 53], [70, 71, 72, 73])
    years = chart_data(
        db, ChartRequest(NRM, forces=(KENT, SURREY), granularity="calendar_year"), RULE
    )
    assert series_of(years, KENT).values == (None,)
    assert series_of(years, SURREY).values == (286.0,)
    rolling = chart_data(db, ChartRequest(NRM, forces=(KENT,), rolling=True), RULE)
    assert series_of(rolling, KENT).values[-1] is None
    unprotected = chart_data(db, ChartRequest(NRM, forces=(KENT,), rolling=True))
    assert series_of(unprotected, KENT).values[-1] == 96.0


def test_stacked_parts_each_hide_a_small_national_figure(db):
    put(
        db,
        [
            (KENT, "2023-Q1", 2, "age=child"),
            (KENT, "2023-Q1", 60, "age=adult"),
            (ESSEX, "2023-Q1", 80, "age=adult"),
        ],
    )
    data = chart_data(db, ChartRequest(NRM, stack_by="age"), RULE)
    parts = {s.key: s for s in data.series}
    assert parts["child"].values == (None,) and parts["child"].statuses == ("suppressed",)
    assert parts["adult"].values == (140.0,)
